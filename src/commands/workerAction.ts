import * as vscode from 'vscode';
import { problemOf } from '../client/launch/rules';
import type { WorkerAction } from '../client/adapter';
import type { Job } from '../client/model';
import type { CommandContext } from './context';
import { parseResultsJson } from './inputs';
import { oneLine } from '../shared/format';
import { preConfirmed } from './args';
import { jobsFor } from './pick';
import { confirm, inform, reportError } from './feedback';
import { inert } from '../shared/inertText';

interface WorkerRef {
  action?: WorkerAction;
  results?: unknown[];
}

const ACTIONS: { value: WorkerAction; label: string; verb: string; description: string }[] = [
  {
    value: 'pickup',
    label: '$(inbox) Pick up',
    verb: 'pick up',
    description: 'as if a beacon took the job from the queue',
  },
  { value: 'start', label: '$(play) Start', verb: 'start', description: 'as if the beacon began running its tasks' },
  {
    value: 'end',
    label: '$(pass) End, with results',
    verb: 'end',
    description: 'as if the beacon finished: one result per task',
  },
];

/**
 * jobdeck.workerAction: beacon's worker calls (pickup, start, end with results) for
 * operators, behind a confirmation: they move a job through its lifecycle. `{connection,
 * jobId, action, results?, confirm?}` skips the questions.
 */
export function registerWorkerAction(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.workerAction',
    async (arg?: unknown, selection?: unknown): Promise<Job | undefined> => {
      const found = await jobsFor(s, 'worker', arg, selection, {
        canPickMany: false,
        placeHolder: 'Which job?',
        verb: 'moved on by a worker call',
      });
      const job = found?.jobs[0];
      if (!found || !job) return undefined;
      const worker = found.store.workerAction;
      if (!worker) return undefined;
      const ref = (typeof arg === 'object' && arg !== null ? arg : {}) as WorkerRef;
      let action = ref.action;
      if (!action || !ACTIONS.some((a) => a.value === action)) {
        const picked = await vscode.window.showQuickPick(ACTIONS, {
          title: inert(`${oneLine(job.name, 60)} — ${oneLine(job.rawState, 30)}`),
          placeHolder: 'Which worker call?',
        });
        if (!picked) return undefined;
        action = picked.value;
      }
      let results = action === 'end' ? ref.results : undefined;
      if (action === 'end' && results === undefined) {
        const total = job.progress?.total;
        const typed = await vscode.window.showInputBox({
          title: inert(`End ${oneLine(job.name, 60)}`),
          prompt: `Results as a JSON array, one per task in order${total ? ` (${total} tasks)` : ''}; empty for none`,
          value: total ? JSON.stringify(Array.from({ length: total }, () => ({ status: 'ok' }))) : '[]',
          ignoreFocusOut: true,
          validateInput: (v) => {
            const problem = problemOf(parseResultsJson)(v);
            return problem === undefined ? undefined : inert(problem);
          },
        });
        if (typed === undefined) return undefined;
        const r = parseResultsJson(typed);
        if (!r.ok) return undefined;
        results = r.value;
      }
      const verb = ACTIONS.find((a) => a.value === action)!.verb;
      const ok = await confirm(
        `${verb[0].toUpperCase()}${verb.slice(1)} ${oneLine(job.name, 80)} (id ${job.id}) on ${found.store.name}?`,
        verb[0].toUpperCase() + verb.slice(1),
        {
          preAnswered: preConfirmed(arg),
          detail: 'This is a worker call: it changes the job’s lifecycle as if a beacon had done it.',
        },
      );
      if (!ok) return undefined;
      const run = async (): Promise<Job | undefined> => {
        try {
          const updated = await worker(job.id, action!, results);
          inform(`${oneLine(updated.name, 80)} on ${found.store.name} is now ${oneLine(updated.rawState, 30)}.`);
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
