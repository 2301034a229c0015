// Jobs the user launched from Jobdeck (the wizard, a spec file, a relaunch: everything that
// reaches ConnectionStore.addLaunched) are watched until they end, whether or not anyone looks
// at the Jobs view or a panel: one detail read per watched job per interval (the user's
// jobdeck.pollInterval, not the 2 s of a visible running row: nobody is looking), through the
// detail poller, so a read a panel has under way is shared and the store, the tree, the
// status bar and the finish notification all hear the answer as they do from any other read.
// A job seen final by anyone (the list, a panel) ends its watch without a read; a job that is
// gone (404) or whose connection went away ends it too; a failing server is read less often
// (the pollers' backoff). Nothing watched, no timer: not one request.
import { EventEmitter } from 'node:events';
import { isJobdeckError } from '../client/errors';
import { FINAL_STATES, type Job } from '../client/model';
import { Disposable, listen, type IDisposable, type Listeners } from '../shared/lifecycle';
import type { DetailPoller } from './detailPoller';
import type { JobStore } from './jobStore';
import { pollDelay } from './pollDelay';

/** More launched jobs than this at once (a bulk launch) are not all watched: the list shows them. */
export const MAX_WATCHED = 20;

export interface WatchedJob {
  connection: string;
  job: Job;
}

interface LaunchWatcherEvents {
  /** The set of watched jobs (or what is known of one) changed. */
  changed: [];
  /** A watched job reached a final state (or is gone). */
  ended: [WatchedJob & { gone?: boolean }];
}

interface Entry extends WatchedJob {
  dueAt: number;
  failures: number;
  reading: boolean;
}

export class LaunchWatcher extends Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly events = new EventEmitter<LaunchWatcherEvents>();
  private timer?: NodeJS.Timeout;
  /** Detail reads this watcher started (the bench's polling group counts them). */
  requests = 0;

  constructor(
    private readonly store: JobStore,
    private readonly details: DetailPoller,
    private readonly policy: { intervalMs(): number },
  ) {
    super();
    this.register(
      store.subscribe({
        launched: (s, jobs) => {
          for (const j of jobs) this.watch(s.name, j);
        },
        jobs: (s, jobs) => jobs.forEach((j) => this.seen(s.name, j)),
        detail: (s, d) => this.seen(s.name, d),
        connections: () => {
          for (const e of [...this.entries.values()]) if (!store.get(e.connection)) this.end(e, true);
        },
      }),
    );
    this.register({ dispose: () => clearTimeout(this.timer) });
    this.register({ dispose: () => this.events.removeAllListeners() });
  }

  subscribe(listeners: Listeners<LaunchWatcherEvents>): IDisposable {
    return listen(this.events, listeners);
  }

  /** Jobs watched now, in launch order. */
  get watched(): WatchedJob[] {
    return [...this.entries.values()].map(({ connection, job }) => ({ connection, job }));
  }

  get size(): number {
    return this.entries.size;
  }

  watch(connection: string, job: Job): void {
    if (this.isDisposed || FINAL_STATES.has(job.state) || this.entries.size >= MAX_WATCHED) return;
    const k = key(connection, job.id);
    if (this.entries.has(k)) return;
    this.entries.set(k, {
      connection,
      job,
      dueAt: Date.now() + this.policy.intervalMs(),
      failures: 0,
      reading: false,
    });
    this.events.emit('changed');
    this.plan();
  }

  /** Someone read the job (list, panel, this watcher): a final state ends its watch. */
  private seen(connection: string, job: Job): void {
    const e = this.entries.get(key(connection, job.id));
    if (!e) return;
    e.job = job;
    if (FINAL_STATES.has(job.state)) this.end(e);
    else this.events.emit('changed');
  }

  private end(e: Entry, gone = false): void {
    if (!this.entries.delete(key(e.connection, e.job.id))) return;
    this.details.release(e.connection, e.job.id);
    this.events.emit('ended', { connection: e.connection, job: e.job, gone: gone || undefined });
    this.events.emit('changed');
    this.plan();
  }

  /** One timer for all watched jobs: set for the earliest due read, none when nothing is watched. */
  private plan(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.isDisposed || !this.entries.size) return;
    const next = Math.min(...[...this.entries.values()].filter((e) => !e.reading).map((e) => e.dueAt));
    if (!Number.isFinite(next)) return;
    this.timer = setTimeout(() => this.tick(), Math.max(0, next - Date.now()));
  }

  private tick(): void {
    this.timer = undefined;
    const now = Date.now();
    for (const e of this.entries.values()) if (!e.reading && e.dueAt <= now) void this.read(e);
    this.plan();
  }

  private async read(e: Entry): Promise<void> {
    e.reading = true;
    this.requests++;
    try {
      const detail = await this.details.load(e.connection, e.job.id);
      e.failures = 0;
      this.seen(e.connection, detail);
    } catch (err) {
      e.failures++;
      if (isJobdeckError(err) && err.code === 'notFound') return this.end(e, true);
      if (!this.store.get(e.connection)) return this.end(e, true);
    } finally {
      e.reading = false;
      e.dueAt = Date.now() + pollDelay(this.policy.intervalMs(), e.failures, false);
    }
    if (this.entries.has(key(e.connection, e.job.id))) this.plan();
  }
}

function key(connection: string, jobId: string): string {
  return `${connection}\u0000${jobId}`;
}
