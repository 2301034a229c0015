// Decides when each connection is fetched again: only while someone can see it (view visible,
// connection expanded), every pollInterval, every 2 s while a visible job runs, and slower
// and slower while the server keeps failing. One list request per connection per tick.
import type { ConnectionStore } from './connectionStore';
import type { JobStore } from './jobStore';
import { ACTIVE_STATES } from '../client/model';
import { pollDelay } from './pollDelay';

interface PollPolicy {
  /** The user's interval. */
  intervalMs(): number;
  /** May this connection be fetched now (view visible and connection expanded)? */
  isWatched(store: ConnectionStore): boolean;
}

interface Slot {
  timer?: NodeJS.Timeout;
  failures: number;
  running: boolean;
  dueAt: number;
}

/**
 * The wait until the next multiple of `delay` (on the Date.now() clock) at least 3/4 of it away:
 * connections with the same interval are polled in the same moment, and their changes reach
 * the tree as one update (VS Code holds back a tree change that follows another within 200 ms,
 * and twenty connections polled at their own moments kept it waiting). Still one poll per
 * interval. A backoff after failures keeps its own moment: it is for that server alone.
 */
function onGrid(delay: number, failures: number): number {
  if (failures > 0 || delay <= 0) return delay;
  const now = Date.now();
  return Math.ceil((now + delay * 0.75) / delay) * delay - now;
}

export class Poller {
  private readonly slots = new Map<string, Slot>();
  private disposed = false;

  constructor(
    private readonly store: JobStore,
    private readonly policy: PollPolicy,
    private readonly onError: (store: ConnectionStore, error: unknown) => void = () => undefined,
  ) {}

  /** Re-evaluates every connection now (visibility or settings changed). */
  wakeAll(): void {
    for (const s of this.store.all()) this.wake(s.name);
  }

  /** Fetches this connection now if it is watched and not fetched too recently. */
  wake(name: string, force = false): void {
    const store = this.store.get(name);
    if (!store || this.disposed) return;
    const slot = this.slot(name);
    if (!this.policy.isWatched(store)) {
      clearTimeout(slot.timer);
      slot.timer = undefined;
      return;
    }
    if (slot.running) return;
    const wait = force ? 0 : Math.max(0, slot.dueAt - Date.now());
    this.schedule(name, wait);
  }

  /** Forces a fetch of this connection now (jobdeck.refresh), resetting the error backoff. */
  async refreshNow(name: string): Promise<void> {
    const slot = this.slot(name);
    slot.failures = 0;
    slot.dueAt = 0;
    await this.tick(name);
  }

  dispose(): void {
    this.disposed = true;
    for (const slot of this.slots.values()) clearTimeout(slot.timer);
    this.slots.clear();
  }

  /** Is a list request of some connection on its way? */
  busy(): boolean {
    for (const slot of this.slots.values()) if (slot.running) return true;
    return false;
  }

  /** The wait before the next fetch of a connection, from its state. */
  nextDelay(store: ConnectionStore, failures: number): number {
    return pollDelay(
      this.policy.intervalMs(),
      failures,
      store.jobs.some((j) => ACTIVE_STATES.has(j.state)),
    );
  }

  private slot(name: string): Slot {
    let slot = this.slots.get(name);
    if (!slot) this.slots.set(name, (slot = { failures: 0, running: false, dueAt: 0 }));
    return slot;
  }

  private schedule(name: string, delay: number): void {
    const slot = this.slot(name);
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => void this.tick(name), delay);
  }

  private async tick(name: string): Promise<void> {
    const store = this.store.get(name);
    const slot = this.slot(name);
    clearTimeout(slot.timer);
    slot.timer = undefined;
    if (!store || this.disposed || slot.running) return;
    if (!this.policy.isWatched(store)) return;
    slot.running = true;
    try {
      await store.refresh();
      slot.failures = 0;
    } catch (e) {
      slot.failures++;
      this.onError(store, e);
    } finally {
      slot.running = false;
    }
    if (this.disposed || this.store.get(name) !== store) return;
    const delay = onGrid(this.nextDelay(store, slot.failures), slot.failures);
    slot.dueAt = Date.now() + delay;
    if (this.policy.isWatched(store)) this.schedule(name, delay);
  }
}
