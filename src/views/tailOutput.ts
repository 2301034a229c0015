// What the tails look like: one log output channel per job ("Jobdeck Tail: <connection>
// <job>"), a status bar item naming the jobs followed, and the `jobdeck.tailing` context key
// for menus. Each line: the event's own time, its node, its message; the channel's level
// (info/warning/error) colours it. A channel outlives its tail so the user can still read it.
import * as vscode from 'vscode';
import type { JobEvent } from '../client/model';
import { Disposable, toDisposable } from '../shared/lifecycle';
import { isoTime, oneLine } from '../shared/format';
import type { TailSession, TailSessions } from '../store/tail/tailSessions';
import { inert } from '../shared/inertText';
import { inertMarkdown } from '../platform/inertMarkdown';

export class TailOutput extends Disposable {
  private readonly channels = new Map<string, vscode.LogOutputChannel>();
  private readonly item = this.register(
    vscode.window.createStatusBarItem('jobdeck.tailing', vscode.StatusBarAlignment.Left, 49),
  );

  constructor(private readonly tails: TailSessions) {
    super();
    this.item.name = 'Jobdeck Tailing';
    this.item.command = 'jobdeck.stopTailing';
    void vscode.commands.executeCommand('setContext', 'jobdeck.tailing', false);
    this.register(
      tails.subscribe({
        started: (s, show) => {
          const channel = this.channelFor(s);
          channel.info(
            `Following ${oneLine(s.jobName, 120)} (id ${s.jobId}) on ${s.connection} — ${s.follower.mode === 'events' ? 'the server’s event stream' : 'state changes, polled'}. Stop with "Jobdeck: Stop Tailing".`,
          );
          if (show) channel.show(true);
        },
        shown: (s) => this.channelFor(s).show(true),
        events: (s, events) => {
          const channel = this.channelFor(s);
          for (const e of events) write(channel, e);
        },
        contact: (s, status, error, retryInMs) => {
          const channel = this.channelFor(s);
          if (status === 'lost')
            channel.warn(
              `Lost contact with ${s.connection}: ${error?.shortMessage ?? 'error'}. Retrying in ${Math.round((retryInMs ?? 0) / 1000)} s; nothing is missed.`,
            );
          else channel.info(`Back in contact with ${s.connection}; resuming where the tail left off.`);
        },
        ended: (s, end) => {
          const channel = this.channelFor(s);
          if (end.reason === 'finished')
            channel.info(
              `The job ended (${end.rawState ?? end.state ?? 'final'}); tail finished after ${s.follower.delivered} event(s).`,
            );
          else if (end.reason === 'stopped') channel.info(`Stopped following after ${s.follower.delivered} event(s).`);
          else channel.error(`Tail ended: ${end.error?.shortMessage ?? 'error'}`);
        },
        changed: () => this.render(),
      }),
    );
    this.register(
      toDisposable(() => {
        for (const c of this.channels.values()) c.dispose();
        this.channels.clear();
      }),
    );
  }

  private channelFor(s: TailSession): vscode.LogOutputChannel {
    let channel = this.channels.get(s.key);
    if (!channel) {
      channel = vscode.window.createOutputChannel(`Jobdeck Tail: ${s.connection} ${oneLine(s.jobName, 60)}`, {
        log: true,
      });
      this.channels.set(s.key, channel);
    }
    return channel;
  }

  private render(): void {
    const list = this.tails.all();
    void vscode.commands.executeCommand('setContext', 'jobdeck.tailing', list.length > 0);
    if (!list.length) {
      this.item.hide();
      return;
    }
    this.item.text = `$(pulse) Tailing ${list.length === 1 ? inert(oneLine(list[0].jobName, 30)) : `${list.length} jobs`}`;
    const md = inertMarkdown().appendMarkdown('**Jobdeck is following:**\n\n');
    for (const s of list) md.appendText(`• ${s.connection}: ${oneLine(s.jobName, 80)} (id ${s.jobId})\n`);
    md.appendMarkdown('\n\nClick to stop tailing.');
    this.item.tooltip = md;
    this.item.accessibilityInformation = {
      label: `Jobdeck: tailing ${list.length} job${list.length === 1 ? '' : 's'}`,
    };
    this.item.show();
  }
}

function write(channel: vscode.LogOutputChannel, e: JobEvent): void {
  const parts = [
    e.time !== undefined ? isoTime(e.time) : '',
    e.node ? `[${oneLine(e.node, 80)}]` : '',
    oneLine(e.message, 2000),
  ].filter(Boolean);
  const line = parts.join(' ');
  if (e.level === 'error') channel.error(line);
  else if (e.level === 'warning') channel.warn(line);
  else channel.info(line);
}
