// Follows one job's events until the job ends or someone stops it. No VS Code here: the tail
// session prints what this delivers, and unit tests drive it against a loopback server.
//
// - Event APIs (capabilities.events): `getEvents(id, cursor)` every second; the cursor only
//   moves after a page was delivered, so an error, a restart of the server or a stop in the
//   middle neither skips nor repeats an event. A page with events is followed at once by the
//   next one (a backlog of thousands drains quickly). While the stream is quiet the job's
//   state is read every `stateCheckMs`; once it is final, one more empty page ends the tail.
// - Other dialects: the job's detail is polled (2 s while active, the user's interval
//   otherwise) and EventDeriver turns state changes into events. It ends on a final state.
// - Whatever the source, an event whose id is not above the last one delivered is dropped:
//   no duplicate reaches the output even if a server re-sends a page.
// - Network errors, 5xx and timeouts are retried with backoff (1 s doubling to 30 s) and
//   reported once per streak; a job that is gone, a call the server does not support, or a
//   refused token origin end the tail.
import * as l10n from '@vscode/l10n';
import type { JobsAdapter } from '../../client/adapter';
import { compareEventIds, EventDeriver } from '../../client/derivedEvents';
import { isJobdeckError, JobdeckError } from '../../client/errors';
import { ACTIVE_STATES, FINAL_STATES, JobEvent, JobState } from '../../client/model';

type TailMode = 'events' | 'derived';

export interface TailEnd {
  reason: 'finished' | 'stopped' | 'failed';
  state?: JobState;
  rawState?: string;
  error?: JobdeckError;
}

export interface TailSink {
  events(events: JobEvent[]): void;
  /** Lost contact (with the error and the wait before the next try) or back in contact. */
  connection(status: 'lost' | 'back', error?: JobdeckError, retryInMs?: number): void;
}

export interface FollowerOptions {
  adapter: JobsAdapter;
  jobId: string;
  sink: TailSink;
  /** Event APIs: wait between polls of a quiet stream. Default 1000. */
  eventIntervalMs?: number;
  /** Derived events: wait between snapshots, by the job's state. Default 2 s active, 10 s else. */
  derivedIntervalMs?: (state: JobState | undefined) => number;
  /** Event APIs: how often a quiet stream checks whether the job has ended. Default 5000. */
  stateCheckMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

const FATAL = new Set(['notFound', 'unsupported', 'invalid', 'untrusted']);

export class TailFollower {
  readonly mode: TailMode;
  /** Where the event API resumes (events mode). */
  cursor?: string;
  /** Id of the last event delivered. */
  lastId?: string;
  delivered = 0;
  state?: JobState;
  rawState?: string;
  /** Consecutive failed polls. */
  failures = 0;
  readonly done: Promise<TailEnd>;
  private readonly controller = new AbortController();
  private readonly deriver = new EventDeriver();
  private resolveDone!: (end: TailEnd) => void;
  private started = false;
  private wake?: () => void;

  constructor(private readonly o: FollowerOptions) {
    this.mode = o.adapter.capabilities.events ? 'events' : 'derived';
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  start(): this {
    if (this.started) return this;
    this.started = true;
    void (this.mode === 'events' ? this.followEvents() : this.followDerived()).then(
      (end) => this.resolveDone(end),
      (e: unknown) => this.resolveDone({ reason: 'failed', error: asError(e, this.o.adapter, this.o.jobId) }),
    );
    return this;
  }

  stop(): void {
    this.controller.abort();
    this.wake?.();
  }

  private async followEvents(): Promise<TailEnd> {
    const { adapter, jobId } = this.o;
    const interval = this.o.eventIntervalMs ?? 1000;
    const checkEvery = this.o.stateCheckMs ?? 5000;
    let lastCheck = -Infinity;
    let finalSeen = false;
    // Polls start one interval apart, not an interval after the last one ended: an event then
    // waits at most one interval plus one request, however slow the server answers.
    let cycleStart = Date.now();
    while (!this.stopped) {
      let drain = false;
      let wait: number | undefined;
      try {
        const page = await adapter.getEvents(jobId, this.cursor, this.controller.signal);
        this.deliver(page.events);
        this.cursor = page.cursor;
        this.recovered();
        // The events call is not paged (one answer holds all since the cursor): a page with
        // events needs no second call before the next tick.
        if (page.events.length) {
          if (finalSeen) drain = true;
        } else if (finalSeen) {
          return this.end('finished');
        } else if (Date.now() - lastCheck >= checkEvery) {
          lastCheck = Date.now();
          const job = await adapter.getJob(jobId, this.controller.signal);
          this.state = job.state;
          this.rawState = job.rawState;
          // Drain what the server wrote before it ended, then stop.
          if (FINAL_STATES.has(job.state)) {
            finalSeen = true;
            drain = true;
          }
        }
      } catch (e) {
        const end = this.failed(e);
        if (end) return end;
        wait = this.backoff();
      }
      if (drain) wait = 0;
      else wait ??= Math.max(0, interval - (Date.now() - cycleStart));
      await this.sleep(wait);
      if (!drain) cycleStart = Date.now();
    }
    return this.end('stopped');
  }

  private async followDerived(): Promise<TailEnd> {
    const { adapter, jobId } = this.o;
    const intervalOf =
      this.o.derivedIntervalMs ?? ((s: JobState | undefined) => (s && ACTIVE_STATES.has(s) ? 2000 : 10_000));
    while (!this.stopped) {
      let wait: number;
      try {
        const detail = await adapter.getJob(jobId, this.controller.signal);
        this.state = detail.state;
        this.rawState = detail.rawState;
        this.deliver(this.deriver.next(detail));
        this.recovered();
        if (FINAL_STATES.has(detail.state)) return this.end('finished');
        wait = intervalOf(detail.state);
      } catch (e) {
        const end = this.failed(e);
        if (end) return end;
        wait = this.backoff();
      }
      await this.sleep(wait);
    }
    return this.end('stopped');
  }

  private deliver(events: readonly JobEvent[]): void {
    const fresh: JobEvent[] = [];
    for (const e of events) {
      if (this.lastId !== undefined && compareEventIds(e.id, this.lastId) <= 0) continue;
      this.lastId = e.id;
      fresh.push(e);
    }
    if (!fresh.length) return;
    this.delivered += fresh.length;
    this.o.sink.events(fresh);
  }

  private recovered(): void {
    if (this.failures) {
      this.failures = 0;
      this.o.sink.connection('back');
    }
  }

  /** An end for errors that will not go away, else undefined (and the sink hears of it once). */
  private failed(e: unknown): TailEnd | undefined {
    if (this.stopped) return this.end('stopped');
    const err = asError(e, this.o.adapter, this.o.jobId);
    if (FATAL.has(err.code)) return { ...this.end('failed'), error: err };
    this.failures++;
    if (this.failures === 1) this.o.sink.connection('lost', err, this.backoffFor(1));
    return undefined;
  }

  private backoff(): number {
    return this.backoffFor(this.failures);
  }

  private backoffFor(failures: number): number {
    const base = this.o.baseBackoffMs ?? 1000;
    return Math.min(this.o.maxBackoffMs ?? 30_000, base * 2 ** Math.max(0, failures - 1));
  }

  private end(reason: TailEnd['reason']): TailEnd {
    return { reason, state: this.state, rawState: this.rawState };
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      const wake = () => done();
      this.wake = wake;
      function done() {
        clearTimeout(t);
        resolve();
      }
    });
  }
}

function asError(e: unknown, adapter: JobsAdapter, jobId: string): JobdeckError {
  if (isJobdeckError(e)) return e;
  return new JobdeckError({
    code: 'badResponse',
    connection: '',
    operation: l10n.t('follow job {0} ({1})', jobId, adapter.kind),
    detail: e instanceof Error ? e.message : String(e),
  });
}
