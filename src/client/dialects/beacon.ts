// beacon (seed 004): jobs of task lists run by "beacon" boxes, `/api/jobs`.
//
// Decisions where the doc is vague (see docs/api-dialects.md §5):
// - Auth is `userkey`, which HttpClient puts in the query of a GET and the form of a POST.
//   `action=` always travels in the query string, as the seed writes its URLs.
// - List has no paging, sort or text filter: every list call fetches the whole list and
//   localQuery.pageLocally filters, sorts and cuts it (cursor = offset). Loading a second
//   page fetches the list again; the adapter keeps no cache (adapters hold no state).
//   The owner filter is sent as `user=` (the server matches it exactly).
// - State from the timestamps (unix seconds), latest first: end_time → succeeded ("finished")
//   or failed ("failed"), start_time → running ("running"), pickup_time → running
//   ("picked up"), q_time → pending ("queued"), otherwise pending ("new").
// - A finished job failed when its `result` (a JSON array of per-task results, possibly
//   JSON-encoded, or a word) holds an item with `failed: true`, `status` "failed"/"error", or
//   an `error` field; or when it is the word fail/failed/failure/error.
// - `cur_task` is read as the number of tasks done (the 0-based index of the task under
//   way): progress is cur_task/total_tasks, and task i is done/running/waiting against it
//   until a per-task result says better.
// - Tasks: `GET /api/jobs/<id>/tasks?action=list` (the doc also says `show`: a slip).
//   Any object is a task; its name is name, type or command, else "Task <n>".
// - Start and Finish are sent as action=start / action=end (the doc's `pickup` there is a
//   slip); `end` sends `result[]` repeated, each JSON-encoded, in order.
// - Create, update and worker calls answer a job, or only `{id}`, or nothing useful: anything
//   without both an id and a name is followed by a `show`.
// - Schedule dates in the model are epoch ms; the server wants unix seconds.
// - Delete and stop do not exist in the API. Relaunch only when the job's payload carries
//   its `tasks` (the list payload does not).
import { DIALECT_INFO } from '../dialectInfo';
import type { BeaconLaunchSpec } from '../launch/beacon';
import type { BulkDeleteOutcome, DialectModule, JobsAdapter, WorkerAction } from '../adapter';
import type { ChoiceField } from '../launch/fields';
import type { HttpClient } from '../http';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../http';
import { pageLocally } from '../localQuery';
import type {
  Capabilities,
  Choice,
  DeleteResult,
  EventPage,
  Job,
  JobDetail,
  JobFailure,
  JobField,
  JobLink,
  JobState,
  JobTarget,
  JobUpdate,
  LaunchSpec,
  ListQuery,
  Page,
  StateTransition,
} from '../model';
import {
  asArray,
  asObj,
  isObj,
  Obj,
  optBool,
  optNumber,
  optString,
  ParseContext,
  parseUnixSeconds,
  reqId,
} from '../parse';

const CAPABILITIES: Capabilities = {
  list: true,
  get: true,
  nodes: true,
  diffs: false,
  launch: true,
  bulkLaunch: false,
  stop: false,
  delete: false,
  bulkDelete: false,
  events: false,
  schedule: true,
  update: true,
  serverFilter: { state: false, text: false, owner: true },
  serverSort: false,
};

const WORKER_ACTIONS: readonly WorkerAction[] = ['pickup', 'start', 'end'];
const FAIL_WORD = /^(fail|failed|failure|error|errored)$/i;

/** A value that may arrive JSON-encoded (results go through form fields as JSON text). */
function decode(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  // Too deep to be a result: kept as text (JSON.stringify and webview messages would overflow).
  if (!/^[[{"]/.test(t) || jsonDepthExceeds(t, MAX_JSON_DEPTH)) return v;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return v;
  }
}

/** Why one task result counts as a failure, or undefined when it does not. */
export function failureOf(item: unknown): string | undefined {
  const v = decode(item);
  if (typeof v === 'string') return FAIL_WORD.test(v.trim()) ? v.trim() : undefined;
  if (!isObj(v)) return undefined;
  const status = optString(v.status)?.toLowerCase();
  const hasError = v.error !== undefined && v.error !== null && v.error !== '' && v.error !== false;
  if (!hasError && optBool(v.failed) !== true && status !== 'failed' && status !== 'error') return undefined;
  return (
    optString(v.error) || optString(v.message) || (hasError ? JSON.stringify(v.error) : `status ${status ?? 'failed'}`)
  );
}

/** The job's result as a list of per-task results ([] when it is a word or absent). */
function resultItems(result: unknown): unknown[] {
  const r = decode(result);
  if (Array.isArray(r)) return r.map(decode);
  return [];
}

function jobFailure(result: unknown): JobFailure | undefined {
  const r = decode(result);
  const items = Array.isArray(r) ? r : r === undefined || r === null || r === '' ? [] : [r];
  for (const [i, item] of items.entries()) {
    const why = failureOf(item);
    if (why !== undefined) return { message: Array.isArray(r) ? `task ${i + 1}: ${why}` : `result: ${why}` };
  }
  return undefined;
}

function stateOf(o: Obj): { state: JobState; rawState: string } {
  if (parseUnixSeconds(o.end_time) !== undefined) {
    return jobFailure(o.result)
      ? { state: 'failed', rawState: 'failed' }
      : { state: 'succeeded', rawState: 'finished' };
  }
  if (parseUnixSeconds(o.start_time) !== undefined) return { state: 'running', rawState: 'running' };
  if (parseUnixSeconds(o.pickup_time) !== undefined) return { state: 'running', rawState: 'picked up' };
  if (parseUnixSeconds(o.q_time) !== undefined) return { state: 'pending', rawState: 'queued' };
  return { state: 'pending', rawState: 'new' };
}

export function parseJob(v: unknown, ctx: ParseContext, field = '(response)'): Job {
  const o = asObj(v, ctx, field);
  const id = reqId(o.id, ctx, field === '(response)' ? 'id' : `${field}.id`);
  const beacon = optString(o.beacon_name);
  const user = optString(o.user);
  const total = optNumber(o.total_tasks);
  const cur = optNumber(o.cur_task) ?? 0;
  const progress = total !== undefined && total > 0 ? { done: Math.min(total, Math.max(0, cur)), total } : undefined;
  const fields: JobField[] = [];
  if (beacon) fields.push({ label: 'Beacon', value: beacon });
  if (user) fields.push({ label: 'User', value: user });
  const word = decode(o.result);
  if (typeof word === 'string' && word.trim()) fields.push({ label: 'Result', value: word.trim() });
  const links: JobLink[] = [];
  const dup = optString(o.duplicate_of);
  if (dup && dup !== '0') links.push({ label: 'Duplicate of', jobId: dup });
  const summary = [beacon && `beacon ${beacon}`, progress && `${progress.done}/${progress.total} tasks`]
    .filter(Boolean)
    .join(' · ');
  return {
    id,
    name: optString(o.name) || `Job ${id}`,
    ...stateOf(o),
    createdAt: parseUnixSeconds(o.add_time),
    startedAt: parseUnixSeconds(o.start_time),
    finishedAt: parseUnixSeconds(o.end_time),
    owner: user,
    summary: summary || undefined,
    progress,
    fields,
    links: links.length ? links : undefined,
    raw: v,
  };
}

function timelineOf(o: Obj, job: Job): StateTransition[] {
  const steps: [unknown, JobState, string][] = [
    [o.add_time, 'pending', 'new'],
    [o.q_time, 'pending', 'queued'],
    [o.pickup_time, 'running', 'picked up'],
    [o.start_time, 'running', 'running'],
    [o.end_time, job.state, job.rawState],
  ];
  const out: StateTransition[] = [];
  for (const [stamp, state, rawState] of steps) {
    const at = parseUnixSeconds(stamp);
    if (at === undefined) continue;
    if (out.length) out[out.length - 1].exitedAt = at;
    out.push({ state, rawState, enteredAt: at });
  }
  return out;
}

export function parseTasks(v: unknown, job: Job, ctx: ParseContext): JobTarget[] {
  const list = asArray(v, ctx, 'tasks').map((t, i) => asObj(t, ctx, `tasks[${i}]`));
  // Order by `seq` where the server gives it: results and cur_task follow task order.
  const ordered = list.every((t) => optNumber(t.seq) !== undefined)
    ? [...list].sort((a, b) => Number(a.seq) - Number(b.seq))
    : list;
  const raw = isObj(job.raw) ? job.raw : {};
  const results = resultItems(raw.result);
  const ended = job.state === 'succeeded' || job.state === 'failed';
  const started = parseUnixSeconds(raw.start_time) !== undefined;
  const cur = optNumber(raw.cur_task) ?? 0;
  return ordered.map((t, i) => {
    const n = i + 1;
    const own = t.result !== undefined && t.result !== null ? decode(t.result) : results[i];
    let state: JobState;
    let rawState: string;
    let message: string | undefined;
    if (own !== undefined && own !== null) {
      message = failureOf(own);
      [state, rawState] = message !== undefined ? ['failed', 'failed'] : ['succeeded', 'done'];
    } else if (ended) [state, rawState] = ['unknown', 'no result'];
    else if (started && i < cur) [state, rawState] = ['succeeded', 'done'];
    else if (started && i === cur) [state, rawState] = ['running', 'running'];
    else [state, rawState] = ['pending', 'waiting'];
    const command = [
      optString(t.command),
      ...(Array.isArray(t.args)
        ? t.args.map((a) => optString(a) ?? JSON.stringify(a))
        : optString(t.args)
          ? [optString(t.args)]
          : []),
    ]
      .filter(Boolean)
      .join(' ');
    return {
      id: optString(t.id) || optString(t.seq) || String(n),
      name: optString(t.name) || optString(t.type) || optString(t.command) || `Task ${n}`,
      kind: 'task',
      state,
      rawState,
      message: message ?? (command || undefined),
      result: own !== undefined && own !== null && typeof own !== 'string' ? own : undefined,
      resultText: typeof own === 'string' ? own : undefined,
    };
  });
}

class BeaconAdapter implements JobsAdapter {
  readonly kind = 'beacon' as const;
  readonly capabilities = CAPABILITIES;

  constructor(private readonly http: HttpClient) {}

  private ctx(operation: string): ParseContext {
    return { connection: this.http.connection.name, operation };
  }

  private async allJobs(owner: string | undefined, signal?: AbortSignal): Promise<Job[]> {
    const operation = 'list jobs';
    const res = await this.http.request({
      method: 'GET',
      path: '/api/jobs',
      query: { action: 'list', user: owner || undefined },
      operation,
      signal,
    });
    const ctx = this.ctx(operation);
    return asArray(res.data, ctx, 'jobs').map((j, i) => parseJob(j, ctx, `jobs[${i}]`));
  }

  async listJobs(query: ListQuery, signal?: AbortSignal): Promise<Page<Job>> {
    return pageLocally(await this.allJobs(query.filter?.owner, signal), query);
  }

  private async show(id: string, operation: string, signal?: AbortSignal): Promise<Job> {
    const res = await this.http.request({
      method: 'GET',
      path: `/api/jobs/${encodeURIComponent(id)}`,
      query: { action: 'show' },
      operation,
      signal,
    });
    return parseJob(res.data, this.ctx(operation));
  }

  async getJob(id: string, signal?: AbortSignal): Promise<JobDetail> {
    const operation = `get job ${id}`;
    const [job, tasks] = await Promise.all([
      this.show(id, operation, signal),
      this.http.request({
        method: 'GET',
        path: `/api/jobs/${encodeURIComponent(id)}/tasks`,
        query: { action: 'list' },
        operation: `list tasks of job ${id}`,
        signal,
      }),
    ]);
    const raw = job.raw as Obj;
    return {
      ...job,
      timeline: timelineOf(raw, job),
      targets: parseTasks(tasks.data, job, this.ctx(`list tasks of job ${id}`)),
      failure: job.state === 'failed' ? jobFailure(raw.result) : undefined,
    };
  }

  async getTargets(id: string, signal?: AbortSignal): Promise<JobTarget[]> {
    // Task states need the job's cur_task and results: the job is read with them.
    return (await this.getJob(id, signal)).targets;
  }

  getEvents(id: string): Promise<EventPage> {
    return Promise.reject(this.http.error('unsupported', `follow events of job ${id}`, 'beacon has no events API'));
  }

  /** A job from an answer that may be the job, only `{id}`, or nothing useful. */
  private async answered(data: unknown, id: string | undefined, operation: string, signal?: AbortSignal): Promise<Job> {
    const ctx = this.ctx(operation);
    if (isObj(data) && data.id !== undefined && data.name !== undefined) return parseJob(data, ctx);
    const known = isObj(data) && data.id !== undefined ? reqId(data.id, ctx, 'id') : id;
    if (known === undefined) throw this.http.error('badResponse', operation, 'the answer names no job', 'id');
    return this.show(known, operation, signal);
  }

  async launch(spec: LaunchSpec, signal?: AbortSignal): Promise<Job> {
    const operation = 'create job';
    if (spec.kind !== 'beacon')
      throw this.http.error('invalid', operation, `a ${spec.kind} launch spec was given to a beacon connection`);
    if (!spec.name) throw this.http.error('invalid', operation, 'a name is required');
    const form: Record<string, string | undefined> = {
      name: spec.name,
      beacon_name: spec.beaconName,
      tasks: JSON.stringify(spec.tasks),
    };
    if (spec.queue) form.q = '1';
    const s = spec.schedule;
    if (s) {
      const secs = (ms: number | undefined) => (ms === undefined ? undefined : String(Math.floor(ms / 1000)));
      Object.assign(form, {
        schedule: '1',
        start_date: secs(s.startDate),
        end_date: secs(s.endDate),
        min: s.min,
        hour: s.hour,
        dom: s.dom,
        dow: s.dow,
        month: s.month,
      });
    }
    const res = await this.http.request({
      method: 'POST',
      path: '/api/jobs',
      query: { action: 'create' },
      form,
      operation,
      signal,
    });
    return this.answered(res.data, undefined, operation, signal);
  }

  bulkLaunch(): Promise<Job[]> {
    return Promise.reject(this.http.error('unsupported', 'bulk launch jobs', 'beacon has no bulk launch'));
  }

  relaunchSpec(job: Job): LaunchSpec | undefined {
    if (!isObj(job.raw)) return undefined;
    const tasks = decode(job.raw.tasks);
    if (!Array.isArray(tasks)) return undefined;
    return {
      kind: 'beacon',
      name: job.name,
      beaconName: optString(job.raw.beacon_name) || undefined,
      tasks,
      queue: true,
    };
  }

  stop(job: Job): Promise<void> {
    return Promise.reject(this.http.error('unsupported', `stop job ${job.id}`, 'beacon has no way to stop a job'));
  }

  deleteJob(id: string): Promise<DeleteResult> {
    return Promise.reject(this.http.error('unsupported', `delete job ${id}`, 'beacon has no way to delete a job'));
  }

  bulkDelete(): Promise<BulkDeleteOutcome> {
    return Promise.reject(this.http.error('unsupported', 'bulk delete jobs', 'beacon has no way to delete a job'));
  }

  async update(id: string, update: JobUpdate, signal?: AbortSignal): Promise<Job> {
    const operation = `update job ${id}`;
    if (update.name !== undefined || update.scheduleId !== undefined || update.stackId !== undefined) {
      throw this.http.error(
        'invalid',
        operation,
        'beacon can change only the current task and whether a schedule is active',
      );
    }
    const form: Record<string, string | undefined> = {
      curtask: update.curTask === undefined ? undefined : String(update.curTask),
      schedule_active: update.enabled === undefined ? undefined : update.enabled ? '1' : '0',
    };
    if (form.curtask === undefined && form.schedule_active === undefined)
      throw this.http.error('invalid', operation, 'nothing to update');
    const res = await this.http.request({
      method: 'POST',
      path: `/api/jobs/${encodeURIComponent(id)}`,
      query: { action: 'update' },
      form,
      operation,
      signal,
    });
    return this.answered(res.data, id, operation, signal);
  }

  async workerAction(id: string, action: WorkerAction, results?: unknown[], signal?: AbortSignal): Promise<Job> {
    const operation = `${action} job ${id}`;
    if (!WORKER_ACTIONS.includes(action))
      throw this.http.error('invalid', operation, `unknown worker action "${String(action)}"`);
    if (results !== undefined && action !== 'end')
      throw this.http.error('invalid', operation, 'results go only with end');
    const form = { 'result[]': (results ?? []).map((r) => JSON.stringify(r)) };
    const res = await this.http.request({
      method: 'POST',
      path: `/api/jobs/${encodeURIComponent(id)}`,
      query: { action },
      form,
      operation,
      signal,
    });
    return this.answered(res.data, id, operation, signal);
  }

  async listScheduled(signal?: AbortSignal): Promise<{ id: string; name: string; active: boolean }[]> {
    const operation = 'list scheduled jobs';
    const res = await this.http.request({
      method: 'GET',
      path: '/api/jobs/scheduled',
      query: { action: 'list' },
      operation,
      signal,
    });
    const ctx = this.ctx(operation);
    return asArray(res.data, ctx, 'scheduled').map((item, i) => {
      const o = asObj(item, ctx, `scheduled[${i}]`);
      const id = reqId(o.id, ctx, `scheduled[${i}].id`);
      return { id, name: optString(o.name) || `Scheduled job ${id}`, active: optBool(o.active) ?? false };
    });
  }

  async listChoices(field: ChoiceField, signal?: AbortSignal): Promise<Choice[]> {
    if (field !== 'beacon') return [];
    const names = new Set<string>();
    for (const job of await this.allJobs(undefined, signal)) {
      const name = isObj(job.raw) ? optString(job.raw.beacon_name) : undefined;
      if (name) names.add(name);
    }
    return [...names].sort((a, b) => a.localeCompare(b)).map((name) => ({ id: name, label: name }));
  }

  webUrl(): string | undefined {
    return undefined;
  }
}

export const dialect: DialectModule<'beacon'> = {
  ...DIALECT_INFO.beacon,
  create: (http) => new BeaconAdapter(http),
};

declare module '../model' {
  interface Dialects {
    beacon: BeaconLaunchSpec;
  }
}
