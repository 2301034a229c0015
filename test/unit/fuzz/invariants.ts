// What every parse result must look like, whatever the server sent: the promises the domain
// model makes to the views (valid states, finite in-range times, http(s)-only links, strings
// where strings are expected), checked through the same formatters the tree and panel use.
import * as assert from 'node:assert/strict';
import { JobdeckError } from '../../../src/client/errors';
import { EventPage, Job, JobDetail, JobTarget, JOB_STATES, StateTransition } from '../../../src/client/model';
import { dateTime, duration, isoTime, oneLine, relativeTime } from '../../../src/shared/format';

const STATES = new Set<string>(JOB_STATES);
const TARGET_KINDS = new Set(['node', 'device', 'step', 'task']);
const LEVELS = new Set(['info', 'warning', 'error']);
/** ECMAScript's Date range. */
const MAX_TIME = 8.64e15;

/** A thrown value must be a JobdeckError with a bounded, printable message. */
export function checkError(e: unknown, secrets: readonly string[] = []): JobdeckError {
  if (!(e instanceof JobdeckError)) {
    const what = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e);
    assert.fail(`threw something other than a JobdeckError: ${what.slice(0, 2000)}`);
  }
  assert.equal(typeof e.message, 'string');
  assert.ok(e.message.length < 4_000, `error message of ${e.message.length} chars`);
  for (const s of secrets) {
    assert.ok(!e.message.includes(s), 'the token is in an error message');
    assert.ok(!String(e.stack).includes(s), 'the token is in an error stack');
    assert.ok(!JSON.stringify({ ...e }).includes(s), 'the token is in an error field');
  }
  return e;
}

function str(v: unknown, what: string): void {
  assert.equal(typeof v, 'string', `${what} is ${typeof v}`);
}

function optStr(v: unknown, what: string): void {
  if (v !== undefined) str(v, what);
}

function time(v: unknown, what: string): void {
  if (v === undefined) return;
  assert.equal(typeof v, 'number', `${what} is ${typeof v}`);
  assert.ok(
    Number.isFinite(v) && Math.abs(v as number) <= MAX_TIME,
    `${what} = ${String(v)} is not a time a Date can hold`,
  );
  isoTime(v as number);
  relativeTime(v as number, 'en');
  dateTime(v as number, 'de');
}

function finite(v: unknown, what: string): void {
  if (v === undefined) return;
  assert.ok(typeof v === 'number' && Number.isFinite(v), `${what} = ${String(v)} is not a finite number`);
}

/** Links the panel may offer: only http(s), never javascript:/data:/file:. */
function webUrl(v: unknown, what: string): void {
  if (v === undefined) return;
  str(v, what);
  assert.match(v as string, /^https?:\/\//i, `${what} is not an http(s) URL: ${String(v).slice(0, 80)}`);
}

/** What the panel does with a model object: post it as JSON. It must survive that. */
export function serializable(v: unknown, what: string): void {
  let text: string | undefined;
  try {
    text = JSON.stringify(v);
  } catch (e) {
    assert.fail(`${what} cannot be serialized for the webview: ${(e as Error).message}`);
  }
  assert.ok(text === undefined || typeof text === 'string');
}

export function checkJob(job: Job, what = 'job'): void {
  str(job.id, `${what}.id`);
  assert.ok(job.id.length > 0, `${what}.id is empty`);
  str(job.name, `${what}.name`);
  assert.ok(STATES.has(job.state), `${what}.state = ${String(job.state)}`);
  str(job.rawState, `${what}.rawState`);
  for (const k of ['createdAt', 'startedAt', 'finishedAt', 'nextRunAt'] as const) time(job[k], `${what}.${k}`);
  optStr(job.owner, `${what}.owner`);
  optStr(job.summary, `${what}.summary`);
  if (job.progress !== undefined) {
    finite(job.progress.done, `${what}.progress.done`);
    finite(job.progress.total, `${what}.progress.total`);
  }
  if (job.targetCounts !== undefined)
    for (const [k, n] of Object.entries(job.targetCounts)) finite(n, `${what}.targetCounts.${k}`);
  for (const f of job.fields ?? []) {
    str(f.label, `${what}.fields[].label`);
    str(f.value, `${what}.fields[].value`);
  }
  for (const l of job.links ?? []) {
    str(l.label, `${what}.links[].label`);
    optStr(l.jobId, `${what}.links[].jobId`);
    webUrl(l.url, `${what}.links[].url`);
  }
  // The tree row: one line of name, summary and owner.
  oneLine(job.name);
  oneLine(job.summary ?? '');
}

export function checkTarget(t: JobTarget, what = 'target', depth = 0): void {
  assert.ok(depth < 4, `${what}: targets nested ${depth} deep`);
  str(t.id, `${what}.id`);
  str(t.name, `${what}.name`);
  assert.ok(TARGET_KINDS.has(t.kind), `${what}.kind = ${String(t.kind)}`);
  assert.ok(STATES.has(t.state), `${what}.state = ${String(t.state)}`);
  str(t.rawState, `${what}.rawState`);
  time(t.startedAt, `${what}.startedAt`);
  time(t.finishedAt, `${what}.finishedAt`);
  finite(t.durationMs, `${what}.durationMs`);
  if (t.durationMs !== undefined) duration(t.durationMs);
  optStr(t.message, `${what}.message`);
  optStr(t.resultText, `${what}.resultText`);
  optStr(t.diff, `${what}.diff`);
  webUrl(t.reportUrl, `${what}.reportUrl`);
  (t.children ?? []).forEach((c, i) => checkTarget(c, `${what}.children[${i}]`, depth + 1));
}

function checkTimeline(timeline: StateTransition[], what: string): void {
  assert.ok(Array.isArray(timeline), `${what}.timeline is not a list`);
  timeline.forEach((s, i) => {
    assert.ok(STATES.has(s.state), `${what}.timeline[${i}].state = ${String(s.state)}`);
    str(s.rawState, `${what}.timeline[${i}].rawState`);
    time(s.enteredAt, `${what}.timeline[${i}].enteredAt`);
    time(s.exitedAt, `${what}.timeline[${i}].exitedAt`);
  });
}

export function checkDetail(d: JobDetail, what = 'detail'): void {
  checkJob(d, what);
  checkTimeline(d.timeline, what);
  assert.ok(Array.isArray(d.targets), `${what}.targets is not a list`);
  d.targets.forEach((t, i) => checkTarget(t, `${what}.targets[${i}]`));
  if (d.failure !== undefined) {
    str(d.failure.message, `${what}.failure.message`);
    optStr(d.failure.traceback, `${what}.failure.traceback`);
  }
  serializable(d, what);
}

export function checkEvents(p: EventPage, what = 'events', after?: number): void {
  str(p.cursor, `${what}.cursor`);
  let last = after === undefined ? -Infinity : after - 1;
  p.events.forEach((e, i) => {
    str(e.id, `${what}[${i}].id`);
    str(e.type, `${what}[${i}].type`);
    str(e.message, `${what}[${i}].message`);
    optStr(e.node, `${what}[${i}].node`);
    assert.ok(LEVELS.has(e.level), `${what}[${i}].level = ${String(e.level)}`);
    time(e.time, `${what}[${i}].time`);
    // Resuming must neither repeat nor go back: ids strictly increase from the start asked for.
    const n = Number(e.id);
    assert.ok(Number.isInteger(n) && n > last, `${what}[${i}].id ${e.id} does not follow ${last}`);
    last = n;
  });
  const cursor = Number(p.cursor);
  assert.ok(Number.isInteger(cursor), `${what}.cursor = ${p.cursor}`);
  if (p.events.length) assert.ok(cursor > last, `${what}.cursor ${p.cursor} would repeat event ${last}`);
}

export function checkJobs(jobs: Job[], what = 'jobs'): void {
  assert.ok(Array.isArray(jobs), `${what} is not a list`);
  jobs.forEach((j, i) => checkJob(j, `${what}[${i}]`));
  serializable(jobs, what);
}
