// jobdeck.bulkDelete, the user's half: which jobs (the multi-selection, the current filter,
// finished jobs older than N days, all), the confirmation, the progress and the report. The
// deleting itself, and what it does to the store, is store/bulkDelete.ts.
import * as vscode from 'vscode';
import { problemOf } from '../client/launch/rules';
import type { BulkDeleteOutcome } from '../client/adapter';
import type { BulkDeleteSelection, Job } from '../client/model';
import { log } from '../platform/log';
import { describeFilter, oneLine } from '../shared/format';
import { finishedBefore } from '../store/bulkDelete';
import type { ConnectionStore } from '../store/connectionStore';
import { refOfRow, rowOf } from '../store/refs';
import { isBulkDeleteRef, isJobsRef, preConfirmed, type DeleteChoice } from './args';
import type { CommandContext } from './context';
import { confirm, inform, plural, reportError } from './feedback';
import { parseDays } from './inputs';
import { jobsFor, resolveConnection } from './pick';
import { inert } from '../shared/inertText';
import { localCount } from '../platform/locale';

const DAY_MS = 86_400_000;

/**
 * jobdeck.bulkDelete: the multi-selection, the connection's current filter, finished jobs
 * older than N days, or all jobs. `{connection, selection, confirm?}` or
 * `{connection, jobIds, confirm?}` skip the questions. Answers the outcome.
 */
export function registerBulkDelete(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.bulkDelete',
    async (arg?: unknown, selection?: unknown): Promise<BulkDeleteOutcome | undefined> => {
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
        const refused = new Set(known.filter((j) => !store.can('delete', j)).map((j) => j.id));
        const ids = arg.jobIds.filter((id) => !refused.has(id));
        if (!ids.length) return undefined;
        return runDelete(s, store, { by: 'ids', ids }, { pre, jobs: known });
      }
      const row = refOfRow(arg);
      if (row?.jobId !== undefined && !row.target) {
        const found = await jobsFor(s, 'delete', arg, selection, {
          canPickMany: true,
          placeHolder: 'Delete which jobs?',
          verb: 'deleted',
        });
        return found ? deleteJobs(s, found.store, found.jobs, pre) : undefined;
      }
      const store = await resolveConnection(s, arg, (c) => deletable(c), 'Delete jobs of which connection?');
      if (!store) return undefined;
      if (!deletable(store)) {
        void vscode.window.showInformationMessage(
          inert(vscode.l10n.t('{0} ({1}) cannot delete jobs.', store.name, store.kind)),
        );
        return undefined;
      }
      const choice = await askChoice(s, store, row !== undefined && row.jobId === undefined);
      return choice ? deleteChoice(s, store, choice, false) : undefined;
    },
  );
}

function deletable(c: ConnectionStore): boolean {
  const caps = c.capabilities;
  return caps.delete || caps.bulkDelete;
}

async function askChoice(
  s: CommandContext,
  store: ConnectionStore,
  fromRow: boolean,
): Promise<DeleteChoice | undefined> {
  type Item = vscode.QuickPickItem & { value: 'selection' | 'pick' | 'filter' | 'olderThan' | 'all' };
  const selected = fromRow
    ? []
    : s
        .selection()
        .filter((r) => r.connection === store.name && r.job && !r.target)
        .map((r) => r.job as Job);
  const items: Item[] = [];
  if (selected.length)
    items.push({ label: `$(checklist) The ${plural(selected.length, 'selected job')}`, value: 'selection' });
  items.push({ label: '$(list-selection) Pick jobs…', description: 'from the loaded jobs', value: 'pick' });
  if (store.filter)
    items.push({
      label: '$(filter) Jobs matching the current filter',
      description: inert(describeFilter(store.filter)),
      value: 'filter',
    });
  items.push({
    label: '$(history) Finished jobs older than…',
    description: 'succeeded, failed or stopped',
    value: 'olderThan',
  });
  items.push({
    label: '$(trash) All jobs',
    description: store.total !== undefined && !store.filter ? `${localCount(store.total)} on the server` : undefined,
    value: 'all',
  });
  const mode = await vscode.window.showQuickPick(items, {
    title: inert(vscode.l10n.t('Delete jobs from {0}', store.name)),
    placeHolder: vscode.l10n.t('Which jobs?'),
    ignoreFocusOut: true,
  });
  if (!mode) return undefined;
  switch (mode.value) {
    case 'selection':
      return { by: 'ids', ids: selected.filter((j) => store.can('delete', j)).map((j) => j.id) };
    case 'pick': {
      const found = await jobsFor(s, 'delete', rowOf({ connection: store.name }), undefined, {
        canPickMany: true,
        placeHolder: 'Pick the jobs to delete',
        verb: 'deleted',
      });
      return found ? { by: 'ids', ids: found.jobs.map((j) => j.id) } : undefined;
    }
    case 'filter':
      return store.filter ? { by: 'filter', filter: store.filter } : undefined;
    case 'olderThan': {
      const typed = await vscode.window.showInputBox({
        title: inert(vscode.l10n.t('Delete finished jobs from {0}', store.name)),
        prompt: vscode.l10n.t('Delete succeeded, failed and stopped jobs that finished more than this many days ago'),
        value: '30',
        ignoreFocusOut: true,
        validateInput: (v) => {
          const problem = problemOf(parseDays)(v);
          return problem === undefined ? undefined : inert(problem);
        },
      });
      const days = typed === undefined ? undefined : parseDays(typed);
      return days?.ok ? { by: 'olderThan', days: days.value } : undefined;
    }
    case 'all':
      return { by: 'all' };
  }
}

async function deleteChoice(
  s: CommandContext,
  store: ConnectionStore,
  choice: DeleteChoice,
  pre: boolean,
): Promise<BulkDeleteOutcome | undefined> {
  if (choice.by === 'olderThan') {
    let jobs: Job[];
    try {
      jobs = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: inert(vscode.l10n.t('Finding finished jobs on {0}…', store.name)),
        },
        () => finishedBefore(store, Date.now() - choice.days * DAY_MS),
      );
    } catch (e) {
      reportError(e);
      return undefined;
    }
    if (!jobs.length) {
      inform(vscode.l10n.t('{0} has no finished job older than {1}.', store.name, plural(choice.days, 'day')));
      return { deleted: [], failed: [], requests: 0 };
    }
    return runDelete(
      s,
      store,
      { by: 'ids', ids: jobs.map((j) => j.id) },
      { pre, jobs, detail: `Finished jobs older than ${plural(choice.days, 'day')}. This cannot be undone.` },
    );
  }
  if (choice.by === 'ids') {
    const jobs = choice.ids.map((id) => store.job(id)).filter((j): j is Job => j !== undefined);
    return runDelete(s, store, choice, { pre, jobs });
  }
  return runDelete(s, store, choice, { pre });
}

/** Deletes the given jobs (from a multi-selection or a ref). */
export function deleteJobs(
  s: CommandContext,
  store: ConnectionStore,
  jobs: Job[],
  pre: boolean,
  detail?: string,
): Promise<BulkDeleteOutcome | undefined> {
  return runDelete(s, store, { by: 'ids', ids: jobs.map((j) => j.id) }, { pre, jobs, detail });
}

/**
 * Confirms (naming the count and the connection), deletes with a cancellable progress
 * notification, and reports: deleted, queued for deletion, and exactly which jobs failed and
 * why, with Retry Failed (those jobs only, so nothing is deleted twice).
 */
async function runDelete(
  s: CommandContext,
  store: ConnectionStore,
  asked: BulkDeleteSelection,
  o: { pre: boolean; jobs?: Job[]; detail?: string },
): Promise<BulkDeleteOutcome | undefined> {
  const selection = s.deleter.unclaimed(store, asked);
  if (!selection) return { deleted: [], failed: [], requests: 0 };
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
  const detail =
    o.detail ??
    (selection.by === 'all'
      ? 'Every job the server lets go of (running jobs may stay). This cannot be undone.'
      : 'This cannot be undone.');
  if (
    !(await confirm(vscode.l10n.t('Delete {0} from {1}?', what, store.name), vscode.l10n.t('Delete'), {
      detail,
      preAnswered: o.pre,
    }))
  )
    return undefined;

  let outcome: BulkDeleteOutcome;
  try {
    outcome = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: inert(vscode.l10n.t('Deleting {0} from {1}', what, store.name)),
        cancellable: true,
      },
      async (progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        let last = 0;
        try {
          return await s.deleter.run(store, selection, {
            jobs: o.jobs,
            signal: controller.signal,
            onProgress: (settled, total) => {
              progress.report({
                increment: ((settled - last) / Math.max(1, total)) * 100,
                message: `${localCount(settled)} of ${localCount(total)}`,
              });
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
  }
  report(s, store, selection, outcome, nameOf, o);
  return outcome;
}

function report(
  s: CommandContext,
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
  if (selection.by !== 'ids' && !outcome.deleted.length && !failed.length)
    parts.push(`Deleted the jobs ${selection.by === 'all' ? 'of' : 'matching the filter on'} ${store.name}`);
  else if (selection.by === 'ids' && selection.ids.length === 1 && !failed.length) {
    parts.push(
      queued
        ? `${nameOf(selection.ids[0])} is queued for deletion on ${store.name}: the server deletes it at its next run`
        : `Deleted ${nameOf(selection.ids[0])} from ${store.name}`,
    );
  } else {
    if (deleted || !queued) parts.push(`Deleted ${plural(deleted, 'job')} from ${store.name}`);
    if (queued)
      parts.push(
        `${plural(queued, 'job')} queued for deletion (the server deletes ${queued === 1 ? 'it' : 'them'} at the next run)`,
      );
  }
  log.info(
    `${store.name}: delete — ${deleted} deleted, ${queued} queued for deletion, ${failed.length} failed, ${outcome.requests} request(s)`,
  );
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
      [vscode.l10n.t('Retry Failed')]: () =>
        runDelete(s, store, { by: 'ids', ids: failed.map((f) => f.id) }, { pre: true, jobs: o.jobs }),
      [vscode.l10n.t('Show Log')]: () => log.show(),
    },
    'warning',
  );
}
