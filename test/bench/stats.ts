// Clock and small statistics shared by the runner and the extension-host entry. Both sides use
// the same wall clock (timeOrigin + monotonic now) so times from the extension host, the
// emulator (runner process) and Chromium can be subtracted.

export function now(): number {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The most intervals [start, end) open at one time. */
export function maxOverlap(intervals: readonly { start: number; end: number }[]): number {
  const points: [number, number][] = [];
  for (const i of intervals) {
    points.push([i.start, 1]);
    points.push([Math.max(i.end, i.start), -1]);
  }
  // Ends before starts at the same instant: back-to-back requests do not overlap.
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let most = 0;
  for (const [, d] of points) {
    open += d;
    most = Math.max(most, open);
  }
  return most;
}

export function round(v: number, digits = 1): number {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
}

/** Polls `check` until it returns a truthy value, or throws after `ms`. */
export async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>, ms: number, what: string, every = 20): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${Math.round(ms / 1000)} s`);
    await sleep(every);
  }
}
