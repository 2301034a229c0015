// The domain model every dialect adapter maps into. Views and commands only ever see these
// types; they never look at wire payloads (those stay in `raw` for "show raw" features).
// Times are epoch milliseconds so the model survives JSON (webview messages, panel restore).

/**
 * The dialects by kind, each with the shape of its launch (`never` where Jobdeck does not
 * launch). Each adapter module adds its own line here (`declare module '../model'`), and the
 * registry (registry.ts) must then name its module, or nothing compiles: a dialect is one
 * adapter file, one field table and one registry line.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Dialects {}
export type DialectKind = keyof Dialects & string;

/** Normalized state: drives icons, colours, filters. Users read `rawState`. */
export const JOB_STATES = [
  'pending',
  'scheduled',
  'running',
  'stopping',
  'succeeded',
  'failed',
  'stopped',
  'disabled',
  'deleting',
  'unknown',
] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States in which a job (or node) will not change any more on its own. */
export const FINAL_STATES: ReadonlySet<JobState> = new Set<JobState>(['succeeded', 'failed', 'stopped']);
/** States in which a job is doing work right now (polled faster, spinning icon). */
export const ACTIVE_STATES: ReadonlySet<JobState> = new Set<JobState>(['running', 'stopping']);

/** A job's detail, as opposed to its list entry (which has no targets or timeline). */
export function isDetail(job: Job | JobDetail): job is JobDetail {
  return Array.isArray((job as JobDetail).targets) && Array.isArray((job as JobDetail).timeline);
}

export interface Progress {
  done: number;
  total: number;
}

/** A link from one job to something related (chained job, report, web console). */
export interface JobLink {
  label: string;
  /** Another job on the same connection. */
  jobId?: string;
  /** An http(s) URL; opened through the extension after validation, never by the webview. */
  url?: string;
}

/** Label/value pairs a dialect wants in the header (environment, device, package, stack…). */
export interface JobField {
  label: string;
  value: string;
}

export interface Job {
  id: string;
  /** The name users of that product know the job by. */
  name: string;
  state: JobState;
  /** The server's own state word, shown as is. */
  rawState: string;
  createdAt?: number;
  startedAt?: number;
  finishedAt?: number;
  /** Next planned run (scheduled jobs). */
  nextRunAt?: number;
  owner?: string;
  /** One short line for tooltips and descriptions. */
  summary?: string;
  progress?: Progress;
  /** Node/device/task counts by raw state word, where the server reports them. */
  targetCounts?: Record<string, number>;
  /** How many nodes/devices/tasks the job has, where the server says (Puppet's node_count). */
  targetTotal?: number;
  fields?: JobField[];
  links?: JobLink[];
  /**
   * Queued for deletion but not active (stack-jobs `do_del` without `do_run`): the server
   * deletes it at its next run only if it runs; a DELETE now deletes it at once.
   */
  deletableNow?: boolean;
  /** The untouched payload. */
  raw: unknown;
}

export interface StateTransition {
  state: JobState;
  rawState: string;
  enteredAt?: number;
  exitedAt?: number;
}

export type TargetKind = 'node' | 'device' | 'step' | 'task';

/** A node (Puppet), device (CNaaS, with steps as children), step or task (beacon). */
export interface JobTarget {
  id: string;
  name: string;
  kind: TargetKind;
  state: JobState;
  rawState: string;
  startedAt?: number;
  finishedAt?: number;
  durationMs?: number;
  message?: string;
  /** Structured result (shown as pretty JSON). */
  result?: unknown;
  /** A text result such as a generated config or a traceback (shown as a document). */
  resultText?: string;
  /** Unified diff hunks (`@@ -a,b +c,d @@` …), without file headers. */
  diff?: string;
  reportUrl?: string;
  children?: JobTarget[];
}

export interface JobFailure {
  message: string;
  traceback?: string;
}

export interface JobDetail extends Job {
  timeline: StateTransition[];
  targets: JobTarget[];
  failure?: JobFailure;
}

export type EventLevel = 'info' | 'warning' | 'error';

export interface JobEvent {
  /** Unique and increasing within one job's stream. */
  id: string;
  time?: number;
  type: string;
  node?: string;
  message: string;
  level: EventLevel;
}

export interface EventPage {
  events: JobEvent[];
  /** Pass back to getEvents to resume exactly after the last event. */
  cursor: string;
}

export interface Page<T> {
  items: T[];
  /** Total on the server for this query, where the API says. */
  total?: number;
  /** Opaque; pass as `ListQuery.cursor` to get the next page. Absent on the last page. */
  nextCursor?: string;
}

export type SortField = 'time' | 'name' | 'state';
export interface JobSort {
  field: SortField;
  direction: 'asc' | 'desc';
}

export interface JobFilter {
  states?: JobState[];
  /** Case-insensitive substring of the job's name (and summary where the server can). */
  text?: string;
  owner?: string;
  /** Exact values of the fields in Capabilities.fieldFilters, filtered by the server. */
  fields?: Record<string, string>;
  /** Ask for the server's detailed representation (Capabilities.detailedList). */
  detailed?: boolean;
}

export interface ListQuery {
  pageSize: number;
  cursor?: string;
  filter?: JobFilter;
  sort?: JobSort;
}

export interface Capabilities {
  list: boolean;
  get: boolean;
  nodes: boolean;
  diffs: boolean;
  launch: boolean;
  bulkLaunch: boolean;
  stop: boolean;
  delete: boolean;
  bulkDelete: boolean;
  events: boolean;
  schedule: boolean;
  update: boolean;
  /** Which filters the server applies itself (the rest is applied to each fetched page). */
  serverFilter: { state: boolean; text: boolean; owner: boolean };
  serverSort: boolean;
  /**
   * The server's page size where a request cannot choose it. A list page is then one server
   * page, so a refresh (a poll) costs one request instead of one per server page.
   */
  fixedPageSize?: number;
  /** What a stop can carry: a reason (CNaaS's abort_reason), or when it takes effect (CDRouter). */
  stopOptions?: { reason?: boolean; when?: readonly StopWhen[] };
  /**
   * Fields the server filters by exact value, beyond state, text and owner (beacon's list
   * parameters, CDRouter's `filter=field=value`), with the label users read.
   */
  fieldFilters?: readonly FieldFilterSpec[];
  /** The list can ask for the server's detailed representation (CDRouter's `detailed=true`). */
  detailedList?: boolean;
  /** What `update` can change of a job besides enabling it (stack-jobs: name, schedule, stack). */
  editable?: readonly EditableField[];
  /** `update` can set the task being processed (beacon's curtask). */
  currentTask?: boolean;
  /**
   * Whether targets carry their own start and finish times (default true). CNaaS results
   * name each device's steps but no times: the panel draws no columns that stay empty.
   */
  targetTimes?: boolean;
}

export type EditableField = 'name' | 'schedule' | 'stack';

/** One node's entry of a job report (Puppet's `/jobs/:id/report`). */
export interface ReportEntry {
  node: string;
  /** The server's state word for the node. */
  state: string;
  time?: number;
  /** What happened on the node during the job, as the server describes it. */
  events: unknown[];
}

/** When a stop takes effect: at once, or at the end of the current test or loop (CDRouter). */
export type StopWhen = 'now' | 'end-of-test' | 'end-of-loop';

export interface StopOptions {
  /** Why (CNaaS keeps it with the aborted job). */
  reason?: string;
  when?: StopWhen;
}

/** One exact-match field a server filters its list by. */
export interface FieldFilterSpec {
  /** The server's field name, sent as is. */
  field: string;
  label: string;
  /** What the value looks like ("unix seconds", "a package name"). */
  hint?: string;
}

/** What a launch sends, per dialect (client/launch/<dialect>.ts defines each shape). */
export type LaunchSpec = { [K in DialectKind]: Dialects[K] }[DialectKind];

/** CDRouter's native bulk launch: explicit packages, a package filter, or all packages. */
export type BulkLaunchSpec =
  | { by: 'packages'; jobs: { packageId: string; tags?: string[] }[] }
  | { by: 'filter'; filters: string[]; tags?: string[] }
  | { by: 'all'; tags?: string[] };

export type BulkDeleteSelection = { by: 'ids'; ids: string[] } | { by: 'filter'; filter: JobFilter } | { by: 'all' };

export type DeleteOutcome = 'deleted' | 'queued';

export interface DeleteResult {
  id: string;
  outcome: DeleteOutcome;
}

export interface JobUpdate {
  name?: string;
  enabled?: boolean;
  scheduleId?: number;
  stackId?: number;
  /** beacon: the task being processed. */
  curTask?: number;
}

/** A value the launch wizard or spec files can offer (package, device, environment…). */
export interface Choice {
  id: string;
  label: string;
  description?: string;
}
