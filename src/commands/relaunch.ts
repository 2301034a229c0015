import * as vscode from 'vscode';
import type { Job } from '../client/model';
import type { CommandContext } from './context';
import { oneLine } from '../shared/format';
import { preConfirmed } from './args';
import { jobsFor } from './pick';
import { confirm } from './feedback';
import { launch } from './launchJob';
import { describeSpec } from './describeSpec';
import { inert } from '../shared/inertText';

/** jobdeck.relaunch: a new job with the original's parameters (adapter.relaunchSpec), confirmed. */
export function registerRelaunch(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.relaunch',
    async (arg?: unknown, selection?: unknown): Promise<Job | undefined> => {
      const found = await jobsFor(s, 'relaunch', arg, selection, {
        canPickMany: false,
        placeHolder: 'Relaunch which job?',
        verb: 'relaunched',
      });
      const job = found?.jobs[0];
      if (!found || !job) return undefined;
      const spec = found.store.relaunchSpec(job);
      if (!spec) {
        void vscode.window.showInformationMessage(
          inert(vscode.l10n.t('{0} cannot be launched again from {1}.', oneLine(job.name, 80), found.store.name)),
        );
        return undefined;
      }
      if (
        !(await confirm(
          vscode.l10n.t('Relaunch {0} (id {1}) on {2}?', oneLine(job.name, 80), job.id, found.store.name),
          vscode.l10n.t('Relaunch'),
          {
            preAnswered: preConfirmed(arg),
            detail: vscode.l10n.t('A new job with the same parameters:\n{0}', describeSpec(spec)),
          },
        ))
      ) {
        return undefined;
      }
      return launch(s, found.store, spec);
    },
  );
}
