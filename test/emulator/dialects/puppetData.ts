// Puppet orchestrator jobs: nodes, states, status timeline, events, report; from (seed, i).
import { hostileFor } from '../hostile';
import { between, hash, pick, rand } from '../rng';
import { generatedLife, type Life } from '../timeline';
import { puppetTime } from '../timefmt';
import type { DialectEnv } from './dialect';
import { type NodeRun, type Plan, nodeState, plan } from './puppetPlan';

const OWNERS = [
  { id: '751a8f7e-b53a-4ccd-9f4f-e93db6aa38ec', login: 'brian' },
  { id: '42bf351c-f9ec-40af-84ad-e976fec7f4bd', login: 'admin' },
  { id: '0b1a3e47-8d9c-4f4e-9a57-3f1c0c2b7d11', login: 'deploy-bot' },
  { id: 'c5d9e1f2-3a4b-4c6d-8e7f-90a1b2c3d4e5', login: 'alice' },
];
const ENVIRONMENTS = ['production', 'production', 'staging', 'development', 'feature_ntp'];
const ROLES = ['web', 'db', 'cache', 'lb', 'app', 'mq', 'build'];
const SITES = ['example.com', 'prod.example.net', 'lab.example.org'];
const DESCRIPTIONS = [
  'deploy the web app',
  'nightly enforcement',
  'ntp rollout',
  '',
  'hotfix CVE-2024-3094',
  'noop check before change window',
];

export function nodeName(seed: number, job: number, k: number): string {
  const role = pick(seed, job * 131 + k, 'prole', ROLES);
  return `${role}-${String((k % 97) + 1).padStart(2, '0')}.${pick(seed, job, 'psite', SITES)}`;
}

export interface PuppetCore {
  id: number;
  life: Life;
  nodes: string[];
  /** nodes.length, without building the names. */
  nodeCount: number;
  concurrency: number;
  environment: string;
  owner: { id: string; login: string };
  description: string;
  command: 'deploy' | 'task';
  noop: boolean;
  scope: Record<string, unknown>;
  stopAt?: number;
}

export interface PuppetEdit {
  stopAt?: number;
}

/** Emitted test events, kept as batches: `count` events at time `at`. */
export interface EmitBatch {
  at: number;
  count: number;
}

export function generatedCore(env: DialectEnv, i: number): PuppetCore {
  const { seed } = env;
  const life = generatedLife(seed, 'puppet', i, env.jobs, env.base);
  const r = rand(seed, i, 'pnodes');
  const n =
    r < 0.7
      ? between(seed, i, 'pn', 1, 12)
      : r < 0.95
        ? between(seed, i, 'pn', 13, 60)
        : between(seed, i, 'pn', 100, 300);
  const stopAt = life.outcome === 'stopped' ? life.startAt + Math.floor((life.endAt - life.startAt) * 0.5) : undefined;
  return new GeneratedPuppet(seed, i, {
    life: life.outcome === 'stopped' ? { ...life, outcome: 'ok' } : life,
    nodeCount: n,
    concurrency: n <= 12 ? n : pick(seed, i, 'pconc', [4, 8, 10, 20]),
    environment: pick(seed, i, 'penv', ENVIRONMENTS),
    owner: pick(seed, i, 'powner', OWNERS),
    description: hostileFor(env.hostile, seed, i, 'pdesc') ?? pick(seed, i, 'pdescr', DESCRIPTIONS),
    command: rand(seed, i, 'pcmd') < 0.1 ? 'task' : 'deploy',
    noop: rand(seed, i, 'pnoop') < 0.15,
    stopAt,
  });
}

type Plain = Omit<PuppetCore, 'id' | 'nodes' | 'scope'>;

/** Node names only when asked for: sorting 100,000 jobs by state needs counts, not names. */
class GeneratedPuppet implements PuppetCore {
  readonly life: Life;
  readonly nodeCount: number;
  readonly concurrency: number;
  readonly environment: string;
  readonly owner: { id: string; login: string };
  readonly description: string;
  readonly command: 'deploy' | 'task';
  readonly noop: boolean;
  stopAt?: number;
  private names: string[] | undefined;

  constructor(
    private readonly seed: number,
    readonly id: number,
    p: Plain,
  ) {
    this.life = p.life;
    this.nodeCount = p.nodeCount;
    this.concurrency = p.concurrency;
    this.environment = p.environment;
    this.owner = p.owner;
    this.description = p.description;
    this.command = p.command;
    this.noop = p.noop;
    this.stopAt = p.stopAt;
  }

  get nodes(): string[] {
    return (this.names ??= Array.from({ length: this.nodeCount }, (_, k) => nodeName(this.seed, this.id, k)));
  }

  get scope(): Record<string, unknown> {
    return rand(this.seed, this.id, 'pscope') < 0.3
      ? { node_group: '00000000-0000-4000-8000-000000000000' }
      : { nodes: this.nodes };
  }
}

export function withEdit(c: PuppetCore, e: PuppetEdit | undefined): PuppetCore {
  if (e?.stopAt === undefined || c.stopAt !== undefined) return c;
  // Generated cores are built per request; a launched one is stored, and a stop is for good.
  c.stopAt = e.stopAt;
  return c;
}

export type JobState = 'new' | 'ready' | 'running' | 'stopping' | 'stopped' | 'finished' | 'failed';

export function planOf(env: DialectEnv, c: PuppetCore): Plan {
  return plan({ id: c.id, seed: env.seed, life: c.life, nodes: c.nodes, concurrency: c.concurrency, stopAt: c.stopAt });
}

/** State transitions with their enter times (the `status` timeline); plan only when stopped. */
export function transitions(env: DialectEnv, c: PuppetCore): { state: JobState; at: number }[] {
  const { life } = c;
  const readyAt = Math.min(life.createdAt + 300, life.startAt);
  const out: { state: JobState; at: number }[] = [
    { state: 'new', at: life.createdAt },
    { state: 'ready', at: readyAt },
  ];
  if (c.stopAt !== undefined && c.stopAt < life.endAt) {
    const pl = planOf(env, c);
    const stopAt = Math.max(c.stopAt, readyAt);
    if (stopAt > life.startAt) out.push({ state: 'running', at: life.startAt });
    out.push({ state: 'stopping', at: stopAt + 1 });
    out.push({ state: 'stopped', at: Math.max(pl.end, stopAt + 2) });
    return out;
  }
  const failed = life.outcome === 'fail' && c.nodeCount > 0;
  out.push({ state: 'running', at: life.startAt });
  out.push({ state: failed ? 'failed' : 'finished', at: life.endAt });
  return out;
}

export function stateAt(env: DialectEnv, c: PuppetCore, now: number): { state: JobState; since: number } {
  const tr = transitions(env, c);
  let cur = tr[0];
  for (const t of tr) if (t.at <= now) cur = t;
  return { state: cur.state, since: cur.at };
}

export function nodeStates(env: DialectEnv, c: PuppetCore, pl: Plan, now: number): Record<string, number> | null {
  if (!c.nodeCount) return null;
  const counts: Record<string, number> = {};
  for (const r of pl.nodes) {
    const s = nodeState(r, c.life, pl, now);
    counts[s] = (counts[s] ?? 0) + 1;
  }
  return counts;
}

export function links(origin: string, id: number): { self: string; nodes: string; report: string; events: string } {
  const self = `${origin}/orchestrator/v1/jobs/${id}`;
  return { self, nodes: `${self}/nodes`, report: `${self}/report`, events: `${self}/events` };
}

function options(c: PuppetCore): Record<string, unknown> {
  return {
    concurrency: c.nodeCount > c.concurrency ? c.concurrency : null,
    noop: c.noop,
    trace: false,
    debug: false,
    scope: c.scope,
    enforce_environment: true,
    environment: c.environment,
    evaltrace: false,
    target: null,
    description: c.description,
  };
}

export function listItem(env: DialectEnv, c: PuppetCore, origin: string, now: number): Record<string, unknown> {
  const l = links(origin, c.id);
  const st = stateAt(env, c, now);
  return {
    id: l.self,
    name: String(c.id),
    state: st.state,
    command: c.command,
    node_count: c.nodeCount,
    node_states: nodeStates(env, c, planOf(env, c), now),
    options: options(c),
    owner: c.owner,
    description: c.description,
    timestamp: puppetTime(st.since),
    environment: { name: c.environment },
    report: { id: l.report },
    events: { id: l.events },
    nodes: { id: l.nodes },
  };
}

export function detail(env: DialectEnv, c: PuppetCore, origin: string, now: number): Record<string, unknown> {
  const l = links(origin, c.id);
  const tr = transitions(env, c).filter((t) => t.at <= now);
  const st = tr[tr.length - 1];
  // As the seed's example: no `state` (the history ends in it) and no `node_states`.
  return {
    id: l.self,
    name: String(c.id),
    command: c.command,
    options: options(c),
    node_count: c.nodeCount,
    owner: c.owner,
    description: c.description,
    timestamp: puppetTime(st.at),
    environment: { name: c.environment },
    status: tr.map((t, k) => ({
      state: t.state,
      enter_time: puppetTime(t.at),
      exit_time: k + 1 < tr.length ? puppetTime(tr[k + 1].at) : null,
    })),
    nodes: { id: l.nodes },
    report: { id: l.report },
    events: { id: l.events },
  };
}

function metrics(env: DialectEnv, c: PuppetCore, k: number, failed: boolean): Record<string, number> {
  const total = 80 + (hash(env.seed, c.id * 131 + k, 'ptotal') % 300);
  const changed = c.noop ? 0 : hash(env.seed, c.id * 131 + k, 'pchg') % 12;
  return {
    corrective_change: 0,
    out_of_sync: changed,
    restarted: changed ? 1 : 0,
    skipped: 0,
    total,
    changed,
    scheduled: 0,
    failed_to_restart: 0,
    failed: failed ? 1 + (k % 3) : 0,
  };
}

export function nodeMessage(env: DialectEnv, c: PuppetCore, r: NodeRun, k: number, state: string): string {
  const evil = hostileFor(env.hostile, env.seed, c.id * 131 + k, 'pmsg');
  switch (state) {
    case 'running':
      return `Started puppet run on ${r.name} ...`;
    case 'finished':
      return `Finished puppet run on ${r.name} - Success!${evil ? ' ' + evil : ''}`;
    case 'failed':
      return `Finished puppet run on ${r.name} - Failed! ${evil ?? 'Could not find class ::profile::ntp'}`;
    case 'errored':
      return `Error running puppet on ${r.name}: java.net.ConnectException: Connection refused${evil ? ' ' + evil : ''}`;
    case 'skipped':
      return `Skipped puppet run on ${r.name}: job was stopped`;
    default:
      return '';
  }
}

export function nodeItems(env: DialectEnv, c: PuppetCore, now: number): Record<string, unknown>[] {
  const pl = planOf(env, c);
  return pl.nodes.map((r, k) => {
    const state = nodeState(r, c.life, pl, now);
    const started = r.start !== undefined && now >= r.start;
    const ended = r.end !== undefined && now >= r.end;
    const doneOk = ended && (state === 'finished' || state === 'failed' || state === 'errored');
    const details: Record<string, unknown> = {};
    if (state === 'running') {
      details['run-time'] = Math.floor((now - (r.start as number)) / 1000);
      details.message = nodeMessage(env, c, r, k, state);
    } else if (state === 'finished' || state === 'failed') {
      details.message = nodeMessage(env, c, r, k, state);
      details['report-url'] = `https://peconsole.example.com/#/cm/report/${hash(env.seed, c.id * 131 + k, 'prep')
        .toString(16)
        .padStart(8, '0')}${hash(env.seed, c.id, 'prep2').toString(16).padStart(8, '0')}`;
    } else if (state === 'errored' || state === 'skipped') {
      details.message = nodeMessage(env, c, r, k, state);
      details.detail = state === 'skipped' ? 'job stopped before the node ran' : 'puppet agent not reachable';
    }
    const result = !doneOk
      ? null
      : c.command === 'task'
        ? state === 'finished'
          ? { output: `${r.name}: up to date\n` }
          : { error: `Task failed on ${r.name}` }
        : state === 'errored'
          ? {
              msg: `Error running puppet on ${r.name}`,
              kind: 'puppetlabs.orchestrator/execution-failure',
              details: { node: r.name },
            }
          : {
              hash: hash(env.seed, c.id * 131 + k, 'phash')
                .toString(16)
                .padStart(8, '0')
                .repeat(5),
              noop: { noop: c.noop, no_noop: false },
              status: state === 'failed' ? 'failed' : 'changed',
              metrics: metrics(env, c, k, state === 'failed'),
              environment: c.environment,
              configuration_version: String(Math.floor(c.life.createdAt / 1000)),
            };
    const latest = ended ? r.end : started ? r.start : undefined;
    return {
      timestamp: latest === undefined ? null : puppetTime(latest),
      start_timestamp: started ? puppetTime(r.start as number) : null,
      finish_timestamp: ended ? puppetTime(r.end as number) : null,
      duration: started ? ((ended ? (r.end as number) : now) - (r.start as number)) / 1000 : null,
      state,
      transaction_uuid: doneOk ? uuid(env.seed, c.id * 131 + k) : null,
      name: r.name,
      details,
      result,
    };
  });
}

function uuid(seed: number, n: number): string {
  const h = (s: string) => hash(seed, n, s).toString(16).padStart(8, '0');
  const a = h('u1') + h('u2') + h('u3') + h('u4');
  return `${a.slice(0, 8)}-${a.slice(8, 12)}-4${a.slice(13, 16)}-a${a.slice(17, 20)}-${a.slice(20, 32)}`;
}

export function reportItems(env: DialectEnv, c: PuppetCore, now: number): Record<string, unknown>[] {
  const pl = planOf(env, c);
  return pl.nodes.map((r, k) => {
    const state = nodeState(r, c.life, pl, now);
    const ended = r.end !== undefined && now >= r.end && state !== 'skipped';
    const events =
      ended && state !== 'errored' && !c.noop
        ? Array.from({ length: hash(env.seed, c.id * 131 + k, 'pchg') % 4 }, (_, e) => ({
            resource_type: e % 2 ? 'Service' : 'File',
            resource_title: e % 2 ? 'ntpd' : `/etc/motd.d/${e}`,
            property: e % 2 ? 'ensure' : 'content',
            old_value: e % 2 ? 'stopped' : '{md5}d41d8cd98f00b204e9800998ecf8427e',
            new_value: e % 2 ? 'running' : '{md5}9e107d9d372bb6826bd81d3542a419d6',
            status: state === 'failed' && e === 0 ? 'failure' : 'success',
            message: e % 2 ? "ensure changed 'stopped' to 'running'" : 'content changed',
            timestamp: puppetTime(r.end as number),
          }))
        : [];
    return { node: r.name, state, timestamp: puppetTime(c.life.createdAt), events };
  });
}
