// The launch fields of a spec file, per dialect: one table that validation, completion, hover,
// the JSON Schema test and the docs all read. A field's meaning is written once, here.
import type { ChoiceField } from '../client/adapter';
import type { DialectKind } from '../client/model';

export type FieldType =
  | 'string'
  /** A value the server lists (package, environment…): its name or its id. */
  | 'choice'
  | 'choiceList'
  | 'stringList'
  | 'boolean'
  | 'integer'
  /** Any JSON array (beacon tasks are passed through as they are). */
  | 'array'
  /** beacon `schedule:` block. */
  | 'beaconSchedule'
  /** ISO 8601 date-time or unix seconds. */
  | 'time'
  /** A cron field: text or a number (`*`, `0`, `1-5`, `*\/15`). */
  | 'cron';

export interface FieldDef {
  key: string;
  type: FieldType;
  /** Markdown for hover and completion documentation. */
  doc: string;
  required?: boolean;
  /** Where live values come from (listChoices). */
  choice?: ChoiceField;
  /**
   * How sure the server's list is. 'complete': a value not in it is an error (CDRouter packages,
   * stack-jobs schedules). 'seen': the list is gathered from recent jobs, so a value not in it is
   * only a warning (Puppet environments, beacon names).
   */
  listIs?: 'complete' | 'seen';
  /** Smallest allowed integer. */
  min?: number;
  /** A snippet body after `key: ` for completion (YAML). */
  snippet?: string;
  /** Sub-fields of a block (beacon schedule). */
  fields?: FieldDef[];
  /** The API field it becomes, for hover. */
  sends?: string;
}

export const COMMON_FIELDS: readonly FieldDef[] = [
  {
    key: 'connection',
    type: 'string',
    doc: 'The Jobdeck connection (a `name` in the `jobdeck.connections` setting) to launch on. Its `kind` decides which fields apply. May be set once at the top of the file for every launch.',
  },
  {
    key: 'label',
    type: 'string',
    doc: 'A name for this launch in the outline and above it in the editor. Not sent to the server.',
  },
];

const CDROUTER: readonly FieldDef[] = [
  {
    key: 'package',
    type: 'choice',
    choice: 'package',
    listIs: 'complete',
    sends: 'package_id',
    doc: 'The test package to run: its name or its id. Required unless `packages` is given.',
  },
  {
    key: 'packages',
    type: 'choiceList',
    choice: 'package',
    listIs: 'complete',
    sends: 'package_id (one job each)',
    snippet: '\n  - $0',
    doc: 'Several packages (names or ids), launched together by CDRouter\'s bulk launch: one job per package, with the same `tags`. Instead of `package`; takes no device, config or other options.',
  },
  { key: 'device', type: 'choice', choice: 'device', listIs: 'complete', sends: 'device_id', doc: 'The device under test: its name or its id. Default: the package\'s own device.' },
  { key: 'config', type: 'choice', choice: 'config', listIs: 'complete', sends: 'config_id', doc: 'The config file: its name or its id. Default: the package\'s own config.' },
  { key: 'tags', type: 'stringList', sends: 'options.tags', snippet: '[$0]', doc: 'Tags added to the result, e.g. `[nightly, dns]`.' },
  { key: 'skipTests', type: 'stringList', sends: 'options.skip_tests', snippet: '[$0]', doc: 'Tests to skip (test names).' },
  { key: 'beginAt', type: 'string', sends: 'options.begin_at', doc: 'The test to start at; earlier tests are skipped.' },
  { key: 'endAt', type: 'string', sends: 'options.end_at', doc: 'The test to end at; later tests are skipped.' },
  { key: 'extraCliArgs', type: 'string', sends: 'options.extra_cli_args', doc: 'Extra command-line arguments for the CDRouter test run, e.g. `-testvar lanIp=192.168.1.1`.' },
];

const PUPPET: readonly FieldDef[] = [
  {
    key: 'environment',
    type: 'choice',
    choice: 'environment',
    listIs: 'seen',
    required: true,
    sends: 'environment',
    doc: 'The Puppet environment (code branch) to deploy. Completion offers the environments of recent jobs; another name is allowed, with a warning.',
  },
  { key: 'nodes', type: 'stringList', sends: 'scope.nodes', snippet: '\n  - $0', doc: 'Scope: the certnames of the nodes to run on. Give exactly one of `nodes`, `query`, `nodeGroup`.' },
  { key: 'query', type: 'string', sends: 'scope.query', doc: 'Scope: a PQL query selecting the nodes, e.g. `nodes[certname] { facts { name = "os.family" and value = "RedHat" } }`. Give exactly one of `nodes`, `query`, `nodeGroup`.' },
  { key: 'nodeGroup', type: 'choice', choice: 'nodeGroup', listIs: 'seen', sends: 'scope.node_group', doc: 'Scope: the id of a node group (classifier). Give exactly one of `nodes`, `query`, `nodeGroup`.' },
  { key: 'noop', type: 'boolean', sends: 'noop', snippet: '${1|true,false|}', doc: 'Simulate only: report what would change without changing anything.' },
  { key: 'concurrency', type: 'integer', min: 1, sends: 'concurrency', doc: 'At most this many nodes run at once (default: the orchestrator\'s setting).' },
  { key: 'description', type: 'string', sends: 'description', doc: 'A description stored with the job, shown in the job list of the console.' },
];

const STACK_JOBS: readonly FieldDef[] = [
  { key: 'schedule', type: 'choice', choice: 'schedule', listIs: 'complete', required: true, sends: 'schedule_id', doc: 'When the job runs: a schedule\'s name or its id.' },
  { key: 'stack', type: 'choice', choice: 'stack', listIs: 'complete', required: true, sends: 'stack_id', doc: 'What the job runs: a stack\'s name or its id.' },
  { key: 'name', type: 'string', sends: 'name', doc: 'The job\'s name (the server picks one when absent).' },
  { key: 'enabled', type: 'boolean', sends: 'enabled', snippet: '${1|true,false|}', doc: 'Whether the job runs on its schedule (default: the server\'s, usually enabled).' },
];

const BEACON_SCHEDULE: readonly FieldDef[] = [
  { key: 'start', type: 'time', sends: 'start_date', doc: 'First day the schedule applies: ISO date-time (`2026-01-31T22:00:00Z`) or unix seconds.' },
  { key: 'end', type: 'time', sends: 'end_date', doc: 'Last day the schedule applies: ISO date-time or unix seconds.' },
  { key: 'min', type: 'cron', sends: 'min', doc: 'Minute, cron style (`0`, `*/15`).' },
  { key: 'hour', type: 'cron', sends: 'hour', doc: 'Hour, cron style (`2`, `*`).' },
  { key: 'dom', type: 'cron', sends: 'dom', doc: 'Day of the month, cron style (`1`, `*`).' },
  { key: 'dow', type: 'cron', sends: 'dow', doc: 'Day of the week, cron style (`1-5`, `*`).' },
  { key: 'month', type: 'cron', sends: 'month', doc: 'Month, cron style (`*`, `1,7`).' },
];

const BEACON: readonly FieldDef[] = [
  { key: 'name', type: 'string', required: true, sends: 'name', doc: 'The job\'s name.' },
  { key: 'beacon', type: 'choice', choice: 'beacon', listIs: 'seen', sends: 'beacon_name', doc: 'The beacon (worker) that should take the job. Completion offers the beacons of recent jobs; another name is allowed, with a warning.' },
  { key: 'tasks', type: 'array', required: true, sends: 'tasks (JSON)', snippet: '\n  - $0', doc: 'The tasks, in order: any JSON values (strings or objects), sent as a JSON array.' },
  { key: 'queue', type: 'boolean', sends: 'q=1', snippet: '${1|true,false|}', doc: 'Queue the job at once (`q=1`). Instead of `schedule`.' },
  { key: 'schedule', type: 'beaconSchedule', sends: 'schedule=1 + fields', snippet: '\n  min: "${1:0}"\n  hour: "${2:2}"\n  dom: "*"\n  dow: "*"\n  month: "*"', fields: [...BEACON_SCHEDULE], doc: 'Run on a schedule (`schedule=1`) instead of queueing: `start`, `end`, and cron fields `min`, `hour`, `dom`, `dow`, `month`.' },
];

export const DIALECT_FIELDS: Readonly<Record<DialectKind, readonly FieldDef[]>> = {
  'cnaas-nms': [],
  cdrouter: CDROUTER,
  'puppet-orchestrator': PUPPET,
  'stack-jobs': STACK_JOBS,
  beacon: BEACON,
};

/** Groups of fields of which exactly one (`exactlyOne`) or at most one must be given. */
export const FIELD_GROUPS: Readonly<Record<DialectKind, readonly { keys: readonly string[]; exactlyOne: boolean }[]>> = {
  'cnaas-nms': [],
  cdrouter: [{ keys: ['package', 'packages'], exactlyOne: true }],
  'puppet-orchestrator': [{ keys: ['nodes', 'query', 'nodeGroup'], exactlyOne: true }],
  'stack-jobs': [],
  beacon: [{ keys: ['queue', 'schedule'], exactlyOne: false }],
};

/** A field that allows only some others beside it (CDRouter's bulk launch takes tags only). */
export const ONLY_WITH: Readonly<Record<DialectKind, readonly { key: string; allows: readonly string[]; why: string }[]>> = {
  'cnaas-nms': [],
  cdrouter: [{ key: 'packages', allows: ['tags'], why: 'CDRouter\'s bulk launch (`packages`) takes packages and tags only; use one launch per package with `package` for the other fields' }],
  'puppet-orchestrator': [],
  'stack-jobs': [],
  beacon: [],
};

export const DIALECT_TITLES: Readonly<Record<DialectKind, string>> = {
  'cnaas-nms': 'CNaaS-NMS',
  cdrouter: 'CDRouter',
  'puppet-orchestrator': 'Puppet orchestrator',
  'stack-jobs': 'stack-jobs',
  beacon: 'beacon',
};

export function fieldsOf(kind: DialectKind): readonly FieldDef[] {
  return [...COMMON_FIELDS, ...DIALECT_FIELDS[kind]];
}

export function fieldOf(kind: DialectKind | undefined, key: string): FieldDef | undefined {
  const common = COMMON_FIELDS.find((f) => f.key === key);
  if (common || !kind) return common;
  return DIALECT_FIELDS[kind].find((f) => f.key === key);
}

/** Every dialect that has a field with this key (hover on a launch with an unknown connection). */
export function dialectsWithField(key: string): DialectKind[] {
  return (Object.keys(DIALECT_FIELDS) as DialectKind[]).filter((k) => DIALECT_FIELDS[k].some((f) => f.key === key));
}
