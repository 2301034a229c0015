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
      .map((w) => `${oneLine(w.job.name, 60) || w.job.id} (${oneLine(w.job.rawState, 30)}) on ${w.connection}`);
    if (n > 10) lines.push(`… and ${n - 10} more`);
    this.item.tooltip = inert(
      `${n === 1 ? vscode.l10n.t('Jobdeck watches a job you launched until it ends:') : vscode.l10n.t('Jobdeck watches {0} jobs you launched until they end:', n)}\n${lines.join('\n')}`,
    );
    this.item.accessibilityInformation = { label: `Jobdeck: ${n} launched ${n === 1 ? 'job' : 'jobs'} running` };
    this.item.command =
      n === 1
        ? {
            command: 'jobdeck.openJob',
            title: 'Open Job',
            arguments: [{ connection: watched[0].connection, jobId: watched[0].job.id }],
          }
        : { command: 'jobdeck.jobs.focus', title: 'Show the Jobs view' };
    this.item.show();
  }
}
