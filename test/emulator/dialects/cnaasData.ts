// CNaaS-NMS jobs: function, devices, per-device steps with config diffs, failures with
// tracebacks, chained jobs. Built on demand from (seed, i) and the clock.
import { deviceConfig, unifiedHunks } from '../diffs';
import { hasHugeDiff, hostileFor, hugeDiff } from '../hostile';
import { between, hash, pick, rand } from '../rng';
import { generatedLife, phaseAt, stoppedLife, type Life } from '../timeline';
import { cnaasIsoTime, cnaasTime } from '../timefmt';
import type { DialectEnv } from './dialect';

export const FUNCTIONS: Record<string, string[]> = {
  sync_devices: ['push_sync_device', 'Generate device config', 'Sync device config'],
  update_facts: ['update_facts', 'napalm_get'],
  firmware_copy: ['arista_firmware_download', 'Copy firmware image'],
  device_upgrade: [
    'device_upgrade_task',
    'arista_pre_flight_check',
    'arista_firmware_activate',
    'arista_device_reboot',
    'arista_post_flight_check',
  ],
  init_access_device_step1: ['push_base_management', 'Generate initial device config', 'Push base management config'],
  init_access_device_step2: ['init_access_device_step2', 'Check device connectivity'],
};

const DEVICES = [
  'eosaccess',
  'eosdist1',
  'eosdist2',
  'eoscore',
  ...Array.from({ length: 24 }, (_, k) => `a-sw-${String(k + 1).padStart(2, '0')}`),
];
const USERS = ['admin', 'kaj', 'johan', 'api-token', 'cron'];
const TICKETS = ['', '', '', 'CHG0001234', 'INC-4411', 'NETOPS-77'];
const COMMENTS = ['', '', 'weekly sync', 'after ntp change', 'upgrade window', 'requested by helpdesk'];

export type CnaasStatus = 'SCHEDULED' | 'RUNNING' | 'FINISHED' | 'EXCEPTION' | 'ABORTED' | 'ABORTING';

/** JobStatus's declaration order (db/job.py): what `sort=status` orders by (a Postgres enum). */
export const STATUS_ORDER: readonly string[] = [
  'UNKNOWN',
  'SCHEDULED',
  'RUNNING',
  'FINISHED',
  'EXCEPTION',
  'ABORTED',
  'ABORTING',
];

/** How long a RUNNING job stays ABORTING before its task notices and it ends ABORTED. */
export const ABORTING_MS = 5_000;

/** What an edited job keeps; generated jobs keep nothing. */
export interface CnaasEdit {
  /** When `PUT /job/<id> {"action": "ABORT"}` arrived. */
  abortAt?: number;
  /** The abort_reason (cut to 255) plus " (aborted by <identity>)", as jobs.py stores it. */
  abortReason?: string;
}

export interface CnaasCore {
  id: number;
  fn: string;
  devices: string[];
  life: Life;
  scheduledBy: string;
  comment: string;
  ticketRef: string;
  /** A RUNNING job asked to abort at this time: ABORTING until its life ends. */
  abortAt?: number;
  /** A SCHEDULED job aborted before it started: its result is {message: this}. */
  abortMessage?: string;
}

/** step1 jobs that succeed are followed by their step2 job (the next id). */
function baseFunction(seed: number, i: number): string {
  const r = rand(seed, i, 'cfn');
  return r < 0.6
    ? 'sync_devices'
    : r < 0.72
      ? 'update_facts'
      : r < 0.82
        ? 'firmware_copy'
        : r < 0.92
          ? 'device_upgrade'
          : 'init_access_device_step1';
}

function devicesOf(seed: number, i: number, fn: string): string[] {
  const many = fn === 'sync_devices' || fn === 'update_facts' || fn === 'firmware_copy';
  const count = many
    ? rand(seed, i, 'cmany') < 0.1
      ? between(seed, i, 'cn', 8, 14)
      : between(seed, i, 'cn', 1, 4)
    : 1;
  const first = hash(seed, i, 'cdev') % DEVICES.length;
  // Steps of 5 through 28 devices never repeat within 14.
  return Array.from({ length: count }, (_, k) => DEVICES[(first + k * 5) % DEVICES.length]);
}

export function core(env: DialectEnv, i: number, edit: CnaasEdit | undefined): CnaasCore {
  const { seed } = env;
  let fn = baseFunction(seed, i);
  let life = generatedLife(seed, 'cnaas', i, env.jobs, env.base);
  if (
    i > 1 &&
    baseFunction(seed, i - 1) === 'init_access_device_step1' &&
    generatedLife(seed, 'cnaas', i - 1, env.jobs, env.base).outcome === 'ok'
  ) {
    fn = 'init_access_device_step2';
  }
  if (fn === 'init_access_device_step1' && life.outcome === 'ok' && i < env.jobs) {
    // The chained step2 job starts when this one ends.
    const next = generatedLife(seed, 'cnaas', i + 1, env.jobs, env.base);
    if (next.createdAt < life.endAt) life = { ...life, endAt: Math.max(life.startAt + 1000, next.createdAt - 500) };
  }
  const c = new GeneratedCnaas(
    seed,
    i,
    fn,
    life,
    pick(seed, i, 'cuser', USERS),
    hostileFor(env.hostile, seed, i, 'ccomment') ?? pick(seed, i, 'ccomment', COMMENTS),
    pick(seed, i, 'cticket', TICKETS),
  );
  return edit ? withAbort(c, edit) : c;
}

/**
 * The job after an abort (api/jobs.py): a SCHEDULED one is taken off the scheduler and ends
 * ABORTED at once with result {message}; a RUNNING one is ABORTING until its task notices
 * (ABORTING_MS here), then ABORTED.
 */
export function withAbort(c: CnaasCore, edit: CnaasEdit): CnaasCore {
  const at = edit.abortAt;
  if (at === undefined || at >= c.life.endAt) return c;
  const plain: CnaasCore = {
    id: c.id,
    fn: c.fn,
    devices: c.devices,
    life: c.life,
    scheduledBy: c.scheduledBy,
    comment: c.comment,
    ticketRef: c.ticketRef,
  };
  if (at < c.life.startAt)
    return { ...plain, life: stoppedLife(c.life, at), abortMessage: edit.abortReason ?? 'Aborted via API call' };
  return { ...plain, life: stoppedLife(c.life, at + ABORTING_MS), abortAt: at };
}

/** A class, not a literal with a getter: V8 builds those slowly, and we build 100,000 per sort. */
class GeneratedCnaas implements CnaasCore {
  private devs: string[] | undefined;
  constructor(
    private readonly seed: number,
    readonly id: number,
    readonly fn: string,
    readonly life: Life,
    readonly scheduledBy: string,
    readonly comment: string,
    readonly ticketRef: string,
  ) {}

  /** Built when read: sorting and filtering never needs them. */
  get devices(): string[] {
    return (this.devs ??= devicesOf(this.seed, this.id, this.fn));
  }
}

export function statusOf(c: CnaasCore, now: number): CnaasStatus {
  const phase = phaseAt(c.life, now);
  if (phase === 'pending') return 'SCHEDULED';
  if (phase === 'running') return c.abortAt !== undefined && now >= c.abortAt ? 'ABORTING' : 'RUNNING';
  return c.life.outcome === 'ok' ? 'FINISHED' : c.life.outcome === 'fail' ? 'EXCEPTION' : 'ABORTED';
}

export function startTime(c: CnaasCore, now: number): number | null {
  return now >= c.life.startAt && !(c.life.outcome === 'stopped' && c.life.startAt === c.life.endAt)
    ? c.life.startAt
    : null;
}

/** Seed-shaped ids are Mongo ObjectIds: 8 hex of creation seconds, 10 of noise, 6 of counter (= i). */
export function objectId(env: DialectEnv, c: CnaasCore): string {
  const secs = Math.floor(c.life.createdAt / 1000)
    .toString(16)
    .padStart(8, '0');
  const noise = (hash(env.seed, 0, 'cproc').toString(16).padStart(8, '0') + 'dd').slice(0, 10);
  return secs + noise + c.id.toString(16).padStart(6, '0');
}

export function idFromObjectId(s: string): number {
  return /^[0-9a-f]{24}$/i.test(s) ? parseInt(s.slice(18), 16) : NaN;
}

interface Step {
  name: string;
  result: unknown;
  diff: string;
  failed: boolean;
}

const TRACEBACK = (device: string) =>
  [
    'Traceback (most recent call last):',
    '  File "/opt/cnaas/venv/lib/python3.11/site-packages/nornir/core/task.py", line 99, in start',
    '    r = self.task(self, **self.params)',
    '  File "/opt/cnaas/venv/cnaas-nms/src/cnaas_nms/devicehandler/sync_devices.py", line 394, in push_sync_device',
    '    task.run(task=napalm_configure, name="Sync device config", replace=True, configuration=task.host["config"], dry_run=dry_run)',
    '  File "/opt/cnaas/venv/lib/python3.11/site-packages/napalm/eos/eos.py", line 187, in open',
    '    raise ConnectionException(str(ce))',
    `napalm.base.exceptions.ConnectionException: Cannot connect to ${device}: [Errno 113] No route to host`,
  ].join('\n');

function stepsFor(env: DialectEnv, c: CnaasCore, device: string, d: number, failedHere: boolean): Step[] {
  const names = FUNCTIONS[c.fn];
  const { seed } = env;
  const hostile = hostileFor(env.hostile, seed, c.id * 31 + d, 'cdiff');
  return names.map((name, k) => {
    const last = k === names.length - 1;
    if (failedHere && last) return { name, result: TRACEBACK(device), diff: '', failed: true };
    if (name === 'Generate device config' || name === 'Generate initial device config') {
      return { name, result: deviceConfig(device, seed, c.id, 1, hostile), diff: '', failed: false };
    }
    if (name === 'Sync device config' || name === 'Push base management config') {
      let diff = unifiedHunks(deviceConfig(device, seed, c.id, 0), deviceConfig(device, seed, c.id, 1, hostile));
      if (d === 0 && hasHugeDiff(env.hostile, c.id)) diff = hugeDiff(env.hugeDiffBytes);
      return { name, result: null, diff, failed: false };
    }
    if (name === 'napalm_get')
      return {
        name,
        result: {
          facts: {
            hostname: device,
            os_version: '4.27.3F',
            serial_number: `JPE${hash(seed, d, device) % 100000}`,
            vendor: 'Arista',
          },
        },
        diff: '',
        failed: false,
      };
    return { name, result: null, diff: '', failed: false };
  });
}

/** Devices done by `now`: they finish one by one across the run. */
function devicesDone(c: CnaasCore, now: number): number {
  // Aborted before it started: no device ran.
  if (c.abortMessage !== undefined) return 0;
  if (now >= c.life.endAt)
    return c.life.outcome === 'ok' ? c.devices.length : Math.max(1, Math.ceil(c.devices.length / 2));
  if (now < c.life.startAt) return 0;
  const frac = (now - c.life.startAt) / (c.life.endAt - c.life.startAt);
  return Math.min(c.devices.length - 1, Math.floor(frac * c.devices.length));
}

/** The wire job in the chosen result shape. */
export function wireJob(
  env: DialectEnv,
  c: CnaasCore,
  now: number,
  idOf: (id: number) => string | number,
  hasNext: (id: number) => boolean,
): Record<string, unknown> {
  const status = statusOf(c, now);
  const started = startTime(c, now);
  const finished = status === 'FINISHED' || status === 'EXCEPTION' || status === 'ABORTED' ? c.life.endAt : null;
  const done = devicesDone(c, now);
  const failedDevice = status === 'EXCEPTION' ? done - 1 : -1;
  const perDevice = c.devices
    .slice(0, done)
    .map((dev, d) => [dev, stepsFor(env, c, dev, d, d === failedDevice)] as const);
  const chained =
    c.fn === 'init_access_device_step1' && status === 'FINISHED' && hasNext(c.id + 1) ? idOf(c.id + 1) : null;
  const message =
    status === 'EXCEPTION'
      ? `Exception in ${c.fn}: ConnectionException: Cannot connect to ${c.devices[failedDevice]}`
      : null;
  const traceback = status === 'EXCEPTION' ? TRACEBACK(c.devices[failedDevice]) : null;

  if (env.cnaasResultShape === 'seed') {
    const result: Record<string, unknown> = {};
    for (const [dev, steps] of perDevice) result[dev] = steps;
    return {
      id: idOf(c.id),
      start_time: started === null ? null : cnaasTime(started),
      finish_time: finished === null ? null : cnaasTime(finished),
      status,
      function_name: c.fn,
      result: status === 'SCHEDULED' ? null : result,
      exception: message,
      traceback,
      next_job_id: chained,
    };
  }
  // The current shape, column by column as db/job.py's Job.as_dict() sends it.
  const devices: Record<string, unknown> = {};
  for (const [dev, steps] of perDevice) {
    devices[dev] = {
      failed: steps.some((s) => s.failed),
      job_tasks: steps.map((s) => ({ task_name: s.name, result: s.result, diff: s.diff, failed: s.failed })),
    };
  }
  const result =
    status === 'SCHEDULED' ? null : c.abortMessage !== undefined ? { message: c.abortMessage } : { devices };
  return {
    id: idOf(c.id),
    status,
    scheduled_time: cnaasIsoTime(c.life.createdAt),
    start_time: started === null ? null : cnaasIsoTime(started),
    finish_time: finished === null ? null : cnaasIsoTime(finished),
    function_name: c.fn,
    scheduled_by: c.scheduledBy,
    comment: c.comment,
    ticket_ref: c.ticketRef,
    next_job_id: chained,
    result,
    // finish_exception(): json.dumps({message: str(e), type, args, traceback}), loaded back by as_dict().
    exception:
      message === null
        ? null
        : {
            message: `Cannot connect to ${c.devices[failedDevice]}: [Errno 113] No route to host`,
            type: 'ConnectionException',
            args: [`Cannot connect to ${c.devices[failedDevice]}: [Errno 113] No route to host`],
            traceback,
          },
    finished_devices: perDevice.map(([dev]) => dev),
    // A SmallInteger column "in range 0-100".
    change_score:
      c.fn === 'sync_devices' && finished !== null ? Math.round(rand(env.seed, c.id, 'cscore') * 100) : null,
    start_arguments: {
      dry_run: c.fn === 'sync_devices' ? rand(env.seed, c.id, 'cdry') < 0.3 : false,
      hostnames: c.devices,
    },
  };
}
