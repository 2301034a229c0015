import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { resolveConnection } from './pick';

/** jobdeck.retryConnection: fetch a failing connection now, resetting its backoff. */
export function registerRetryConnection(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.retryConnection', async (arg?: unknown) => {
    const store = await resolveConnection(s, arg, (c) => c.status === 'error');
    if (store) await s.poller.refreshNow(store.name);
  });
}
