import * as vscode from 'vscode';
import { refOfRow } from '../store/refs';
import { isJobRef } from './args';
import type { CommandContext } from './context';
import { resolveJobs, treeRowArg } from './pick';

/**
 * jobdeck.openJob: the job's detail panel (revealed if open). Invoked by the tree with a job
 * row (and a target name to scroll to) or a target row, with `{connection, jobId, target?}`
 * from notifications and other commands, or from the palette with a pick. A tree row opens in
 * the preview panel (the next click replaces it, as with files clicked once in the Explorer);
 * everything else opens a panel of its own.
 */
export function registerOpenJob(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.openJob', async (arg?: unknown, target?: unknown) => {
    const reveal = typeof target === 'string' && target ? target : undefined;
    arg = treeRowArg(s, arg);
    const row = refOfRow(arg);
    if (row?.jobId !== undefined) return open(s, row.connection, row.jobId, row.target?.name ?? reveal, true);
    if (isJobRef(arg))
      return open(s, arg.connection, arg.jobId, reveal ?? (typeof arg.target === 'string' ? arg.target : undefined));
    const picked = await resolveJobs(s, arg, undefined, { canPickMany: false, placeHolder: 'Open which job?' });
    const job = picked?.jobs[0];
    return picked && job ? open(s, picked.store.name, job.id, reveal) : undefined;
  });
}

function open(
  s: CommandContext,
  connection: string,
  jobId: string,
  reveal?: string,
  preview = false,
): { connection: string; jobId: string } {
  s.openPanel(connection, jobId, reveal, preview);
  return { connection, jobId };
}
