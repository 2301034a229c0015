import * as vscode from 'vscode';
import { JOB_STATES, JobFilter, JobState } from '../client/model';
import type { CommandContext } from './context';
import { resolveConnection } from './pick';

/** jobdeck.filter: states, text and owner for one connection (server-side where it can). */
export function registerFilter(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.filter', async (arg?: unknown) => {
    const store = await resolveConnection(s, arg, undefined, 'Filter the jobs of which connection?');
    if (!store) return;
    const current = store.filter ?? {};
    const caps = store.capabilities.serverFilter;
    const statePick = await vscode.window.showQuickPick(
      JOB_STATES.map((st) => ({ label: st, picked: current.states?.includes(st) ?? false })),
      {
        title: `Filter ${store.name} (1/3): states`,
        placeHolder: 'Pick states to show (none = all)',
        canPickMany: true,
        ignoreFocusOut: true,
      },
    );
    if (!statePick) return;
    const text = await vscode.window.showInputBox({
      title: `Filter ${store.name} (2/3): text`,
      prompt: `Name contains (case-insensitive)${caps.text ? ', filtered by the server' : ''}; empty = any`,
      value: current.text ?? '',
      ignoreFocusOut: true,
    });
    if (text === undefined) return;
    const owner = await vscode.window.showInputBox({
      title: `Filter ${store.name} (3/3): owner`,
      prompt: 'Owner or user; empty = anyone',
      value: current.owner ?? '',
      ignoreFocusOut: true,
    });
    if (owner === undefined) return;
    const filter: JobFilter = {
      states: statePick.map((p) => p.label as JobState),
      text: text.trim() || undefined,
      owner: owner.trim() || undefined,
    };
    await store.query(filter).catch(() => undefined);
  });
}

/** jobdeck.clearFilter */
export function registerClearFilter(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.clearFilter', async (arg?: unknown) => {
    const store = await resolveConnection(
      s,
      arg,
      (c) => c.filter !== undefined,
      'Clear the filter of which connection?',
    );
    if (store) await store.query(undefined).catch(() => undefined);
  });
}
