// Beacon jobs: task lists run by beacon boxes. A job's times, progress and result come from
// its life on the clock until a worker call (pickup/start/end/update) takes it over; from
// then on its fields are explicit and only worker calls change them.
import { hostileFor } from '../hostile';
import { between, hash, pick, rand } from '../rng';
import { generatedLife, type Life, type Outcome } from '../timeline';
import { unixSeconds } from '../timefmt';
import type { DialectEnv } from './dialect';

const USERS = ['alice', 'bob', 'carol', 'ci', 'ops-night'];
const BEACONS = ['default', 'default', 'lab-2', 'rack-7', 'edge-sto-1'];
const NAMES = [
  'nightly scan',
  'firmware fetch',
  'build and test',
  'weekly report',
  'inventory sync',
  'log rotate',
  'backup verify',
  'speed probe',
];
const TASK_KINDS: { name: string; command: string; args: string[] }[] = [
  { name: 'fetch', command: 'curl', args: ['-s', 'https://example.net/x'] },
  { name: 'build', command: 'make', args: ['-j4'] },
  { name: 'test', command: 'pytest', args: ['-q'] },
  { name: 'scan', command: 'nmap', args: ['-sV', '10.0.0.0/24'] },
  { name: 'deploy', command: 'rsync', args: ['-a', 'dist/', 'web:/srv/'] },
  { name: 'report', command: 'python3', args: ['report.py', '--week'] },
];

export type Task = Record<string, unknown>;

/** Explicit fields once a worker took the job over (unix seconds, 0 = not yet). */
export interface Manual {
  q_time: number;
  pickup_time: number;
  start_time: number;
  end_time: number;
  cur_task: number;
  result: string | null;
}

export interface BeaconCore {
  id: number;
  name: string;
  user: string;
  beacon: string;
  tasks: Task[];
  life: Life;
  addTime: number;
  /** undefined: never queued (stays new until a worker picks it up). */
  qTime?: number;
  duplicateOf: number | null;
  manual?: Manual;
}

export function generatedCore(env: DialectEnv, i: number): BeaconCore {
  const { seed } = env;
  const life = generatedLife(seed, 'beacon', i, env.jobs, env.base);
  const n = between(seed, i, 'btasks', 1, 7);
  const tasks = Array.from({ length: n }, (_, k) => {
    const t = TASK_KINDS[(hash(seed, i, 'bkind') + k) % TASK_KINDS.length];
    return { name: t.name, command: t.command, args: t.args };
  });
  const neverQueued = rand(seed, i, 'bnq') < 0.03 && life.startAt > env.base;
  const qTime = neverQueued
    ? undefined
    : Math.min(life.startAt - 1000, life.createdAt + between(seed, i, 'bq', 1000, 9000));
  return {
    id: i,
    name: hostileFor(env.hostile, seed, i, 'bname') ?? pick(seed, i, 'bname', NAMES),
    user: pick(seed, i, 'buser', USERS),
    beacon: pick(seed, i, 'bbeacon', BEACONS),
    tasks,
    life: neverQueued ? { ...life, startAt: Infinity, endAt: Infinity } : life,
    addTime: life.createdAt,
    qTime,
    duplicateOf: i > 10 && rand(seed, i, 'bdup') < 0.05 ? i - between(seed, i, 'bdupn', 1, 10) : null,
  };
}

/** Per-task results of a finished run: ok up to the end, or a failure at task `failAt`. */
function taskResults(c: BeaconCore, outcome: Outcome, upTo: number, env: DialectEnv): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let k = 0; k < upTo; k++) {
    const last = k === upTo - 1;
    if (last && outcome === 'fail')
      out.push({
        status: 'failed',
        error: `${String(c.tasks[k]?.command ?? 'task')} exited with status 2`,
        output: hostileFor(env.hostile, env.seed, c.id * 13 + k, 'bout') ?? 'Error: connection reset by peer',
      });
    else
      out.push({
        status: 'ok',
        output: `${String(c.tasks[k]?.name ?? 'task')} done in ${1 + (hash(env.seed, c.id * 13 + k, 'bsec') % 90)}s`,
      });
  }
  return out;
}

/** The failing task (1-based) of a failed job. */
function failAt(env: DialectEnv, c: BeaconCore): number {
  return 1 + (hash(env.seed, c.id, 'bfail') % Math.max(1, c.tasks.length));
}

/** The job's explicit fields at `now` (the view of its life, or the worker's values). */
export function fieldsAt(env: DialectEnv, c: BeaconCore, now: number): Manual {
  if (c.manual) return c.manual;
  const { life } = c;
  const total = c.tasks.length;
  const started = now >= life.startAt;
  const ended = now >= life.endAt;
  const qTime = c.qTime !== undefined && now >= c.qTime ? unixSeconds(c.qTime) : 0;
  const pickup = Math.max(c.qTime ?? life.startAt, life.startAt - 2000);
  let cur = 0;
  let result: string | null = null;
  if (ended) {
    if (life.outcome === 'ok') {
      cur = total;
      result = rand(env.seed, c.id, 'bword') < 0.2 ? 'success' : JSON.stringify(taskResults(c, 'ok', total, env));
    } else if (life.outcome === 'fail') {
      cur = failAt(env, c);
      result = rand(env.seed, c.id, 'bword') < 0.2 ? 'failure' : JSON.stringify(taskResults(c, 'fail', cur, env));
    } else {
      cur = Math.max(1, Math.floor(total / 2));
      // A worker that gave up posts a word, not task results; some post a word of their own.
      result = rand(env.seed, c.id, 'bword') < 0.5 ? 'aborted' : 'partial';
    }
  } else if (started) {
    cur = Math.min(total, 1 + Math.floor(((now - life.startAt) / (life.endAt - life.startAt)) * total));
    if (life.outcome === 'fail') cur = Math.min(cur, failAt(env, c));
  }
  return {
    q_time: qTime,
    pickup_time: now >= pickup && Number.isFinite(pickup) ? unixSeconds(pickup) : 0,
    start_time: started ? unixSeconds(life.startAt) : 0,
    end_time: ended ? unixSeconds(life.endAt) : 0,
    cur_task: cur,
    result,
  };
}

export function wireJob(env: DialectEnv, c: BeaconCore, now: number): Record<string, unknown> {
  const f = fieldsAt(env, c, now);
  return {
    id: c.id,
    name: c.name,
    user: c.user,
    beacon_name: c.beacon,
    cur_task: f.cur_task,
    total_tasks: c.tasks.length,
    add_time: unixSeconds(c.addTime),
    q_time: f.q_time,
    pickup_time: f.pickup_time,
    start_time: f.start_time,
    end_time: f.end_time,
    result: f.result,
    duplicate_of: c.duplicateOf,
  };
}

export function taskList(env: DialectEnv, c: BeaconCore, now: number): Task[] {
  const f = fieldsAt(env, c, now);
  let results: unknown[] = [];
  if (f.result && f.result.startsWith('[')) {
    try {
      results = JSON.parse(f.result) as unknown[];
    } catch {
      results = [];
    }
  }
  return c.tasks.map((t, k) => {
    const task: Task = { id: c.id * 1000 + k + 1, job_id: c.id, seq: k + 1, ...t };
    if (results[k] !== undefined) task.result = results[k];
    return task;
  });
}
