// beacon (seed 004): jobs of task lists run by "beacon" boxes, `/api/jobs`.
//
// Decisions where the doc is vague (see docs/api-dialects.md §5):
// - Auth is `userkey`, which HttpClient puts in the query of a GET and the form of a POST.
//   `action=` always travels in the query string, as the seed writes its URLs.
// - List has no paging, sort or text filter: every list call fetches the whole list and
//   localQuery.pageLocally filters, sorts and cuts it (cursor = offset). Loading a second
//   page fetches the list again; the adapter keeps no cache (adapters hold no state).
//   The owner filter is sent as `user=` (the server matches it exactly), and the seed's other
//   filter parameters (beacon_name, name, result, cur_task, …) as themselves when a user picks
//   them (exact values: the server compares them as they are).
// - State from the timestamps (unix seconds), latest first: end_time → ended (below),
//   start_time → running ("running"), pickup_time → running ("picked up"), q_time → pending
//   ("queued"), otherwise pending ("new").
// - An ended job's `result` is what Finish Job posted as `result[]`: the task results (JSON
//   objects), stored as a JSON array, possibly JSON-encoded; older workers post a word. It
//   decides only where it says so: failed ("failed") when a task result reports a failure
//   (`failed: true`, `success`/`ok: false`, `status` failed/error, a non-empty `error`, a
//   non-zero exit code) or the word is a failure word; succeeded ("finished") only when every
//   task has a result and all report success (`status` ok/success/passed/done…, `success`/
//   `ok: true`, exit code 0) or the word is a success word; stopped when the word is an abort
//   word ("aborted", "cancelled"…). Anything else keeps the server's word (or "finished"
//   when it posted task results that say neither) and the neutral state `unknown`: an
//   unknown word is not a success. (An earlier version called every ended job without a
//   failure "succeeded", aborted ones included.)
// - `cur_task` is "the task that is currently being processed" (Update Job), counted from 1:
//   0 is none yet, which is what a new job has. While a job runs, tasks before it are done,
//   it is running, the ones after wait; progress is (cur_task − 1)/total_tasks. An ended job's
//   progress counts the task results it posted (all tasks when it succeeded). (An earlier
//   version read it as the number of tasks done, 0-based, and the emulator as 1-based.)
// - Tasks: `GET /api/jobs/<id>/tasks?action=list`, as the seed's endpoint table routes it
//   (its "Show Job Tasks" section writes `action=show`, the section's title leaking into
//   the URL). A server that refuses `list` with a 400 is asked once more with `show`, and
//   that word is kept for the adapter's life.
//   Any object is a task; its name is name, type or command, else "Task <n>".
// - Start and Finish are sent as action=start / action=end (the doc's `pickup` there is a
//   slip); `end` sends `result[]` repeated, each JSON-encoded, in order.
// - Create, update and worker calls answer a job, or only `{id}`, or nothing useful: anything
//   without both an id and a name is followed by a `show`.
// - Schedule dates and q_time in the model are epoch ms; the server wants unix seconds.
//   Create sends user_id, else user_guid (the server ignores the GUID when the id is there).
// - Delete and stop do not exist in the API. Relaunch only when the job's payload carries
//   its `tasks` (the list payload does not).
import * as l10n from '@vscode/l10n';
import { fieldFilter } from '../fieldFilter';
import { DIALECT_INFO } from '../dialectInfo';
import type { BeaconLaunchSpec } from '../launch/beacon';
import type { BulkDeleteOutcome, DialectModule, JobsAdapter, WorkerAction } from '../adapter';
import type { ChoiceField } from '../launch/fields';
import { isJobdeckError } from '../errors';
import type { HttpClient, HttpResponse, QueryValue } from '../http';
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
  FieldFilterSpec,
  JobField,
  JobFilter,
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
import { parsedOnce } from '../parsedOnce';

/** The seed's list of filter parameters besides `user` (the owner filter), compared exactly. */
const FIELD_FILTERS: FieldFilterSpec[] = [
  fieldFilter('beacon_name', () => l10n.t('Beacon name')),
  fieldFilter(
    'name',
    () => l10n.t('Job name'),
    () => l10n.t('the whole name, exactly'),
  ),
  fieldFilter(
    'result',
    () => l10n.t('Result'),
    () => l10n.t('the stored result, exactly (e.g. aborted)'),
  ),
  fieldFilter(
    'cur_task',
    () => l10n.t('Current task'),
    () => l10n.t('a number, from 1'),
  ),
  fieldFilter(
    'total_tasks',
    () => l10n.t('Total tasks'),
    () => l10n.t('a number'),
  ),
  fieldFilter(
    'add_time',
    () => l10n.t('Added at'),
    () => l10n.t('unix seconds'),
  ),
  fieldFilter(
    'q_time',
    () => l10n.t('Queued at'),
    () => l10n.t('unix seconds'),
  ),
  fieldFilter(
    'pickup_time',
    () => l10n.t('Picked up at'),
    () => l10n.t('unix seconds'),
  ),
  fieldFilter(
    'start_time',
    () => l10n.t('Started at'),
    () => l10n.t('unix seconds'),
  ),
  fieldFilter(
    'duplicate_of',
    () => l10n.t('Duplicate of'),
    () => l10n.t('a job id'),
  ),
];

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
  fieldFilters: FIELD_FILTERS,
  // Update Job's `curtask` (Set Current Task…).
  currentTask: true,
};

const WORKER_ACTIONS: readonly WorkerAction[] = ['pickup', 'start', 'end'];
const FAIL_WORD = /^(fail|failed|failure|error|errored)$/i;
const OK_WORD = /^(ok|success|succeeded|successful|pass|passed|done|complete|completed|finished)$/i;
const STOP_WORD = /^(abort|aborted|cancel|canceled|cancelled|stopped|killed)$/i;
const EXIT_CODE_KEYS = ['exit_code', 'exitcode', 'exit_status', 'returncode', 'return_code', 'rc'];

/** What one task result says about its task. */
type Verdict = 'ok' | 'failed' | 'stopped' | 'silent';

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

function exitCode(o: Obj): number | undefined {
  for (const k of EXIT_CODE_KEYS) {
    const n = optNumber(o[k]);
    if (n !== undefined) return n;
  }
  return undefined;
}

/** Why one task result counts as a failure, or undefined when it does not. */
export function failureOf(item: unknown): string | undefined {
  const v = decode(item);
  if (typeof v === 'string') return FAIL_WORD.test(v.trim()) ? v.trim() : undefined;
  if (!isObj(v)) return undefined;
  const status = optString(v.status)?.toLowerCase();
  const hasError = v.error !== undefined && v.error !== null && v.error !== '' && v.error !== false;
  const code = exitCode(v);
  const said =
    hasError ||
    optBool(v.failed) === true ||
    optBool(v.success) === false ||
    optBool(v.ok) === false ||
    (status !== undefined && FAIL_WORD.test(status)) ||
    (code !== undefined && code !== 0);
  if (!said) return undefined;
  return (
    optString(v.error) ||
    optString(v.message) ||
    (hasError
      ? JSON.stringify(v.error)
      : code !== undefined && code !== 0
        ? l10n.t('exit code {0}', code)
        : l10n.t('status {0}', status ?? l10n.t('failed')))
  );
}

/** What one task result (an object, or a word) says. */
export function verdictOf(item: unknown): Verdict {
  if (failureOf(item) !== undefined) return 'failed';
  const v = decode(item);
  if (typeof v === 'string') return OK_WORD.test(v.trim()) ? 'ok' : STOP_WORD.test(v.trim()) ? 'stopped' : 'silent';
  if (!isObj(v)) return 'silent';
  const status = optString(v.status)?.trim();
  if (status && OK_WORD.test(status)) return 'ok';
  if (status && STOP_WORD.test(status)) return 'stopped';
  if (optBool(v.success) === true || optBool(v.ok) === true || optBool(v.passed) === true || exitCode(v) === 0)
    return 'ok';
  return 'silent';
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
    if (why !== undefined)
      return { message: Array.isArray(r) ? l10n.t('task {0}: {1}', i + 1, why) : l10n.t('result: {0}', why) };
  }
  return undefined;
}

/** An ended job's state from its result (see the header): only what the result says. */
function endedState(result: unknown, totalTasks: number | undefined): { state: JobState; rawState: string } {
  const r = decode(result);
  if (typeof r === 'string' && r.trim()) {
    const word = r.trim();
    const verdict = verdictOf(word);
    const state: JobState =
      verdict === 'failed' ? 'failed' : verdict === 'ok' ? 'succeeded' : verdict === 'stopped' ? 'stopped' : 'unknown';
    return { state, rawState: word };
  }
  const items = Array.isArray(r) ? r : isObj(r) ? [r] : [];
  const verdicts = items.map(verdictOf);
  if (verdicts.includes('failed')) return { state: 'failed', rawState: 'failed' };
  const everyTask = totalTasks === undefined || items.length >= totalTasks;
  if (items.length && everyTask && verdicts.every((v) => v === 'ok'))
    return { state: 'succeeded', rawState: 'finished' };
  if (verdicts.includes('stopped')) return { state: 'stopped', rawState: 'stopped' };
  return { state: 'unknown', rawState: 'finished' };
}

function stateOf(o: Obj): { state: JobState; rawState: string } {
  if (parseUnixSeconds(o.end_time) !== undefined) return endedState(o.result, optNumber(o.total_tasks));
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
  const progress =
    total !== undefined && total > 0 ? { done: Math.min(total, Math.max(0, tasksDone(o, total))), total } : undefined;
  const fields: JobField[] = [];
  if (beacon) fields.push({ label: l10n.t('Beacon'), value: beacon });
  if (user) fields.push({ label: l10n.t('User'), value: user });
  const word = decode(o.result);
  if (typeof word === 'string' && word.trim()) fields.push({ label: l10n.t('Result'), value: word.trim() });
  const links: JobLink[] = [];
  const dup = optString(o.duplicate_of);
  if (dup && dup !== '0') links.push({ label: l10n.t('Duplicate of'), jobId: dup });
  const summary = [
    beacon && l10n.t('beacon {0}', beacon),
    progress && l10n.t('{0}/{1} tasks', progress.done, progress.total),
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    id,
    name: optString(o.name) || l10n.t('Job {0}', id),
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

/** A listed job, parsed once per wire object (an unchanged poll costs no parsing). */
const parseListed = parsedOnce(parseJob);

/** Tasks done: before the current one (1-based) while running; posted results once ended. */
function tasksDone(o: Obj, total: number): number {
  const cur = Math.floor(optNumber(o.cur_task) ?? 0);
  if (parseUnixSeconds(o.end_time) === undefined) return parseUnixSeconds(o.start_time) === undefined ? 0 : cur - 1;
  const { state } = endedState(o.result, total);
  if (state === 'succeeded') return total;
  const r = decode(o.result);
  return Array.isArray(r) ? r.length : cur;
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
  const ended = parseUnixSeconds(raw.end_time) !== undefined;
  const started = parseUnixSeconds(raw.start_time) !== undefined;
  // 1-based: the task being processed; 0 = none yet.
  const cur = Math.floor(optNumber(raw.cur_task) ?? 0);
  return ordered.map((t, i) => {
    const n = i + 1;
    const own = t.result !== undefined && t.result !== null ? decode(t.result) : results[i];
    let state: JobState;
    let rawState: string;
    let message: string | undefined;
    if (own !== undefined && own !== null) {
      message = failureOf(own);
      const verdict = verdictOf(own);
      [state, rawState] =
        verdict === 'failed'
          ? ['failed', 'failed']
          : verdict === 'ok'
            ? ['succeeded', 'done']
            : verdict === 'stopped'
              ? ['stopped', 'stopped']
              : ['unknown', 'result'];
    } else if (ended) [state, rawState] = ['unknown', 'no result'];
    else if (started && n < cur) [state, rawState] = ['succeeded', 'done'];
    else if (started && n === cur) [state, rawState] = ['running', 'running'];
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
      name: optString(t.name) || optString(t.type) || optString(t.command) || l10n.t('Task {0}', n),
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

  private async allJobs(filter: JobFilter | undefined, signal?: AbortSignal): Promise<Job[]> {
    const operation = l10n.t('list jobs');
    const query: Record<string, QueryValue> = { action: 'list', user: filter?.owner || undefined };
    for (const [field, value] of Object.entries(filter?.fields ?? {}))
      if (FIELD_FILTERS.some((f) => f.field === field)) query[field] = value;
    const res = await this.http.request({ method: 'GET', path: '/api/jobs', query, operation, signal });
    const ctx = this.ctx(operation);
    return asArray(res.data, ctx, 'jobs').map((j, i) => parseListed(j, ctx, `jobs[${i}]`));
  }

  async listJobs(query: ListQuery, signal?: AbortSignal): Promise<Page<Job>> {
    return pageLocally(await this.allJobs(query.filter, signal), query);
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

  /** The tasks endpoint's action word: `list` (the seed's table) until a server refuses it. */
  private tasksAction: 'list' | 'show' = 'list';

  private async tasks(id: string, signal?: AbortSignal): Promise<HttpResponse> {
    const ask = (action: 'list' | 'show') =>
      this.http.request({
        method: 'GET',
        path: `/api/jobs/${encodeURIComponent(id)}/tasks`,
        query: { action },
        operation: l10n.t('list tasks of job {0}', id),
        signal,
      });
    try {
      return await ask(this.tasksAction);
    } catch (e) {
      // A server that follows the "Show Job Tasks" section instead of the endpoint table.
      if (this.tasksAction !== 'list' || !isJobdeckError(e) || e.status !== 400) throw e;
      const res = await ask('show');
      this.tasksAction = 'show';
      return res;
    }
  }

  async getJob(id: string, signal?: AbortSignal): Promise<JobDetail> {
    const operation = l10n.t('get job {0}', id);
    const [job, tasks] = await Promise.all([this.show(id, operation, signal), this.tasks(id, signal)]);
    const raw = job.raw as Obj;
    return {
      ...job,
      timeline: timelineOf(raw, job),
      targets: parseTasks(tasks.data, job, this.ctx(l10n.t('list tasks of job {0}', id))),
      failure: job.state === 'failed' ? jobFailure(raw.result) : undefined,
    };
  }

  async getTargets(id: string, signal?: AbortSignal): Promise<JobTarget[]> {
    // Task states need the job's cur_task and results: the job is read with them.
    return (await this.getJob(id, signal)).targets;
  }

  getEvents(id: string): Promise<EventPage> {
    return this.http.unsupported(l10n.t('follow events of job {0}', id), l10n.t('beacon has no events API'));
  }

  /** A job from an answer that may be the job, only `{id}`, or nothing useful. */
  private async answered(data: unknown, id: string | undefined, operation: string, signal?: AbortSignal): Promise<Job> {
    const ctx = this.ctx(operation);
    if (isObj(data) && data.id !== undefined && data.name !== undefined) return parseJob(data, ctx);
    const known = isObj(data) && data.id !== undefined ? reqId(data.id, ctx, 'id') : id;
    if (known === undefined) throw this.http.error('badResponse', operation, l10n.t('the answer names no job'), 'id');
    return this.show(known, operation, signal);
  }

  async launch(spec: LaunchSpec, signal?: AbortSignal): Promise<Job> {
    const operation = l10n.t('create job');
    if (spec.kind !== 'beacon')
      throw this.http.error(
        'invalid',
        operation,
        l10n.t('a {0} launch spec was given to a beacon connection', spec.kind),
      );
    if (!spec.name) throw this.http.error('invalid', operation, l10n.t('a name is required'));
    const form: Record<string, string | undefined> = {
      name: spec.name,
      beacon_name: spec.beaconName,
      tasks: JSON.stringify(spec.tasks),
    };
    if (spec.queue) form.q = '1';
    // The server ignores user_guid when user_id is there: send one, as the user chose it.
    if (spec.userId) form.user_id = spec.userId;
    else if (spec.userGuid) form.user_guid = spec.userGuid;
    if (spec.qTime !== undefined) form.q_time = String(Math.floor(spec.qTime / 1000));
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
    return this.http.unsupported(l10n.t('bulk launch jobs'), l10n.t('beacon has no bulk launch'));
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
    return this.http.unsupported(l10n.t('stop job {0}', job.id), l10n.t('beacon has no way to stop a job'));
  }

  deleteJob(id: string): Promise<DeleteResult> {
    return this.http.unsupported(l10n.t('delete job {0}', id), l10n.t('beacon has no way to delete a job'));
  }

  bulkDelete(): Promise<BulkDeleteOutcome> {
    return this.http.unsupported(l10n.t('bulk delete jobs'), l10n.t('beacon has no way to delete a job'));
  }

  async update(id: string, update: JobUpdate, signal?: AbortSignal): Promise<Job> {
    const operation = l10n.t('update job {0}', id);
    if (update.name !== undefined || update.scheduleId !== undefined || update.stackId !== undefined) {
      throw this.http.error(
        'invalid',
        operation,
        l10n.t('beacon can change only the current task and whether a schedule is active'),
      );
    }
    const form: Record<string, string | undefined> = {
      curtask: update.curTask === undefined ? undefined : String(update.curTask),
      schedule_active: update.enabled === undefined ? undefined : update.enabled ? '1' : '0',
    };
    if (form.curtask === undefined && form.schedule_active === undefined)
      throw this.http.error('invalid', operation, l10n.t('nothing to update'));
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
    const operation = l10n.t('{0} job {1}', action, id);
    if (!WORKER_ACTIONS.includes(action))
      throw this.http.error('invalid', operation, l10n.t('unknown worker action "{0}"', String(action)));
    if (results !== undefined && action !== 'end')
      throw this.http.error('invalid', operation, l10n.t('results go only with end'));
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
    const operation = l10n.t('list scheduled jobs');
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
      return { id, name: optString(o.name) || l10n.t('Scheduled job {0}', id), active: optBool(o.active) ?? false };
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
