import * as vscode from 'vscode';
import type { BulkDeleteOutcome } from '../client/adapter';
import { isJobdeckError } from '../client/errors';
import { jobTime } from '../client/localQuery';
import { FINAL_STATES, BulkDeleteSelection, Job, JobFilter } from '../client/model';
import type { ConnectionStore } from '../store/connectionStore';
import type { Services } from '../extension/services';
import { parseDays } from './launch/fields';
import { log } from '../platform/log';
import { oneLine } from '../shared/format';
import { describeFilter } from '../views/jobs/filterText';
import { ConnectionNode, JobNode } from '../views/jobs/nodes';
import { resolveConnection } from './pick';
import { canDo, isJobsRef, jobsFor, preConfirmed } from './commandArgs';
import { confirm, inform, plural, reportError } from './feedback';

/** Fan-out width for dialects without a bulk endpoint. */
export const DELETE_CONCURRENCY = 8;
const DAY_MS = 86_400_000;
/** Pages read to find old finished jobs (each of the connection's page size). */
const MAX_SCAN_PAGES = 200;

/** What a bulk delete acts on, as callers (and tests) may pass it. */
export type DeleteChoice = BulkDeleteSelection | { by: 'olderThan'; days: number };

interface BulkDeleteRef {
  connection: string;
  selection: DeleteChoice;
  confirm?: boolean;
}

function isBulkDeleteRef(v: unknown): v is BulkDeleteRef {
  const r = v as BulkDeleteRef;
  return typeof v === 'object' && v !== null && typeof r.connection === 'string' && typeof r.selection === 'object' && r.selection !== null;
}

/**
 * jobdeck.bulkDelete: the multi-selection, the connection's current filter, finished jobs
 * older than N days, or all jobs. `{connection, selection, confirm?}` or
 * `{connection, jobIds, confirm?}` skip the questions. Answers the outcome.
 */
export function registerBulkDelete(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.bulkDelete', async (arg?: unknown, selection?: unknown): Promise<BulkDeleteOutcome | undefined> => {
    const pre = preConfirmed(arg);
    if (isBulkDeleteRef(arg)) {
      const store = s.jobStore.get(arg.connection);
      if (!store) return undefined;
      return deleteChoice(s, store, arg.selection, pre);
    }
    if (isJobsRef(arg)) {
      // Ids from a caller: the jobs need not be loaded (a thousand GETs for names is no bulk
      // delete); the loaded ones are checked like tree rows.
      const store = s.jobStore.get(arg.connection);
      if (!store || !deletable(store)) return undefined;
      const known = arg.jobIds.map((id) => store.job(id)).filter((j): j is Job => j !== undefined);
      const refused = new Set(known.filter((j) => !canDo('delete', j, store)).map((j) => j.id));
      const ids = arg.jobIds.filter((id) => !refused.has(id));
      if (!ids.length) return undefined;
      return runDelete(s, store, { by: 'ids', ids }, { pre, jobs: known });
    }
    if (arg instanceof JobNode) {
      const found = await jobsFor(s, 'delete', arg, selection, { canPickMany: true, placeHolder: 'Delete which jobs?', verb: 'deleted' });
      return found ? deleteJobs(s, found.store, found.jobs, pre) : undefined;
    }
    const store = await resolveConnection(s, arg, (c) => deletable(c), 'Delete jobs of which connection?');
    if (!store) return undefined;
    if (!deletable(store)) {
      void vscode.window.showInformationMessage(`${store.name} (${store.connection.config.kind}) cannot delete jobs.`);
      return undefined;
    }
    const choice = await askChoice(s, store, arg instanceof ConnectionNode);
    return choice ? deleteChoice(s, store, choice, false) : undefined;
  });
}

function deletable(c: ConnectionStore): boolean {
  const caps = c.connection.adapter.capabilities;
  return caps.delete || caps.bulkDelete;
}

async function askChoice(s: Services, store: ConnectionStore, fromRow: boolean): Promise<DeleteChoice | undefined> {
  type Item = vscode.QuickPickItem & { value: 'selection' | 'pick' | 'filter' | 'olderThan' | 'all' };
  const selected = fromRow ? [] : s.treeView.selection.filter((n): n is JobNode => n instanceof JobNode && n.connection.store === store);
  const items: Item[] = [];
  if (selected.length) items.push({ label: `$(checklist) The ${plural(selected.length, 'selected job')}`, value: 'selection' });
  items.push({ label: '$(list-selection) Pick jobs…', description: 'from the loaded jobs', value: 'pick' });
  if (store.filter) items.push({ label: '$(filter) Jobs matching the current filter', description: describeFilter(store.filter), value: 'filter' });
  items.push({ label: '$(history) Finished jobs older than…', description: 'succeeded, failed or stopped', value: 'olderThan' });
  items.push({ label: '$(trash) All jobs', description: store.total !== undefined && !store.filter ? `${store.total.toLocaleString('en-US')} on the server` : undefined, value: 'all' });
  const mode = await vscode.window.showQuickPick(items, { title: `Delete jobs from ${store.name}`, placeHolder: 'Which jobs?', ignoreFocusOut: true });
  if (!mode) return undefined;
  switch (mode.value) {
    case 'selection':
      return { by: 'ids', ids: selected.filter((n) => canDo('delete', n.job, store)).map((n) => n.job.id) };
    case 'pick': {
      const found = await jobsFor(s, 'delete', s.tree.connectionNode(store.name), undefined, { canPickMany: true, placeHolder: 'Pick the jobs to delete', verb: 'deleted' });
      return found ? { by: 'ids', ids: found.jobs.map((j) => j.id) } : undefined;
    }
    case 'filter':
      return store.filter ? { by: 'filter', filter: store.filter } : undefined;
    case 'olderThan': {
      const typed = await vscode.window.showInputBox({
        title: `Delete finished jobs from ${store.name}`,
        prompt: 'Delete succeeded, failed and stopped jobs that finished more than this many days ago',
        value: '30',
        ignoreFocusOut: true,
        validateInput: (v) => {
          const r = parseDays(v);
          return r.ok ? undefined : r.error;
        },
      });
      const days = typed === undefined ? undefined : parseDays(typed);
      return days?.ok ? { by: 'olderThan', days: days.value } : undefined;
    }
    case 'all':
      return { by: 'all' };
  }
}

async function deleteChoice(s: Services, store: ConnectionStore, choice: DeleteChoice, pre: boolean): Promise<BulkDeleteOutcome | undefined> {
  if (choice.by === 'olderThan') {
    let jobs: Job[];
    try {
      jobs = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Finding finished jobs on ${store.name}…` }, () => finishedBefore(store, Date.now() - choice.days * DAY_MS));
    } catch (e) {
      reportError(e);
      return undefined;
    }
    if (!jobs.length) {
      inform(`${store.name} has no finished job older than ${plural(choice.days, 'day')}.`);
      return { deleted: [], failed: [], requests: 0 };
    }
    return runDelete(s, store, { by: 'ids', ids: jobs.map((j) => j.id) }, { pre, jobs, detail: `Finished jobs older than ${plural(choice.days, 'day')}. This cannot be undone.` });
  }
  if (choice.by === 'ids') {
    const jobs = choice.ids.map((id) => store.job(id)).filter((j): j is Job => j !== undefined);
    return runDelete(s, store, choice, { pre, jobs });
  }
  return runDelete(s, store, choice, { pre });
}

/** Jobs in a final state whose end is before `cutoff`, read page by page from the server. */
export async function finishedBefore(store: ConnectionStore, cutoff: number): Promise<Job[]> {
  const adapter = store.connection.adapter;
  const filter: JobFilter = { states: [...FINAL_STATES] };
  const sorted = adapter.capabilities.serverSort;
  const out: Job[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_SCAN_PAGES; page++) {
    const p = await adapter.listJobs({ pageSize: 100, cursor, filter, sort: { field: 'time', direction: 'asc' } });
    for (const j of p.items) {
      const ended = j.finishedAt ?? jobTime(j);
      if (FINAL_STATES.has(j.state) && ended > 0 && ended < cutoff) out.push(j);
    }
    // Oldest first: once a job started after the cutoff, every later one did too.
    if (sorted && p.items.some((j) => jobTime(j) >= cutoff)) break;
    cursor = p.nextCursor;
    if (!cursor) break;
  }
  return out;
}

/** Deletes the given jobs (from a multi-selection or a ref). */
export function deleteJobs(s: Services, store: ConnectionStore, jobs: Job[], pre: boolean): Promise<BulkDeleteOutcome | undefined> {
  return runDelete(s, store, { by: 'ids', ids: jobs.map((j) => j.id) }, { pre, jobs });
}

/** Job ids with a delete request under way, per connection: a second click sends nothing. */
const inFlight = new Map<string, Set<string>>();

/**
 * Confirms (naming the count and the connection), deletes with a cancellable progress
 * notification, updates the store, and reports: deleted, queued for deletion, and exactly
 * which jobs failed and why, with Retry Failed (those jobs only, so nothing is deleted twice).
 */
export async function runDelete(
  s: Services,
  store: ConnectionStore,
  selection: BulkDeleteSelection,
  o: { pre: boolean; jobs?: Job[]; detail?: string },
): Promise<BulkDeleteOutcome | undefined> {
  const adapter = store.connection.adapter;
  const busy = inFlight.get(store.name) ?? new Set<string>();
  inFlight.set(store.name, busy);
  if (selection.by === 'ids') {
    const ids = [...new Set(selection.ids)].filter((id) => !busy.has(id));
    if (!ids.length) return { deleted: [], failed: [], requests: 0 };
    selection = { by: 'ids', ids };
  }
  const byId = new Map((o.jobs ?? []).map((j) => [j.id, j]));
  const nameOf = (id: string) => {
    const j = byId.get(id) ?? store.job(id);
    return j ? `${oneLine(j.name, 60)} (id ${id})` : `job ${id}`;
  };
  const count = selection.by === 'ids' ? selection.ids.length : undefined;
  const what =
    selection.by === 'ids'
      ? count === 1
        ? `${nameOf(selection.ids[0])}`
        : plural(count ?? 0, 'job')
      : selection.by === 'filter'
        ? `all jobs matching ${describeFilter(selection.filter)}${store.total !== undefined && store.filter === selection.filter ? ` (${plural(store.total, 'job')})` : ''}`
        : 'all jobs';
  const detail = o.detail ?? (selection.by === 'all' ? 'Every job the server lets go of (running jobs may stay). This cannot be undone.' : 'This cannot be undone.');
  if (!(await confirm(`Delete ${what} from ${store.name}?`, 'Delete', { detail, preAnswered: o.pre }))) return undefined;

  const ids = selection.by === 'ids' ? selection.ids : [];
  for (const id of ids) busy.add(id);
  let outcome: BulkDeleteOutcome;
  try {
    outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Deleting ${what} from ${store.name}`, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          if (ids.length === 1) {
            // One job: the plain single delete (DELETE /jobs/<id>/ and the like).
            try {
              const r = await adapter.deleteJob(ids[0], controller.signal);
              return { deleted: [r], failed: [], requests: 1 };
            } catch (e) {
              if (isJobdeckError(e) && e.code !== 'cancelled' && e.code !== 'unsupported') return { deleted: [], failed: [{ id: ids[0], message: e.shortMessage }], requests: 1 };
              throw e;
            }
          }
          let last = 0;
          return await adapter.bulkDelete(selection, {
            concurrency: DELETE_CONCURRENCY,
            signal: controller.signal,
            onProgress: (settled, total) => {
              progress.report({ increment: ((settled - last) / Math.max(1, total)) * 100, message: `${settled.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}` });
              last = settled;
            },
          });
        } finally {
          sub.dispose();
        }
      },
    );
  } catch (e) {
    // Nothing is known to be deleted: say so, and let the user retry the whole request.
    reportError(e, () => runDelete(s, store, selection, { ...o, pre: true }));
    return undefined;
  } finally {
    for (const id of ids) busy.delete(id);
  }
  apply(store, outcome, selection, byId);
  report(s, store, selection, outcome, nameOf, o);
  return outcome;
}

/** The store after a delete: deleted jobs go, queued ones stay as "deleting". */
function apply(store: ConnectionStore, outcome: BulkDeleteOutcome, selection: BulkDeleteSelection, byId: Map<string, Job>): void {
  const gone = outcome.deleted.filter((d) => d.outcome === 'deleted').map((d) => d.id);
  store.remove(gone);
  for (const d of outcome.deleted) {
    if (d.outcome !== 'queued') continue;
    const job = store.job(d.id) ?? byId.get(d.id);
    if (job) store.upsert({ ...job, state: 'deleting', rawState: 'queued for deletion' });
  }
  // A native delete by filter or "all" does not say which jobs went: ask the server.
  if (selection.by !== 'ids') void store.refresh().catch(() => undefined);
}

function report(
  s: Services,
  store: ConnectionStore,
  selection: BulkDeleteSelection,
  outcome: BulkDeleteOutcome,
  nameOf: (id: string) => string,
  o: { jobs?: Job[] },
): void {
  const deleted = outcome.deleted.filter((d) => d.outcome === 'deleted').length;
  const queued = outcome.deleted.filter((d) => d.outcome === 'queued').length;
  const failed = outcome.failed;
  const parts: string[] = [];
  if (selection.by !== 'ids' && !outcome.deleted.length && !failed.length) parts.push(`Deleted the jobs ${selection.by === 'all' ? 'of' : 'matching the filter on'} ${store.name}`);
  else if (selection.by === 'ids' && selection.ids.length === 1 && !failed.length) {
    parts.push(queued ? `${nameOf(selection.ids[0])} is queued for deletion on ${store.name}: the server deletes it at its next run` : `Deleted ${nameOf(selection.ids[0])} from ${store.name}`);
  } else {
    if (deleted || !queued) parts.push(`Deleted ${plural(deleted, 'job')} from ${store.name}`);
    if (queued) parts.push(`${plural(queued, 'job')} queued for deletion (the server deletes ${queued === 1 ? 'it' : 'them'} at the next run)`);
  }
  log.info(`${store.name}: delete — ${deleted} deleted, ${queued} queued for deletion, ${failed.length} failed, ${outcome.requests} request(s)`);
  if (!failed.length) {
    inform(`${parts.join('; ')}.`);
    return;
  }
  for (const f of failed) log.warn(`${store.name}: could not delete ${nameOf(f.id)}: ${f.message}`);
  const shown = failed
    .slice(0, 3)
    .map((f) => `${nameOf(f.id)}: ${oneLine(f.message, 120)}`)
    .join('; ');
  const more = failed.length > 3 ? `; and ${failed.length - 3} more (see the log)` : '';
  const text =
    deleted || queued
      ? `${parts.join('; ')}. ${plural(failed.length, 'job')} could not be deleted — ${shown}${more}.`
      : `Could not delete ${failed.length === 1 ? '' : `${plural(failed.length, 'job')} from ${store.name} — `}${shown}${more}.`;
  inform(
    text,
    {
      'Retry Failed': () => runDelete(s, store, { by: 'ids', ids: failed.map((f) => f.id) }, { pre: true, jobs: o.jobs }),
      'Show Log': () => log.show(),
    },
    'warning',
  );
}
