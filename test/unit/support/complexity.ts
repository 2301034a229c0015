// How a function's cost grows with its input, without an absolute time limit: the same kind
// of input at n and 4n, each timed several times (the fastest run counts: the others only add
// the machine's noise). Linear work grows about 4×, quadratic 16×; a test asserts under 8×.
// The time is the CPU time this process spent, not the time on the clock: on a machine busy
// with other work (load 10 on two cores) a run is taken off the CPU for whole time slices,
// which made a 4 ms run take 16 ms on the clock and linear work look quadratic. CPU time counts
// only the work, so only the work's growth can fail the check.
// n is 2 MB by default: at 1 MB a string still fits this machine's cache and at 4 MB it does
// not, which alone makes linear work look 7-9× dearer (measured: 28 ns/KB below 1 MB, 48 above).
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** A full collection before each timed run: a big string's garbage is not billed to the next run. */
const collect: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  return typeof gc === 'function' ? gc : () => undefined;
})();

export interface Growth {
  small: number;
  large: number;
  ratio: number;
}

/** Timing budget of a fast function (ms over both sizes), and its most runs. */
const SAMPLE_MS = 300;
const MAX_RUNS = 25;

/**
 * Bigger than any CPU cache here: written before each timing, it evicts the input, so the
 * small input is read from memory as the large one is (a 2 MB text may sit in the last-level
 * cache and an 8 MB one not, which alone makes a linear scan look 3× dearer per byte).
 */
const EVICT = Buffer.alloc(32 << 20);

/** CPU time of this process so far, in ms (microsecond resolution on Linux). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** One timing of `work(input)`, in CPU ms, with the caches cold (and a collection first when the work makes garbage). */
function time(input: string, work: (input: string) => unknown, slow: boolean): number {
  if (slow) collect();
  EVICT.fill(Math.random() * 255);
  const t0 = cpuMs();
  work(input);
  return cpuMs() - t0;
}

/** Times `work` on `make(n)` and `make(4n)`; n is at least 1 MB of text. Slow work takes fewer runs. */
export function growth(make: (n: number) => string, work: (input: string) => unknown, n = 2 << 20, runs = 3): Growth {
  const smallInput = make(n);
  const largeInput = make(4 * n);
  assert.ok(
    smallInput.length >= Math.min(n, 1 << 20),
    `the small input is ${smallInput.length} characters, under ${n}`,
  );
  if (runs > 2) work(smallInput); // warm the JIT (with 2 runs the first small one does)
  // Interleaved, so a busy moment of the machine does not fall on one size only; fast work is
  // timed more often (at least SAMPLE_MS in all), so its fastest run is its real cost.
  let small = Infinity;
  let large = Infinity;
  let spent = 0;
  for (let i = 0; i < runs || (spent < SAMPLE_MS && i < MAX_RUNS); i++) {
    const s = time(smallInput, work, small > 1);
    const l = time(largeInput, work, large > 1);
    small = Math.min(small, s);
    large = Math.min(large, l);
    spent += s + l;
  }
  // Below the timer's resolution both are noise; a floor keeps the ratio meaningful.
  const floor = 0.05;
  return { small, large, ratio: Math.max(large, floor) / Math.max(small, floor) };
}

/** Asserts that 4× the input costs under 8× the time (linear or close). */
export function assertNearLinear(
  what: string,
  make: (n: number) => string,
  work: (input: string) => unknown,
  n?: number,
  runs?: number,
): Growth {
  // Other processes share this machine: a measurement over the bar is taken again (up to three
  // times in all) and the best one counts. Quadratic work is over it every time (16×).
  let g = growth(make, work, n, runs);
  for (let attempt = 1; attempt < 3 && g.ratio >= 8; attempt++) {
    const again = growth(make, work, n, runs);
    if (again.ratio < g.ratio) g = again;
  }
  if (process.env.JOBDECK_COMPLEXITY_VERBOSE)
    console.log(`      ${what}: ${g.small.toFixed(1)} → ${g.large.toFixed(1)} ms (${g.ratio.toFixed(1)}×)`);
  assert.ok(
    g.ratio < 8,
    `${what}: 4× the input took ${g.ratio.toFixed(1)}× the time (${g.small.toFixed(1)} ms → ${g.large.toFixed(1)} ms)`,
  );
  return g;
}
