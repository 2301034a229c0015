import * as vscode from 'vscode';
import type { Services } from '../services';
import { resolveConnection } from './pick';
import { inert } from '../../views/inertText';

/** jobdeck.loadMore: appends the next page of a connection's jobs. */
export function registerLoadMore(s: Services): vscode.Disposable {
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
