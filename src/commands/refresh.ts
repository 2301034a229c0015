import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { refOfRow } from '../store/refs';
import { treeRowArg } from './pick';

/** jobdeck.refresh: the row's connection (by key: the selected row's), or all; resets error backoff. */
export function registerRefresh(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.refresh', async (arg?: unknown) => {
    const row = refOfRow(treeRowArg(s, arg));
    const one = row ? s.jobStore.get(row.connection) : undefined;
    const stores = one ? [one] : s.jobStore.all();
    await vscode.window.withProgress({ location: { viewId: 'jobdeck.jobs' } }, () =>
      Promise.all(
        stores.map((c) => (one || s.isShown(c.name) ? c.refresh().catch(() => undefined) : Promise.resolve())),
      ),
    );
    for (const c of stores) s.poller.wake(c.name);
  });
}
