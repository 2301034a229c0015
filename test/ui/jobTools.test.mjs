// Issue 21's five capabilities as a person uses them, in one code-server (one launch keeps CI
// short): Save Job Report… and Copy as Markdown from a CNaaS job's panel and the palette, Copy
// Link and the link opened through VS Code's own "Developer: Open URL" (and a hostile link
// refused), Open All Changes in the multi-diff editor, Compare Jobs from the palette (the
// Markdown preview and the per-device diffs), and a relaunched job watched with the Jobs view
// hidden until its finish notification. Screenshots go to test-results/screenshots/tools-*.png.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench, sel } from './support/workbench.mjs';
import { repoRoot } from '../vscode/launcher.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
// The compiled client (npm run compile) finds the jobs to act on, as the extension would.
const { connect } = require(join(repoRoot, 'out', 'src', 'client', 'registry.js'));
const { mdCell } = require(join(repoRoot, 'out', 'src', 'shared', 'jobReport', 'markdownSafe.js'));

const CNAAS = 'demo-cnaas';
const CDROUTER = 'demo-cdrouter';

describe('Job tools: report, link, all changes, compare, watch launched jobs', function () {
  this.timeout(300_000);
  let wb;
  let page;
  /** Two finished CNaaS syncs with diffs, earlier first. */
  let syncs;
  const out = mkdtempSync(join(tmpdir(), 'jobdeck-tools-'));

  before(async () => {
    wb = await openWorkbench({
      emulator: { jobs: 30, seed: 11, speed: 1 },
      name: 'ui-tools',
      settings: { 'jobdeck.pollInterval': 2, 'jobdeck.openPanelOnLaunch': false },
    });
    page = wb.page;
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await wb.openJobdeckView();
    const c = wb.emulator.connections.find((x) => x.name === CNAAS);
    const adapter = connect(c, { token: async () => 'demo-token' }).adapter;
    const found = [];
    for (const j of (await adapter.listJobs({ pageSize: 30 })).items) {
      if (j.state !== 'succeeded') continue;
      const d = await adapter.getJob(j.id);
      if (d.targets.some((t) => t.children?.some((s) => s.diff))) found.push(d);
    }
    // Two runs of one job function (two syncs) where there are, as an operator compares them.
    const same = found.find((x) => found.some((y) => y !== x && y.name === x.name));
    const pair = same ? found.filter((x) => x.name === same.name).slice(0, 2) : found.slice(0, 2);
    assert.equal(pair.length, 2, 'the emulator has two finished CNaaS jobs with diffs');
    syncs = pair.sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0));
  });
  after(async () => wb?.close());

  async function closeInputs() {
    for (
      let i = 0;
      i < 5 &&
      ((await page.locator(sel.quickInput).isVisible()) || (await page.locator('.monaco-dialog-box').isVisible()));
      i++
    )
      await page.keyboard.press('Escape');
  }
  beforeEach(closeInputs);

  /** The focus out of any webview (keys and F1 would go to the page). */
  async function unfocusWebview() {
    await page
      .locator(sel.quickInputBox)
      .waitFor({ state: 'hidden' })
      .catch(() => {});
    await page.locator('.part.sidebar .composite.title').first().click();
  }

  /** The page of the active job panel (VS Code nests it in two iframes). */
  const panelFrame = () => page.frameLocator('iframe.webview.ready').last().frameLocator('iframe');

  /** A palette command that asks for a connection, then a job by its id (a pick). */
  async function runOnJob(title, connection, ids) {
    await unfocusWebview();
    await wb.runCommand(title);
    const box = page.locator(sel.quickInputBox);
    await page.locator(sel.quickInputRows).filter({ hasText: 'demo-' }).first().waitFor();
    await box.fill(connection);
    await page.locator(sel.quickInputRows).filter({ hasText: connection }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator(sel.quickInputRows).filter({ hasText: 'id ' }).first().waitFor();
    for (const [k, id] of ids.entries()) {
      await box.fill(`id ${id}`);
      const row = page
        .locator(sel.quickInputRows)
        .filter({ hasText: new RegExp(`id ${id}( ·|$)`) })
        .first();
      await row.waitFor();
      if (ids.length === 1) {
        await row.click();
        continue;
      }
      // A click while the list is laid out again after the filter can be lost (clean clone:
      // "1 Selected" with the second row shown): the count says whether it took.
      const count = page.locator('.quick-input-widget .quick-input-count');
      for (let attempt = 0; attempt < 3; attempt++) {
        await row.locator('.monaco-checkbox, input[type=checkbox]').first().click();
        const took = await count
          .filter({ hasText: `${k + 1} Selected` })
          .waitFor({ timeout: 3_000 })
          .then(
            () => true,
            () => false,
          );
        if (took) break;
      }
    }
    if (ids.length > 1) await page.keyboard.press('Enter');
  }

  async function openPanel(id) {
    await unfocusWebview();
    await wb.runCommand('View: Close All Editors');
    await runOnJob('Jobdeck: Open Job…', CNAAS, [id]);
    const frame = panelFrame();
    await frame.locator('.job-header').waitFor();
    return frame;
  }

  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  const tabs = () =>
    page.locator('.tabs-container .tab .label-name').evaluateAll((els) => els.map((e) => e.textContent ?? ''));

  it('3. Save Job Report… from the panel writes Markdown a ticket can take; Copy as Markdown copies the same', async () => {
    const [a] = syncs;
    const frame = await openPanel(a.id);
    await frame.locator('button[data-action="saveReport"]').click();
    // The save dialog (VS Code's own, a quick input in the browser): the path, then Enter.
    const box = page.locator(sel.quickInputBox);
    await box.waitFor({ state: 'visible' });
    const file = join(out, 'report.md');
    await box.fill(file);
    // The dialog reads what was typed before it takes OK: press it until the dialog closes.
    const ok = page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ });
    for (let i = 0; i < 10 && (await box.isVisible()); i++) {
      // The dialog sets its own default path once it has read the folder, over what was typed:
      // the path is typed again until it stays.
      if ((await box.inputValue().catch(() => '')) !== file) {
        await box.fill(file);
        await page.waitForTimeout(300);
        continue;
      }
      await ok.click().catch(() => undefined);
      await box.waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
    }
    const toast = await wb.waitForNotification('Saved the report of job');
    await wb.screenshot('tools-report-saved');
    assert.ok(existsSync(file));
    const text = readFileSync(file, 'utf8');
    assert.match(text, new RegExp(`^# Job `));
    assert.match(text, /## Devices \(\d+\)/);
    for (const t of a.targets) assert.ok(text.includes(`| ${mdCell(t.name)}`), `a row for ${t.name}`);
    assert.match(text, /```diff\n@@ /);
    await toast.locator('.monaco-button', { hasText: 'Open' }).click();
    await page.locator('.tabs-container .tab', { hasText: 'report.md' }).waitFor();
    await wb.screenshot('tools-report-open');

    await runOnJob('Jobdeck: Copy as Markdown', CNAAS, [a.id]);
    await page.locator('.statusbar', { hasText: 'as Markdown' }).waitFor();
    const copied = await clipboard();
    const withoutStamp = (s) => s.replace(/Report made by Jobdeck on .*$/m, '');
    assert.equal(withoutStamp(copied), withoutStamp(text));
  });

  it("1. Copy Link from the panel; the link opens the job through VS Code's URI handling; a hostile link is refused", async () => {
    const [a] = syncs;
    const frame = await openPanel(a.id);
    await frame.locator('button[data-action="copyLink"]').click();
    await page.locator('.statusbar', { hasText: 'Copied a link' }).waitFor();
    const link = await clipboard();
    assert.match(link, /^[a-z-]+:\/\/jobdeck\.jobdeck\/job\?/);
    const params = new URL(link.replace(/^[a-z-]+:/, 'https:')).searchParams;
    assert.equal(params.get('id'), a.id);
    assert.equal(params.get('connection'), CNAAS);
    assert.ok(!/token/i.test(link));

    await unfocusWebview();
    await wb.runCommand('View: Close All Editors');
    const open = async (url) => {
      await unfocusWebview();
      await wb.runCommand('Developer: Open URL');
      const box = page.locator(sel.quickInputBox);
      await box.waitFor({ state: 'visible' });
      await box.fill(url);
      await page.keyboard.press('Enter');
      // VS Code asks before it hands a link to an extension.
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 10_000 }).then(
        () => dialog.locator('.monaco-button', { hasText: /^Open$/ }).click(),
        () => undefined,
      );
    };
    await open(link);
    await panelFrame().locator('.job-header').waitFor();
    await page.locator('.tabs-container .tab.active', { hasText: a.name }).waitFor();
    await wb.screenshot('tools-link-opened');

    await wb.runCommand('View: Close All Editors');
    const hostile = link.replace(/url=[^&]+/, `url=${encodeURIComponent('javascript:alert(1)')}`) + '&token=abc';
    await open(hostile);
    await wb.waitForNotification('Jobdeck did not open this link');
    await wb.screenshot('tools-link-refused');
    assert.deepEqual(await tabs(), [], 'no panel for a refused link');
  });

  it('4. All Changes from the panel opens every device diff in one multi-diff editor', async () => {
    const [a] = syncs;
    const frame = await openPanel(a.id);
    await frame.locator('button[data-action="allChanges"]').click();
    const tab = page.locator('.tabs-container .tab', { hasText: `Changes of job ${a.id}` });
    await tab.waitFor();
    const editor = page.locator('.multiDiffEditor, .multi-diff-editor').first();
    await editor.waitFor({ state: 'visible' });
    const steps = a.targets.flatMap((t) =>
      (t.children ?? []).filter((s) => s.diff).map((s) => `${t.name} › ${s.name}`),
    );
    await page.locator('.monaco-editor .view-line').first().waitFor();
    await wb.screenshot('tools-all-changes');
    const headers = await editor.evaluate((el) => el.textContent ?? '');
    assert.ok(
      steps.some((s) => headers.includes(s.split(' › ')[0])),
      `a device of ${steps.join(', ')} shows`,
    );
  });

  it('2. Compare Jobs from the palette: the comparison in the Markdown preview and the device diffs', async () => {
    const [a, b] = syncs;
    await unfocusWebview();
    await wb.runCommand('View: Close All Editors');
    await runOnJob('Jobdeck: Compare Jobs', CNAAS, [a.id, b.id]);
    const preview = page.locator('.tabs-container .tab', { hasText: /Preview Compare/ });
    await preview.waitFor({ timeout: 60_000 });
    const changes = page.locator('.tabs-container .tab', { hasText: `Devices: job ${a.id}` });
    await changes.waitFor();
    await preview.click();
    const doc = page.frameLocator('iframe.webview.ready').last().frameLocator('iframe');
    await doc.locator('table').nth(1).waitFor();
    const heading = await doc.locator('h2').first().textContent();
    assert.match(heading ?? '', /^Devices: \d+ of \d+ changed$/);
    const names = new Set([...a.targets, ...b.targets].map((t) => t.name));
    assert.equal(await doc.locator('table').nth(1).locator('tbody tr').count(), names.size);
    await wb.screenshot('tools-compare-preview');
    await changes.click();
    await page.locator('.multiDiffEditor, .multi-diff-editor').first().waitFor({ state: 'visible' });
    await wb.screenshot('tools-compare-devices');
  });

  it('5. A relaunched job is watched with the Jobs view hidden: status bar count, then the outcome with Open', async () => {
    await unfocusWebview();
    await wb.runCommand('View: Close All Editors');
    const c = wb.emulator.connections.find((x) => x.name === CDROUTER);
    const adapter = connect(c, { token: async () => 'demo-token' }).adapter;
    // The newest finished job: among the first rows of the palette's pick.
    const done = (await adapter.listJobs({ pageSize: 30, sort: { field: 'time', direction: 'desc' } })).items.find(
      (j) => j.state === 'succeeded' || j.state === 'failed',
    );
    assert.ok(done, 'a finished CDRouter job to relaunch');
    await runOnJob('Jobdeck: Relaunch Job', CDROUTER, [done.id]);
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    await dialog.locator('.monaco-button', { hasText: /^Relaunch$/ }).click();
    await wb.waitForNotification('Launched');
    // Nobody looks: the Explorer replaces the Jobs view, no panel is open.
    await wb.runCommand('View: Show Explorer');
    const item = page.locator('.statusbar-item', { hasText: '1 launched' });
    await item.waitFor();
    await wb.screenshot('tools-watch-running');
    const before = await (await fetch(`${wb.emulator.url}/_control/log?dialect=cdrouter`)).json();
    await new Promise((r) => setTimeout(r, 6_000));
    const after = await (await fetch(`${wb.emulator.url}/_control/log?dialect=cdrouter`)).json();
    const entries = (x) => (Array.isArray(x) ? x : x.entries);
    const reads = entries(after).length - entries(before).length;
    assert.ok(reads >= 1 && reads <= 4, `${reads} requests in 3 intervals of 2 s while one launched job runs`);
    await fetch(`${wb.emulator.url}/_control/step?ms=600000`, { method: 'POST' });
    const toast = await wb.waitForNotification(CDROUTER);
    await item.waitFor({ state: 'hidden' });
    await wb.screenshot('tools-watch-finished');
    await toast.locator('.monaco-button', { hasText: 'Open' }).click();
    await panelFrame().locator('.job-header').waitFor();
    await wb.screenshot('tools-watch-open');
  });
});
