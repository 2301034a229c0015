// The extension host's busy share, from Node's event-loop utilization: the real measure on this
// process, made busy by a spin and quiet by a timer.
import * as assert from 'node:assert/strict';
import { busyShare } from '../../../src/platform/hostBusy';

function spin(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // busy on purpose
  }
}

const idle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('busyShare', () => {
  it('reads high after a span spent running code, low after a span spent waiting', async () => {
    const busy = busyShare();
    // Utilization counts from the loop's turn: the spin runs inside one that a timer starts.
    await new Promise<void>((r) =>
      setTimeout(() => {
        spin(150);
        r();
      }, 0),
    );
    await idle(0);
    const spun = busy();
    await idle(200);
    const waited = busy();
    assert.ok(spun > 0.5, `after a spin: ${spun}`);
    assert.ok(waited < 0.25, `after a wait: ${waited}`);
  });

  it('each call covers the time since the previous one only', async () => {
    const busy = busyShare();
    await new Promise<void>((r) => setTimeout(() => (spin(150), r()), 0));
    await idle(0);
    busy();
    await idle(150);
    assert.ok(busy() < 0.25, 'the spin before the previous call is not counted again');
  });
});
