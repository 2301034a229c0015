import * as vscode from 'vscode';
import type { Job } from '../client/model';
import type { ConnectionStore } from '../store/connectionStore';
import type { CommandContext } from './context';
import { oneLine } from '../shared/format';
import { refOfRow } from '../store/refs';
import { preConfirmed } from './args';
import { jobsFor, pickJobs, resolveConnection, type Found } from './pick';
import { confirm, inform, plural, reportError } from './feedback';
import { inert } from '../shared/inertText';

/**
 * jobdeck.enableJob: stack jobs `enabled: true`, beacon `schedule_active=1`. Like every write,
 * after a confirmation (an enabled schedule starts running jobs; a disabled one stops).
 */
export function registerEnableJob(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.enableJob', (arg?: unknown, selection?: unknown) =>
    setEnabled(s, true, arg, selection),
  );
}

/**
 * Whether enable/disable applies. jobActions decides for jobs whose state says it (stack jobs:
 * disabled → enable, scheduled → disable, which its menu shows as Stop). Where schedules live
 * apart from jobs (beacon's scheduled list; a job's payload does not say whether it has a
 * schedule), any job of a connection with update may be asked: the server changes only a
 * scheduled one.
 */
function applies(enabled: boolean) {
  return (job: Job, store: ConnectionStore): boolean => {
    if (!store.capabilities.update) return false;
    if (store.can(enabled ? 'enable' : 'disable', job)) return true;
    if (!enabled && job.state === 'scheduled') return true;
    return store.listScheduled !== undefined;
  };
}

/** Enable or disable through the dialect's update, for the tree selection, a ref or a pick. */
export async function setEnabled(
  s: CommandContext,
  enabled: boolean,
  arg: unknown,
  selection: unknown,
): Promise<Job[] | undefined> {
  const verb = enabled ? 'enabled' : 'disabled';
  const Verb = enabled ? 'Enable' : 'Disable';
  let found: Found | undefined;
  const row = refOfRow(arg);
  if (arg === undefined || (row && row.jobId === undefined)) {
    const store = await resolveConnection(s, arg, (c) => c.capabilities.update, `${Verb} a job of which connection?`);
    if (!store) return undefined;
    found = await pickFrom(store, enabled);
  } else {
    found = await jobsFor(s, applies(enabled), arg, selection, {
      canPickMany: true,
      placeHolder: `${Verb} which jobs?`,
      verb,
    });
  }
  if (!found) return undefined;
  const what =
    found.jobs.length === 1
      ? `${oneLine(found.jobs[0].name, 80)} (id ${found.jobs[0].id})`
      : plural(found.jobs.length, 'job');
  const detail = enabled
    ? 'Its schedule runs jobs again from its next run on.'
    : 'Its schedule runs no job until it is enabled again.';
  if (!(await confirm(`${Verb} ${what} on ${found.store.name}?`, Verb, { preAnswered: preConfirmed(arg), detail })))
    return undefined;
  return apply(found.store, found.jobs, enabled);
}

/** The palette's pick; for a connection with a separate scheduled list, its jobs come first. */
async function pickFrom(store: ConnectionStore, enabled: boolean): Promise<Found | undefined> {
  try {
    if (!store.listScheduled)
      return await pickJobs(store, {
        canPickMany: true,
        placeHolder: `${enabled ? 'Enable' : 'Disable'} which jobs?`,
        filter: applies(enabled),
      });
  } catch (e) {
    reportError(e);
    return undefined;
  }
  let scheduled: { id: string; name: string; active: boolean }[];
  try {
    if (store.status !== 'ok') await store.refresh();
    scheduled = await store.listScheduled();
  } catch (e) {
    reportError(e);
    return undefined;
  }
  const wanted = new Set(scheduled.filter((j) => j.active !== enabled).map((j) => j.name));
  const items = store.jobs.map((job) => ({
    label: inert(oneLine(job.name, 80)),
    description: inert(
      `id ${job.id} · ${oneLine(job.rawState, 30)}${wanted.has(job.name) ? ` · schedule ${enabled ? 'inactive' : 'active'}` : ''}`,
    ),
    job,
    rank: wanted.has(job.name) ? 0 : 1,
  }));
  items.sort((a, b) => a.rank - b.rank);
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: inert(
      `${enabled ? 'Enable' : 'Disable'} the schedule of which jobs? (scheduled: ${scheduled.map((j) => `${oneLine(j.name, 60)} ${j.active ? 'active' : 'inactive'}`).join(', ') || 'none'})`,
    ),
    canPickMany: true,
    matchOnDescription: true,
  });
  return picked?.length ? { store, jobs: picked.map((p) => p.job) } : undefined;
}

async function apply(store: ConnectionStore, jobs: Job[], enabled: boolean): Promise<Job[]> {
  const done: Job[] = [];
  const failed: { job: Job; e: unknown }[] = [];
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: inert(`${enabled ? 'Enabling' : 'Disabling'} on ${store.name}…`),
    },
    async () => {
      for (const job of jobs) {
        try {
          done.push(await store.update(job.id, { enabled }));
        } catch (e) {
          failed.push({ job, e });
        }
      }
    },
  );
  const retry = () =>
    apply(
      store,
      failed.map((f) => f.job),
      enabled,
    );
  if (failed.length && jobs.length === 1) reportError(failed[0].e, retry);
  else if (failed.length)
    inform(
      `${enabled ? 'Enabled' : 'Disabled'} ${done.length} of ${plural(jobs.length, 'job')} on ${store.name}; ${failed.length} failed — see the log.`,
      { 'Retry Failed': retry },
      'warning',
    );
  else if (jobs.length === 1)
    inform(
      `${oneLine(done[0].name, 80)} on ${store.name}: ${enabled ? 'enabled' : 'disabled'} (${oneLine(done[0].rawState, 30)}).`,
    );
  else inform(`${enabled ? 'Enabled' : 'Disabled'} ${plural(done.length, 'job')} on ${store.name}.`);
  return done;
}
