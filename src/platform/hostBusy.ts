// How busy this process's event loop has been: the extension host's share of time spent running
// code rather than waiting, from Node's event-loop utilization.
import { performance } from 'node:perf_hooks';

/** Each call: the share (0–1) of the time since the previous call that the event loop was busy. */
export type BusyShare = () => number;

export function busyShare(): BusyShare {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const share = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    return share;
  };
}
