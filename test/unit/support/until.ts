// Waits for a condition that real I/O makes true (a request reaching a loopback server, an
// answer coming back), checking between turns of the event loop. It uses setImmediate and
// performance.now, which the fake clock (fakeClock.ts) leaves alone, so it works beside it.
import { performance } from 'node:perf_hooks';

export async function until(condition: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const t0 = performance.now();
  while (!condition()) {
    if (performance.now() - t0 > limitMs) throw new Error(`timed out after ${limitMs} ms waiting for ${what}`);
    await new Promise<void>((r) => setImmediate(r));
  }
}
