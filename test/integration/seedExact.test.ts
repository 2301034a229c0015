// The tree, the panel and the commands against a server that sends the seeds' own example
// payloads exactly as printed (the emulator in seed-exact mode, at JOBDECK_SEED_EMULATOR_URL):
// only the fields the seeds show, nothing our generator adds.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Services } from '../../src/extension/services';
import type { JobNode, TreeNode } from '../../src/views/jobs/nodes';
import type { Job } from '../../src/client/model';
import { confirmed, services, until } from './emulatorControl';

const SEED = process.env.JOBDECK_SEED_EMULATOR_URL ?? '';
const KINDS = {
  'seed-cnaas': 'cnaas-nms',
  'seed-cdrouter': 'cdrouter',
  'seed-puppet': 'puppet-orchestrator',
  'seed-stack': 'stack-jobs',
  'seed-beacon': 'beacon',
} as const;

interface LogEntry {
  method: string;
  path: string;
  query: string;
  status: number;
}

async function seedLog(): Promise<LogEntry[]> {
  const r = await fetch(`${SEED}/_control/log`);
  return ((await r.json()) as { entries: LogEntry[] }).entries;
}

describe("against the seeds' own examples (seed-exact emulator)", function () {
  this.timeout(120_000);
  let s: Services;
  let before_: unknown[] = [];

  const rows = async (name: string): Promise<JobNode[]> => {
    const conn = (await s.tree.getChildren(undefined))?.find(
      (n: TreeNode) => n.type === 'connection' && n.store.name === name,
    );
    assert.ok(conn, name);
    s.tree.expandedInView(conn);
    await s.tree.getChildren(conn);
    const store = s.jobStore.get(name)!;
    await until(`${name} to load`, () => store.status === 'ok' || store.status === 'error');
    assert.equal(store.status, 'ok', store.error?.message);
    return ((await s.tree.getChildren(conn)) ?? []).filter((n): n is JobNode => n.type === 'job');
  };
  const label = (n: JobNode) => [
    String(s.tree.getTreeItem(n).label),
    String(s.tree.getTreeItem(n).description).split(' · ')[0],
  ];

  before(async () => {
    assert.match(SEED, /^http:\/\/127\.0\.0\.1:\d+$/, 'the launcher passes JOBDECK_SEED_EMULATOR_URL');
    s = await services();
    await vscode.commands.executeCommand('jobdeck.jobs.focus');
    await until('the view to be visible', () => s.treeView.visible);
    const settings = vscode.workspace.getConfiguration('jobdeck');
    before_ = settings.inspect<unknown[]>('connections')?.globalValue ?? [];
    const seeds = Object.entries(KINDS).map(([name, kind]) => ({
      name,
      kind,
      url: `${SEED}/${kind}`,
      tokenEnv: 'JOBDECK_DEMO_TOKEN',
    }));
    await settings.update('connections', [...before_, ...seeds], vscode.ConfigurationTarget.Global);
    await until('the seed connections', () => Object.keys(KINDS).every((n) => s.jobStore.get(n)));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace
      .getConfiguration('jobdeck')
      .update('connections', before_, vscode.ConfigurationTarget.Global);
    await until('the seed connections to go', () => Object.keys(KINDS).every((n) => !s.jobStore.get(n)));
  });

  it("the tree shows each seed's jobs with the name and the state word a user of that product knows", async () => {
    assert.deepEqual((await rows('seed-cnaas')).map(label), [['sync_devices', 'FINISHED']]);
    assert.deepEqual((await rows('seed-cdrouter')).map(label), [['one', 'running']]);
    const puppet = await rows('seed-puppet');
    assert.deepEqual(puppet.map(label), [['1234', 'finished']]);
    assert.deepEqual(puppet[0].job.progress, { done: 4, total: 5 });
    assert.deepEqual((await rows('seed-stack')).map(label).sort(), [
      ['Job 3', 'queued for deletion'],
      ['nightly backup', 'scheduled'],
      ['weekly report', 'disabled'],
    ]);
    const beacon = (await rows('seed-beacon')).map(label);
    assert.deepEqual(
      beacon.find(([n]) => n === 'aborted fetch'),
      ['aborted fetch', 'aborted'],
      'an aborted job is not shown as finished',
    );
  });

  it('the panel of the seed\'s finished Puppet job: state from its history, never "0 / 5", the report button', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('jobdeck.openJob', { connection: 'seed-puppet', jobId: '1234' });
    const panel = s.panels.get('seed-puppet', '1234');
    assert.ok(panel);
    // A webview starts slowly on a busy machine: the page's own report is the signal.
    const page = await until(
      'the detail to render',
      () => (panel.lastRendered?.rows ? panel.lastRendered : undefined),
      60_000,
    );
    assert.equal(page.rawState, 'finished');
    assert.ok(page.progress && !/^0 \/ 5/.test(page.progress), `progress: ${page.progress}`);
    assert.match(page.progress ?? '', /of 5$/);
    assert.ok(page.actions.includes('report'));
    assert.equal(page.rows, 1, "the nodes example's one node");
  });

  it("the panel of the seed's CNaaS job: one device, its three steps, the diff", async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('jobdeck.openJob', {
      connection: 'seed-cnaas',
      jobId: '5d0a3d8fdd4287776695dcb6',
    });
    const panel = s.panels.get('seed-cnaas', '5d0a3d8fdd4287776695dcb6')!;
    const page = await until(
      'the detail to render',
      () => (panel.lastRendered?.rows ? panel.lastRendered : undefined),
      60_000,
    );
    assert.equal(page.rawState, 'FINISHED');
    assert.equal(page.rows, 1);
    assert.equal(page.expanded.length, 1, 'the one device is open without a click');
    assert.deepEqual(page.columns, ['name', 'state', 'message'], 'CNaaS has no per-device times');
    // The Changes section's diff, and the same step's diff in the device that opened by itself.
    assert.equal(page.diffs, 2);
    assert.ok(!page.actions.includes('stop'), 'a FINISHED job cannot be aborted');
  });

  it('commands: delete, launch, report, edit, set task and a worker call reach the seed server; a stop it does not route fails clearly', async () => {
    const deleted = await vscode.commands.executeCommand(
      'jobdeck.deleteJob',
      confirmed({
        connection: 'seed-cdrouter',
        jobIds: ['1'],
      }),
    );
    assert.ok(deleted);
    const launched = await vscode.commands.executeCommand<Job>(
      'jobdeck.launchJob',
      confirmed({
        connection: 'seed-cdrouter',
        spec: { kind: 'cdrouter', packageId: '123' },
        openPanel: false,
      }),
    );
    assert.deepEqual([launched?.id, launched?.state], ['2', 'pending']);
    const stop = await vscode.commands.executeCommand<{ failed: { message: string }[] }>(
      'jobdeck.stopJob',
      confirmed({
        connection: 'seed-cdrouter',
        jobIds: ['2'],
      }),
    );
    assert.equal(stop?.failed.length, 1);
    assert.match(
      stop?.failed[0].message ?? '',
      /has none yet/,
      'a pending CDRouter job has no result to stop through: said, nothing sent',
    );
    const uri = await vscode.commands.executeCommand<vscode.Uri>('jobdeck.showReport', {
      connection: 'seed-puppet',
      jobIds: ['1234'],
    });
    const doc = await until('the report', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri?.toString() && d.getText().includes('##')),
    );
    assert.match(doc.getText(), /## wss6c3w9wngpycg\.example\.com\n\nState: running/);
    const edited = await vscode.commands.executeCommand<Job>(
      'jobdeck.editJob',
      confirmed({
        connection: 'seed-stack',
        jobIds: ['2'],
        name: 'renamed from the seed test',
      }),
    );
    assert.equal(edited?.name, 'renamed from the seed test');
    const tasked = await vscode.commands.executeCommand<Job>(
      'jobdeck.setCurrentTask',
      confirmed({
        connection: 'seed-beacon',
        jobIds: ['2'],
        task: 3,
      }),
    );
    assert.equal((tasked?.raw as Record<string, unknown>).cur_task, 3);
    const ended = await vscode.commands.executeCommand<Job>(
      'jobdeck.workerAction',
      confirmed({
        connection: 'seed-beacon',
        jobIds: ['2'],
        action: 'end',
        results: [{ status: 'ok' }, { status: 'ok' }, { status: 'ok' }],
      }),
    );
    assert.deepEqual([ended?.state, ended?.rawState], ['succeeded', 'finished']);
    const log = (await seedLog()).filter((e) => e.method !== 'GET');
    assert.deepEqual(
      log.map((e) => [e.method, e.path, e.status]),
      [
        ['DELETE', '/cdrouter/api/v1/jobs/1/', 204],
        ['POST', '/cdrouter/api/v1/jobs/', 200],
        ['PUT', '/stack-jobs/jobs/2', 200],
        ['POST', '/beacon/api/jobs/2', 200],
        ['POST', '/beacon/api/jobs/2', 200],
      ],
    );
  });
});
