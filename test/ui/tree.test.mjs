// The Jobs tree as a person sees it: five connections against the emulator expanded one by
// one, state icons, tooltips' labels, an error connection, Load more…, the status bar.
import assert from 'node:assert/strict';
import { openWorkbench, sel } from './support/workbench.mjs';

const level = (n) => `${sel.rows}[aria-level="${n}"]`;

describe('Jobs tree on the emulator', function () {
  let wb;
  before(async () => {
    wb = await openWorkbench({
      emulator: { jobs: 120, seed: 42, speed: 1 },
      settings: { 'jobdeck.pageSize': 10 },
      name: 'ui-tree',
    });
    await wb.openJobdeckView();
  });
  after(async () => wb?.close());

  async function expand(name) {
    const row = await wb.waitForRow(name);
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.click();
      await wb.page.keyboard.press('ArrowRight');
    }
    // The first job row under it (level 2) that is not the loading row.
    await wb.page
      .locator(level(2))
      .filter({ hasNotText: /Loading jobs/ })
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
    return row;
  }

  async function collapse(name) {
    const row = await wb.waitForRow(name);
    if ((await row.getAttribute('aria-expanded')) === 'true') {
      await row.click();
      await wb.page.keyboard.press('ArrowLeft');
    }
  }

  it('expands each of the five connections and shows its jobs with state icons', async () => {
    const conns = wb.emulator.connections;
    assert.equal(conns.length, 5);
    for (const c of conns) {
      await expand(c.name);
      const jobs = wb.page.locator(level(2)).filter({ hasNotText: /Loading|Load more/ });
      assert.ok((await jobs.count()) >= 3, `${c.name}: at least three job rows`);
      // Every job row has a codicon state icon and a description with the server's state word.
      const first = jobs.first();
      const icon = await first.locator('.custom-view-tree-node-item-icon').first().getAttribute('class');
      assert.match(
        icon ?? '',
        /codicon-(pass|error|sync|clock|calendar|circle-slash|debug-pause|trash|question|loading)/,
        `${c.name}: state icon`,
      );
      const description = await first.locator('.label-description').first().textContent();
      assert.ok(description && description.trim().length > 0, `${c.name}: a description`);
      await wb.screenshot(`tree-${c.kind}`);
      await collapse(c.name);
    }
  });

  it('shows all five connections expanded at once', async () => {
    for (const c of wb.emulator.connections.slice(0, 3)) await expand(c.name);
    await wb.page.mouse.move(900, 500);
    await wb.screenshot('tree-expanded');
    const rows = await wb.treeRows();
    assert.ok(rows.filter((r) => r.level === 2).length >= 30, 'ten jobs (a page) under each of three connections');
    for (const c of wb.emulator.connections.slice(0, 3)) await collapse(c.name);
  });

  it('loads the next page with Load more…', async () => {
    const cdrouter = wb.emulator.connections.find((c) => c.kind === 'cdrouter').name;
    await expand(cdrouter);
    const more = wb.page.locator(level(2)).filter({ hasText: 'Load more' }).first();
    await more.scrollIntoViewIfNeeded();
    await more.waitFor({ state: 'visible' });
    const before = await more.textContent();
    assert.match(before ?? '', /10 of 120/);
    await more.click();
    await wb.page
      .locator(level(2))
      .filter({ hasText: /20 of 120/ })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    await wb.screenshot('tree-load-more');
    await collapse(cdrouter);
  });

  it('shows the running/failed counts in the status bar', async () => {
    await expand(wb.emulator.connections.find((c) => c.kind === 'puppet-orchestrator').name);
    const item = wb.page
      .locator('.statusbar-item')
      .filter({ hasText: /running|failed/ })
      .first();
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await item.textContent()) ?? '', /\d+ (running|failed)/);
  });

  it('shows a job row tooltip on hover (resolved when hovered)', async () => {
    const c = wb.emulator.connections[0];
    await expand(c.name);
    const row = wb.page
      .locator(level(2))
      .filter({ hasNotText: /Loading|Load more/ })
      .first();
    const name = ((await row.getAttribute('aria-label')) ?? '').split(',')[0].trim();
    const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: /Id/ });
    for (let i = 0; ; i++) {
      await wb.page.mouse.move(900, 500);
      await row.locator('.label-name').first().hover();
      try {
        await hover.first().waitFor({ state: 'visible', timeout: 4_000 });
        break;
      } catch (e) {
        if (i === 4) throw e;
      }
    }
    const text = (await hover.first().innerText()) ?? '';
    assert.ok(text.includes(name), `the tooltip names the job "${name}": ${text.slice(0, 200)}`);
    await wb.screenshot('tree-job-tooltip');
    await wb.page.mouse.move(900, 500);
    await collapse(c.name);
  });

  it('shows an error row with actions under a connection without a token', async () => {
    const cdrouterUrl = wb.emulator.connections.find((c) => c.kind === 'cdrouter').url;
    await wb.updateSettings({
      'jobdeck.connections': [...wb.emulator.connections, { name: 'lab-no-token', kind: 'cdrouter', url: cdrouterUrl }],
    });
    await expand('lab-no-token').catch(() => undefined);
    const error = await wb.waitForRow(/not authorized/);
    await error.hover();
    await wb.screenshot('tree-error-connection');
    const label = (await error.getAttribute('aria-label')) ?? (await error.textContent());
    assert.match(label ?? '', /lab-no-token|not authorized/);
    // The inline actions of the error row: Set Token among them.
    const actions = await error
      .locator('.action-label')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    assert.ok(
      actions.some((a) => /Set Token/.test(a)),
      `inline actions: ${actions.join(', ')}`,
    );
    // A click shows the error with what can be done about it (jobdeck.openRow → showConnectionError).
    // A poll that renders the row again under the pointer can swallow the click (clean clone:
    // the row selected, no notification): a person would click again.
    const toast = wb.page
      .locator(sel.toasts)
      .filter({ hasText: /not authorized/ })
      .first();
    await wb.actUntilShown(() => error.click(), toast, 'the error row clicked');
    await toast.locator('.monaco-button', { hasText: 'Retry' }).waitFor({ state: 'visible' });
    await wb.page.waitForTimeout(300); // the toast's slide-in, for the screenshot only
    await wb.screenshot('tree-error-row-clicked');
    const buttons = await toast.locator('.monaco-button').allTextContents();
    assert.ok(buttons.includes('Set Token') && buttons.includes('Retry'), `the error's actions: ${buttons.join(', ')}`);
    await toast
      .locator('.codicon-notifications-clear')
      .first()
      .click()
      .catch(() => undefined);
  });
});
