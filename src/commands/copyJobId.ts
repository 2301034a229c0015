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
          ? vscode.l10n.t('$(copy) Copied job id {0}', inert(found.jobs[0].id))
          : vscode.l10n.t('$(copy) Copied {0} job ids', found.jobs.length),
        3000,
      );
      return text;
    },
  );
}
