// What the host benchmarks do to VS Code: settings, the Jobs view's visibility, expanding a
// connection; plus the hooks that time the HttpClient and the tree provider of the live
// extension (its objects come from the bundle, so they are matched by shape, not by class).
import * as vscode from 'vscode';
import type { Services } from '../../../src/extension/services';
import type { ConnectionStore } from '../../../src/store/connectionStore';
import type { BenchConnection } from '../bridge';
import { now, sleep, until } from '../stats';

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('jobdeck').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Replaces jobdeck.connections and waits until the extension has rebuilt its stores. */
export async function setConnections(s: Services, list: BenchConnection[]): Promise<void> {
  await setSetting('connections', list);
  const want = list.map((c) => c.name).join('\n');
  await until(() => s.jobStore.all().map((c) => c.name).join('\n') === want, 15_000, 'the extension to pick up jobdeck.connections', 20);
}

export async function showView(s: Services): Promise<void> {
  await vscode.commands.executeCommand('workbench.view.extension.jobdeck');
  await until(() => s.treeView.visible, 15_000, 'the Jobs view to become visible');
}

export async function hideView(s: Services): Promise<void> {
  await vscode.commands.executeCommand('workbench.view.explorer');
  await until(() => !s.treeView.visible, 15_000, 'the Jobs view to be hidden');
}

export async function expand(s: Services, name: string): Promise<void> {
  const node = s.tree.connectionNode(name);
  if (!node) throw new Error(`no tree node for connection ${name}`);
  // Right after the view appears, the workbench may not have asked for the root rows yet
  // ("Data tree node not found"): try again for a few seconds.
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await s.treeView.reveal(node, { expand: true, select: false, focus: false });
      return;
    } catch (e) {
      if (Date.now() > deadline || !/not found/i.test((e as Error).message)) throw e;
      await sleep(100);
    }
  }
}

export function store(s: Services, name: string): ConnectionStore {
  const found = s.jobStore.get(name);
  if (!found) throw new Error(`no store for connection ${name}`);
  return found;
}

export interface HttpTimes {
  start: number;
  end: number;
  path: string;
  /** The query string (which page was asked for). */
  query: string;
}

/**
 * Records when each HTTP exchange of a connection starts and when its body has been received
 * (before JSON parsing), by wrapping HttpClient's transport method on this one instance.
 */
export function hookHttp(st: ConnectionStore): { times: HttpTimes[]; dispose(): void } {
  const http = st.connection.http as unknown as Record<string, unknown>;
  const send = http.send;
  if (typeof send !== 'function') throw new Error('HttpClient has no send() to time (src/client/http.ts changed?)');
  const times: HttpTimes[] = [];
  http.send = function (this: unknown, ...args: unknown[]) {
    const start = now();
    const url = args[1] as URL | undefined;
    return (send as (...a: unknown[]) => Promise<unknown>).apply(this, args).then((res) => {
      times.push({ start, end: now(), path: url?.pathname ?? '', query: url?.search ?? '' });
      return res;
    });
  };
  return { times, dispose: () => delete http.send };
}

interface NodeLike {
  type?: string;
  store?: { name: string };
  connection?: { store?: { name: string } };
}

export interface RowsDone {
  /** When VS Code had asked for the last row's TreeItem. */
  t: number;
  rows: number;
  /** The first job row's accessible label (what the UI row's aria-label shows). */
  firstLabel: string;
}

/**
 * Times the tree provider for one connection: after getChildren returned job rows, the moment
 * VS Code has resolved a TreeItem for every one of them.
 */
export function hookTree(s: Services, connection: string): { done: RowsDone[]; dispose(): void } {
  const tree = s.tree as unknown as Record<string, unknown>;
  const getChildren = tree.getChildren as (n?: unknown) => unknown;
  const getTreeItem = tree.getTreeItem as (n: unknown) => vscode.TreeItem;
  const done: RowsDone[] = [];
  let pending: { rows: Set<unknown>; first: unknown; firstLabel?: string; count: number } | undefined;
  tree.getChildren = function (this: unknown, node?: unknown) {
    const result = getChildren.call(this, node);
    const n = node as NodeLike | undefined;
    const arm = (rows: unknown) => {
      if (!Array.isArray(rows)) return;
      const jobs = (rows as NodeLike[]).filter((r) => r.type === 'job');
      pending = jobs.length ? { rows: new Set(jobs), first: jobs[0], count: jobs.length } : undefined;
    };
    if (n?.type === 'connection' && n.store?.name === connection) {
      // Rows come as an array, or (while a page loads) as a promise answered on its arrival;
      // this `then` runs before VS Code's own continuation asks for the TreeItems.
      if (result instanceof Promise) void result.then(arm, () => undefined);
      else arm(result);
    }
    return result;
  };
  tree.getTreeItem = function (this: unknown, node: unknown) {
    const item = getTreeItem.call(this, node);
    if (pending && pending.rows.delete(node)) {
      if (node === pending.first) pending.firstLabel = item.accessibilityInformation?.label ?? String(item.label ?? '');
      if (!pending.rows.size) {
        done.push({ t: now(), rows: pending.count, firstLabel: pending.firstLabel ?? '' });
        pending = undefined;
      }
    }
    return item;
  };
  return {
    done,
    dispose: () => {
      delete tree.getChildren;
      delete tree.getTreeItem;
    },
  };
}

/** Heap in use after full collections (the least of three readings). */
export function heapAfterGc(): number {
  const gc = exposeGc();
  let least = Infinity;
  for (let i = 0; i < 3; i++) {
    gc();
    least = Math.min(least, process.memoryUsage().heapUsed);
  }
  return least;
}

let gcFn: (() => void) | undefined;
function exposeGc(): () => void {
  if (gcFn) return gcFn;
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return (gcFn = existing);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('node:v8') as typeof import('node:v8')).setFlagsFromString('--expose-gc');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fn = (require('node:vm') as typeof import('node:vm')).runInNewContext('gc') as unknown;
  if (typeof fn !== 'function') throw new Error('could not expose gc() in the extension host');
  return (gcFn = fn as () => void);
}
