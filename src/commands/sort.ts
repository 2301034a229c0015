import * as vscode from 'vscode';
import type { JobSort } from '../client/model';
import type { CommandContext } from './context';
import { resolveConnection } from './pick';
import { inert } from '../shared/inertText';

const CHOICES: { label: string; sort: JobSort }[] = [
  { label: 'Newest first', sort: { field: 'time', direction: 'desc' } },
  { label: 'Oldest first', sort: { field: 'time', direction: 'asc' } },
  { label: 'Name A–Z', sort: { field: 'name', direction: 'asc' } },
  { label: 'Name Z–A', sort: { field: 'name', direction: 'desc' } },
  { label: 'State (running first)', sort: { field: 'state', direction: 'asc' } },
];

/** jobdeck.sort: order of one connection's jobs. */
export function registerSort(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.sort', async (arg?: unknown) => {
    const store = await resolveConnection(s, arg, undefined, 'Sort the jobs of which connection?');
    if (!store) return;
    const picked = await vscode.window.showQuickPick(
      CHOICES.map((c) => ({
        ...c,
        description:
          c.sort.field === store.sort.field && c.sort.direction === store.sort.direction ? 'current' : undefined,
      })),
      { title: inert(`Sort ${store.name}`) },
    );
    if (picked) await store.query(store.filter, picked.sort).catch(() => undefined);
  });
}
