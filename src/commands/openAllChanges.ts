import * as vscode from 'vscode';
import { inert } from '../shared/inertText';
import type { JobTarget } from '../client/model';
import { oneLine } from '../shared/format';
import type { CommandContext } from './context';
import { diffDocUri, openChanges, type ChangePair } from './changesEditor';
import { reportError } from './feedback';
import { jobsFor } from './pick';

/**
 * jobdeck.openAllChanges: every diff of a job (a CNaaS job's devices and steps) together in
 * VS Code's multi-file diff editor, each as before/after like Open in Diff Editor (falls back
 * to one diff editor each where VS Code has no multi-diff editor). Answers how they opened.
 */
export function registerOpenAllChanges(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.openAllChanges',
    async (arg?: unknown, selection?: unknown): Promise<{ pairs: number; opened: 'multi' | number } | undefined> => {
      const found = await jobsFor(s, 'allChanges', arg, selection, {
        canPickMany: false,
        placeHolder: 'Open the changes of which job?',
        verb: 'shown with its changes',
      });
      const job = found?.jobs[0];
      if (!found || !job) return undefined;
      let targets: JobTarget[];
      try {
        targets = (await s.details.load(found.store.name, job.id)).targets;
      } catch (e) {
        reportError(e);
        return undefined;
      }
      const pairs: ChangePair[] = [];
      const walk = (ts: readonly JobTarget[], ids: string[], names: string[]) => {
        for (const t of ts) {
          const path = [...ids, t.id];
          const label = [...names, t.name || t.id].join(' › ');
          if (t.diff) {
            const ref = { connection: found.store.name, jobId: job.id, path };
            pairs.push({
              label,
              left: diffDocUri({ ...ref, side: 'before' }, label),
              right: diffDocUri({ ...ref, side: 'after' }, label),
            });
          }
          if (t.children) walk(t.children, path, [...names, t.name || t.id]);
        }
      };
      walk(targets, [], []);
      if (!pairs.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Job {0} has no diffs.', inert(oneLine(job.id, 60))));
        return { pairs: 0, opened: 0 };
      }
      const opened = await openChanges(`Changes of job ${oneLine(job.id, 60)} (${found.store.name})`, pairs);
      return { pairs: pairs.length, opened };
    },
  );
}
