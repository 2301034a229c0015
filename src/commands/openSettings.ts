import * as vscode from 'vscode';

/** jobdeck.openSettings: the Settings editor on Jobdeck's settings. */
export function registerOpenSettings(): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.openSettings', () =>
    vscode.commands.executeCommand('workbench.action.openSettings', 'jobdeck.'),
  );
}
