import * as vscode from 'vscode';
import { type Capabilities, JOB_STATES, JobFilter, JobState } from '../client/model';
import type { CommandContext } from './context';
import { resolveConnection } from './pick';
import { inert } from '../shared/inertText';

/** jobdeck.filter: states, text, owner and the server's own filters for one connection (server-side where it can). */
export function registerFilter(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.filter', async (arg?: unknown) => {
    const store = await resolveConnection(s, arg, undefined, 'Filter the jobs of which connection?');
    if (!store) return;
    const current = store.filter ?? {};
    const caps = store.capabilities.serverFilter;
    const more = store.capabilities;
    const steps = (more.fieldFilters?.length ?? 0) || more.detailedList ? 4 : 3;
    const statePick = await vscode.window.showQuickPick(
      JOB_STATES.map((st) => ({ label: st, picked: current.states?.includes(st) ?? false })),
      {
        title: inert(`Filter ${store.name} (1/${steps}): states`),
        placeHolder: 'Pick states to show (none = all)',
        canPickMany: true,
        ignoreFocusOut: true,
      },
    );
    if (!statePick) return;
    const text = await vscode.window.showInputBox({
      title: inert(`Filter ${store.name} (2/${steps}): text`),
      prompt: `Name contains (case-insensitive)${caps.text ? ', filtered by the server' : ''}; empty = any`,
      value: current.text ?? '',
      ignoreFocusOut: true,
    });
    if (text === undefined) return;
    const owner = await vscode.window.showInputBox({
      title: inert(`Filter ${store.name} (3/${steps}): owner`),
      prompt: 'Owner or user; empty = anyone',
      value: current.owner ?? '',
      ignoreFocusOut: true,
    });
    if (owner === undefined) return;
    const server = await serverOptions(store.name, store.capabilities, current);
    if (!server) return;
    const filter: JobFilter = {
      states: statePick.map((p) => p.label as JobState),
      text: text.trim() || undefined,
      owner: owner.trim() || undefined,
      ...server,
    };
    await store.query(filter).catch(() => undefined);
  });
}

type ServerOptions = Pick<JobFilter, 'fields' | 'detailed'>;

/**
 * Step 4, where the server has more: its exact-match fields (beacon's list parameters,
 * CDRouter's `filter=field=value`) and its detailed representation (CDRouter). Picked fields
 * are then asked one by one, with their current value.
 */
async function serverOptions(name: string, caps: Capabilities, current: JobFilter): Promise<ServerOptions | undefined> {
  const specs = caps.fieldFilters ?? [];
  if (!specs.length && !caps.detailedList) return {};
  type Item = vscode.QuickPickItem & { field?: string; detailed?: true };
  const items: Item[] = specs.map((f) => ({
    label: inert(f.label),
    description: inert(current.fields?.[f.field] !== undefined ? `= ${current.fields[f.field]}` : f.field),
    detail: f.hint === undefined ? undefined : inert(f.hint),
    field: f.field,
    picked: current.fields?.[f.field] !== undefined,
  }));
  if (caps.detailedList)
    items.push({
      label: '$(list-flat) Detailed rows',
      description: 'detailed=true',
      detail: 'the server’s detailed representation of each job (more fields in tooltips and raw data)',
      detailed: true,
      picked: current.detailed === true,
    });
  const picked = await vscode.window.showQuickPick(items, {
    title: inert(`Filter ${name} (4/4): server filters`),
    placeHolder: 'Pick the fields the server should match exactly (none = no field filter)',
    canPickMany: true,
    ignoreFocusOut: true,
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  const fields: Record<string, string> = {};
  for (const p of picked) {
    if (!p.field) continue;
    const spec = specs.find((f) => f.field === p.field);
    const value = await vscode.window.showInputBox({
      title: inert(`Filter ${name}: ${p.label}`),
      prompt: inert(
        `Jobs whose ${p.field} is exactly this${spec?.hint ? ` (${spec.hint})` : ''}; empty = leave this field out`,
      ),
      value: current.fields?.[p.field] ?? '',
      ignoreFocusOut: true,
    });
    if (value === undefined) return undefined;
    if (value.trim()) fields[p.field] = value.trim();
  }
  return {
    fields: Object.keys(fields).length ? fields : undefined,
    detailed: picked.some((p) => p.detailed) || undefined,
  };
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
