// stack-jobs (seed 003): scheduled jobs that run a Stack on a Schedule, `/jobs`.
//
// Decisions where the doc is vague (see docs/api-dialects.md §4):
// - Paths have no trailing slash (`/jobs`, `/jobs/<id or name>`), like the seed's one literal
//   path `DELETE /jobs/<job id>`. A server that prefers the other form may redirect a GET
//   (HttpClient follows same-origin redirects of GETs only); writes go to the seed's form.
// - The choice lists `/schedules` and `/stacks` are not in the seed (the collections its
//   schedule_id and stack_id point into); a server without them answers 404 and the wizard
//   asks for a number instead.
// - The server pages by a fixed 10 and has no filter or sort. A list call reads server pages
//   in order until it has `pageSize` matching jobs (at most MAX_SCAN_PAGES per call), applies
//   the filter (localQuery.matchesFilter) while it reads, and sorts what it returns: sorting
//   is therefore per returned page, the server's order decides what lands on which page.
//   The cursor is "<server page>:<jobs of it already consumed>", so the next call resumes
//   exactly after the last job returned, whatever the filter skipped.
// - State: do_del → deleting ("queued for deletion"), else do_run → scheduled ("scheduled"),
//   else disabled ("disabled"). `next_run` may be an ISO time or unix seconds.
// - A job queued for deletion that is not active (`do_del` without `do_run`, e.g. disabled
//   after it was queued) is `deletableNow`: seed 003 says DELETE deletes a job at once unless
//   it is "currently active and queued for another run", so Jobdeck offers "Delete Now".
// - A job's name is optional on the server ("Default: None"): unnamed jobs show as "Job <id>".
// - Create answers only `{id}`: the job is read back with a GET. The update answer has no
//   `id` field in the doc: the id asked for is used.
// - Stop = disable (`PUT {enabled:false}`): the API has no stop; a disabled job does not run
//   again. A run already under way is not interrupted.
// - Bulk delete fans out single DELETEs, bounded (options.concurrency, default 8); by filter
//   or all, the jobs are listed first (those requests count too). After an abort no request
//   is sent; the jobs not sent are reported failed with "cancelled".
// - No events, targets, bulk launch or web console; relaunch makes no sense for a schedule.
import * as l10n from '@vscode/l10n';
import { DIALECT_INFO } from '../dialectInfo';
import type { StackJobsLaunchSpec } from '../launch/stackJobs';
import type { BulkDeleteOptions, BulkDeleteOutcome, DialectModule, JobsAdapter } from '../adapter';
import type { ChoiceField } from '../launch/fields';
import { isJobdeckError } from '../errors';
import type { HttpClient } from '../http';
import { compareJobs, matchesFilter } from '../localQuery';
import type {
  BulkDeleteSelection,
  Capabilities,
  Choice,
  DeleteResult,
  EventPage,
  Job,
  JobDetail,
  JobField,
  JobFilter,
  JobState,
  JobTarget,
  JobUpdate,
  LaunchSpec,
  ListQuery,
  Page,
  StopOptions,
} from '../model';
import {
  asArray,
  asObj,
  Obj,
  optBool,
  optNumber,
  optString,
  ParseContext,
  parseTime,
  parseUnixSeconds,
  reqId,
} from '../parse';
import { mapBounded } from '../semaphore';
import { parsedOnce } from '../parsedOnce';

const JOBS = '/jobs';
/** A job by id or name, the seed's `/jobs/<job id>` form. */
function jobPath(idOrName: string): string {
  return `${JOBS}/${encodeURIComponent(idOrName)}`;
}

/** The server's page size (fixed by the server, stated in the seed). */
const SERVER_PAGE_SIZE = 10;
/** Server pages one list call may read when a filter skips most jobs. */
const MAX_SCAN_PAGES = 20;
/** Server pages read to list everything (bulk delete by filter, choice lists). */
const MAX_ALL_PAGES = 1000;
const DEFAULT_CONCURRENCY = 8;

const CAPABILITIES: Capabilities = {
  list: true,
  get: true,
  nodes: false,
  diffs: false,
  launch: true,
  bulkLaunch: false,
  stop: true,
  delete: true,
  bulkDelete: true,
  events: false,
  schedule: true,
  update: true,
  serverFilter: { state: false, text: false, owner: false },
  serverSort: false,
  // `GET /jobs?page=N` has no page-size parameter (api-dialects §4: 10 per page).
  fixedPageSize: SERVER_PAGE_SIZE,
  // Update Job's optional parameters besides `enabled` (Edit Job…).
  editable: ['name', 'schedule', 'stack'],
};

const CHOICES: Partial<Record<ChoiceField, { path: string; key: string; noun: () => string }>> = {
  schedule: { path: '/schedules', key: 'schedules', noun: () => l10n.t('Schedule') },
  stack: { path: '/stacks', key: 'stacks', noun: () => l10n.t('Stack') },
};

function stateOf(o: Obj): { state: JobState; rawState: string; deletableNow?: boolean } {
  if (optBool(o.do_del))
    return optBool(o.do_run)
      ? { state: 'deleting', rawState: 'queued for deletion' }
      : { state: 'deleting', rawState: 'queued for deletion', deletableNow: true };
  if (optBool(o.do_run)) return { state: 'scheduled', rawState: 'scheduled' };
  return { state: 'disabled', rawState: 'disabled' };
}

/** ISO time or unix seconds (number or numeric string). */
export function parseNextRun(v: unknown): number | undefined {
  if (typeof v === 'number' || (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v))) return parseUnixSeconds(v);
  return parseTime(v);
}

/** `fallbackId`: the update answer carries no id. */
export function parseJob(v: unknown, ctx: ParseContext, field = '(response)', fallbackId?: string): Job {
  const o = asObj(v, ctx, field);
  const id =
    o.id === undefined && fallbackId !== undefined
      ? fallbackId
      : reqId(o.id, ctx, field === '(response)' ? 'id' : `${field}.id`);
  const stack = optString(o.stack);
  const schedule = optString(o.schedule);
  const owner = optString(o.owner);
  const fields: JobField[] = [];
  if (stack) fields.push({ label: l10n.t('Stack'), value: stack });
  if (schedule) fields.push({ label: l10n.t('Schedule'), value: schedule });
  if (owner) fields.push({ label: l10n.t('Owner'), value: owner });
  const summary = [stack && `stack ${stack}`, schedule && `schedule ${schedule}`].filter(Boolean).join(' · ');
  return {
    id,
    name: optString(o.name) || l10n.t('Job {0}', id),
    ...stateOf(o),
    nextRunAt: parseNextRun(o.next_run),
    owner,
    summary: summary || undefined,
    fields,
    raw: v,
  };
}

/** A listed job, parsed once per wire object (an unchanged poll costs no parsing). */
const parseListed = parsedOnce(parseJob);

function isFiltering(filter: JobFilter | undefined): boolean {
  return Boolean(filter && (filter.states?.length || filter.text || filter.owner));
}

function parseCursor(cursor: string | undefined): { page: number; skip: number } {
  const m = /^(\d+):(\d+)$/.exec(cursor ?? '');
  return m ? { page: Math.max(1, Number(m[1])), skip: Number(m[2]) } : { page: 1, skip: 0 };
}

interface ServerPage {
  jobs: Job[];
  count?: number;
  more: boolean;
}

class StackJobsAdapter implements JobsAdapter {
  readonly kind = 'stack-jobs' as const;
  readonly capabilities = CAPABILITIES;

  constructor(private readonly http: HttpClient) {}

  private ctx(operation: string): ParseContext {
    return { connection: this.http.connection.name, operation };
  }

  private async serverPage(page: number, signal?: AbortSignal): Promise<ServerPage> {
    const operation = l10n.t('list jobs');
    const res = await this.http.request({ method: 'GET', path: JOBS, query: { page }, operation, signal });
    const ctx = this.ctx(operation);
    const body = asObj(res.data, ctx, '(response)');
    const jobs = asArray(body.jobs, ctx, 'jobs').map((j, i) => parseListed(j, ctx, `jobs[${i}]`));
    const count = optNumber(body.count);
    // `pagesize` is "the number on this page": a full page tells the real size if it is not 10.
    const size = Math.max(SERVER_PAGE_SIZE, jobs.length);
    const more = jobs.length > 0 && (count === undefined ? jobs.length >= SERVER_PAGE_SIZE : page * size < count);
    return { jobs, count, more };
  }

  async listJobs(query: ListQuery, signal?: AbortSignal): Promise<Page<Job>> {
    const pageSize = Math.max(1, Math.floor(query.pageSize));
    const match = (j: Job) => matchesFilter(j, query.filter);
    let { page, skip } = parseCursor(query.cursor);
    const items: Job[] = [];
    let count: number | undefined;
    let nextCursor: string | undefined;
    for (let read = 0; ; read++) {
      if (read === MAX_SCAN_PAGES) {
        // A short (even empty) page with a cursor: the user asks for more if they want.
        nextCursor = `${page}:0`;
        break;
      }
      const sp = await this.serverPage(page, signal);
      count ??= sp.count;
      let i = skip;
      for (; i < sp.jobs.length && items.length < pageSize; i++) if (match(sp.jobs[i])) items.push(sp.jobs[i]);
      if (items.length >= pageSize) {
        if (sp.jobs.slice(i).some(match)) nextCursor = `${page}:${i}`;
        else if (sp.more) nextCursor = `${page + 1}:0`;
        break;
      }
      if (!sp.more) break;
      page++;
      skip = 0;
    }
    if (query.sort) items.sort((a, b) => compareJobs(a, b, query.sort!));
    return { items, total: isFiltering(query.filter) ? undefined : count, nextCursor };
  }

  private async allJobs(signal?: AbortSignal): Promise<{ jobs: Job[]; requests: number }> {
    const jobs: Job[] = [];
    let page = 1;
    for (; page <= MAX_ALL_PAGES; page++) {
      const sp = await this.serverPage(page, signal);
      jobs.push(...sp.jobs);
      if (!sp.more) break;
    }
    return { jobs, requests: Math.min(page, MAX_ALL_PAGES) };
  }

  private async readJob(idOrName: string, operation: string, signal?: AbortSignal): Promise<Job> {
    const res = await this.http.request({ method: 'GET', path: jobPath(idOrName), operation, signal });
    return parseJob(res.data, this.ctx(operation));
  }

  async getJob(id: string, signal?: AbortSignal): Promise<JobDetail> {
    return { ...(await this.readJob(id, `get job ${id}`, signal)), timeline: [], targets: [] };
  }

  /** The server looks a job up by id or by name on the same path; a numeric name reads as an id. */
  async getJobByName(name: string, signal?: AbortSignal): Promise<JobDetail> {
    return { ...(await this.readJob(name, `get job "${name}"`, signal)), timeline: [], targets: [] };
  }

  getTargets(id: string): Promise<JobTarget[]> {
    return this.http.unsupported(
      l10n.t('list targets of job {0}', id),
      l10n.t('stack-jobs jobs have no nodes or tasks'),
    );
  }

  getEvents(id: string): Promise<EventPage> {
    return this.http.unsupported(l10n.t('follow events of job {0}', id), l10n.t('stack-jobs has no events API'));
  }

  async launch(spec: LaunchSpec, signal?: AbortSignal): Promise<Job> {
    const operation = l10n.t('create job');
    if (spec.kind !== 'stack-jobs')
      throw this.http.error(
        'invalid',
        operation,
        l10n.t('a {0} launch spec was given to a stack-jobs connection', spec.kind),
      );
    const json: Obj = { schedule_id: spec.scheduleId, stack_id: spec.stackId };
    if (spec.name !== undefined) json.name = spec.name;
    if (spec.enabled !== undefined) json.enabled = spec.enabled;
    const res = await this.http.request({ method: 'POST', path: JOBS, json, operation, signal });
    const ctx = this.ctx(operation);
    const id = reqId(asObj(res.data, ctx, '(response)').id, ctx, 'id');
    return this.readJob(id, `get job ${id}`, signal);
  }

  bulkLaunch(): Promise<Job[]> {
    return this.http.unsupported(l10n.t('bulk launch jobs'), l10n.t('stack-jobs has no bulk launch'));
  }

  relaunchSpec(): LaunchSpec | undefined {
    return undefined;
  }

  async stop(job: Job, _options?: StopOptions, signal?: AbortSignal): Promise<void> {
    await this.update(job.id, { enabled: false }, signal);
  }

  async deleteJob(id: string, signal?: AbortSignal): Promise<DeleteResult> {
    const operation = l10n.t('delete job {0}', id);
    const res = await this.http.request({ method: 'DELETE', path: jobPath(id), operation, signal });
    const ctx = this.ctx(operation);
    const body = asObj(res.data, ctx, '(response)');
    if (body.deleted !== undefined && body.deleted !== null) return { id, outcome: 'deleted' };
    if (body.queued_for_deletion !== undefined && body.queued_for_deletion !== null) return { id, outcome: 'queued' };
    throw this.http.error(
      'badResponse',
      operation,
      l10n.t('the answer has neither "deleted" nor "queued_for_deletion"'),
      'deleted',
    );
  }

  async bulkDelete(selection: BulkDeleteSelection, options: BulkDeleteOptions = {}): Promise<BulkDeleteOutcome> {
    const { signal } = options;
    let ids: string[];
    let requests = 0;
    if (selection.by === 'ids') ids = [...selection.ids];
    else {
      if (selection.by === 'filter' && !isFiltering(selection.filter)) {
        throw this.http.error(
          'invalid',
          l10n.t('bulk delete jobs'),
          l10n.t('an empty filter would delete every job; ask for all jobs instead'),
        );
      }
      const all = await this.allJobs(signal);
      requests += all.requests;
      ids = all.jobs.filter((j) => selection.by === 'all' || matchesFilter(j, selection.filter)).map((j) => j.id);
    }
    const limit = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
    let settled = 0;
    const results = await mapBounded(ids, limit, async (id) => {
      try {
        if (signal?.aborted) throw this.http.error('cancelled', l10n.t('delete job {0}', id));
        requests++;
        return await this.deleteJob(id, signal);
      } finally {
        options.onProgress?.(++settled, ids.length);
      }
    });
    const outcome: BulkDeleteOutcome = { deleted: [], failed: [], requests };
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') outcome.deleted.push(r.value);
      else
        outcome.failed.push({
          id: ids[i],
          message: isJobdeckError(r.reason) ? r.reason.shortMessage : String(r.reason),
        });
    });
    return outcome;
  }

  async update(id: string, update: JobUpdate, signal?: AbortSignal): Promise<Job> {
    const operation = l10n.t('update job {0}', id);
    if (update.curTask !== undefined)
      throw this.http.error('invalid', operation, l10n.t('stack-jobs jobs have no current task'));
    // Only what is given: the server leaves the other fields as they are.
    const json: Obj = {};
    if (update.name !== undefined) json.name = update.name;
    if (update.enabled !== undefined) json.enabled = update.enabled;
    if (update.scheduleId !== undefined) json.schedule_id = update.scheduleId;
    if (update.stackId !== undefined) json.stack_id = update.stackId;
    if (!Object.keys(json).length) throw this.http.error('invalid', operation, l10n.t('nothing to update'));
    const res = await this.http.request({ method: 'PUT', path: jobPath(id), json, operation, signal });
    return parseJob(res.data, this.ctx(operation), '(response)', id);
  }

  async listChoices(field: ChoiceField, signal?: AbortSignal): Promise<Choice[]> {
    const list = CHOICES[field];
    if (!list) return [];
    const operation = l10n.t('list {0}', list.key);
    const ctx = this.ctx(operation);
    const out: Choice[] = [];
    for (let page = 1; page <= MAX_ALL_PAGES; page++) {
      let data: unknown;
      try {
        data = (await this.http.request({ method: 'GET', path: list.path, query: { page }, operation, signal })).data;
      } catch (e) {
        // A server without this list: the wizard asks for a number instead.
        if (isJobdeckError(e) && e.code === 'notFound') return out;
        throw e;
      }
      const body = asObj(data, ctx, '(response)');
      const items = asArray(body[list.key], ctx, list.key);
      items.forEach((item, i) => {
        const o = asObj(item, ctx, `${list.key}[${i}]`);
        const id = reqId(o.id, ctx, `${list.key}[${i}].id`);
        out.push({ id, label: optString(o.name) || l10n.t('{0} {1}', list.noun(), id) });
      });
      const count = optNumber(body.count);
      if (!items.length || (count === undefined ? items.length < SERVER_PAGE_SIZE : out.length >= count)) break;
    }
    return out;
  }

  webUrl(): string | undefined {
    return undefined;
  }
}

export const dialect: DialectModule<'stack-jobs'> = {
  ...DIALECT_INFO['stack-jobs'],
  create: (http) => new StackJobsAdapter(http),
};

declare module '../model' {
  interface Dialects {
    'stack-jobs': StackJobsLaunchSpec;
  }
}
