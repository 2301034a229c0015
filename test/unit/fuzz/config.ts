// How much fuzzing a run does, and how to replay a failure. `npm test` runs a small budget;
// `npm run test:fuzz` sets JOBDECK_FUZZ_RUNS=100000. The budget is the total over the five
// dialects: most of it goes straight to the exported parse functions (fast), a share goes
// through the adapters' public methods against a loopback server (slow, but end to end).
//
// Replay: a failure prints its seed and path; run with JOBDECK_FUZZ_SEED=<seed> and
// JOBDECK_FUZZ_PATH=<path> (and the same JOBDECK_FUZZ_RUNS) to get the same case first.
import type { Parameters } from 'fast-check';
import type { DialectKind } from '../../../src/client/model';
import { DIALECT_KINDS } from '../../../src/client/registry';

export const KINDS: readonly DialectKind[] = DIALECT_KINDS;

/** Total cases per run over all dialects and both modes. */
export const TOTAL_RUNS = positiveInt(process.env.JOBDECK_FUZZ_RUNS, 2_000);
/** Fixed unless asked: the same run every time, on every machine. */
export const SEED = int(process.env.JOBDECK_FUZZ_SEED, 0x10b_dec);
export const REPLAY_PATH = process.env.JOBDECK_FUZZ_PATH || undefined;

/** Share of the budget that goes through HTTP and the adapters. */
export const ADAPTER_SHARE = 0.1;

export const PARSE_RUNS_PER_DIALECT = Math.max(1, Math.floor((TOTAL_RUNS * (1 - ADAPTER_SHARE)) / KINDS.length));
export const ADAPTER_RUNS_PER_DIALECT = Math.max(1, Math.floor((TOTAL_RUNS * ADAPTER_SHARE) / KINDS.length));

/** One case longer than this (wall time: CI machines are busy) counts as a hang (a regex gone quadratic, a loop that never ends). */
export const CASE_BUDGET_MS = 5_000;
/** Heap a dialect's whole parse run may keep after it ends (retained garbage = a leak). */
export const RETAINED_HEAP_LIMIT_MB = 64;
/** Hard heap cap of the worker that runs the parse fuzz: above it the worker dies, the test fails. */
export const WORKER_HEAP_MB = 768;

/** fast-check parameters: a seed per dialect and mode, derived from the run's seed. */
export function params<T>(kind: DialectKind, mode: 'parse' | 'adapter', numRuns: number): Parameters<T> {
  const p: Parameters<T> = { seed: derive(SEED, `${kind}/${mode}`), numRuns, endOnFailure: false, verbose: 0 };
  if (REPLAY_PATH) p.path = REPLAY_PATH;
  return p;
}

function derive(seed: number, salt: string): number {
  let h = seed | 0;
  for (const ch of salt) h = (Math.imul(h ^ ch.charCodeAt(0), 0x5bd1e995) + 0x6b43a9b5) | 0;
  return h;
}

function positiveInt(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function int(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isInteger(n) ? n : fallback;
}
