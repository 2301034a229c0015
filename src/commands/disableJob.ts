import * as vscode from 'vscode';
import type { Services } from '../extension/services';
import { setEnabled } from './enableJob';

/** jobdeck.disableJob: stack jobs `enabled: false`, beacon `schedule_active=0`. */
export function registerDisableJob(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.disableJob', (arg?: unknown, selection?: unknown) => setEnabled(s, false, arg, selection));
}
