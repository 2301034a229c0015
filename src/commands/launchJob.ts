import * as vscode from 'vscode';
import type { Job, LaunchSpec } from '../client/model';
import { log } from '../platform/log';
import { oneLine } from '../shared/format';
import type { ConnectionStore } from '../store/connectionStore';
import { isLaunchRef, preConfirmed } from './args';
import { describeSpec } from './describeSpec';
import { inert } from '../shared/inertText';
import type { CommandContext } from './context';
import { confirm, inform, reportError } from './feedback';
import { runLaunchWizard, saveDefaults } from './launch';
import { resolveConnection } from './pick';

/**
 * jobdeck.launchJob: the guided wizard of the connection's dialect, or, with
 * `{connection, spec}`, a direct launch, asked first (naming the connection and what is sent)
 * unless Jobdeck's own code marked the argument: a `command:` link carries a spec as easily as
 * a file does. Answers the new Job (undefined when cancelled or
 * failed; the failure is shown).
 */
export function registerLaunchJob(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.launchJob', async (arg?: unknown): Promise<Job | undefined> => {
    if (isLaunchRef(arg)) {
      const store = s.jobStore.get(arg.connection);
      if (!store) {
        void vscode.window.showWarningMessage(inert(`There is no connection named "${oneLine(arg.connection, 60)}".`));
        return undefined;
      }
      if (
        !preConfirmed(arg) &&
        !(await confirm(`Launch a ${arg.spec.kind} job on ${store.name}?`, 'Launch', {
          detail: `What is sent:\n${describeSpec(arg.spec)}`,
        }))
      )
        return undefined;
      return launch(s, store, arg.spec, { openPanel: arg.openPanel });
    }
    const store = await resolveConnection(s, arg, (c) => c.capabilities.launch, 'Launch a job on which connection?');
    if (!store) return undefined;
    if (!store.capabilities.launch) {
      void vscode.window.showInformationMessage(inert(`${store.name} (${store.kind}) cannot launch jobs.`));
      return undefined;
    }
    const spec = await runLaunchWizard(s.memento, store);
    if (!spec) return undefined;
    return launch(s, store, spec, { remember: true });
  });
}

/** Launches; the store takes the job in (the tree selects it) and, by setting, its panel opens. */
export async function launch(
  s: CommandContext,
  store: ConnectionStore,
  spec: LaunchSpec,
  o: { remember?: boolean; openPanel?: boolean } = {},
): Promise<Job | undefined> {
  if (!store.capabilities.launch) {
    void vscode.window.showInformationMessage(inert(`${store.name} (${store.kind}) cannot launch jobs.`));
    return undefined;
  }
  if (spec.kind !== store.kind) {
    void vscode.window.showErrorMessage(
      inert(`A ${spec.kind} job cannot be launched on ${store.name}, which is a ${store.kind} connection.`),
    );
    return undefined;
  }
  let job: Job;
  try {
    job = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: inert(`Launching on ${store.name}…`) },
      () => store.launch(spec),
    );
  } catch (e) {
    // Retry only by the user's hand: a launch that timed out may have happened.
    reportError(e, () => launch(s, store, spec, o));
    return undefined;
  }
  log.info(`${store.name}: launched job ${job.id} (${oneLine(job.name, 80)})`);
  if (o.remember) await saveDefaults(s.memento, store.name, spec);
  await store.addLaunched([job]);
  const openPanel = o.openPanel ?? vscode.workspace.getConfiguration('jobdeck').get<boolean>('openPanelOnLaunch', true);
  if (openPanel) s.openPanel(store.name, job.id);
  inform(`Launched ${oneLine(job.name, 80)} on ${store.name} (${oneLine(job.rawState, 30)}).`, {
    'Tail Events': () =>
      vscode.commands.executeCommand('jobdeck.tailEvents', { connection: store.name, jobId: job.id }),
  });
  return job;
}
