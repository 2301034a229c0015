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
import { resolveConnection, treeRowArg } from './pick';

/**
 * jobdeck.launchJob: the guided wizard of the connection's dialect, or, with
 * `{connection, spec}`, a direct launch, asked first (naming the connection and what is sent)
 * unless Jobdeck's own code marked the argument: a `command:` link carries a spec as easily as
 * a file does. Answers the new Job (undefined when cancelled or
 * failed; the failure is shown).
 */
export function registerLaunchJob(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.launchJob', async (arg?: unknown): Promise<Job | undefined> => {
    arg = treeRowArg(s, arg);
    if (isLaunchRef(arg)) {
      const store = s.jobStore.get(arg.connection);
      if (!store) {
        void vscode.window.showWarningMessage(
          inert(vscode.l10n.t('There is no connection named "{0}".', oneLine(arg.connection, 60))),
        );
        return undefined;
      }
      if (
        !preConfirmed(arg) &&
        !(await confirm(vscode.l10n.t('Launch a {0} job on {1}?', arg.spec.kind, store.name), vscode.l10n.t('Launch'), {
          detail: vscode.l10n.t('What is sent:\n{0}', describeSpec(arg.spec)),
        }))
      )
        return undefined;
      return launch(s, store, arg.spec, { openPanel: arg.openPanel });
    }
    const store = await resolveConnection(s, arg, (c) => c.capabilities.launch, 'Launch a job on which connection?');
    if (!store) return undefined;
    if (!store.capabilities.launch) {
      void vscode.window.showInformationMessage(
        inert(vscode.l10n.t('{0} ({1}) cannot launch jobs.', store.name, store.kind)),
      );
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
    void vscode.window.showInformationMessage(
      inert(vscode.l10n.t('{0} ({1}) cannot launch jobs.', store.name, store.kind)),
    );
    return undefined;
  }
  if (spec.kind !== store.kind) {
    void vscode.window.showErrorMessage(
      inert(
        vscode.l10n.t(
          'A {0} job cannot be launched on {1}, which is a {2} connection.',
          spec.kind,
          store.name,
          store.kind,
        ),
      ),
    );
    return undefined;
  }
  let job: Job;
  try {
    job = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: inert(vscode.l10n.t('Launching on {0}…', store.name)) },
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
  inform(vscode.l10n.t('Launched {0} on {1} ({2}).', oneLine(job.name, 80), store.name, oneLine(job.rawState, 30)), {
    [vscode.l10n.t('Tail Events')]: () =>
      vscode.commands.executeCommand('jobdeck.tailEvents', { connection: store.name, jobId: job.id }),
  });
  return job;
}
