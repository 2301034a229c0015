// The Jobs view as a person sees it: the activity-bar entry, the welcome view without
// connections, one row per configured connection, and commands from the palette.
import * as assert from 'node:assert/strict';
import { openWorkbench, sel } from './support/workbench.mjs';

// Nothing listens on port 9 of the loopback (discard): connections there fail fast, which is
// all these tests need; the emulator-backed tests live with the tree's own suites.
const OFFLINE = 'http://127.0.0.1:9';
const CONNECTIONS = [
  { name: 'lab-cdrouter', kind: 'cdrouter', url: OFFLINE },
  { name: 'nms-prod', kind: 'cnaas-nms', url: OFFLINE },
  { name: 'puppet', kind: 'puppet-orchestrator', url: OFFLINE },
  { name: 'test-lab', kind: 'stack-jobs', url: 'https://127.0.0.1:9', rejectUnauthorized: false },
];

describe('Jobs view without connections', function () {
  let wb;
  before(async () => {
    wb = await openWorkbench({ settings: { 'jobdeck.connections': [] }, name: 'ui-welcome' });
  });
  after(async () => wb?.close());

  it('has a Jobdeck entry in the activity bar that opens the Jobs view', async () => {
    const item = wb.page.locator(sel.jobdeckActivity).first();
    await item.waitFor({ state: 'visible' });
    assert.equal(await item.getAttribute('aria-label'), 'Jobdeck');
    await wb.openJobdeckView();
    assert.match(await wb.page.locator('.part.sidebar .composite.title h2').innerText(), /Jobdeck/i);
  });

  it('shows the welcome view with an Add Connection button', async () => {
    await wb.openJobdeckView();
    const welcome = wb.welcome();
    await welcome.getByText('No connections yet').waitFor({ state: 'visible' });
    const button = welcome.getByRole('button', { name: 'Add Connection' });
    await button.waitFor({ state: 'visible' });
    assert.equal(await wb.page.locator(sel.rows).count(), 0, 'no tree rows without connections');
    await wb.screenshot('welcome');
  });

  it('starts the add-connection questions from the welcome button', async () => {
    await wb.openJobdeckView();
    await wb.welcome().getByRole('button', { name: 'Add Connection' }).click();
    const box = wb.page.locator(sel.quickInputBox);
    await box.waitFor({ state: 'visible' });
    await wb.screenshot('add-connection-first-question');
    await wb.page.keyboard.press('Escape');
    await box.waitFor({ state: 'hidden' });
  });

  it('shows connection rows once connections are added to the settings', async () => {
    await wb.openJobdeckView();
    await wb.updateSettings({ 'jobdeck.connections': [CONNECTIONS[0]] });
    await wb.waitForRow('lab-cdrouter');
    await wb.welcome().waitFor({ state: 'hidden' });
    await wb.screenshot('welcome-then-connection');
  });
});

describe('Jobs view with connections', function () {
  let wb;
  before(async () => {
    wb = await openWorkbench({ settings: { 'jobdeck.connections': CONNECTIONS }, name: 'ui-connections' });
    await wb.openJobdeckView();
  });
  after(async () => wb?.close());

  // First in this suite: warning toasts hide by themselves after ~18 s.
  it('warns that certificate checks are off for a connection with rejectUnauthorized: false', async () => {
    await wb.waitForNotification(/certificate checks are off/i);
    const texts = await wb.notifications();
    assert.ok(
      texts.some((t) => t.includes('test-lab')),
      `no warning naming test-lab in ${JSON.stringify(texts)}`,
    );
    assert.ok(!texts.some((t) => t.includes('lab-cdrouter')), 'no warning for connections that verify certificates');
    await wb.screenshot('insecure-connection-warning');
  });

  it('shows one row per connection, in settings order', async () => {
    for (const c of CONNECTIONS) await wb.waitForRow(c.name);
    const rows = (await wb.treeRows()).filter((r) => r.level === 1);
    assert.deepEqual(
      rows.map((r) => CONNECTIONS.find((c) => r.label.includes(c.name) || r.text.includes(c.name))?.name),
      CONNECTIONS.map((c) => c.name),
    );
    assert.equal(await wb.welcome().isVisible(), false, 'no welcome view with connections');
    await wb.screenshot('connections');
  });

  it('shows what went wrong under an unreachable connection', async () => {
    const row = await wb.waitForRow('lab-cdrouter');
    await row.click();
    await wb.page.keyboard.press('ArrowRight');
    // The client retries before it gives up; the error then replaces the loading row.
    const problem = /refused|unreachable|connect|error|fail/i;
    await wb.page
      .locator(`${sel.rows}[aria-level="2"]`)
      .filter({ hasText: problem })
      .first()
      .waitFor({ state: 'visible', timeout: 90_000 });
    const children = (await wb.treeRows()).filter((r) => r.level === 2);
    assert.ok(children.length >= 1, 'the connection has a child row');
    assert.match(children.map((r) => `${r.label} ${r.text}`).join('\n'), problem);
    await wb.screenshot('connection-unreachable');
  });

  it('runs "Jobdeck: Show Log" from the command palette', async () => {
    await wb.runCommand('Jobdeck: Show Log');
    const panel = wb.page.locator('.part.panel');
    await panel.waitFor({ state: 'visible' });
    await panel.locator('.monaco-editor .view-lines').filter({ hasText: /\S/ }).first().waitFor({ state: 'visible' });
    const text = await panel.locator('.monaco-editor .view-lines').first().innerText();
    assert.match(text, /\S/, 'the log shows something');
    await wb.screenshot('show-log');
  });
});

describe('Jobs view on the jobs emulator', function () {
  let wb;
  before(async () => {
    wb = await openWorkbench({ emulator: { jobs: 20, seed: 7, speed: 1 }, name: 'ui-emulator' });
    await wb.openJobdeckView();
  });
  after(async () => wb?.close());

  it('shows a connection row for each of the five dialects', async () => {
    const names = wb.emulator.connections.map((c) => c.name);
    assert.equal(names.length, 5);
    for (const name of names) await wb.waitForRow(name);
    const top = (await wb.treeRows()).filter((r) => r.level === 1).map((r) => r.label);
    for (const name of names)
      assert.ok(
        top.some((l) => l.includes(name)),
        `no row for ${name} in ${top.join(' | ')}`,
      );
  });

  it("lists the emulator's jobs under an expanded connection", async () => {
    const name = wb.emulator.connections.find((c) => c.kind === 'cdrouter').name;
    const row = await wb.waitForRow(name);
    await row.click();
    await wb.page.keyboard.press('ArrowRight');
    // Jobs are level-2 rows that are neither the loading row nor an error.
    const jobRows = wb.page
      .locator(`${sel.rows}[aria-level="2"]`)
      .filter({ hasNotText: /loading|error|failed to|cannot/i });
    await jobRows.nth(4).waitFor({ state: 'visible', timeout: 60_000 });
    assert.ok((await jobRows.count()) >= 5, 'at least five job rows');
    await wb.screenshot('emulator-tree');
  });
});
