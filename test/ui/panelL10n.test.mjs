// The job panel's page in another display language: the real page (dist/webview.js) in
// Chromium, under the HTML and CSP the extension makes for it (webviewHtml, with the bundle
// that vscode.l10n.bundle would hold), talking to a stand-in for the webview host
// (acquireVsCodeApi records what it posts). Asserted: the first paint is already in the
// bundle's words, job text stays text where it fills a placeholder, and without a bundle the
// page says it in English. Screenshot: test-results/screenshots/panel-l10n-de.png.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { launchBrowser, repoRoot } from '../vscode/launcher.mjs';
import { SCREENSHOTS } from './support/workbench.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
const { webviewHtml } = require(join(repoRoot, 'out', 'src', 'views', 'webviewHost', 'webviewHtml.js'));

const ORIGIN = 'https://jobdeck.test';
const GERMAN = {
  Nodes: 'Knoten',
  '{0} ({1})': '{0} ({1})',
  Id: 'Kennung',
  Timeline: 'Zeitverlauf',
  'Refresh now': 'Jetzt aktualisieren',
  Stop: 'Anhalten',
  'Show {0}': 'Zeige {0}',
  '{0} failed {1}': '{0} fehlgeschlagene {1}',
  nodes: 'Knoten',
  node: 'Knoten',
  'Loading job {0}…': 'Lade Auftrag {0}…',
};
/** A node name that reads like a placeholder and like markup: it must show as written. */
const NODE = '{0} <img src=x onerror=alert(1)>';
const ICONS = {
  pending: 'clock',
  running: 'sync',
  succeeded: 'pass',
  failed: 'error',
  stopped: 'circle-slash',
  stopping: 'sync',
  unknown: 'question',
};

function show(job) {
  return {
    type: 'show',
    connection: 'lab',
    jobId: '81',
    job,
    detailLoaded: job !== undefined,
    actions: ['stop'],
    icons: ICONS,
    now: Date.UTC(2026, 0, 31, 12),
  };
}

const JOB = {
  id: '81',
  name: 'nightly',
  state: 'failed',
  rawState: 'failed',
  startedAt: Date.UTC(2026, 0, 31, 11),
  finishedAt: Date.UTC(2026, 0, 31, 11, 5),
  timeline: [
    { state: 'running', rawState: 'running', enteredAt: Date.UTC(2026, 0, 31, 11) },
    { state: 'failed', rawState: 'failed', enteredAt: Date.UTC(2026, 0, 31, 11, 5) },
  ],
  targets: [
    { id: 'n1', name: NODE, kind: 'node', state: 'failed', rawState: 'failed', message: 'boom' },
    { id: 'n2', name: 'web-2', kind: 'node', state: 'succeeded', rawState: 'finished' },
  ],
};

describe('Panel page in the display language (@vscode/l10n, the bundle in data-l10n)', function () {
  this.timeout(180_000);
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close().catch(() => undefined);
  });

  async function openPage(bundle) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const html = webviewHtml({
      cspSource: ORIGIN,
      nonce: 'TjBuY2U',
      scriptUri: `${ORIGIN}/dist/webview.js`,
      styleUris: [`${ORIGIN}/dist/codicon.css`, `${ORIGIN}/media/panel.css`],
      locale: bundle ? 'de' : 'en',
      l10n: bundle,
    });
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/panel') return route.fulfill({ contentType: 'text/html', body: html });
      const type = path.endsWith('.js') ? 'text/javascript' : path.endsWith('.css') ? 'text/css' : 'font/ttf';
      return route.fulfill({ contentType: type, body: readFileSync(join(repoRoot, path.slice(1))) });
    });
    // The webview host's side of acquireVsCodeApi: what the page posts, kept for the test.
    await page.addInitScript(() => {
      window.posted = [];
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.posted.push(m),
        getState: () => undefined,
        setState: () => undefined,
      });
    });
    await page.goto(`${ORIGIN}/panel`);
    await page.waitForFunction(() => window.posted.some((m) => m.type === 'ready'));
    return { page, context, errors };
  }

  const post = (page, m) => page.evaluate((msg) => window.postMessage(msg, '*'), m);
  const renders = (page) => page.evaluate(() => window.posted.filter((m) => m.type === 'rendered').length);

  it('draws its first paint in the bundle’s words; job text fills placeholders as written', async () => {
    const { page, context, errors } = await openPage(GERMAN);
    // Before the job is known: the loading line.
    await post(page, show(undefined));
    await page.waitForFunction(() => window.posted.some((m) => m.type === 'rendered'));
    assert.equal((await page.locator('.job-header, .loading').first().textContent()).trim(), 'Lade Auftrag 81…');

    const before = await renders(page);
    await post(page, show(JOB));
    await page.waitForFunction((n) => window.posted.filter((m) => m.type === 'rendered').length > n, before);
    assert.equal(await page.locator('#targets-h').textContent(), 'Knoten (2)');
    assert.equal(await page.locator('#timeline-h').textContent(), 'Zeitverlauf');
    assert.equal(await page.locator('.meta dt').first().textContent(), 'Kennung');
    assert.equal(await page.locator('[data-key="action:refresh"]').getAttribute('title'), 'Jetzt aktualisieren');
    assert.equal((await page.locator('[data-key="action:stop"]').textContent()).trim(), 'Anhalten');
    assert.equal((await page.locator('#failure-h').textContent()).trim(), '1 fehlgeschlagene Knoten');
    // The node's name is an argument of 'Show {0}', never read as a template or as markup.
    assert.equal(await page.locator('.failed-list .link-button').first().getAttribute('title'), `Zeige ${NODE}`);
    assert.equal(await page.locator('img[src="x"], [onerror]').count(), 0);
    // Words the bundle does not translate stay English.
    assert.equal((await page.locator('th.c-name').textContent()).trim(), 'Name');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'panel-l10n-de.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('says it in English without a bundle (English VS Code)', async () => {
    const { page, context, errors } = await openPage(undefined);
    assert.equal(await page.locator('#app').getAttribute('data-l10n'), null);
    await post(page, show(JOB));
    await page.locator('#targets-h').waitFor();
    assert.equal(await page.locator('#targets-h').textContent(), 'Nodes (2)');
    assert.equal(await page.locator('#timeline-h').textContent(), 'Timeline');
    assert.equal((await page.locator('#failure-h').textContent()).trim(), '1 failed node');
    assert.equal(await page.locator('.failed-list .link-button').first().getAttribute('title'), `Show ${NODE}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
