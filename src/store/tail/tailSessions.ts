// The jobs being tailed: one follower per job, started and stopped by the tail commands. The
// events, the contact lost and found, and each tail's end are told as events; the tail view
// (views/tailOutput.ts) prints them into an output channel per connection. No VS Code here.
import { EventEmitter } from 'node:events';
import type { JobEvent, JobState } from '../../client/model';
import { ACTIVE_STATES } from '../../client/model';
import type { JobdeckError } from '../../client/errors';
import { listen, type IDisposable, type Listeners } from '../../shared/lifecycle';
import type { ConnectionStore } from '../connectionStore';
import type { TailEnd, TailFollower } from './follower';

export interface TailSession {
  key: string;
  connection: string;
  jobId: string;
  jobName: string;
  follower: TailFollower;
}

interface TailEvents {
  /** A tail began; `show` asks for its output to be shown. */
  started: [TailSession, boolean];
  /** A running tail was asked for again: show its output. */
  shown: [TailSession];
  /** Events of a session (integration tests listen here too). */
  events: [TailSession, JobEvent[]];
  /** Contact with the server lost (with the error and the wait before the next try) or back. */
  contact: [TailSession, 'lost' | 'back', JobdeckError | undefined, number | undefined];
  ended: [TailSession, TailEnd];
  /** The set of tails changed. */
  changed: [];
}

interface TailTiming {
  /** Event APIs. Default 1000 ms. */
  eventIntervalMs: number;
  /** Derived events: the user's poll interval (2 s while the job is active). */
  pollIntervalMs: () => number;
}

function tailKey(connection: string, jobId: string): string {
  return `${connection}\u0000${jobId}`;
}

export class TailSessions extends EventEmitter<TailEvents> {
  private readonly sessions = new Map<string, TailSession>();

  constructor(private readonly timing: TailTiming) {
    super();
  }

  /** Listens to the tails; dispose to stop. */
  subscribe(listeners: Listeners<TailEvents>): IDisposable {
    return listen(this, listeners);
  }

  all(): TailSession[] {
    return [...this.sessions.values()];
  }

  get(connection: string, jobId: string): TailSession | undefined {
    return this.sessions.get(tailKey(connection, jobId));
  }

  /** Starts following a job, or shows the output of the tail already running. */
  start(store: ConnectionStore, jobId: string, jobName: string, show = true): TailSession {
    const key = tailKey(store.name, jobId);
    const existing = this.sessions.get(key);
    if (existing) {
      if (show) this.emit('shown', existing);
      return existing;
    }
    const session: TailSession = {
      key,
      connection: store.name,
      jobId,
      jobName,
      follower: store.follow(jobId, {
        eventIntervalMs: this.timing.eventIntervalMs,
        derivedIntervalMs: (state: JobState | undefined) =>
          state && ACTIVE_STATES.has(state)
            ? Math.min(2000, this.timing.pollIntervalMs())
            : this.timing.pollIntervalMs(),
        sink: {
          events: (events) => this.emit('events', session, events),
          connection: (status, error, retryInMs) => this.emit('contact', session, status, error, retryInMs),
        },
      }),
    };
    this.sessions.set(key, session);
    this.emit('started', session, show);
    session.follower.start();
    void session.follower.done.then((end) => {
      if (this.sessions.get(key) === session) this.sessions.delete(key);
      this.emit('changed');
      this.emit('ended', session, end);
    });
    this.emit('changed');
    return session;
  }

  /** Stops a tail; resolves once it has ended. */
  async stop(connection: string, jobId: string): Promise<boolean> {
    const session = this.sessions.get(tailKey(connection, jobId));
    if (!session) return false;
    session.follower.stop();
    await session.follower.done;
    return true;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.all().map((s) => this.stop(s.connection, s.jobId)));
  }

  dispose(): void {
    for (const s of this.sessions.values()) s.follower.stop();
    this.sessions.clear();
    this.removeAllListeners();
  }
}
