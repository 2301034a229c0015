import * as vscode from 'vscode';
import type { Job, LaunchSpec } from '../client/model';
import type { ConnectionStore } from '../store/connectionStore';
import type { Services } from '../extension/services';
import { runLaunchWizard, saveDefaults } from './launch';
import { log } from '../platform/log';
import { oneLine } from '../shared/format';
import { resolveConnection } from './pick';
import { inform, reportError } from './feedback';

/** `{connection, spec}`: launch this spec without the wizard (job-spec files, relaunch). */
export interface LaunchRef {
  connection: string;
  spec: LaunchSpec;
  /** Open the detail panel afterwards (default: the jobdeck.openPanelOnLaunch setting). */
  openPanel?: boolean;
}

function isLaunchRef(v: unknown): v is LaunchRef {
  const r = v as LaunchRef;
  return typeof v === 'object' && v !== null && typeof r.connection === 'string' && typeof r.spec === 'object' && r.spec !== null && typeof r.spec.kind === 'string';
}

/**
 * jobdeck.launchJob: the guided wizard of the connection's dialect, or, with
 * `{connection, spec}`, a direct launch. Answers the new Job (undefined when cancelled or
 * failed; the failure is shown).
 */
export function registerLaunchJob(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.launchJob', async (arg?: unknown): Promise<Job | undefined> => {
    if (isLaunchRef(arg)) {
      const store = s.jobStore.get(arg.connection);
      if (!store) {
        void vscode.window.showWarningMessage(`There is no connection named "${oneLine(arg.connection, 60)}".`);
        return undefined;
      }
      return launch(s, store, arg.spec, { openPanel: arg.openPanel });
    }
    const store = await resolveConnection(s, arg, (c) => c.connection.adapter.capabilities.launch, 'Launch a job on which connection?');
    if (!store) return undefined;
    if (!store.connection.adapter.capabilities.launch) {
      void vscode.window.showInformationMessage(`${store.name} (${store.connection.config.kind}) cannot launch jobs.`);
      return undefined;
    }
    const spec = await runLaunchWizard(s.context.globalState, store.name, store.connection.adapter);
    if (!spec) return undefined;
    return launch(s, store, spec, { remember: true });
  });
}

/** Launches, then shows the job: selected in the tree and (by setting) in its panel. */
export async function launch(s: Services, store: ConnectionStore, spec: LaunchSpec, o: { remember?: boolean; openPanel?: boolean } = {}): Promise<Job | undefined> {
  const adapter = store.connection.adapter;
  if (!adapter.capabilities.launch) {
    void vscode.window.showInformationMessage(`${store.name} (${store.connection.config.kind}) cannot launch jobs.`);
    return undefined;
  }
  if (spec.kind !== adapter.kind) {
    void vscode.window.showErrorMessage(`A ${spec.kind} job cannot be launched on ${store.name}, which is a ${adapter.kind} connection.`);
    return undefined;
  }
  let job: Job;
  try {
    job = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Launching on ${store.name}…` }, () => adapter.launch(spec));
  } catch (e) {
    // Retry only by the user's hand: a launch that timed out may have happened.
    reportError(e, () => launch(s, store, spec, o));
    return undefined;
  }
  log.info(`${store.name}: launched job ${job.id} (${oneLine(job.name, 80)})`);
  if (o.remember) await saveDefaults(s.context.globalState, store.name, spec);
  s.finish.watch(store.name, job);
  await showInTree(s, store, [job]);
  const openPanel = o.openPanel ?? vscode.workspace.getConfiguration('jobdeck').get<boolean>('openPanelOnLaunch', true);
  if (openPanel) {
    await Promise.resolve(vscode.commands.executeCommand('jobdeck.openJob', { connection: store.name, jobId: job.id })).catch((e: unknown) => log.warn(`open panel: ${(e as Error).message}`));
  }
  inform(`Launched ${oneLine(job.name, 80)} on ${store.name} (${oneLine(job.rawState, 30)}).`, {
    'Tail Events': () => vscode.commands.executeCommand('jobdeck.tailEvents', { connection: store.name, jobId: job.id }),
  });
  return job;
}

/** More than this many new jobs: the list is read again instead of growing row by row. */
const MAX_UPSERTS = 50;

/** Puts jobs into the store and selects the first in the tree. */
export async function showInTree(s: Services, store: ConnectionStore, jobs: Job[]): Promise<void> {
  if (store.status !== 'ok' || jobs.length > MAX_UPSERTS) await store.refresh().catch(() => undefined);
  // A few jobs go in one by one (oldest first, so the newest ends up on top as after a
  // refresh); after a big bulk launch the refresh above has the new first page, and only
  // the job to select is put in if the server's order left it out.
  const put = jobs.length > MAX_UPSERTS ? jobs.slice(0, 1).filter((j) => !store.job(j.id)) : [...jobs].reverse();
  for (const job of put) store.upsert(job);
  const connectionNode = s.tree.connectionNode(store.name);
  if (!connectionNode) return;
  // The tree makes job rows when it renders the connection: make them now if it has not.
  if (!jobs.every((j) => s.tree.jobNode(store.name, j.id))) await s.tree.getChildren(connectionNode);
  // The newest is selected (a tree selection can only be set one row at a time).
  const node = jobs.length ? s.tree.jobNode(store.name, jobs[0].id) : undefined;
  try {
    if (node) await s.treeView.reveal(node, { select: true, focus: false, expand: false });
  } catch (e) {
    log.debug(`reveal: ${(e as Error).message}`);
  }
}
