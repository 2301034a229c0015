import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { jobsFor } from './pick';
import { inert } from '../shared/inertText';

/** jobdeck.copyJobId: the job's id (one per line for a multi-selection) to the clipboard. */
export function registerCopyJobId(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.copyJobId',
    async (arg?: unknown, selection?: unknown): Promise<string | undefined> => {
      const found = await jobsFor(s, 'copyId', arg, selection, {
        canPickMany: false,
        placeHolder: 'Copy the id of which job?',
        verb: 'copied',
      });
      if (!found) return undefined;
      const text = found.jobs.map((j) => j.id).join('\n');
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(
        found.jobs.length === 1
          ? `$(copy) Copied job id ${inert(found.jobs[0].id)}`
          : `$(copy) Copied ${found.jobs.length} job ids`,
        3000,
      );
      return text;
    },
  );
}
