import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { resolveConnection } from './pick';
import { reportError } from './feedback';
import { inert } from '../shared/inertText';

/**
 * jobdeck.openJobByName ("Open Job by Name…"): stack-jobs looks a job up by id or by name
 * (`GET /jobs/<id or name>`), so a user who knows only the name opens its panel directly.
 * `{connection, name}` skips the questions.
 */
export function registerOpenJobByName(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.openJobByName',
    async (arg?: unknown): Promise<{ connection: string; jobId: string } | undefined> => {
      const named = typeof arg === 'object' && arg !== null ? (arg as { connection?: unknown }).connection : undefined;
      const store =
        typeof named === 'string'
          ? s.jobStore.get(named)
          : await resolveConnection(s, arg, (c) => c.getJobByName !== undefined, 'Open a job of which connection?');
      const byName = store?.getJobByName;
      if (!store || !byName) return undefined;
      const given = typeof arg === 'object' && arg !== null ? (arg as { name?: unknown }).name : undefined;
      const name =
        typeof given === 'string'
          ? given
          : await vscode.window.showInputBox({
              title: inert(`Open a job of ${store.name} by name`),
              prompt: 'The job’s name (or its id)',
              ignoreFocusOut: true,
              validateInput: (v) => (v.trim() ? undefined : 'A name, please'),
            });
      if (!name?.trim()) return undefined;
      try {
        const job = await byName(name.trim());
        s.openPanel(store.name, job.id);
        return { connection: store.name, jobId: job.id };
      } catch (e) {
        reportError(e);
        return undefined;
      }
    },
  );
}
