import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { resolveConnection } from './pick';
import { inert } from '../shared/inertText';

/** jobdeck.loadMore: appends the next page of a connection's jobs. */
export function registerLoadMore(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.loadMore', async (arg?: unknown) => {
    const store = await resolveConnection(s, arg, (c) => c.hasMore);
    if (!store) return;
    try {
      await store.loadMore();
    } catch (e) {
      void vscode.window.showErrorMessage(inert((e as Error).message));
    }
  });
}
