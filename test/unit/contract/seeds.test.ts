// Contract: every JSON example of the seed documents, cut from the seed text itself (see
// test/emulator/seedExamples.ts for each repair of the ones that are not JSON), goes through
// the adapters the way a server would send it (the seed-exact emulator serves them) or is
// compared with what the adapters send (request examples). The checks are what a user sees:
// names, states, progress, counts, messages, not only that parsing did not throw.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { HttpClient } from '../../../src/client/http';
import { JobdeckError } from '../../../src/client/errors';
import type { JobsAdapter } from '../../../src/client/adapter';
import type { DialectKind } from '../../../src/client/model';
import { DIALECTS } from '../../../src/client/registry';
import { parseNodes } from '../../../src/client/dialects/puppetOrchestrator';
import { DEFAULT_TOKEN, type Emulator, start } from '../../emulator';
import { extract, SEED_EXAMPLES, seedValue } from '../../emulator/seedExamples';
import { type RecordingServer, startRecordingServer } from '../support/recordingServer';

function adapterAt(url: string, kind: DialectKind): JobsAdapter {
  const module = DIALECTS[kind];
  return module.create(
    new HttpClient({
      connection: { name: `seed-${kind}`, kind, url },
      auth: module.auth,
      token: async () => DEFAULT_TOKEN,
      retryBaseMs: 1,
      maxRetries: 0,
    }),
  );
}

async function rejects(p: Promise<unknown>): Promise<JobdeckError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof JobdeckError, String(e));
    return e;
  }
  assert.fail('expected a rejection');
}

describe('seed examples: cut from the seeds, repaired only where they are not JSON', () => {
  for (const example of SEED_EXAMPLES) {
    it(`${example.id} (${example.what})`, () => {
      const e = extract(example);
      let verbatimIsJson = true;
      try {
        JSON.parse(e.verbatim);
      } catch {
        verbatimIsJson = false;
      }
      assert.equal(
        verbatimIsJson,
        e.repairs.length === 0,
        e.repairs.length ? 'a repair of an example that is JSON already' : 'an example that is not JSON, unrepaired',
      );
      for (const r of e.repairs) assert.ok(r.why.length > 10, `${example.id}: every repair says why`);
      assert.ok(e.value !== null && typeof e.value === 'object');
    });
  }
});

describe('seed examples through the adapters (seed-exact emulator): what a user sees', () => {
  let emu: Emulator;
  const a = (kind: DialectKind) => adapterAt(emu.urls[kind], kind);
  before(async () => {
    emu = await start({ port: 0, mode: 'seed-exact' });
  });
  after(() => emu.stop());

  it('CNaaS: the one FINISHED sync_devices job with one device, three steps, a config and a diff', async () => {
    const page = await a('cnaas-nms').listJobs({ pageSize: 50 });
    assert.deepEqual(
      page.items.map((j) => [j.id, j.name, j.state, j.rawState, j.summary]),
      [['5d0a3d8fdd4287776695dcb6', 'sync_devices', 'succeeded', 'FINISHED', '1 device']],
    );
    assert.deepEqual(page.items[0].targetCounts, { ok: 1, failed: 0 });
    assert.equal(page.items[0].startedAt, Date.UTC(2019, 5, 19, 13, 50, 8, 900));
    assert.equal(page.nextCursor, undefined, 'one job, no more pages');
    const d = await a('cnaas-nms').getJob('5d0a3d8fdd4287776695dcb6');
    assert.deepEqual(
      d.targets.map((t) => [t.name, t.state, t.children?.map((c) => c.name)]),
      [['eosaccess', 'succeeded', ['push_sync_device', 'Generate device config', 'Sync device config']]],
    );
    const steps = d.targets[0].children ?? [];
    assert.match(steps[1].resultText ?? '', /^hostname eosaccess\n/);
    assert.match(steps[2].diff ?? '', /^@@ -15,7 \+15,7 @@/);
    assert.equal(steps[0].diff, undefined, 'an empty diff is none');
    assert.deepEqual(
      d.timeline.map((t) => t.rawState),
      ['RUNNING', 'FINISHED'],
    );
    assert.equal((await rejects(a('cnaas-nms').getJob('5d0a3d8fdd4287776695dcb7'))).code, 'notFound');
  });

  it('CDRouter: list, get, 404, launch, interfaces, bulk launch, bulk delete and delete', async () => {
    const c = a('cdrouter');
    const page = await c.listJobs({ pageSize: 25 });
    assert.deepEqual(
      page.items.map((j) => [j.id, j.name, j.state, j.rawState, j.summary]),
      [['1', 'one', 'running', 'running', 'one · Device Foo']],
    );
    assert.equal(page.total, 1);
    assert.equal(page.nextCursor, undefined, 'links.next 0: the last page');
    const job = await c.getJob('1');
    assert.deepEqual(
      job.fields?.find((f) => f.label === 'Interfaces'),
      { label: 'Interfaces', value: 'eth1, wifi0' },
    );
    assert.equal(job.links?.[0].label, 'Result');
    const missing = await rejects(c.getJob('99'));
    assert.deepEqual([missing.code, missing.serverMessage], ['notFound', 'no such job']);
    const launched = await c.launch({
      kind: 'cdrouter',
      packageId: '123',
      deviceId: '12',
      configId: '34',
      options: {
        tags: ['one', 'two'],
        skipTests: ['cdrouter_basic_1', 'cdrouter_basic_10'],
        beginAt: 'cdrouter_nat_1',
        endAt: 'cdrouter_nat_2',
        extraCliArgs: '',
      },
    });
    assert.deepEqual([launched.id, launched.state, launched.rawState], ['2', 'pending', 'pending']);
    assert.deepEqual(
      launched.fields?.find((f) => f.label === 'Tags'),
      { label: 'Tags', value: 'one, two' },
    );
    const ifs = await c.previewInterfaces!({
      kind: 'cdrouter',
      packageId: '58',
      options: { extraCliArgs: '-testvar lanInterface=eth2' },
    });
    assert.deepEqual(ifs, [
      { id: 'eth2', label: 'eth2', description: undefined },
      { id: 'wifi0', label: 'wifi0', description: 'wireless' },
    ]);
    const bulk = await c.bulkLaunch({ by: 'all', tags: ['monday'] });
    assert.deepEqual(
      bulk.map((j) => [j.id, j.name, j.state]),
      [
        ['178', 'all', 'pending'],
        ['179', 'all (copy 1)', 'pending'],
        ['180', 'nightly performance', 'pending'],
      ],
    );
    assert.equal(bulk[0].summary, 'all', 'device "0"/"" is no device');
    assert.equal((await c.bulkDelete({ by: 'ids', ids: ['1', '2', '3'] })).deleted.length, 3);
    assert.deepEqual(await c.deleteJob('2'), { id: '2', outcome: 'deleted' });
  });

  it("CDRouter: the adapter sends the seed's request examples (launch, interfaces, bulk launch ×4, bulk delete)", async () => {
    const server: RecordingServer = await startRecordingServer((r) =>
      r.query.get('bulk') === 'launch'
        ? { body: seedValue('cdrouter/bulk-launch') }
        : r.query.get('process')
          ? { body: seedValue('cdrouter/interfaces') }
          : r.query.get('bulk')
            ? { status: 204 }
            : { body: seedValue('cdrouter/launch') },
    );
    try {
      const c = adapterAt(server.url, 'cdrouter');
      await c.launch({
        kind: 'cdrouter',
        packageId: '123',
        deviceId: '12',
        configId: '34',
        options: {
          tags: ['one', 'two'],
          skipTests: ['cdrouter_basic_1', 'cdrouter_basic_10'],
          beginAt: 'cdrouter_nat_1',
          endAt: 'cdrouter_nat_2',
          extraCliArgs: '',
        },
      });
      await c.previewInterfaces!({
        kind: 'cdrouter',
        packageId: '58',
        options: { extraCliArgs: '-testvar lanInterface=eth2' },
      });
      await c.bulkLaunch({ by: 'packages', jobs: [{ packageId: '123' }, { packageId: '456' }] });
      await c.bulkLaunch({
        by: 'packages',
        jobs: [
          { packageId: '123', tags: ['red'] },
          { packageId: '456', tags: ['blue'] },
        ],
      });
      await c.bulkLaunch({
        by: 'filter',
        filters: ['name~DHCP', 'testlist@>{cdrouter_nat_1}', 'tags@>{working}'],
        tags: ['monday'],
      });
      await c.bulkLaunch({ by: 'all', tags: ['monday'] });
      await c.bulkDelete({ by: 'ids', ids: ['1', '2', '3'] });
      const sent = server.requests.map((r) => JSON.parse(r.body));
      assert.deepEqual(sent, [
        seedValue('cdrouter/launch.request'),
        seedValue('cdrouter/interfaces.request'),
        seedValue('cdrouter/bulk-launch-packages.request'),
        seedValue('cdrouter/bulk-launch-packages-tags.request'),
        seedValue('cdrouter/bulk-launch-filter.request'),
        seedValue('cdrouter/bulk-launch-all.request'),
        seedValue('cdrouter/bulk-delete-ids.request'),
      ]);
      assert.deepEqual(server.requests[4].query.getAll('filter'), [
        'name~DHCP',
        'testlist@>{cdrouter_nat_1}',
        'tags@>{working}',
      ]);
      assert.equal(server.requests[4].query.get('bulk'), 'launch', 'the seed URL says bulk=edit: a slip for launch');
      assert.equal(server.requests[5].query.get('all'), 'true');
    } finally {
      await server.close();
    }
  });

  it('Puppet: the list row (finished, 4 of 5 nodes done), the detail without state or node_states, its node and report', async () => {
    const p = a('puppet-orchestrator');
    const page = await p.listJobs({ pageSize: 20 });
    const row = page.items[0];
    assert.deepEqual(
      [row.id, row.state, row.rawState, row.owner, row.summary],
      ['1234', 'succeeded', 'finished', 'brian', 'deploy production · deploy the web app'],
    );
    assert.deepEqual(row.progress, { done: 4, total: 5 });
    assert.deepEqual(row.targetCounts, { finished: 2, errored: 1, failed: 1, running: 1 });
    assert.equal(page.total, 42);
    const d = await p.getJob('1234');
    assert.deepEqual([d.state, d.rawState], ['succeeded', 'finished'], 'from the last status entry');
    assert.notDeepEqual(d.progress, { done: 0, total: 5 }, 'never 0 of 5 for a finished job');
    assert.deepEqual(d.targetCounts, { state: 1 }, "the nodes endpoint's one node, in the doc's placeholder state");
    assert.deepEqual(
      d.timeline.map((t) => t.rawState),
      ['new', 'ready', 'running', 'finished'],
    );
    assert.deepEqual(
      d.targets.map((t) => [t.name, t.rawState, t.state, t.message, t.durationMs]),
      [['wss6c3w9wngpycg.example.com', 'state', 'unknown', 'Message of latest event', 48_000]],
    );
    assert.deepEqual(
      d.targets[0].result,
      { output_1: 'success', output_2: [1, 1, 2, 3] },
      "the doc's `results` is read like `result`",
    );
    const report = await p.getReport!('1234');
    assert.deepEqual(
      report.map((r) => [r.node, r.state, r.events.length]),
      [['wss6c3w9wngpycg.example.com', 'running', 0]],
    );
    assert.equal((await rejects(p.getJob('1235'))).serverKind, 'puppetlabs.orchestrator/unknown-job');
    assert.equal((await rejects(p.getJob('abc'))).serverKind, 'puppetlabs.orchestrator/validation-error');
  });

  it('Puppet: the finished, failed and running node examples and the five result examples', () => {
    const ctx = { connection: 'seed', operation: 'list nodes' };
    const [fin] = parseNodes(seedValue('puppet-orchestrator/nodes-finished'), ctx);
    assert.deepEqual(
      [fin.state, fin.message, fin.reportUrl],
      [
        'succeeded',
        'Finished puppet run on wss6c3w9wngpycg.example.com - Success!',
        'https://peconsole.example.com/#/cm/report/a15bf509dd7c40705e4e1c24d0935e2e8a1591df',
      ],
    );
    assert.equal((fin.result as { metrics: { changed: number } }).metrics.changed, 51);
    const [failed] = parseNodes(seedValue('puppet-orchestrator/nodes-failed'), ctx);
    assert.deepEqual(
      [failed.state, failed.message],
      ['failed', 'Error running puppet on wss6c3w9wngpycg.example.com: java.net.Exception: Something went wrong'],
    );
    const [running] = parseNodes(seedValue('puppet-orchestrator/nodes-running'), ctx);
    assert.deepEqual(
      [running.state, running.durationMs, running.message],
      ['running', 30_000, 'Started puppet run on wss6c3w9wngpycg.example.com...'],
    );
    const messages = ['task-error', 'task-stdout', 'task-structured', 'task-error-output', 'puppet-run'].map((n) => {
      const { result } = seedValue(`puppet-orchestrator/result.${n}`);
      const [node] = parseNodes(
        {
          items: [
            {
              name: 'copper-6',
              state: n === 'task-error' ? 'errored' : n.includes('error') ? 'failed' : 'finished',
              result,
            },
          ],
        },
        ctx,
      );
      return [node.state, node.message];
    });
    assert.deepEqual(messages, [
      ['failed', 'Running tasks is not supported for agents older than version 5.1.0'],
      ['succeeded', undefined],
      ['succeeded', undefined],
      ['failed', "Invalid task name 'package::status'"],
      ['succeeded', undefined],
    ]);
  });

  it("stack-jobs: the seed's fields only; states, get by name, create, update and delete as the seed answers them", async () => {
    const s = a('stack-jobs');
    const page = await s.listJobs({ pageSize: 10 });
    assert.deepEqual(
      page.items.map((j) => [j.id, j.name, j.state, j.rawState]),
      [
        ['1', 'nightly backup', 'scheduled', 'scheduled'],
        ['2', 'weekly report', 'disabled', 'disabled'],
        ['3', 'Job 3', 'deleting', 'queued for deletion'],
      ],
    );
    assert.equal((await s.getJobByName!('weekly report')).id, '2');
    const created = await s.launch({
      kind: 'stack-jobs',
      scheduleId: 2,
      stackId: 1,
      name: 'made here',
      enabled: false,
    });
    assert.deepEqual([created.id, created.state], ['4', 'disabled']);
    const edited = await s.update('4', { name: 'renamed', scheduleId: 3, stackId: 2 });
    assert.deepEqual([edited.id, edited.name, edited.fields?.map((f) => f.value)], ['4', 'renamed', ['2', '3', '7']]);
    assert.deepEqual(await s.deleteJob('1'), { id: '1', outcome: 'queued' }, 'active: queued for deletion');
    assert.deepEqual(await s.deleteJob('4'), { id: '4', outcome: 'deleted' });
  });

  it("beacon: the seed's properties only; running on task 2 of 3, finished, aborted (stopped, not succeeded); worker calls", async () => {
    const b = a('beacon');
    const jobs = (await b.listJobs({ pageSize: 10 })).items;
    assert.deepEqual(
      jobs.map((j) => [j.id, j.state, j.rawState, j.progress]),
      [
        ['1', 'pending', 'queued', { done: 0, total: 2 }],
        ['2', 'running', 'running', { done: 1, total: 3 }],
        ['3', 'succeeded', 'finished', { done: 2, total: 2 }],
        ['4', 'stopped', 'aborted', { done: 1, total: 2 }],
      ],
    );
    const d = await b.getJob('2');
    assert.deepEqual(
      d.targets.map((t) => t.state),
      ['succeeded', 'running', 'pending'],
    );
    const filtered = await b.listJobs({ pageSize: 10, filter: { fields: { beacon_name: 'lab-2' } } });
    assert.deepEqual(
      filtered.items.map((j) => j.id),
      ['4'],
    );
    const created = await b.launch({
      kind: 'beacon',
      name: 'from the test',
      tasks: [{ command: 'true' }],
      queue: true,
      userId: '9',
    });
    assert.deepEqual([created.state, created.owner], ['pending', '9']);
    await b.workerAction!(created.id, 'start');
    const ended = await b.workerAction!(created.id, 'end', [{ status: 'failed', error: 'boom' }]);
    assert.deepEqual([ended.state, ended.rawState], ['failed', 'failed']);
  });
});

describe('docs/seeds/README.md lists every example and its repairs', () => {
  it('names each example id, and each repair of it', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../../../docs/seeds/README.md'), 'utf8');
    for (const example of SEED_EXAMPLES) {
      assert.ok(readme.includes(`\`${example.id}\``), example.id);
      for (const r of extract(example).repairs)
        assert.ok(readme.includes(r.why.replace(/\|/g, '\\|')), `${example.id}: ${r.why}`);
    }
  });
});
