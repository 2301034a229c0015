import * as vscode from 'vscode';
import type { Services } from '../extension/services';
import { JobNode } from '../views/jobs/nodes';
import { oneLine } from '../shared/format';
import { isJobsRef } from './commandArgs';

/**
 * jobdeck.stopTailing: ends the tail of the given job(s); from the palette or the status bar,
 * the one running tail, or a pick of them. Answers how many tails were stopped.
 */
export function registerStopTailing(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.stopTailing', async (arg?: unknown, selection?: unknown): Promise<number> => {
    let targets: { connection: string; jobId: string }[];
    const rows = Array.isArray(selection) && selection.length ? selection : arg instanceof JobNode ? [arg] : [];
    const jobRows = rows.filter((r): r is JobNode => r instanceof JobNode);
    if (jobRows.length) targets = jobRows.map((r) => ({ connection: r.connection.store.name, jobId: r.job.id }));
    else if (isJobsRef(arg)) targets = arg.jobIds.map((jobId) => ({ connection: arg.connection, jobId }));
    else if (isRef(arg)) targets = [{ connection: arg.connection, jobId: arg.jobId }];
    else {
      const all = s.tails.all();
      if (!all.length) {
        void vscode.window.showInformationMessage('No job is being tailed.');
        return 0;
      }
      if (all.length === 1) targets = all;
      else {
        const picked = await vscode.window.showQuickPick(
          all.map((t) => ({ label: oneLine(t.jobName, 80), description: `${t.connection} · id ${t.jobId}`, detail: `${t.follower.delivered} event(s) so far`, picked: true, t })),
          { placeHolder: 'Stop following which jobs?', canPickMany: true, matchOnDescription: true },
        );
        if (!picked?.length) return 0;
        targets = picked.map((p) => p.t);
      }
    }
    const stopped = await Promise.all(targets.map((t) => s.tails.stop(t.connection, t.jobId)));
    return stopped.filter(Boolean).length;
  });
}

function isRef(v: unknown): v is { connection: string; jobId: string } {
  return typeof v === 'object' && v !== null && typeof (v as { connection?: unknown }).connection === 'string' && typeof (v as { jobId?: unknown }).jobId === 'string';
}
