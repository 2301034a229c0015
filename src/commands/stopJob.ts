import * as vscode from 'vscode';
import { isJobdeckError } from '../client/errors';
import type { Job, StopOptions, StopWhen } from '../client/model';
import { mapBounded } from '../client/semaphore';
import type { ConnectionStore } from '../store/connectionStore';
import type { CommandContext } from './context';
import { oneLine } from '../shared/format';
import { preConfirmed } from './args';
import { jobsFor } from './pick';
import { confirm, inform, plural, reportError } from './feedback';
import { inert } from '../shared/inertText';

interface StopOutcome {
  stopped: string[];
  failed: { id: string; message: string }[];
}

const WHEN: { value: StopWhen; label: string; description: string; phrase: string }[] = [
  { value: 'now', label: '$(debug-stop) Stop now', description: 'the test under way is cut short', phrase: 'now' },
  {
    value: 'end-of-test',
    label: '$(debug-step-over) Stop at the end of the current test',
    description: 'when=end-of-test',
    phrase: 'at the end of its current test',
  },
  {
    value: 'end-of-loop',
    label: '$(debug-step-out) Stop at the end of the current loop',
    description: 'when=end-of-loop',
    phrase: 'at the end of its current loop',
  },
];

/** What a caller may pre-answer besides `confirm`: `reason` (CNaaS), `when` (CDRouter). */
interface StopRef {
  reason?: unknown;
  when?: unknown;
}

/**
 * jobdeck.stopJob: where the API can (Puppet's stop command, CDRouter's result stop, CNaaS's
 * abort, stack jobs' disable), after a confirmation. A server whose stop takes more asks for it
 * first: CNaaS keeps an abort reason, CDRouter can stop at the end of the current test or
 * loop. The row shows "stopping" at once, then the job is read again so the tree shows what
 * the server says.
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
      const options = await askOptions(
        store,
        what,
        (typeof arg === 'object' && arg !== null ? arg : {}) as StopRef,
        preConfirmed(arg),
      );
      if (!options) return undefined;
      const when = WHEN.find((w) => w.value === options.when && w.value !== 'now');
      const verb = store.capabilities.stopOptions?.reason ? 'Abort' : 'Stop';
      const detail = [
        options.reason ? `Reason: ${oneLine(options.reason, 200)}` : '',
        'Work already done is not undone; a job that is about to finish may finish anyway.',
      ]
        .filter(Boolean)
        .join('\n');
      if (
        !(await confirm(`${verb} ${what} on ${store.name}${when ? ` ${when.phrase}` : ''}?`, verb, {
          preAnswered: preConfirmed(arg),
          detail,
        }))
      ) {
        return undefined;
      }
      return stop(s, store, jobs, options);
    },
  );
}

/**
 * The stop's options the server takes, asked of the user unless the caller gave them. A caller
 * that answered for the user (`confirm: true`) gets the defaults for what it left out: now,
 * no reason.
 */
async function askOptions(
  store: ConnectionStore,
  what: string,
  ref: StopRef,
  answered: boolean,
): Promise<StopOptions | undefined> {
  const takes = store.capabilities.stopOptions ?? {};
  const options: StopOptions = {};
  if (takes.when?.length) {
    const given =
      WHEN.find((w) => w.value === ref.when && takes.when?.includes(w.value)) ?? (answered ? WHEN[0] : undefined);
    const picked =
      given ??
      (await vscode.window.showQuickPick(
        WHEN.filter((w) => takes.when?.includes(w.value)),
        { title: inert(`Stop ${what} on ${store.name}`), placeHolder: 'When should it stop?' },
      ));
    if (!picked) return undefined;
    options.when = picked.value;
  }
  if (takes.reason) {
    const reason =
      typeof ref.reason === 'string' || answered
        ? String(ref.reason ?? '')
        : await vscode.window.showInputBox({
            title: inert(`Abort ${what} on ${store.name}`),
            prompt:
              'Why? The server keeps the reason with the aborted job (up to 255 characters; empty for its default)',
            placeHolder: 'e.g. change window closed',
            ignoreFocusOut: true,
            validateInput: (v) =>
              v.length > 255 ? `${v.length} characters: the server keeps the first 255` : undefined,
          });
    if (reason === undefined) return undefined;
    if (reason.trim()) options.reason = reason.trim();
  }
  return options;
}

async function stop(
  s: CommandContext,
  store: ConnectionStore,
  jobs: Job[],
  options: StopOptions = {},
): Promise<StopOutcome> {
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: inert(`Stopping on ${store.name}…`) },
    () => mapBounded(jobs, 8, (job) => store.stop(job, options)),
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
    const when = WHEN.find((w) => w.value === options.when && w.value !== 'now');
    const at = when ? ` ${when.phrase}` : '';
    inform(
      one
        ? `Asked ${store.name} to stop ${oneLine(one.name, 80)}${at}; it is now ${now(one.id)}.`
        : `Asked ${store.name} to stop ${plural(jobs.length, 'job')}${at}.`,
    );
    return outcome;
  }
  const failedJobs = jobs.filter((j) => outcome.failed.some((f) => f.id === j.id));
  if (jobs.length === 1) {
    const reason = results[0].status === 'rejected' ? results[0].reason : outcome.failed[0].message;
    reportError(reason, () => stop(s, store, failedJobs, options));
  } else {
    const list = outcome.failed
      .map((f) => `${oneLine(jobs.find((j) => j.id === f.id)?.name ?? f.id, 40)}: ${oneLine(f.message, 100)}`)
      .join('; ');
    inform(
      `Stopped ${outcome.stopped.length} of ${plural(jobs.length, 'job')} on ${store.name}; ${outcome.failed.length} failed — ${list}.`,
      { 'Retry Failed': () => stop(s, store, failedJobs, options) },
      'warning',
    );
  }
  return outcome;
}
