// A job named like a command link, as anyone on a shared server may name one, driven through
// its life in a real workbench: launched through the wizard (stack jobs and beacon), stopped,
// deleted, and moved by worker calls until it finishes. At every step the notification toasts
// and modal dialogs that name it are read from the DOM: VS Code renders `[label](command:…)`
// in them as a clickable link, and `$(icon)` in quick input titles and rows as an icon; here
// there must be neither. Screenshots: test-results/screenshots/links-*.png.
import * as assert from 'node:assert/strict';
import { openWorkbench, sel } from './support/workbench.mjs';

const NAME = '$(alert) [Re-authenticate](command:jobdeck.bulkDelete)';
const MARK = 'Re-authenticate';

const q = {
  title: '.quick-input-widget .quick-input-title',
  rowLabels: '.quick-input-widget .quick-input-list .monaco-list-row .label-name',
  dialog: '.monaco-dialog-box',
};

describe('A job named like a command link (notification and dialog DOM)', function () {
  this.timeout(420_000);
  let wb;
  let page;
  /** Every toast and dialog that named the job, as read when it showed. */
  const seen = [];

  before(async () => {
    wb = await openWorkbench({
      emulator: { jobs: 20, seed: 5, speed: 1 },
      name: 'ui-command-links',
      settings: { 'jobdeck.openPanelOnLaunch': false },
    });
    page = wb.page;
    await wb.openJobdeckView();
  });
  after(async () => wb?.close());

  const box = () => page.locator(sel.quickInputBox);

  const command = (title) => wb.paletteCommand(title);

  async function waitForStep(pattern) {
    await page.waitForFunction(
      ([source, flags]) => {
        const w = document.querySelector('.quick-input-widget');
        if (!w || w.style.display === 'none') return false;
        const input = w.querySelector('.quick-input-box input');
        return new RegExp(source, flags).test(
          `${w.textContent ?? ''} ${input?.getAttribute('placeholder') ?? ''} ${input?.getAttribute('aria-label') ?? ''}`,
        );
      },
      [pattern.source, pattern.flags],
      { timeout: 30_000 },
    );
  }

  async function pick(label, timeout = 30_000) {
    const row = page
      .locator(sel.quickInputRows)
      .filter({ has: page.locator('.label-name', { hasText: label }) })
      .first();
    await row.waitFor({ state: 'visible', timeout });
    await row.click({ timeout });
  }

  async function answer(text) {
    await box().fill(text);
    await page.keyboard.press('Enter');
  }

  /**
   * What the workbench shows that names the job: notification messages and dialog texts, with
   * the links and icons VS Code made of them. Checked as they show (toasts go away).
   */
  async function shownNamingTheJob() {
    return page.evaluate((mark) => {
      const out = [];
      const parts = [
        ...[
          ...document.querySelectorAll(
            '.notifications-toasts .notification-list-item-message, .notifications-center .notification-list-item-message',
          ),
        ].map((el) => ['notification', el]),
        ...[
          ...document.querySelectorAll(
            '.monaco-dialog-box .dialog-message-text, .monaco-dialog-box .dialog-message-detail, .monaco-dialog-box .dialog-message',
          ),
        ].map((el) => ['dialog', el]),
        ...[
          ...document.querySelectorAll(
            '.quick-input-widget .quick-input-title, .quick-input-widget .quick-input-message, .quick-input-widget .monaco-list-row',
          ),
        ].map((el) => ['quick input', el]),
      ];
      for (const [where, el] of parts) {
        const text = el.textContent ?? '';
        if (!text.includes(mark)) continue;
        out.push({
          where,
          text: text.slice(0, 240),
          // Links VS Code made (a quick pick row's label is an <a> without href: not a link).
          links: [...el.querySelectorAll('a[href], a.monaco-link, [role="link"]')].map(
            (a) => a.getAttribute('href') ?? a.getAttribute('data-href') ?? a.textContent,
          ),
          commandLinks: el.querySelectorAll('a[href^="command:" i], [data-href^="command:" i]').length,
          icons: el.querySelectorAll('.codicon-alert').length,
        });
      }
      return out;
    }, MARK);
  }

  /** Waits until something naming the job shows where expected, checks it, and keeps it. */
  async function expectInert(where, pattern, shot) {
    let found;
    const deadline = Date.now() + 60_000;
    for (;;) {
      found = (await shownNamingTheJob()).filter(
        (f) => f.where === where && pattern.test(f.text.replace(/\u2060/g, '')),
      );
      if (found.length) break;
      if (Date.now() > deadline)
        assert.fail(
          `no ${where} naming the job and matching ${pattern}; shown: ${JSON.stringify(await shownNamingTheJob())}`,
        );
      await page.waitForTimeout(200);
    }
    for (const f of found) {
      assert.deepEqual(f.links, [], `${where} "${f.text}": links ${JSON.stringify(f.links)}`);
      assert.equal(f.commandLinks, 0, `${where}: a command link`);
      assert.equal(f.icons, 0, `${where} "${f.text}": $(alert) became an icon`);
      // The name reads as it is (the word joiner that breaks the syntax shows nothing).
      assert.ok(
        f.text.replace(/\u2060/g, '').includes('[Re-authenticate](command:jobdeck.bulkDelete)'),
        `${where} shows the name as text: ${f.text}`,
      );
    }
    seen.push(...found);
    if (shot) await wb.screenshot(shot);
  }

  async function dialogButton(label) {
    await page.locator(q.dialog).getByRole('button', { name: label, exact: true }).click();
    await page.locator(q.dialog).waitFor({ state: 'hidden' });
  }

  async function jobRow(connection) {
    const conn = await wb.waitForRow(connection);
    // Collapse All is drawn a moment later: its aria-expanded is read only once it has been.
    // A launch reveals its new job, and a reveal that lands after the click expands the
    // connection again: then it is clicked again.
    await wb.actUntilShown(
      () => page.locator('.part.sidebar .title-actions .action-label[aria-label^="Collapse All"]').first().click(),
      conn.and(page.locator('[aria-expanded="false"]')),
      `collapsing ${connection}`,
    );
    const row = page.locator(`${sel.rows}[aria-level="2"]`).filter({ hasText: MARK }).first();
    // A poll that re-renders the row under the pointer can swallow the click: clicked again.
    await wb.actUntilShown(
      async () => {
        if ((await conn.getAttribute('aria-expanded')) !== 'true') await conn.click();
      },
      row,
      `expanding ${connection}`,
      20_000,
    );
    return row;
  }

  const contextMenu = (row, item) => wb.contextMenu(row, item);

  it('stack jobs: launched through the wizard, stopped and deleted; no toast or dialog holds a link', async () => {
    await command('Jobdeck: Launch Job…');
    await waitForStep(/Pick a connection|Launch a job on which connection/);
    await pick('demo-stack');
    await waitForStep(/Pick the schedule/);
    await page.keyboard.press('Enter');
    await waitForStep(/Pick the stack/);
    await page.keyboard.press('Enter');
    await waitForStep(/Name of the job/);
    await answer(NAME);
    await waitForStep(/Run it on its schedule/);
    await pick('Enabled');
    await waitForStep(/Review, then pick Launch/);
    await expectInert('quick input', /Name/, 'links-1-stack-review');
    await pick('Launch');
    await expectInert('notification', /^Launched .* on demo-stack/, 'links-2-stack-launched');

    const row = await jobRow('demo-stack');
    await contextMenu(row, /^Stop Job/);
    await expectInert('dialog', /Stop .* on demo-stack\?/, 'links-3-stack-stop-question');
    await dialogButton('Stop');
    await expectInert('notification', /Asked demo-stack to stop/, 'links-4-stack-stopped');

    await contextMenu(await jobRow('demo-stack'), /^Delete Job/);
    await expectInert('dialog', /Delete .* from demo-stack\?/);
    await dialogButton('Delete');
    await expectInert(
      'notification',
      /Deleted .* from demo-stack|queued for deletion on demo-stack/,
      'links-5-stack-deleted',
    );
  });

  it('beacon: launched, picked up, started and ended by worker calls until it finishes; no toast, dialog or title holds a link or icon', async () => {
    await command('Notifications: Clear All Notifications');
    await command('Jobdeck: Launch Job…');
    await waitForStep(/Pick a connection|Launch a job on which connection/);
    await pick('demo-beacon');
    await waitForStep(/Name of the job/);
    await answer(NAME);
    await waitForStep(/Pick the beacon/);
    await pick('None');
    await waitForStep(/Tasks as a JSON array/);
    await answer('[{"command": "true"}]');
    await waitForStep(/Whose job is it/);
    await pick('Mine');
    await waitForStep(/When should it run/);
    await pick('Queue now');
    await waitForStep(/Eligible to run from/);
    await answer('');
    await waitForStep(/Review, then pick Launch/);
    await pick('Launch');
    await expectInert('notification', /^Launched .* on demo-beacon/, 'links-6-beacon-launched');

    for (const [item, button] of [
      ['Pick up', 'Pick up'],
      ['Start', 'Start'],
      ['End, with results', 'End'],
    ]) {
      // A quick pick closes when the window moves focus. On a loaded clean-clone run this one
      // closed before its row was clicked, for a cause not found (VS Code's reveal with
      // focus: false takes no DOM focus): then it is asked for again, as a person would; nothing
      // has been written yet.
      for (let attempt = 1; ; attempt++) {
        await contextMenu(await jobRow('demo-beacon'), /^Worker Action/);
        await waitForStep(/Which worker call/);
        // The pick's title is the job's name: its $(alert) must not become an icon.
        await expectInert(
          'quick input',
          /Re-authenticate/,
          button === 'Pick up' && attempt === 1 ? 'links-7-beacon-worker-pick' : undefined,
        );
        try {
          await pick(item, attempt < 3 ? 10_000 : 30_000);
          break;
        } catch (e) {
          if (attempt === 3) throw e;
          console.log(`      the worker call pick closed before "${item}" was clicked (attempt ${attempt}): again`);
          await page.keyboard.press('Escape');
        }
      }
      if (button === 'End') {
        await waitForStep(/Results as a JSON array/);
        await page.keyboard.press('Enter');
      }
      await expectInert(
        'dialog',
        new RegExp(`^${button} .* on demo-beacon\\?`),
        button === 'End' ? 'links-8-beacon-end-question' : undefined,
      );
      await dialogButton(button);
      await expectInert('notification', /on demo-beacon is now/);
    }
    // It has finished: the notification Jobdeck gives for a job it launched.
    await expectInert('notification', /^demo-beacon: /, 'links-9-beacon-finished');
    console.log(
      `      checked ${seen.length} toasts, dialogs and quick inputs naming the job: ${[...new Set(seen.map((f) => f.where))].join(', ')}`,
    );
  });
});
