// Turns what a command was invoked with (a tree row, rows of a multi-selection, a
// `{connection, jobId}` from the panel or a notification, or nothing from the palette) into
// the connection and jobs to act on, asking with a searchable QuickPick when needed.
import * as vscode from 'vscode';
import type { Job } from '../client/model';
import type { ConnectionStore } from '../store/connectionStore';
import type { Services } from '../extension/services';
import { ConnectionNode, JobNode, MessageNode, TargetNode } from '../views/jobs/nodes';
import { oneLine, relativeTime } from '../shared/format';

export interface JobRef {
  connection: string;
  jobId: string;
}

function isJobRef(v: unknown): v is JobRef {
  return typeof v === 'object' && v !== null && typeof (v as JobRef).connection === 'string' && typeof (v as JobRef).jobId === 'string';
}

/** The connection an argument points at, or the one the user picks. */
export async function resolveConnection(s: Services, arg: unknown, filter?: (c: ConnectionStore) => boolean, placeHolder = 'Pick a connection'): Promise<ConnectionStore | undefined> {
  if (arg instanceof ConnectionNode) return arg.store;
  if (arg instanceof JobNode) return arg.connection.store;
  if (arg instanceof TargetNode) return arg.jobNode.connection.store;
  if (arg instanceof MessageNode && arg.parent) return resolveConnection(s, arg.parent, filter, placeHolder);
  if (typeof arg === 'string') return s.jobStore.get(arg);
  if (isJobRef(arg)) return s.jobStore.get(arg.connection);
  const candidates = s.jobStore.all().filter((c) => !filter || filter(c));
  if (!candidates.length) {
    void vscode.window.showWarningMessage('No connection can do that. Add one with "Jobdeck: Add Connection…".');
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((c) => ({ label: c.name, description: c.connection.config.kind, detail: c.connection.config.url, store: c })),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.store;
}

/** The jobs a command acts on: the multi-selection, the clicked row, a ref, or a pick. */
export async function resolveJobs(
  s: Services,
  arg: unknown,
  selection: unknown,
  options: { canPickMany: boolean; filter?: (job: Job, c: ConnectionStore) => boolean; placeHolder: string },
): Promise<{ store: ConnectionStore; jobs: Job[] } | undefined> {
  const rows = Array.isArray(selection) && selection.length ? selection : arg !== undefined ? [arg] : [];
  const jobRows = rows.filter((r): r is JobNode => r instanceof JobNode);
  if (jobRows.length) {
    const store = jobRows[0].connection.store;
    // A multi-selection across connections acts on the clicked row's connection only.
    const jobs = jobRows.filter((r) => r.connection.store === store).map((r) => store.job(r.job.id) ?? r.job);
    return { store, jobs };
  }
  if (isJobRef(arg)) {
    const store = s.jobStore.get(arg.connection);
    if (!store) return undefined;
    const job = store.job(arg.jobId) ?? store.detail(arg.jobId) ?? (await store.loadDetail(arg.jobId));
    return { store, jobs: [job] };
  }
  const store = await resolveConnection(s, arg instanceof ConnectionNode ? arg : undefined, (c) => c.status === 'ok' || c.status === 'idle', 'Pick the connection');
  if (!store) return undefined;
  if (store.status !== 'ok') await store.refresh();
  const candidates = store.jobs.filter((j) => !options.filter || options.filter(j, store));
  if (!candidates.length) {
    void vscode.window.showInformationMessage(`No loaded job of ${store.name} can do that.`);
    return undefined;
  }
  const items = candidates.map((j) => ({
    label: oneLine(j.name, 100) || j.id,
    description: `${oneLine(j.rawState, 30)} · ${relativeTime(j.startedAt ?? j.createdAt ?? j.nextRunAt)}`,
    detail: `id ${j.id}${j.owner ? ` · ${oneLine(j.owner, 40)}` : ''}`,
    job: j,
  }));
  if (options.canPickMany) {
    const picked = await vscode.window.showQuickPick(items, { placeHolder: options.placeHolder, canPickMany: true, matchOnDescription: true, matchOnDetail: true });
    return picked?.length ? { store, jobs: picked.map((p) => p.job) } : undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder: options.placeHolder, matchOnDescription: true, matchOnDetail: true });
  return picked ? { store, jobs: [picked.job] } : undefined;
}
