// Runs one dialect's parse fuzz in a worker thread, so the test can stop it when a case hangs
// (a synchronous parser cannot be interrupted from its own thread) and cap its heap (a parser
// that allocates without bound kills the worker, not the test run). Progress goes through a
// shared counter; the outcome through one message.
import fc from 'fast-check';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import type { DialectKind } from '../../../src/client/model';
import { JobdeckError } from '../../../src/client/errors';
import { CASE_BUDGET_MS, params, SEED, TOTAL_RUNS } from './config';
import { checkError } from './invariants';
import { payloadArb } from './mutate';
import { targets } from './targets';

export interface WorkerInput {
  kind: DialectKind;
  runs: number;
  /** [0] = cases started, [1] = index of the case under way. */
  progress: SharedArrayBuffer;
}

export interface TargetStats {
  cases: number;
  parsed: number;
  rejected: number;
  maxMs: number;
}

export interface WorkerOutput {
  kind: DialectKind;
  seed: number;
  numRuns: number;
  failed: boolean;
  report?: string;
  stats: Record<string, TargetStats>;
  heapStartMb: number;
  heapEndMb: number;
  heapPeakMb: number;
  ms: number;
}

function preview(v: unknown): string {
  try {
    const s = JSON.stringify(v, (_k, x: unknown) =>
      typeof x === 'string' && x.length > 200 ? `${x.slice(0, 60)}…(${x.length} chars)` : x,
    );
    return s === undefined ? String(v) : s.length > 3000 ? `${s.slice(0, 3000)}…` : s;
  } catch (e) {
    return `(unprintable: ${(e as Error).message})`;
  }
}

function heapMb(): number {
  return v8.getHeapStatistics().used_heap_size / 1048576;
}

function collect(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

function main(input: WorkerInput): WorkerOutput {
  const started = Date.now();
  const counter = new Int32Array(input.progress);
  const list = targets(input.kind);
  const stats: Record<string, TargetStats> = Object.fromEntries(
    list.map((t) => [t.name, { cases: 0, parsed: 0, rejected: 0, maxMs: 0 }]),
  );
  const arb = fc.oneof(...list.map((t, i) => payloadArb(t.seeds, true).map((payload) => ({ target: i, payload }))));
  collect();
  const heapStartMb = heapMb();
  let heapPeakMb = heapStartMb;
  let index = 0;

  const property = fc.property(arb, ({ target, payload }) => {
    Atomics.add(counter, 0, 1);
    Atomics.store(counter, 1, index++);
    const t = list[target];
    const s = stats[t.name];
    s.cases++;
    const t0 = performance.now();
    try {
      t.run(payload);
      s.parsed++;
    } catch (e) {
      // An assertion about the result is a failure as it is; anything thrown by the parser
      // must be the typed error.
      if (e instanceof JobdeckError) s.rejected++;
      else if ((e as Error)?.name === 'AssertionError') throw e;
      else checkError(e);
    } finally {
      const ms = performance.now() - t0;
      s.maxMs = Math.max(s.maxMs, ms);
      if (index % 256 === 0) heapPeakMb = Math.max(heapPeakMb, heapMb());
      if (ms > CASE_BUDGET_MS)
        // eslint-disable-next-line no-unsafe-finally -- a case over budget fails the property whatever it returned
        throw new Error(`${t.name}: one case took ${Math.round(ms)} ms (budget ${CASE_BUDGET_MS} ms)`);
    }
  });

  const p = params<[{ target: number; payload: unknown }]>(input.kind, 'parse', input.runs);
  const details = fc.check(property, p);
  collect();
  const heapEndMb = heapMb();
  let report: string | undefined;
  if (details.failed) {
    const [c] = (details.counterexample ?? [undefined]) as [{ target: number; payload: unknown } | undefined];
    report = [
      `${input.kind}: parse fuzz failed after ${details.numRuns} case(s) (${details.numShrinks} shrinks)`,
      `replay: JOBDECK_FUZZ_SEED=${SEED} JOBDECK_FUZZ_RUNS=${TOTAL_RUNS} JOBDECK_FUZZ_PATH=${details.counterexamplePath ?? '?'} (fast-check seed ${String(p.seed)} for ${input.kind})`,
      c ? `target: ${list[c.target].name}` : 'target: ?',
      c ? `payload: ${preview(c.payload)}` : '',
      `error: ${details.errorInstance instanceof Error ? (details.errorInstance.stack ?? details.errorInstance.message) : String(details.errorInstance)}`,
    ].join('\n');
  }
  return {
    kind: input.kind,
    seed: p.seed as number,
    numRuns: details.numRuns,
    failed: details.failed,
    report,
    stats,
    heapStartMb,
    heapEndMb,
    heapPeakMb,
    ms: Date.now() - started,
  };
}

if (parentPort && workerData) {
  parentPort.postMessage(main(workerData as WorkerInput));
}
