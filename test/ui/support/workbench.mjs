// Helpers for UI tests: a real VS Code workbench (code-server) in headless Chromium with
// Jobdeck loaded, driven with Playwright as a person would. Used by test/ui/*.test.mjs,
// which runUi.mjs runs with mocha in plain Node.
//
//   const wb = await openWorkbench({ settings: { 'jobdeck.connections': [...] } });
//   await wb.openJobdeckView();
//   const rows = await wb.treeRows();          // [{ label, text, level, expanded }]
//   await wb.screenshot('connections');        // → test-results/screenshots/connections.png
//   await wb.close();
//
// Waits are on selectors with bounded timeouts, never fixed sleeps.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  repoRoot,
  startCodeServer,
  launchBrowser,
  openWorkbenchPage,
  devPayload,
  startEmulator,
  emulatorAvailable,
  keepLogs,
  DEMO_TOKEN,
  TOKEN_ENV,
} from '../../vscode/launcher.mjs';

export const SCREENSHOTS = join(repoRoot, 'test-results', 'screenshots');
/** Default timeout of every wait here (ms); the extension host can be slow on 2 cores. */
export const TIMEOUT = 30_000;

/** Selectors of the workbench parts the tests use. */
export const sel = {
  jobdeckActivity: '.activitybar a.action-label[aria-label^="Jobdeck"]',
  jobdeckViewlet: '[id="workbench.view.extension.jobdeck"]',
  rows: '[id="workbench.view.extension.jobdeck"] .pane-body .monaco-list-row',
  welcome: '[id="workbench.view.extension.jobdeck"] .welcome-view-content',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRows: '.quick-input-widget .quick-input-list .monaco-list-row',
  toasts: '.notifications-toasts .notification-toast',
};

const open = new Set();

/** Workbenches still open (runUi.mjs screenshots them when a test fails). */
export function openWorkbenches() {
  return [...open];
}

/**
 * Starts code-server (+ the emulator if asked) and opens the workbench in Chromium.
 * @param {{
 *   settings?: Record<string, unknown>,  // user settings; with emulator, jobdeck.connections defaults to the emulator's
 *   emulator?: boolean | { jobs?: number, seed?: number, speed?: number },
 *   env?: Record<string, string>,        // extra env for code-server and the extension host
 *   dev?: boolean,                       // load the repo as extension under development (default true)
 *   extensionsDir?: string,              // e.g. one with an installed VSIX
 *   name?: string,                       // used in log folder names
 * }} [opts]
 */
export async function openWorkbench(opts = {}) {
  let emulator;
  if (opts.emulator) {
    if (!emulatorAvailable())
      throw new Error('the jobs emulator is not built (out/test/emulator/index.js missing): run `npm run compile`');
    emulator = await startEmulator(typeof opts.emulator === 'object' ? opts.emulator : {});
  }
  const settings = { ...(opts.settings ?? {}) };
  if (emulator && !('jobdeck.connections' in settings)) settings['jobdeck.connections'] = emulator.connections;
  const server = await startCodeServer({
    settings,
    extensionsDir: opts.extensionsDir,
    env: { [TOKEN_ENV]: DEMO_TOKEN, JOBDECK_EMULATOR_URL: emulator?.url ?? '', ...(opts.env ?? {}) },
  });
  let browser;
  try {
    browser = await launchBrowser();
    const payload = opts.dev === false ? [['skipWelcome', 'true']] : devPayload(server);
    const { page, consoleLog } = await openWorkbenchPage(browser, server.workbenchUrl(payload));
    page.setDefaultTimeout(TIMEOUT);
    const wb = makeWorkbench({ page, server, browser, emulator, consoleLog, name: opts.name ?? 'ui' });
    open.add(wb);
    return wb;
  } catch (e) {
    await browser?.close().catch(() => {});
    await server.stop();
    await emulator?.stop().catch(() => {});
    throw e;
  }
}

function makeWorkbench({ page, server, browser, emulator, consoleLog, name }) {
  let closed = false;
  const wb = {
    page,
    server,
    emulator,
    /** Browser console errors and warnings, first line each. */
    consoleLog,

    /** Saves a full-page PNG to test-results/screenshots/<name>.png; returns its path. */
    async screenshot(shotName) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const path = join(SCREENSHOTS, `${shotName.replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path });
      return path;
    },

    /**
     * Merges `patch` into the user settings the way a person does: opens settings.json in
     * the editor, replaces its text, saves and closes it. (Writing the file from outside
     * is not picked up: code-server's workbench ignores those watcher events.)
     */
    async updateSettings(patch) {
      const file = join(server.dataDir, 'User', 'settings.json');
      const next = { ...JSON.parse(readFileSync(file, 'utf8')), ...patch };
      await wb.runCommand('Preferences: Open User Settings (JSON)');
      const editor = page.locator('.editor-group-container.active .monaco-editor').first();
      await editor.waitFor({ state: 'visible' });
      await editor.locator('.view-lines').click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      // One line of inserted text: no auto-closing or auto-indent gets in the way.
      await page.keyboard.insertText(JSON.stringify(next));
      await page.keyboard.press('ControlOrMeta+S');
      await waitForFile(() => {
        try {
          return JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))) === JSON.stringify(next);
        } catch {
          return false;
        }
      });
      await wb.runCommand('View: Close Editor');
    },

    /** Clicks the Jobdeck activity-bar entry unless its view is already showing. */
    async openJobdeckView() {
      const item = page.locator(sel.jobdeckActivity).first();
      await item.waitFor({ state: 'visible' });
      const viewlet = page.locator(sel.jobdeckViewlet);
      // The entry's item, not its label: the running-jobs badge sits over the label's middle,
      // and a click there is the item's like any other (as it is for a person).
      if (!(await viewlet.isVisible())) {
        await item.locator('xpath=..').click();
        // The entry toggles: when Jobdeck's own reveal (a launched job selected) opened the view
        // between the check and the click, the click closed it. The view's closed state is the
        // signal to open it once more.
        const shown = await viewlet
          .waitFor({ state: 'visible', timeout: 15_000 })
          .then(() => true)
          .catch(() => false);
        if (!shown) await item.locator('xpath=..').click();
      }
      await viewlet.waitFor({ state: 'visible' });
      // Either the tree or the welcome content is rendered once the view has its data.
      await page.locator(`${sel.rows}, ${sel.welcome}`).first().waitFor({ state: 'visible' });
    },

    /** Rows of the Jobs tree that are rendered now: aria-label, text, depth, expanded. */
    async treeRows() {
      return page.locator(sel.rows).evaluateAll((els) =>
        els.map((el) => ({
          label: el.getAttribute('aria-label') ?? '',
          text: (el.textContent ?? '').trim(),
          level: Number(el.getAttribute('aria-level') ?? 0),
          expanded: el.getAttribute('aria-expanded') === null ? undefined : el.getAttribute('aria-expanded') === 'true',
        })),
      );
    },

    /** Locator of the tree row whose aria-label or text contains `text` (string or RegExp). */
    treeRow(text) {
      let row = page.locator(sel.rows).filter({ hasText: text });
      if (typeof text === 'string') row = row.or(page.locator(`${sel.rows}[aria-label*=${JSON.stringify(text)}]`));
      return row.first();
    },

    /** Waits until a tree row matching `text` is visible; returns its locator. */
    async waitForRow(text, timeout = TIMEOUT) {
      const row = wb.treeRow(text);
      await row.waitFor({ state: 'visible', timeout });
      return row;
    },

    /** The welcome view (shown when jobdeck.connections is empty). */
    welcome() {
      return page.locator(sel.welcome);
    },

    /**
     * Runs a command by its palette title (e.g. "Jobdeck: Show Log") through F1, as a
     * person would: type, pick the entry whose label is exactly the title, Enter.
     */
    async runCommand(title, timeout = TIMEOUT) {
      const box = page.locator(sel.quickInputBox);
      // The palette can close right after it opened (clean clone: after a theme change, the
      // fill then waited 30 s on a hidden box): it is opened again, up to 3 times.
      for (let attempt = 1; ; attempt++) {
        if (!(await box.isVisible())) {
          await page
            .locator('.monaco-workbench')
            .first()
            .focus()
            .catch(() => {});
          await page.keyboard.press('F1');
        }
        await box.waitFor({ state: 'visible', timeout });
        const filled = await box.fill(`>${title}`, { timeout: 5_000 }).then(
          () => true,
          (e) => (attempt < 3 ? false : Promise.reject(e)),
        );
        if (filled) break;
      }
      const entry = page
        .locator(sel.quickInputRows)
        .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) })
        .first();
      await entry.waitFor({ state: 'visible', timeout });
      await entry.click();
      // The palette closes, or the command opens its own quick input (Add Connection…,
      // Developer: Open URL): the box then no longer holds the palette's ">title".
      const deadline = Date.now() + timeout;
      while (Date.now() < deadline) {
        if (!(await box.isVisible())) return;
        const value = await box.inputValue().catch(() => '');
        if (!value.startsWith('>')) return;
        await page.waitForTimeout(50);
      }
    },

    /**
     * Runs a palette command through the command center, which opens the quick input wherever
     * the focus is (F1 would go to a focused webview). A panel that finishes loading can take
     * the focus and close the palette: then it is opened again (up to 3 times).
     */
    async paletteCommand(title) {
      const box = page.locator(sel.quickInputBox);
      await attempts(page, 3, async () => {
        if (!(await box.isVisible())) await page.locator('.command-center .command-center-quick-pick').first().click();
        await box.waitFor({ state: 'visible', timeout: 5_000 });
        await wb.runCommand(title, 5_000);
      });
    },

    /**
     * Does `act` until `shown` becomes visible (up to 3 times): a tree row re-rendered under
     * the pointer by a poll swallows a click, and a person would simply click again.
     */
    async actUntilShown(act, shown, what, timeout = 10_000) {
      for (let attempt = 1; ; attempt++) {
        await act();
        const seen = await shown
          .waitFor({ state: 'visible', timeout })
          .then(() => true)
          .catch(() => false);
        if (seen) return;
        if (attempt === 3) throw new Error(`${what}: nothing showed after 3 tries`);
      }
    },

    /**
     * Right-clicks `row` and clicks the menu entry matching `item`. A poll that re-renders the
     * row can eat the right-click (no menu) or the entry's click (the menu stays open): each is
     * done again, up to 3 times. `beforeClick` runs with the menu open (a screenshot).
     */
    async contextMenu(row, item, beforeClick) {
      const entry = page.locator('.context-view .action-item').filter({ hasText: item }).first();
      await wb.actUntilShown(
        async () => {
          if (await page.locator('.context-view .monaco-menu').isVisible()) await page.keyboard.press('Escape');
          await row.waitFor({ state: 'visible', timeout: 60_000 });
          await row.click({ button: 'right' });
        },
        entry,
        `the context menu of a row with "${item}"`,
      );
      await beforeClick?.();
      await entry.click();
      const menu = page.locator('.context-view .monaco-menu');
      for (let i = 0; i < 3 && (await menu.isVisible()); i++)
        await menu.waitFor({ state: 'hidden', timeout: 2_000 }).catch(async () => {
          if (await entry.isVisible()) await entry.click();
        });
    },

    /** Texts of the notification toasts showing now. */
    async notifications() {
      return page
        .locator(`${sel.toasts} .notification-list-item-message`)
        .evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
    },

    /** Waits for a notification toast containing `text`; returns its locator. */
    async waitForNotification(text, timeout = TIMEOUT) {
      const toast = page.locator(sel.toasts).filter({ hasText: text }).first();
      await toast.waitFor({ state: 'visible', timeout });
      return toast;
    },

    /** Copies code-server's and VS Code's logs into test-results/logs/<name>. */
    keepLogs(logName = name) {
      return keepLogs(server, logName);
    },

    /** Closes the browser, code-server (whole process group) and the emulator. */
    async close() {
      if (closed) return;
      closed = true;
      open.delete(wb);
      await browser.close().catch(() => {});
      await server.stop();
      await emulator?.stop().catch(() => {});
    },
  };
  return wb;
}

async function waitForFile(check, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('settings.json was not saved');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs `fn` up to `n` times, pressing Escape (closing what a failed try left open) between tries. */
async function attempts(page, n, fn) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt === n) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
