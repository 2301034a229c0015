// How long both pollers wait before fetching again: the user's interval, 2 s while something
// runs, and the interval doubled per failure in a row (at most five minutes) while the server
// keeps failing. One rule for the list poller and the detail poller.

export const FAST_INTERVAL_MS = 2000;
const MAX_BACKOFF_MS = 5 * 60_000;

export function pollDelay(intervalMs: number, failures: number, active: boolean): number {
  if (failures > 0) return Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(failures, 10));
  return active ? Math.min(intervalMs, FAST_INTERVAL_MS) : intervalMs;
}
