import * as assert from 'node:assert/strict';
import { checkEveryRequest, fixtures, rejectsWithout } from '../../support/fixtures';
import { HttpClient } from '../../../src/client/http';
import type { JobsAdapter } from '../../../src/client/adapter';
import type { Job, LaunchSpec } from '../../../src/client/model';
import { dialect } from '../../../src/client/dialects/cdrouter';
import { RecordedRequest, RecordingServer, startRecordingServer } from '../support/recordingServer';
import { DEFAULT_TOKEN, type Emulator, start as startEmulator } from '../../emulator';

const TOKEN = 'cdrouter-token-4711';
const fixture = fixtures('cdrouter');
const rejects = (p: Promise<unknown>) => rejectsWithout(TOKEN, p);
const PREFIX = '/cdrouter';

/** "2016-04-14T11:15:54.211891321-04:00" as epoch ms, written out by hand. */
const utc = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) =>
  Date.UTC(y, mo - 1, d, h, mi, s, ms);

function jobWith(overrides: Record<string, unknown>): Record<string, unknown> {
  return { ...fixture('get-job.response.json').data, ...overrides };
}

describe('cdrouter adapter', () => {
  let server: RecordingServer;
  let adapter: JobsAdapter;
  const body = (r: RecordedRequest) => JSON.parse(r.body);

  beforeEach(async () => {
    server = await startRecordingServer(() => ({ status: 204 }));
    const http = new HttpClient({
      connection: { name: 'lab', kind: 'cdrouter', url: `${server.url}${PREFIX}` },
      auth: dialect.auth,
      token: async () => TOKEN,
      retryBaseMs: 1,
    });
    adapter = dialect.create(http);
  });
  afterEach(() => server.close());

  // Every request of every test: Bearer header, never a userkey.
  checkEveryRequest(
    () => server.requests,
    (r) => {
      assert.equal(r.headers.authorization, `Bearer ${TOKEN}`, `${r.method} ${r.path} without Bearer`);
      assert.equal(r.query.get('userkey'), null);
      assert.ok(r.path.startsWith(`${PREFIX}/api/v1/`), r.path);
    },
  );

  it('declares its kind, auth and capabilities', () => {
    assert.equal(dialect.kind, 'cdrouter');
    assert.equal(dialect.auth, 'bearer');
    assert.equal(adapter.kind, 'cdrouter');
    const c = adapter.capabilities;
    assert.deepEqual(
      [c.list, c.get, c.nodes, c.launch, c.bulkLaunch, c.stop, c.delete, c.bulkDelete, c.events, c.update],
      [true, true, false, true, true, true, true, true, false, false],
    );
    assert.equal(typeof adapter.previewInterfaces, 'function');
    assert.equal(adapter.workerAction, undefined);
  });

  describe('contract: seed examples parse into domain objects', () => {
    it('list jobs (seed response)', async () => {
      const wire = fixture('list-jobs.response.json');
      server.respond(() => ({ body: wire }));
      const page = await adapter.listJobs({ pageSize: 25 });
      assert.equal(page.total, 1);
      assert.equal(page.nextCursor, undefined, 'links.next 0 means no next page');
      assert.equal(page.items.length, 1);
      const job = page.items[0];
      assert.equal(job.id, '1');
      assert.equal(job.name, 'one');
      assert.equal(job.state, 'running');
      assert.equal(job.rawState, 'running');
      assert.equal(job.createdAt, utc(2016, 4, 14, 15, 15, 54, 211));
      assert.equal(job.startedAt, utc(2016, 4, 14, 15, 15, 54, 211));
      assert.equal(job.finishedAt, undefined);
      assert.equal(job.owner, '1');
      assert.equal(job.summary, 'one · Device Foo');
      assert.equal(job.progress, undefined);
      assert.deepEqual(job.fields, [
        { label: 'Package', value: 'one (1027)' },
        { label: 'Device', value: 'Device Foo (12)' },
        { label: 'Config', value: 'Config Foo (34)' },
        { label: 'Interfaces', value: 'eth1, wifi0' },
        { label: 'User', value: '1' },
      ]);
      assert.deepEqual(job.links, [{ label: 'Result', url: `${server.url}${PREFIX}/results/20160414111554` }]);
      assert.deepEqual(job.raw, wire.data[0], 'raw keeps the untouched payload, unknown fields included');
      assert.equal(adapter.webUrl(job), `${server.url}${PREFIX}/results/20160414111554`);
    });

    it('get a job (seed response)', async () => {
      server.respond(() => ({ body: fixture('get-job.response.json') }));
      const job = await adapter.getJob('1');
      assert.equal(server.requests[0].method, 'GET');
      assert.equal(server.requests[0].path, `${PREFIX}/api/v1/jobs/1/`);
      assert.equal(job.id, '1');
      assert.equal(job.name, 'one');
      assert.equal(job.state, 'running');
      assert.equal(job.createdAt, utc(2016, 4, 14, 15, 15, 54, 211));
      assert.equal(job.startedAt, utc(2016, 4, 14, 15, 15, 56, 529), 'run_at');
      assert.deepEqual(job.targets, []);
      assert.deepEqual(job.timeline, []);
    });

    it('get a job: 404 {"error":"no such job"} becomes notFound with the server message', async () => {
      server.respond(() => ({ status: 404, body: fixture('get-job.404.json') }));
      const e = await rejects(adapter.getJob('99'));
      assert.equal(e.code, 'notFound');
      assert.equal(e.status, 404);
      assert.equal(e.serverMessage, 'no such job');
      assert.equal(e.operation, 'get job 99');
      assert.equal(server.requests[0].path, `${PREFIX}/api/v1/jobs/99/`);
    });

    it('launch: sends the seed request body and parses the seed response', async () => {
      server.respond(() => ({ body: fixture('launch.response.json') }));
      const spec: LaunchSpec = {
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
      };
      const job = await adapter.launch(spec);
      const req = server.requests[0];
      assert.equal(req.method, 'POST');
      assert.equal(req.path, `${PREFIX}/api/v1/jobs/`);
      assert.equal([...req.query.keys()].length, 0);
      assert.match(String(req.headers['content-type']), /application\/json/);
      assert.deepEqual(body(req), fixture('launch.request.json'));
      assert.equal(job.id, '2');
      assert.equal(job.state, 'pending');
      assert.equal(job.rawState, 'pending');
      assert.equal(job.createdAt, utc(2016, 4, 14, 15, 22, 0, 869));
      assert.equal(job.startedAt, undefined, 'a pending job has not started');
      assert.equal(job.links, undefined, 'no result yet');
      assert.deepEqual(job.fields, [
        { label: 'Package', value: 'one (123)' },
        { label: 'Device', value: 'Device Foo (12)' },
        { label: 'Config', value: 'Config Foo (34)' },
        { label: 'Tags', value: 'one, two' },
        { label: 'Skip tests', value: 'cdrouter_basic_1, cdrouter_basic_10' },
        { label: 'Begin at', value: 'cdrouter_nat_1' },
        { label: 'End at', value: 'cdrouter_nat_2' },
        { label: 'Interfaces', value: 'eth1, wifi0' },
        { label: 'User', value: '1' },
      ]);
      assert.deepEqual(adapter.relaunchSpec(job), {
        kind: 'cdrouter',
        packageId: '123',
        deviceId: '12',
        configId: '34',
        options: {
          tags: ['one', 'two'],
          skipTests: ['cdrouter_basic_1', 'cdrouter_basic_10'],
          beginAt: 'cdrouter_nat_1',
          endAt: 'cdrouter_nat_2',
        },
      });
    });

    it('interfaces preview: sends the seed body to ?process=interfaces and reads the seed answer', async () => {
      server.respond(() => ({ body: fixture('interfaces.response.json') }));
      const choices = await adapter.previewInterfaces!({
        kind: 'cdrouter',
        packageId: '58',
        options: { extraCliArgs: '-testvar lanInterface=eth2' },
      });
      const req = server.requests[0];
      assert.equal(req.method, 'POST');
      assert.equal(req.path, `${PREFIX}/api/v1/jobs/`);
      assert.equal(req.query.get('process'), 'interfaces');
      assert.deepEqual(body(req), fixture('interfaces.request.json'));
      assert.deepEqual(choices, [
        { id: 'eth2', label: 'eth2', description: undefined },
        { id: 'wifi0', label: 'wifi0', description: 'wireless' },
      ]);
    });

    it('bulk launch by packages (both seed bodies) and the seed response', async () => {
      server.respond(() => ({ body: fixture('bulk-launch.response.json') }));
      const jobs = await adapter.bulkLaunch({ by: 'packages', jobs: [{ packageId: '123' }, { packageId: '456' }] });
      await adapter.bulkLaunch({
        by: 'packages',
        jobs: [
          { packageId: '123', tags: ['red'] },
          { packageId: '456', tags: ['blue'] },
        ],
      });
      const [plain, tagged] = server.requests;
      for (const r of [plain, tagged]) {
        assert.equal(r.method, 'POST');
        assert.equal(r.path, `${PREFIX}/api/v1/jobs/`);
        assert.deepEqual([...r.query.entries()], [['bulk', 'launch']]);
      }
      assert.deepEqual(body(plain), fixture('bulk-launch-packages.request.json'));
      assert.deepEqual(body(tagged), fixture('bulk-launch-packages-tags.request.json'));

      assert.deepEqual(
        jobs.map((j) => [j.id, j.name, j.state, j.rawState, j.summary]),
        [
          ['178', 'all', 'pending', 'pending', 'all'],
          ['179', 'all (copy 1)', 'pending', 'pending', 'all (copy 1)'],
          ['180', 'nightly performance', 'pending', 'pending', 'nightly performance'],
        ],
      );
      assert.equal(jobs[0].createdAt, utc(2016, 8, 15, 17, 35, 58, 75));
      assert.equal(jobs[2].createdAt, utc(2016, 8, 15, 17, 35, 58, 355));
      // device_id "0" with no name means no device: no Device/Config field, no Tags (null).
      assert.deepEqual(jobs[0].fields, [
        { label: 'Package', value: 'all (286)' },
        { label: 'Interfaces', value: 'eth1, wifi0' },
        { label: 'User', value: '1' },
      ]);
      assert.deepEqual(adapter.relaunchSpec(jobs[0]), {
        kind: 'cdrouter',
        packageId: '286',
        deviceId: undefined,
        configId: undefined,
        options: undefined,
      });
    });

    it('bulk launch by filter sends bulk=launch (not the doc slip bulk=edit) and the seed body', async () => {
      server.respond(() => ({ body: fixture('bulk-launch.response.json') }));
      await adapter.bulkLaunch({
        by: 'filter',
        filters: ['name~DHCP', 'testlist@>{cdrouter_nat_1}', 'tags@>{working}'],
        tags: ['monday'],
      });
      const req = server.requests[0];
      assert.equal(req.query.get('bulk'), 'launch');
      assert.deepEqual(req.query.getAll('filter'), ['name~DHCP', 'testlist@>{cdrouter_nat_1}', 'tags@>{working}']);
      assert.equal(req.query.get('all'), null);
      assert.deepEqual(body(req), fixture('bulk-launch-filter.request.json'));
    });

    it('bulk launch all packages sends all=true and the seed body', async () => {
      server.respond(() => ({ body: fixture('bulk-launch.response.json') }));
      const jobs = await adapter.bulkLaunch({ by: 'all', tags: ['monday'] });
      const req = server.requests[0];
      assert.deepEqual(
        [...req.query.entries()],
        [
          ['bulk', 'launch'],
          ['all', 'true'],
        ],
      );
      assert.deepEqual(body(req), fixture('bulk-launch-all.request.json'));
      assert.equal(jobs.length, 3);
    });

    it('bulk delete by ids sends the (corrected, valid JSON) seed body in one request', async () => {
      const outcome = await adapter.bulkDelete({ by: 'ids', ids: ['1', '2', '3'] });
      assert.equal(server.requests.length, 1);
      const req = server.requests[0];
      assert.equal(req.method, 'POST');
      assert.equal(req.path, `${PREFIX}/api/v1/jobs/`);
      assert.deepEqual([...req.query.entries()], [['bulk', 'delete']]);
      assert.deepEqual(body(req), fixture('bulk-delete-ids.request.json'));
      assert.deepEqual(outcome, {
        deleted: ['1', '2', '3'].map((id) => ({ id, outcome: 'deleted' })),
        failed: [],
        requests: 1,
      });
    });
  });

  describe('requests', () => {
    it('bulk delete of 1,000 ids is exactly ONE request with valid JSON', async () => {
      const ids = Array.from({ length: 1000 }, (_, i) => String(i + 1));
      const outcome = await adapter.bulkDelete({ by: 'ids', ids });
      assert.equal(server.requests.length, 1);
      const sent = body(server.requests[0]);
      assert.equal(sent.jobs.length, 1000);
      assert.deepEqual(sent.jobs[999], { id: '1000' });
      assert.equal(outcome.requests, 1);
      assert.equal(outcome.deleted.length, 1000);
    });

    it('bulk delete of no ids sends nothing', async () => {
      assert.deepEqual(await adapter.bulkDelete({ by: 'ids', ids: [] }), { deleted: [], failed: [], requests: 0 });
      assert.equal(server.requests.length, 0);
    });

    it('bulk delete by filter repeats filter; several state words make one request each; all sends all=true', async () => {
      await adapter.bulkDelete({ by: 'filter', filter: { text: 'dns' } });
      await adapter.bulkDelete({ by: 'filter', filter: { states: ['failed'], owner: 'bob' } });
      const multi = await adapter.bulkDelete({ by: 'filter', filter: { states: ['running'], text: 'nat' } });
      const all = await adapter.bulkDelete({ by: 'all' });
      const q = server.requests.map((r) => [
        r.method,
        r.body,
        r.query.get('bulk'),
        r.query.getAll('filter'),
        r.query.get('all'),
      ]);
      assert.deepEqual(q, [
        ['POST', '', 'delete', ['package_name~dns'], null],
        ['POST', '', 'delete', ['status=error', 'user_id=bob'], null],
        ['POST', '', 'delete', ['status=running', 'package_name~nat'], null],
        ['POST', '', 'delete', ['status=paused', 'package_name~nat'], null],
        ['POST', '', 'delete', [], 'true'],
      ]);
      assert.equal(multi.requests, 2);
      assert.equal(all.requests, 1);
    });

    it('bulk delete refuses an empty filter (that would be "all") without a request', async () => {
      const e = await rejects(adapter.bulkDelete({ by: 'filter', filter: {} }));
      assert.equal(e.code, 'invalid');
      assert.equal(server.requests.length, 0);
    });

    it('list: page, limit, one state word, text and owner as server filters, sort, next cursor and total', async () => {
      server.respond(() => ({
        body: {
          timestamp: 't',
          data: [jobWith({ id: '7', status: 'error' })],
          links: { current: 2, next: 3, total: 61, limit: 10 },
        },
      }));
      const page = await adapter.listJobs({
        pageSize: 10,
        cursor: '2',
        filter: { states: ['failed'], text: 'dns', owner: '4' },
        sort: { field: 'time', direction: 'desc' },
      });
      const req = server.requests[0];
      assert.equal(req.method, 'GET');
      assert.equal(req.path, `${PREFIX}/api/v1/jobs/`);
      assert.equal(req.query.get('page'), '2');
      assert.equal(req.query.get('limit'), '10');
      assert.deepEqual(req.query.getAll('filter'), ['status=error', 'package_name~dns', 'user_id=4']);
      assert.equal(req.query.get('sort'), '-created');
      assert.equal(page.nextCursor, '3');
      assert.equal(page.total, 61);
      assert.deepEqual(
        page.items.map((j) => [j.id, j.state, j.rawState, j.finishedAt]),
        [['7', 'failed', 'error', utc(2016, 4, 14, 15, 15, 56, 529)]],
      );
    });

    it('list: several state words are filtered on the client, page by page, total unknown', async () => {
      const data = [
        jobWith({ id: '1', status: 'running' }),
        jobWith({ id: '2', status: 'paused' }),
        jobWith({ id: '3', status: 'completed' }),
        jobWith({ id: '4', status: 'warming-up' }),
      ];
      server.respond(() => ({ body: { timestamp: 't', data, links: { next: 2, total: 40 } } }));
      const page = await adapter.listJobs({
        pageSize: 4,
        filter: { states: ['running'] },
        sort: { field: 'name', direction: 'asc' },
      });
      const req = server.requests[0];
      assert.deepEqual(req.query.getAll('filter'), []);
      assert.equal(req.query.get('sort'), 'package_name');
      assert.equal(req.query.get('page'), '1');
      assert.deepEqual(
        page.items.map((j) => [j.id, j.state, j.rawState]),
        [
          ['1', 'running', 'running'],
          ['2', 'running', 'paused'],
        ],
      );
      assert.equal(page.total, undefined);
      assert.equal(page.nextCursor, '2');

      const unknown = await adapter.listJobs({
        pageSize: 4,
        filter: { states: ['unknown'] },
        sort: { field: 'state', direction: 'desc' },
      });
      assert.equal(server.requests[1].query.get('sort'), '-status');
      assert.deepEqual(
        unknown.items.map((j) => [j.id, j.state, j.rawState]),
        [['4', 'unknown', 'warming-up']],
      );
    });

    it('stop: POST /api/v1/results/<result_id>/stop/; a job without a result is unsupported, without a request', async () => {
      server.respond(() => ({ body: fixture('get-job.response.json') }));
      const running = await adapter.getJob('1');
      server.respond(() => ({ status: 204 }));
      await adapter.stop(running);
      const req = server.requests[1];
      assert.equal(req.method, 'POST');
      assert.equal(req.path, `${PREFIX}/api/v1/results/20160414111554/stop/`);

      server.respond(() => ({ body: fixture('launch.response.json') }));
      const pending = await adapter.launch({ kind: 'cdrouter', packageId: '123' });
      const e = await rejects(adapter.stop(pending));
      assert.equal(e.code, 'unsupported');
      assert.match(e.message, /through its result, and this job has none yet/);
      assert.deepEqual(
        server.requests.slice(3).map((r) => [r.method, r.path]),
        [['GET', `${PREFIX}/api/v1/jobs/2/`]],
        'read again, no stop sent',
      );
    });

    it("stop at the end of the current test or loop: ?when= (cdrouter.py results.stop); 'now' sends none", async () => {
      const running: Job = {
        id: '1',
        name: 'one',
        state: 'running',
        rawState: 'running',
        raw: fixture('get-job.response.json').data,
      };
      server.respond(() => ({ status: 204 }));
      await adapter.stop(running, { when: 'end-of-test' });
      await adapter.stop(running, { when: 'end-of-loop' });
      await adapter.stop(running, { when: 'now' });
      assert.deepEqual(
        server.requests.map((r) => [r.method, r.path, r.query.get('when')]),
        [
          ['POST', `${PREFIX}/api/v1/results/20160414111554/stop/`, 'end-of-test'],
          ['POST', `${PREFIX}/api/v1/results/20160414111554/stop/`, 'end-of-loop'],
          ['POST', `${PREFIX}/api/v1/results/20160414111554/stop/`, null],
        ],
      );
      assert.deepEqual(adapter.capabilities.stopOptions, { when: ['now', 'end-of-test', 'end-of-loop'] });
    });

    it('list: detailed=true and exact-match field filters (filter=field=value) when asked', async () => {
      server.respond(() => ({ body: fixture('list-jobs.response.json') }));
      await adapter.listJobs({
        pageSize: 25,
        filter: {
          detailed: true,
          fields: { device_name: 'Device Foo', result_id: '20160414111554', nope: 'x' },
          text: 'dns',
        },
      });
      const q = server.requests[0].query;
      assert.equal(q.get('detailed'), 'true');
      assert.deepEqual(
        q.getAll('filter'),
        ['package_name~dns', 'device_name=Device Foo', 'result_id=20160414111554'],
        'only the fields the adapter offers',
      );
      await adapter.listJobs({ pageSize: 25 });
      assert.equal(server.requests[1].query.get('detailed'), null, 'the summary representation by default');
      assert.ok(adapter.capabilities.detailedList);
    });

    it('stop: a job listed before it started is read again and stopped through its new result', async () => {
      const stale: Job = {
        id: '2',
        name: 'one',
        state: 'pending',
        rawState: 'pending',
        raw: fixture('launch.response.json').data,
      };
      server.respond((r) =>
        r.method === 'GET' ? { body: { data: jobWith({ id: '2', result_id: '20240101000000' }) } } : { status: 204 },
      );
      await adapter.stop(stale);
      assert.deepEqual(
        server.requests.map((r) => [r.method, r.path]),
        [
          ['GET', `${PREFIX}/api/v1/jobs/2/`],
          ['POST', `${PREFIX}/api/v1/results/20240101000000/stop/`],
        ],
      );
    });

    it('list: only states no CDRouter word maps to → an empty page without a request', async () => {
      const page = await adapter.listJobs({ pageSize: 10, filter: { states: ['disabled', 'scheduled'] } });
      assert.deepEqual(page, { items: [], total: 0 });
      assert.equal(server.requests.length, 0);
    });

    it('delete: DELETE /api/v1/jobs/<id>/ → 204', async () => {
      const r = await adapter.deleteJob('5');
      assert.deepEqual(r, { id: '5', outcome: 'deleted' });
      assert.equal(server.requests[0].method, 'DELETE');
      assert.equal(server.requests[0].path, `${PREFIX}/api/v1/jobs/5/`);
    });

    it('launch sends only what is given', async () => {
      server.respond(() => ({ body: fixture('launch.response.json') }));
      await adapter.launch({ kind: 'cdrouter', packageId: '9', options: { tags: ['x'] } });
      assert.deepEqual(body(server.requests[0]), { package_id: '9', options: { tags: ['x'] } });
      const e = await rejects(adapter.launch({ kind: 'beacon', name: 'x', tasks: [] }));
      assert.equal(e.code, 'invalid');
      assert.equal(server.requests.length, 1);
    });

    it('choice lists: packages, devices, configs with page/limit; 404 → []; other fields → [] without a request', async () => {
      server.respond((r) =>
        r.path.endsWith('/configs/')
          ? { status: 404, body: { error: 'not found' } }
          : {
              body: {
                timestamp: 't',
                data: [
                  { id: '1027', name: 'one', description: 'smoke' },
                  { id: 12, name: '' },
                ],
                links: { next: 0 },
              },
            },
      );
      const packages = await adapter.listChoices('package');
      const devices = await adapter.listChoices('device');
      const configs = await adapter.listChoices('config');
      const envs = await adapter.listChoices('environment');
      assert.deepEqual(packages, [
        { id: '1027', label: 'one', description: 'smoke' },
        { id: '12', label: '12', description: undefined },
      ]);
      assert.equal(devices.length, 2);
      assert.deepEqual(configs, []);
      assert.deepEqual(envs, []);
      assert.deepEqual(
        server.requests.map((r) => [r.method, r.path, r.query.get('page'), r.query.get('limit')]),
        [
          ['GET', `${PREFIX}/api/v1/packages/`, '1', '1000'],
          ['GET', `${PREFIX}/api/v1/devices/`, '1', '1000'],
          ['GET', `${PREFIX}/api/v1/configs/`, '1', '1000'],
        ],
      );
    });

    it('maps error bodies into JobdeckError with the server message', async () => {
      server.respond(() => ({ status: 400, body: { error: 'package 9 does not exist' } }));
      const e = await rejects(adapter.launch({ kind: 'cdrouter', packageId: '9' }));
      assert.equal(e.code, 'client');
      assert.equal(e.status, 400);
      assert.equal(e.serverMessage, 'package 9 does not exist');
      assert.match(e.message, /launch job failed/);
    });

    it('unsupported operations throw unsupported without a request', async () => {
      const job: Job = { id: '1', name: 'x', state: 'running', rawState: 'running', raw: {} };
      for (const p of [
        adapter.update('1', { name: 'x' }),
        adapter.getEvents('1', undefined),
        adapter.getTargets('1'),
      ]) {
        const e = await rejects(p);
        assert.equal(e.code, 'unsupported');
      }
      assert.equal(adapter.relaunchSpec(job), undefined);
      assert.equal(server.requests.length, 0);
    });
  });

  describe('shapes', () => {
    it('a list that is not a list, and a job without an id, are badResponse errors naming the field', async () => {
      server.respond(() => ({ body: { data: { id: '1' }, links: {} } }));
      let e = await rejects(adapter.listJobs({ pageSize: 5 }));
      assert.equal(e.code, 'badResponse');
      assert.equal(e.field, 'data');
      server.respond(() => ({ body: { data: [{ status: 'running' }], links: {} } }));
      e = await rejects(adapter.listJobs({ pageSize: 5 }));
      assert.equal(e.code, 'badResponse');
      assert.equal(e.field, 'data[0].id');
    });

    it('tolerates numbers for ids, missing optionals and null options', async () => {
      server.respond(() => ({
        body: {
          data: { id: 42, status: 'completed', options: null, package_name: null, updated: '2020-01-02T03:04:05Z' },
        },
      }));
      const job = await adapter.getJob('42');
      assert.equal(job.id, '42');
      assert.equal(job.name, 'Job 42');
      assert.equal(job.state, 'succeeded');
      assert.equal(job.rawState, 'completed');
      assert.equal(job.finishedAt, Date.UTC(2020, 0, 2, 3, 4, 5));
      assert.equal(job.createdAt, undefined);
      assert.deepEqual(job.fields, []);
      assert.equal(adapter.webUrl(job), undefined);
    });

    it('maps every documented state word', async () => {
      const words = ['pending', 'running', 'paused', 'completed', 'stopped', 'error', 'bogus'];
      server.respond(() => ({
        body: { data: words.map((status, i) => jobWith({ id: String(i), status })), links: { next: 0, total: 7 } },
      }));
      const page = await adapter.listJobs({ pageSize: 10 });
      assert.deepEqual(
        page.items.map((j) => j.state),
        ['pending', 'running', 'running', 'succeeded', 'stopped', 'failed', 'unknown'],
      );
      assert.deepEqual(
        page.items.map((j) => j.rawState),
        words,
      );
    });
  });
});

describe('cdrouter adapter against the jobs emulator', () => {
  let emu: Emulator;
  let a: JobsAdapter;
  beforeEach(async () => {
    emu = await startEmulator({ jobs: 120, seed: 8 });
    emu.control.pause();
    a = dialect.create(
      new HttpClient({
        connection: { name: 'emu-cdr', kind: 'cdrouter', url: emu.urls.cdrouter },
        auth: dialect.auth,
        token: async () => DEFAULT_TOKEN,
        retryBaseMs: 1,
        maxRetries: 0,
      }),
    );
  });
  afterEach(() => emu.stop());

  it('a stop at the end of the test lets the result run on for its test, then stops it', async () => {
    const running = (await a.listJobs({ pageSize: 200 })).items.find((j) => j.rawState === 'running') as Job;
    await a.stop(running, { when: 'end-of-test' });
    assert.equal((await a.getJob(running.id)).state, 'running', 'the current test runs to its end');
    emu.control.step(10_000);
    assert.equal((await a.getJob(running.id)).state, 'stopped');
  });

  it('detailed and exact-match filters are queries the server takes', async () => {
    const all = (await a.listJobs({ pageSize: 200 })).items;
    const device = all.find((j) => j.fields?.some((f) => f.label === 'Device'))!;
    const name = (device.raw as Record<string, string>).device_name;
    const page = await a.listJobs({ pageSize: 200, filter: { detailed: true, fields: { device_name: name } } });
    assert.ok(page.items.length > 0);
    assert.ok(page.items.every((j) => (j.raw as Record<string, string>).device_name === name));
    assert.equal(page.total, all.filter((j) => (j.raw as Record<string, string>).device_name === name).length);
    assert.ok(
      emu.control.log().every((e) => e.status < 400),
      emu.control
        .log()
        .map((e) => `${e.status} ${e.path}?${e.query}`)
        .join('\n'),
    );
  });
});
