// A fake clock for the pollers' tests (@sinonjs/fake-timers): setTimeout, clearTimeout and
// Date move only when a test ticks them, so "one fetch per interval" is counted exactly, on
// any machine, however busy. setImmediate, queueMicrotask and performance stay real, so I/O
// to a loopback server still runs (wait for it with until()).
import { install } from '@sinonjs/fake-timers';

export type FakeClock = ReturnType<typeof install>;

export function installClock(): FakeClock {
  return install({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    now: Date.UTC(2026, 0, 1),
  });
}
