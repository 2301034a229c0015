import * as assert from 'node:assert/strict';
import { checkEveryRequest, fixtures, rejectsWithout, capabilityNames } from '../../support/fixtures';
import { HttpClient } from '../../../src/client/http';
import type { JobsAdapter } from '../../../src/client/adapter';
import type { Job, JobDetail, JobTarget, ListQuery } from '../../../src/client/model';
import { dialect } from '../../../src/client/dialects/cnaasNms';
import { RecordedRequest, RecordingServer, ScriptedResponse, startRecordingServer } from '../support/recordingServer';
import { DEFAULT_TOKEN, type Emulator, start as startEmulator } from '../../emulator';

const TOKEN = 'cnaas-token-4711';
const fixture = fixtures('cnaas-nms');
const rejects = (p: Promise<unknown>) => rejectsWithout(TOKEN, p);
const PREFIX = '/cnaas-nms';
const JOBS = `${PREFIX}/api/v1.0/jobs`;

/** A job wrapped as GET /api/v1.0/job/<id> answers it. */
function single(job: unknown): ScriptedResponse {
  return { body: { status: 'success', data: { jobs: [job] } } };
}

function query(r: RecordedRequest): Record<string, string> {
  return Object.fromEntries(r.query.entries());
}

/** n jobs with ids 1..n; a server that pages (page/per_page) or knows only limit. */
function manyJobs(n: number): object[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    status: i % 3 === 0 ? 'EXCEPTION' : 'FINISHED',
    function_name: i % 2 ? 'sync_devices' : 'update_facts',
    scheduled_by: i % 4 ? 'ops' : 'admin',
    result: null,
  }));
}

function pagingServer(all: object[]): (r: RecordedRequest) => ScriptedResponse {
  return (r) => {
    const per = Number(r.query.get('per_page') ?? '50');
    const page = Number(r.query.get('page') ?? '1');
    const jobs = all.slice((page - 1) * per, page * per);
    return { headers: { 'X-Total-Count': String(all.length) }, body: { status: 'success', data: { jobs } } };
  };
}

/** Seed-era server: ignores page/per_page/sort/filters, honours limit, no X-Total-Count. */
function limitOnlyServer(all: object[]): (r: RecordedRequest) => ScriptedResponse {
  return (r) => {
    const limit = r.query.get('limit');
    const jobs = limit === null ? all : all.slice(0, Number(limit));
    return { body: { status: 'success', data: { jobs } } };
  };
}

async function collect(adapter: JobsAdapter, q: ListQuery): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await adapter.listJobs({ ...q, cursor });
    ids.push(...page.items.map((j) => j.id));
    cursor = page.nextCursor;
    if (++pages > 100) assert.fail('paging does not end');
  } while (cursor);
  return { ids, pages };
}

function step(t: JobTarget | undefined, i: number): JobTarget {
  const s = t?.children?.[i];
  assert.ok(s, `step ${i} of ${t?.name}`);
  return s;
}

describe('cnaas-nms adapter', () => {
  let server: RecordingServer;
  let adapter: JobsAdapter;

  beforeEach(async () => {
    server = await startRecordingServer(() => ({ status: 500, body: { status: 'error', message: 'unscripted' } }));
    const http = new HttpClient({
      connection: { name: 'nms', kind: 'cnaas-nms', url: `${server.url}${PREFIX}` },
      auth: dialect.auth,
      token: async () => TOKEN,
      retryBaseMs: 1,
      maxRetries: 0,
    });
    adapter = dialect.create(http);
  });
  afterEach(() => server.close());
  checkEveryRequest(
    () => server.requests,
    (r) => {
      assert.ok(
        r.method === 'GET' || (r.method === 'PUT' && /\/api\/v1\.0\/job\/[^/]+$/.test(r.path)),
        `the adapter only reads, and aborts: ${r.method} ${r.path}`,
      );
      assert.equal(r.headers.authorization, `Bearer ${TOKEN}`, `${r.path} without Bearer`);
      assert.equal(r.headers['x-authentication'], undefined);
      assert.ok(r.path.startsWith(`${PREFIX}/api/v1.0/`), `path below the prefix: ${r.path}`);
    },
  );

  it('declares its kind, auth and capabilities', () => {
    assert.equal(dialect.kind, 'cnaas-nms');
    assert.equal(dialect.auth, 'bearer');
    const c = adapter.capabilities;
    assert.deepEqual(capabilityNames(c), ['diffs', 'get', 'list', 'nodes', 'serverSort', 'stop']);
    assert.deepEqual(c.serverFilter, { state: true, text: true, owner: true });
    assert.deepEqual(c.stopOptions, { reason: true }, 'stop is the abort, with a reason');
  });

  describe('contract: the seed example (result.<device>: [{name, …}])', () => {
    it('list: GET /api/v1.0/jobs parses the seed job field by field', async () => {
      const seed = fixture('list-jobs.response.json');
      server.respond(() => ({ body: seed }));
      const page = await adapter.listJobs({ pageSize: 1 });
      assert.equal(server.requests.length, 1);
      assert.equal(server.requests[0].path, JOBS);
      assert.deepEqual(query(server.requests[0]), { page: '1', per_page: '1', limit: '1000', sort: '-id' });
      assert.equal(page.items.length, 1);
      const j = page.items[0];
      assert.equal(j.id, '5d0a3d8fdd4287776695dcb6');
      assert.equal(j.name, 'sync_devices');
      assert.equal(j.state, 'succeeded');
      assert.equal(j.rawState, 'FINISHED');
      assert.equal(j.startedAt, Date.UTC(2019, 5, 19, 13, 50, 8, 900));
      assert.equal(j.finishedAt, Date.UTC(2019, 5, 19, 13, 50, 10, 151));
      assert.equal(j.createdAt, undefined);
      assert.equal(j.nextRunAt, undefined);
      assert.equal(j.owner, undefined);
      assert.equal(j.summary, '1 device');
      assert.deepEqual(j.targetCounts, { ok: 1, failed: 0 });
      assert.deepEqual(j.links, []);
      assert.deepEqual(j.fields, []);
      assert.deepEqual(j.raw, seed.data.jobs[0]);
      // No X-Total-Count: the seed server only knows limit and sent all it will; the one job is all.
      assert.equal(page.total, undefined);
      assert.equal(page.nextCursor, undefined);
    });

    it('get: the seed job as a single job has one device with three steps, a config and a diff', async () => {
      const seed = fixture('list-jobs.response.json');
      const job = seed.data.jobs[0];
      server.respond(() => single(job));
      const d = await adapter.getJob('5d0a3d8fdd4287776695dcb6');
      assert.equal(server.requests[0].path, `${PREFIX}/api/v1.0/job/5d0a3d8fdd4287776695dcb6`);
      assert.equal(d.id, '5d0a3d8fdd4287776695dcb6');
      assert.equal(d.failure, undefined);
      assert.deepEqual(d.timeline, [
        {
          state: 'running',
          rawState: 'RUNNING',
          enteredAt: Date.UTC(2019, 5, 19, 13, 50, 8, 900),
          exitedAt: Date.UTC(2019, 5, 19, 13, 50, 10, 151),
        },
        { state: 'succeeded', rawState: 'FINISHED', enteredAt: Date.UTC(2019, 5, 19, 13, 50, 10, 151) },
      ]);
      assert.equal(d.targets.length, 1);
      const dev = d.targets[0];
      assert.deepEqual(
        [dev.id, dev.name, dev.kind, dev.state, dev.rawState, dev.message],
        ['eosaccess', 'eosaccess', 'device', 'succeeded', 'ok', undefined],
      );
      assert.equal(dev.children?.length, 3);
      const [push, gen, sync] = [step(dev, 0), step(dev, 1), step(dev, 2)];
      assert.deepEqual(push, {
        id: 'eosaccess/0',
        name: 'push_sync_device',
        kind: 'step',
        state: 'succeeded',
        rawState: 'ok',
      });
      assert.equal(gen.name, 'Generate device config');
      assert.equal(gen.resultText, job.result.eosaccess[1].result);
      assert.ok(gen.resultText?.startsWith('hostname eosaccess\n! comment13\n'));
      assert.equal(gen.diff, undefined, 'an empty diff is no diff');
      assert.equal(gen.result, undefined);
      assert.equal(sync.name, 'Sync device config');
      assert.equal(sync.diff, job.result.eosaccess[2].diff);
      assert.ok(sync.diff?.startsWith('@@ -15,7 +15,7 @@\n !\n no aaa root'));
      assert.equal(sync.resultText, undefined);
      assert.equal(sync.state, 'succeeded');
      assert.deepEqual(await adapter.getTargets('5d0a3d8fdd4287776695dcb6'), d.targets);
    });
  });

  describe('contract: the current result shape (result.devices.<device>.job_tasks)', () => {
    it('list: every status word, times, owner, fields, counts, summary and the chained job link', async () => {
      const body = fixture('list-jobs.current.json');
      server.respond(() => ({ headers: { 'X-Total-Count': '7' }, body }));
      const page = await adapter.listJobs({ pageSize: 20 });
      assert.equal(page.total, 7);
      assert.equal(page.nextCursor, undefined);
      const byId = new Map(page.items.map((j) => [j.id, j]));
      assert.deepEqual([...byId.keys()], ['42', '43', '44', '45', '46', '47', '48']);
      assert.deepEqual(
        page.items.map((j) => [j.state, j.rawState]),
        [
          ['succeeded', 'FINISHED'],
          ['running', 'RUNNING'],
          ['scheduled', 'SCHEDULED'],
          ['failed', 'EXCEPTION'],
          ['stopped', 'ABORTED'],
          ['stopping', 'ABORTING'],
          ['unknown', 'PAUSED_BY_GREMLINS'],
        ],
      );
      const fin = byId.get('42') as Job;
      assert.equal(fin.name, 'sync_devices');
      assert.equal(fin.owner, 'admin');
      assert.equal(fin.createdAt, Date.UTC(2024, 2, 1, 9, 59, 58, 120));
      assert.equal(fin.startedAt, Date.UTC(2024, 2, 1, 10, 0, 0, 500));
      assert.equal(fin.finishedAt, Date.UTC(2024, 2, 1, 10, 2, 30));
      assert.equal(fin.summary, '3 devices, 1 failed · nightly sync');
      assert.deepEqual(fin.targetCounts, { ok: 2, failed: 1 });
      assert.deepEqual(fin.links, [{ label: 'Next job', jobId: '43' }]);
      assert.deepEqual(fin.fields, [
        { label: 'Comment', value: 'nightly sync' },
        { label: 'Ticket', value: 'CHG-1234' },
        { label: 'Finished devices', value: '3' },
        { label: 'Change score', value: '12' },
      ]);

      const run = byId.get('43') as Job;
      assert.equal(run.name, 'update_facts');
      assert.equal(run.startedAt, Date.UTC(2024, 2, 1, 10, 2, 31, 250));
      assert.equal(run.finishedAt, undefined);
      assert.equal(run.summary, undefined);
      assert.equal(run.targetCounts, undefined);
      assert.deepEqual(run.fields, [{ label: 'Finished devices', value: '0' }]);
      assert.deepEqual(run.links, []);

      const sched = byId.get('44') as Job;
      assert.equal(sched.nextRunAt, Date.UTC(2024, 2, 2, 3, 0, 0));
      assert.equal(sched.createdAt, undefined);
      assert.equal(sched.owner, 'ops');
      assert.equal(sched.summary, 'weekly resync');

      const aborted = byId.get('46') as Job;
      assert.equal(aborted.summary, 'Aborted via API call (aborted by admin)');
      assert.deepEqual(aborted.fields, [{ label: 'Message', value: 'Aborted via API call (aborted by admin)' }]);
      assert.equal(aborted.targetCounts, undefined, '{message} is not a device');

      const odd = byId.get('48') as Job;
      assert.equal(odd.name, 'refresh_repo');
      assert.deepEqual((odd.raw as Record<string, unknown>).extra_field, { kept: true });
    });

    it('get: devices with job_tasks, a failed device with a traceback, a structured result, a diff', async () => {
      const job = fixture('list-jobs.current.json').data.jobs[0];
      server.respond(() => single(job));
      const d = await adapter.getJob('42');
      assert.equal(server.requests[0].path, `${PREFIX}/api/v1.0/job/42`);
      assert.deepEqual(
        d.targets.map((t) => [t.id, t.kind, t.state, t.rawState, t.children?.length]),
        [
          ['eosdist1', 'device', 'succeeded', 'ok', 3],
          ['eosdist2', 'device', 'failed', 'failed', 2],
          ['eosaccess', 'device', 'succeeded', 'ok', 1],
        ],
      );
      const [ok, bad, access] = d.targets;
      assert.equal(step(ok, 1).resultText, 'hostname eosdist1\nntp server 10.0.0.2\n');
      assert.equal(
        step(ok, 2).diff,
        '@@ -1,3 +1,3 @@\n hostname eosdist1\n-ntp server 10.0.0.1\n+ntp server 10.0.0.2\n !',
      );
      assert.equal(step(ok, 2).name, 'Sync device config');
      assert.deepEqual(
        bad.children?.map((s) => [s.id, s.name, s.state, s.rawState]),
        [
          ['eosdist2/0', 'push_sync_device', 'failed', 'failed'],
          ['eosdist2/1', 'Generate device config', 'failed', 'failed'],
        ],
      );
      const tb = step(bad, 1);
      assert.equal(tb.resultText, job.result.devices.eosdist2.job_tasks[1].result);
      assert.equal(tb.message, 'napalm.base.exceptions.ConnectionException: Cannot connect to 10.100.3.102');
      assert.equal(step(bad, 0).message, undefined);
      assert.equal(bad.message, 'push_sync_device failed', 'the first failed step names the device failure');
      assert.deepEqual(step(access, 0).result, { changed: false, facts: { model: 'vEOS' } });
      assert.equal(step(access, 0).resultText, undefined);
      assert.equal(step(access, 0).diff, undefined, 'null diff');
      assert.equal(d.failure, undefined, 'a FINISHED job has no failure even with a failed device');
      assert.equal(d.state, 'succeeded');
      assert.deepEqual(d.timeline, [
        {
          state: 'scheduled',
          rawState: 'SCHEDULED',
          enteredAt: Date.UTC(2024, 2, 1, 9, 59, 58, 120),
          exitedAt: Date.UTC(2024, 2, 1, 10, 0, 0, 500),
        },
        {
          state: 'running',
          rawState: 'RUNNING',
          enteredAt: Date.UTC(2024, 2, 1, 10, 0, 0, 500),
          exitedAt: Date.UTC(2024, 2, 1, 10, 2, 30),
        },
        { state: 'succeeded', rawState: 'FINISHED', enteredAt: Date.UTC(2024, 2, 1, 10, 2, 30) },
      ]);
    });

    it('a device whose own failed flag is set is failed even when no step says so', async () => {
      const job = {
        id: 9,
        status: 'FINISHED',
        function_name: 'sync_devices',
        result: { devices: { sw1: { failed: true, job_tasks: [] } } },
      };
      server.respond(() => single(job));
      const d = await adapter.getJob('9');
      assert.deepEqual([d.targets[0].state, d.targets[0].children], ['failed', []]);
      assert.equal(d.summary, '1 device, 1 failed');
    });
    it('a running job whose result has no device yet has no device summary', async () => {
      server.respond(() =>
        single({
          id: 10,
          status: 'RUNNING',
          function_name: 'sync_devices',
          comment: 'c',
          result: { devices: {} },
          finished_devices: [],
        }),
      );
      const d = await adapter.getJob('10');
      assert.deepEqual([d.summary, d.targetCounts, d.targets], ['c', { ok: 0, failed: 0 }, []]);
    });
  });

  describe('failures and chained jobs', () => {
    it('EXCEPTION with exception {message, type, traceback} (current servers)', async () => {
      const body = fixture('get-job.response.json');
      server.respond(() => ({ body }));
      const d = await adapter.getJob('45');
      assert.equal(d.state, 'failed');
      assert.equal(d.rawState, 'EXCEPTION');
      assert.equal(d.name, 'init_access_device_step1');
      assert.equal(d.finishedAt, Date.UTC(2024, 2, 1, 8, 0, 9, 999));
      assert.deepEqual(d.failure, {
        message: 'DeviceStateError: Device is not in DISCOVERED state',
        traceback: body.data.jobs[0].exception.traceback,
      });
      assert.deepEqual(d.targets, []);
      assert.deepEqual(d.fields, [
        { label: 'Ticket', value: 'INC-77' },
        { label: 'Finished devices', value: '0' },
      ]);
      assert.deepEqual(
        d.timeline.map((t) => [t.rawState, t.enteredAt]),
        [
          ['SCHEDULED', Date.UTC(2024, 2, 1, 8, 0, 0)],
          ['RUNNING', Date.UTC(2024, 2, 1, 8, 0, 1)],
          ['EXCEPTION', Date.UTC(2024, 2, 1, 8, 0, 9, 999)],
        ],
      );
    });

    it('EXCEPTION with exception and traceback as strings (older servers), answered as data.job', async () => {
      const body = fixture('get-job.old-exception.json');
      server.respond(() => ({ body }));
      const d = await adapter.getJob('5d0a3e51dd4287776695dcb9');
      assert.equal(d.id, '5d0a3e51dd4287776695dcb9');
      assert.deepEqual(d.failure, {
        message: "ConnectionRefusedError(111, 'Connection refused')",
        traceback: body.data.job.traceback,
      });
    });

    it('exception sent as a JSON string, a bare traceback, and data: job itself', async () => {
      const tb = 'Traceback (most recent call last):\n  File "x.py", line 1\nValueError: bad\n\n';
      server.respond((r) =>
        r.path.endsWith('/1')
          ? {
              body: {
                status: 'success',
                data: {
                  id: 1,
                  status: 'EXCEPTION',
                  function_name: 'f',
                  exception: JSON.stringify({ message: 'boom', traceback: tb }),
                },
              },
            }
          : {
              body: {
                status: 'success',
                data: { id: 2, status: 'EXCEPTION', function_name: 'g', exception: null, traceback: tb },
              },
            },
      );
      assert.deepEqual((await adapter.getJob('1')).failure, { message: 'boom', traceback: tb });
      assert.deepEqual((await adapter.getJob('2')).failure, { message: 'ValueError: bad', traceback: tb });
    });

    it('next_job_id links to the chained job, which getJob reads by that id', async () => {
      const jobs = fixture('list-jobs.current.json').data.jobs;
      server.respond((r) => single(jobs.find((j: { id: unknown }) => String(j.id) === r.path.split('/').pop())));
      const first = await adapter.getJob('42');
      const link = first.links?.find((l) => l.label === 'Next job');
      assert.deepEqual(link, { label: 'Next job', jobId: '43' });
      const next = await adapter.getJob(link?.jobId as string);
      assert.equal(server.requests[1].path, `${PREFIX}/api/v1.0/job/43`);
      assert.equal(next.id, '43');
      assert.equal(next.state, 'running');
      assert.deepEqual(next.links, []);
    });
  });

  describe('paging, filters and sort', () => {
    it('pages with page/per_page while the server sends X-Total-Count; walks every job once', async () => {
      const all = manyJobs(7);
      server.respond(pagingServer(all));
      const first = await adapter.listJobs({ pageSize: 3 });
      assert.equal(first.total, 7);
      assert.equal(first.nextCursor, 'p:2');
      assert.deepEqual(
        first.items.map((j) => j.id),
        ['1', '2', '3'],
      );
      const second = await adapter.listJobs({ pageSize: 3, cursor: first.nextCursor });
      assert.deepEqual(
        query(server.requests[1]),
        { page: '2', per_page: '3', sort: '-id' },
        'no limit once the server is known to page',
      );
      assert.deepEqual(
        second.items.map((j) => j.id),
        ['4', '5', '6'],
      );
      const third = await adapter.listJobs({ pageSize: 3, cursor: second.nextCursor });
      assert.deepEqual(
        third.items.map((j) => j.id),
        ['7'],
      );
      assert.equal(third.nextCursor, undefined);
      const { ids } = await collect(adapter, { pageSize: 2 });
      assert.deepEqual(ids, ['1', '2', '3', '4', '5', '6', '7']);
    });

    it('a server that knows only limit (the seed, 2019): one list of all it sends, filtered, sorted and paged here', async () => {
      const all = manyJobs(5);
      server.respond(limitOnlyServer(all));
      const { ids, pages } = await collect(adapter, { pageSize: 2, sort: { field: 'name', direction: 'asc' } });
      // Sorted across the whole list (update_facts before sync_devices), not within a page.
      assert.deepEqual(ids, ['2', '4', '1', '3', '5']);
      assert.equal(pages, 3);
      assert.deepEqual(
        server.requests.map((r) => query(r)),
        [{ page: '1', per_page: '2', sort: 'function_name', limit: '1000' }, { limit: '1000' }, { limit: '1000' }],
      );
      const first = await adapter.listJobs({ pageSize: 2 });
      assert.equal(first.total, undefined, 'the seed server does not say how many there are');
      assert.deepEqual(
        first.items.map((j) => j.id),
        ['5', '4'],
        'newest first without a sort',
      );
      const admins = await collect(adapter, { pageSize: 2, filter: { owner: 'admin', states: ['failed'] } });
      assert.deepEqual(admins.ids, ['1'], 'filters applied here: the server ignored them');
    });

    it('a limit-only server that ignores limit too (sends everything) still ends', async () => {
      const all = manyJobs(5);
      server.respond(() => ({ body: { status: 'success', data: { jobs: all } } }));
      const { ids } = await collect(adapter, { pageSize: 2 });
      assert.deepEqual(ids.sort(), ['1', '2', '3', '4', '5']);
    });

    it('one state and text go to the server: filter[status]=WORD, filter[function_name][contains]=', async () => {
      server.respond(() => ({
        headers: { 'X-Total-Count': '1' },
        body: { status: 'success', data: { jobs: [{ id: 3, status: 'RUNNING', function_name: 'sync_devices' }] } },
      }));
      const page = await adapter.listJobs({
        pageSize: 25,
        filter: { states: ['running'], text: 'sync' },
        sort: { field: 'name', direction: 'asc' },
      });
      assert.deepEqual(query(server.requests[0]), {
        page: '1',
        per_page: '25',
        limit: '1000',
        sort: 'function_name',
        'filter[status]': 'RUNNING',
        'filter[function_name][contains]': 'sync',
      });
      assert.equal(page.total, 1);
      assert.deepEqual(
        page.items.map((j) => j.id),
        ['3'],
      );
    });

    it('maps every state to its word, and each sort field and direction', async () => {
      server.respond(() => ({ headers: { 'X-Total-Count': '0' }, body: { status: 'success', data: { jobs: [] } } }));
      const words: [string, string][] = [];
      for (const s of ['scheduled', 'running', 'succeeded', 'failed', 'stopped', 'stopping'] as const) {
        await adapter.listJobs({ pageSize: 5, filter: { states: [s] } });
        words.push([s, server.requests[server.requests.length - 1].query.get('filter[status]') ?? '']);
      }
      assert.deepEqual(words, [
        ['scheduled', 'SCHEDULED'],
        ['running', 'RUNNING'],
        ['succeeded', 'FINISHED'],
        ['failed', 'EXCEPTION'],
        ['stopped', 'ABORTED'],
        ['stopping', 'ABORTING'],
      ]);
      server.requests.length = 0;
      await adapter.listJobs({ pageSize: 5, sort: { field: 'time', direction: 'desc' } });
      await adapter.listJobs({ pageSize: 5, sort: { field: 'time', direction: 'asc' } });
      await adapter.listJobs({ pageSize: 5, sort: { field: 'state', direction: 'desc' } });
      await adapter.listJobs({ pageSize: 5, sort: { field: 'name', direction: 'desc' } });
      await adapter.listJobs({ pageSize: 5 });
      assert.deepEqual(
        server.requests.map((r) => r.query.get('sort')),
        ['-start_time', 'start_time', '-status', '-function_name', '-id'],
      );
    });

    it('the exact fields a user picks: filter[ticket_ref]= and filter[comment]=, nothing else', async () => {
      server.respond(() => ({ headers: { 'X-Total-Count': '0' }, body: { status: 'success', data: { jobs: [] } } }));
      await adapter.listJobs({
        pageSize: 5,
        filter: { fields: { ticket_ref: 'CHG-1', comment: 'weekly sync', bogus: 'x' } },
      });
      const q = query(server.requests[0]);
      assert.deepEqual(
        [q['filter[ticket_ref]'], q['filter[comment]'], q['filter[bogus]']],
        ['CHG-1', 'weekly sync', undefined],
      );
    });

    it('several states and unknown are filtered here, page by page (total unknown); the owner goes to the server', async () => {
      const all = manyJobs(9).concat([{ id: 10, status: 'WEIRD', function_name: 'x', scheduled_by: 'admin' }]);
      server.respond(pagingServer(all));
      const both = await collect(adapter, { pageSize: 4, filter: { states: ['succeeded', 'failed'], owner: 'admin' } });
      assert.deepEqual(both.ids, ['1', '5', '9']);
      for (const r of server.requests) {
        assert.equal(r.query.get('filter[status]'), null);
        assert.equal(
          r.query.get('filter[scheduled_by][contains]'),
          'admin',
          'ILIKE on the server, like the filter here',
        );
      }
      const first = await adapter.listJobs({ pageSize: 4, filter: { states: ['failed', 'unknown'] } });
      assert.equal(first.total, undefined);
      assert.deepEqual(
        first.items.map((j) => j.id),
        ['1', '4'],
      );
      const last = await adapter.listJobs({ pageSize: 4, cursor: 'p:3', filter: { states: ['unknown'] } });
      assert.deepEqual(
        last.items.map((j) => [j.id, j.rawState]),
        [['10', 'WEIRD']],
      );
    });

    it('states CNaaS never reports (pending, disabled, deleting) give an empty page without a request', async () => {
      const page = await adapter.listJobs({ pageSize: 10, filter: { states: ['pending', 'disabled', 'deleting'] } });
      assert.deepEqual(page, { items: [], total: 0 });
      assert.equal(server.requests.length, 0);
    });

    it('stop is the abort: PUT /api/v1.0/job/<id> {action: ABORT, abort_reason} (cut to 255, as the server keeps it)', async () => {
      const job = { id: '42', name: 'sync_devices', state: 'running', rawState: 'RUNNING', raw: {} } as Job;
      server.respond(() => ({ body: { status: 'success', data: { jobs: [{ id: 42, status: 'ABORTING' }] } } }));
      await adapter.stop(job, { reason: `  ${'r'.repeat(300)}  ` });
      await adapter.stop(job);
      assert.deepEqual(
        server.requests.map((r) => `${r.method} ${r.path}`),
        [`PUT ${PREFIX}/api/v1.0/job/42`, `PUT ${PREFIX}/api/v1.0/job/42`],
      );
      assert.deepEqual(JSON.parse(server.requests[0].body), { action: 'ABORT', abort_reason: 'r'.repeat(255) });
      assert.deepEqual(
        JSON.parse(server.requests[1].body),
        { action: 'ABORT' },
        'no reason: the server writes its own',
      );
      server.respond(() => ({
        status: 400,
        body: {
          status: 'error',
          message: 'Job id 42 is in state JobStatus.FINISHED, must be SCHEDULED or RUNNING to abort',
        },
      }));
      const e = await rejects(adapter.stop(job, { reason: 'x' }));
      assert.equal(e.code, 'client');
      assert.match(e.message, /must be SCHEDULED or RUNNING to abort/);
      assert.equal(server.requests.length, 3, 'a refused abort is not sent again');
    });
  });

  describe('errors, shapes and unsupported operations', () => {
    it('an unknown job (CNaaS answers 400 "No job with id … found") is notFound with the server message', async () => {
      server.respond(() => ({ status: 400, body: fixture('error.response.json') }));
      const e = await rejects(adapter.getJob('99'));
      assert.equal(e.code, 'notFound');
      assert.equal(e.status, 400);
      assert.equal(e.serverMessage, 'No job with id 99 found');
      assert.equal(e.operation, 'get job 99');
      assert.equal(e.connection, 'nms');
    });

    it('error bodies {status:"error", message} become JobdeckErrors with the server message', async () => {
      server.respond(() => ({
        status: 400,
        body: { status: 'error', message: 'Unable to filter jobs: FOO is not a valid value for status' },
      }));
      const e = await rejects(adapter.listJobs({ pageSize: 5 }));
      assert.equal(e.code, 'client');
      assert.equal(e.serverMessage, 'Unable to filter jobs: FOO is not a valid value for status');
      server.respond(() => ({ status: 500, body: { status: 'error', message: 'database is gone' } }));
      const s = await rejects(adapter.getJob('1'));
      assert.deepEqual([s.code, s.status, s.serverMessage], ['server', 500, 'database is gone']);
      server.respond(() => ({ status: 401, body: { status: 'error', message: 'JWT token expired' } }));
      const a = await rejects(adapter.listJobs({ pageSize: 5 }));
      assert.deepEqual([a.code, a.serverMessage], ['auth', 'JWT token expired']);
      server.respond(() => ({ status: 200, body: { status: 'error', message: 'odd but seen' } }));
      const o = await rejects(adapter.listJobs({ pageSize: 5 }));
      assert.deepEqual([o.code, o.serverMessage], ['server', 'odd but seen']);
      server.respond(() => ({ body: { status: 'success', data: { jobs: [] } } }));
      assert.equal((await rejects(adapter.getJob('5'))).code, 'notFound', 'an empty jobs list');
    });

    it('wrong shapes are badResponse errors naming the field; numbers as strings and missing optionals are fine', async () => {
      server.respond(() => ({ body: { status: 'success', data: { jobs: { id: 1 } } } }));
      let e = await rejects(adapter.listJobs({ pageSize: 5 }));
      assert.deepEqual([e.code, e.field], ['badResponse', 'data.jobs']);
      server.respond(() => ({
        body: { status: 'success', data: { jobs: [{ id: 1, status: 'FINISHED' }, { status: 'FINISHED' }] } },
      }));
      e = await rejects(adapter.listJobs({ pageSize: 5 }));
      assert.deepEqual([e.code, e.field], ['badResponse', 'data.jobs[1].id']);
      server.respond(() => ({ body: { status: 'success' } }));
      e = await rejects(adapter.listJobs({ pageSize: 5 }));
      assert.deepEqual([e.code, e.field], ['badResponse', 'data']);
      server.respond(() => single({ id: 1, status: 'FINISHED', result: { devices: { sw1: { job_tasks: 'nope' } } } }));
      e = await rejects(adapter.getJob('1'));
      assert.deepEqual([e.code, e.field], ['badResponse', 'result.devices.sw1.job_tasks']);
      server.respond(() => single({ id: 1, status: 'FINISHED', result: { sw1: ['not a step'] } }));
      e = await rejects(adapter.getJob('1'));
      assert.deepEqual([e.code, e.field], ['badResponse', 'result.sw1[0]']);

      server.respond(() =>
        single({ id: 7, status: 'finished', function_name: null, change_score: '40', finished_devices: null }),
      );
      const d: JobDetail = await adapter.getJob('7');
      assert.deepEqual(
        [d.id, d.name, d.state, d.rawState, d.owner, d.summary],
        ['7', 'Job 7', 'succeeded', 'finished', undefined, undefined],
      );
      assert.deepEqual(d.fields, [{ label: 'Change score', value: '40' }]);
      assert.deepEqual(d.targets, []);
    });

    it('unsupported operations throw unsupported without a request; no choices, no relaunch, no web URL', async () => {
      const job = { id: '1', name: 'x', state: 'running', rawState: 'RUNNING', raw: {} } as Job;
      const calls: [string, Promise<unknown>][] = [
        ['events', adapter.getEvents('1', undefined)],
        ['launch', adapter.launch({ kind: 'puppet-orchestrator', environment: 'production', scope: { nodes: ['a'] } })],
        ['bulkLaunch', adapter.bulkLaunch({ by: 'all' })],
        ['delete', adapter.deleteJob('1')],
        ['bulkDelete', adapter.bulkDelete({ by: 'ids', ids: ['1'] })],
        ['update', adapter.update('1', { name: 'y' })],
      ];
      for (const [what, p] of calls) assert.equal((await rejects(p)).code, 'unsupported', what);
      assert.deepEqual(await adapter.listChoices('environment'), []);
      assert.equal(adapter.relaunchSpec(job), undefined);
      assert.equal(adapter.webUrl(job), undefined);
      assert.equal(server.requests.length, 0);
    });
  });
});

describe('cnaas-nms adapter against the jobs emulator', () => {
  let emu: Emulator;

  function adapterFor(url: string, token = DEFAULT_TOKEN): JobsAdapter {
    return dialect.create(
      new HttpClient({
        connection: { name: 'emu-cnaas', kind: 'cnaas-nms', url },
        auth: dialect.auth,
        token: async () => token,
        retryBaseMs: 1,
        maxRetries: 0,
      }),
    );
  }

  afterEach(() => emu?.stop());

  it('current shape: pages every job once, filters on the server, reads devices, failures and chains', async () => {
    emu = await startEmulator({ jobs: 120, seed: 11 });
    emu.control.pause();
    const a = adapterFor(emu.urls['cnaas-nms']);
    const { ids } = await collect(a, { pageSize: 25 });
    assert.equal(ids.length, 120);
    assert.equal(new Set(ids).size, 120);
    assert.deepEqual(
      ids,
      [...ids].sort((x, y) => Number(y) - Number(x)),
      'newest first (-id)',
    );
    const first = await a.listJobs({ pageSize: 25 });
    assert.equal(first.total, 120);

    const running = await collect(a, { pageSize: 50, filter: { states: ['running'] } });
    const all = (await a.listJobs({ pageSize: 1000 })).items;
    assert.deepEqual(
      running.ids.sort(),
      all
        .filter((j) => j.rawState === 'RUNNING')
        .map((j) => j.id)
        .sort(),
    );
    const sync = (await a.listJobs({ pageSize: 1000, filter: { text: 'SYNC' } })).items;
    assert.ok(sync.length > 0 && sync.every((j) => j.name.includes('sync')));
    const byName = (await a.listJobs({ pageSize: 1000, sort: { field: 'name', direction: 'asc' } })).items.map(
      (j) => j.name,
    );
    assert.deepEqual(byName, [...byName].sort());

    const finished = all.find((j) => j.rawState === 'FINISHED' && j.name === 'sync_devices') as Job;
    const d = await a.getJob(finished.id);
    assert.ok(d.targets.length > 0 && d.targets.every((t) => t.kind === 'device' && (t.children?.length ?? 0) > 0));
    assert.ok(
      d.targets.some((t) => t.children?.some((s) => s.diff?.startsWith('@@ '))),
      'a config diff',
    );
    assert.ok(
      d.targets.some((t) => t.children?.some((s) => s.resultText?.includes(`hostname`))),
      'a generated config',
    );
    assert.equal(d.targetCounts?.ok, d.targets.length);

    const failed = all.find((j) => j.rawState === 'EXCEPTION') as Job;
    const f = await a.getJob(failed.id);
    assert.ok(f.failure?.message.includes('ConnectionException'));
    assert.ok(f.failure?.traceback?.startsWith('Traceback'));
    assert.ok(f.targets.some((t) => t.state === 'failed' && t.message?.includes('Cannot connect')));

    const chained = all.find((j) => j.links?.some((l) => l.jobId));
    assert.ok(chained, 'the emulator chains init step 1 to step 2');
    const next = await a.getJob(chained.links?.find((l) => l.jobId)?.jobId as string);
    assert.equal(next.name, 'init_access_device_step2');

    const gone = await rejects(a.getJob('99999'));
    assert.equal(gone.code, 'notFound');
    assert.equal((await rejects(adapterFor(emu.urls['cnaas-nms'], 'wrong').listJobs({ pageSize: 5 }))).code, 'auth');
  });

  it('abort: a running job goes ABORTING (stopping) then ABORTED (stopped); a scheduled one ABORTED with the reason', async () => {
    emu = await startEmulator({ jobs: 200, seed: 11 });
    emu.control.pause();
    const a = adapterFor(emu.urls['cnaas-nms']);
    const running = (await a.listJobs({ pageSize: 5, filter: { states: ['running'] } })).items[0];
    await a.stop(running, { reason: 'maintenance window over' });
    let d = await a.getJob(running.id);
    assert.deepEqual([d.state, d.rawState], ['stopping', 'ABORTING']);
    emu.control.step(5_000);
    d = await a.getJob(running.id);
    assert.deepEqual([d.state, d.rawState], ['stopped', 'ABORTED']);
    const scheduled = (await a.listJobs({ pageSize: 5, filter: { states: ['scheduled'] } })).items[0];
    await a.stop(scheduled, { reason: 'not tonight' });
    d = await a.getJob(scheduled.id);
    assert.deepEqual([d.state, d.rawState], ['stopped', 'ABORTED']);
    assert.deepEqual(
      d.fields?.find((f) => f.label === 'Message'),
      { label: 'Message', value: 'not tonight (aborted by admin)' },
    );
    const e = await rejects(a.stop(d, { reason: 'again' }));
    assert.equal(e.status, 400);
    assert.match(e.message, /must be SCHEDULED or RUNNING to abort/);
  });

  it('pages the real way: sort across pages (not within one), owner and text on the server, X-Total-Count', async () => {
    emu = await startEmulator({ jobs: 150, seed: 12 });
    emu.control.pause();
    const a = adapterFor(emu.urls['cnaas-nms']);
    const byName = await collect(a, { pageSize: 20, sort: { field: 'name', direction: 'asc' } });
    const names: string[] = [];
    for (const id of byName.ids) names.push((await a.getJob(id)).name);
    assert.deepEqual(names, [...names].sort(), 'sorted across every page');
    const admin = await a.listJobs({ pageSize: 1000, filter: { owner: 'ADMIN' } });
    assert.ok(admin.total && admin.total > 0 && admin.items.every((j) => j.owner === 'admin'));
    const log = emu.control.log().filter((e) => e.path.endsWith('/api/v1.0/jobs'));
    assert.ok(
      log.every((e) => e.status === 200),
      'every query the adapter sends is one the server takes',
    );
  });

  it('seed shape: object ids, result.<device> lists, exception strings', async () => {
    emu = await startEmulator({ jobs: 60, seed: 5, cnaasResultShape: 'seed' });
    emu.control.pause();
    const a = adapterFor(emu.urls['cnaas-nms']);
    const { ids } = await collect(a, { pageSize: 7 });
    assert.equal(new Set(ids).size, 60);
    assert.ok(ids.every((id) => /^[0-9a-f]{24}$/.test(id)));
    const all = (await a.listJobs({ pageSize: 100 })).items;
    const fin = all.find((j) => j.rawState === 'FINISHED' && (j.targetCounts?.ok ?? 0) > 0) as Job;
    const d = await a.getJob(fin.id);
    assert.equal(d.id, fin.id);
    assert.ok(d.targets.length > 0 && d.targets.every((t) => t.children?.every((s) => s.kind === 'step' && s.name)));
    const exc = all.find((j) => j.rawState === 'EXCEPTION') as Job;
    const e = await a.getJob(exc.id);
    assert.ok(e.failure?.message.includes('Cannot connect'));
    assert.ok(e.failure?.traceback?.includes('napalm.base.exceptions.ConnectionException'));
  });
});
