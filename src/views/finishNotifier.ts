// Tells the user when a job they opened or launched reaches a final state (setting
// jobdeck.notifyOnFinish), once per job, with an "Open" button.
import * as vscode from 'vscode';
import { FINAL_STATES, Job } from '../client/model';
import { notifyOnFinish } from '../platform/settings';
import { oneLine } from '../shared/format';
import { Disposable } from '../shared/lifecycle';
import type { ConnectionStore } from '../store/connectionStore';
import type { JobStore } from '../store/jobStore';
import { inert } from '../shared/inertText';

export class FinishNotifier extends Disposable {
  private readonly watched = new Set<string>();

  constructor(store: JobStore) {
    super();
    this.register(
      store.subscribe({
        jobs: (s, jobs) => this.check(s, jobs),
        detail: (s, job) => this.check(s, [job]),
        launched: (s, jobs) => jobs.forEach((j) => this.watch(s.name, j)),
      }),
    );
  }

  watch(connection: string, job: Job): void {
    if (!FINAL_STATES.has(job.state)) this.watched.add(`${connection}\u0000${job.id}`);
  }

  private check(s: ConnectionStore, jobs: Job[]): void {
    for (const j of jobs) {
      const key = `${s.name}\u0000${j.id}`;
      if (!this.watched.has(key) || !FINAL_STATES.has(j.state)) continue;
      this.watched.delete(key);
      if (!notifyOnFinish()) continue;
      const text = inert(`${s.name}: ${oneLine(j.name, 80)} ${oneLine(j.rawState, 30)}`);
      const show = j.state === 'failed' ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
      void show(text, 'Open').then((choice) => {
        if (choice === 'Open')
          void vscode.commands.executeCommand('jobdeck.openJob', { connection: s.name, jobId: j.id });
      });
    }
  }
}
