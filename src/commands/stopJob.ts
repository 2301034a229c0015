import * as vscode from 'vscode';
import { isJobdeckError } from '../client/errors';
import type { Job } from '../client/model';
import { mapBounded } from '../client/semaphore';
import type { ConnectionStore } from '../store/connectionStore';
import type { CommandContext } from './context';
import { oneLine } from '../shared/format';
import { preConfirmed } from './args';
import { jobsFor } from './pick';
import { confirm, inform, plural, reportError } from './feedback';

interface StopOutcome {
  stopped: string[];
  failed: { id: string; message: string }[];
}

/**
 * jobdeck.stopJob: where the API can (Puppet's stop command, CDRouter's result stop, stack
 * jobs' disable), after a confirmation. The row shows "stopping" at once, then the job is read
 * again so the tree shows what the server says.
 */
export function registerStopJob(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.stopJob',
    async (arg?: unknown, selection?: unknown): Promise<StopOutcome | undefined> => {
      const found = await jobsFor(s, 'stop', arg, selection, {
        canPickMany: false,
        placeHolder: 'Stop which job?',
        verb: 'stopped',
      });
      if (!found) return undefined;
      const { store, jobs } = found;
      const what = jobs.length === 1 ? `${oneLine(jobs[0].name, 80)} (id ${jobs[0].id})` : plural(jobs.length, 'job');
      if (
        !(await confirm(`Stop ${what} on ${store.name}?`, 'Stop', {
          preAnswered: preConfirmed(arg),
          detail: 'Work already done is not undone; a job that is about to finish may finish anyway.',
        }))
      ) {
        return undefined;
      }
      return stop(s, store, jobs);
    },
  );
}

async function stop(s: CommandContext, store: ConnectionStore, jobs: Job[]): Promise<StopOutcome> {
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Stopping on ${store.name}…` },
    () => mapBounded(jobs, 8, (job) => store.stop(job)),
  );
  const outcome: StopOutcome = { stopped: [], failed: [] };
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') outcome.stopped.push(jobs[i].id);
    else
      outcome.failed.push({
        id: jobs[i].id,
        message: isJobdeckError(r.reason) ? r.reason.shortMessage : String(r.reason),
      });
  });
  s.poller.wake(store.name, true);
  const now = (id: string) => {
    const j = store.job(id) ?? store.detail(id);
    return j ? oneLine(j.rawState, 30) : 'stopping';
  };
  if (!outcome.failed.length) {
    const one = jobs.length === 1 ? jobs[0] : undefined;
    inform(
      one
        ? `Asked ${store.name} to stop ${oneLine(one.name, 80)}; it is now ${now(one.id)}.`
        : `Asked ${store.name} to stop ${plural(jobs.length, 'job')}.`,
    );
    return outcome;
  }
  const failedJobs = jobs.filter((j) => outcome.failed.some((f) => f.id === j.id));
  if (jobs.length === 1) {
    const reason = results[0].status === 'rejected' ? results[0].reason : outcome.failed[0].message;
    reportError(reason, () => stop(s, store, failedJobs));
  } else {
    const list = outcome.failed
      .map((f) => `${oneLine(jobs.find((j) => j.id === f.id)?.name ?? f.id, 40)}: ${oneLine(f.message, 100)}`)
      .join('; ');
    inform(
      `Stopped ${outcome.stopped.length} of ${plural(jobs.length, 'job')} on ${store.name}; ${outcome.failed.length} failed — ${list}.`,
      { 'Retry Failed': () => stop(s, store, failedJobs) },
      'warning',
    );
  }
  return outcome;
}
