// Events for dialects without an events API: successive snapshots of a job (job state,
// progress, node/device/step/task states and messages) turned into the changes between them.
// Pure and VS Code-free; the tail polls, feeds each snapshot in and prints what comes out.
//
// - Every entity (the job, each target by its path of ids) keeps a fingerprint; an event is
//   emitted only when it changes, so a repeated snapshot yields nothing and a snapshot missed
//   during a network error is collapsed into the next one instead of lost.
// - The first snapshot reports the job's state and every target that has left its initial
//   pending state (a job with 1,000 waiting nodes does not print 1,000 lines up front).
// - Order within one snapshot: a parent that is still active comes before its children
//   ("device sw1 running", then its steps); a parent that has ended comes after them ("step
//   3 failed", then "device sw1 failed"). The job itself follows the same rule.
// - Ids are "1", "2", … from the deriver's counter: unique and increasing for one tail.
import type { EventLevel, Job, JobEvent, JobState, JobTarget } from './model';
import { FINAL_STATES } from './model';

export type Snapshot = Job & { targets?: JobTarget[] };

function isEnded(state: JobState): boolean {
  return FINAL_STATES.has(state);
}

function levelOf(state: JobState): EventLevel {
  if (state === 'failed') return 'error';
  if (state === 'stopped' || state === 'stopping' || state === 'unknown') return 'warning';
  return 'info';
}

function jobPrint(job: Job): string {
  // No state word is the start of another, so state and raw state read back one way however joined.
  // Stryker disable next-line StringLiteral: equivalent (see above)
  return [job.state, job.rawState].join('\u0000');
}

function progressPrint(job: Job): string | undefined {
  return job.progress ? `${job.progress.done}/${job.progress.total}` : undefined;
}

function targetPrint(t: JobTarget): string {
  return [t.state, t.rawState, t.message ?? ''].join('\u0000');
}

export class EventDeriver {
  private readonly seen = new Map<string, string>();
  private seq: number;
  private first = true;

  /** `lastId`: continue numbering after an earlier deriver's last event. */
  constructor(lastId = 0) {
    this.seq = lastId;
  }

  get lastId(): number {
    return this.seq;
  }

  /** The events that happened between the previous snapshot and this one. */
  next(snapshot: Snapshot, now: number = Date.now()): JobEvent[] {
    const out: JobEvent[] = [];
    const first = this.first;
    this.first = false;

    const jobEvents: JobEvent[] = [];
    const jp = jobPrint(snapshot);
    if (this.seen.get('job') !== jp) {
      this.seen.set('job', jp);
      jobEvents.push(
        this.event(
          'job_state',
          `Job ${snapshot.rawState || snapshot.state}`,
          snapshotTime(snapshot, now),
          levelOf(snapshot.state),
        ),
      );
    }
    const pp = progressPrint(snapshot);
    const progressEvents: JobEvent[] = [];
    if (pp !== undefined && this.seen.get('progress') !== pp) {
      const had = this.seen.has('progress');
      this.seen.set('progress', pp);
      // The first progress is part of the job's state line; later ones are their own events.
      if (had || !first) progressEvents.push(this.event('job_progress', `Progress ${pp}`, now, 'info'));
    }

    const targetEvents: JobEvent[] = [];
    // Stryker disable next-line StringLiteral: equivalent (any root works: target keys start with it and a "/", the job's own keys have none)
    for (const t of snapshot.targets ?? []) this.walk(t, 'target', undefined, first, now, targetEvents);

    if (isEnded(snapshot.state)) out.push(...progressEvents, ...targetEvents, ...jobEvents);
    else out.push(...jobEvents, ...progressEvents, ...targetEvents);
    // Ids were taken in creation order; renumber in output order so they increase as printed.
    const base = this.seq - out.length;
    out.forEach((e, i) => (e.id = String(base + i + 1)));
    return out;
  }

  private walk(
    t: JobTarget,
    parentKey: string,
    top: string | undefined,
    first: boolean,
    now: number,
    out: JobEvent[],
  ): void {
    const key = `${parentKey}/${t.kind}:${t.id || t.name}`;
    const print = targetPrint(t);
    const before = this.seen.get(key);
    const own: JobEvent[] = [];
    if (before !== print) {
      this.seen.set(key, print);
      const quietStart = first && t.state === 'pending';
      if (!quietStart) {
        const node = top ?? t.name;
        const message = `${t.kind} ${t.name}: ${t.rawState || t.state}${t.message ? ` — ${t.message}` : ''}`;
        const e = this.event(`${t.kind}_state`, message, targetTime(t, now), levelOf(t.state));
        e.node = node;
        own.push(e);
      }
    }
    const children: JobEvent[] = [];
    for (const c of t.children ?? []) this.walk(c, key, top ?? t.name, first, now, children);
    if (isEnded(t.state)) out.push(...children, ...own);
    else out.push(...own, ...children);
  }

  private event(type: string, message: string, time: number, level: EventLevel): JobEvent {
    return { id: String(++this.seq), time, type, message, level };
  }
}

function snapshotTime(job: Job, now: number): number {
  if (isEnded(job.state)) return job.finishedAt ?? now;
  if (job.state === 'running') return job.startedAt ?? now;
  return now;
}

function targetTime(t: JobTarget, now: number): number {
  if (isEnded(t.state)) return t.finishedAt ?? now;
  if (t.state === 'running') return t.startedAt ?? now;
  return now;
}

/** Orders two event ids: numerically when both are numbers, else as text. */
export function compareEventIds(a: string, b: string): number {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) {
    const x = a.replace(/^0+(?=\d)/, '');
    const y = b.replace(/^0+(?=\d)/, '');
    return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
