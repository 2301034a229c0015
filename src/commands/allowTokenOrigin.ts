import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { resolveConnection } from './pick';
import { inert } from '../shared/inertText';

/** jobdeck.allowTokenOrigin: the user agrees that a stored token may follow a changed URL. */
export function registerAllowTokenOrigin(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.allowTokenOrigin', async (arg?: unknown) => {
    const store = await resolveConnection(s, arg);
    if (!store) return;
    const config = store.config;
    const saved = await s.tokens.foreignOrigin(config);
    if (!saved) return;
    const target = new URL(config.url).origin;
    const choice = await vscode.window.showWarningMessage(
      inert(
        `The token of "${config.name}" was saved for ${saved}. The connection now points to ${target}. Send the token there?`,
      ),
      {
        modal: true,
        detail:
          'Only do this if you moved the server. A workspace you do not trust could point a known connection name at its own host.',
      },
      'Send Token',
    );
    if (choice !== 'Send Token') return;
    await s.tokens.allowCurrentOrigin(config);
    await store.refresh().catch(() => undefined);
  });
}
