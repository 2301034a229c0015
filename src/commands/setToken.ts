import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { resolveConnection } from './pick';
import { inert } from '../shared/inertText';

/** jobdeck.setToken: stores a connection's token in SecretStorage (empty input removes it). */
export function registerSetToken(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.setToken', async (arg?: unknown) => {
    const store = await resolveConnection(s, arg, undefined, 'Set the token of which connection?');
    if (!store) return;
    const config = store.config;
    const token = await vscode.window.showInputBox({
      title: inert(vscode.l10n.t('Token for {0}', config.name)),
      prompt: inert(
        vscode.l10n.t(
          "Sent only to {0}. Stored in VS Code's secret storage. Leave empty to remove the stored token.",
          new URL(config.url).origin,
        ),
      ),
      password: true,
      ignoreFocusOut: true,
    });
    if (token === undefined) return;
    if (token.trim()) await s.tokens.set(config, token.trim());
    else await s.tokens.delete(config.name);
    await store.refresh().catch(() => undefined);
  });
}
