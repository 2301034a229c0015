import * as vscode from 'vscode';
import { log } from '../platform/log';

/** jobdeck.showLog: the "Jobdeck" log channel. */
export function registerShowLog(): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.showLog', () => log.show());
}
