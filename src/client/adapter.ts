// The one interface every dialect adapter implements. An adapter turns domain calls into
// HTTP requests (through HttpClient) and wire payloads into domain objects; it holds no state
// beyond its HttpClient, and knows nothing of VS Code.
import type { AuthStyle } from './config';
import type { ChoiceField, LaunchTable } from './launch/fields';
import type { HttpClient } from './http';
import type {
  BulkDeleteSelection,
  BulkLaunchSpec,
  Capabilities,
  Choice,
  DeleteResult,
  DialectKind,
  EventPage,
  Job,
  JobDetail,
  JobTarget,
  JobUpdate,
  LaunchSpec,
  ListQuery,
  Page,
  ReportEntry,
  StopOptions,
} from './model';

export interface BulkDeleteOutcome {
  /** Jobs the server confirmed (or, for native bulk by filter/all, the request succeeded). */
  deleted: DeleteResult[];
  failed: { id: string; message: string }[];
  /** Number of HTTP requests it took (1 for a native bulk delete). */
  requests: number;
}

export interface BulkDeleteOptions {
  /** Bounded fan-out for dialects without a bulk endpoint. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Called after each job of a fan-out settles. */
  onProgress?: (settled: number, total: number) => void;
}

export interface JobsAdapter {
  readonly kind: DialectKind;
  readonly capabilities: Capabilities;

  listJobs(query: ListQuery, signal?: AbortSignal): Promise<Page<Job>>;
  getJob(id: string, signal?: AbortSignal): Promise<JobDetail>;
  /** Nodes / devices / tasks of a job (part of getJob where the API returns them inline). */
  getTargets(id: string, signal?: AbortSignal): Promise<JobTarget[]>;
  /**
   * Events after `cursor` (undefined = from the start). Dialects without an events API throw
   * `unsupported`; the tail then derives events from state changes (see eventsFromChanges).
   */
  getEvents(id: string, cursor: string | undefined, signal?: AbortSignal): Promise<EventPage>;

  launch(spec: LaunchSpec, signal?: AbortSignal): Promise<Job>;
  bulkLaunch(spec: BulkLaunchSpec, signal?: AbortSignal): Promise<Job[]>;
  /** The spec that launches the same thing again, where the dialect allows it. */
  relaunchSpec(job: Job): LaunchSpec | undefined;
  /** `options` as Capabilities.stopOptions allows (a reason, when it takes effect). */
  stop(job: Job, options?: StopOptions, signal?: AbortSignal): Promise<void>;
  deleteJob(id: string, signal?: AbortSignal): Promise<DeleteResult>;
  bulkDelete(selection: BulkDeleteSelection, options?: BulkDeleteOptions): Promise<BulkDeleteOutcome>;
  update(id: string, update: JobUpdate, signal?: AbortSignal): Promise<Job>;
  /** Values the launch wizard offers for a field ([] where the server has no list). */
  listChoices(field: ChoiceField, signal?: AbortSignal): Promise<Choice[]>;
  /** A browser URL for the job, where the product has a web console. */
  webUrl(job: Job): string | undefined;

  // Dialect extras: present only where the API has them. Callers test for the method,
  // never for the dialect name.
  /** CDRouter `?process=interfaces`: the interfaces a launch would use. */
  previewInterfaces?(spec: LaunchSpec, signal?: AbortSignal): Promise<Choice[]>;
  /** beacon worker calls (pickup/start/end); `results` only with `end`. */
  workerAction?(id: string, action: WorkerAction, results?: unknown[], signal?: AbortSignal): Promise<Job>;
  /** beacon `/api/jobs/scheduled`. */
  listScheduled?(signal?: AbortSignal): Promise<{ id: string; name: string; active: boolean }[]>;
  /** stack-jobs: get by id or by name. */
  getJobByName?(name: string, signal?: AbortSignal): Promise<JobDetail>;
  /** Puppet `/jobs/:id/report`: what each node did. */
  getReport?(id: string, signal?: AbortSignal): Promise<ReportEntry[]>;
}

export type WorkerAction = 'pickup' | 'start' | 'end';

/** What each adapter module exports: everything the rest of Jobdeck needs to know of a dialect. */
export interface DialectModule<K extends DialectKind = DialectKind> {
  kind: K;
  /** The product's name, as users know it. */
  title: string;
  auth: AuthStyle;
  create(http: HttpClient): JobsAdapter;
  /** The launch fields, where Jobdeck launches jobs of this dialect. */
  launch?: LaunchTable<K>;
  /** Add Connection: an example server root, and the API path people paste with it (cut off). */
  exampleUrl: string;
  apiPath: RegExp;
}
