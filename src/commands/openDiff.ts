import * as vscode from 'vscode';
import type { JobTarget } from '../client/model';
import type { Services } from '../extension/services';
import { JobNode, TargetNode } from '../views/jobs/nodes';
import { DiffDocuments } from '../views/diff/diffDocuments';
import { isDetail } from '../views/panel/panelData';

/**
 * jobdeck.openDiff: a step's diff in VS Code's own diff editor, before on the left and after
 * on the right, both rebuilt from the hunks as read-only `jobdeck-diff:` documents. Invoked
 * by the panel with `{connection, jobId, path}` (target ids down to the step) or by the tree
 * with a target row that has a diff.
 */
export function registerOpenDiff(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.openDiff', async (arg?: unknown) => {
    const ref = await toRef(s, arg);
    if (!ref) {
      void vscode.window.showInformationMessage('Jobdeck: pick a step with a diff (in a job panel or the Jobs tree).');
      return undefined;
    }
    const target = await s.diffs.target(ref);
    if (!target?.diff) {
      void vscode.window.showInformationMessage('Jobdeck: this step has no diff.');
      return undefined;
    }
    const label = ref.label ?? target.name;
    const before = DiffDocuments.uri({ ...ref, side: 'before' }, label);
    const after = DiffDocuments.uri({ ...ref, side: 'after' }, label);
    await vscode.commands.executeCommand('vscode.diff', before, after, `${label} (job ${ref.jobId})`, { preview: true });
    return { before: before.toString(), after: after.toString() };
  });
}

interface Ref {
  connection: string;
  jobId: string;
  path: string[];
  label?: string;
}

async function toRef(s: Services, arg: unknown): Promise<Ref | undefined> {
  if (arg instanceof TargetNode) {
    const job: JobNode = arg.jobNode;
    const connection = job.connection.store.name;
    const detail = job.connection.store.detail(job.job.id) ?? s.panels.get(connection, job.job.id)?.current;
    const path = detail && isDetail(detail) ? pathOf(detail.targets, arg.target) : undefined;
    return { connection, jobId: job.job.id, path: path ?? [arg.target.id], label: arg.target.name };
  }
  if (typeof arg === 'object' && arg !== null) {
    const o = arg as { connection?: unknown; jobId?: unknown; path?: unknown };
    if (typeof o.connection === 'string' && typeof o.jobId === 'string' && Array.isArray(o.path) && o.path.every((p) => typeof p === 'string')) {
      const store = s.jobStore.get(o.connection);
      const detail = store?.detail(o.jobId) ?? s.panels.get(o.connection, o.jobId)?.current;
      const names = detail && isDetail(detail) ? namesOf(detail.targets, o.path as string[]) : undefined;
      return { connection: o.connection, jobId: o.jobId, path: o.path as string[], label: names };
    }
  }
  return undefined;
}

/** Ids from the top level down to `target` (the tree hands over the object itself). */
function pathOf(targets: readonly JobTarget[], target: JobTarget, path: string[] = []): string[] | undefined {
  for (const t of targets) {
    if (t === target || (t.id === target.id && t.name === target.name && t.diff === target.diff)) return [...path, t.id];
    const inner = t.children && pathOf(t.children, target, [...path, t.id]);
    if (inner) return inner;
  }
  return undefined;
}

/** "device › step" for a path. */
function namesOf(targets: readonly JobTarget[], path: readonly string[]): string | undefined {
  const names: string[] = [];
  let level: readonly JobTarget[] | undefined = targets;
  for (const id of path) {
    const t: JobTarget | undefined = level?.find((x) => x.id === id);
    if (!t) return undefined;
    names.push(t.name);
    level = t.children;
  }
  return names.join(' › ');
}
