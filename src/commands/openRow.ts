import * as vscode from 'vscode';
import { rowOf } from '../store/refs';
import type { CommandContext } from './context';

/**
 * jobdeck.openRow: what a click (or Enter) on a job or target row of the Jobs view runs. It
 * carries no arguments on purpose: VS Code keeps a row command's arguments in the extension
 * host under a per-render id and drops them when the row is rendered again, so a click that
 * lands while a poll re-renders a running job's row would fail with "Actual command not
 * found". The tree has set the selection to the clicked row before the command arrives (both
 * travel in order over the one channel), so the row is read from there.
 */
export function registerOpenRow(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.openRow', () => {
    const ref = s.selection().find((r) => r.jobId !== undefined);
    return ref ? vscode.commands.executeCommand('jobdeck.openJob', rowOf(ref)) : undefined;
  });
}
