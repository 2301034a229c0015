// "2 running, 1 failed" across connections; clicking it focuses the Jobs view.
import * as vscode from 'vscode';
import { Disposable } from '../shared/lifecycle';
import type { JobStore } from '../store/jobStore';

interface JobCounts {
  running: number;
  failed: number;
}

export function countJobs(store: JobStore): JobCounts {
  let running = 0;
  let failed = 0;
  for (const s of store.all()) {
    for (const j of s.jobs) {
      if (j.state === 'running') running++;
      else if (j.state === 'failed') failed++;
    }
  }
  return { running, failed };
}

export class JobsStatusBar extends Disposable {
  private readonly item = this.register(
    vscode.window.createStatusBarItem('jobdeck.jobs', vscode.StatusBarAlignment.Left, 50),
  );

  constructor() {
    super();
    this.item.name = 'Jobdeck Jobs';
    this.item.command = 'jobdeck.jobs.focus';
  }

  render(counts: JobCounts): void {
    if (!counts.running && !counts.failed) {
      this.item.hide();
      return;
    }
    // Numbers and our own words only: the status bar renders $(icons).
    const running = counts.running ? `$(sync~spin) ${vscode.l10n.t('{0} running', counts.running)}` : '';
    const failed = counts.failed ? `$(error) ${vscode.l10n.t('{0} failed', counts.failed)}` : '';
    this.item.text = running && failed ? `${running}, ${failed}` : running || failed;
    this.item.tooltip = vscode.l10n.t('Jobdeck: jobs in the loaded pages. Click to show the Jobs view.');
    this.item.accessibilityInformation = {
      label: vscode.l10n.t('Jobdeck: {0} running, {1} failed', counts.running, counts.failed),
    };
    this.item.show();
  }
}
