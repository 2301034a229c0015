// The job panel inside a real extension host, against the jobs emulator: one panel per job,
// the page really renders (it reports each render back), live updates while a job runs,
// restoration through the serializer, header buttons dispatching the tree's commands with
// {connection, jobId}, links, and the native diff editor on rebuilt documents.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { JobdeckApi } from '../../src/extension/extension';
import type { Services } from '../../src/extension/services';
import type { JobDetail, JobTarget } from '../../src/client/model';
import type { JobPanel, RenderedReport } from '../../src/views/panel/jobPanel';
import type { PanelActionId } from '../../src/shared/protocol';
// Pure modules (no VS Code, no state): safe to load a second copy beside the bundle.
import { parseHunks } from '../../src/shared/diffHunks';
import { PANEL_ACTIONS } from '../../src/shared/protocol';
import { EMULATOR, control } from './emulatorControl';

let services: Services;

async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms: number,
  what: string | (() => string),
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${ms} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Details of a connection's loaded jobs, fetched through the live store. */
async function details(connection: string): Promise<JobDetail[]> {
  const store = services.jobStore.get(connection);
  assert.ok(store, `connection ${connection} is configured`);
  if (store.status !== 'ok') await store.refresh();
  const out: JobDetail[] = [];
  for (const j of store.jobs) out.push(await store.loadDetail(j.id));
  return out;
}

async function findJob(connection: string, pred: (d: JobDetail) => boolean, what: string): Promise<JobDetail> {
  const found = (await details(connection)).find(pred);
  assert.ok(found, `the emulator has ${what} on ${connection}`);
  return found;
}

async function open(connection: string, jobId: string, target?: string): Promise<JobPanel> {
  await vscode.commands.executeCommand('jobdeck.openJob', { connection, jobId }, target);
  const panel = services.panels.get(connection, jobId);
  assert.ok(panel, 'the panel is registered');
  return panel;
}

/**
 * Waits for the page to report a render matching `pred`. A page that never says `ready` is
 * loaded again by the host's watchdog (8 s, twice at most), and on a loaded machine that second
 * load can itself take seconds: the wait covers both reloads and a slow third load.
 */
function rendered(
  panel: JobPanel,
  pred: (r: RenderedReport) => boolean = () => true,
  ms = 40_000,
): Promise<RenderedReport> {
  return waitFor(
    () => (panel.lastRendered && pred(panel.lastRendered) ? panel.lastRendered : undefined),
    ms,
    () =>
      `the page of ${panel.connection}/${panel.jobId} to render (last: ${JSON.stringify(panel.lastRendered)}, ready ${panel.ready}, visible ${panel.panel.visible})`,
  );
}

/** The job rows of a connection in the Jobs tree, as a click hands them to jobdeck.openJob. */
async function jobRows(connection: string): Promise<{ type: 'job'; job: { id: string; rawState: string } }[]> {
  const conn = (await services.tree.getChildren(undefined)).find(
    (n) =>
      (n as { type?: string; store?: { name: string } }).type === 'connection' &&
      (n as { store: { name: string } }).store.name === connection,
  );
  assert.ok(conn, `the tree has the ${connection} row`);
  await services.jobStore.get(connection)?.refresh();
  const rows = await services.tree.getChildren(conn);
  return rows.filter((n) => (n as { type?: string }).type === 'job') as unknown as {
    type: 'job';
    job: { id: string; rawState: string };
  }[];
}

function withDiff(d: JobDetail): { path: string[]; step: JobTarget } | undefined {
  for (const t of d.targets) for (const c of t.children ?? []) if (c.diff) return { path: [t.id, c.id], step: c };
  return undefined;
}

describe('job panel', function () {
  this.timeout(90_000);

  before(async function () {
    const ext = vscode.extensions.getExtension('jobdeck.jobdeck');
    assert.ok(ext);
    services = ((await ext.activate()) as JobdeckApi).services;
    assert.ok(EMULATOR, 'JOBDECK_EMULATOR_URL is set by the launcher');
  });

  afterEach(() => {
    for (const p of services.panels.all()) p.dispose();
  });

  it('opens one panel per job, titled "<name> · <rawState>", and reveals it when opened again', async () => {
    const job = await findJob('demo-puppet', (d) => d.targets.length > 1, 'a job with nodes');
    const first = await open('demo-puppet', job.id);
    const again = await open('demo-puppet', job.id);
    assert.equal(again, first);
    assert.equal(services.panels.all().filter((p) => p.jobId === job.id && p.connection === 'demo-puppet').length, 1);
    const page = await rendered(first, (r) => r.rows > 0);
    const now = first.current;
    assert.ok(now);
    assert.equal(first.panel.title, `${now.name} · ${now.rawState}`);
    assert.equal(page.rawState, now.rawState);
    assert.equal(page.rows, Math.min(100, (now as JobDetail).targets.length));
    assert.equal(first.panel.viewType, 'jobdeck.job');
    assert.deepEqual(first.state, { connection: 'demo-puppet', jobId: job.id });
  });

  it('opens from a tree row with a target name and scrolls to that target', async () => {
    const job = await findJob('demo-cnaas', (d) => d.targets.length > 1, 'a job with several devices');
    const conn = (await services.tree.getChildren(undefined)).find(
      (n) =>
        (n as { type?: string; store?: { name: string } }).type === 'connection' &&
        (n as { store: { name: string } }).store.name === 'demo-cnaas',
    );
    assert.ok(conn, 'the tree has the demo-cnaas row');
    const rows = await services.tree.getChildren(conn);
    const row = rows.find(
      (n) =>
        (n as { type?: string; job?: { id: string } }).type === 'job' &&
        (n as { job: { id: string } }).job.id === job.id,
    );
    assert.ok(row, 'the tree has the job row');
    const target = job.targets[job.targets.length - 1].name;
    await vscode.commands.executeCommand('jobdeck.openJob', row, target);
    const panel = services.panels.get('demo-cnaas', job.id);
    assert.ok(panel);
    await rendered(panel, (r) => r.revealed === target);
  });

  it('shows a clicked tree row in the preview panel, the next click in the same page; a double click keeps it', async () => {
    const rows = await jobRows('demo-puppet');
    assert.ok(rows.length >= 3, 'demo-puppet lists three jobs');
    const [a, b, c] = rows;
    // Panels other tests left open would be counted with the preview's.
    for (const p of services.panels.all()) p.dispose();
    // The emulated clock stands still: B's state and rows are read once and must stay so.
    await control('POST', 'pause');
    try {
      await previewClicks(a, b, c);
    } finally {
      await control('POST', 'resume');
    }
  });

  async function previewClicks(...[a, b, c]: Awaited<ReturnType<typeof jobRows>>): Promise<void> {
    await vscode.commands.executeCommand('jobdeck.openJob', a);
    const preview = services.panels.get('demo-puppet', a.job.id);
    assert.ok(preview, 'the first click opens a panel');
    assert.equal(preview.preview, true);
    assert.equal(services.panels.preview, preview);
    await rendered(preview, (r) => r.rawState !== undefined);
    const shows = preview.posted;
    // Past the double-click window: a second, separate click.
    await new Promise((r) => setTimeout(r, 600));
    await vscode.commands.executeCommand('jobdeck.openJob', b);
    assert.equal(services.panels.get('demo-puppet', b.job.id), preview, 'the next click shows B in the same panel');
    assert.equal(services.panels.get('demo-puppet', a.job.id), undefined, 'A has no panel any more');
    assert.equal(services.panels.all().length, 1);
    assert.equal(preview.jobId, b.job.id);
    assert.ok(preview.posted > shows, 'B went to the page that was there');
    const detail = await services.details.load('demo-puppet', b.job.id);
    await rendered(preview, (r) => r.rows === Math.min(100, detail.targets.length) && r.rawState === detail.rawState);
    await waitFor(() => preview.panel.title === `${detail.name} · ${detail.rawState}`, 10_000, 'the title to follow');
    assert.deepEqual(preview.state, { connection: 'demo-puppet', jobId: b.job.id, preview: true });
    // What the page says about A (a click still under way) does not act on B.
    const calls: string[] = [];
    const original = services.panels.hooks.executeCommand;
    services.panels.hooks.executeCommand = async (command: string) => void calls.push(command);
    try {
      await preview.receive({ type: 'action', action: 'copyId', for: `demo-puppet/${a.job.id}` });
      assert.deepEqual(calls, [], 'an action tagged for A is dropped');
      await preview.receive({ type: 'action', action: 'copyId', for: `demo-puppet/${b.job.id}` });
      assert.deepEqual(calls, ['jobdeck.copyJobId']);
    } finally {
      services.panels.hooks.executeCommand = original;
    }
    // A double click (two opens of one row at once) keeps B; the next click opens a new preview.
    // Both opens are sent together, past the window of the click before: a busy machine
    // cannot stretch them apart.
    await new Promise((r) => setTimeout(r, 600));
    await Promise.all([
      vscode.commands.executeCommand('jobdeck.openJob', b),
      vscode.commands.executeCommand('jobdeck.openJob', b),
    ]);
    assert.equal(preview.preview, false, 'a double click keeps the panel');
    assert.equal(services.panels.preview, undefined);
    await new Promise((r) => setTimeout(r, 600));
    await vscode.commands.executeCommand('jobdeck.openJob', c);
    const next = services.panels.get('demo-puppet', c.job.id);
    assert.ok(next && next !== preview, 'C opens in a preview of its own');
    assert.equal(next.preview, true);
    assert.equal(services.panels.get('demo-puppet', b.job.id), preview, 'B keeps its panel');
    // Keep Open from the page does the same.
    await next.receive({ type: 'keepOpen', for: `demo-puppet/${c.job.id}` });
    assert.equal(next.preview, false);
    assert.equal(services.panels.preview, undefined);
  }

  it('tells the finish notifier about the job when a panel opens', async () => {
    const job = await findJob('demo-beacon', () => true, 'a job');
    const calls: string[] = [];
    const original = services.finish.watch;
    services.finish.watch = (c, j) => {
      calls.push(`${c}/${j.id}`);
      original.call(services.finish, c, j);
    };
    try {
      await open('demo-beacon', job.id);
      assert.deepEqual(calls, [`demo-beacon/${job.id}`]);
    } finally {
      services.finish.watch = original;
    }
  });

  it('follows a running job with posted data, not an HTML reload; expanded rows stay expanded', async () => {
    let job: JobDetail | undefined;
    let connection = '';
    for (const c of ['demo-puppet', 'demo-cnaas', 'demo-beacon']) {
      job = (await details(c)).find((d) => d.state === 'running' && d.targets.length > 0);
      connection = c;
      if (job) break;
    }
    assert.ok(job, 'the emulator has a running job with targets');
    const target = job.targets[0];
    const panel = await open(connection, job.id, target.name);
    const before = await rendered(panel, (r) => r.revealed === target.name && r.expanded.includes(target.id));
    const html = panel.panel.webview.html;
    const posted = panel.posted;
    const seen = JSON.stringify(panel.current);
    // The emulator runs 10× faster than real time: within seconds nodes finish or devices
    // report; the 2 s detail poll brings that to the page.
    const after = await rendered(panel, (r) => r.version > before.version && panel.posted > posted, 60_000);
    assert.notEqual(JSON.stringify(panel.current), seen, 'the job data changed');
    assert.equal(after.rawState, panel.current?.rawState);
    assert.ok(after.expanded.includes(target.id), 'the expanded row is still expanded after the update');
    assert.equal(panel.panel.webview.html, html, 'the HTML (and its nonce) was not replaced');
    assert.equal(panel.panel.title, `${panel.current?.name} · ${panel.current?.rawState}`);
  });

  it('CNaaS sync_devices with one device: the device opens by itself, no time columns; the tree row opens too', async () => {
    const job = await findJob(
      'demo-cnaas',
      (d) => d.targets.length === 1 && (d.targets[0].children?.length ?? 0) >= 2 && d.state === 'succeeded',
      'a finished job with one device and its steps',
    );
    const device = job.targets[0];
    const panel = await open('demo-cnaas', job.id);
    const r = await rendered(panel, (x) => x.rows === 1);
    assert.deepEqual(r.expanded, [device.id], 'the one device is open without a click');
    assert.deepEqual(r.columns, ['name', 'state', 'message'], 'CNaaS devices have no start, finish or duration');
    panel.dispose();
    const many = await findJob('demo-puppet', (d) => d.targets.length > 3, 'a job with more than three nodes');
    const other = await open('demo-puppet', many.id);
    const p = await rendered(other, (x) => x.rows > 3);
    assert.deepEqual(p.expanded, [], 'many nodes: a click opens one');
    assert.deepEqual(p.columns, ['name', 'state', 'start', 'finish', 'duration', 'message']);
    other.dispose();
    // The tree: the job's device row shows its steps without a click as well.
    const row = (await jobRows('demo-cnaas')).find((x) => x.job.id === job.id);
    assert.ok(row, 'the job row');
    const children = await services.tree.getChildren(row as never);
    assert.equal(children.length, 1);
    assert.equal(services.tree.getTreeItem(children[0]).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
  });

  it('two panels get two nonces: each CSP allows only its own page script, which carries it', async () => {
    const [a, b] = (await details('demo-cdrouter')).slice(0, 2);
    assert.ok(a && b, 'two jobs');
    const nonces: string[] = [];
    for (const job of [a, b]) {
      const panel = await open('demo-cdrouter', job.id);
      await rendered(panel);
      const html = panel.panel.webview.html;
      const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
      const allowed = [...csp.matchAll(/'nonce-([^']+)'/g)].map((m) => m[1]);
      assert.equal(allowed.length, 1, `one nonce in the CSP: ${csp}`);
      assert.match(csp, /script-src 'nonce-[^']+'(;|$)/, 'scripts only by nonce');
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => /nonce="([^"]*)"/.exec(m[1])?.[1]);
      assert.deepEqual(scripts, [allowed[0]], 'one script, with the CSP nonce');
      assert.ok(allowed[0].length >= 16, 'a nonce long enough not to be guessed');
      nonces.push(allowed[0]);
    }
    assert.notEqual(nonces[0], nonces[1], 'each panel load has its own nonce');
  });

  it('restores a panel from the state the serializer gets after a reload', async () => {
    const job = await findJob('demo-cdrouter', () => true, 'a job');
    const raw = vscode.window.createWebviewPanel('jobdeck.job', 'restoring', vscode.ViewColumn.Active, {
      enableScripts: true,
    });
    await services.panels.restore(raw, {
      connection: 'demo-cdrouter',
      jobId: job.id,
      ui: { expanded: [], chips: [], page: 0, diffMode: 'split', scrollY: 0 },
    });
    const panel = services.panels.get('demo-cdrouter', job.id);
    assert.ok(panel, 'the restored panel is registered');
    assert.equal(panel.panel, raw);
    const page = await rendered(panel);
    assert.equal(page.rawState, job.rawState);
    assert.match(raw.webview.html, /Content-Security-Policy/);

    const junk = vscode.window.createWebviewPanel('jobdeck.job', 'junk', vscode.ViewColumn.Active, {});
    let disposed = false;
    junk.onDidDispose(() => (disposed = true));
    await services.panels.restore(junk, { nothing: true });
    assert.equal(disposed, true, 'a panel with unusable state is closed');
  });

  it('dispatches the header buttons as the tree commands, with {connection, jobId}', async () => {
    const job = await findJob('demo-cdrouter', () => true, 'a job');
    const panel = await open('demo-cdrouter', job.id);
    const page = await rendered(panel, (r) => r.actions.length > 1);
    assert.deepEqual(page.actions, panel.actions, 'the page shows the buttons the host allows');
    assert.ok(panel.actions.includes('copyId'));
    const calls: unknown[][] = [];
    const original = services.panels.hooks.executeCommand;
    services.panels.hooks.executeCommand = async (command: string, ...args: unknown[]) => {
      calls.push([command, ...args]);
      return undefined;
    };
    try {
      for (const action of panel.actions) await panel.receive({ type: 'action', action });
      assert.deepEqual(
        calls,
        panel.actions.map((a) => [PANEL_ACTIONS[a].command, { connection: 'demo-cdrouter', jobId: job.id }]),
      );
      const ids = calls.map((c) => c[0]);
      for (const id of ids)
        assert.match(
          String(id),
          /^jobdeck\.(stopJob|deleteJob|relaunch|tailEvents|copyJobId|openInBrowser|copyJobLink|saveJobReport|openAllChanges|showReport|compareJobs|copyJobAsMarkdown)$/,
        );

      // A button the job does not allow (CNaaS is read-only) is not dispatched, whatever the page says.
      const cnaas = await findJob('demo-cnaas', () => true, 'a job');
      const ro = await open('demo-cnaas', cnaas.id);
      calls.length = 0;
      for (const action of ['stop', 'delete', 'relaunch', 'nonsense'] as PanelActionId[])
        await ro.receive({ type: 'action', action });
      assert.deepEqual(calls, []);
    } finally {
      services.panels.hooks.executeCommand = original;
    }
  });

  it('opens a step diff in VS Code’s diff editor on read-only documents with the hunks’ line numbers', async () => {
    const job = await findJob('demo-cnaas', (d) => withDiff(d) !== undefined, 'a job with a diff');
    const { path, step } = withDiff(job)!;
    const panel = await open('demo-cnaas', job.id);
    const page = await rendered(panel, (r) => r.diffs > 0);
    assert.ok(page.diffs >= 1);
    const calls: unknown[][] = [];
    const original = services.panels.hooks.executeCommand;
    services.panels.hooks.executeCommand = (command: string, ...args: unknown[]) => {
      calls.push([command, ...args]);
      return original(command, ...args);
    };
    try {
      await panel.receive({ type: 'openDiff', path });
    } finally {
      services.panels.hooks.executeCommand = original;
    }
    assert.deepEqual(calls[0], ['jobdeck.openDiff', { connection: 'demo-cnaas', jobId: job.id, path }]);
    const tab = await waitFor(
      () => {
        const t = vscode.window.tabGroups.activeTabGroup.activeTab;
        return t?.input instanceof vscode.TabInputTextDiff ? t : undefined;
      },
      10_000,
      'a diff editor tab',
    );
    const input = tab.input as vscode.TabInputTextDiff;
    assert.equal(input.original.scheme, 'jobdeck-diff');
    assert.equal(input.modified.scheme, 'jobdeck-diff');
    const before = (await vscode.workspace.openTextDocument(input.original)).getText().split('\n');
    const after = (await vscode.workspace.openTextDocument(input.modified)).getText().split('\n');
    const lines = parseHunks(step.diff!).hunks.flatMap((h) => h.lines);
    assert.ok(lines.some((l) => l.kind !== 'context'));
    for (const l of lines) {
      if (l.oldNo !== undefined) assert.equal(before[l.oldNo - 1], l.text, `before line ${l.oldNo}`);
      if (l.newNo !== undefined) assert.equal(after[l.newNo - 1], l.text, `after line ${l.newNo}`);
    }
    const doc = await vscode.workspace.openTextDocument(input.modified);
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.writeFile(doc.uri, new Uint8Array([1]))),
      'the diff documents are read-only',
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('opens only links the job carries, after asking when they leave the connection’s server', async () => {
    const job = await findJob('demo-puppet', (d) => d.targets.some((t) => t.reportUrl), 'a job with node report links');
    const panel = await open('demo-puppet', job.id);
    await rendered(panel);
    const opened: string[] = [];
    const asked: string[] = [];
    let answer = false;
    const original = services.panels.linkHooks;
    services.panels.linkHooks = {
      openExternal: async (u) => (opened.push(u), true),
      confirm: async (m) => (asked.push(m), answer),
      warn: () => undefined,
    };
    try {
      const url = job.targets.find((t) => t.reportUrl)!.reportUrl!;
      const sameOrigin =
        new URL(url).origin === new URL(services.jobStore.get('demo-puppet')!.connection.config.url).origin;
      await panel.receive({ type: 'openUrl', url });
      if (sameOrigin) {
        assert.deepEqual(
          [opened.length, asked.length],
          [1, 0],
          'same origin as the connection: opened without a question',
        );
      } else {
        // The emulator's report links point at a PE console elsewhere: asked, refused, not opened.
        assert.deepEqual([opened.length, asked.length], [0, 1]);
        answer = true;
        await panel.receive({ type: 'openUrl', url });
        assert.deepEqual(opened, [new URL(url).toString()]);
      }
      const count = opened.length;
      await panel.receive({ type: 'openUrl', url: 'https://elsewhere.example/phish' });
      await panel.receive({ type: 'openUrl', url: 'javascript:alert(1)' });
      assert.equal(opened.length, count, 'a URL the job does not carry is not opened');
    } finally {
      services.panels.linkHooks = original;
    }
  });

  it('shows an error when the job does not exist', async () => {
    const panel = await open('demo-puppet', '999999');
    const page = await rendered(panel, (r) => Boolean(r.error));
    assert.match(page.error ?? '', /999999|not found|no longer exists/i);
    assert.equal(page.rows, 0);
  });
});
