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

/**
 * Whether the one timer left is a wait, not a request's deadline (`deadlineMs`, the client's
 * timeoutMs): a request is in a loopback server's log before its answer is processed (a turn
 * of the loop later, see src/client/loopTurn.ts), while only its deadline timer is pending.
 */
export function onlyWaitPending(clock: FakeClock, deadlineMs = 30_000): boolean {
  const timers = [...((clock as unknown as { timers?: Map<number, { delay: number }> }).timers?.values() ?? [])];
  return timers.length === 1 && timers[0].delay !== deadlineMs;
}
