// Turns what a command was invoked with (a tree row, rows of a multi-selection, a
// `{connection, jobId}` from the panel or a notification, or nothing from the palette) into
// the connection and jobs to act on, asking with a searchable QuickPick when needed. And the
// capability check every job command makes: the store says which actions a job allows.
import * as vscode from 'vscode';
import type { JobAction } from '../client/actions';
import type { Job } from '../client/model';
import { oneLine, relativeTime } from '../shared/format';
import type { ConnectionStore } from '../store/connectionStore';
import { refOfRow, rowOf, type RowRef } from '../store/refs';
import { isFromTree, isJobRef, isJobsRef } from './args';
import type { CommandContext } from './context';
import { plural, reportError } from './feedback';
import { inert } from '../shared/inertText';
import { displayLocale } from '../platform/locale';

export interface Found {
  store: ConnectionStore;
  jobs: Job[];
}

/** A tree row's ref, or a `{connection, jobId}` taken as one. */
function refOf(v: unknown): RowRef | undefined {
  return refOfRow(v) ?? (isJobRef(v) ? { connection: v.connection, jobId: v.jobId } : undefined);
}

/** A keybinding's `{fromTree: true}` as the row it stands for: the tree's first selected row. */
export function treeRowArg(s: CommandContext, arg: unknown): unknown {
  if (!isFromTree(arg)) return arg;
  const first = s.selection()[0];
  return first ? rowOf(first) : undefined;
}

/** The connection an argument points at, or the one the user picks. */
export async function resolveConnection(
  s: CommandContext,
  arg: unknown,
  filter?: (c: ConnectionStore) => boolean,
  placeHolder = 'Pick a connection',
): Promise<ConnectionStore | undefined> {
  const named = typeof arg === 'string' ? arg : (refOfRow(arg) ?? (isJobRef(arg) ? arg : undefined))?.connection;
  if (named !== undefined) return s.jobStore.get(named);
  const candidates = s.jobStore.all().filter((c) => !filter || filter(c));
  if (!candidates.length) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('No connection can do that. Add one with "Jobdeck: Add Connection…".'),
    );
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((c) => ({ label: inert(c.name), description: c.kind, detail: inert(c.url), store: c })),
    { placeHolder: inert(placeHolder), matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.store;
}

/** A job of a ref: the loaded one, the row's own, a kept detail, or read from the server. */
async function jobOf(s: CommandContext, store: ConnectionStore, ref: { jobId: string; job?: Job }): Promise<Job> {
  return store.job(ref.jobId) ?? ref.job ?? store.detail(ref.jobId) ?? (await s.details.load(store.name, ref.jobId));
}

/** The jobs a command acts on: the multi-selection, the clicked row, a ref, or a pick. */
export async function resolveJobs(
  s: CommandContext,
  arg: unknown,
  selection: unknown,
  options: { canPickMany: boolean; filter?: (job: Job, c: ConnectionStore) => boolean; placeHolder: string },
): Promise<Found | undefined> {
  const rows = Array.isArray(selection) && selection.length ? selection : arg !== undefined ? [arg] : [];
  const refs = rows.map(refOf).filter((r): r is RowRef & { jobId: string } => r?.jobId !== undefined && !r.target);
  if (refs.length) {
    const store = s.jobStore.get(refs[0].connection);
    if (!store) return undefined;
    // A multi-selection across connections acts on the clicked row's connection only.
    const jobs: Job[] = [];
    for (const r of refs) if (r.connection === store.name) jobs.push(await jobOf(s, store, r));
    return { store, jobs };
  }
  const row = refOfRow(arg);
  const store = await resolveConnection(
    s,
    row && !row.jobId ? row.connection : undefined,
    (c) => c.status === 'ok' || c.status === 'idle',
    'Pick the connection',
  );
  return store ? pickJobs(store, options) : undefined;
}

/** The palette's pick among a connection's loaded jobs. */
export async function pickJobs(
  store: ConnectionStore,
  options: { canPickMany: boolean; filter?: (job: Job, c: ConnectionStore) => boolean; placeHolder: string },
): Promise<Found | undefined> {
  if (store.status !== 'ok') await store.refresh();
  const candidates = store.jobs.filter((j) => !options.filter || options.filter(j, store));
  if (!candidates.length) {
    void vscode.window.showInformationMessage(inert(vscode.l10n.t('No loaded job of {0} can do that.', store.name)));
    return undefined;
  }
  const items = candidates.map((j) => ({
    label: inert(oneLine(j.name, 100) || j.id),
    description: inert(
      `${oneLine(j.rawState, 30)} · ${relativeTime(j.startedAt ?? j.createdAt ?? j.nextRunAt, displayLocale())}`,
    ),
    detail: inert(`id ${j.id}${j.owner ? ` · ${oneLine(j.owner, 40)}` : ''}`),
    job: j,
  }));
  const placeHolder = inert(options.placeHolder);
  if (options.canPickMany) {
    const picked = await vscode.window.showQuickPick(items, {
      placeHolder,
      canPickMany: true,
      matchOnDescription: true,
      matchOnDetail: true,
    });
    return picked?.length ? { store, jobs: picked.map((p) => p.job) } : undefined;
  }
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked ? { store, jobs: [picked.job] } : undefined;
}

/**
 * The jobs an action is for, from whatever the command got; the palette offers only jobs the
 * action applies to. Jobs it does not apply to are left out, and the user is told.
 */
export async function jobsFor(
  s: CommandContext,
  action: JobAction | ((job: Job, store: ConnectionStore) => boolean),
  arg: unknown,
  selection: unknown,
  o: { canPickMany: boolean; placeHolder: string; verb: string },
): Promise<Found | undefined> {
  const applies = typeof action === 'function' ? action : (job: Job, store: ConnectionStore) => store.can(action, job);
  // A keybinding passes no row: its `args` say "the tree's selection" instead.
  if (isFromTree(arg)) {
    const rows = s.selection().filter((r) => r.jobId !== undefined && !r.target);
    if (!rows.length) return undefined;
    arg = rows[0];
    selection = rows;
  }
  let found: Found | undefined;
  // Jobs that are not loaded are read from the server first: a failure there is shown once,
  // like any failed action, not thrown out of the command.
  try {
    const named = typeof arg === 'object' && arg !== null ? (arg as { connection?: unknown }).connection : undefined;
    if (typeof named === 'string' && !s.jobStore.get(named)) {
      void vscode.window.showWarningMessage(
        inert(vscode.l10n.t('There is no connection named "{0}".', oneLine(named, 60))),
      );
      return undefined;
    }
    if (isJobsRef(arg)) {
      const store = s.jobStore.get(arg.connection) as ConnectionStore;
      const jobs: Job[] = [];
      for (const jobId of arg.jobIds) jobs.push(await jobOf(s, store, { jobId }));
      found = { store, jobs };
    } else {
      found = await resolveJobs(s, arg, selection, {
        canPickMany: o.canPickMany,
        placeHolder: o.placeHolder,
        filter: applies,
      });
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
    const which =
      unable.length === 1
        ? `${oneLine(unable[0].name, 60)} (${oneLine(unable[0].rawState, 30)})`
        : plural(unable.length, 'job');
    const text = able.length
      ? `${which} of the selection cannot be ${o.verb} on ${store.name} and ${unable.length === 1 ? 'is' : 'are'} left out.`
      : `${which} cannot be ${o.verb} on ${store.name}.`;
    void vscode.window.showInformationMessage(inert(text));
  }
  return able.length ? { store, jobs: able } : undefined;
}
