// The emulators the benchmarks run against, one per scenario so their request logs, clocks
// and restarts do not mix, and the jobs the scenarios need (found or launched through the
// real adapters).
import { connect } from '../../src/client/registry';
import type { JobDetail, JobTarget } from '../../src/client/model';
import { connectionsFor, start, type Emulator, type Kind } from '../emulator';
import { hugeDiff } from '../emulator/hostile';
import type { BenchConnection } from './bridge';

export const TOKEN_ENV = 'JOBDECK_DEMO_TOKEN';
export const TOKEN = 'demo-token';
export const TREE_BIG = 100_000;
export const TREE_SMALL = 2_000;
export const DIFF_LINES = 20_000;
export const PANEL_NODES = 5_000;
/** Connections of the scale benchmark, each on the 100,000-job server. */
export const SCALE_CONNECTIONS = 20;

export interface Emulators {
  poll: Emulator;
  naivePoll: Emulator;
  treeBig: Emulator;
  treeSmall: Emulator;
  tail: Emulator;
  panel: Emulator;
  all: Emulator[];
}

export function conn(emu: Emulator, kind: Kind, name: string): BenchConnection {
  return { name, kind, url: emu.urls[kind], tokenEnv: TOKEN_ENV };
}

export function demoConnections(emu: Emulator, prefix = ''): BenchConnection[] {
  return connectionsFor(emu.urls, TOKEN_ENV).map((c) => ({ name: `${prefix}${c.name}`, kind: c.kind, url: c.url, tokenEnv: TOKEN_ENV }));
}

/** The smallest hugeDiffBytes whose diff has at least `lines` lines. */
export function hugeDiffBytesFor(lines: number): number {
  let lo = 1_000;
  let hi = 4_000_000;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (hugeDiff(mid).split('\n').length >= lines) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export async function startEmulators(): Promise<Emulators> {
  const started: Emulator[] = [];
  const go = async (o: Parameters<typeof start>[0]) => {
    const e = await start({ port: 0, seed: 42, speed: 1, ...o });
    started.push(e);
    return e;
  };
  try {
    const poll = await go({ jobs: 60 });
    const naivePoll = await go({ jobs: 60 });
    const treeBig = await go({ jobs: 10, jobsPerDialect: { cdrouter: TREE_BIG } });
    const treeSmall = await go({ jobs: 10, jobsPerDialect: { cdrouter: TREE_SMALL } });
    const tail = await go({ jobs: 20, logSize: 100 });
    const panel = await go({ jobs: 300, hostile: true, hugeDiffBytes: hugeDiffBytesFor(DIFF_LINES) });
    return { poll, naivePoll, treeBig, treeSmall, tail, panel, all: started };
  } catch (e) {
    await Promise.all(started.map((x) => x.stop().catch(() => undefined)));
    throw e;
  }
}

function adapter(emu: Emulator, kind: Kind) {
  return connect({ name: `bench-${kind}`, kind, url: emu.urls[kind] }, { token: async () => TOKEN }).adapter;
}

function walk(targets: JobTarget[] | undefined, fn: (t: JobTarget) => void): void {
  for (const t of targets ?? []) {
    fn(t);
    walk(t.children, fn);
  }
}

/** Lines of the longest diff in a job's detail. */
export function longestDiff(d: JobDetail): number {
  let most = 0;
  walk(d.targets, (t) => {
    if (t.diff) most = Math.max(most, t.diff.split('\n').length);
  });
  return most;
}

/** A CNaaS job on the hostile panel emulator whose diff has at least DIFF_LINES lines. */
export async function findHugeDiffJob(emu: Emulator): Promise<{ jobId: string; lines: number }> {
  const a = adapter(emu, 'cnaas-nms');
  // The emulator gives every 97th job a huge diff when hostile (test/emulator/hostile.ts).
  for (let id = 97; id <= 300; id += 97) {
    const lines = longestDiff(await a.getJob(String(id)));
    if (lines >= DIFF_LINES) return { jobId: String(id), lines };
  }
  throw new Error(`no CNaaS job on the emulator has a diff of ${DIFF_LINES} lines`);
}

/** Launches a Puppet deploy with `nodes` nodes and moves the clock on by `advanceMs`. */
export async function launchPuppet(emu: Emulator, nodes: number, concurrency: number, advanceMs: number, description: string): Promise<string> {
  const names = Array.from({ length: nodes }, (_, k) => `node-${String(k + 1).padStart(5, '0')}.bench.example`);
  const job = await adapter(emu, 'puppet-orchestrator').launch({ kind: 'puppet-orchestrator', environment: 'production', scope: { nodes: names }, concurrency, description });
  if (advanceMs) emu.control.step(advanceMs);
  return job.id;
}
