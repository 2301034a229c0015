// One connection's jobs as the views see them: the loaded pages, the active filter and sort,
// the details of jobs someone is looking at, and the last error. It is also the connection's
// one door to its adapter: views read what a job allows here (`actions`), commands act here
// (launch, stop, update…), and the store takes the answer in before anyone renders it.
// Pollers change it; trees, panels and the status bar subscribe to its events and render.
// No VS Code here, so the logic is unit-tested on plain Node.
import * as l10n from '@vscode/l10n';
import { EventEmitter } from 'node:events';
import type { BulkDeleteOptions, BulkDeleteOutcome, WorkerAction } from '../client/adapter';
import type { ChoiceField } from '../client/launch/fields';
import { jobActions, type JobAction } from '../client/actions';
import type { ConnectionConfig } from '../client/config';
import type { Connection } from '../client/registry';
import type {
  BulkDeleteSelection,
  BulkLaunchSpec,
  Capabilities,
  Choice,
  DeleteResult,
  DialectKind,
  Job,
  JobDetail,
  JobFilter,
  JobSort,
  JobUpdate,
  LaunchSpec,
  ListQuery,
  Page,
  ReportEntry,
  StopOptions,
} from '../client/model';
import { JobdeckError, isJobdeckError } from '../client/errors';
import { listen, type IDisposable, type Listeners } from '../shared/lifecycle';
import { sameData } from './sameData';
import { TailFollower, type FollowerOptions } from './tail/follower';

type ConnectionStatus = 'idle' | 'loading' | 'ok' | 'error';

interface StoreEvents {
  /** Status, error, filter or the list's shape changed: re-render the connection's rows. */
  structure: [];
  /** These jobs changed in place (same position): re-render just them. */
  jobs: [Job[]];
  /** A job's detail (targets, timeline) changed. */
  detail: [JobDetail];
  /** The user launched these jobs (newest first): views show them. */
  launched: [Job[]];
}

/** More than this many launched jobs: the list is read again instead of growing row by row. */
const MAX_UPSERTS = 50;

const DEFAULT_SORT: JobSort = { field: 'time', direction: 'desc' };
/** Launched jobs kept in view while the first page does not show them (each costs a GET per poll). */
const MAX_PINNED = 5;

export class ConnectionStore extends EventEmitter<StoreEvents> {
  status: ConnectionStatus = 'idle';
  error?: JobdeckError;
  jobs: Job[] = [];
  total?: number;
  filter?: JobFilter;
  sort: JobSort = DEFAULT_SORT;
  loadingMore = false;
  lastUpdated?: number;
  private nextCursor?: string;
  private firstPageLength = 0;
  private readonly byId = new Map<string, Job>();
  /** What each listed job showed last time, and the job object it was taken from. */
  private readonly fingerprints = new Map<string, { job: Job; fp: string }>();
  private readonly details = new Map<string, JobDetail>();
  private readonly inFlight = new Set<AbortController>();
  /** Jobs a command put in the list that the server's first page does not show (yet). */
  private readonly pinned = new Map<string, Job>();
  private generation = 0;
  /**
   * Counts what this store learned outside a list fetch (a command's upsert, a job's detail);
   * `learnedAt` is that count per job. A list page fetched before that must not undo it.
   */
  private learned = 0;
  private readonly learnedAt = new Map<string, number>();
  /** Jobs a command removed, at that count: a page fetched before the removal still lists them. */
  private readonly removedAt = new Map<string, number>();

  /** Rows per list request: the user's page size, or the server's where it is fixed. */
  private readonly pageSize: number;

  /** The dialect's extras, where the API has them (callers test for the method). */
  readonly previewInterfaces?: (spec: LaunchSpec, signal?: AbortSignal) => Promise<Choice[]>;
  readonly workerAction?: (id: string, action: WorkerAction, results?: unknown[]) => Promise<Job>;
  readonly listScheduled?: (signal?: AbortSignal) => Promise<{ id: string; name: string; active: boolean }[]>;
  /** A job found by its name (stack jobs' Open Job by Name), taken into the store's details. */
  readonly getJobByName?: (name: string, signal?: AbortSignal) => Promise<JobDetail>;

  constructor(
    /** The store layer's own (and tests'): views and commands use the methods (a lint rule says so). */
    readonly connection: Connection,
    pageSize: number,
  ) {
    super();
    const adapter = connection.adapter;
    this.pageSize = Math.min(pageSize, adapter.capabilities.fixedPageSize ?? pageSize);
    if (adapter.previewInterfaces) this.previewInterfaces = (spec, signal) => adapter.previewInterfaces!(spec, signal);
    if (adapter.listScheduled) this.listScheduled = (signal) => adapter.listScheduled!(signal);
    if (adapter.getJobByName) this.getJobByName = (name, signal) => adapter.getJobByName!(name, signal);
    if (adapter.workerAction) this.workerAction = (id, action, results) => this.workerCall(id, action, results);
  }

  get name(): string {
    return this.connection.config.name;
  }

  get kind(): DialectKind {
    return this.connection.config.kind;
  }

  get url(): string {
    return this.connection.config.url;
  }

  /** The settings entry (for the token store and the spec-file server). */
  get config(): ConnectionConfig {
    return this.connection.config;
  }

  get capabilities(): Capabilities {
    return this.connection.adapter.capabilities;
  }

  /** What can be done with this job now (client/actions.ts decides). */
  actions(job: Job): JobAction[] {
    return jobActions(job, this.connection.adapter);
  }

  can(action: JobAction, job: Job): boolean {
    return this.actions(job).includes(action);
  }

  /** Listens to this connection; dispose to stop. */
  subscribe(listeners: Listeners<StoreEvents>): IDisposable {
    return listen(this, listeners);
  }

  get hasMore(): boolean {
    return this.nextCursor !== undefined;
  }

  job(id: string): Job | undefined {
    return this.byId.get(id);
  }

  detail(id: string): JobDetail | undefined {
    return this.details.get(id);
  }

  /** Fetches the first page again and merges it: rows that did not change are not re-rendered. */
  async refresh(): Promise<void> {
    const generation = this.generation;
    const firstLoad = this.status === 'idle' || this.status === 'error';
    if (firstLoad) {
      this.status = 'loading';
      this.emit('structure');
    }
    const asOf = this.learned;
    try {
      const page = await this.withSignal((signal) =>
        this.connection.adapter.listJobs({ pageSize: this.pageSize, filter: this.filter, sort: this.sort }, signal),
      );
      const pinned = await this.refreshPinned(page.items);
      if (generation !== this.generation) return;
      const wasError = this.status !== 'ok';
      const onPage = new Set(page.items.map((p) => p.id));
      const rest = this.jobs.slice(this.firstPageLength).filter((j) => !onPage.has(j.id) && !this.pinned.has(j.id));
      for (const j of rest) this.pinned.delete(j.id);
      const beforeIds = this.jobs.map((j) => j.id).join('\n');
      const listed = page.items
        .filter((j) => (this.removedAt.get(j.id) ?? -1) < asOf)
        .map((j) => ((this.learnedAt.get(j.id) ?? -1) >= asOf ? (this.byId.get(j.id) ?? j) : j));
      // A page asked for after a removal has the server's word on it.
      for (const [id, at] of this.removedAt) if (at < asOf) this.removedAt.delete(id);
      const changed = this.replaceJobs([...pinned, ...listed, ...rest]);
      if (rest.length === 0) this.nextCursor = page.nextCursor;
      this.firstPageLength = pinned.length + listed.length;
      this.total = page.total;
      this.status = 'ok';
      this.error = undefined;
      this.lastUpdated = Date.now();
      const structural = wasError || firstLoad || beforeIds !== this.jobs.map((j) => j.id).join('\n');
      if (structural) this.emit('structure');
      else if (changed.length) this.emit('jobs', changed);
    } catch (e) {
      if (generation !== this.generation || (isJobdeckError(e) && e.code === 'cancelled')) return;
      this.status = 'error';
      this.error = toJobdeckError(e, this.name, 'list jobs');
      this.emit('structure');
      throw this.error;
    }
  }

  /** Appends the next page. */
  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return;
    const generation = this.generation;
    const asOf = this.learned;
    this.loadingMore = true;
    this.emit('structure');
    try {
      const page = await this.withSignal((signal) =>
        this.connection.adapter.listJobs(
          { pageSize: this.pageSize, cursor: this.nextCursor, filter: this.filter, sort: this.sort },
          signal,
        ),
      );
      if (generation !== this.generation) return;
      const known = new Set(this.jobs.map((j) => j.id));
      const removed = (id: string) => (this.removedAt.get(id) ?? -1) >= asOf;
      this.replaceJobs([...this.jobs, ...page.items.filter((j) => !known.has(j.id) && !removed(j.id))]);
      this.nextCursor = page.nextCursor;
      if (page.total !== undefined) this.total = page.total;
    } catch (e) {
      if (generation !== this.generation) return;
      this.error = toJobdeckError(e, this.name, 'load more jobs');
      throw this.error;
    } finally {
      if (generation === this.generation) {
        this.loadingMore = false;
        this.emit('structure');
      }
    }
  }

  /** A new filter or sort starts over from the first page. */
  async query(filter: JobFilter | undefined, sort: JobSort = this.sort): Promise<void> {
    this.filter =
      filter &&
      (filter.states?.length ||
        filter.text ||
        filter.owner ||
        Object.keys(filter.fields ?? {}).length ||
        filter.detailed)
        ? filter
        : undefined;
    this.sort = sort;
    this.reset();
    await this.refresh();
  }

  /** Fetches a job's detail (targets, timeline) and keeps it while someone looks at it. */
  loadDetail(id: string): Promise<JobDetail> {
    return this.fetchDetail(id, false);
  }

  private async fetchDetail(id: string, retried: boolean): Promise<JobDetail> {
    // The detail's age is when it was asked for: a command's answer that came in while it was
    // on its way is newer (a worker's start, then its end, each followed by a detail load).
    const askedAt = this.learned++;
    const detail = withListCounts(
      await this.withSignal((signal) => this.connection.adapter.getJob(id, signal)),
      this.byId.get(id),
    );
    if ((this.learnedAt.get(id) ?? -1) > askedAt) {
      if (!retried) return this.fetchDetail(id, true);
      return detail;
    }
    const before = this.details.get(id);
    this.details.set(id, detail);
    this.learnedAt.set(id, askedAt);
    if (!before || !sameDetail(before, detail)) this.emit('detail', detail);
    if (this.byId.has(id)) {
      const changed = this.replaceJobs(this.jobs.map((j) => (j.id === id ? stripDetail(detail) : j)));
      if (changed.length) this.emit('jobs', changed);
    }
    return detail;
  }

  /** A job's report (Puppet's per-node report), where the adapter has one. */
  async loadReport(id: string): Promise<ReportEntry[]> {
    const adapter = this.connection.adapter;
    if (!adapter.getReport)
      throw new JobdeckError({
        code: 'unsupported',
        connection: this.name,
        operation: l10n.t('get report of job {0}', id),
        detail: l10n.t('this server type has no job report'),
      });
    return this.withSignal((signal) =>
      (adapter.getReport as NonNullable<typeof adapter.getReport>).call(adapter, id, signal),
    );
  }

  forgetDetail(id: string): void {
    this.details.delete(id);
  }

  /** Puts a job a command just created or changed into the list without waiting for a poll. */
  upsert(job: Job): void {
    this.learnedAt.set(job.id, this.learned++);
    if (this.byId.has(job.id)) {
      const changed = this.replaceJobs(this.jobs.map((j) => (j.id === job.id ? job : j)));
      if (changed.length) this.emit('jobs', changed);
    } else {
      // Launched jobs stay in view even when the server lists them on a later page (stack
      // jobs have no server-side sort), until a fetched page shows them or they are removed.
      this.pinned.set(job.id, job);
      this.replaceJobs([job, ...this.jobs]);
      this.firstPageLength++;
      if (this.total !== undefined) this.total++;
      this.emit('structure');
    }
  }

  remove(ids: readonly string[]): void {
    const gone = new Set(ids);
    for (const id of ids) this.removedAt.set(id, this.learned++);
    for (const id of ids) this.pinned.delete(id);
    const kept = this.jobs.filter((j) => !gone.has(j.id));
    const removed = this.jobs.length - kept.length;
    if (!removed) return;
    this.firstPageLength = Math.max(
      0,
      this.firstPageLength - this.jobs.slice(0, this.firstPageLength).filter((j) => gone.has(j.id)).length,
    );
    this.replaceJobs(kept);
    for (const id of ids) this.details.delete(id);
    if (this.total !== undefined) this.total = Math.max(0, this.total - removed);
    this.emit('structure');
  }

  /** Launches a job (the command shows it with `launched`). */
  launch(spec: LaunchSpec, signal?: AbortSignal): Promise<Job> {
    return this.connection.adapter.launch(spec, signal);
  }

  bulkLaunch(spec: BulkLaunchSpec, signal?: AbortSignal): Promise<Job[]> {
    return this.connection.adapter.bulkLaunch(spec, signal);
  }

  /** The spec that launches the same job again, where the dialect allows it. */
  relaunchSpec(job: Job): LaunchSpec | undefined {
    return this.connection.adapter.relaunchSpec(job);
  }

  webUrl(job: Job): string | undefined {
    return this.connection.adapter.webUrl(job);
  }

  listChoices(field: ChoiceField, signal?: AbortSignal): Promise<Choice[]> {
    return this.connection.adapter.listChoices(field, signal);
  }

  /**
   * Jobs the user just launched go into the list (a few one by one, oldest first, so the
   * newest ends up on top; after a big bulk launch the first page is read again), then
   * `launched` tells the views.
   */
  async addLaunched(jobs: Job[]): Promise<void> {
    if (this.status !== 'ok' || jobs.length > MAX_UPSERTS) await this.refresh().catch(() => undefined);
    const put = jobs.length > MAX_UPSERTS ? jobs.slice(0, 1).filter((j) => !this.job(j.id)) : [...jobs].reverse();
    for (const job of put) this.upsert(job);
    if (jobs.length) this.emit('launched', jobs);
  }

  /** Asks the server to stop a job: the row shows "stopping" at once, then what the server says. */
  /** Asks the server to stop a job (with the options its stop takes); the row shows "stopping" at once, then what the server says. */
  async stop(job: Job, options?: StopOptions): Promise<void> {
    await this.connection.adapter.stop(job, options);
    this.upsert({ ...(this.job(job.id) ?? job), state: 'stopping', rawState: 'stopping' });
    await this.loadDetail(job.id).catch(() => undefined);
  }

  /** Changes a job (enable/disable…); a loaded job shows the answer at once. */
  async update(id: string, update: JobUpdate, signal?: AbortSignal): Promise<Job> {
    const updated = await this.connection.adapter.update(id, update, signal);
    if (this.job(updated.id)) this.upsert(updated);
    return updated;
  }

  deleteJob(id: string, signal?: AbortSignal): Promise<DeleteResult> {
    return this.connection.adapter.deleteJob(id, signal);
  }

  bulkDelete(selection: BulkDeleteSelection, options?: BulkDeleteOptions): Promise<BulkDeleteOutcome> {
    return this.connection.adapter.bulkDelete(selection, options);
  }

  /** One page of the server's list, outside the loaded pages (a scan that changes no state). */
  scan(query: ListQuery, signal?: AbortSignal): Promise<Page<Job>> {
    return this.connection.adapter.listJobs(query, signal);
  }

  /** A follower of one job's events (tails). */
  follow(jobId: string, options: Omit<FollowerOptions, 'adapter' | 'jobId'>): TailFollower {
    return new TailFollower({ ...options, adapter: this.connection.adapter, jobId });
  }

  dispose(): void {
    this.generation++;
    for (const c of this.inFlight) c.abort();
    this.inFlight.clear();
    this.removeAllListeners();
  }

  private reset(): void {
    this.generation++;
    for (const c of this.inFlight) c.abort();
    this.inFlight.clear();
    this.jobs = [];
    this.pinned.clear();
    this.byId.clear();
    this.fingerprints.clear();
    this.nextCursor = undefined;
    this.firstPageLength = 0;
    this.total = undefined;
    this.status = 'idle';
    this.loadingMore = false;
  }

  /** Pinned jobs not on `page`, fetched again so their state stays live; gone ones are dropped. */
  private async refreshPinned(page: readonly Job[]): Promise<Job[]> {
    for (const j of page) this.pinned.delete(j.id);
    // The newest launches stay (the map holds them in launch order): the user looks for the last.
    const all = [...this.pinned.keys()];
    const ids = all.slice(-MAX_PINNED);
    for (const id of all.slice(0, Math.max(0, all.length - MAX_PINNED))) this.pinned.delete(id);
    const fresh = await Promise.all(
      ids.map((id) =>
        this.withSignal((signal) => this.connection.adapter.getJob(id, signal))
          .then((d) => stripDetail(d))
          .catch((e: unknown) => (isJobdeckError(e) && e.code === 'notFound' ? undefined : this.pinned.get(id))),
      ),
    );
    const kept: Job[] = [];
    ids.forEach((id, i) => {
      const job = fresh[i];
      if (job) {
        this.pinned.set(id, job);
        kept.push(job);
      } else this.pinned.delete(id);
    });
    return kept;
  }

  /** Installs the new list and returns the jobs whose visible data changed. */
  private replaceJobs(next: Job[]): Job[] {
    const changed: Job[] = [];
    this.byId.clear();
    for (const job of next) {
      this.byId.set(job.id, job);
      const prev = this.fingerprints.get(job.id);
      // The same object again: an unchanged poll (the client parses an unchanged body once).
      if (prev?.job === job) continue;
      const fp = fingerprint(job);
      if (prev !== undefined && prev.fp !== fp) changed.push(job);
      this.fingerprints.set(job.id, { job, fp });
    }
    for (const id of [...this.fingerprints.keys()]) if (!this.byId.has(id)) this.fingerprints.delete(id);
    for (const id of [...this.learnedAt.keys()]) if (!this.byId.has(id)) this.learnedAt.delete(id);
    this.jobs = next;
    return changed;
  }

  private async workerCall(id: string, action: WorkerAction, results?: unknown[]): Promise<Job> {
    const updated = await this.connection.adapter.workerAction!(id, action, results);
    this.upsert(updated);
    void this.loadDetail(id).catch(() => undefined);
    return updated;
  }

  private async withSignal<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    try {
      return await work(controller.signal);
    } finally {
      this.inFlight.delete(controller);
    }
  }
}

/** What a row shows; `raw` is left out so unrelated server fields do not cause re-renders. */
function fingerprint(job: Job): string {
  const { raw: _raw, ...shown } = job;
  return JSON.stringify(shown);
}

/** Whether the views would show the same (`raw` left out, like `fingerprint`). */
function sameDetail(a: JobDetail, b: JobDetail): boolean {
  const { raw: _a, ...shownA } = a;
  const { raw: _b, ...shownB } = b;
  return sameData(shownA, shownB);
}

/**
 * A detail that knows no node counts (a server's detail may leave out what its list sends,
 * as Puppet's does) keeps the list row's: a refresh must not turn "5 finished" into nothing.
 */
export function withListCounts(detail: JobDetail, listed: Job | undefined): JobDetail {
  if (!listed || detail.progress || detail.targetCounts || (!listed.progress && !listed.targetCounts)) return detail;
  const out: JobDetail = { ...detail };
  if (listed.progress) out.progress = listed.progress;
  if (listed.targetCounts) out.targetCounts = listed.targetCounts;
  return out;
}

function stripDetail(d: JobDetail): Job {
  const { timeline: _t, targets: _n, failure: _f, ...job } = d;
  return job;
}

function toJobdeckError(e: unknown, connection: string, operation: string): JobdeckError {
  if (isJobdeckError(e)) return e;
  return new JobdeckError({
    code: 'badResponse',
    connection,
    operation,
    detail: e instanceof Error ? e.message : String(e),
  });
}
