import * as vscode from 'vscode';
import type { BulkDeleteOutcome } from '../client/adapter';
import type { CommandContext } from './context';
import { preConfirmed } from './args';
import { jobsFor } from './pick';
import { deleteJobs } from './bulkDelete';

/**
 * jobdeck.deleteJob: the clicked job, or every job of the multi-selection (one native bulk
 * request where the server has one), after a modal confirmation. `{connection, jobId,
 * confirm?}` from the panel or a test.
 */
export function registerDeleteJob(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.deleteJob',
    async (arg?: unknown, selection?: unknown): Promise<BulkDeleteOutcome | undefined> => {
      const found = await jobsFor(s, 'delete', arg, selection, {
        canPickMany: false,
        placeHolder: 'Delete which job?',
        verb: 'deleted',
      });
      if (!found) return undefined;
      return deleteJobs(s, found.store, found.jobs, preConfirmed(arg));
    },
  );
}
