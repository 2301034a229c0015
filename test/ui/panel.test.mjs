// The job detail panel as a person sees it, in a real workbench against the jobs emulator:
// a Puppet job with mixed node states, a CNaaS job's diffs inline and side by side, the
// native diff editor opened from the panel, a failed job's traceback, dark and high-contrast
// themes, hostile server text, and a 33,000-line diff that must not freeze the page.
// Screenshots go to test-results/screenshots/panel-*.png.
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { openWorkbench, sel } from './support/workbench.mjs';
import { repoRoot, TOKEN_ENV } from '../vscode/launcher.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
// The compiled client (npm run compile) finds the jobs to open, as the extension would.
const { connect } = require(join(repoRoot, 'out', 'src', 'client', 'registry.js'));
const { parseHunks } = require(join(repoRoot, 'out', 'src', 'shared', 'diffHunks.js'));

/** Details of the loaded jobs of an emulator connection. */
async function details(wb, name, pageSize = 50) {
  const c = wb.emulator.connections.find((x) => x.name === name);
  const adapter = connect(c, { token: async () => 'demo-token' }).adapter;
  const page = await adapter.listJobs({ pageSize });
  const out = [];
  for (const j of page.items) out.push(await adapter.getJob(j.id));
  return out;
}

async function findJob(wb, name, pred, what, pageSize) {
  const job = (await details(wb, name, pageSize)).find(pred);
  assert.ok(job, `the emulator has ${what} on ${name}`);
  return job;
}

/** The webview of the active panel (VS Code nests the page in two iframes). */
function panel(wb) {
  // Visible only: the page of a panel just closed can linger in the DOM for a moment.
  return wb.page.frameLocator('iframe.webview.ready:visible').last().frameLocator('iframe');
}

/** Opens a job as a person would: F1 → Jobdeck: Open Job… → connection → the job by its id. */
async function openJob(wb, connection, id) {
  const { page } = wb;
  await unfocusWebview(wb);
  await wb.runCommand('View: Close All Editors');
  // Not wb.runCommand: it waits for the palette to close, and this command asks questions in it.
  const box = page.locator(sel.quickInputBox);
  await page.keyboard.press('F1');
  await box.waitFor({ state: 'visible' });
  await box.fill('>Jobdeck: Open Job…');
  await page
    .locator(sel.quickInputRows)
    .filter({ has: page.locator('.label-name', { hasText: /^Jobdeck: Open Job…$/ }) })
    .first()
    .click();
  await page.locator(sel.quickInputRows).filter({ hasText: 'demo-' }).first().waitFor();
  await page.locator(sel.quickInputRows).first().waitFor();
  await box.fill(connection);
  await page.locator(sel.quickInputRows).filter({ hasText: connection }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(sel.quickInputRows).filter({ hasText: 'id ' }).first().waitFor();
  await box.fill(`id ${id}`);
  const row = page
    .locator(sel.quickInputRows)
    .filter({ hasText: new RegExp(`id ${id}( ·|$)`) })
    .first();
  await row.click();
  await box.waitFor({ state: 'hidden' });
  const frame = panel(wb);
  // The page shows this job (its ID in the header), not the one of a page just closed.
  await frame
    .locator('.meta-item')
    .filter({ has: frame.locator('dt', { hasText: /^id$/i }) })
    .locator('dd')
    .filter({ hasText: new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .first()
    .waitFor();
  return frame;
}

/** Keys typed while a webview has focus go to the page: give the focus back to the workbench. */
async function unfocusWebview(wb) {
  // A palette still closing from the previous command would swallow the next one.
  await wb.page
    .locator(sel.quickInputBox)
    .waitFor({ state: 'hidden' })
    .catch(() => {});
  await wb.page.locator('.part.sidebar .composite.title').first().click();
}

async function settle(wb) {
  // Layout and fonts (codicons) settle; the page draws lazily in animation frames.
  await wb.page.waitForTimeout(400);
}

describe('Job panel', function () {
  let wb;
  before(async () => {
    // restoreWindows: the harness turns restoring off; the reload test needs it on.
    wb = await openWorkbench({
      emulator: { jobs: 40, seed: 42, speed: 1 },
      settings: { 'window.restoreWindows': 'all' },
      name: 'ui-panel',
    });
    await wb.openJobdeckView();
  });
  after(async () => wb?.close());

  it('shows a Puppet job with mixed node states: chips, failed first, sorting, filtering', async () => {
    // The counts read here must be the ones the page shows: the emulated clock stands still
    // (a running job moves a wave of nodes every few seconds, and a busy machine is slow).
    await fetch(`${wb.emulator.url}/_control/pause`, { method: 'POST' });
    try {
      await puppetMixed();
    } finally {
      await fetch(`${wb.emulator.url}/_control/resume`, { method: 'POST' });
    }
  });

  async function puppetMixed() {
    const job = await findJob(
      wb,
      'demo-puppet',
      (d) => new Set(d.targets.map((t) => t.rawState)).size >= 2 && d.targets.some((t) => t.state === 'failed'),
      'a job with failed and other nodes',
    );
    const frame = await openJob(wb, 'demo-puppet', job.id);
    await frame.locator('.targets-table tbody tr.row').first().waitFor();
    const tab = wb.page.locator('.tab.active .label-name');
    assert.equal((await tab.innerText()).trim(), `${job.name} · ${job.rawState}`);

    const counts = {};
    for (const t of job.targets) counts[t.rawState] = (counts[t.rawState] ?? 0) + 1;
    const chips = await frame
      .locator('.chips .chip[data-state]')
      .evaluateAll((els) => els.map((e) => [e.dataset.state, e.textContent.trim()]));
    assert.deepEqual(Object.fromEntries(chips.map(([s, text]) => [s, Number(text.split(' ').pop())])), counts);
    assert.equal(chips[0][0], job.targets.find((t) => t.state === 'failed').rawState, 'the failed chip comes first');
    const states = await frame.locator('tr.row .c-state').allInnerTexts();
    // Failed is a state; its words are the server's ("failed", Puppet's "errored").
    const failed = job.targets.filter((t) => t.state === 'failed');
    const failedWords = new Set(failed.map((t) => t.rawState));
    assert.ok(
      states.slice(0, Math.min(failed.length, states.length)).every((s) => failedWords.has(s.trim())),
      `failed nodes first: ${states.join(', ')}`,
    );
    await settle(wb);
    await wb.screenshot('panel-puppet-mixed');

    await frame.locator('button.sort', { hasText: 'Name' }).click();
    const names = await frame.locator('tr.row .c-name').allInnerTexts();
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })),
    );
    assert.equal(await frame.locator('th.c-name').getAttribute('aria-sort'), 'ascending');

    const word = chips[chips.length - 1][0];
    await frame.locator(`.chip[data-state="${word}"]`).click();
    const filtered = await frame.locator('tr.row .c-state').allInnerTexts();
    assert.equal(filtered.length, Math.min(100, counts[word]));
    assert.ok(
      filtered.every((s) => s.trim() === word),
      `only ${word} rows: ${filtered.join(', ')}`,
    );
    await frame.locator('tr.row').first().click();
    await frame.locator('tr.detail-row').first().waitFor();
    await settle(wb);
    await wb.screenshot('panel-puppet-filtered-expanded');
  }

  it('shows the next clicked job in the same tab, starting over; a double click keeps the tab', async () => {
    await fetch(`${wb.emulator.url}/_control/pause`, { method: 'POST' });
    try {
      await previewClicks();
    } finally {
      await fetch(`${wb.emulator.url}/_control/resume`, { method: 'POST' });
    }
  });

  async function previewClicks() {
    const { page } = wb;
    // Two jobs near the top of demo-puppet's rows, told apart by their rows' labels.
    const listed = (await details(wb, 'demo-puppet', 8)).filter((d) => d.targets.length >= 2);
    const label = (d) => `${d.name}, ${d.rawState}`;
    const unique = listed.filter((d) => listed.filter((x) => label(x).startsWith(label(d))).length === 1);
    const a = unique.find((d) => new Set(d.targets.map((t) => t.rawState)).size >= 2) ?? unique[0];
    const b = unique.find((d) => d !== a);
    assert.ok(a && b, 'demo-puppet lists two jobs with nodes');
    await unfocusWebview(wb);
    await wb.runCommand('View: Close All Editors');
    const conn = await wb.waitForRow('demo-puppet');
    if ((await conn.getAttribute('aria-expanded')) !== 'true') await conn.locator('.monaco-tl-twistie').click();

    // A, then looked at: a row expanded, a chip on, scrolled down.
    await (await wb.waitForRow(label(a))).click();
    const frame = panel(wb);
    await frame.locator('.job-name', { hasText: a.name }).waitFor();
    await frame.locator('tr.row').first().click();
    await frame.locator('tr.detail-row').first().waitFor();
    await frame.locator('.chips .chip[data-state]').last().click();
    await frame.locator('.chips .chip[data-state][aria-pressed="true"]').first().waitFor();
    await frame.locator('html').evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    assert.equal(await frame.locator('button', { hasText: 'Keep Open' }).count(), 1, 'a preview offers Keep Open');

    // B: same tab, same page, B's rows only, nothing of A's view.
    await (await wb.waitForRow(label(b))).click();
    await frame.locator('.job-name', { hasText: b.name }).waitFor();
    await frame.locator('tr.row').first().waitFor();
    const names = (await frame.locator('tr.row .c-name').allInnerTexts()).map((n) => n.trim());
    const bNames = new Set(b.targets.map((t) => t.name));
    const aOnly = a.targets.map((t) => t.name).filter((n) => !bNames.has(n));
    assert.equal(names.length, Math.min(100, b.targets.length), `B's rows: ${names.join(', ')}`);
    assert.deepEqual(
      names.filter((n) => !bNames.has(n)),
      [],
      'every row is one of B’s nodes',
    );
    assert.ok(aOnly.length > 0 && !names.some((n) => aOnly.includes(n)), 'none of A’s nodes is left');
    assert.equal(await frame.locator('tr.detail-row').count(), 0, 'no row is expanded');
    assert.equal(await frame.locator('.chips .chip[data-state][aria-pressed="true"]').count(), 0, 'no filter is on');
    assert.equal(await frame.locator('html').evaluate(() => window.scrollY), 0, 'B starts at its top');
    assert.equal(await page.locator('.tabs-container .tab').count(), 1, 'one tab');
    assert.equal(await page.locator('iframe.webview').count(), 1, 'one webview');
    assert.equal((await page.locator('.tab.active .label-name').innerText()).trim(), `${b.name} · ${b.rawState}`);
    await settle(wb);
    await wb.screenshot('panel-preview-next-job');

    // A double click on B's row keeps B: A opens in a tab of its own.
    await (await wb.waitForRow(label(b))).dblclick();
    await frame.locator('.job-name', { hasText: b.name }).waitFor();
    await frame.locator('button', { hasText: 'Keep Open' }).waitFor({ state: 'detached' });
    await (await wb.waitForRow(label(a))).click();
    await page.locator('.tabs-container .tab').nth(1).waitFor();
    assert.equal(await page.locator('.tabs-container .tab').count(), 2, 'B kept its tab, A has a new one');
    await page.locator('.tab.active .label-name', { hasText: a.name }).waitFor();
    await page
      .frameLocator('iframe.webview.ready:visible')
      .frameLocator('iframe')
      .locator('.job-name', { hasText: a.name })
      .waitFor();
    await settle(wb);
    await wb.screenshot('panel-preview-kept');
  }

  it('shows a CNaaS job’s diffs with the hunks’ line numbers, inline and side by side', async () => {
    const job = await findJob(
      wb,
      'demo-cnaas',
      // More devices than open by themselves (FEW_TARGETS): the click below opens one.
      (d) => d.targets.length > 3 && d.targets.filter((t) => t.children?.some((s) => s.diff)).length >= 2,
      'a job with diffs on two of more than three devices',
    );
    const frame = await openJob(wb, 'demo-cnaas', job.id);
    const block = frame.locator('.changes .diff-block').first();
    await block.locator('table.diff.inline tr.del').first().waitFor();
    const label = (await frame.locator('.changes summary').first().innerText()).trim();
    const device = job.targets.find((t) => label.startsWith(t.name));
    const step = device.children.find((s) => s.diff);
    const firstDel = parseHunks(step.diff)
      .hunks.flatMap((h) => h.lines)
      .find((l) => l.kind === 'del');
    const delRow = block.locator('tr.del').first();
    assert.equal((await delRow.locator('td.ln').first().innerText()).trim(), String(firstDel.oldNo));
    assert.equal(await delRow.locator('td.tx').innerText(), firstDel.text);
    await frame.locator('.changes').scrollIntoViewIfNeeded();
    await settle(wb);
    await wb.screenshot('panel-cnaas-diff-inline');

    await block.getByRole('button', { name: 'Side by side' }).click();
    const split = frame.locator('.changes .diff-block').first().locator('table.diff.split');
    await split.waitFor();
    const pair = split.locator('tr.change').first();
    assert.equal((await pair.locator('td.ln').first().innerText()).trim(), String(firstDel.oldNo));
    assert.equal(await frame.locator('.changes table.diff.inline').count(), 0, 'every diff follows the layout');
    await frame.locator('.changes').scrollIntoViewIfNeeded();
    await settle(wb);
    await wb.screenshot('panel-cnaas-diff-split');
  });

  it('opens the native diff editor from the panel', async () => {
    const job = await findJob(
      wb,
      'demo-cnaas',
      (d) => d.targets.some((t) => t.children?.some((s) => s.diff)),
      'a job with a diff',
    );
    const frame = await openJob(wb, 'demo-cnaas', job.id);
    const block = frame.locator('.changes .diff-block').first();
    await block.getByRole('button', { name: 'Open in Diff Editor' }).click();
    const diffEditor = wb.page.locator('.monaco-diff-editor').first();
    await diffEditor.waitFor({ state: 'visible' });
    const tab = wb.page.locator('.tab.active .label-name');
    assert.match(await tab.innerText(), new RegExp(`\\(job ${job.id}\\)`));
    const added = parseHunks(job.targets.flatMap((t) => t.children ?? []).find((s) => s.diff).diff)
      .hunks.flatMap((h) => h.lines)
      .find((l) => l.kind === 'add');
    await diffEditor.locator('.editor.modified .view-lines').filter({ hasText: added.text.trim() }).waitFor();
    await settle(wb);
    await wb.screenshot('panel-native-diff-editor');
    await unfocusWebview(wb);
    await wb.runCommand('View: Close All Editors');
  });

  it('puts a failed job’s exception and traceback first, copyable', async () => {
    const job = await findJob(wb, 'demo-cnaas', (d) => d.failure?.traceback, 'a job with a traceback');
    const frame = await openJob(wb, 'demo-cnaas', job.id);
    const failure = frame.locator('.failure');
    await failure.waitFor();
    assert.equal(await failure.locator('.exception').innerText(), job.failure.message);
    const last = job.failure.traceback.trim().split('\n').pop();
    await failure.locator('.code-block td.tx', { hasText: last }).waitFor();
    const order = await frame.locator('main > .slot > *').evaluateAll((els) => els.map((e) => e.className));
    assert.ok(order.indexOf('failure') < order.indexOf('targets'), `failure before the table: ${order}`);
    await failure.locator('.failure-message button', { hasText: 'Copy' }).click();
    await frame.locator('.status.on', { hasText: /Copied|Could not copy/ }).waitFor();
    await settle(wb);
    await wb.screenshot('panel-failed-traceback');
  });

  it('CNaaS sync_devices with one device: its steps and generated config without a click, no empty time columns; the tree row open too', async () => {
    // Among the first rows, so the tree shows it without scrolling (list order is the tree's).
    const listed = await details(wb, 'demo-cnaas', 12);
    const at = listed.findIndex(
      (d) =>
        d.targets.length === 1 &&
        d.targets[0].children?.some((s) => s.name === 'Generate device config' && s.resultText) &&
        d.targets[0].children?.some((s) => s.name === 'Sync device config'),
    );
    assert.ok(at >= 0, 'demo-cnaas lists a sync_devices job with one device and its generated config');
    const job = listed[at];
    const device = job.targets[0];
    const config = device.children.find((s) => s.name === 'Generate device config');
    const frame = await openJob(wb, 'demo-cnaas', job.id);
    const detail = frame.locator('tr.detail-row');
    await detail.first().waitFor();
    assert.equal(await frame.locator('tr.row').getAttribute('aria-expanded'), 'true');
    for (const name of ['Generate device config', 'Sync device config'])
      await detail.locator('.step-name', { hasText: name }).first().waitFor();
    // The generated config's first line, in the step's document view.
    const firstLine = config.resultText.split('\n')[0];
    await detail.locator('.code-block td.tx', { hasText: firstLine }).first().waitFor();
    const heads = await frame.locator('.targets-table thead th').evaluateAll((ths) => ths.map((t) => t.className));
    assert.deepEqual(heads, ['c-exp', 'c-name', 'c-state', 'c-message'], 'no start, finish or duration column');
    await frame.locator('.targets h2').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await settle(wb);
    await wb.screenshot('panel-cnaas-one-device-open');
    // The tree: a sync_devices job of few devices shows them open, each with its steps.
    // (Its rows are in the tree's own order and CNaaS job names repeat: the first such job.)
    await unfocusWebview(wb);
    await wb.page.locator('.part.sidebar .title-actions .action-label[aria-label^="Collapse All"]').first().click();
    const conn = await wb.waitForRow('demo-cnaas');
    await conn.locator('.monaco-tl-twistie').click();
    const jobs = wb.page.locator(`${sel.rows}[aria-level="2"]`).filter({ hasText: /sync_devices\s*FINISHED/ });
    await jobs.first().waitFor();
    const devices = wb.page.locator(`${sel.rows}[aria-level="3"]`);
    let few = false;
    for (let i = 0; i < 6 && !few; i++) {
      const jobRow = jobs.nth(i);
      await jobRow.locator('.monaco-tl-twistie').click();
      await devices.first().waitFor();
      const n = await devices.count();
      if (n <= 3) {
        few = true;
        for (let k = 0; k < n; k++) assert.equal(await devices.nth(k).getAttribute('aria-expanded'), 'true');
        await wb.page
          .locator(`${sel.rows}[aria-level="4"]`)
          .filter({ hasText: 'Generate device config' })
          .first()
          .waitFor();
        await settle(wb);
        await wb.screenshot('panel-cnaas-one-device-tree');
      } else assert.equal(await devices.first().getAttribute('aria-expanded'), 'false', 'many devices stay closed');
      await jobRow.locator('.monaco-tl-twistie').click();
      await devices.first().waitFor({ state: 'hidden' });
    }
    assert.ok(few, 'a sync_devices job with at most three devices among the first rows');
  });

  it('comes back after a window reload with its layout, expanded rows and scroll', async () => {
    const job = await findJob(
      wb,
      'demo-cnaas',
      // More devices than open by themselves (FEW_TARGETS): the click below opens one.
      (d) => d.targets.length > 3 && d.targets.filter((t) => t.children?.some((s) => s.diff)).length >= 2,
      'a job with diffs on two of more than three devices',
    );
    let frame = await openJob(wb, 'demo-cnaas', job.id);
    await frame.locator('.changes .diff-block').first().getByRole('button', { name: 'Side by side' }).click();
    await frame.locator('table.diff.split').first().waitFor();
    await frame.locator('tr.row').first().click();
    await frame.locator('tr.detail-row').first().waitFor();
    await frame.locator('tr.detail-row').first().scrollIntoViewIfNeeded();
    const scrolled = await frame.locator('html').evaluate(() => window.scrollY);
    assert.ok(scrolled > 0);
    await wb.page.waitForTimeout(600); // the page saves its scroll position 200 ms after scrolling
    // As a person reloads: the workbench saves its editors (and the page's state) on the way out.
    await unfocusWebview(wb);
    const navigated = wb.page.waitForEvent('framenavigated', {
      predicate: (f) => f === wb.page.mainFrame(),
      timeout: 60_000,
    });
    await wb.runCommand('Developer: Reload Window');
    await navigated;
    await wb.page.locator('.monaco-workbench').waitFor();
    const tab = wb.page.locator('.tab .label-name', { hasText: `${job.name} · ${job.rawState}` });
    await tab.waitFor({ timeout: 60_000 });
    await tab.click();
    frame = panel(wb);
    await frame.locator('table.diff.split').first().waitFor({ timeout: 60_000 });
    await frame.locator('tr.detail-row').first().waitFor();
    const restored = await frame.locator('html').evaluate(() => window.scrollY);
    assert.ok(Math.abs(restored - scrolled) < 400, `scroll ${restored} near ${scrolled}`);
    await settle(wb);
    await wb.screenshot('panel-restored-after-reload');
  });

  it('stays readable in the dark and high-contrast themes', async () => {
    const diffJob = await findJob(
      wb,
      'demo-cnaas',
      (d) => d.targets.some((t) => t.children?.some((s) => s.diff)) && d.state === 'succeeded',
      'a finished job with a diff',
    );
    const puppetJob = await findJob(
      wb,
      'demo-puppet',
      (d) => d.targets.some((t) => t.state === 'failed'),
      'a job with failed nodes',
    );
    for (const [theme, shot, bodyClass] of [
      ['Default Dark Modern', 'dark', 'vscode-dark'],
      ['Default High Contrast', 'high-contrast', 'vscode-high-contrast'],
    ]) {
      await unfocusWebview(wb);
      await wb.updateSettings({ 'workbench.colorTheme': theme });
      let frame = await openJob(wb, 'demo-cnaas', diffJob.id);
      await frame.locator('.changes tr.add').first().waitFor();
      assert.match(await frame.locator('body').getAttribute('class'), new RegExp(bodyClass));
      await frame.locator('.changes').scrollIntoViewIfNeeded();
      await settle(wb);
      await wb.screenshot(`panel-${shot}-diff`);
      frame = await openJob(wb, 'demo-puppet', puppetJob.id);
      await frame.locator('tr.row').first().waitFor();
      await settle(wb);
      await wb.screenshot(`panel-${shot}-puppet`);
    }
    await unfocusWebview(wb);
    await wb.updateSettings({ 'workbench.colorTheme': 'Default Light Modern' });
  });
});

describe('Job panel with hostile server text', function () {
  let wb;
  let emulator;
  const dialogs = [];
  before(async () => {
    // The harness starts emulators without options beyond size and speed: this one is ours.
    const emu = require(join(repoRoot, 'out', 'test', 'emulator', 'index.js'));
    emulator = await emu.start({ jobs: 200, seed: 42, speed: 1, hostile: true });
    const connections = emu.connectionsFor(emulator.urls, TOKEN_ENV);
    wb = await openWorkbench({
      settings: { 'jobdeck.connections': connections, 'jobdeck.pageSize': 250 },
      name: 'ui-panel-hostile',
    });
    wb.emulator = { ...emulator, connections };
    wb.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await wb.openJobdeckView();
  });
  after(async () => {
    await wb?.close();
    await emulator?.stop();
  });

  it('shows a job named <img src=x onerror=alert(1)> as those characters', async () => {
    const name = '<img src=x onerror=alert(1)>';
    const job = await findJob(wb, 'demo-beacon', (d) => d.name === name, `a job named ${name}`, 250);
    const frame = await openJob(wb, 'demo-beacon', job.id);
    assert.equal(await frame.locator('h1.job-name').innerText(), name);
    assert.equal(await frame.locator('img').count(), 0, 'no element was made from the name');
    assert.equal((await wb.page.locator('.tab.active .label-name').innerText()).trim(), `${name} · ${job.rawState}`);
    await settle(wb);
    assert.deepEqual(dialogs, [], 'nothing ran');
    await wb.screenshot('panel-hostile-name');
  });

  it('opens a 33,000-line diff without freezing: drawn in chunks, still responsive', async () => {
    const c = wb.emulator.connections.find((x) => x.name === 'demo-cnaas');
    const adapter = connect(c, { token: async () => 'demo-token' }).adapter;
    let job;
    for (const id of ['194', '97']) {
      const d = await adapter.getJob(id).catch(() => undefined);
      if (d?.targets.some((t) => t.children?.some((s) => (s.diff?.length ?? 0) > 500_000))) job = d;
    }
    assert.ok(job, 'the emulator has a job with a huge diff');
    const huge = job.targets.flatMap((t) => t.children ?? []).find((s) => (s.diff?.length ?? 0) > 500_000);
    const lines = huge.diff.split('\n').length;
    assert.ok(lines > 20_000, `${lines} lines`);
    const t0 = Date.now();
    const frame = await openJob(wb, 'demo-cnaas', job.id);
    const block = frame
      .locator('.diff-block')
      .filter({ has: frame.locator('.diff-stat.add', { hasText: /^\+\d{4,}/ }) })
      .first();
    await block.locator('tr.del').first().waitFor();
    const opened = Date.now() - t0;
    const drawn = await block.locator('tbody tr').count();
    assert.ok(drawn <= 1000, `only a chunk is drawn at first (${drawn} rows of ${lines})`);
    // Still responsive: a click on the layout answers quickly even with the huge diff open.
    const t1 = Date.now();
    await block.getByRole('button', { name: 'Side by side' }).click();
    await frame.locator('.diff-block table.diff.split').first().waitFor();
    const toggled = Date.now() - t1;
    assert.ok(toggled < 5000, `toggling the layout took ${toggled} ms`);
    // Scrolling to the end of the drawn part brings the next chunk.
    const scroller = frame
      .locator('.diff-block')
      .filter({ has: frame.locator('.diff-stat.add', { hasText: /^\+\d{4,}/ }) })
      .first()
      .locator('.diff-scroll');
    const before = await scroller.locator('tbody tr').count();
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    // The row after the last one drawn appears: the next chunk came on scrolling.
    await scroller.locator('tbody tr').nth(before).waitFor({ state: 'attached', timeout: 10_000 });
    assert.ok((await scroller.locator('tbody tr').count()) > before, 'the next chunk came on scrolling');
    console.log(
      `      huge diff: ${lines} lines, page up in ${opened} ms, ${drawn} rows drawn first, layout toggle ${toggled} ms`,
    );
    assert.deepEqual(dialogs, [], 'the diff’s <script> lines did not run');
    await settle(wb);
    await wb.screenshot('panel-huge-diff');
  });
});
