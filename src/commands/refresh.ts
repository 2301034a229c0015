import * as vscode from 'vscode';
import type { Services } from '../extension/services';
import { ConnectionNode, MessageNode } from '../views/jobs/nodes';

/** jobdeck.refresh: the row's connection, or all; resets error backoff. */
export function registerRefresh(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.refresh', async (arg?: unknown) => {
    const node = arg instanceof MessageNode ? arg.parent : arg;
    const stores = node instanceof ConnectionNode ? [node.store] : s.jobStore.all();
    await vscode.window.withProgress({ location: { viewId: 'jobdeck.jobs' } }, () =>
      Promise.all(stores.map((c) => (s.tree.isExpanded(c) || node ? c.refresh().catch(() => undefined) : Promise.resolve()))),
    );
    for (const c of stores) s.poller.wake(c.name);
  });
}
