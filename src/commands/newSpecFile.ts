import * as vscode from 'vscode';
import type { CommandContext } from './context';

/**
 * jobdeck.newSpecFile: a spec file to start from, `launches.jobdeck.yaml` (or the next free
 * name) in the first folder of the workspace, naming a connection that launches; without a
 * folder on disk, an untitled one. Opened in an editor, where completion takes over.
 */
export function registerNewSpecFile(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.newSpecFile', async (): Promise<vscode.Uri | undefined> => {
    const connection = s.jobStore.all().find((c) => c.capabilities.launch)?.name;
    const text = [
      '# A Jobdeck spec file: each launch names a connection and the fields of its kind.',
      '# Ctrl+Space completes fields and the values the server lists; ▶ Launch runs a launch.',
      'launches:',
      `  - connection: ${connection ? JSON.stringify(connection) : ''}`,
      '    ',
    ].join('\n');
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
    let doc: vscode.TextDocument;
    if (folder) {
      const uri = await freeName(folder.uri);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${text}\n`));
      doc = await vscode.workspace.openTextDocument(uri);
    } else {
      doc = await vscode.workspace.openTextDocument({ language: 'jobdeck-yaml', content: `${text}\n` });
    }
    const editor = await vscode.window.showTextDocument(doc);
    const end = new vscode.Position(4, 4);
    editor.selection = new vscode.Selection(end, end);
    return doc.uri;
  });
}

async function freeName(folder: vscode.Uri): Promise<vscode.Uri> {
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.joinPath(folder, n === 1 ? 'launches.jobdeck.yaml' : `launches-${n}.jobdeck.yaml`);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      return uri;
    }
  }
}
