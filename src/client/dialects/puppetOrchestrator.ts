// Puppet orchestrator (seed 002): Puppet Enterprise's job API, `/orchestrator/v1/jobs`.
//
// Decisions where the doc is vague (see docs/api-dialects.md §3):
// - A job is addressed by its `name` (the number): Job.id is the name. The wire `id` is an
//   absolute URL that is never called (nor are the nodes/report/events links): paths are
//   built from the name, so the token only goes to the configured server. A job without a
//   name falls back to the last segment of its `id` URL; with neither it is a badResponse.
// - Job states: new, ready→pending; running; stopping; stopped; finished→succeeded; failed.
//   Node states: new, ready→pending; running; finished→succeeded; failed, errored→failed;
//   skipped→stopped (the node was never run: final, neither a success nor a failure).
// - A job without `state` (the seed's detail example) is in the state its history (`status`)
//   ends with.
// - Times: the list only has `timestamp` (last state change): it is createdAt for new/ready,
//   startedAt for running, finishedAt for final jobs. The detail's `status` history
//   (the timeline) gives createdAt (first entry), startedAt (entering running) and
//   finishedAt (entering the final state) instead.
// - Summary "<command> <environment> · <description>" (options.description, else the
//   deprecated top-level one). Environment is environment.name, else options.environment.
// - targetCounts = node_states; progress = (finished+failed+errored+skipped) / node_count.
//   The seed's job detail has `node_count` but no `node_states`: the detail's counts come from
//   its nodes (GET /nodes, read with it). A job whose counts are unknown (no node_states, no
//   nodes) has no progress at all: "0 of 5 done" would be a claim, and a false one for a
//   finished job. (An earlier version counted 0 done there.)
// - The report endpoint needs the token, so it is no link: it is read by getReport (the
//   Show Report command's document). Links are the nodes' console `report-url`s (detail
//   only, at most MAX_REPORT_LINKS); webUrl is the first of them, else undefined.
// - Node `result` (also the doc's `results`) is kept structured; a node's message is
//   details.message, else details.detail, else the result's msg/error. A running node's
//   details.run-time stands in for its missing duration.
// - A failed job's failure names how many nodes failed and the first one's message.
// - Events: `?start=N` from the cursor (none on the first call). The cursor returned is the
//   larger of last id + 1 and the server's next event (`next-events.event`, or `next_id`
//   as the dialect page calls it), so resuming neither repeats nor skips; items below
//   `start` or not increasing are dropped. No items and no hint: the cursor stays.
// - No server-side filter: each fetched page is filtered here (pages may come back short,
//   `total` is then unknown). Paging with limit/offset (cursor = next offset); sort with
//   order_by/order (time→timestamp, name→name, state→state); none asked → timestamp desc.
// - Environment choices: distinct environments of the 100 most recent jobs (no endpoint).
// - Relaunch only for deploy jobs whose scope is nodes, query or node_group.
import * as l10n from '@vscode/l10n';
import { DIALECT_INFO } from '../dialectInfo';
import type { PuppetLaunchSpec } from '../launch/puppetOrchestrator';
import type { BulkDeleteOutcome, DialectModule, JobsAdapter } from '../adapter';
import type { ChoiceField } from '../launch/fields';
import { shapeError } from '../errors';
import type { HttpClient, QueryValue } from '../http';
import { matchesFilter } from '../localQuery';
import type {
  Capabilities,
  Choice,
  DeleteResult,
  EventLevel,
  EventPage,
  Job,
  JobDetail,
  JobEvent,
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
  ReportEntry,
  StateTransition,
  StopOptions,
} from '../model';
import { FINAL_STATES } from '../model';
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
  stateFromTable,
} from '../parse';
import { parsedOnce } from '../parsedOnce';

const API = '/orchestrator/v1';
const JOBS = `${API}/jobs`;
const CHOICE_SCAN = 100;
const MAX_REPORT_LINKS = 10;

const STATES: Record<string, JobState> = {
  new: 'pending',
  ready: 'pending',
  running: 'running',
  stopping: 'stopping',
  stopped: 'stopped',
  finished: 'succeeded',
  failed: 'failed',
};

const NODE_STATES: Record<string, JobState> = {
  new: 'pending',
  ready: 'pending',
  running: 'running',
  finished: 'succeeded',
  failed: 'failed',
  errored: 'failed',
  skipped: 'stopped',
};

/** Node states after which a node does nothing more in this job. */
const DONE_NODE_STATES = ['finished', 'failed', 'errored', 'skipped'];

const ORDER_BY: Record<JobSort['field'], string> = { time: 'timestamp', name: 'name', state: 'state' };

const CAPABILITIES: Capabilities = {
  list: true,
  get: true,
  nodes: true,
  diffs: false,
  launch: true,
  bulkLaunch: false,
  stop: true,
  delete: false,
  bulkDelete: false,
  events: true,
  schedule: false,
  update: false,
  serverFilter: { state: false, text: false, owner: false },
  serverSort: true,
};

export function mapState(state: string): JobState {
  return stateFromTable(STATES, state.toLowerCase());
}

export function mapNodeState(state: string): JobState {
  return stateFromTable(NODE_STATES, state.toLowerCase());
}

function at(prefix: string, key: string): string {
  return prefix === '(response)' ? key : `${prefix}.${key}`;
}

function httpUrl(v: unknown): string | undefined {
  return typeof v === 'string' && /^https?:\/\//i.test(v) ? v : undefined;
}

/** The job's number: `name`, else the last segment of its absolute `id` URL. */
function jobName(o: Obj, ctx: ParseContext, field: string): string {
  const name = optString(o.name);
  if (name) return name;
  const m = typeof o.id === 'string' ? /\/jobs\/([^/?#]+)\/?$/.exec(o.id) : null;
  if (m) {
    try {
      return decodeURIComponent(m[1]);
    } catch {
      // A malformed escape ("%E0%A4%A") is not the server's name for it either.
      throw shapeError(ctx.connection, ctx.operation, at(field, 'id'), l10n.t('a job URL'));
    }
  }
  throw shapeError(ctx.connection, ctx.operation, at(field, 'name'), l10n.t('a job name'));
}

function environmentOf(o: Obj): string | undefined {
  const env = isObj(o.environment) ? optString(o.environment.name) : optString(o.environment);
  return env || (isObj(o.options) ? optString(o.options.environment) : undefined) || undefined;
}

function describeScope(scope: unknown): string | undefined {
  if (!isObj(scope)) return undefined;
  if (Array.isArray(scope.nodes)) {
    const nodes = scope.nodes.map(String);
    const shown = nodes.slice(0, 3).join(', ');
    const list = `${shown}${nodes.length > 3 ? ', …' : ''}`;
    return nodes.length === 1 ? l10n.t('1 node: {0}', list) : l10n.t('{0} nodes: {1}', nodes.length, list);
  }
  if (optString(scope.query)) return l10n.t('query {0}', optString(scope.query) ?? '');
  if (optString(scope.node_group)) return l10n.t('node group {0}', optString(scope.node_group) ?? '');
  if (optString(scope.application)) return l10n.t('application {0}', optString(scope.application) ?? '');
  return undefined;
}

function countsOf(v: unknown): Record<string, number> | undefined {
  if (!isObj(v)) return undefined;
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(v)) {
    const c = optNumber(n);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

/** The state a job's history ends in (the detail's `status`), if it has one. */
function lastStatusState(v: unknown): string | undefined {
  if (!Array.isArray(v) || !v.length) return undefined;
  const last: unknown = v[v.length - 1];
  return isObj(last) ? optString(last.state) || undefined : undefined;
}

/** Counts of nodes by their raw state word. */
export function countNodes(nodes: readonly JobTarget[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of nodes) out[n.rawState] = (out[n.rawState] ?? 0) + 1;
  return out;
}

/**
 * done/total from node counts. A final job with none done says the counts do not cover its
 * nodes (the seed's nodes example lists one node in the placeholder state "state"): no
 * progress then, never "0 of N done" for a finished job.
 */
function progressOf(
  counts: Record<string, number> | undefined,
  total: number | undefined,
  state: JobState,
): { done: number; total: number } | undefined {
  if (!counts || total === undefined || total <= 0) return undefined;
  const done = DONE_NODE_STATES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  return done === 0 && FINAL_STATES.has(state) ? undefined : { done, total };
}

/** `fallbackState`: the detail's last history entry, for a job sent without `state`. */
export function parseJob(v: unknown, ctx: ParseContext, field = '(response)', fallbackState?: string): Job {
  const o = asObj(v, ctx, field);
  const id = jobName(o, ctx, field);
  const rawState = optString(o.state) ?? fallbackState ?? lastStatusState(o.status) ?? 'unknown';
  const state = mapState(rawState);
  const options = isObj(o.options) ? o.options : {};
  const command = optString(o.command);
  const environment = environmentOf(o);
  const description = optString(options.description) || optString(o.description) || undefined;

  const fields: JobField[] = [];
  if (environment) fields.push({ label: l10n.t('Environment'), value: environment });
  if (command) fields.push({ label: l10n.t('Command'), value: command });
  const scope = describeScope(options.scope);
  if (scope) fields.push({ label: l10n.t('Scope'), value: scope });
  if (optBool(options.noop)) fields.push({ label: l10n.t('No-op'), value: l10n.t('yes') });
  const concurrency = optNumber(options.concurrency);
  if (concurrency !== undefined) fields.push({ label: l10n.t('Concurrency'), value: String(concurrency) });

  const head = [command, environment].filter(Boolean).join(' ');
  const summary = [head, description].filter(Boolean).join(' · ');

  // No node_states (the detail, or null: no nodes yet): the counts are unknown, not zero.
  const targetCounts = countsOf(o.node_states);
  const progress = progressOf(targetCounts, optNumber(o.node_count), state);

  // Until the detail's history says better: `timestamp` is when the current state began.
  const changed = parseTime(o.timestamp);
  return {
    id,
    name: id,
    state,
    rawState,
    createdAt: state === 'pending' ? changed : undefined,
    startedAt: state === 'running' ? changed : undefined,
    finishedAt: FINAL_STATES.has(state) ? changed : undefined,
    owner: isObj(o.owner) ? optString(o.owner.login) || undefined : undefined,
    summary: summary || undefined,
    progress,
    targetCounts,
    targetTotal: optNumber(o.node_count),
    fields,
    links: [],
    raw: v,
  };
}

/** A listed job, parsed once per wire object (an unchanged poll costs no parsing). */
const parseListed = parsedOnce(parseJob);

export function parseTimeline(v: unknown, ctx: ParseContext, field = 'status'): StateTransition[] {
  if (v === undefined || v === null) return [];
  return asArray(v, ctx, field).map((item, i) => {
    const o = asObj(item, ctx, `${field}[${i}]`);
    const rawState = optString(o.state) ?? 'unknown';
    return {
      state: mapState(rawState),
      rawState,
      enteredAt: parseTime(o.enter_time),
      exitedAt: parseTime(o.exit_time),
    };
  });
}

function detailText(v: unknown): string | undefined {
  if (typeof v === 'string') return v || undefined;
  if (isObj(v)) return optString(v.message) || optString(v.msg) || undefined;
  return undefined;
}

export function parseNode(v: unknown, ctx: ParseContext, field: string): JobTarget {
  const o = asObj(v, ctx, field);
  const name = optString(o.name);
  if (!name) throw shapeError(ctx.connection, ctx.operation, `${field}.name`, l10n.t('a node name'));
  const rawState = optString(o.state) ?? 'unknown';
  const state = mapNodeState(rawState);
  const details = isObj(o.details) ? o.details : {};
  const result = o.result ?? o.results;
  const node: JobTarget = { id: name, name, kind: 'node', state, rawState };
  node.startedAt = parseTime(o.start_timestamp);
  node.finishedAt = parseTime(o.finish_timestamp);
  if (node.startedAt === undefined && node.finishedAt === undefined) {
    // Older servers: only the deprecated `timestamp` of the latest activity.
    const t = parseTime(o.timestamp);
    if (state === 'running') node.startedAt = t;
    else if (FINAL_STATES.has(state) && rawState !== 'skipped') node.finishedAt = t;
  }
  const seconds = optNumber(o.duration) ?? optNumber(details['run-time']);
  if (seconds !== undefined) node.durationMs = Math.round(seconds * 1000);
  const message =
    optString(details.message) ||
    detailText(details.detail ?? details[':detail']) ||
    (isObj(result) ? optString(result.msg) || optString(result.error) : undefined);
  if (message) node.message = message;
  if (result !== undefined && result !== null) node.result = result;
  const report = httpUrl(details['report-url']);
  if (report) node.reportUrl = report;
  for (const k of Object.keys(node) as (keyof JobTarget)[]) if (node[k] === undefined) delete node[k];
  return node;
}

export function parseNodes(v: unknown, ctx: ParseContext): JobTarget[] {
  const body = asObj(v, ctx, '(response)');
  return asArray(body.items, ctx, 'items').map((n, i) => parseNode(n, ctx, `items[${i}]`));
}

/** Job + its history + its nodes. */
export function parseDetail(job: unknown, nodes: JobTarget[], ctx: ParseContext): JobDetail {
  const timeline = parseTimeline(asObj(job, ctx, '(response)').status, ctx);
  // The seed's own detail example has no `state`: its history ends in the current one.
  const base = parseJob(job, ctx, '(response)', timeline[timeline.length - 1]?.rawState);
  const detail: JobDetail = { ...base, timeline, targets: nodes };
  if (!base.targetCounts && nodes.length) {
    // The seed's detail has no node_states: the nodes say how many are where.
    detail.targetCounts = countNodes(nodes);
    detail.progress = progressOf(
      detail.targetCounts,
      optNumber(asObj(job, ctx, '(response)').node_count) ?? nodes.length,
      base.state,
    );
  }
  if (timeline.length) {
    detail.createdAt = timeline[0].enteredAt ?? base.createdAt;
    detail.startedAt = timeline.find((t) => t.rawState === 'running')?.enteredAt ?? base.startedAt;
    const last = timeline[timeline.length - 1];
    if (FINAL_STATES.has(last.state)) detail.finishedAt = last.enteredAt ?? base.finishedAt;
  }
  const links: JobLink[] = [];
  for (const n of nodes) {
    if (n.reportUrl && links.length < MAX_REPORT_LINKS)
      links.push({ label: l10n.t('Report: {0}', n.name), url: n.reportUrl });
  }
  detail.links = links;
  const failure = failureOf(detail);
  if (failure) detail.failure = failure;
  return detail;
}

function failureOf(job: JobDetail): JobFailure | undefined {
  if (job.state !== 'failed') return undefined;
  const failed = job.targets.filter((t) => t.state === 'failed');
  if (!failed.length) return undefined;
  const first = failed[0];
  return {
    message:
      failed.length === 1
        ? l10n.t('1 node failed; {0}: {1}', first.name, first.message ?? first.rawState)
        : l10n.t('{0} nodes failed; {1}: {2}', failed.length, first.name, first.message ?? first.rawState),
  };
}

function eventLevel(type: string): EventLevel {
  if (type === 'node_failed' || type === 'node_errored' || type === 'job_aborted' || /fail|error/.test(type))
    return 'error';
  if (type === 'node_skipped' || type === 'job_stopped') return 'warning';
  return 'info';
}

/** The server's hint where the next page starts (`next-events.event`, or `next_id.event`). */
function serverNext(body: Obj): number | undefined {
  const hint = body['next-events'] ?? body.next_id;
  const n = isObj(hint) ? optNumber(hint.event) : optNumber(hint);
  return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
}

export function parseEvents(v: unknown, ctx: ParseContext, start: number | undefined): EventPage {
  const body = asObj(v, ctx, '(response)');
  const items = asArray(body.items, ctx, 'items');
  const events: JobEvent[] = [];
  let last = start === undefined ? -Infinity : start - 1;
  items.forEach((item, i) => {
    const o = asObj(item, ctx, `items[${i}]`);
    const n = optNumber(o.id);
    if (n === undefined || !Number.isSafeInteger(n))
      throw shapeError(ctx.connection, ctx.operation, `items[${i}].id`, l10n.t('an event number'));
    // Below the start or not increasing: already delivered.
    if (n <= last) return;
    last = n;
    const details = isObj(o.details) ? o.details : {};
    const type = optString(o.type) || 'event';
    const node = optString(details.node) || undefined;
    const message = optString(o.message) || `${type.replace(/_/g, ' ')}${node ? ` on ${node}` : ''}`;
    const event: JobEvent = { id: String(n), type, message, level: eventLevel(type) };
    const time = parseTime(o.timestamp);
    if (time !== undefined) event.time = time;
    if (node) event.node = node;
    events.push(event);
  });
  const candidates = [last === -Infinity ? undefined : last + 1, serverNext(body), start].filter(
    (n): n is number => n !== undefined,
  );
  const cursor = candidates.length ? Math.max(...candidates) : 0;
  return { events, cursor: String(cursor) };
}

export function parseReport(v: unknown, ctx: ParseContext): ReportEntry[] {
  const body = asObj(v, ctx, '(response)');
  return asArray(body.items, ctx, 'items').map((item, i) => {
    const o = asObj(item, ctx, `items[${i}]`);
    const node = optString(o.node);
    if (!node) throw shapeError(ctx.connection, ctx.operation, `items[${i}].node`, l10n.t('a node name'));
    const events = o.events === undefined || o.events === null ? [] : asArray(o.events, ctx, `items[${i}].events`);
    return { node, state: optString(o.state) ?? 'unknown', time: parseTime(o.timestamp), events };
  });
}

function isFiltering(filter: JobFilter | undefined): boolean {
  return Boolean(filter && (filter.states?.length || filter.text || filter.owner));
}

function jobPath(name: string, tail = ''): string {
  return `${JOBS}/${encodeURIComponent(name)}${tail}`;
}

export class PuppetOrchestratorAdapter implements JobsAdapter {
  readonly kind = 'puppet-orchestrator' as const;
  readonly capabilities = CAPABILITIES;

  constructor(private readonly http: HttpClient) {}

  private ctx(operation: string): ParseContext {
    return { connection: this.http.connection.name, operation };
  }

  private async get(
    path: string,
    operation: string,
    signal?: AbortSignal,
    query?: Record<string, QueryValue>,
  ): Promise<unknown> {
    return (await this.http.request({ method: 'GET', path, query, operation, signal })).data;
  }

  async listJobs(query: ListQuery, signal?: AbortSignal): Promise<Page<Job>> {
    const operation = l10n.t('list jobs');
    const limit = Math.max(1, Math.floor(query.pageSize));
    const offset = Math.max(0, Number.parseInt(query.cursor ?? '0', 10) || 0);
    const sort = query.sort ?? { field: 'time', direction: 'desc' };
    const data = await this.get(JOBS, operation, signal, {
      limit,
      offset,
      order_by: ORDER_BY[sort.field],
      order: sort.direction,
    });
    const ctx = this.ctx(operation);
    const body = asObj(data, ctx, '(response)');
    const list = asArray(body.items, ctx, 'items');
    const jobs = list.map((j, i) => parseListed(j, ctx, `items[${i}]`));
    const total = isObj(body.pagination) ? optNumber(body.pagination.total) : undefined;
    const next = offset + list.length;
    const more = list.length > 0 && (total !== undefined ? next < total : list.length >= limit);
    return {
      items: jobs.filter((j) => matchesFilter(j, query.filter)),
      total: isFiltering(query.filter) ? undefined : total,
      nextCursor: more ? String(next) : undefined,
    };
  }

  private async readJob(name: string, signal?: AbortSignal): Promise<unknown> {
    return this.get(jobPath(name), `get job ${name}`, signal);
  }

  async getJob(id: string, signal?: AbortSignal): Promise<JobDetail> {
    const [job, nodes] = await Promise.all([this.readJob(id, signal), this.getTargets(id, signal)]);
    return parseDetail(job, nodes, this.ctx(l10n.t('get job {0}', id)));
  }

  async getTargets(id: string, signal?: AbortSignal): Promise<JobTarget[]> {
    const operation = l10n.t('list nodes of job {0}', id);
    return parseNodes(await this.get(jobPath(id, '/nodes'), operation, signal), this.ctx(operation));
  }

  /** The job's per-node report (`/report`), shown as a document (jobdeck.showReport). */
  async getReport(id: string, signal?: AbortSignal): Promise<ReportEntry[]> {
    const operation = l10n.t('get report of job {0}', id);
    return parseReport(await this.get(jobPath(id, '/report'), operation, signal), this.ctx(operation));
  }

  async getEvents(id: string, cursor: string | undefined, signal?: AbortSignal): Promise<EventPage> {
    const operation = l10n.t('follow events of job {0}', id);
    const start = cursor !== undefined && /^\d+$/.test(cursor) ? Number(cursor) : undefined;
    const data = await this.get(jobPath(id, '/events'), operation, signal, start === undefined ? undefined : { start });
    return parseEvents(data, this.ctx(operation), start);
  }

  async launch(spec: LaunchSpec, signal?: AbortSignal): Promise<Job> {
    const operation = l10n.t('deploy');
    if (spec.kind !== 'puppet-orchestrator')
      throw this.http.error(
        'invalid',
        operation,
        l10n.t('a {0} launch spec was given to a Puppet orchestrator connection', spec.kind),
      );
    if (!spec.environment) throw this.http.error('invalid', operation, l10n.t('an environment is required'));
    let scope: Obj;
    if ('nodes' in spec.scope) {
      if (!spec.scope.nodes.length) throw this.http.error('invalid', operation, l10n.t('name at least one node'));
      scope = { nodes: spec.scope.nodes };
    } else if ('query' in spec.scope) scope = { query: spec.scope.query };
    else scope = { node_group: spec.scope.nodeGroup };
    const json: Obj = { environment: spec.environment, scope };
    if (spec.noop !== undefined) json.noop = spec.noop;
    if (spec.concurrency !== undefined) json.concurrency = spec.concurrency;
    if (spec.description) json.description = spec.description;
    const res = await this.http.request({ method: 'POST', path: `${API}/command/deploy`, json, operation, signal });
    const ctx = this.ctx(operation);
    const job = asObj(asObj(res.data, ctx, '(response)').job, ctx, 'job');
    const name = jobName(job, ctx, 'job');
    return parseJob(await this.readJob(name, signal), this.ctx(l10n.t('get job {0}', name)));
  }

  bulkLaunch(): Promise<Job[]> {
    return this.http.unsupported(l10n.t('bulk launch jobs'));
  }

  relaunchSpec(job: Job): LaunchSpec | undefined {
    const raw = isObj(job.raw) ? job.raw : {};
    const command = optString(raw.command);
    if (command && command !== 'deploy') return undefined;
    const options = isObj(raw.options) ? raw.options : {};
    const environment = environmentOf(raw);
    const s = options.scope;
    if (!environment || !isObj(s)) return undefined;
    let scope: { nodes: string[] } | { query: string } | { nodeGroup: string };
    if (Array.isArray(s.nodes) && s.nodes.length) scope = { nodes: s.nodes.map(String) };
    else if (optString(s.query)) scope = { query: String(optString(s.query)) };
    else if (optString(s.node_group)) scope = { nodeGroup: String(optString(s.node_group)) };
    else return undefined;
    const spec: LaunchSpec = { kind: 'puppet-orchestrator', environment, scope };
    const noop = optBool(options.noop);
    if (noop !== undefined) spec.noop = noop;
    const concurrency = optNumber(options.concurrency);
    if (concurrency !== undefined) spec.concurrency = concurrency;
    const description = optString(options.description) || optString(raw.description);
    if (description) spec.description = description;
    return spec;
  }

  async stop(job: Job, _options?: StopOptions, signal?: AbortSignal): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: `${API}/command/stop`,
      json: { job: job.id },
      operation: l10n.t('stop job {0}', job.id),
      signal,
    });
  }

  deleteJob(id: string): Promise<DeleteResult> {
    return this.http.unsupported(l10n.t('delete job {0}', id), l10n.t('the orchestrator keeps its jobs'));
  }

  bulkDelete(): Promise<BulkDeleteOutcome> {
    return this.http.unsupported(l10n.t('bulk delete jobs'), l10n.t('the orchestrator keeps its jobs'));
  }

  update(id: string): Promise<Job> {
    return this.http.unsupported(l10n.t('update job {0}', id));
  }

  async listChoices(field: ChoiceField, signal?: AbortSignal): Promise<Choice[]> {
    if (field !== 'environment') return [];
    const operation = l10n.t('list environments');
    const data = await this.get(JOBS, operation, signal, { limit: CHOICE_SCAN, order_by: 'timestamp', order: 'desc' });
    const ctx = this.ctx(operation);
    const items = asArray(asObj(data, ctx, '(response)').items, ctx, 'items');
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const env = environmentOf(asObj(item, ctx, `items[${i}]`));
      if (env) seen.add(env);
    });
    return [...seen].map((env) => ({ id: env, label: env }));
  }

  webUrl(job: Job): string | undefined {
    return job.links?.find((l) => l.url)?.url;
  }
}

export const dialect: DialectModule<'puppet-orchestrator'> = {
  ...DIALECT_INFO['puppet-orchestrator'],
  create: (http) => new PuppetOrchestratorAdapter(http),
};

declare module '../model' {
  interface Dialects {
    'puppet-orchestrator': PuppetLaunchSpec;
  }
}
