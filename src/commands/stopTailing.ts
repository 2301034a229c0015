import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { oneLine } from '../shared/format';
import { refOfRow } from '../store/refs';
import { isJobRef, isJobsRef } from './args';
import { inert } from '../shared/inertText';

/**
 * jobdeck.stopTailing: ends the tail of the given job(s); from the palette or the status bar,
 * the one running tail, or a pick of them. Answers how many tails were stopped.
 */
export function registerStopTailing(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.stopTailing',
    async (arg?: unknown, selection?: unknown): Promise<number> => {
      let targets: { connection: string; jobId: string }[];
      const rows = (Array.isArray(selection) && selection.length ? selection : [arg]).map(refOfRow);
      const jobRows = rows.filter((r) => r?.jobId !== undefined && !r.target) as {
        connection: string;
        jobId: string;
      }[];
      if (jobRows.length) targets = jobRows.map((r) => ({ connection: r.connection, jobId: r.jobId }));
      else if (isJobsRef(arg)) targets = arg.jobIds.map((jobId) => ({ connection: arg.connection, jobId }));
      else if (isJobRef(arg)) targets = [{ connection: arg.connection, jobId: arg.jobId }];
      else {
        const all = s.tails.all();
        if (!all.length) {
          void vscode.window.showInformationMessage('No job is being tailed.');
          return 0;
        }
        if (all.length === 1) targets = all;
        else {
          const picked = await vscode.window.showQuickPick(
            all.map((t) => ({
              label: inert(oneLine(t.jobName, 80)),
              description: inert(`${t.connection} · id ${t.jobId}`),
              detail: `${t.follower.delivered} event(s) so far`,
              picked: true,
              t,
            })),
            { placeHolder: 'Stop following which jobs?', canPickMany: true, matchOnDescription: true },
          );
          if (!picked?.length) return 0;
          targets = picked.map((p) => p.t);
        }
      }
      const stopped = await Promise.all(targets.map((t) => s.tails.stop(t.connection, t.jobId)));
      return stopped.filter(Boolean).length;
    },
  );
}
