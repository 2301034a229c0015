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
      title: inert(`Token for ${config.name}`),
      prompt: inert(
        `Sent only to ${new URL(config.url).origin}. Stored in VS Code's secret storage. Leave empty to remove the stored token.`,
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
