import * as vscode from 'vscode';
import type { Job } from '../client/model';
import type { CommandContext } from './context';
import { oneLine } from '../shared/format';
import { preConfirmed } from './args';
import { jobsFor } from './pick';
import { confirm, inform, reportError } from './feedback';
import { inert } from '../shared/inertText';

/**
 * jobdeck.setCurrentTask: beacon's Update Job `curtask`, "the task that is currently being
 * processed" (counted from 1), for a job under way. A worker's call, so it asks first.
 * `{connection, jobId, task, confirm?}` skips the questions.
 */
export function registerSetCurrentTask(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.setCurrentTask',
    async (arg?: unknown, selection?: unknown): Promise<Job | undefined> => {
      const found = await jobsFor(s, 'setTask', arg, selection, {
        canPickMany: false,
        placeHolder: 'Set the current task of which job?',
        verb: 'given a current task',
      });
      const job = found?.jobs[0];
      if (!found || !job) return undefined;
      const total = job.progress?.total;
      const given = typeof arg === 'object' && arg !== null ? (arg as { task?: unknown }).task : undefined;
      const valid = (n: number) => Number.isInteger(n) && n >= 0 && (total === undefined || n <= total);
      let task = typeof given === 'number' && valid(given) ? given : undefined;
      if (task === undefined) {
        const current =
          job.raw && typeof job.raw === 'object' ? Number((job.raw as Record<string, unknown>).cur_task) : NaN;
        const typed = await vscode.window.showInputBox({
          title: inert(`${oneLine(job.name, 60)} — set the current task`),
          prompt: `The task being processed, counted from 1${total ? ` (of ${total})` : ''}; 0 for none yet`,
          value: Number.isFinite(current) ? String(current) : '',
          ignoreFocusOut: true,
          validateInput: (v) =>
            /^\d+$/.test(v.trim()) && valid(Number(v))
              ? undefined
              : `A whole number from 0${total ? ` to ${total}` : ''}`,
        });
        if (typed === undefined) return undefined;
        task = Number(typed.trim());
      }
      const ok = await confirm(
        `Set the current task of ${oneLine(job.name, 80)} (id ${job.id}) on ${found.store.name} to ${task}?`,
        'Set',
        {
          preAnswered: preConfirmed(arg),
          detail: 'This is a worker call: it says which task the beacon is running.',
        },
      );
      if (!ok) return undefined;
      const run = async (): Promise<Job | undefined> => {
        try {
          const updated = await found.store.update(job.id, { curTask: task });
          found.store.upsert(updated);
          void found.store.loadDetail(job.id).catch(() => undefined);
          inform(
            `${oneLine(updated.name, 80)} on ${found.store.name}: task ${task}${total ? ` of ${total}` : ''} is the current one.`,
          );
          return updated;
        } catch (e) {
          reportError(e, run);
          return undefined;
        }
      };
      return run();
    },
  );
}
