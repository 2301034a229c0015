// The endpoints users could not reach before, driven as a person would in a real VS Code:
// Show Report from a Puppet job's context menu, the seed's finished Puppet job in its panel
// (never "0 / 5"), CNaaS's abort with a reason, CDRouter's "stop at the end of the test",
// Edit Job on a stack job, and the filter's server fields. Against the living emulator and a
// seed-exact one side by side. Screenshots: test-results/screenshots/reachable-*.png.
import * as assert from 'node:assert/strict';
import { openWorkbench, sel } from './support/workbench.mjs';
import { startEmulator, TOKEN_ENV } from '../vscode/launcher.mjs';

const q = {
  rowLabels: '.quick-input-widget .quick-input-list .monaco-list-row .label-name',
  dialog: '.monaco-dialog-box',
  menuItem: '.context-view .action-item',
};

describe('Endpoints reached from the UI (living and seed-exact emulators)', function () {
  this.timeout(300_000);
  let wb;
  let page;
  let living;
  let seed;

  before(async () => {
    living = await startEmulator({ jobs: 40, seed: 7, speed: 1 });
    seed = await startEmulator({ mode: 'seed-exact' });
    const seedConnections = seed.connections.map((c) => ({ ...c, name: c.name.replace(/^demo-/, 'seed-') }));
    wb = await openWorkbench({
      name: 'ui-reachable',
      settings: {
        'jobdeck.connections': [...living.connections, ...seedConnections],
        'jobdeck.openPanelOnLaunch': false,
      },
    });
    page = wb.page;
    await control(living, 'POST', 'pause');
    await wb.openJobdeckView();
  });
  after(async () => {
    await wb?.close();
    await living?.stop();
    await seed?.stop();
  });

  beforeEach(async () => {
    for (
      let i = 0;
      i < 5 &&
      ((await page.locator(sel.quickInput).isVisible()) ||
        (await page.locator(q.dialog).isVisible()) ||
        (await page.locator('.context-view .monaco-menu').isVisible()));
      i++
    ) {
      await page.keyboard.press('Escape');
      await page.waitForTimeout(200);
    }
    // One panel at a time: the page locators below look into the visible webview.
    await command('View: Close All Editor Groups');
    await page.locator('.part.sidebar .title-actions .action-label[aria-label^="Collapse All"]').first().click();
  });

  const command = (title) => wb.paletteCommand(title);

  async function control(emu, method, path) {
    const res = await fetch(`${emu.url}/_control/${path}`, { method });
    assert.ok(res.ok, `${method} ${path}: ${res.status}`);
    return res.json();
  }

  async function expand(name) {
    const row = await wb.waitForRow(name);
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.click();
      await page.keyboard.press('ArrowRight');
    }
    await page
      .locator(`${sel.rows}[aria-level="2"]`)
      .filter({ hasNotText: /Loading/ })
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
  }

  /** Right-clicks the first job row whose text matches, clicks `item` in its menu; returns the row's job name. */
  async function contextMenu(match, item, shot) {
    const row = page.locator(`${sel.rows}[aria-level="2"]`).filter({ hasText: match }).first();
    await wb.contextMenu(row, item, shot && (() => wb.screenshot(shot)));
    return ((await row.getAttribute('aria-label')) ?? '').split(',')[0].trim();
  }

  async function waitForQuickInput(pattern) {
    await page.locator(sel.quickInput).waitFor({ state: 'visible' });
    await page.waitForFunction(
      ([source]) => {
        const w = document.querySelector('.quick-input-widget');
        const input = w?.querySelector('.quick-input-box input');
        return (
          !!w &&
          new RegExp(source).test(
            `${w.textContent ?? ''} ${input?.getAttribute('placeholder') ?? ''} ${input?.getAttribute('aria-label') ?? ''}`,
          )
        );
      },
      [pattern.source],
    );
  }

  const panel = () => page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe');

  /** Clicks a job row until its panel's tab shows. */
  async function openPanel(match, title) {
    const row = page.locator(`${sel.rows}[aria-level="2"]`).filter({ hasText: match }).first();
    const tab = page.locator('.editor-group-container .tab').filter({ hasText: title }).first();
    await wb.actUntilShown(() => row.click(), tab, `a click on the job row ${match}`);
  }

  it("the seed's finished Puppet job: its panel header counts the nodes against node_count, never 0 / 5; Show Report opens its report", async () => {
    await expand('seed-puppet');
    await openPanel('1234', '1234');
    const header = panel().locator('.job-header');
    await header.getByText('finished').first().waitFor({ state: 'visible' });
    const progress = panel().locator('.job-header .progress');
    await progress.waitFor({ state: 'visible' });
    const text = (await progress.innerText()).trim();
    assert.match(text, /of 5$/, text);
    assert.doesNotMatch(text, /^0 \/ 5/);
    await wb.screenshot('reachable-1-seed-puppet-header');
    await panel().locator('button[data-action="report"]').click();
    const editor = page.locator('.editor-group-container .tab').filter({ hasText: 'Report of job 1234' }).first();
    await editor.waitFor({ state: 'visible' });
    await page
      .locator('.monaco-editor .view-lines')
      .filter({ hasText: 'wss6c3w9wngpycg.example.com' })
      .first()
      .waitFor({ state: 'visible' });
    await wb.screenshot('reachable-2-seed-puppet-report');
    await page.keyboard.press('Escape');
  });

  it('a finished Puppet job of the living emulator: header counts, and Show Report from the context menu', async () => {
    await expand('demo-puppet');
    const name = await contextMenu(/finished/, 'Show Report', 'reachable-3-puppet-menu');
    await page
      .locator('.editor-group-container .tab')
      .filter({ hasText: `Report of job ${name}` })
      .first()
      .waitFor({ state: 'visible' });
    await page
      .locator('.monaco-editor .view-lines')
      .filter({ hasText: 'State: finished' })
      .first()
      .waitFor({ state: 'visible' });
    await wb.screenshot('reachable-4-puppet-report');
    await openPanel(name, name);
    const progress = panel().locator('.job-header .progress');
    await progress.waitFor({ state: 'visible' });
    const text = (await progress.innerText()).trim();
    const m = /^(\d+) finished(?: · (\d+) \w+)* of (\d+)$/.exec(text) ?? /of (\d+)$/.exec(text);
    assert.ok(m, text);
    assert.doesNotMatch(text, /^0 /);
    await wb.screenshot('reachable-5-puppet-header');
  });

  it('Stop Job on a running CNaaS job asks why, confirms "Abort", and the job goes ABORTING', async () => {
    await expand('demo-cnaas');
    const name = await contextMenu(/RUNNING/, 'Stop Job', 'reachable-6-cnaas-menu');
    await waitForQuickInput(/Why\? The server keeps the reason/);
    await page.locator(sel.quickInputBox).fill('change window closed');
    await wb.screenshot('reachable-7-cnaas-reason');
    await page.keyboard.press('Enter');
    const dialog = page.locator(q.dialog);
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), new RegExp(`Abort ${name}.* on demo-cnaas\\?`));
    assert.match(await dialog.innerText(), /Reason: change window closed/);
    await wb.screenshot('reachable-8-cnaas-confirm');
    await dialog.getByRole('button', { name: 'Abort' }).click();
    await wb.waitForNotification(/Asked demo-cnaas to stop .*; it is now ABORTING/);
    await wb.screenshot('reachable-9-cnaas-aborting');
    const puts = (await control(living, 'GET', 'log?dialect=cnaas-nms')).entries.filter((e) => e.method === 'PUT');
    assert.equal(puts.length, 1);
    assert.equal(puts[0].status, 200);
  });

  it('Stop Job on a running CDRouter job offers now / end of test / end of loop', async () => {
    await expand('demo-cdrouter');
    await contextMenu(/running/, 'Stop Job');
    await waitForQuickInput(/When should it stop\?/);
    const labels = await page.locator(q.rowLabels).allInnerTexts();
    assert.deepEqual(
      labels.map((l) => l.trim()),
      ['Stop now', 'Stop at the end of the current test', 'Stop at the end of the current loop'],
    );
    await wb.screenshot('reachable-10-cdrouter-when');
    await page.locator(sel.quickInputRows).filter({ hasText: 'end of the current test' }).first().click();
    const dialog = page.locator(q.dialog);
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), /at the end of its current test\?/);
    await dialog.getByRole('button', { name: 'Stop' }).click();
    await wb.waitForNotification(/Asked demo-cdrouter to stop .* at the end of its current test; it is now running/);
    const posts = (await control(living, 'GET', 'log?dialect=cdrouter')).entries.filter((e) => e.method === 'POST');
    assert.equal(new URLSearchParams(posts.at(-1).query).get('when'), 'end-of-test');
  });

  it('Edit Job… on a stack job offers its name, schedule and stack', async () => {
    await expand('demo-stack');
    await contextMenu(/scheduled|disabled/, 'Edit Job…');
    // The menu closes when VS Code takes the click; then the command asks. If it does not, the
    // message says what the window showed instead (a toast, or a menu still open).
    await page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden' });
    try {
      await page.locator(sel.quickInput).waitFor({ state: 'visible', timeout: 20_000 });
    } catch (e) {
      const toasts = await page.locator('.notification-toast').allInnerTexts();
      throw new Error(`Edit Job… asked nothing; toasts: ${JSON.stringify(toasts)}; ${e.message}`, { cause: e });
    }
    await waitForQuickInput(/What to change\?/);
    // Each row's label (its detail, "now: …", renders as a label too).
    const labels = (await page.locator(q.rowLabels).allInnerTexts())
      .map((l) => l.trim())
      .filter((l) => !l.startsWith('now:'));
    assert.deepEqual(labels, ['Name', 'Schedule', 'Stack']);
    await wb.screenshot('reachable-11-stack-edit');
    await page.keyboard.press('Escape');
  });

  it("the filter's step 4 offers beacon's own list filters", async () => {
    const row = await wb.waitForRow('demo-beacon');
    await row.hover();
    await row.locator('.action-label[aria-label^="Filter Jobs"]').click();
    await waitForQuickInput(/1\/4\): states/);
    await page.keyboard.press('Enter');
    await waitForQuickInput(/2\/4\): text/);
    await page.keyboard.press('Enter');
    await waitForQuickInput(/3\/4\): owner/);
    await page.keyboard.press('Enter');
    await waitForQuickInput(/4\/4\): server filters/);
    const labels = (await page.locator(q.rowLabels).allInnerTexts()).map((l) => l.trim());
    assert.ok(
      ['Beacon name', 'Job name', 'Result', 'Current task'].every((l) => labels.includes(l)),
      labels.join(', '),
    );
    await wb.screenshot('reachable-12-beacon-filter');
    await page.keyboard.press('Escape');
  });
});

void TOKEN_ENV;
