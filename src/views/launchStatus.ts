// The status bar's count of jobs launched from Jobdeck that are still running (the launch
// watcher's, store/launchWatcher.ts): shown only while there are some. Its tooltip names them;
// a click opens the one job's panel, or the Jobs view when there are several.
import * as vscode from 'vscode';
import { oneLine } from '../shared/format';
import { inert } from '../shared/inertText';
import { Disposable } from '../shared/lifecycle';
import type { LaunchWatcher } from '../store/launchWatcher';

export class LaunchStatusBar extends Disposable {
  private readonly item = this.register(
    vscode.window.createStatusBarItem('jobdeck.launched', vscode.StatusBarAlignment.Left, 49),
  );

  /** What the item's command opens now (a job, or '' for the Jobs view). */
  private commandTarget?: string;

  constructor(private readonly watcher: LaunchWatcher) {
    super();
    this.item.name = 'Jobdeck Launched Jobs';
    this.register(watcher.subscribe({ changed: () => this.render() }));
    this.render();
  }

  private render(): void {
    const watched = this.watcher.watched;
    if (!watched.length) {
      this.item.hide();
      return;
    }
    const n = watched.length;
    this.item.text = `$(eye) ${vscode.l10n.t('{0} launched', n)}`;
    const lines = watched
      .slice(0, 10)
      .map((w) =>
        vscode.l10n.t(
          '{0} ({1}) on {2}',
          oneLine(w.job.name, 60) || w.job.id,
          oneLine(w.job.rawState, 30),
          w.connection,
        ),
      );
    if (n > 10) lines.push(vscode.l10n.t('… and {0} more', n - 10));
    this.item.tooltip = inert(
      `${n === 1 ? vscode.l10n.t('Jobdeck watches a job you launched until it ends:') : vscode.l10n.t('Jobdeck watches {0} jobs you launched until they end:', n)}\n${lines.join('\n')}`,
    );
    this.item.accessibilityInformation = {
      label:
        n === 1
          ? vscode.l10n.t('Jobdeck: 1 launched job running')
          : vscode.l10n.t('Jobdeck: {0} launched jobs running', n),
    };
    // Set only when the target changes: VS Code keeps a command's arguments under an id it
    // drops when the command is set again, and a click meeting that would fail.
    const target = n === 1 ? JSON.stringify([watched[0].connection, watched[0].job.id]) : '';
    if (target !== this.commandTarget || !this.item.command) {
      this.commandTarget = target;
      this.item.command =
        n === 1
          ? {
              command: 'jobdeck.openJob',
              title: vscode.l10n.t('Open Job'),
              arguments: [{ connection: watched[0].connection, jobId: watched[0].job.id }],
            }
          : { command: 'jobdeck.jobs.focus', title: vscode.l10n.t('Show the Jobs view') };
    }
    this.item.show();
  }
}
