import * as vscode from 'vscode';
import type { Services } from '../extension/services';
import { JobNode, TargetNode } from '../views/jobs/nodes';
import { resolveJobs } from './pick';

/**
 * jobdeck.openJob: the job's detail panel (revealed if open). Invoked by the tree with a
 * JobNode (and a target name to scroll to), with `{connection, jobId, target?}` from
 * notifications and other commands, or from the palette with a pick.
 */
export function registerOpenJob(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.openJob', async (arg?: unknown, target?: unknown) => {
    const reveal = typeof target === 'string' && target ? target : undefined;
    if (arg instanceof TargetNode) return open(s, arg.jobNode.connection.store.name, arg.jobNode.job.id, arg.target.name);
    if (arg instanceof JobNode) return open(s, arg.connection.store.name, arg.job.id, reveal);
    if (isRef(arg)) return open(s, arg.connection, arg.jobId, reveal ?? (typeof arg.target === 'string' ? arg.target : undefined));
    const picked = await resolveJobs(s, arg, undefined, { canPickMany: false, placeHolder: 'Open which job?' });
    const job = picked?.jobs[0];
    return picked && job ? open(s, picked.store.name, job.id, reveal) : undefined;
  });
}

function open(s: Services, connection: string, jobId: string, reveal?: string): { connection: string; jobId: string } {
  s.panels.open(connection, jobId, reveal);
  return { connection, jobId };
}

function isRef(v: unknown): v is { connection: string; jobId: string; target?: unknown } {
  return typeof v === 'object' && v !== null && typeof (v as { connection?: unknown }).connection === 'string' && typeof (v as { jobId?: unknown }).jobId === 'string';
}
