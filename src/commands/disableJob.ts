import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { setEnabled } from './enableJob';

/** jobdeck.disableJob: stack jobs `enabled: false`, beacon `schedule_active=0`. */
export function registerDisableJob(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.disableJob', (arg?: unknown, selection?: unknown) =>
    setEnabled(s, false, arg, selection),
  );
}
