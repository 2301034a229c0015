import * as vscode from 'vscode';
import { DIALECTS, DIALECT_KINDS } from '../client/registry';
import { connectionUrlProblem } from '../client/requestUrl';
import type { CommandContext } from './context';
import { inert } from '../shared/inertText';

/** jobdeck.addConnection: name → kind → URL → optional token, written to user settings. */
export function registerAddConnection(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.addConnection', async () => {
    const taken = new Set(s.jobStore.all().map((c) => c.name));
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('Add Connection (1/4): name'),
      prompt: vscode.l10n.t('A unique name for this server, shown in the Jobs view'),
      placeHolder: vscode.l10n.t('lab-cdrouter'),
      ignoreFocusOut: true,
      validateInput: (v) =>
        !v.trim() ? 'Enter a name' : taken.has(v.trim()) ? inert(`A connection named "${v.trim()}" exists`) : undefined,
    });
    if (!name) return;
    const kindPick = await vscode.window.showQuickPick(
      DIALECT_KINDS.map((k) => ({ label: inert(DIALECTS[k].title), description: k, dialect: k })),
      {
        title: vscode.l10n.t('Add Connection (2/4): server type'),
        placeHolder: vscode.l10n.t('Which API does the server speak?'),
        ignoreFocusOut: true,
      },
    );
    if (!kindPick) return;
    const info = DIALECTS[kindPick.dialect];
    const url = await vscode.window.showInputBox({
      title: vscode.l10n.t('Add Connection (3/4): server URL'),
      prompt: vscode.l10n.t('The server root, without the API path'),
      placeHolder: inert(info.exampleUrl),
      ignoreFocusOut: true,
      validateInput: (v) => validateUrl(v),
    });
    if (!url) return;
    const root = serverRoot(url, info.apiPath);
    const token = await vscode.window.showInputBox({
      title: vscode.l10n.t('Add Connection (4/4): token (optional)'),
      prompt: vscode.l10n.t(
        "Stored in VS Code's secret storage, never in settings. Leave empty to set it later or use tokenEnv.",
      ),
      password: true,
      ignoreFocusOut: true,
    });
    const config = vscode.workspace.getConfiguration('jobdeck');
    const current = config.inspect<unknown[]>('connections')?.globalValue ?? [];
    const entry = { name: name.trim(), kind: kindPick.dialect, url: root };
    await config.update('connections', [...current, entry], vscode.ConfigurationTarget.Global);
    if (token) await s.tokens.set(entry, token);
    s.reload();
    void vscode.window.showInformationMessage(
      inert(vscode.l10n.t('Added connection {0} ({1}, {2}).', entry.name, info.title, root)),
    );
  });
}

/** The check every connection URL gets (settings, HttpClient), said as advice. */
function validateUrl(v: string): string | undefined {
  const problem = connectionUrlProblem(v);
  return problem
    ? vscode.l10n.t('The URL {0}: enter a server root such as https://server.example.net', problem)
    : undefined;
}

/** People paste the API URL they use with curl; keep only the server root. */
function serverRoot(url: string, apiPath: RegExp): string {
  const u = new URL(url.trim());
  u.search = '';
  u.hash = '';
  u.pathname = u.pathname.replace(apiPath, '').replace(/\/+$/, '');
  return u.toString().replace(/\/$/, '');
}
