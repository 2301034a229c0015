// The jobs being tailed: one follower and one log output channel per job ("Jobdeck Tail:
// <connection> <job>"), a status bar item naming them, and the `jobdeck.tailing` context key
// for menus. Each line: the event's own time, its node, its message; the channel's level
// (info/warning/error) colours it. A channel outlives its tail so the user can still read it.
import { EventEmitter } from 'node:events';
import * as vscode from 'vscode';
import type { JobEvent, JobState } from '../../client/model';
import { ACTIVE_STATES } from '../../client/model';
import type { ConnectionStore } from '../connectionStore';
import { isoTime, oneLine } from '../../shared/format';
import { TailEnd, TailFollower } from './follower';

export interface TailSession {
  key: string;
  connection: string;
  jobId: string;
  jobName: string;
  follower: TailFollower;
  channel: vscode.LogOutputChannel;
}

export interface TailEvents {
  /** Events printed for a session (integration tests listen here). */
  events: [TailSession, JobEvent[]];
  ended: [TailSession, TailEnd];
  changed: [];
}

export interface TailTiming {
  /** Event APIs. Default 1000 ms. */
  eventIntervalMs: number;
  /** Derived events: the user's poll interval (2 s while the job is active). */
  pollIntervalMs: () => number;
}

export function tailKey(connection: string, jobId: string): string {
  return `${connection}\u0000${jobId}`;
}

export class TailSessions extends EventEmitter<TailEvents> implements vscode.Disposable {
  private readonly sessions = new Map<string, TailSession>();
  private readonly channels = new Map<string, vscode.LogOutputChannel>();
  private readonly item = vscode.window.createStatusBarItem('jobdeck.tailing', vscode.StatusBarAlignment.Left, 49);

  constructor(private readonly timing: TailTiming) {
    super();
    this.item.name = 'Jobdeck Tailing';
    this.item.command = 'jobdeck.stopTailing';
    void vscode.commands.executeCommand('setContext', 'jobdeck.tailing', false);
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
      if (show) existing.channel.show(true);
      return existing;
    }
    const channel = this.channelFor(key, `Jobdeck Tail: ${store.name} ${oneLine(jobName, 60)}`);
    const adapter = store.connection.adapter;
    const session: TailSession = {
      key,
      connection: store.name,
      jobId,
      jobName,
      channel,
      follower: new TailFollower({
        adapter,
        jobId,
        eventIntervalMs: this.timing.eventIntervalMs,
        derivedIntervalMs: (state: JobState | undefined) => (state && ACTIVE_STATES.has(state) ? Math.min(2000, this.timing.pollIntervalMs()) : this.timing.pollIntervalMs()),
        sink: {
          events: (events) => {
            for (const e of events) write(channel, e);
            this.emit('events', session, events);
          },
          connection: (status, error, retryInMs) => {
            if (status === 'lost') channel.warn(`Lost contact with ${store.name}: ${error?.shortMessage ?? 'error'}. Retrying in ${Math.round((retryInMs ?? 0) / 1000)} s; nothing is missed.`);
            else channel.info(`Back in contact with ${store.name}; resuming where the tail left off.`);
          },
        },
      }),
    };
    this.sessions.set(key, session);
    channel.info(
      `Following ${oneLine(jobName, 120)} (id ${jobId}) on ${store.name} — ${session.follower.mode === 'events' ? 'the server’s event stream' : 'state changes, polled'}. Stop with "Jobdeck: Stop Tailing".`,
    );
    if (show) channel.show(true);
    session.follower.start();
    void session.follower.done.then((end) => {
      if (end.reason === 'finished') channel.info(`The job ended (${end.rawState ?? end.state ?? 'final'}); tail finished after ${session.follower.delivered} event(s).`);
      else if (end.reason === 'stopped') channel.info(`Stopped following after ${session.follower.delivered} event(s).`);
      else channel.error(`Tail ended: ${end.error?.shortMessage ?? 'error'}`);
      if (this.sessions.get(key) === session) this.sessions.delete(key);
      this.render();
      this.emit('ended', session, end);
    });
    this.render();
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
    for (const c of this.channels.values()) c.dispose();
    this.channels.clear();
    this.item.dispose();
    this.removeAllListeners();
  }

  private channelFor(key: string, name: string): vscode.LogOutputChannel {
    let channel = this.channels.get(key);
    if (!channel) {
      channel = vscode.window.createOutputChannel(name, { log: true });
      this.channels.set(key, channel);
    }
    return channel;
  }

  private render(): void {
    const list = this.all();
    void vscode.commands.executeCommand('setContext', 'jobdeck.tailing', list.length > 0);
    this.emit('changed');
    if (!list.length) {
      this.item.hide();
      return;
    }
    this.item.text = `$(pulse) Tailing ${list.length === 1 ? oneLine(list[0].jobName, 30) : `${list.length} jobs`}`;
    const md = new vscode.MarkdownString('**Jobdeck is following:**\n\n');
    for (const s of list) md.appendText(`• ${s.connection}: ${oneLine(s.jobName, 80)} (id ${s.jobId})\n`);
    md.appendMarkdown('\n\nClick to stop tailing.');
    this.item.tooltip = md;
    this.item.accessibilityInformation = { label: `Jobdeck: tailing ${list.length} job${list.length === 1 ? '' : 's'}` };
    this.item.show();
  }
}

function write(channel: vscode.LogOutputChannel, e: JobEvent): void {
  const parts = [e.time !== undefined ? isoTime(e.time) : '', e.node ? `[${oneLine(e.node, 80)}]` : '', oneLine(e.message, 2000)].filter(Boolean);
  const line = parts.join(' ');
  if (e.level === 'error') channel.error(line);
  else if (e.level === 'warning') channel.warn(line);
  else channel.info(line);
}
