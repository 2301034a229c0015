// How a function's cost grows with its input, without an absolute time limit: the same kind
// of input at n and 4n, each timed several times (the fastest run counts: the others only add
// the machine's noise). Linear work grows about 4×, quadratic 16×; a test asserts under 8×.
import * as assert from 'node:assert/strict';

export interface Growth {
  small: number;
  large: number;
  ratio: number;
}

/** Fastest of `runs` timings of `work(input)`, in ms. */
function fastest(input: string, work: (input: string) => unknown, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    work(input);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}

/** Times `work` on `make(n)` and `make(4n)`; n is at least 1 MB of text. */
export function growth(make: (n: number) => string, work: (input: string) => unknown, n = 1 << 20, runs = 5): Growth {
  const smallInput = make(n);
  const largeInput = make(4 * n);
  assert.ok(smallInput.length >= 1 << 20, `the small input is ${smallInput.length} characters, under 1 MB`);
  work(smallInput); // warm the JIT
  const small = fastest(smallInput, work, runs);
  const large = fastest(largeInput, work, runs);
  // Below the timer's resolution both are noise; a floor keeps the ratio meaningful.
  const floor = 0.05;
  return { small, large, ratio: Math.max(large, floor) / Math.max(small, floor) };
}

/** Asserts that 4× the input costs under 8× the time (linear or close). */
export function assertNearLinear(what: string, make: (n: number) => string, work: (input: string) => unknown, n?: number): Growth {
  const g = growth(make, work, n);
  assert.ok(g.ratio < 8, `${what}: 4× the input took ${g.ratio.toFixed(1)}× the time (${g.small.toFixed(1)} ms → ${g.large.toFixed(1)} ms)`);
  return g;
}
