// Tells the user when a job they opened or launched reaches a final state (setting
// jobdeck.notifyOnFinish), once per job, with an "Open" button.
import * as vscode from 'vscode';
import { FINAL_STATES, Job } from '../client/model';
import type { ConnectionStore } from './store/connectionStore';
import type { JobStore } from './store/jobStore';
import { notifyOnFinish } from './settings';
import { oneLine } from '../views/format';

export class FinishNotifier implements vscode.Disposable {
  private readonly watched = new Set<string>();
  private readonly listener: (s: ConnectionStore, jobs: Job[]) => void;

  constructor(private readonly store: JobStore) {
    this.listener = (s, jobs) => {
      for (const job of jobs) this.check(s, job);
    };
    store.on('jobs', this.listener);
    store.on('detail', this.listener as never);
  }

  watch(connection: string, job: Job): void {
    if (!FINAL_STATES.has(job.state)) this.watched.add(`${connection}\u0000${job.id}`);
  }

  dispose(): void {
    this.store.off('jobs', this.listener);
    this.store.off('detail', this.listener as never);
  }

  private check(s: ConnectionStore, job: Job | Job[]): void {
    for (const j of Array.isArray(job) ? job : [job]) {
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
