import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { jobsFor } from './pick';

/**
 * jobdeck.tailEvents: follows each chosen job in its connection's tail output channel until it ends or
 * jobdeck.stopTailing. Answers the followed `{connection, jobId}`s.
 */
export function registerTailEvents(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.tailEvents',
    async (arg?: unknown, selection?: unknown): Promise<{ connection: string; jobId: string }[] | undefined> => {
      const found = await jobsFor(s, 'tail', arg, selection, {
        canPickMany: false,
        placeHolder: 'Follow the events of which job?',
        verb: 'followed',
      });
      if (!found) return undefined;
      return found.jobs.map((job, i) => {
        // The first one's output is shown; the others write to their connections' channels.
        s.tails.start(found.store, job.id, job.name, i === 0);
        return { connection: found.store.name, jobId: job.id };
      });
    },
  );
}
