// CNaaS-NMS (seed 000): the job log of SUNET's network automation, `/api/v1.0/jobs`.
//
// Decisions where the doc is vague (see docs/api-dialects.md §1):
// - CNaaS starts jobs from its other APIs (device sync…): no launch, delete, update or events
//   here; those throw `unsupported` (the tail derives events from state). Stop is abort (below).
// - States: SCHEDULED→scheduled, RUNNING→running, FINISHED→succeeded (even when some device
//   failed: the job itself ran to its end; the failure shows on the device and in the
//   summary), EXCEPTION→failed, ABORTED→stopped, ABORTING→stopping, anything else→unknown.
// - Times have no zone: UTC. `scheduled_time` is the planned run of a SCHEDULED job
//   (nextRunAt); for any other job it is when it was queued (createdAt). The timeline is
//   derived from those times (the API has no state history).
// - Results, both shapes: seed `result.<device>: [{name,…}]` and current
//   `result.devices.<device>: {failed, job_tasks: [{task_name,…}]}`. One target per device
//   (kind device, its steps as children, kind step). A step's or device's rawState is
//   "failed" or "ok" (CNaaS only has a `failed` flag). A string step result (a config or a
//   traceback) is `resultText`, anything else non-null is `result`; an empty diff is none.
//   A result that is neither shape (ABORTED jobs carry `{message}`) gives no targets; its
//   `message` becomes the summary and a field.
// - targetCounts counts devices by that rawState ({ok, failed}); the server reports no totals
//   while a job runs (only `finished_devices`, shown as a field), so there is no progress.
// - failure: `exception` as object {message, type, traceback} (current), as a string with a
//   separate `traceback` (older), or a JSON string of the object; a bare traceback gives its
//   last line as the message.
// - Paging, as SUNET/cnaas-nms api/generic.py reads it (and cnaas-front's JobList sends it):
//   `page`, `per_page` (1–1000; the server's default is 50), `sort=[-]column`, and the total in
//   `X-Total-Count` (cursor "p:<page>"). The server pages, sorts and filters the whole table:
//   pages come in the asked order across pages, not sorted within one.
//   The seed's server (2019) knew only `limit` (at most 100, newest first) and sends no
//   X-Total-Count; today's ignores `limit`. So the first request also carries
//   `limit=1000`: without X-Total-Count in the answer the server is the seed's, and what it
//   sent (all it will send) is filtered, sorted and paged here (cursor "l:<offset>"; every page
//   asks for the same list again; its total is unknown).
// - Filters: one state word → `filter[status]=WORD` (the server takes one value only); several
//   words or `unknown` are filtered on each fetched page here, and `total` is then left
//   unknown. Text → `filter[function_name][contains]=`, owner → `filter[scheduled_by]
//   [contains]=` (ILIKE: case-insensitive); the exact fields a user picks (ticket, comment)
//   `filter[<field>]=` (the server compares text exactly). States CNaaS never reports
//   (pending, disabled, deleting) give an empty page, no request.
// - Sort: time→start_time, name→function_name, state→status (the server orders the enum in
//   its declaration order), `-` for descending; no sort asked → `-id` (newest first; the
//   server's own default is oldest first). An unknown column is ignored by the server.
// - Stop is CNaaS's abort: `PUT /api/v1.0/job/<id>` `{"action": "ABORT", "abort_reason": …}`
//   for SCHEDULED and RUNNING jobs (api/jobs.py); a running job goes ABORTING, then ABORTED.
//   The reason is cut to 255 characters, as the server does.
// - Single job: `GET /api/v1.0/job/<id>` → data.jobs[0] (also data.job or data itself). CNaaS
//   answers an unknown id with 400 "No job with id … found": that is mapped to notFound.
import * as l10n from '@vscode/l10n';
import { fieldFilter } from '../fieldFilter';
import { DIALECT_INFO } from '../dialectInfo';
import type { BulkDeleteOutcome, DialectModule, JobsAdapter } from '../adapter';
import { isJobdeckError, JobdeckError } from '../errors';
import type { HttpClient, QueryValue } from '../http';
import { matchesFilter, pageLocally } from '../localQuery';
import type {
  Capabilities,
  Choice,
  DeleteResult,
  EventPage,
  Job,
  JobDetail,
  JobFailure,
  JobField,
  JobFilter,
  JobLink,
  JobSort,
  JobState,
  JobTarget,
  LaunchSpec,
  ListQuery,
  Page,
  StateTransition,
  StopOptions,
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
  parseTime,
  reqId,
  stateFromTable,
} from '../parse';
import { parsedOnce } from '../parsedOnce';

const JOBS = '/api/v1.0/jobs';
const JOB = '/api/v1.0/job/';
/** CNaaS refuses `per_page` above 1000. */
const MAX_PER_PAGE = 1000;
/** What the seed's limit-only server is asked for: everything it will send (it stops at 100). */
const LEGACY_LIMIT = 1000;
/** The server keeps 255 characters of an abort reason. */
const MAX_ABORT_REASON = 255;

const STATES: Record<string, JobState> = {
  SCHEDULED: 'scheduled',
  RUNNING: 'running',
  FINISHED: 'succeeded',
  EXCEPTION: 'failed',
  ABORTED: 'stopped',
  ABORTING: 'stopping',
};

const SORT_FIELDS: Record<JobSort['field'], string> = { time: 'start_time', name: 'function_name', state: 'status' };

const CAPABILITIES: Capabilities = {
  list: true,
  get: true,
  nodes: true,
  diffs: true,
  launch: false,
  bulkLaunch: false,
  stop: true,
  delete: false,
  bulkDelete: false,
  events: false,
  schedule: false,
  update: false,
  // A single state word only; several words are filtered per page here.
  serverFilter: { state: true, text: true, owner: true },
  serverSort: true,
  stopOptions: { reason: true },
  // A job's result has per-device steps, never per-device times (seed 000, cnaas-nms's JobResult).
  targetTimes: false,
  // Text columns a user knows exact values of (cnaas-front filters these with [contains]; the
  // exact form is what a ticket number wants).
  fieldFilters: [
    fieldFilter(
      'ticket_ref',
      () => l10n.t('Ticket'),
      () => l10n.t('the ticket reference, exactly'),
    ),
    fieldFilter(
      'comment',
      () => l10n.t('Comment'),
      () => l10n.t('the whole comment, exactly'),
    ),
  ],
};

export function mapState(status: string): JobState {
  return stateFromTable(STATES, status.toUpperCase());
}

/** The one thing a state filter can be sent as. */
type StatusFilter = { kind: 'all' } | { kind: 'none' } | { kind: 'one'; word: string } | { kind: 'local' };

function statusFilter(states: readonly JobState[] | undefined): StatusFilter {
  if (!states?.length) return { kind: 'all' };
  if (states.includes('unknown')) return { kind: 'local' };
  const words = Object.keys(STATES).filter((w) => states.includes(STATES[w]));
  if (!words.length) return { kind: 'none' };
  return words.length === 1 ? { kind: 'one', word: words[0] } : { kind: 'local' };
}

function sortParam(sort: JobSort | undefined): string {
  if (!sort) return '-id';
  return `${sort.direction === 'desc' ? '-' : ''}${SORT_FIELDS[sort.field]}`;
}

/** Last non-empty line: what a Python traceback says went wrong. */
function lastLine(text: string): string | undefined {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines[lines.length - 1];
}

function okOrFailed(failed: boolean): { state: JobState; rawState: string } {
  return failed ? { state: 'failed', rawState: 'failed' } : { state: 'succeeded', rawState: 'ok' };
}

function parseStep(v: unknown, ctx: ParseContext, field: string, device: string, index: number): JobTarget {
  const o = asObj(v, ctx, field);
  const failed = optBool(o.failed) === true;
  const step: JobTarget = {
    id: `${device}/${index}`,
    name: optString(o.task_name) ?? optString(o.name) ?? l10n.t('Step {0}', index + 1),
    kind: 'step',
    ...okOrFailed(failed),
  };
  const diff = optString(o.diff);
  if (diff && diff.trim()) step.diff = diff;
  if (typeof o.result === 'string') {
    if (o.result !== '') step.resultText = o.result;
    if (failed) step.message = lastLine(o.result);
  } else if (o.result !== null && o.result !== undefined) {
    step.result = o.result;
  }
  return step;
}

function parseDevice(
  name: string,
  steps: unknown[],
  failedFlag: boolean | undefined,
  ctx: ParseContext,
  field: string,
): JobTarget {
  const children = steps.map((s, i) => parseStep(s, ctx, `${field}[${i}]`, name, i));
  const failedStep = children.find((c) => c.state === 'failed');
  const device: JobTarget = {
    id: name,
    name,
    kind: 'device',
    ...okOrFailed(failedFlag === true || failedStep !== undefined),
    children,
  };
  if (failedStep)
    device.message = failedStep.message
      ? `${failedStep.name}: ${failedStep.message}`
      : l10n.t('{0} failed', failedStep.name);
  return device;
}

/** Devices of either result shape; undefined when the result is not per device. */
export function parseDevices(result: unknown, ctx: ParseContext, field = 'result'): JobTarget[] | undefined {
  if (!isObj(result)) return undefined;
  if (isObj(result.devices)) {
    // Current servers: result.devices.<device> = {failed, job_tasks: [{task_name, …}]}.
    const devices = result.devices;
    return Object.keys(devices).map((name) => {
      const f = `${field}.devices.${name}`;
      const d = asObj(devices[name], ctx, f);
      const tasks =
        d.job_tasks === undefined || d.job_tasks === null ? [] : asArray(d.job_tasks, ctx, `${f}.job_tasks`);
      return parseDevice(name, tasks, optBool(d.failed), ctx, `${f}.job_tasks`);
    });
  }
  const names = Object.keys(result);
  // The seed: result.<device> = [{name, …}]. Anything else ({message}, {error}) is not per device.
  if (!names.length || !names.every((n) => Array.isArray(result[n]))) return undefined;
  return names.map((name) => parseDevice(name, result[name] as unknown[], undefined, ctx, `${field}.${name}`));
}

function parseJsonString(v: unknown): unknown {
  if (typeof v !== 'string' || !/^\s*\{/.test(v)) return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

export function parseFailure(o: Obj): JobFailure | undefined {
  const exc = parseJsonString(o.exception);
  const topTraceback = optString(o.traceback) || undefined;
  if (isObj(exc)) {
    const type = optString(exc.type);
    const text = optString(exc.message) ?? optString(exc.error);
    const traceback = optString(exc.traceback) || topTraceback;
    const message =
      type && text ? `${type}: ${text}` : (text ?? type ?? (traceback && lastLine(traceback)) ?? 'exception');
    return { message, traceback };
  }
  if (typeof exc === 'string' && exc.trim()) return { message: exc, traceback: topTraceback };
  if (topTraceback) return { message: lastLine(topTraceback) ?? topTraceback, traceback: topTraceback };
  return undefined;
}

interface Parsed {
  job: Job;
  /** undefined when the result is not per device. */
  devices?: JobTarget[];
}

export function parseJob(v: unknown, ctx: ParseContext, field = '(response)'): Parsed {
  const o = asObj(v, ctx, field);
  const id = reqId(o.id, ctx, field === '(response)' ? 'id' : `${field}.id`);
  const rawState = optString(o.status) ?? 'UNKNOWN';
  const state = mapState(rawState);
  const devices = parseDevices(o.result, ctx, field === '(response)' ? 'result' : `${field}.result`);
  const scheduled = parseTime(o.scheduled_time);
  const resultMessage = isObj(o.result) && !devices ? optString(o.result.message) : undefined;

  const fields: JobField[] = [];
  const comment = optString(o.comment);
  if (comment) fields.push({ label: l10n.t('Comment'), value: comment });
  const ticket = optString(o.ticket_ref);
  if (ticket) fields.push({ label: l10n.t('Ticket'), value: ticket });
  if (Array.isArray(o.finished_devices))
    fields.push({ label: l10n.t('Finished devices'), value: String(o.finished_devices.length) });
  const score = optNumber(o.change_score);
  if (score !== undefined) fields.push({ label: l10n.t('Change score'), value: String(score) });
  if (resultMessage) fields.push({ label: l10n.t('Message'), value: resultMessage });

  const links: JobLink[] = [];
  const next = optString(o.next_job_id);
  if (next) links.push({ label: l10n.t('Next job'), jobId: next });

  let targetCounts: Record<string, number> | undefined;
  let devicePart: string | undefined;
  if (devices) {
    const failed = devices.filter((d) => d.state === 'failed').length;
    targetCounts = { ok: devices.length - failed, failed };
    // A running job's result fills device by device: "0 devices" would say nothing.
    if (devices.length)
      devicePart = `${devices.length === 1 ? l10n.t('1 device') : l10n.t('{0} devices', devices.length)}${failed ? `, ${l10n.t('{0} failed', failed)}` : ''}`;
  }
  const summary = [devicePart ?? resultMessage, comment].filter(Boolean).join(' · ');

  const job: Job = {
    id,
    name: optString(o.function_name) || l10n.t('Job {0}', id),
    state,
    rawState,
    createdAt: state === 'scheduled' ? undefined : scheduled,
    startedAt: parseTime(o.start_time),
    finishedAt: parseTime(o.finish_time),
    nextRunAt: state === 'scheduled' ? scheduled : undefined,
    owner: optString(o.scheduled_by) || undefined,
    summary: summary || undefined,
    targetCounts,
    fields,
    links,
    raw: v,
  };
  return { job, devices };
}

/** A listed job, parsed once per wire object (an unchanged poll costs no parsing). */
const parseListed = parsedOnce(parseJob);

/** The state history CNaaS implies with its three times. */
function timelineOf(job: Job): StateTransition[] {
  const out: StateTransition[] = [];
  const queued = job.createdAt ?? job.nextRunAt;
  if (queued !== undefined)
    out.push({ state: 'scheduled', rawState: 'SCHEDULED', enteredAt: queued, exitedAt: job.startedAt });
  if (job.startedAt !== undefined)
    out.push({ state: 'running', rawState: 'RUNNING', enteredAt: job.startedAt, exitedAt: job.finishedAt });
  if (job.state !== 'scheduled' && job.state !== 'running') {
    out.push({ state: job.state, rawState: job.rawState, enteredAt: job.finishedAt });
  }
  return out;
}

export function parseDetail(v: unknown, ctx: ParseContext): JobDetail {
  const { job, devices } = parseJob(v, ctx);
  const detail: JobDetail = { ...job, timeline: timelineOf(job), targets: devices ?? [] };
  const failure = parseFailure(asObj(v, ctx, '(response)'));
  if (failure) detail.failure = failure;
  return detail;
}

/** "p:<page>": the server pages; "l:<offset>": the server knows only `limit`. */
function parseCursor(
  cursor: string | undefined,
): { mode: 'first' } | { mode: 'p'; page: number } | { mode: 'l'; offset: number } {
  const m = /^([pl]):(\d+)$/.exec(cursor ?? '');
  if (m?.[1] === 'p' && Number(m[2]) >= 2) return { mode: 'p', page: Number(m[2]) };
  if (m?.[1] === 'l' && Number(m[2]) >= 1) return { mode: 'l', offset: Number(m[2]) };
  return { mode: 'first' };
}

class CnaasNmsAdapter implements JobsAdapter {
  readonly kind = 'cnaas-nms' as const;
  readonly capabilities = CAPABILITIES;

  constructor(private readonly http: HttpClient) {}

  private ctx(operation: string): ParseContext {
    return { connection: this.http.connection.name, operation };
  }

  /** `{status, data}`; a 200 with status "error" is still an error. */
  private envelope(data: unknown, operation: string): Obj {
    const ctx = this.ctx(operation);
    const body = asObj(data, ctx, '(response)');
    if (body.status === 'error') {
      // Built by the HTTP client, which redacts the token (servers echo it) before clipping.
      throw this.http.error('server', operation, undefined, undefined, optString(body.message) ?? optString(body.data));
    }
    return body;
  }

  async listJobs(query: ListQuery, signal?: AbortSignal): Promise<Page<Job>> {
    const operation = l10n.t('list jobs');
    const pageSize = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(query.pageSize)));
    const filter: JobFilter = query.filter ?? {};
    const status = statusFilter(filter.states);
    if (status.kind === 'none') return { items: [], total: 0 };
    const cursor = parseCursor(query.cursor);
    const page = cursor.mode === 'p' ? cursor.page : 1;

    const q: Record<string, QueryValue> = {};
    if (cursor.mode !== 'l') {
      q.page = page;
      q.per_page = pageSize;
      q.sort = sortParam(query.sort);
      if (status.kind === 'one') q['filter[status]'] = status.word;
      if (filter.text) q['filter[function_name][contains]'] = filter.text;
      if (filter.owner) q['filter[scheduled_by][contains]'] = filter.owner;
      for (const [field, value] of Object.entries(filter.fields ?? {}))
        if (CAPABILITIES.fieldFilters?.some((f) => f.field === field)) q[`filter[${field}]`] = value;
    }
    // Today's server ignores it; the seed's answers with all it has (up to its own cap).
    if (cursor.mode !== 'p') q.limit = LEGACY_LIMIT;

    const res = await this.http.request({ method: 'GET', path: JOBS, query: q, operation, signal });
    const ctx = this.ctx(operation);
    const data = asObj(this.envelope(res.data, operation).data, ctx, 'data');
    const list = asArray(data.jobs, ctx, 'data.jobs');
    const jobs = list.map((j, i) => parseListed(j, ctx, `data.jobs[${i}]`).job);
    const total = optNumber(res.headers['x-total-count']);

    if (cursor.mode === 'l' || total === undefined) {
      // The seed's server: it sent the whole list it will send; the rest is done here.
      const local = pageLocally(jobs, {
        pageSize,
        cursor: cursor.mode === 'l' ? String(cursor.offset) : undefined,
        filter,
        sort: query.sort ?? { field: 'time', direction: 'desc' },
      });
      return {
        items: local.items,
        total: undefined,
        nextCursor: local.nextCursor === undefined ? undefined : `l:${local.nextCursor}`,
      };
    }
    const more = page * pageSize < total;
    // Whatever the server could not filter (several states, unknown); a no-op for what it did.
    const items = jobs.filter((j) => matchesFilter(j, filter));
    return {
      items,
      total: status.kind !== 'local' ? total : undefined,
      nextCursor: more && list.length ? `p:${page + 1}` : undefined,
    };
  }

  async getJob(id: string, signal?: AbortSignal): Promise<JobDetail> {
    const operation = l10n.t('get job {0}', id);
    let res;
    try {
      res = await this.http.request({ method: 'GET', path: `${JOB}${encodeURIComponent(id)}`, operation, signal });
    } catch (e) {
      if (isJobdeckError(e) && e.status === 400 && /no job with id/i.test(e.serverMessage ?? '')) {
        throw new JobdeckError({
          code: 'notFound',
          connection: e.connection,
          operation,
          status: e.status,
          serverMessage: e.serverMessage,
        });
      }
      throw e;
    }
    const ctx = this.ctx(operation);
    const data = this.envelope(res.data, operation).data;
    let job: unknown = data;
    if (isObj(data) && data.jobs !== undefined) {
      const jobs = asArray(data.jobs, ctx, 'data.jobs');
      if (!jobs.length) throw this.http.error('notFound', operation, l10n.t('the server answered with no job'));
      job = jobs[0];
    } else if (isObj(data) && isObj(data.job)) {
      job = data.job;
    }
    return parseDetail(job, ctx);
  }

  async getTargets(id: string, signal?: AbortSignal): Promise<JobTarget[]> {
    return (await this.getJob(id, signal)).targets;
  }

  getEvents(id: string): Promise<EventPage> {
    return this.http.unsupported(l10n.t('follow events of job {0}', id), l10n.t('CNaaS-NMS has no job events API'));
  }

  launch(): Promise<Job> {
    return this.http.unsupported(
      l10n.t('launch job'),
      l10n.t('CNaaS-NMS starts jobs from its other APIs (device sync…)'),
    );
  }

  bulkLaunch(): Promise<Job[]> {
    return this.http.unsupported(l10n.t('bulk launch jobs'));
  }

  relaunchSpec(): LaunchSpec | undefined {
    return undefined;
  }

  /** CNaaS's abort (api/jobs.py): SCHEDULED and RUNNING jobs; the server says no to others. */
  async stop(job: Job, options: StopOptions = {}, signal?: AbortSignal): Promise<void> {
    const operation = l10n.t('abort job {0}', job.id);
    const json: Obj = { action: 'ABORT' };
    const reason = options.reason?.trim();
    if (reason) json.abort_reason = reason.slice(0, MAX_ABORT_REASON);
    const res = await this.http.request({
      method: 'PUT',
      path: `${JOB}${encodeURIComponent(job.id)}`,
      json,
      operation,
      signal,
    });
    this.envelope(res.data, operation);
  }

  deleteJob(id: string): Promise<DeleteResult> {
    return this.http.unsupported(l10n.t('delete job {0}', id), l10n.t('CNaaS-NMS keeps its job log'));
  }

  bulkDelete(): Promise<BulkDeleteOutcome> {
    return this.http.unsupported(l10n.t('bulk delete jobs'), l10n.t('CNaaS-NMS keeps its job log'));
  }

  update(id: string): Promise<Job> {
    return this.http.unsupported(l10n.t('update job {0}', id));
  }

  async listChoices(): Promise<Choice[]> {
    return [];
  }

  webUrl(): string | undefined {
    return undefined;
  }
}

export const dialect: DialectModule<'cnaas-nms'> = {
  ...DIALECT_INFO['cnaas-nms'],
  create: (http) => new CnaasNmsAdapter(http),
};

declare module '../model' {
  interface Dialects {
    'cnaas-nms': never;
  }
}
