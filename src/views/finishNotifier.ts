// Tells the user when a job they opened or launched reaches a final state (setting
// jobdeck.notifyOnFinish), once per job, with an "Open" button.
import * as vscode from 'vscode';
import { FINAL_STATES, Job } from '../client/model';
import type { ConnectionStore } from '../store/connectionStore';
import type { JobStore } from '../store/jobStore';
import { notifyOnFinish } from '../platform/settings';
import { oneLine } from '../shared/format';

export class FinishNotifier implements vscode.Disposable {
  private readonly watched = new Set<string>();
  private readonly onJobs = (s: ConnectionStore, jobs: Job[]) => this.check(s, jobs);
  private readonly onDetail = (s: ConnectionStore, job: Job) => this.check(s, [job]);

  constructor(private readonly store: JobStore) {
    store.on('jobs', this.onJobs);
    store.on('detail', this.onDetail);
  }

  watch(connection: string, job: Job): void {
    if (!FINAL_STATES.has(job.state)) this.watched.add(`${connection}\u0000${job.id}`);
  }

  dispose(): void {
    this.store.off('jobs', this.onJobs);
    this.store.off('detail', this.onDetail);
  }

  private check(s: ConnectionStore, jobs: Job[]): void {
    for (const j of jobs) {
      const key = `${s.name}\u0000${j.id}`;
      if (!this.watched.has(key) || !FINAL_STATES.has(j.state)) continue;
      this.watched.delete(key);
      if (!notifyOnFinish()) continue;
      const text = `${s.name}: ${oneLine(j.name, 80)} ${oneLine(j.rawState, 30)}`;
      const show = j.state === 'failed' ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
      void show(text, 'Open').then((choice) => {
        if (choice === 'Open') void vscode.commands.executeCommand('jobdeck.openJob', { connection: s.name, jobId: j.id });
      });
    }
  }
}
