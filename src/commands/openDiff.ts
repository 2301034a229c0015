import * as vscode from 'vscode';
import { isDetail, type JobTarget } from '../client/model';
import { DIFF_SCHEME, diffUriParts, type DiffRef } from '../shared/diffUri';
import { findTarget } from '../shared/protocol';
import { refOfRow } from '../store/refs';
import { isDiffArg } from './args';
import type { CommandContext } from './context';

/**
 * jobdeck.openDiff: a step's diff in VS Code's own diff editor, before on the left and after
 * on the right, both rebuilt from the hunks as read-only `jobdeck-diff:` documents. Invoked
 * by the panel with `{connection, jobId, path}` (target ids down to the step) or by the tree
 * with a target row that has a diff.
 */
export function registerOpenDiff(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.openDiff', async (arg?: unknown) => {
    const ref = toRef(s, arg);
    if (!ref) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Jobdeck: pick a step with a diff (in a job panel or the Jobs tree).'),
      );
      return undefined;
    }
    const detail = await s.details.detail(ref.connection, ref.jobId);
    const target = detail ? findTarget(detail.targets, ref.path) : undefined;
    if (!target?.diff) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Jobdeck: this step has no diff.'));
      return undefined;
    }
    const label = ref.label ?? target.name;
    const before = diffUri({ ...ref, side: 'before' }, label);
    const after = diffUri({ ...ref, side: 'after' }, label);
    await vscode.commands.executeCommand('vscode.diff', before, after, `${label} (job ${ref.jobId})`, {
      preview: true,
    });
    return { before: before.toString(), after: after.toString() };
  });
}

interface Ref {
  connection: string;
  jobId: string;
  path: string[];
  label?: string;
}

function diffUri(ref: DiffRef, label: string): vscode.Uri {
  return vscode.Uri.from({ scheme: DIFF_SCHEME, ...diffUriParts(ref, label) });
}

function toRef(s: CommandContext, arg: unknown): Ref | undefined {
  const row = refOfRow(arg);
  if (row?.jobId !== undefined && row.target) {
    const detail = s.jobStore.get(row.connection)?.detail(row.jobId);
    const path = detail && isDetail(detail) ? pathOf(detail.targets, row.target) : undefined;
    return { connection: row.connection, jobId: row.jobId, path: path ?? [row.target.id], label: row.target.name };
  }
  if (isDiffArg(arg)) {
    const detail = s.jobStore.get(arg.connection)?.detail(arg.jobId);
    return {
      connection: arg.connection,
      jobId: arg.jobId,
      path: arg.path,
      label: detail ? namesOf(detail.targets, arg.path) : undefined,
    };
  }
  return undefined;
}

/** Ids from the top level down to `target` (the tree hands over the object itself). */
function pathOf(targets: readonly JobTarget[], target: JobTarget, path: string[] = []): string[] | undefined {
  for (const t of targets) {
    if (t === target || (t.id === target.id && t.name === target.name && t.diff === target.diff))
      return [...path, t.id];
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
