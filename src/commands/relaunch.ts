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
          inert(`${oneLine(job.name, 80)} cannot be launched again from ${found.store.name}.`),
        );
        return undefined;
      }
      if (
        !(await confirm(`Relaunch ${oneLine(job.name, 80)} (id ${job.id}) on ${found.store.name}?`, 'Relaunch', {
          preAnswered: preConfirmed(arg),
          detail: `A new job with the same parameters:\n${describeSpec(spec)}`,
        }))
      ) {
        return undefined;
      }
      return launch(s, found.store, spec);
    },
  );
}
