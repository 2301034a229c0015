// Fuzz of the exported parse functions of all five dialects: mutated seed payloads (wrong
// types, missing fields, nulls, huge strings, deep nesting, unicode, numbers as strings) and
// arbitrary values. Each must give a well-formed model object or throw a JobdeckError; no
// case may hang, and the heap must not grow with the number of cases.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { KINDS, PARSE_RUNS_PER_DIALECT, RETAINED_HEAP_LIMIT_MB, TOTAL_RUNS, SEED, WORKER_HEAP_MB } from './config';
import type { WorkerInput, WorkerOutput } from './parseWorker';

/** No new case started for this long: the case under way hangs. */
const STALL_MS = 30_000;

function runWorker(input: Omit<WorkerInput, 'progress'>): Promise<WorkerOutput> {
  const progress = new SharedArrayBuffer(8);
  const counter = new Int32Array(progress);
  const worker = new Worker(path.join(__dirname, 'parseWorker.js'), {
    workerData: { ...input, progress } satisfies WorkerInput,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  return new Promise<WorkerOutput>((resolve, reject) => {
    let seen = -1;
    let since = Date.now();
    const watchdog = setInterval(() => {
      const started = Atomics.load(counter, 0);
      if (started !== seen) {
        seen = started;
        since = Date.now();
      } else if (Date.now() - since > STALL_MS) {
        clearInterval(watchdog);
        const at = Atomics.load(counter, 1);
        void worker.terminate();
        reject(
          new Error(
            `${input.kind}: case ${at} has run for ${STALL_MS / 1000} s (a hang); replay with JOBDECK_FUZZ_SEED=${SEED} JOBDECK_FUZZ_RUNS=${TOTAL_RUNS} JOBDECK_FUZZ_PATH=${at}`,
          ),
        );
      }
    }, 1_000);
    worker.once('message', (out: WorkerOutput) => {
      clearInterval(watchdog);
      resolve(out);
    });
    worker.once('error', (e: Error & { code?: string }) => {
      clearInterval(watchdog);
      const at = Atomics.load(counter, 1);
      reject(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new Error(
              `${input.kind}: the parse fuzz ran out of its ${WORKER_HEAP_MB} MB heap at case ${at} (unbounded memory); replay with JOBDECK_FUZZ_PATH=${at}`,
            )
          : e,
      );
    });
    worker.once('exit', (code) => {
      clearInterval(watchdog);
      if (code !== 0) reject(new Error(`${input.kind}: fuzz worker exited with ${code}`));
    });
  });
}

describe(`fuzz: parse functions (${PARSE_RUNS_PER_DIALECT} cases per dialect, seed ${SEED})`, () => {
  for (const kind of KINDS) {
    it(`${kind}: parsers return model objects or throw JobdeckError`, async function () {
      this.timeout(120_000 + PARSE_RUNS_PER_DIALECT * 20);
      const out = await runWorker({ kind, runs: PARSE_RUNS_PER_DIALECT });
      const lines = Object.entries(out.stats).map(
        ([name, s]) =>
          `${name}: ${s.cases} cases, ${s.parsed} parsed, ${s.rejected} rejected, slowest ${s.maxMs.toFixed(1)} ms`,
      );
      const summary = `${kind}: ${out.numRuns} cases in ${(out.ms / 1000).toFixed(1)} s; heap ${out.heapStartMb.toFixed(0)} → peak ${out.heapPeakMb.toFixed(0)} → ${out.heapEndMb.toFixed(0)} MB\n    ${lines.join('\n    ')}`;
      if (process.env.JOBDECK_FUZZ_VERBOSE || TOTAL_RUNS >= 10_000) console.log(`    ${summary}`);
      assert.equal(out.failed, false, out.report);
      assert.equal(out.numRuns, PARSE_RUNS_PER_DIALECT, 'every case ran');
      // The fuzz must reach both outcomes for every parser, or it is not testing much.
      for (const [name, s] of Object.entries(out.stats)) {
        assert.ok(s.cases > 0, `${kind} ${name}: no case`);
        if (s.cases >= 50)
          assert.ok(s.parsed > 0, `${kind} ${name}: no case parsed (the mutations are too destructive)`);
      }
      assert.ok(
        out.heapEndMb - out.heapStartMb < RETAINED_HEAP_LIMIT_MB,
        `${kind}: ${(out.heapEndMb - out.heapStartMb).toFixed(0)} MB retained after the run`,
      );
    });
  }
});
