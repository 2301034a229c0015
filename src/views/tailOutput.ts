// What the tails look like: one output channel per connection ("Jobdeck Tail: <connection>"),
// shared by every job of that connection that is followed, so tailing a hundred jobs makes no
// hundred channels; a status bar item naming the jobs followed; and the `jobdeck.tailing`
// context key for menus. A channel outlives its tails so the user can still read them.
//
// A plain output channel in the `log` language, not a LogOutputChannel: a LogOutputChannel
// stamps each line with the time it was written, and an event has its own time on the server
// (a backlog drained at once would show one receipt time for hours of events). So each line
// has exactly one time, the event's own (or the time Jobdeck wrote it, for its own lines and
// events without a time), then the level, the job, the node and the message; the `log`
// grammar colours the time and the level the way VS Code's own logs look.
import * as vscode from 'vscode';
import type { JobEvent } from '../client/model';
import { Disposable, toDisposable } from '../shared/lifecycle';
import { oneLine } from '../shared/format';
import { tailChannelName, tailLine, type TailLevel as Level } from './tailLines';
import type { TailSession, TailSessions } from '../store/tail/tailSessions';
import { inert } from '../shared/inertText';
import { inertMarkdown } from '../platform/inertMarkdown';

export class TailOutput extends Disposable {
  private readonly channels = new Map<string, vscode.OutputChannel>();
  private readonly item = this.register(
    vscode.window.createStatusBarItem('jobdeck.tailing', vscode.StatusBarAlignment.Left, 49),
  );

  constructor(
    private readonly tails: TailSessions,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.item.name = 'Jobdeck Tailing';
    this.item.command = 'jobdeck.stopTailing';
    void vscode.commands.executeCommand('setContext', 'jobdeck.tailing', false);
    this.register(
      tails.subscribe({
        started: (s, show) => {
          this.say(
            s,
            'info',
            s.follower.mode === 'events'
              ? vscode.l10n.t(
                  'Following {0} — the server’s event stream. Stop with "Jobdeck: Stop Tailing".',
                  oneLine(s.jobName, 120),
                )
              : vscode.l10n.t(
                  'Following {0} — state changes, polled. Stop with "Jobdeck: Stop Tailing".',
                  oneLine(s.jobName, 120),
                ),
          );
          if (show) this.channelFor(s).show(true);
        },
        shown: (s) => this.channelFor(s).show(true),
        events: (s, events) => {
          const channel = this.channelFor(s);
          // One append for a page of events: a backlog of thousands is one write, not thousands.
          channel.append(events.map((e) => `${this.eventLine(s, e)}\n`).join(''));
        },
        contact: (s, status, error, retryInMs) => {
          if (status === 'lost')
            this.say(
              s,
              'warning',
              vscode.l10n.t(
                'Lost contact with {0}: {1}. Retrying in {2} s; nothing is missed.',
                s.connection,
                error?.shortMessage ?? vscode.l10n.t('error'),
                Math.round((retryInMs ?? 0) / 1000),
              ),
            );
          else
            this.say(
              s,
              'info',
              vscode.l10n.t('Back in contact with {0}; resuming where the tail left off.', s.connection),
            );
        },
        ended: (s, end) => {
          if (end.reason === 'finished')
            this.say(
              s,
              'info',
              vscode.l10n.t(
                'The job ended ({0}); tail finished after {1} event(s).',
                end.rawState ?? end.state ?? vscode.l10n.t('final'),
                s.follower.delivered,
              ),
            );
          else if (end.reason === 'stopped')
            this.say(s, 'info', vscode.l10n.t('Stopped following after {0} event(s).', s.follower.delivered));
          else
            this.say(s, 'error', vscode.l10n.t('Tail ended: {0}', end.error?.shortMessage ?? vscode.l10n.t('error')));
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

  /** The connections whose tails have a channel, and a connection's channel (tests look). */
  channelNames(): string[] {
    return [...this.channels.keys()].map(tailChannelName);
  }

  channel(connection: string): vscode.OutputChannel | undefined {
    return this.channels.get(connection);
  }

  private say(s: TailSession, level: Level, text: string): void {
    this.channelFor(s).appendLine(tailLine(this.now(), level, s.jobId, text));
  }

  private eventLine(s: TailSession, e: JobEvent): string {
    const level: Level = e.level === 'error' ? 'error' : e.level === 'warning' ? 'warning' : 'info';
    return tailLine(e.time ?? this.now(), level, s.jobId, e.message, e.node);
  }

  private channelFor(s: TailSession): vscode.OutputChannel {
    let channel = this.channels.get(s.connection);
    if (!channel) {
      channel = vscode.window.createOutputChannel(tailChannelName(s.connection), 'log');
      this.channels.set(s.connection, channel);
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
    this.item.text = `$(pulse) ${list.length === 1 ? vscode.l10n.t('Tailing {0}', inert(oneLine(list[0].jobName, 30))) : vscode.l10n.t('Tailing {0} jobs', list.length)}`;
    const md = inertMarkdown()
      .appendMarkdown('**')
      .appendText(vscode.l10n.t('Jobdeck is following:'))
      .appendMarkdown('**\n\n');
    for (const s of list)
      md.appendText(`• ${vscode.l10n.t('{0}: {1} (id {2})', s.connection, oneLine(s.jobName, 80), s.jobId)}\n`);
    md.appendMarkdown('\n\n').appendText(vscode.l10n.t('Click to stop tailing.'));
    this.item.tooltip = md;
    this.item.accessibilityInformation = {
      label: `Jobdeck: tailing ${list.length} job${list.length === 1 ? '' : 's'}`,
    };
    this.item.show();
  }
}
