// The job commands as a person uses them, on the jobs emulator: the launch wizard step by
// step (CDRouter and Puppet, with validation and Back), bulk delete from a multi-selection
// with its modal confirmation, and the tail output. Screenshots go to
// test-results/screenshots/commands-*.png.
import * as assert from 'node:assert/strict';
import { openWorkbench, sel } from './support/workbench.mjs';

const q = {
  title: '.quick-input-widget .quick-input-title',
  message: '.quick-input-widget .quick-input-message',
  back: '.quick-input-widget .quick-input-left-action-bar .action-label',
  rowLabels: '.quick-input-widget .quick-input-list .monaco-list-row .label-name',
  dialog: '.monaco-dialog-box',
};

describe('Job commands on the jobs emulator', function () {
  this.timeout(240_000);
  let wb;
  let page;

  before(async () => {
    wb = await openWorkbench({ emulator: { jobs: 30, seed: 11, speed: 1 }, name: 'ui-commands', settings: {} });
    page = wb.page;
    await wb.openJobdeckView();
  });
  after(async () => wb?.close());

  const box = () => page.locator(sel.quickInputBox);

  // A test that failed half-way must not leave its quick input or dialog to the next.
  afterEach(async () => {
    await control('POST', 'resume');
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
  });

  /** Waits for the quick input to show `placeholderOrPrompt` (RegExp against its text). */
  async function waitForStep(pattern) {
    const widget = page.locator(sel.quickInput);
    await widget.waitFor({ state: 'visible' });
    await page.waitForFunction(
      ([source, flags]) => {
        const w = document.querySelector('.quick-input-widget');
        if (!w || w.style.display === 'none') return false;
        const input = w.querySelector('.quick-input-box input');
        const text = `${w.textContent ?? ''} ${input?.getAttribute('placeholder') ?? ''} ${input?.getAttribute('aria-label') ?? ''}`;
        return new RegExp(source, flags).test(text);
      },
      [pattern.source, pattern.flags],
      { timeout: 30_000 },
    );
  }

  const command = (title) => wb.paletteCommand(title);

  /** The emulator's control API (pause/resume keep rows from changing under the mouse). */
  async function control(method, path) {
    const res = await fetch(`${wb.emulator.url}/_control/${path}`, { method });
    assert.ok(res.ok, `${method} ${path}: ${res.status}`);
    return res.json();
  }

  /** Types into the quick input (replacing what is there) and presses Enter. */
  async function answer(text) {
    await box().fill(text);
    await page.keyboard.press('Enter');
  }

  /** Picks the quick pick row whose label matches. */
  async function pick(label) {
    const row = page
      .locator(sel.quickInputRows)
      .filter({ has: page.locator('.label-name', { hasText: label }) })
      .first();
    await row.waitFor({ state: 'visible' });
    await row.click();
  }

  /** Waits until the job panel (a webview) shows `text`. */
  async function panelShows(text) {
    await page
      .frameLocator('iframe.webview.ready')
      .frameLocator('iframe')
      .getByText(text)
      .first()
      .waitFor({ state: 'visible' });
  }

  async function collapseAll() {
    await page.locator('.part.sidebar .title-actions .action-label[aria-label^="Collapse All"]').first().click();
  }

  async function expand(name) {
    const row = await wb.waitForRow(name);
    const expanded = await row.getAttribute('aria-expanded');
    if (expanded !== 'true') {
      await row.click();
      await page.keyboard.press('ArrowRight');
    }
    await page
      .locator(`${sel.rows}[aria-level="2"]`)
      .filter({ hasNotText: /Loading/ })
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
  }

  it('launches a CDRouter job through the wizard: choices, validation, Back, interface preview, then the job is selected and its panel opens', async () => {
    await command('Jobdeck: Launch Job…');
    await waitForStep(/Pick a connection|Launch a job on which connection/);
    await pick('demo-cdrouter');

    await waitForStep(/Pick the package/);
    await box().fill('dns');
    await page.locator(q.rowLabels).filter({ hasText: /dns/i }).first().waitFor({ state: 'visible' });
    await wb.screenshot('commands-launch-cdrouter-1-package');
    const pkgLabel = (await page.locator(q.rowLabels).first().innerText()).trim();
    await page.keyboard.press('Enter');

    await waitForStep(/Pick the device/);
    await answer('None');
    await waitForStep(/Pick the config/);
    await answer('None');

    await waitForStep(/Tags for the result/);
    await box().fill('ui-test, bad tag');
    await page
      .locator(q.message)
      .filter({ hasText: /"bad tag" is not a tag/ })
      .waitFor({ state: 'visible' });
    await wb.screenshot('commands-launch-cdrouter-2-tag-validation');
    await page.keyboard.press('Enter');
    // Refused: still on the tags step (4), with the problem shown. The extension host handles
    // the quick input's events in order, so once it has validated a value typed after the
    // Enter, it has handled the Enter too.
    await page.keyboard.type('x');
    await page
      .locator(q.message)
      .filter({ hasText: /"bad tagx" is not a tag/ })
      .waitFor({ state: 'visible' });
    assert.match(await page.locator(q.title).innerText(), /\(4\)/);
    assert.ok(
      await page
        .locator(q.message)
        .filter({ hasText: /is not a tag/ })
        .isVisible(),
    );
    await answer('ui-test, nightly');

    await waitForStep(/Tests to skip/);
    // Back: the tags step again, with what was typed.
    await page.locator(q.back).first().click();
    await waitForStep(/Tags for the result/);
    assert.equal(await box().inputValue(), 'ui-test, nightly', 'Back shows the earlier answer');
    await wb.screenshot('commands-launch-cdrouter-3-back');
    await page.keyboard.press('Enter');

    await waitForStep(/Tests to skip/);
    await page.keyboard.press('Enter');
    await waitForStep(/Begin at this test/);
    await page.keyboard.press('Enter');
    await waitForStep(/End at this test/);
    await page.keyboard.press('Enter');
    await waitForStep(/Extra CLI arguments/);
    await page.keyboard.press('Enter');

    await waitForStep(/Review, then pick Launch/);
    await page
      .locator(q.rowLabels)
      .filter({ hasText: /Interfaces this job will use|No interfaces|preview/ })
      .first()
      .waitFor({ state: 'visible' })
      .catch(() => {});
    await page
      .locator(sel.quickInputRows)
      .filter({ hasText: /eth|wlan|interface/i })
      .first()
      .waitFor({ state: 'visible' });
    const review = await page.locator(sel.quickInputRows).allInnerTexts();
    assert.ok(
      review.some((t) => /Tags/.test(t) && /ui-test, nightly/.test(t)),
      `review lists the tags: ${review.join(' | ')}`,
    );
    await wb.screenshot('commands-launch-cdrouter-4-review');
    await pick('Launch');

    await wb.waitForNotification(/Launched .* on demo-cdrouter/);
    const selected = page.locator(`${sel.rows}.selected`).first();
    await selected.waitFor({ state: 'visible' });
    assert.match(
      await selected.innerText(),
      new RegExp(pkgLabel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'),
      'the new job is selected in the tree',
    );
    await page
      .locator('.editor-group-container .tab')
      .filter({ hasText: new RegExp(pkgLabel, 'i') })
      .first()
      .waitFor({ state: 'visible' });
    await panelShows(/pending|running/);
    await wb.screenshot('commands-launch-cdrouter-5-launched');
  });

  it('launches a Puppet deploy through the wizard, and remembers its answers for next time', async () => {
    await command('View: Close All Editors');
    const runWizard = async (first) => {
      await command('Jobdeck: Launch Job…');
      await waitForStep(/Pick a connection|Launch a job on which connection/);
      await pick('demo-puppet');
      await waitForStep(/Pick the environment/);
      if (first) {
        await wb.screenshot('commands-launch-puppet-1-environment');
        await page.keyboard.press('Enter');
      } else {
        // The remembered environment is the active row: Enter keeps it.
        await page.keyboard.press('Enter');
      }
      await waitForStep(/Which nodes/);
      if (first) await pick('Nodes');
      else await page.keyboard.press('Enter');
      await waitForStep(/Nodes \(certnames\)/);
      if (first) {
        await box().fill('web1.example.net, "oops"');
        await page
          .locator(q.message)
          .filter({ hasText: /not a node name/ })
          .waitFor({ state: 'visible' });
        await answer('web1.example.net web2.example.net');
      } else {
        assert.equal(await box().inputValue(), 'web1.example.net, web2.example.net', 'nodes remembered');
        await page.keyboard.press('Enter');
      }
      await waitForStep(/no-op mode/);
      if (first) await pick('No-op');
      else await page.keyboard.press('Enter');
      await waitForStep(/How many nodes at once/);
      if (first) await answer('2');
      else await page.keyboard.press('Enter');
      await waitForStep(/Description/);
      if (first) await answer('UI test deploy');
      else await page.keyboard.press('Enter');
      await waitForStep(/Review, then pick Launch/);
      const review = (await page.locator(sel.quickInputRows).allInnerTexts()).join(' | ');
      assert.match(review, /2 nodes: web1\.example\.net, web2\.example\.net/);
      assert.match(review, /no-op/);
      assert.match(review, /UI test deploy/);
      if (first) await wb.screenshot('commands-launch-puppet-2-review');
      await pick('Launch');
      await wb.waitForNotification(/Launched .* on demo-puppet/);
    };
    await runWizard(true);
    await page.locator('.editor-group-container .tab').first().waitFor({ state: 'visible' });
    await panelShows(/UI test deploy/);
    await wb.screenshot('commands-launch-puppet-3-launched');
    await runWizard(false);
  });

  it('deletes a multi-selection after a modal confirmation naming the count and the connection', async () => {
    await control('POST', 'pause');
    await command('View: Close All Editors');
    await command('Notifications: Clear All Notifications');
    await collapseAll();
    await expand('demo-cdrouter');
    const jobRows = page.locator(`${sel.rows}[aria-level="2"]`).filter({ hasNotText: /Load more|Loading/ });
    await jobRows.nth(5).waitFor({ state: 'visible' });
    const before = await jobRows.count();
    const names = [];
    for (const i of [3, 4, 5]) names.push((await jobRows.nth(i).getAttribute('aria-label')) ?? '');
    await jobRows.nth(3).click();
    await jobRows.nth(5).click({ modifiers: ['Shift'] });
    assert.equal(await page.locator(`${sel.rows}[aria-level="2"].selected`).count(), 3, 'three rows selected');
    await jobRows.nth(4).click({ button: 'right' });
    // With several rows selected, VS Code offers what applies to all of them.
    const menuItem = page
      .locator('.context-view .action-item')
      .filter({ hasText: /^Delete Job/ })
      .first();
    await menuItem.waitFor({ state: 'visible' });
    await wb.screenshot('commands-bulk-delete-1-menu');
    await control('DELETE', 'log');
    await menuItem.click();
    const dialog = page.locator(q.dialog);
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), /Delete 3 jobs from demo-cdrouter\?/);
    await wb.screenshot('commands-bulk-delete-2-confirm');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await wb.waitForNotification(/Deleted 3 jobs from demo-cdrouter/);
    await wb.screenshot('commands-bulk-delete-3-done');
    const log = (await control('GET', 'log?dialect=cdrouter')).entries.filter((e) => e.method !== 'GET');
    assert.deepEqual(
      log.map((e) => [e.method, new URLSearchParams(e.query).get('bulk')]),
      [['POST', 'delete']],
      'one bulk request',
    );
    const labels = (await wb.treeRows()).filter((r) => r.level === 2).map((r) => r.label);
    for (const n of names) assert.ok(!labels.includes(n), `${n} left the tree`);
    assert.ok(before > 0);
  });

  it('the Delete key on a selected row asks to delete that job', async () => {
    await control('POST', 'pause');
    await collapseAll();
    await expand('demo-cdrouter');
    const row = page
      .locator(`${sel.rows}[aria-level="2"]`)
      .filter({ hasNotText: /Load more|Loading/ })
      .nth(2);
    const name = ((await row.getAttribute('aria-label')) ?? '').split(',')[0].trim();
    await row.click();
    // The click opens the job's panel, which takes the focus once it has loaded: give the
    // focus back to the tree row (still selected) as a keyboard user would.
    await page.locator('.editor-group-container .tab').filter({ hasText: name }).first().waitFor({ state: 'visible' });
    await panelShows(name);
    await command('Jobdeck: Focus on Jobs View');
    await page.locator(`${sel.rows}.focused.selected`).filter({ hasText: name }).first().waitFor({ state: 'visible' });
    await control('DELETE', 'log');
    await page.keyboard.press('Delete');
    const dialog = page.locator(q.dialog);
    await dialog.waitFor({ state: 'visible' });
    assert.match(
      await dialog.innerText(),
      new RegExp(`Delete ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(id \\d+\\) from demo-cdrouter\\?`),
    );
    await wb.screenshot('commands-delete-key');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Cancel wrote nothing: the row is still there (the store kept it), and the server saw no write.
    await page.locator(sel.rows).filter({ hasText: name }).first().waitFor({ state: 'visible' });
    const writes = (await control('GET', 'log?dialect=cdrouter')).entries.filter((e) => e.method !== 'GET');
    assert.deepEqual(writes, [], 'Cancel sent nothing');
  });

  it("Delete Jobs… from the palette and Delete Job from a row's context menu ask first; Cancel sends nothing", async () => {
    await control('POST', 'pause');
    await command('View: Close All Editors');
    await collapseAll();
    await expand('demo-cdrouter');
    await control('DELETE', 'log');
    // The palette: which connection, which jobs (all), then the question.
    await command('Jobdeck: Delete Jobs…');
    await waitForStep(/Delete jobs of which connection|Pick a connection/);
    await pick('demo-cdrouter');
    await waitForStep(/Which jobs/);
    await pick('All jobs');
    const dialog = page.locator(q.dialog);
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), /Delete all jobs from demo-cdrouter\?/);
    await wb.screenshot('commands-bulk-delete-palette-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // A row's context menu.
    const row = page
      .locator(`${sel.rows}[aria-level="2"]`)
      .filter({ hasNotText: /Load more|Loading/ })
      .nth(1);
    // The menu's click can be swallowed by a re-rendered row: the menu is opened again until
    // the question shows.
    await wb.actUntilShown(() => wb.contextMenu(row, /^Delete Job/), dialog, 'Delete Job from the context menu');
    assert.match(await dialog.innerText(), /Delete .* from demo-cdrouter\?/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const writes = (await control('GET', 'log?dialect=cdrouter')).entries.filter((e) => e.method !== 'GET');
    assert.deepEqual(writes, [], 'Cancel sent nothing');
  });

  it('a stack job queued for deletion but not active offers Delete Now (menu and panel), asks first, and is gone', async () => {
    await control('POST', 'pause');
    await command('View: Close All Editors');
    await collapseAll();
    const stack = wb.emulator.connections.find((c) => c.name === 'demo-stack');
    const api = (path, method = 'GET', body) =>
      fetch(`${stack.url.replace(/\/$/, '')}${path}`, {
        method,
        headers: { Authorization: 'Bearer demo-token', 'Content-Type': 'application/json' },
        body: body && JSON.stringify(body),
      });
    // Another client queues the first active job for deletion, then disables it (do_run false, do_del true).
    const job = (await (await api('/jobs?page=1')).json()).jobs.find((j) => j.do_run && !j.do_del && j.name);
    assert.ok(job, 'an active stack job');
    assert.deepEqual(await (await api(`/jobs/${job.id}`, 'DELETE')).json(), { queued_for_deletion: job.id });
    assert.equal((await api(`/jobs/${job.id}`, 'PUT', { enabled: false })).status, 200);
    await expand('demo-stack');
    await command('Jobdeck: Refresh');
    const row = page
      .locator(`${sel.rows}[aria-level="2"]`)
      .filter({ hasText: job.name })
      .filter({ hasText: 'queued for deletion' })
      .first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    // The panel: Delete Now instead of Delete.
    await row.click();
    await panelShows('Delete Now');
    await wb.screenshot('commands-delete-now-0-panel');
    // The row's context menu: Delete Now, no Delete Job.
    await row.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.waitFor({ state: 'visible' });
    const items = await menu.locator('.action-label').allInnerTexts();
    assert.ok(items.includes('Delete Now'), items.join(' | '));
    assert.ok(!items.some((t) => /^Delete Job/.test(t)), items.join(' | '));
    await wb.screenshot('commands-delete-now-1-menu');
    await control('DELETE', 'log');
    await menu
      .locator('.action-item')
      .filter({ hasText: /^Delete Now/ })
      .first()
      .click();
    const dialog = page.locator(q.dialog);
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), /Delete .* from demo-stack\?/);
    assert.match(await dialog.innerText(), /queued for deletion but not active/);
    await wb.screenshot('commands-delete-now-2-confirm');
    assert.deepEqual(
      (await control('GET', 'log?dialect=stack-jobs')).entries.filter((e) => e.method !== 'GET'),
      [],
      'nothing sent before the answer',
    );
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await row.waitFor({ state: 'hidden', timeout: 30_000 });
    const writes = (await control('GET', 'log?dialect=stack-jobs')).entries.filter((e) => e.method !== 'GET');
    assert.deepEqual(
      writes.map((e) => [e.method, e.status]),
      [['DELETE', 200]],
    );
    assert.equal((await api(`/jobs/${job.id}`)).status, 404, 'gone at the server');
    await wb.screenshot('commands-delete-now-3-gone');
  });

  it('tails a running Puppet job in its connection’s output channel and stops tailing', async () => {
    await control('POST', 'pause');
    await command('View: Close All Editors');
    await collapseAll();
    await expand('demo-puppet');
    const running = page
      .locator(`${sel.rows}[aria-level="2"]`)
      .filter({ has: page.locator('.codicon-sync, .codicon-sync-spin, .codicon-modifier-spin') })
      .first();
    await running.waitFor({ state: 'visible', timeout: 60_000 });
    const jobName = ((await running.getAttribute('aria-label')) ?? '').split(',')[0].trim();
    // The row's inline Tail Events action (a running row re-renders every poll, so a context
    // menu opened on it may be closed under the mouse).
    const inline = running.locator('.actions .action-label[aria-label^="Tail Events"]');
    // A refresh can re-create the row under a still mouse (no hover then): move onto it again,
    // as a person would.
    for (let i = 0; ; i++) {
      await page.mouse.move(0, 0);
      await running.hover();
      try {
        await inline.waitFor({ state: 'visible', timeout: 3_000 });
        break;
      } catch (e) {
        if (i === 9) throw e;
      }
    }
    await wb.screenshot('commands-tail-0-inline-action');
    await inline.click();
    const panel = page.locator('.part.panel');
    await panel.waitFor({ state: 'visible' });
    const lines = panel.locator('.monaco-editor .view-lines');
    // Event lines: one time (the event's own), the level, the job, the node in brackets, the message.
    const eventLine = /^\d{4}-\d\d-\d\d\s[\d:]+Z\s\[info\]\sjob\s\S+\s\[[\w.-]+\]\s\S/;
    const firstEvent = lines.locator('.view-line').filter({ hasText: eventLine }).first();
    await firstEvent.waitFor({ state: 'visible', timeout: 30_000 });
    // The channel follows its end; the first line may have scrolled away: go to the top, as a
    // person would (the cursor off the end also stops the following). A click on a line the
    // panel shows: the middle of the whole text area can lie under the editor area above it.
    await firstEvent.click();
    await page.keyboard.press('ControlOrMeta+Home');
    await lines
      .locator('.view-line')
      .filter({ hasText: `Following ${jobName}` })
      .first()
      .waitFor({ state: 'visible' });
    for (const text of await lines.locator('.view-line').allInnerTexts())
      if (text.trim())
        assert.doesNotMatch(text.replace(/\u00a0/g, ' '), /^\S+ \S+ \[\w+\] \d{4}-\d\d-\d\d/, 'one time a line');
    const status = page
      .locator('.statusbar-item')
      .filter({ hasText: /Tailing/ })
      .first();
    await status.waitFor({ state: 'visible' });
    assert.match(await status.innerText(), /Tailing/);
    // The output view shows the connection's tail channel (one for all its tails).
    const channel = await panel
      .locator('select.monaco-select-box, .monaco-select-box')
      .first()
      .evaluate((el) => el.value ?? el.getAttribute('title') ?? el.textContent);
    assert.match(String(channel), /Jobdeck Tail: demo-puppet$/, `channel ${channel}`);
    await wb.screenshot('commands-tail-1-output');
    // Back to the end, where the channel's last line will be.
    await lines.click();
    await page.keyboard.press('ControlOrMeta+End');
    await command('Jobdeck: Stop Tailing');
    await lines
      .filter({ hasText: /Stopped\sfollowing/ })
      .first()
      .waitFor({ state: 'visible' });
    await status.waitFor({ state: 'hidden' });
    await wb.screenshot('commands-tail-2-stopped');
  });
});
