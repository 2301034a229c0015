// The bench's line between the runner (plain Node: emulators, Chromium, results) and its entry
// in the extension host (test/bench/host): JSON requests over loopback HTTP, host → runner.
// The host asks for what only the runner can do: look at the page Chromium shows, drive the
// emulator in its own process (emit events, restart it), and take the results.
import type { Measurement } from './figures';

/** Env var with the bridge URL, set on code-server (the extension host inherits it). */
export const BRIDGE_ENV = 'JOBDECK_BENCH_BRIDGE';

export interface BenchConnection {
  name: string;
  kind: string;
  url: string;
  tokenEnv: string;
}

export interface HostConfig {
  extensionId: string;
  /** Absolute path of the bundle the extension host is expected to load. */
  mainPath: string;
  /** Benchmark groups to run (all when the run has no --only). */
  groups: string[];
  activation: { connections: BenchConnection[] };
  tree: { big: BenchConnection; small: BenchConnection; bigTotal: number; smallTotal: number; repeats: number; pages: number };
  poll: { connections: BenchConnection[]; naive: BenchConnection[]; emulatorUrl: string; naiveEmulatorUrl: string; intervalS: number; phaseMs: number };
  tail: { connection: BenchConnection; jobId: string; steady: number; total: number };
  panel: { connections: BenchConnection[]; diff: { connection: string; jobId: string; lines: number }; nodes: { connection: string; jobId: string; count: number }; repeats: number };
  jobToJob: { connections: BenchConnection[]; connection: string; exclude: string[]; jobs: number };
  scale: { profilePath: string; connections: BenchConnection[]; jobsPerServer: number; intervalS: number; durationMs: number; tail: { connection: BenchConnection; jobId: string } };
}

export interface TailEmission {
  /** Emitted batches: event ids first..last, emitted at `t` (wall clock, ms). */
  batches: { first: number; last: number; t: number; phase: 'steady' | 'restarts' }[];
  restarts: { t: number; downMs: number }[];
}

export type BridgeRequest =
  | { op: 'hello' }
  | { op: 'log'; msg: string }
  /** A host benchmark starts (the runner runs its own during the long, idle polling one). */
  | { op: 'phase'; name: string }
  | { op: 'rows.arm' }
  | { op: 'rows.seen'; index: number; label: string; after: number; timeoutMs: number }
  | { op: 'paint.wait'; kind: 'diff' | 'nodes'; after: number; timeoutMs: number }
  /** A click on the Jobs tree's row whose aria-label starts with `label`; answers the pointerdown's time. */
  | { op: 'click.row'; label: string; double?: boolean }
  /** The first painted frame of any panel page showing job `key` with its rows, after `after`. */
  | { op: 'jobPaint.wait'; key: string; after: number; timeoutMs: number }
  | { op: 'tail.emit'; jobId: string }
  /** The workbench renderer's JS heap after a collection, and the job ids the panel pages show. */
  | { op: 'panel.memory' }
  | { op: 'results'; measurements: Measurement[]; notes: string[] };

export interface BridgeReplies {
  hello: HostConfig;
  log: null;
  phase: null;
  'rows.arm': null;
  'rows.seen': { t: number };
  'paint.wait': { t: number; appAt: number };
  'click.row': { t: number };
  'jobPaint.wait': { t: number };
  'tail.emit': TailEmission;
  'panel.memory': { usedBytes: number; pages: string[] };
  results: null;
}

/** Host side: one request, its answer or the runner's error. */
export async function ask<R extends BridgeRequest>(request: R, timeoutMs = 120_000): Promise<BridgeReplies[R['op']]> {
  const url = process.env[BRIDGE_ENV];
  if (!url) throw new Error(`${BRIDGE_ENV} is not set: run the benchmarks with npm run bench`);
  const res = await fetch(`${url}/rpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await res.json()) as { ok: boolean; result?: unknown; error?: string };
  if (!body.ok) throw new Error(body.error ?? `bridge ${request.op} failed`);
  return body.result as BridgeReplies[R['op']];
}
