// CDRouter (seed 001): the job queue of QA Cafe's CDRouter, `/api/v1/jobs/`.
//
// Decisions where the doc is vague (see docs/api-dialects.md §2):
// - Name is `package_name`; the summary adds `device_name` ("one · Device Foo"). A device or
//   config with id "0" and an empty name means "none" (bulk-launched jobs) and is left out.
// - States: pending→pending, running→running, paused→running (a paused run still holds the
//   test system and is waiting for someone; it is active, so it is polled and stoppable),
//   completed→succeeded, stopped→stopped, error→failed; any other word → unknown.
// - Times: `created` → createdAt; `run_at` → startedAt once the job has left `pending`;
//   `updated` → finishedAt once the job is final (the job has no finish time of its own).
// - State filter: one server word → `filter=status=<word>`. Several words (e.g. running =
//   running + paused) cannot be sent: repeated filters are ANDed. Then the state filter is
//   applied to each fetched page on the client: pages may come back short, paging continues
//   with the server's `links.next`, and `total` is left unknown.
// - Text filter `filter=package_name~<text>` (case-insensitive contains); owner
//   `filter=user_id=<x>` (exact); the exact-match fields users can pick (package, device,
//   config by name or id, result id) `filter=<field>=<value>`. `detailed=true` asks for the
//   detailed representation (the default list is the summary one; cdrouter.py's `detailed`). Sort: time→created, name→package_name, state→status (the
//   server orders state words alphabetically, not "running first").
// - Stop goes through the job's result (`POST /api/v1/results/<result_id>/stop/`, as
//   cdrouter.py results.py `stop`), now or `?when=end-of-test|end-of-loop` (the result runs on
//   to the end of its current test or loop). A job in hand without `result_id` is read again
//   first (it may have started since it was listed); still none (not started) → unsupported:
//   delete takes it off the queue.
// - Bulk delete by filter: one request per state word when several are asked for (each
//   request ANDs the other filters, the union is what the user asked). Its `deleted` list is
//   empty: the server answers 204 without saying which jobs went.
// - Bulk launch uses `bulk=launch` (the doc's `bulk=edit` example is a slip).
// - No events, no per-job targets, no update: those throw `unsupported`.
import * as l10n from '@vscode/l10n';
import { fieldFilter } from '../fieldFilter';
import { DIALECT_INFO } from '../dialectInfo';
import type { CdrouterLaunchSpec } from '../launch/cdrouter';
import type { BulkDeleteOptions, BulkDeleteOutcome, DialectModule, JobsAdapter } from '../adapter';
import type { ChoiceField } from '../launch/fields';
import type { HttpClient, QueryValue } from '../http';
import { isJobdeckError } from '../errors';
import { matchesFilter } from '../localQuery';
import type {
  BulkDeleteSelection,
  BulkLaunchSpec,
  Capabilities,
  Choice,
  DeleteResult,
  EventPage,
  Job,
  JobDetail,
  JobField,
  JobFilter,
  JobLink,
  JobSort,
  JobState,
  JobTarget,
  LaunchSpec,
  ListQuery,
  FieldFilterSpec,
  Page,
  StopOptions,
} from '../model';
import { asArray, asObj, isObj, Obj, optString, ParseContext, parseTime, reqId, stateFromTable } from '../parse';
import { parsedOnce } from '../parsedOnce';

const JOBS = '/api/v1/jobs/';
/** How many packages/devices/configs a launch wizard is offered (one request). */
const CHOICE_LIMIT = 1000;

const STATES: Record<string, JobState> = {
  pending: 'pending',
  running: 'running',
  paused: 'running',
  completed: 'succeeded',
  stopped: 'stopped',
  error: 'failed',
};

const SORT_FIELDS: Record<JobSort['field'], string> = { time: 'created', name: 'package_name', state: 'status' };

const CHOICE_PATHS: Partial<Record<ChoiceField, string>> = {
  package: '/api/v1/packages/',
  device: '/api/v1/devices/',
  config: '/api/v1/configs/',
};

/** The exact-match `filter=field=value` fields offered to users (cdrouter.py passes any). */
const FIELD_FILTERS: FieldFilterSpec[] = [
  fieldFilter(
    'package_name',
    () => l10n.t('Package name'),
    () => l10n.t('the whole name, exactly'),
  ),
  fieldFilter('package_id', () => l10n.t('Package id')),
  fieldFilter(
    'device_name',
    () => l10n.t('Device name'),
    () => l10n.t('the whole name, exactly'),
  ),
  fieldFilter('device_id', () => l10n.t('Device id')),
  fieldFilter(
    'config_name',
    () => l10n.t('Config name'),
    () => l10n.t('the whole name, exactly'),
  ),
  fieldFilter('config_id', () => l10n.t('Config id')),
  fieldFilter(
    'result_id',
    () => l10n.t('Result id'),
    () => l10n.t('e.g. 20160414111554'),
  ),
];

const CAPABILITIES: Capabilities = {
  list: true,
  get: true,
  nodes: false,
  diffs: false,
  launch: true,
  bulkLaunch: true,
  stop: true,
  delete: true,
  bulkDelete: true,
  events: false,
  schedule: false,
  update: false,
  // A single-word state filter is the server's; several words are filtered per page here.
  serverFilter: { state: true, text: true, owner: true },
  serverSort: true,
  stopOptions: { when: ['now', 'end-of-test', 'end-of-loop'] },
  fieldFilters: FIELD_FILTERS,
  detailedList: true,
};

export function mapState(status: string): JobState {
  return stateFromTable(STATES, status.toLowerCase());
}

/** The server words that map to the given states; undefined when no word list can say it. */
function statusWords(states: readonly string[]): string[] | undefined {
  if (states.includes('unknown')) return undefined;
  return Object.keys(STATES).filter((w) => states.includes(STATES[w]));
}

/** `filter=` values for text, owner and exact fields (ANDed by the server). */
function textOwnerFilters(filter: JobFilter | undefined): string[] {
  const out: string[] = [];
  if (filter?.text) out.push(`package_name~${filter.text}`);
  if (filter?.owner) out.push(`user_id=${filter.owner}`);
  for (const [field, value] of Object.entries(filter?.fields ?? {})) {
    if (FIELD_FILTERS.some((f) => f.field === field)) out.push(`${field}=${value}`);
  }
  return out;
}

/** "0" or "" is CDRouter's "none" (bulk-launched jobs carry device_id "0", device_name ""). */
function isSet(id: string | undefined): id is string {
  return id !== undefined && id !== '' && id !== '0';
}

/** "Device Foo (12)", or whichever of the two is there ('' when neither). */
function named(name: string | undefined, id: string | undefined): string {
  if (name && isSet(id)) return `${name} (${id})`;
  return name || (isSet(id) ? id : '');
}

/** Parse context plus the web UI root, for links to results. */
interface CdrouterContext extends ParseContext {
  webBase?: string;
}

export function parseJob(v: unknown, ctx: CdrouterContext, field = 'data'): Job {
  const o = asObj(v, ctx, field);
  const id = reqId(o.id, ctx, `${field}.id`);
  const rawState = optString(o.status) ?? '';
  const state = mapState(rawState);
  const packageName = optString(o.package_name);
  const packageId = optString(o.package_id);
  const deviceName = optString(o.device_name);
  const deviceId = optString(o.device_id);
  const configName = optString(o.config_name);
  const configId = optString(o.config_id);
  const options = isObj(o.options) ? o.options : {};
  const final = state === 'succeeded' || state === 'failed' || state === 'stopped';

  const fields: JobField[] = [];
  const add = (label: string, value: string | undefined) => {
    if (value) fields.push({ label, value });
  };
  add(l10n.t('Package'), named(packageName, packageId));
  add(l10n.t('Device'), named(deviceName, deviceId));
  add(l10n.t('Config'), named(configName, configId));
  add(l10n.t('Tags'), stringList(options.tags).join(', '));
  add(l10n.t('Skip tests'), stringList(options.skip_tests).join(', '));
  add(l10n.t('Begin at'), optString(options.begin_at));
  add(l10n.t('End at'), optString(options.end_at));
  add(l10n.t('Extra CLI args'), optString(options.extra_cli_args));
  add(l10n.t('Interfaces'), stringList(o.interface_names).join(', '));
  add(l10n.t('User'), optString(o.user_id));
  const resultId = optString(o.result_id);

  const links: JobLink[] = [];
  if (resultId) links.push({ label: l10n.t('Result'), url: resultUrl(ctx, resultId) });

  return {
    id,
    name: packageName || l10n.t('Job {0}', id),
    state,
    rawState,
    createdAt: parseTime(o.created),
    startedAt: state !== 'pending' && state !== 'unknown' ? parseTime(o.run_at) : undefined,
    finishedAt: final ? parseTime(o.updated) : undefined,
    owner: optString(o.user_id),
    summary: [packageName, deviceName].filter(Boolean).join(' · ') || undefined,
    fields,
    links: links.length ? links : undefined,
    raw: v,
  };
}

/** A listed job, parsed once per wire object (an unchanged poll costs no parsing). */
const parseListed = parsedOnce(parseJob);

/** The result's page in CDRouter's web UI, below the connection URL (keeps its path prefix). */
function resultUrl(ctx: CdrouterContext, resultId: string): string | undefined {
  return ctx.webBase === undefined ? undefined : `${ctx.webBase}/results/${encodeURIComponent(resultId)}`;
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.map(optString).filter((s): s is string => Boolean(s)) : [];
}

function optionsBody(spec: Extract<LaunchSpec, { kind: 'cdrouter' }>): Obj | undefined {
  const o = spec.options;
  if (!o) return undefined;
  const out: Obj = {};
  if (o.tags !== undefined) out.tags = o.tags;
  if (o.skipTests !== undefined) out.skip_tests = o.skipTests;
  if (o.beginAt !== undefined) out.begin_at = o.beginAt;
  if (o.endAt !== undefined) out.end_at = o.endAt;
  if (o.extraCliArgs !== undefined) out.extra_cli_args = o.extraCliArgs;
  return out;
}

class CdrouterAdapter implements JobsAdapter {
  readonly kind = 'cdrouter' as const;
  readonly capabilities = CAPABILITIES;

  constructor(private readonly http: HttpClient) {}

  private ctx(operation: string): CdrouterContext {
    const webBase = this.http.resolve('/', operation).toString().replace(/\/+$/, '');
    return { connection: this.http.connection.name, operation, webBase };
  }

  async listJobs(query: ListQuery, signal?: AbortSignal): Promise<Page<Job>> {
    const operation = l10n.t('list jobs');
    const states = query.filter?.states ?? [];
    const words = states.length ? statusWords(states) : [];
    // Only states no CDRouter word maps to (disabled, scheduled…): nothing can match.
    if (words !== undefined && states.length && !words.length) return { items: [], total: 0 };
    const serverState = words !== undefined && words.length === 1;
    const localStates = states.length > 0 && !serverState;
    const filters = textOwnerFilters(query.filter);
    if (serverState && words) filters.unshift(`status=${words[0]}`);
    const page = Math.max(1, Number.parseInt(query.cursor ?? '1', 10) || 1);
    const q: Record<string, QueryValue> = {
      page,
      limit: query.pageSize,
      filter: filters.length ? filters : undefined,
      detailed: query.filter?.detailed ? 'true' : undefined,
    };
    if (query.sort) q.sort = `${query.sort.direction === 'desc' ? '-' : ''}${SORT_FIELDS[query.sort.field]}`;
    const res = await this.http.request({ method: 'GET', path: JOBS, query: q, operation, signal });
    const ctx = this.ctx(operation);
    const body = asObj(res.data, ctx, '(response)');
    let items = asArray(body.data, ctx, 'data').map((j, i) => parseListed(j, ctx, `data[${i}]`));
    if (localStates) items = items.filter((j) => matchesFilter(j, { states }));
    const links = isObj(body.links) ? body.links : {};
    const next = Number(links.next);
    const total = Number(links.total);
    return {
      items,
      total: !localStates && Number.isFinite(total) ? total : undefined,
      nextCursor: Number.isFinite(next) && next > 0 ? String(next) : undefined,
    };
  }

  async getJob(id: string, signal?: AbortSignal): Promise<JobDetail> {
    const operation = l10n.t('get job {0}', id);
    const res = await this.http.request({
      method: 'GET',
      path: `${JOBS}${encodeURIComponent(id)}/`,
      operation,
      signal,
    });
    const ctx = this.ctx(operation);
    const job = parseJob(asObj(res.data, ctx, '(response)').data, ctx);
    return { ...job, timeline: [], targets: [] };
  }

  getTargets(id: string): Promise<JobTarget[]> {
    return this.http.unsupported(l10n.t('list targets of job {0}', id), l10n.t('CDRouter jobs have no nodes or tasks'));
  }

  getEvents(id: string): Promise<EventPage> {
    return this.http.unsupported(l10n.t('follow events of job {0}', id), l10n.t('CDRouter has no job events API'));
  }

  async launch(spec: LaunchSpec, signal?: AbortSignal): Promise<Job> {
    const operation = l10n.t('launch job');
    const s = this.cdrouterSpec(spec, operation);
    const res = await this.http.request({ method: 'POST', path: JOBS, json: this.launchBody(s), operation, signal });
    const ctx = this.ctx(operation);
    return parseJob(asObj(res.data, ctx, '(response)').data, ctx);
  }

  async previewInterfaces(spec: LaunchSpec, signal?: AbortSignal): Promise<Choice[]> {
    const operation = l10n.t('preview interfaces');
    const s = this.cdrouterSpec(spec, operation);
    // A dry run: nothing is created, so it is safe to retry.
    const res = await this.http.request({
      method: 'POST',
      path: JOBS,
      query: { process: 'interfaces' },
      json: this.launchBody(s),
      operation,
      idempotent: true,
      signal,
    });
    const ctx = this.ctx(operation);
    return asArray(asObj(res.data, ctx, '(response)').data, ctx, 'data').map((item, i) => {
      const o = asObj(item, ctx, `data[${i}]`);
      const value = reqId(o.value, ctx, `data[${i}].value`);
      const traits = [o.is_wireless === true ? 'wireless' : '', o.is_ics === true ? 'ICS' : '']
        .filter(Boolean)
        .join(', ');
      return { id: value, label: value, description: traits || undefined };
    });
  }

  async bulkLaunch(spec: BulkLaunchSpec, signal?: AbortSignal): Promise<Job[]> {
    const operation = l10n.t('bulk launch jobs');
    const query: Record<string, QueryValue> = { bulk: 'launch' };
    let json: Obj;
    if (spec.by === 'packages') {
      json = {
        jobs: spec.jobs.map((j) =>
          j.tags ? { package_id: j.packageId, options: { tags: j.tags } } : { package_id: j.packageId },
        ),
      };
    } else {
      if (spec.by === 'filter') {
        if (!spec.filters.length)
          throw this.http.error(
            'invalid',
            operation,
            l10n.t('a bulk launch by filter needs at least one package filter'),
          );
        query.filter = spec.filters;
      } else query.all = 'true';
      json = { fields: spec.tags ? { options: { tags: spec.tags } } : {} };
    }
    const res = await this.http.request({ method: 'POST', path: JOBS, query, json, operation, signal });
    const ctx = this.ctx(operation);
    return asArray(asObj(res.data, ctx, '(response)').data, ctx, 'data').map((j, i) => parseJob(j, ctx, `data[${i}]`));
  }

  relaunchSpec(job: Job): LaunchSpec | undefined {
    if (!isObj(job.raw)) return undefined;
    const o = job.raw;
    const packageId = optString(o.package_id);
    if (!packageId) return undefined;
    const deviceId = optString(o.device_id);
    const configId = optString(o.config_id);
    const opts = isObj(o.options) ? o.options : {};
    const options: NonNullable<Extract<LaunchSpec, { kind: 'cdrouter' }>['options']> = {};
    const tags = stringList(opts.tags);
    const skipTests = stringList(opts.skip_tests);
    if (tags.length) options.tags = tags;
    if (skipTests.length) options.skipTests = skipTests;
    if (optString(opts.begin_at)) options.beginAt = optString(opts.begin_at);
    if (optString(opts.end_at)) options.endAt = optString(opts.end_at);
    if (optString(opts.extra_cli_args)) options.extraCliArgs = optString(opts.extra_cli_args);
    return {
      kind: 'cdrouter',
      packageId,
      deviceId: isSet(deviceId) ? deviceId : undefined,
      configId: isSet(configId) ? configId : undefined,
      options: Object.keys(options).length ? options : undefined,
    };
  }

  async stop(job: Job, options: StopOptions = {}, signal?: AbortSignal): Promise<void> {
    const operation = l10n.t('stop job {0}', job.id);
    const when = options.when && options.when !== 'now' ? options.when : undefined;
    let resultId = isObj(job.raw) ? optString(job.raw.result_id) : undefined;
    // The job in hand may be older than its start: ask the server before saying no.
    if (!resultId) {
      const fresh = await this.getJob(job.id, signal);
      resultId = isObj(fresh.raw) ? optString(fresh.raw.result_id) : undefined;
    }
    if (!resultId) {
      throw this.http.error(
        'unsupported',
        operation,
        l10n.t(
          'CDRouter stops a job through its result, and this job has none yet (it has not started); delete it to take it off the queue',
        ),
      );
    }
    await this.http.request({
      method: 'POST',
      path: `/api/v1/results/${encodeURIComponent(resultId)}/stop/`,
      query: { when },
      operation,
      signal,
    });
  }

  async deleteJob(id: string, signal?: AbortSignal): Promise<DeleteResult> {
    await this.http.request({
      method: 'DELETE',
      path: `${JOBS}${encodeURIComponent(id)}/`,
      operation: l10n.t('delete job {0}', id),
      signal,
    });
    return { id, outcome: 'deleted' };
  }

  async bulkDelete(selection: BulkDeleteSelection, options: BulkDeleteOptions = {}): Promise<BulkDeleteOutcome> {
    const operation = l10n.t('bulk delete jobs');
    const signal = options.signal;
    if (selection.by === 'ids') {
      if (!selection.ids.length) return { deleted: [], failed: [], requests: 0 };
      // One request whatever the count: the server deletes them all or answers an error.
      await this.http.request({
        method: 'POST',
        path: JOBS,
        query: { bulk: 'delete' },
        json: { jobs: selection.ids.map((id) => ({ id })) },
        operation,
        signal,
      });
      return { deleted: selection.ids.map((id) => ({ id, outcome: 'deleted' })), failed: [], requests: 1 };
    }
    if (selection.by === 'all') {
      await this.http.request({
        method: 'POST',
        path: JOBS,
        query: { bulk: 'delete', all: 'true' },
        operation,
        signal,
      });
      return { deleted: [], failed: [], requests: 1 };
    }
    const rest = textOwnerFilters(selection.filter);
    const states = selection.filter.states ?? [];
    const words = states.length ? statusWords(states) : [];
    if (words === undefined)
      throw this.http.error(
        'invalid',
        operation,
        l10n.t('jobs in an unknown state cannot be selected by a server filter'),
      );
    if (states.length && !words.length) return { deleted: [], failed: [], requests: 0 };
    if (!words.length && !rest.length)
      throw this.http.error(
        'invalid',
        operation,
        l10n.t('an empty filter would delete every job; ask for all jobs instead'),
      );
    const groups = words.length ? words.map((w) => [`status=${w}`, ...rest]) : [rest];
    for (const filter of groups) {
      await this.http.request({ method: 'POST', path: JOBS, query: { bulk: 'delete', filter }, operation, signal });
    }
    return { deleted: [], failed: [], requests: groups.length };
  }

  update(id: string): Promise<Job> {
    return this.http.unsupported(
      l10n.t('update job {0}', id),
      l10n.t('CDRouter jobs cannot be edited; launch a new one'),
    );
  }

  async listChoices(field: ChoiceField, signal?: AbortSignal): Promise<Choice[]> {
    const path = CHOICE_PATHS[field];
    if (!path) return [];
    const operation = l10n.t('list {0}s', field);
    let data: unknown;
    try {
      data = (
        await this.http.request({ method: 'GET', path, query: { page: 1, limit: CHOICE_LIMIT }, operation, signal })
      ).data;
    } catch (e) {
      // A server without this list is not an error for a launch wizard: it offers free text.
      if (isJobdeckError(e) && e.code === 'notFound') return [];
      throw e;
    }
    const ctx = this.ctx(operation);
    return asArray(asObj(data, ctx, '(response)').data, ctx, 'data').map((item, i) => {
      const o = asObj(item, ctx, `data[${i}]`);
      const id = reqId(o.id, ctx, `data[${i}].id`);
      const description = optString(o.description);
      return { id, label: optString(o.name) || id, description: description || undefined };
    });
  }

  webUrl(job: Job): string | undefined {
    // The link's label is shown, so it is the display language's word for it, as parseJob made it.
    return job.links?.find((l) => l.label === l10n.t('Result'))?.url;
  }

  private cdrouterSpec(spec: LaunchSpec, operation: string): Extract<LaunchSpec, { kind: 'cdrouter' }> {
    if (spec.kind !== 'cdrouter')
      throw this.http.error(
        'invalid',
        operation,
        l10n.t('a {0} launch spec was given to a CDRouter connection', spec.kind),
      );
    if (!spec.packageId) throw this.http.error('invalid', operation, l10n.t('a package is required'));
    return spec;
  }

  private launchBody(spec: Extract<LaunchSpec, { kind: 'cdrouter' }>): Obj {
    const body: Obj = { package_id: spec.packageId };
    if (spec.deviceId) body.device_id = spec.deviceId;
    if (spec.configId) body.config_id = spec.configId;
    const options = optionsBody(spec);
    if (options) body.options = options;
    return body;
  }
}

export const dialect: DialectModule<'cdrouter'> = {
  ...DIALECT_INFO.cdrouter,
  create: (http) => new CdrouterAdapter(http),
};

declare module '../model' {
  interface Dialects {
    cdrouter: CdrouterLaunchSpec;
  }
}
