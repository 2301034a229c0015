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

/**
 * jobdeck.deleteJobNow: a job queued for deletion at a next run that will not come (a stack
 * job queued, then disabled): the server deletes it at once. Asks first, like Delete Job.
 */
export function registerDeleteJobNow(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.deleteJobNow',
    async (arg?: unknown, selection?: unknown): Promise<BulkDeleteOutcome | undefined> => {
      const found = await jobsFor(s, 'deleteNow', arg, selection, {
        canPickMany: false,
        placeHolder: 'Delete which job queued for deletion now?',
        verb: 'deleted now',
      });
      if (!found) return undefined;
      return deleteJobs(
        s,
        found.store,
        found.jobs,
        preConfirmed(arg),
        vscode.l10n.t(
          'It is queued for deletion but not active, so it would not be deleted by a run. This cannot be undone.',
        ),
      );
    },
  );
}
