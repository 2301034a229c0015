import * as vscode from 'vscode';
import type { Job } from '../../client/model';
import type { ConnectionStore } from '../store/connectionStore';
import type { Services } from '../services';
import { oneLine } from '../../views/format';
import { ConnectionNode, JobNode } from '../../views/jobs/nodes';
import { resolveConnection } from './pick';
import { canDo, isJobsRef, jobsFor } from './commandArgs';
import { inform, plural, reportError } from './feedback';

/** jobdeck.enableJob: stack jobs `enabled: true`, beacon `schedule_active=1`. */
export function registerEnableJob(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.enableJob', (arg?: unknown, selection?: unknown) => setEnabled(s, true, arg, selection));
}

/**
 * Enable or disable through the dialect's update. Jobs come from the tree, a ref, or the
 * palette; where the dialect keeps its schedules apart from its jobs (beacon's scheduled
 * list), the palette offers those.
 */
export async function setEnabled(s: Services, enabled: boolean, arg: unknown, selection: unknown): Promise<Job[] | undefined> {
  const action = enabled ? 'enable' : 'disable';
  const verb = enabled ? 'enabled' : 'disabled';
  // Stop already disables where a scheduled job can be stopped; disable stays a command there.
  const applies = (job: Job, store: ConnectionStore) =>
    canDo(action, job, store) || (!enabled && store.connection.adapter.capabilities.update && job.state === 'scheduled');
  let store: ConnectionStore | undefined;
  let targets: { id: string; name: string }[];
  const ref = refOf(arg);
  const fromTree = arg instanceof JobNode || (Array.isArray(selection) && selection.some((n) => n instanceof JobNode));
  const scheduledList = (c: ConnectionStore) => c.connection.adapter.listScheduled;
  const refStore = ref ? s.jobStore.get(ref.connection) : undefined;
  if (ref && refStore && scheduledList(refStore) !== undefined) {
    // A scheduled job (beacon) is not a row of the job list: take the id as given.
    store = refStore;
    targets = ref.jobIds.map((id) => ({ id, name: refStore.job(id)?.name ?? `job ${id}` }));
  } else if (fromTree || ref) {
    const found = await jobsFor(s, applies, ref ? { connection: ref.connection, jobIds: ref.jobIds } : arg, selection, { canPickMany: true, placeHolder: '', verb });
    if (!found) return undefined;
    store = found.store;
    targets = found.jobs.map((j) => ({ id: j.id, name: j.name }));
  } else {
    store = await resolveConnection(s, arg instanceof ConnectionNode ? arg : undefined, (c) => c.connection.adapter.capabilities.update, `${enabled ? 'Enable' : 'Disable'} a job of which connection?`);
    if (!store) return undefined;
    const list = scheduledList(store);
    if (list) {
      let scheduled: { id: string; name: string; active: boolean }[];
      try {
        scheduled = await list.call(store.connection.adapter);
      } catch (e) {
        reportError(e);
        return undefined;
      }
      const candidates = scheduled.filter((j) => j.active !== enabled);
      if (!candidates.length) {
        void vscode.window.showInformationMessage(`${store.name} has no scheduled job to ${action}.`);
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        candidates.map((j) => ({ label: oneLine(j.name, 80), description: `id ${j.id} · ${j.active ? 'active' : 'inactive'}`, j })),
        { placeHolder: `${enabled ? 'Enable' : 'Disable'} which scheduled jobs?`, canPickMany: true, matchOnDescription: true },
      );
      if (!picked?.length) return undefined;
      targets = picked.map((p) => p.j);
    } else {
      const found = await jobsFor(s, applies, s.tree.connectionNode(store.name), undefined, { canPickMany: true, placeHolder: `${enabled ? 'Enable' : 'Disable'} which jobs?`, verb });
      if (!found) return undefined;
      targets = found.jobs.map((j) => ({ id: j.id, name: j.name }));
    }
  }
  if (!store || !targets.length) return undefined;
  if (!store.connection.adapter.capabilities.update) {
    void vscode.window.showInformationMessage(`${store.name} (${store.connection.config.kind}) cannot ${action} jobs.`);
    return undefined;
  }
  return apply(store, targets, enabled);
}

async function apply(store: ConnectionStore, targets: { id: string; name: string }[], enabled: boolean): Promise<Job[]> {
  const adapter = store.connection.adapter;
  const done: Job[] = [];
  const failed: { t: { id: string; name: string }; e: unknown }[] = [];
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${enabled ? 'Enabling' : 'Disabling'} on ${store.name}…` }, async () => {
    for (const t of targets) {
      try {
        const job = await adapter.update(t.id, { enabled });
        done.push(job);
        if (store.job(job.id)) store.upsert(job);
      } catch (e) {
        failed.push({ t, e });
      }
    }
  });
  const retry = () => apply(store, failed.map((f) => f.t), enabled);
  if (failed.length === 1 && targets.length === 1) reportError(failed[0].e, retry);
  else if (failed.length) inform(`${enabled ? 'Enabled' : 'Disabled'} ${done.length} of ${plural(targets.length, 'job')} on ${store.name}; ${failed.length} failed — see the log.`, { 'Retry Failed': retry }, 'warning');
  else inform(targets.length === 1 ? `${oneLine(done[0]?.name ?? targets[0].name, 80)} on ${store.name} is now ${oneLine(done[0]?.rawState ?? (enabled ? 'enabled' : 'disabled'), 30)}.` : `${enabled ? 'Enabled' : 'Disabled'} ${plural(done.length, 'job')} on ${store.name}.`);
  return done;
}

/** `{connection, jobId}` or `{connection, jobIds}` as one shape. */
function refOf(v: unknown): { connection: string; jobIds: string[] } | undefined {
  if (isJobsRef(v)) return { connection: v.connection, jobIds: v.jobIds };
  const r = v as { connection?: unknown; jobId?: unknown };
  if (typeof v === 'object' && v !== null && typeof r.connection === 'string' && typeof r.jobId === 'string') return { connection: r.connection, jobIds: [r.jobId] };
  return undefined;
}
