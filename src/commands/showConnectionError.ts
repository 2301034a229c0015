import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { resolveConnection } from './pick';
import { inert } from '../shared/inertText';

/** jobdeck.showConnectionError: the error of a connection with what can be done about it. */
export function registerShowConnectionError(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.showConnectionError', async (arg?: unknown) => {
    const store = await resolveConnection(s, arg, (c) => c.status === 'error');
    const e = store?.error;
    if (!store || !e) return;
    type Action = 'Set Token' | 'Allow Token' | 'Retry' | 'Open Settings' | 'Show Log';
    const actions: Action[] = [];
    if (e.code === 'auth' || e.code === 'forbidden') actions.push('Set Token');
    if (e.code === 'untrusted') actions.push('Allow Token');
    actions.push('Retry', 'Open Settings', 'Show Log');
    // The error carries what the server said (a 401 body is anyone's to write): inert.
    const choice = await vscode.window.showErrorMessage(inert(e.withHint()), ...actions);
    const commands: Record<string, [string, unknown?]> = {
      'Set Token': ['jobdeck.setToken', store.name],
      'Allow Token': ['jobdeck.allowTokenOrigin', store.name],
      Retry: ['jobdeck.retryConnection', store.name],
      'Open Settings': ['jobdeck.openSettings'],
      'Show Log': ['jobdeck.showLog'],
    };
    if (choice) await vscode.commands.executeCommand(...(commands[choice] as [string, unknown]));
  });
}
