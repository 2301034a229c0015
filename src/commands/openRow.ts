import * as vscode from 'vscode';
import { rowOf } from '../store/refs';
import type { CommandContext } from './context';

/** The command a message row's click stands for, given its connection. */
const ROW_ACTIONS = { loadMore: 'jobdeck.loadMore', showError: 'jobdeck.showConnectionError' } as const;

/**
 * jobdeck.openRow: what a click (or Enter) on a row of the Jobs view runs: a job or target row
 * opens its job, "Load more…" loads more, a connection's error row shows the error. It
 * carries no arguments on purpose: VS Code keeps a row command's arguments in the extension
 * host under a per-render id and drops them when the row is rendered again, so a click that
 * lands while a poll re-renders a running job's row would fail with "Actual command not
 * found". The tree has set the selection to the clicked row before the command arrives (both
 * travel in order over the one channel), so the row is read from there.
 */
export function registerOpenRow(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.openRow', () => {
    const selected = s.selection();
    const ref = selected.find((r) => r.jobId !== undefined);
    if (ref) return vscode.commands.executeCommand('jobdeck.openJob', rowOf(ref));
    const message = selected.find((r) => r.action !== undefined);
    return message?.action ? vscode.commands.executeCommand(ROW_ACTIONS[message.action], rowOf(message)) : undefined;
  });
}
