// What the job commands accept besides a tree row, the multi-selection or nothing: a
// `{connection, jobId}` or `{connection, jobIds}` reference (detail panel, notifications,
// tests) with optional pre-answers such as `confirm: true`. And the capability check every
// job command makes: jobActions decides which jobs an action applies to.
import * as vscode from 'vscode';
import { JobAction, jobActions } from '../client/actions';
import type { Job } from '../client/model';
import type { ConnectionStore } from '../store/connectionStore';
import type { Services } from '../extension/services';
import { resolveJobs } from './pick';
import { JobNode } from '../views/jobs/nodes';
import { plural, reportError } from './feedback';
import { oneLine } from '../shared/format';

export interface CommandOptions {
  /** Skip the confirmation: the caller has asked already (or a test answers for the user). */
  confirm?: boolean;
}

export interface JobsRef extends CommandOptions {
  connection: string;
  jobIds: string[];
}

export function isJobsRef(v: unknown): v is JobsRef {
  return typeof v === 'object' && v !== null && typeof (v as JobsRef).connection === 'string' && Array.isArray((v as JobsRef).jobIds);
}

/** `{fromTree: true}`: the keybindings' argument (package.json), meaning the tree's selection. */
function isFromTree(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as { fromTree?: unknown }).fromTree === true;
}

/** `confirm: true` on an argument object. */
export function preConfirmed(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && (arg as CommandOptions).confirm === true;
}

export function canDo(action: JobAction, job: Job, store: ConnectionStore): boolean {
  return jobActions(job, store.connection.adapter).includes(action);
}

/**
 * The jobs an action is for, from whatever the command got; the palette offers only jobs the
 * action applies to. Jobs it does not apply to are left out, and the user is told.
 */
export async function jobsFor(
  s: Services,
  action: JobAction | ((job: Job, store: ConnectionStore) => boolean),
  arg: unknown,
  selection: unknown,
  o: { canPickMany: boolean; placeHolder: string; verb: string },
): Promise<{ store: ConnectionStore; jobs: Job[] } | undefined> {
  const applies = typeof action === 'function' ? action : (job: Job, store: ConnectionStore) => canDo(action, job, store);
  // A keybinding passes no row: its `args` say "the tree's selection" instead.
  if (isFromTree(arg)) {
    const rows = s.treeView.selection.filter((n): n is JobNode => n instanceof JobNode);
    if (!rows.length) return undefined;
    arg = rows[0];
    selection = rows;
  }
  let found: { store: ConnectionStore; jobs: Job[] } | undefined;
  // Jobs that are not loaded are read from the server first: a failure there is shown once,
  // like any failed action, not thrown out of the command.
  try {
    if (isJobsRef(arg)) {
      const store = s.jobStore.get(arg.connection);
      if (!store) {
        void vscode.window.showWarningMessage(`There is no connection named "${oneLine(arg.connection, 60)}".`);
        return undefined;
      }
      const jobs: Job[] = [];
      for (const id of arg.jobIds) jobs.push(store.job(id) ?? store.detail(id) ?? (await store.loadDetail(id)));
      found = { store, jobs };
    } else {
      const named = typeof arg === 'object' && arg !== null ? (arg as { connection?: unknown }).connection : undefined;
      if (typeof named === 'string' && !s.jobStore.get(named)) {
        void vscode.window.showWarningMessage(`There is no connection named "${oneLine(named, 60)}".`);
        return undefined;
      }
      found = await resolveJobs(s, arg, selection, { canPickMany: o.canPickMany, placeHolder: o.placeHolder, filter: applies });
    }
  } catch (e) {
    reportError(e);
    return undefined;
  }
  if (!found) return undefined;
  const { store, jobs } = found;
  const able = jobs.filter((j) => applies(j, store));
  const unable = jobs.filter((j) => !applies(j, store));
  if (unable.length) {
    const which = unable.length === 1 ? `${oneLine(unable[0].name, 60)} (${oneLine(unable[0].rawState, 30)})` : plural(unable.length, 'job');
    const text = able.length
      ? `${which} of the selection cannot be ${o.verb} on ${store.name} and ${unable.length === 1 ? 'is' : 'are'} left out.`
      : `${which} cannot be ${o.verb} on ${store.name}.`;
    void vscode.window.showInformationMessage(text);
  }
  return able.length ? { store, jobs: able } : undefined;
}
