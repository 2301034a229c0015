// Keeps the details of jobs someone is looking at (an open, visible panel) fresh: every 2 s
// while the job runs, every jobdeck.pollInterval while it waits, never once it is final, and
// not at all while its panel is hidden. Slower and slower while the server keeps failing;
// stops for good when the job is gone. Views never fetch: they watch, this fetches through
// the store, and the store's `detail` event brings the data to every view.
import { ACTIVE_STATES, FINAL_STATES, type JobDetail } from '../client/model';
import { isJobdeckError } from '../client/errors';
import type { JobStore } from './jobStore';
import { FAST_INTERVAL_MS } from './poller';

export interface DetailPollPolicy {
  /** The user's interval (jobdeck.pollInterval), in ms. */
  intervalMs(): number;
}

export interface DetailWatchEvents {
  /** A load succeeded (the data itself comes with the store's `detail` event). */
  onLoaded?(detail: JobDetail): void;
  onError?(error: unknown): void;
}

export interface DetailWatch {
  readonly connection: string;
  readonly jobId: string;
  readonly visible: boolean;
  /** True once the job reached a final state or is gone: no more fetches. */
  readonly done: boolean;
  /** The wait before the next fetch, while one is planned. */
  readonly nextDelayMs: number | undefined;
  setVisible(visible: boolean): void;
  /** Fetches now (a refresh button, or the list saw the job change). */
  refresh(): Promise<void>;
  dispose(): void;
}

const MAX_BACKOFF_MS = 5 * 60_000;

export class DetailPoller {
  private readonly watches = new Set<Watch>();

  constructor(
    private readonly store: JobStore,
    private readonly policy: DetailPollPolicy,
  ) {}

  watch(connection: string, jobId: string, events: DetailWatchEvents = {}, visible = true): DetailWatch {
    const w = new Watch(this.store, this.policy, connection, jobId, events, () => this.watches.delete(w));
    this.watches.add(w);
    w.setVisible(visible);
    return w;
  }

  /** The interval setting changed: re-plan every watch with the new wait. */
  wakeAll(): void {
    for (const w of this.watches) w.replan();
  }

  get size(): number {
    return this.watches.size;
  }

  dispose(): void {
    for (const w of [...this.watches]) w.dispose();
  }
}

/** The wait before the next fetch of a job's detail. */
export function nextDetailDelay(detail: JobDetail | undefined, failures: number, intervalMs: number): number | undefined {
  if (failures > 0) return Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(failures, 10));
  if (detail && FINAL_STATES.has(detail.state)) return undefined;
  return detail && ACTIVE_STATES.has(detail.state) ? Math.min(intervalMs, FAST_INTERVAL_MS) : intervalMs;
}

class Watch implements DetailWatch {
  visible = false;
  done = false;
  nextDelayMs: number | undefined;
  private timer?: NodeJS.Timeout;
  private running = false;
  private failures = 0;
  private dueAt = 0;
  private last?: JobDetail;
  private disposed = false;

  constructor(
    private readonly store: JobStore,
    private readonly policy: DetailPollPolicy,
    readonly connection: string,
    readonly jobId: string,
    private readonly events: DetailWatchEvents,
    private readonly onDispose: () => void,
  ) {}

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible) {
      this.clear();
      return;
    }
    if (this.done || this.running || this.disposed) return;
    this.schedule(Math.max(0, this.dueAt - Date.now()));
  }

  async refresh(): Promise<void> {
    if (this.disposed) return;
    // An explicit refresh also revives a watch that stopped (a final job relaunched in place).
    this.done = false;
    this.failures = 0;
    await this.tick();
  }

  replan(): void {
    if (!this.visible || this.done || this.running || this.disposed) return;
    const delay = nextDetailDelay(this.last, this.failures, this.policy.intervalMs());
    if (delay === undefined) return;
    this.dueAt = Date.now() + delay;
    this.schedule(delay);
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
    this.onDispose();
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.nextDelayMs = undefined;
  }

  private schedule(delay: number): void {
    this.clear();
    this.nextDelayMs = delay;
    this.timer = setTimeout(() => void this.tick(), delay);
  }

  private async tick(): Promise<void> {
    this.clear();
    if (this.disposed || this.running || !this.visible) return;
    const store = this.store.get(this.connection);
    if (!store) {
      this.done = true;
      this.events.onError?.(new Error(`The connection "${this.connection}" is no longer configured.`));
      return;
    }
    this.running = true;
    try {
      this.last = await store.loadDetail(this.jobId);
      this.failures = 0;
      this.events.onLoaded?.(this.last);
    } catch (e) {
      if (isJobdeckError(e) && e.code === 'cancelled') return;
      this.failures++;
      if (isJobdeckError(e) && e.code === 'notFound') this.done = true;
      this.events.onError?.(e);
    } finally {
      this.running = false;
    }
    if (this.disposed || this.done) return;
    const delay = nextDetailDelay(this.last, this.failures, this.policy.intervalMs());
    if (delay === undefined) {
      this.done = true;
      return;
    }
    this.dueAt = Date.now() + delay;
    if (this.visible) this.schedule(delay);
  }
}
