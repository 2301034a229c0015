// The Jobs tree in a real extension host against the jobs emulator: rows, labels,
// descriptions, contextValues, children, paging, filter, errors, and polling measured at the
// emulator with the view visible vs hidden.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control, EMULATOR, requestLog, services, until } from './emulatorControl';
import type { Services } from '../../src/extension/services';
import type { ConnectionNode, JobNode, MessageNode, TargetNode, TreeNode } from '../../src/views/jobs/nodes';

// The extension runs from its esbuild bundle, so its classes are not the ones tsc compiled
// for this file: tell rows apart by their `type`, not with instanceof.
const isConnection = (n: TreeNode): n is ConnectionNode => n.type === 'connection';
const isJob = (n: TreeNode): n is JobNode => n.type === 'job';
const isTarget = (n: TreeNode): n is TargetNode => n.type === 'target';
const isMessage = (n: TreeNode): n is MessageNode => n.type === 'message';

async function children(s: Services, node?: TreeNode): Promise<TreeNode[]> {
  return (await s.tree.getChildren(node)) ?? [];
}

async function connectionNode(s: Services, name: string): Promise<ConnectionNode> {
  const node = (await children(s)).find((n): n is ConnectionNode => isConnection(n) && n.store.name === name);
  assert.ok(node, `no row for connection ${name}`);
  return node;
}

/** Expands a connection the way the tree does (asking for its children) and waits for its jobs. */
async function jobRows(s: Services, name: string): Promise<JobNode[]> {
  const node = await connectionNode(s, name);
  // As VS Code expands a row: the expand event, then its request for the rows.
  s.tree.expandedInView(node);
  await children(s, node);
  await until(`${name} to load`, () => node.store.status === 'ok' || node.store.status === 'error');
  assert.equal(node.store.status, 'ok', node.store.error?.message);
  return (await children(s, node)).filter(isJob);
}

function rawField(job: { raw: unknown }, field: string): unknown {
  return (job.raw as Record<string, unknown>)[field];
}

describe('Jobs tree', function () {
  this.timeout(120_000);
  let s: Services;

  before(async () => {
    assert.ok(EMULATOR, 'the launcher passes JOBDECK_EMULATOR_URL');
    s = await services();
    await vscode.commands.executeCommand('jobdeck.jobs.focus');
    await until('the view to be visible', () => s.treeView.visible);
  });

  it('lists the five configured connections with their kind', async () => {
    const rows = (await children(s)).filter(isConnection);
    assert.deepEqual(
      rows.map((r) => r.store.name),
      ['demo-cnaas', 'demo-cdrouter', 'demo-puppet', 'demo-stack', 'demo-beacon'],
    );
    for (const r of rows) {
      const item = s.tree.getTreeItem(r);
      assert.equal(item.label, r.store.name);
      assert.ok(String(item.description).startsWith(r.store.connection.config.kind), String(item.description));
      assert.match(String(item.contextValue), /^connection\b/);
    }
  });

  it('answers the first expansion of a connection with its rows and no change event in between', async () => {
    // A connection of its own, never loaded (earlier suites may have loaded the demo ones).
    const settings = vscode.workspace.getConfiguration('jobdeck');
    const configured = settings.inspect<{ name: string; kind: string }[]>('connections')?.globalValue ?? [];
    const template = configured.find((c) => c.kind === 'cdrouter');
    assert.ok(template, 'a CDRouter connection in the user settings');
    await settings.update(
      'connections',
      [...configured, { ...template, name: 'tree-fresh' }],
      vscode.ConfigurationTarget.Global,
    );
    const idle = await until('the new connection row', async () =>
      (await children(s)).filter(isConnection).find((n) => n.store.name === 'tree-fresh'),
    );
    assert.equal(idle.store.status, 'idle');
    const fired: string[] = [];
    const sub = s.tree.onDidChangeTreeData((e) => {
      if (idle.store.status === 'ok') return;
      // Other connections' rows change as their polls answer: only this connection's rows
      // (and a refresh of everything) are the events the claim is about.
      for (const n of e === undefined ? [undefined] : Array.isArray(e) ? e : [e])
        if (!n || n.id.split('/').includes('tree-fresh')) fired.push(`${n ? n.id : 'root'} while ${idle.store.status}`);
    });
    try {
      // A click sends VS Code's "expanded" event and its request for the rows as two messages,
      // a moment apart. A change event for the row it is waiting on in between makes it render
      // every job row twice, often before the first paint.
      s.tree.expandedInView(idle);
      await new Promise((r) => setTimeout(r, 20));
      const rows = await children(s, idle);
      assert.ok(rows.some(isJob), `job rows; got ${rows.map((r) => r.type).join(', ')}`);
      await until(`${idle.store.name} to load`, () => idle.store.status === 'ok' || idle.store.status === 'error');
      assert.equal(idle.store.status, 'ok', idle.store.error?.message);
      assert.deepEqual(fired, [], 'change events before the rows');
    } finally {
      sub.dispose();
      await settings.update('connections', configured, vscode.ConfigurationTarget.Global);
      await until('the extra connection to be gone', () => !s.jobStore.get('tree-fresh'));
    }
  });

  it('labels job rows with the name each product uses, the server state word and a time', async () => {
    const nameField: Record<string, string> = {
      'demo-cnaas': 'function_name',
      'demo-cdrouter': 'package_name',
      'demo-puppet': 'name',
      'demo-stack': 'name',
      'demo-beacon': 'name',
    };
    for (const [conn, field] of Object.entries(nameField)) {
      const rows = await jobRows(s, conn);
      assert.ok(rows.length > 0, `${conn} shows jobs`);
      // A job without a name (null or "") is labelled with the dialect's fallback, not checked here.
      const named = rows
        .slice(0, 10)
        .filter((r) => typeof rawField(r.job, field) === 'string' && rawField(r.job, field) !== '');
      assert.ok(named.length > 0, `${conn} has named jobs on its first page`);
      for (const row of rows.slice(0, 10).filter((r) => !named.includes(r))) {
        assert.match(String(s.tree.getTreeItem(row).label), /\S/, `${conn}: an unnamed job still has a label`);
        assert.doesNotMatch(String(s.tree.getTreeItem(row).label), /^(null|undefined)$/, `${conn}: no "null" label`);
      }
      for (const row of named) {
        const item = s.tree.getTreeItem(row);
        assert.equal(item.label, String(rawField(row.job, field)), `${conn} row label`);
        assert.ok(
          String(item.description).startsWith(row.job.rawState),
          `${conn} description starts with the raw state: ${item.description}`,
        );
        assert.ok(item.iconPath instanceof vscode.ThemeIcon);
        assert.match(String(item.contextValue), /^job\b.*\bopen\b/);
        assert.equal(item.command?.command, 'jobdeck.openRow');
        assert.equal(item.tooltip, undefined, 'the tooltip waits for a hover');
        const hovered = s.tree.resolveTreeItem(item, row);
        assert.ok(hovered.tooltip instanceof vscode.MarkdownString && hovered.tooltip.value.includes(row.job.id));
      }
    }
  });

  it('offers only what each API supports in contextValue', async () => {
    const cdrouter = await jobRows(s, 'demo-cdrouter');
    assert.ok(
      cdrouter.every((r) => /\bdelete\b/.test(String(s.tree.getTreeItem(r).contextValue))),
      'CDRouter jobs can be deleted',
    );
    const cnaas = await jobRows(s, 'demo-cnaas');
    const words = (r: JobNode) => String(s.tree.getTreeItem(r).contextValue);
    assert.ok(
      cnaas.every((r) => !/\b(delete|relaunch)\b/.test(words(r))),
      'CNaaS jobs cannot be deleted or relaunched here',
    );
    // CNaaS's abort (PUT /job/<id> {action: ABORT}) is its Stop, for SCHEDULED and RUNNING jobs only.
    assert.ok(
      cnaas.every(
        (r) => /\bstop\b/.test(words(r)) === (r.job.rawState === 'SCHEDULED' || r.job.rawState === 'RUNNING'),
      ),
      cnaas.map((r) => `${r.job.rawState}: ${words(r)}`).join('\n'),
    );
    const puppet = await jobRows(s, 'demo-puppet');
    const puppetRunning = puppet.find((r) => r.job.state === 'running');
    if (puppetRunning) assert.match(words(puppetRunning), /\bstop\b/);
    assert.ok(
      puppet.every((r) => /\breport\b/.test(words(r))),
      'every Puppet job has its report',
    );
    assert.ok(cdrouter.every((r) => !/\b(report|edit|setTask)\b/.test(words(r))));
    const stack = await jobRows(s, 'demo-stack');
    assert.ok(
      stack.every((r) => /\bedit\b/.test(words(r)) === (r.job.state !== 'deleting')),
      'stack jobs can be edited (name, schedule, stack)',
    );
    const beacon = await jobRows(s, 'demo-beacon');
    assert.ok(
      beacon.every((r) => /\bsetTask\b/.test(words(r)) === (r.job.state === 'running' || r.job.state === 'pending')),
      'beacon jobs under way take a current task',
    );
    const stackConnection = s.tree.getTreeItem(
      (await children(s)).find((n): n is ConnectionNode => isConnection(n) && n.store.name === 'demo-stack')!,
    );
    assert.match(String(stackConnection.contextValue), /\bbyName\b/, 'stack-jobs connections open a job by name');
  });

  it('shows Puppet nodes and CNaaS devices with their steps as children', async () => {
    const puppet = (await jobRows(s, 'demo-puppet')).find((r) => r.job.state !== 'pending');
    assert.ok(puppet, 'a Puppet job that has started');
    const puppetRows = await children(s, puppet);
    const nodes = puppetRows.filter(isTarget);
    assert.ok(
      nodes.length > 0,
      `Puppet job has node rows; got ${puppetRows.map((n) => `${n.type}:${isMessage(n) ? n.text : ''}`).join(', ')}`,
    );
    assert.equal(nodes[0].target.kind, 'node');
    assert.ok(String(s.tree.getTreeItem(nodes[0]).description).length > 0);

    const cnaas = (await jobRows(s, 'demo-cnaas')).find((r) => r.job.state === 'succeeded' || r.job.state === 'failed');
    assert.ok(cnaas, 'a finished CNaaS job');
    const devices = (await children(s, cnaas)).filter(isTarget);
    assert.ok(devices.length > 0, 'CNaaS job has device rows');
    assert.equal(devices[0].target.kind, 'device');
    const steps = (await children(s, devices[0])) as TargetNode[];
    assert.ok(steps.length > 0 && steps.every((t) => t.target.kind === 'step'), 'devices have step rows');
  });

  it("a click on a job or node row runs a command without arguments that opens the selected row's job", async () => {
    // VS Code drops a row command's arguments when the row is rendered again (a poll), and a
    // click that lands then fails with "Actual command not found": the row's command carries
    // none, and the click's selection says which row it was.
    const job = (await jobRows(s, 'demo-puppet')).find((r) => r.job.state !== 'pending');
    assert.ok(job, 'a Puppet job that has started');
    const node = (await children(s, job)).find(isTarget);
    assert.ok(node, 'the job has node rows');
    const click = async (row: TreeNode) => {
      await s.treeView.reveal(row, { select: true, focus: true });
      await until(
        'the row to be selected',
        () => s.treeView.selection.length === 1 && s.treeView.selection[0].id === row.id,
      ).catch((e: Error) =>
        assert.fail(`${e.message}; selection: ${s.treeView.selection.map((n) => n.id).join(', ')}; row ${row.id}`),
      );
      const { command } = s.tree.getTreeItem(row);
      assert.equal(command?.command, 'jobdeck.openRow');
      assert.equal(command?.arguments, undefined, 'a row command carries no arguments');
      await vscode.commands.executeCommand(command.command);
    };
    try {
      for (const p of s.panels.all()) p.dispose();
      await s.treeView.reveal(await connectionNode(s, 'demo-puppet'), { expand: true });
      await click(job);
      assert.ok(s.panels.get('demo-puppet', job.job.id), "the job row's click opened its panel");
      for (const p of s.panels.all()) p.dispose();
      await click(node);
      assert.ok(s.panels.get('demo-puppet', job.job.id), "a node row's click opened its job's panel");
    } finally {
      for (const p of s.panels.all()) p.dispose();
    }
  });

  it('pages: first page only, then Load more… with "N of total"', async () => {
    const node = await connectionNode(s, 'demo-cdrouter');
    await node.store.query(undefined);
    const rows = await children(s, node);
    const more = rows.find((n): n is MessageNode => isMessage(n) && n.kind === 'loadMore');
    assert.ok(more, 'a Load more… row');
    const pageSize = node.store.jobs.length;
    assert.ok(pageSize > 0 && node.store.total !== undefined && node.store.total > pageSize);
    assert.equal(s.tree.getTreeItem(more).description, `${pageSize} of ${node.store.total!.toLocaleString('en-US')}`);
    // A click: the row selected, then its command, which carries no arguments (see the job row's).
    const { command } = s.tree.getTreeItem(more);
    assert.equal(command?.command, 'jobdeck.openRow');
    assert.equal(command?.arguments, undefined, 'a row command carries no arguments');
    await s.treeView.reveal(more, { select: true, focus: true });
    await until('the Load more row to be selected', () => s.treeView.selection.some((n) => n.id === more.id));
    await vscode.commands.executeCommand(command.command);
    assert.equal(node.store.jobs.length, Math.min(2 * pageSize, node.store.total!));
    const ids = node.store.jobs.map((j) => j.id);
    assert.equal(new Set(ids).size, ids.length, 'no job twice');
  });

  it('filters on the server and shows the active filter on the connection row', async () => {
    const node = await connectionNode(s, 'demo-cdrouter');
    await control('DELETE', 'log');
    await node.store.query({ states: ['failed'] });
    const log = (await requestLog()).filter((e) => e.dialect === 'cdrouter' && e.path.endsWith('/api/v1/jobs/'));
    assert.ok(
      log.some((e) => new URLSearchParams(e.query).getAll('filter').includes('status=error')),
      'state filter sent to CDRouter',
    );
    const rows = (await children(s, node)).filter(isJob);
    assert.ok(rows.every((r) => r.job.state === 'failed'));
    const item = s.tree.getTreeItem(node);
    assert.match(String(item.description), /filter: failed/);
    assert.match(String(item.contextValue), /\bfiltered\b/);
    await vscode.commands.executeCommand('jobdeck.clearFilter', node);
    assert.equal(node.store.filter, undefined);
    assert.doesNotMatch(String(s.tree.getTreeItem(node).contextValue), /\bfiltered\b/);
  });

  it('shows one error row for a failing connection and keeps the others working', async () => {
    const config = vscode.workspace.getConfiguration('jobdeck');
    const before = config.inspect<unknown[]>('connections')?.globalValue ?? [];
    const bad = { name: 'no-token', kind: 'cdrouter', url: `${EMULATOR}/cdrouter`, tokenEnv: 'JOBDECK_NO_SUCH_TOKEN' };
    await config.update('connections', [...before, bad], vscode.ConfigurationTarget.Global);
    try {
      const node = await until('the new connection row', async () =>
        (await children(s)).find((n): n is ConnectionNode => isConnection(n) && n.store.name === 'no-token'),
      );
      await children(s, node);
      await until('the error', () => node.store.status === 'error');
      const rows = await children(s, node);
      assert.equal(rows.length, 1);
      const row = rows[0] as MessageNode;
      assert.equal(row.kind, 'error');
      const item = s.tree.getTreeItem(row);
      assert.match(String(item.label), /not authorized/);
      assert.match(String(item.contextValue), /\bsetToken\b/);
      assert.match(String(s.tree.getTreeItem(node).description), /needs token/);
      // Its click shows the error (jobdeck.showConnectionError) through the selection: no arguments.
      assert.equal(item.command?.command, 'jobdeck.openRow');
      assert.equal(item.command?.arguments, undefined, 'a row command carries no arguments');
      assert.deepEqual(row.ref, { connection: 'no-token', action: 'showError' });
      const other = await connectionNode(s, 'demo-cdrouter');
      await other.store.refresh();
      assert.equal(other.store.status, 'ok');
    } finally {
      await config.update('connections', before, vscode.ConfigurationTarget.Global);
    }
  });

  it('polls while visible (≤ 1 list request per interval) and not at all while hidden', async function () {
    this.timeout(90_000);
    const config = vscode.workspace.getConfiguration('jobdeck');
    await config.update('pollInterval', 2, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('jobdeck.jobs.focus');
      await until('the view to be visible', () => s.treeView.visible);
      for (const name of ['demo-cdrouter', 'demo-stack']) await jobRows(s, name);
      await control('DELETE', 'log');
      // Polled: three list requests come (the positive signal), one per interval: polls are
      // on a grid of the interval (store/poller.ts), so each falls in an interval of its own, and
      // the next is planned at least 3/4 of an interval after the one before has ended.
      const cdLists = async () =>
        (await requestLog()).filter(
          (e) => e.dialect === 'cdrouter' && e.method === 'GET' && e.path.endsWith('/api/v1/jobs/'),
        );
      const visible = await until('three list requests while visible', async () => {
        const l = await cdLists();
        return l.length >= 3 && l;
      });
      const arrivals = visible.map((e) => Date.parse(e.time));
      const seen = visible.map((e) => e.time).join(', ');
      for (let i = 1; i < arrivals.length; i++)
        assert.ok(
          arrivals[i] - arrivals[i - 1] >= 1_500 - 10,
          `list requests ${arrivals[i] - arrivals[i - 1]} ms apart at a 2 s interval: ${seen}`,
        );
      const cells = arrivals.map((t) => Math.floor(t / 2_000));
      assert.equal(new Set(cells).size, cells.length, `two list requests in one 2 s interval: ${seen}`);

      await vscode.commands.executeCommand('workbench.view.explorer');
      await until('the view to be hidden', () => !s.treeView.visible);
      // A clock on the extension host's own timers that the view does not stop: a watch on a
      // job that is not final (what an open panel keeps) reads it every interval. Once it has
      // read twice after the log was cleared, a poll a hidden view still made would be there.
      // The servers' clock stands still meanwhile, so the watched job cannot end.
      await control('POST', 'pause');
      let watch: { dispose(): void } | undefined;
      let watchedFrom = 0;
      try {
        const open = ['demo-cdrouter', 'demo-stack']
          .map((name) => s.jobStore.get(name))
          .flatMap((store) => (store ? store.jobs.map((job) => ({ store, job })) : []))
          .find(({ job }) => !['succeeded', 'failed', 'stopped'].includes(job.state));
        assert.ok(open, 'a job that is not final, to watch');
        // Its own path (…/jobs/<id>, CDRouter with a slash after) is read once per load.
        const own = new RegExp(`/jobs/${open.job.id}/?$`);
        await control('DELETE', 'log');
        watch = s.details.watch(open.store.name, open.job.id);
        const reads = async () =>
          (await requestLog()).filter((e) => e.dialect === open.store.kind && e.method === 'GET' && own.test(e.path));
        const seen = await until(
          'the watched job to be read three times',
          async () => {
            const r = await reads();
            return r.length >= 3 && r;
          },
          30_000,
          200,
        );
        watchedFrom = Date.parse(seen[0].time);
      } finally {
        watch?.dispose();
        await control('POST', 'resume');
      }
      // Job lists are what the tree polls (a tail or an open panel may legitimately poll a job).
      // A poll that began before the view was hidden was sent before the watch began; anything
      // after the watch's first read was decided while hidden.
      const lists = /\/(api\/v1\.0\/jobs|api\/v1\/jobs\/|orchestrator\/v1\/jobs|jobs|api\/jobs)$/;
      const hidden = (await requestLog()).filter(
        (e) =>
          e.dialect !== 'control' &&
          e.dialect !== null &&
          e.method === 'GET' &&
          lists.test(e.path) &&
          Date.parse(e.time) > watchedFrom,
      );
      assert.deepEqual(
        hidden.map((e) => `${e.method} ${e.path}`),
        [],
        'no list requests while the view is hidden',
      );
    } finally {
      await config.update('pollInterval', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('jobdeck.jobs.focus');
    }
  });

  it('shows the number of running jobs as the view badge', async () => {
    await vscode.commands.executeCommand('jobdeck.jobs.focus');
    await jobRows(s, 'demo-puppet');
    // The clock stands still, so the servers' answers cannot move between reading them here and
    // the badge being drawn (a running job that finished in between made it one off).
    await control('POST', 'pause');
    try {
      const loaded = s.jobStore.all().filter((store) => store.jobs.length > 0);
      await Promise.all(loaded.map((store) => store.refresh()));
      // The servers' own word, read now over a fresh list request per connection, for the jobs
      // the tree shows (the badge counts the loaded rows).
      let expected = 0;
      for (const store of loaded) {
        const fresh = new Map<string, string>();
        let cursor: string | undefined;
        do {
          const page = await store.scan({ pageSize: 100, cursor, filter: store.filter, sort: store.sort });
          for (const j of page.items) fresh.set(j.id, j.state);
          cursor = page.nextCursor;
        } while (cursor && store.jobs.some((j) => !fresh.has(j.id)));
        // A launched job the list does not reach is read on its own.
        for (const j of store.jobs)
          if (!fresh.has(j.id)) fresh.set(j.id, (await store.loadDetail(j.id).catch(() => j)).state);
        expected += store.jobs.filter((j) => fresh.get(j.id) === 'running').length;
      }
      assert.ok(expected > 0, 'the emulator has running jobs to count');
      // The badge follows store changes a moment later (it is coalesced).
      await until(`the badge to show ${expected}`, () => s.treeView.badge?.value === expected, 10_000);
      assert.equal(s.treeView.badge?.tooltip, `${expected} running`);
    } finally {
      await control('POST', 'resume');
    }
  });
});
