import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { jobsFor } from './pick';

/**
 * jobdeck.showReport: a job's report (Puppet's `/jobs/:id/report`: each node's state and the
 * events on it) as a read-only Markdown document beside the editor. Asked again, an open
 * report is read again.
 */
export function registerShowReport(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.showReport',
    async (arg?: unknown, selection?: unknown): Promise<vscode.Uri | undefined> => {
      const found = await jobsFor(s, 'report', arg, selection, {
        canPickMany: false,
        placeHolder: 'Show the report of which job?',
        verb: 'reported on',
      });
      const job = found?.jobs[0];
      if (!found || !job) return undefined;
      return s.openReport(found.store.name, job.id);
    },
  );
}
