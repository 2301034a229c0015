// Cold view (issue 20): the activity-bar click → all connection rows painted, Jobdeck beside a
// minimal extension that contributes the same kind of container and view with static rows,
// in one workbench of its own (no bench entry in the extension host: nothing activates Jobdeck
// but the click). Each round starts from a window reload with the Explorer shown, so both
// extension hosts' work and both views are cold; the order alternates. Then window reload →
// rows painted with each view open (times from the new document's navigation start).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchConnection } from './bridge';
import { measured, notMeasured, type Measurement } from './figures';
import { median, round, sleep } from './stats';
import { activationIn, hostActivations } from './hostLog';
import { prng } from '../emulator/rng';

interface Locator {
  first(): Locator;
  click(o?: { timeout?: number }): Promise<void>;
  waitFor(o?: { state?: string; timeout?: number }): Promise<void>;
}
interface Page {
  locator(s: string): Locator;
  evaluate<T>(script: string): Promise<T>;
  waitForFunction(script: string, arg?: unknown, o?: { polling?: string | number; timeout?: number }): Promise<{ jsonValue(): Promise<unknown> }>;
  reload(o?: { waitUntil?: string; timeout?: number }): Promise<unknown>;
  screenshot(o: { path: string }): Promise<unknown>;
}
export interface ColdViewLauncher {
  startCodeServer(o: Record<string, unknown>): Promise<{ workbenchUrl(p: [string, string][]): string }>;
  launchBrowser(): Promise<unknown>;
  openWorkbenchPage(browser: unknown, url: string): Promise<{ page: Page }>;
  installExtension(vsix: string, extensionsDir: string, userDataDir?: string): string;
  tempDir(prefix: string): string;
  cleanupAll(): Promise<void>;
}

/**
 * The built-in extensions that activate while a window starts here (the cold logs name them):
 * their turns on the extension host and the renderer move either view's rows by ±0.5 s from one
 * reload to the next, which buries a 100 ms difference.
 */
const BUSY_BUILT_INS = ['vscode.git', 'vscode.git-base', 'vscode.github', 'vscode.typescript-language-features', 'vscode.json-language-features', 'vscode.configuration-editing', 'vscode.emmet', 'vscode.merge-conflict', 'vscode.debug-auto-launch', 'vscode.extension-editing', 'vscode.npm'];

/**
 * Turns the busy built-ins off from the next window on, as Extensions: Disable would: the web
 * workbench keeps the globally disabled extensions in its global state (IndexedDB), under the key
 * its enablement service reads. code-server has no --disable-extension.
 */
function disableBuiltIns(page: Page, ids: string[]): Promise<string> {
  const value = JSON.stringify(JSON.stringify(ids.map((id) => ({ id }))));
  return page.evaluate<string>(`new Promise((done, fail) => {
    const open = indexedDB.open('vscode-web-state-db-global');
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('ItemTable', 'readwrite');
      tx.objectStore('ItemTable').put(${value}, 'extensionsIdentifiers/disabled');
      tx.oncomplete = () => done('ok');
      tx.onerror = () => fail(tx.error);
    };
  })`);
}

const EMPTY = { container: 'jobdeckbench', title: 'Empty Bench', extension: 'bench.empty-view' };
const JOBDECK = { container: 'jobdeck', title: 'Jobdeck', extension: 'jobdeck.jobdeck' };
type View = typeof EMPTY;

/** The minimal extension: the same container and view, the connections' names as static rows. */
function emptyExtension(dir: string, repoRoot: string, names: string[]): string {
  const root = join(dir, 'empty-view');
  mkdirSync(join(root, 'media'), { recursive: true });
  cpSync(join(repoRoot, 'media', 'jobdeck.svg'), join(root, 'media', 'jobdeck.svg'));
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({
      name: 'empty-view',
      publisher: 'bench',
      version: '0.0.1',
      license: 'MIT',
      engines: { vscode: '^1.91.0' },
      main: './extension.js',
      contributes: {
        viewsContainers: { activitybar: [{ id: EMPTY.container, title: EMPTY.title, icon: 'media/jobdeck.svg' }] },
        views: { [EMPTY.container]: [{ id: `${EMPTY.container}.jobs`, name: 'Jobs', icon: 'media/jobdeck.svg' }] },
      },
    }),
  );
  writeFileSync(join(root, 'LICENSE'), 'MIT');
  writeFileSync(join(root, 'README.md'), 'A view with static rows, for the benchmarks.');
  writeFileSync(
    join(root, 'extension.js'),
    `const vscode = require('vscode');
const rows = ${JSON.stringify(names)};
exports.activate = (context) => {
  context.subscriptions.push(vscode.window.createTreeView('${EMPTY.container}.jobs', { treeDataProvider: {
    getChildren: (n) => (n ? [] : rows),
    getTreeItem: (n) => Object.assign(new vscode.TreeItem(n, vscode.TreeItemCollapsibleState.Collapsed), { description: 'static' }),
  } }));
};
`,
  );
  const vsix = join(dir, 'empty-view.vsix');
  const r = spawnSync(join(repoRoot, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`vsce package (empty view) failed: ${(r.stdout ?? '') + (r.stderr ?? '')}`.slice(0, 600));
  return vsix;
}

/** Wall time (timeOrigin-based) of the first animation frame in which `view` shows `rows` rows. */
function rowsPainted(view: View, rows: number): string {
  return `(() => {
    const list = document.querySelectorAll('[id="workbench.view.extension.${view.container}"] .pane-body .monaco-list-row[aria-level="1"]');
    const shown = Array.from(list).filter((r) => r.getBoundingClientRect().height > 0).length;
    return shown >= ${rows} ? performance.timeOrigin + performance.now() : 0;
  })()`;
}

function containerShown(page: Page, id: string): Promise<boolean> {
  return page.evaluate<boolean>(`!!document.querySelector('[id="${id}"]')?.checkVisibility()`);
}

/**
 * Shows a container by its activity-bar entry, unless it is shown: a click on the entry of the
 * container shown hides the side bar (and no rows would ever paint).
 */
async function showContainer(page: Page, id: string, title: string): Promise<void> {
  if (!(await containerShown(page, id))) await page.locator(`.activitybar a.action-label[aria-label^="${title}"]`).first().click({ timeout: 60_000 });
}

async function clickTime(page: Page, view: View, rows: number): Promise<number> {
  // The workbench may restore the container last shown before the reload (its state is saved
  // when it gets round to it): the click would then hide it.
  await showContainer(page, 'workbench.view.explorer', 'Explorer');
  await page.evaluate(`window.__benchClick = 0; window.addEventListener('pointerdown', () => (window.__benchClick ||= performance.timeOrigin + performance.now()), { capture: true, once: true }); true`);
  await page.locator(`.activitybar a.action-label[aria-label^="${view.title}"]`).first().click({ timeout: 60_000 });
  const seen = (await (await page.waitForFunction(rowsPainted(view, rows), undefined, { polling: 'raf', timeout: 60_000 })).jsonValue()) as number;
  const clicked = await page.evaluate<number>('window.__benchClick');
  if (!clicked) throw new Error('the activity-bar click was not seen');
  return seen - clicked;
}

/** VS Code's own load in a reload: navigation → the workbench starts (its code loaded, storage and settings read). */
const WORKBENCH_STARTS = 'code/willStartWorkbench';

/**
 * The workbench's own marks between its start and the rows, logged per reload: the extension
 * host asked for, every extension's contributions handled, the side bar's container restored.
 */
const WORKBENCH_STEPS = ['code/willCreateSocket/ExtensionHost', 'code/didHandleExtensionPoints', 'code/didRestoreViewlet'];

interface ReloadTime {
  /** Navigation → rows painted. */
  total: number;
  /** Wall-clock navigation start and rows painted (epoch ms), to place the extension host's log lines. */
  navigation: number;
  rows: number;
}

async function reloadTime(page: Page, view: View, rows: number, log?: (m: string) => void): Promise<ReloadTime> {
  await page.reload({ waitUntil: 'domcontentloaded', timeout: 90_000 });
  const seen = (await (await page.waitForFunction(rowsPainted(view, rows), undefined, { polling: 'raf', timeout: 90_000 })).jsonValue()) as number;
  // The page's own load before the workbench starts, by Navigation Timing (the old window's
  // unload handlers, the HTML's answer, the document parsed), then the workbench's own steps.
  const { start, workbench, nav, steps } = await page.evaluate<{ start: number; workbench: number; nav: string; steps: string }>(`(() => {
    const n = performance.getEntriesByType('navigation')[0];
    const at = (name) => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? -1);
    return {
      start: performance.timeOrigin,
      workbench: performance.getEntriesByName('${WORKBENCH_STARTS}')[0]?.startTime ?? -1,
      nav: n ? ['unloadEventStart', 'unloadEventEnd', 'fetchStart', 'responseStart', 'responseEnd', 'domInteractive', 'domContentLoadedEventEnd'].map((k) => k + ' ' + Math.round(n[k])).join(', ') : 'none',
      steps: ${JSON.stringify(WORKBENCH_STEPS)}.map((k) => k.replace('code/', '') + ' ' + at(k)).join(', '),
    };
  })()`);
  // Wall-clock times, to read beside the extension host's logs (cold-logs/).
  log?.(`reload with ${view.title} open: navigation ${new Date(start).toISOString()}, workbench starts +${round(workbench)} ms, rows ${new Date(seen).toISOString()} (${nav}; ${steps})`);
  return { total: seen - start, navigation: start, rows: seen };
}

/** The owned part's figure: pairs whose activation both logs placed, else not measured. */
function ownPart(pairs: number[], part: { jobdeck: number[]; empty: number[] }): Measurement {
  const placed = pairs.filter((x) => !Number.isNaN(x));
  if (!placed.length) return notMeasured('reload.owned', "no reload's activation was found in the extension hosts' logs");
  const list = (xs: number[]) => xs.map((x) => (Number.isNaN(x) ? '?' : round(x))).join(', ');
  return measured('reload.owned', median(placed), { samples: placed, note: `activation → rows: Jobdeck ${list(part.jobdeck)} ms; empty view ${list(part.empty)} ms` });
}

async function settle(page: Page): Promise<void> {
  await page.locator('.activitybar a.action-label[aria-label^="Explorer"]').first().waitFor({ timeout: 90_000 });
  // The workbench restores and starts its extension host after first paint: let it finish.
  await sleep(4000);
}

/** The coin that draws a reload round's order (true: reversed): the emulator's seeded generator. */
export function coinFlips(seed: number): () => boolean {
  const random = prng(seed);
  return () => random() < 0.5;
}

/** Every figure this group gives, measured or not. */
export const COLD_VIEW_IDS = ['cold.jobdeck', 'cold.delta', 'reload.jobdeck', 'reload.delta', 'reload.owned'];

export async function coldView(o: { repoRoot: string; launcher: ColdViewLauncher; vsix: string; connections: BenchConnection[]; tokenEnv: string; token: string; rounds: number; reloadRounds?: number; quiet?: boolean; log: (m: string) => void }): Promise<Measurement[]> {
  try {
    const dir = o.launcher.tempDir('jobdeck-bench-cold-');
    const extensionsDir = join(dir, 'extensions');
    o.launcher.installExtension(o.vsix, extensionsDir, join(dir, 'data'));
    o.launcher.installExtension(emptyExtension(dir, o.repoRoot, o.connections.map((c) => c.name)), extensionsDir, join(dir, 'data'));
    const server = await o.launcher.startCodeServer({ dir, extensionsDir, settings: { 'jobdeck.connections': o.connections, 'workbench.startupEditor': 'none' }, env: { [o.tokenEnv]: o.token } });
    const browser = await o.launcher.launchBrowser();
    const { page } = await o.launcher.openWorkbenchPage(browser, server.workbenchUrl([['skipWelcome', 'true']]));
    const rows = o.connections.length;
    // Quiet: the first round's reload starts the window without them (round 1 reloads too).
    if (o.quiet) o.log(`cold view: built-ins off (${await disableBuiltIns(page, BUSY_BUILT_INS)}): ${BUSY_BUILT_INS.join(', ')}`);
    const cold = { jobdeck: [] as number[], empty: [] as number[] };
    const failures: string[] = [];
    for (let r = 0; r < o.rounds; r++) {
      try {
        await showContainer(page, 'workbench.view.explorer', 'Explorer');
        if (r > 0 || o.quiet) await page.reload({ waitUntil: 'domcontentloaded', timeout: 90_000 });
        await settle(page);
        const order: ['jobdeck' | 'empty', View][] = r % 2 ? [['jobdeck', JOBDECK], ['empty', EMPTY]] : [['empty', EMPTY], ['jobdeck', JOBDECK]];
        const got: Record<string, number> = {};
        for (const [k, view] of order) got[k] = await clickTime(page, view, rows);
        cold.jobdeck.push(got.jobdeck);
        cold.empty.push(got.empty);
        o.log(`cold view round ${r + 1}: Jobdeck ${round(got.jobdeck)} ms, empty ${round(got.empty)} ms`);
      } catch (e) {
        failures.push(`round ${r + 1}: ${(e as Error).message.split('\n')[0]}`);
        const shot = join(o.repoRoot, 'test-results', 'bench', `cold-round-${r + 1}.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        const entries = await page.evaluate<string>(`Array.from(document.querySelectorAll('.activitybar a.action-label')).map((a) => a.getAttribute('aria-label') + (a.checkVisibility() ? '' : ' (hidden)')).join(' | ')`).catch((x: Error) => x.message);
        o.log(`cold view round ${r + 1} failed: ${(e as Error).message.split('\n')[0]} (screenshot ${shot}; activity bar: ${entries})`);
      }
    }
    if (!cold.jobdeck.length) throw new Error(failures.join('; '));
    const reload = { jobdeck: [] as ReloadTime[], empty: [] as ReloadTime[] };
    // The order of each round is drawn at random. Alternating (J E, E J, …) is not enough: here
    // every third or fourth reload spends ≈ 0.9 s more before the workbench starts, whichever
    // view is open, and that period fell on one view's reloads more than the other's for a
    // whole run (+192 ms over 100 pairs one way, −663 ms over 30 the other).
    const seed = Number(process.env.JOBDECK_COLD_SEED ?? Date.now() % 2 ** 31);
    const reversed = coinFlips(seed);
    o.log(`cold view: reload order drawn with seed ${seed} (JOBDECK_COLD_SEED)`);
    for (let r = 0; r < (o.reloadRounds ?? o.rounds); r++) {
      const order = [['jobdeck', JOBDECK], ['empty', EMPTY]] as ['jobdeck' | 'empty', View][];
      for (const [k, view] of reversed() ? order.reverse() : order) {
        await showContainer(page, `workbench.view.extension.${view.container}`, view.title);
        await sleep(1000);
        reload[k].push(await reloadTime(page, view, rows, o.log));
        // What the rows looked like as they were first seen (for a person to look at).
        if (r === 0) await page.screenshot({ path: join(o.repoRoot, 'test-results', 'bench', `reload-${k}.png`) }).catch(() => undefined);
      }
      o.log(`reload round ${r + 1}: Jobdeck ${round(reload.jobdeck[r].total)} ms, empty ${round(reload.empty[r].total)} ms`);
    }
    const deltas = (a: number[], b: number[]) => a.map((x, i) => x - b[i]);
    const each = (f: (t: ReloadTime) => number) => ({ jobdeck: reload.jobdeck.map(f), empty: reload.empty.map(f) });
    const total = each((t) => t.total);
    // The part each extension owns: its activation began → its rows painted. Before it, the
    // extension host starts and VS Code handles every extension's contributions, both views'
    // alike (both are installed either way).
    const hosts = hostActivations(join(dir, 'data', 'logs'));
    const owned = (id: string, ts: ReloadTime[]) => ts.map((t) => t.rows - (activationIn(hosts, id, t.navigation, t.rows) ?? NaN));
    const part = { jobdeck: owned(JOBDECK.extension, reload.jobdeck), empty: owned(EMPTY.extension, reload.empty) };
    const unplaced = [...part.jobdeck, ...part.empty].filter((x) => Number.isNaN(x)).length;
    if (unplaced) o.log(`cold view: ${unplaced} reload(s) had no activation line in the extension hosts' logs`);
    // Where a reload's time goes, from VS Code's own logs (activation of each extension) and
    // Jobdeck's: kept for reading, as the profile of this row.
    // A copy that fails costs the note, not the measurements.
    const logs = join(o.repoRoot, 'test-results', 'bench', 'cold-logs');
    try {
      rmSync(logs, { recursive: true, force: true });
      cpSync(join(dir, 'data', 'logs'), logs, { recursive: true });
      o.log(`cold view: VS Code's and Jobdeck's logs of these rounds are in ${logs}`);
    } catch (e) {
      o.log(`cold view: could not keep the logs: ${(e as Error).message}`);
    }
    return [
      measured('cold.jobdeck', median(cold.jobdeck), { samples: cold.jobdeck, baseline: { name: 'minimal extension', value: median(cold.empty) }, note: `empty view samples ${cold.empty.map((x) => round(x)).join(', ')} ms${failures.length ? `; failed: ${failures.join('; ')}` : ''}` }),
      measured('cold.delta', median(deltas(cold.jobdeck, cold.empty)), { samples: deltas(cold.jobdeck, cold.empty) }),
      measured('reload.jobdeck', median(total.jobdeck), { samples: total.jobdeck, baseline: { name: 'minimal extension', value: median(total.empty) }, note: `empty view samples ${total.empty.map((x) => round(x)).join(', ')} ms` }),
      measured('reload.delta', median(deltas(total.jobdeck, total.empty)), { samples: deltas(total.jobdeck, total.empty) }),
      ownPart(deltas(part.jobdeck, part.empty), part),
    ];
  } catch (e) {
    const reason = (e as Error).message.split('\n')[0];
    o.log(`cold view failed: ${(e as Error).stack ?? reason}`);
    return COLD_VIEW_IDS.map((id) => notMeasured(id, reason));
  } finally {
    await o.launcher.cleanupAll();
  }
}
