import * as vscode from 'vscode';
import type { Services } from '../services';
import { resolveConnection } from './pick';
import { reportError } from './feedback';
import { inert } from '../../views/inertText';

/**
 * jobdeck.openJobByName ("Open Job by Name…"): stack-jobs looks a job up by id or by name
 * (`GET /jobs/<id or name>`), so a user who knows only the name opens its panel directly.
 * `{connection, name}` skips the questions.
 */
export function registerOpenJobByName(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.openJobByName', async (arg?: unknown): Promise<{ connection: string; jobId: string } | undefined> => {
    const named = typeof arg === 'object' && arg !== null ? (arg as { connection?: unknown }).connection : undefined;
    const store = typeof named === 'string' ? s.jobStore.get(named) : await resolveConnection(s, arg, (c) => c.connection.adapter.getJobByName !== undefined, 'Open a job of which connection?');
    const adapter = store?.connection.adapter;
    if (!store || !adapter?.getJobByName) return undefined;
    const given = typeof arg === 'object' && arg !== null ? (arg as { name?: unknown }).name : undefined;
    const name = typeof given === 'string' ? given : await vscode.window.showInputBox({ title: inert(`Open a job of ${store.name} by name`), prompt: 'The job’s name (or its id)', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'A name, please') });
    if (!name?.trim()) return undefined;
    try {
      const job = await adapter.getJobByName(name.trim());
      s.panels.open(store.name, job.id);
      return { connection: store.name, jobId: job.id };
    } catch (e) {
      reportError(e);
      return undefined;
    }
  });
}
