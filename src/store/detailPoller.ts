// Every load of a job's detail goes through here. Two kinds of interest keep a detail fresh:
// - a watch (an open panel): fetched every 2 s while the job runs, every jobdeck.pollInterval
//   while it waits, never once it is final, and not at all while the panel is hidden; slower
//   and slower while the server keeps failing; stopped for good when the job is gone. The list
//   hurries it when it sees the job's state move.
// - a keep (an expanded tree row): no timer of its own; fetched when first asked, and again
//   whenever the list sees the job change. Its end lets the store forget the detail.
// Views never fetch: they watch or keep, this fetches through the store, and a watch tells its
// owner once per change what it knows (the detail, else the list entry) and why a load failed.
import * as l10n from '@vscode/l10n';
import { FINAL_STATES, ACTIVE_STATES, isDetail, type Job, type JobDetail } from '../client/model';
import { isJobdeckError } from '../client/errors';
import { Disposable, toDisposable, type IDisposable } from '../shared/lifecycle';
import type { ConnectionStore } from './connectionStore';
import type { JobStore } from './jobStore';
import { pollDelay } from './pollDelay';

interface DetailPollPolicy {
  /** The user's interval (jobdeck.pollInterval), in ms. */
  intervalMs(): number;
}

export interface DetailWatch extends IDisposable {
  readonly connection: string;
  readonly jobId: string;
  readonly visible: boolean;
  /** True once the job reached a final state or is gone: no more fetches. */
  readonly done: boolean;
  /** The wait before the next fetch, while one is planned. */
  readonly nextDelayMs: number | undefined;
  /** What is known of the job: its detail, else its list entry. */
  readonly job: Job | JobDetail | undefined;
  /** Why the last load failed; cleared by the next one that succeeds. */
  readonly error: unknown;
  setVisible(visible: boolean): void;
  /** Fetches now (a refresh button, or the list saw the job change). */
  refresh(): Promise<void>;
}

export class DetailPoller extends Disposable {
  private readonly watches = new Set<Watch>();
  private readonly keeps = new Map<string, number>();
  private readonly loading = new Map<string, Promise<JobDetail>>();

  constructor(
    private readonly store: JobStore,
    private readonly policy: DetailPollPolicy,
  ) {
    super();
    this.register(
      store.subscribe({
        detail: (s, d) => this.forEach(s.name, d.id, (w) => w.took(d)),
        jobs: (s, jobs) => {
          for (const j of jobs) {
            this.forEach(s.name, j.id, (w) => w.listed(j));
            if (this.keeps.has(key(s.name, j.id))) void this.load(s.name, j.id).catch(() => undefined);
          }
        },
        connections: () => {
          for (const w of this.watches) w.reconnected(store.get(w.connection));
        },
      }),
    );
  }

  /** Keeps a job's detail fresh for an open panel; `onChange` hears of each change. */
  watch(connection: string, jobId: string, onChange: () => void = () => undefined, visible = true): DetailWatch {
    const w = new Watch(this, this.store.get(connection), this.policy, connection, jobId, onChange, () =>
      this.watches.delete(w),
    );
    this.watches.add(w);
    w.setVisible(visible);
    return w;
  }

  /** Keeps a job's detail while a tree row shows its targets; the end lets the store forget it. */
  keep(connection: string, jobId: string): IDisposable {
    const k = key(connection, jobId);
    this.keeps.set(k, (this.keeps.get(k) ?? 0) + 1);
    return toDisposable(() => {
      const n = (this.keeps.get(k) ?? 1) - 1;
      if (n > 0) return void this.keeps.set(k, n);
      this.keeps.delete(k);
      if (![...this.watches].some((w) => w.connection === connection && w.jobId === jobId))
        this.store.get(connection)?.forgetDetail(jobId);
    });
  }

  /** Nobody else needs the job's detail (no panel watches it, no row keeps it): the store forgets it. */
  release(connection: string, jobId: string): void {
    if (this.keeps.has(key(connection, jobId))) return;
    if ([...this.watches].some((w) => w.connection === connection && w.jobId === jobId)) return;
    this.store.get(connection)?.forgetDetail(jobId);
  }

  /** The job's detail, fetched now; a load already under way for it is shared. */
  load(connection: string, jobId: string): Promise<JobDetail> {
    const k = key(connection, jobId);
    const running = this.loading.get(k);
    if (running) return running;
    const store = this.store.get(connection);
    if (!store) return Promise.reject(new Error(l10n.t('The connection "{0}" is no longer configured.', connection)));
    const p = store.loadDetail(jobId).finally(() => this.loading.delete(k));
    this.loading.set(k, p);
    return p;
  }

  has(connection: string): boolean {
    return this.store.get(connection) !== undefined;
  }

  /** The detail if the store has it, else loaded. */
  async detail(connection: string, jobId: string): Promise<JobDetail | undefined> {
    const store = this.store.get(connection);
    return store ? (store.detail(jobId) ?? this.load(connection, jobId)) : undefined;
  }

  /** The interval setting changed: re-plan every watch with the new wait. */
  wakeAll(): void {
    for (const w of this.watches) w.replan();
  }

  get size(): number {
    return this.watches.size;
  }

  override dispose(): void {
    for (const w of [...this.watches]) w.dispose();
    super.dispose();
  }

  private forEach(connection: string, jobId: string, fn: (w: Watch) => void): void {
    for (const w of this.watches) if (w.connection === connection && w.jobId === jobId) fn(w);
  }
}

/** The wait before the next fetch of a job's detail. */
export function nextDetailDelay(
  detail: JobDetail | undefined,
  failures: number,
  intervalMs: number,
): number | undefined {
  if (failures === 0 && detail && FINAL_STATES.has(detail.state)) return undefined;
  return pollDelay(intervalMs, failures, detail !== undefined && ACTIVE_STATES.has(detail.state));
}

class Watch implements DetailWatch {
  visible = false;
  done = false;
  nextDelayMs: number | undefined;
  job: Job | JobDetail | undefined;
  error: unknown;
  private timer?: NodeJS.Timeout;
  private running = false;
  private failures = 0;
  private dueAt = 0;
  private last?: JobDetail;
  private disposed = false;

  constructor(
    private readonly poller: DetailPoller,
    store: ConnectionStore | undefined,
    private readonly policy: DetailPollPolicy,
    readonly connection: string,
    readonly jobId: string,
    private readonly onChange: () => void,
    private readonly onDispose: () => void,
  ) {
    this.job = store?.detail(jobId) ?? store?.job(jobId);
    if (!store) this.error = new Error(l10n.t('The connection "{0}" is not configured.', connection));
  }

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

  /** The store has a new detail of this job. */
  took(detail: JobDetail): void {
    this.job = detail;
    this.error = undefined;
    this.changed();
  }

  /** The list has a new entry of this job: shown until the detail comes; a new state hurries it. */
  listed(job: Job): void {
    const known = this.job;
    if (!known || !isDetail(known)) {
      this.job = job;
      this.changed();
    }
    if (known && known.state !== job.state) void this.refresh();
  }

  /** Settings changed: the connection went away, or came back after an error. */
  reconnected(store: ConnectionStore | undefined): void {
    if (!store) {
      this.error = new Error(l10n.t('The connection "{0}" is no longer configured.', this.connection));
      this.changed();
    } else if (this.error) void this.refresh();
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
    this.onDispose();
  }

  private changed(): void {
    if (!this.disposed) this.onChange();
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
    if (!this.poller.has(this.connection)) {
      this.done = true;
      this.error = new Error(l10n.t('The connection "{0}" is no longer configured.', this.connection));
      this.changed();
      return;
    }
    this.running = true;
    try {
      this.last = await this.poller.load(this.connection, this.jobId);
      this.failures = 0;
      // The store tells of a changed detail; a load that clears an error must show too.
      if (this.error !== undefined || !this.job || !isDetail(this.job)) this.took(this.last);
    } catch (e) {
      if (isJobdeckError(e) && e.code === 'cancelled') return;
      this.failures++;
      if (isJobdeckError(e) && e.code === 'notFound') this.done = true;
      this.error = e;
      this.changed();
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

function key(connection: string, jobId: string): string {
  return `${connection}\u0000${jobId}`;
}
