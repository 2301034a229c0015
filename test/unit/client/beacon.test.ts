import * as assert from 'node:assert/strict';
import { checkEveryRequest, fixtures, rejectsWithout, capabilityNames } from '../../support/fixtures';
import { HttpClient } from '../../../src/client/http';
import type { JobsAdapter } from '../../../src/client/adapter';
import type { Job } from '../../../src/client/model';
import { dialect } from '../../../src/client/dialects/beacon';
import { RecordedRequest, RecordingServer, ScriptedResponse, startRecordingServer } from '../support/recordingServer';
import { DEFAULT_TOKEN, type Emulator, start as startEmulator } from '../../emulator';

const TOKEN = 'beacon-userkey-31337';
const fixture = fixtures('beacon');
const rejects = (p: Promise<unknown>) => rejectsWithout(TOKEN, p);
const PREFIX = '/bc';
const T = 1700000000;
const ms = (secs: number) => secs * 1000;

const form = (r: RecordedRequest) => new URLSearchParams(r.body);
/** The request as "METHOD path?query" without the userkey, for compact assertions. */
function line(r: RecordedRequest): string {
  const q = new URLSearchParams(r.query);
  q.delete('userkey');
  return `${r.method} ${r.path}${q.size ? `?${q.toString()}` : ''}`;
}

describe('beacon adapter', () => {
  let server: RecordingServer;
  let adapter: JobsAdapter;

  function respond(handler: (r: RecordedRequest) => ScriptedResponse | undefined): void {
    server.respond((r) => handler(r) ?? { status: 500, body: { error: `unexpected ${r.method} ${r.path}` } });
  }

  beforeEach(async () => {
    server = await startRecordingServer();
    const http = new HttpClient({
      connection: { name: 'bc', kind: 'beacon', url: `${server.url}${PREFIX}` },
      auth: dialect.auth,
      token: async () => TOKEN,
      retryBaseMs: 1,
      maxRetries: 0,
    });
    adapter = dialect.create(http);
  });
  afterEach(() => server.close());
  // userkey: in the query of a GET, in the form of a POST, never the other way, never a header.
  checkEveryRequest(
    () => server.requests,
    (r) => {
      assert.equal(r.headers.authorization, undefined);
      assert.ok(r.path.startsWith(`${PREFIX}/api/jobs`), r.path);
      assert.ok(r.query.get('action'), `${r.method} ${r.path} without action`);
      if (r.method === 'GET') {
        assert.equal(r.query.get('userkey'), TOKEN, `GET ${r.path} without userkey`);
        assert.equal(r.body, '');
      } else {
        assert.equal(r.method, 'POST');
        assert.equal(r.query.get('userkey'), null, `userkey in the URL of POST ${r.path}`);
        assert.match(String(r.headers['content-type']), /application\/x-www-form-urlencoded/);
        assert.equal(form(r).get('userkey'), TOKEN);
      }
    },
  );

  it('declares its kind, auth, capabilities and extras', () => {
    assert.equal(dialect.kind, 'beacon');
    assert.equal(dialect.auth, 'userkey');
    const c = adapter.capabilities;
    assert.deepEqual(capabilityNames(c), ['currentTask', 'get', 'launch', 'list', 'nodes', 'schedule', 'update']);
    assert.deepEqual(c.serverFilter, { state: false, text: false, owner: true });
    assert.equal(typeof adapter.workerAction, 'function');
    assert.equal(typeof adapter.listScheduled, 'function');
    assert.equal(adapter.previewInterfaces, undefined);
  });

  describe('contract: jobs built from the seed property list parse into domain objects', () => {
    it('list: state from timestamps, result, progress, fields, duplicate link', async () => {
      const wire = fixture('list-jobs.response.json');
      respond(() => ({ body: wire }));
      const page = await adapter.listJobs({ pageSize: 100 });
      assert.deepEqual(server.requests.map(line), ['GET /bc/api/jobs?action=list']);
      assert.equal(page.total, 8);
      assert.equal(page.nextCursor, undefined);
      const byId = new Map(page.items.map((j) => [j.id, j]));
      assert.deepEqual(
        page.items.map((j) => [j.id, j.name, j.state, j.rawState]),
        [
          ['101', 'new job', 'pending', 'new'],
          ['102', 'queued job', 'pending', 'queued'],
          ['103', 'picked up job', 'running', 'picked up'],
          ['104', 'running job', 'running', 'running'],
          ['105', 'finished job', 'succeeded', 'finished'],
          ['106', 'failed job', 'failed', 'failed'],
          ['107', 'failure word job', 'failed', 'failure'],
          ['108', 'duplicate job', 'pending', 'new'],
        ],
      );
      const newJob = byId.get('101')!;
      assert.equal(newJob.createdAt, ms(T));
      assert.equal(newJob.startedAt, undefined);
      assert.equal(newJob.finishedAt, undefined);
      assert.equal(newJob.owner, 'alice');
      assert.deepEqual(newJob.progress, { done: 0, total: 3 });
      assert.equal(newJob.summary, 'beacon default · 0/3 tasks');
      assert.deepEqual(newJob.fields, [
        { label: 'Beacon', value: 'default' },
        { label: 'User', value: 'alice' },
      ]);
      assert.equal(newJob.links, undefined);
      assert.deepEqual(newJob.raw, wire[0]);

      const picked = byId.get('103')!;
      assert.equal(picked.owner, 'bob');
      assert.deepEqual(picked.fields, [
        { label: 'Beacon', value: 'lab-2' },
        { label: 'User', value: 'bob' },
      ]);

      const running = byId.get('104')!;
      assert.equal(running.startedAt, ms(T + 30));
      assert.deepEqual(running.progress, { done: 1, total: 3 }, 'numbers as strings');

      const finished = byId.get('105')!;
      assert.equal(finished.finishedAt, ms(T + 90));
      assert.deepEqual(finished.progress, { done: 3, total: 3 });

      assert.equal(byId.get('106')!.finishedAt, ms(T + 60));
      assert.deepEqual(byId.get('106')!.progress, { done: 2, total: 3 }, 'two task results posted');
      assert.deepEqual(
        byId.get('107')!.fields?.find((f) => f.label === 'Result'),
        { label: 'Result', value: 'failure' },
      );

      const dup = byId.get('108')!;
      assert.deepEqual(dup.links, [{ label: 'Duplicate of', jobId: '101' }]);
      assert.equal(dup.progress, undefined, 'no tasks, no progress');
      assert.equal((dup.raw as Record<string, unknown>).extra_field, 'kept');
    });

    it('show + tasks (action=list, not the doc slip show): targets, timeline', async () => {
      respond((r) =>
        r.path.endsWith('/tasks')
          ? { body: fixture('tasks.response.json') }
          : r.query.get('action') === 'show'
            ? { body: fixture('show-job.response.json') }
            : undefined,
      );
      const job = await adapter.getJob('104');
      assert.deepEqual(server.requests.map(line).sort(), [
        'GET /bc/api/jobs/104/tasks?action=list',
        'GET /bc/api/jobs/104?action=show',
      ]);
      assert.equal(job.id, '104');
      assert.equal(job.state, 'running');
      assert.deepEqual(job.progress, { done: 1, total: 3 });
      assert.deepEqual(job.targets, [
        {
          id: '11',
          name: 'fetch',
          kind: 'task',
          state: 'succeeded',
          rawState: 'done',
          message: 'curl -s https://example.net/x',
          result: { status: 'ok', output: 'fetched' },
          resultText: undefined,
        },
        {
          id: '12',
          name: 'shell',
          kind: 'task',
          state: 'running',
          rawState: 'running',
          message: 'make build',
          result: undefined,
          resultText: undefined,
        },
        {
          id: '13',
          name: 'Task 3',
          kind: 'task',
          state: 'pending',
          rawState: 'waiting',
          message: undefined,
          result: undefined,
          resultText: undefined,
        },
      ]);
      assert.deepEqual(job.timeline, [
        { state: 'pending', rawState: 'new', enteredAt: ms(T), exitedAt: ms(T + 10) },
        { state: 'pending', rawState: 'queued', enteredAt: ms(T + 10), exitedAt: ms(T + 20) },
        { state: 'running', rawState: 'picked up', enteredAt: ms(T + 20), exitedAt: ms(T + 30) },
        { state: 'running', rawState: 'running', enteredAt: ms(T + 30) },
      ]);
      assert.equal(job.failure, undefined);
      assert.deepEqual(
        (await adapter.getTargets('104')).map((t) => t.state),
        ['succeeded', 'running', 'pending'],
      );
    });

    it('a failed job: failure message from the per-task results, failed task, task without result', async () => {
      const failed = fixture('list-jobs.response.json')[5];
      respond((r) => (r.path.endsWith('/tasks') ? { body: fixture('tasks.response.json') } : { body: failed }));
      const job = await adapter.getJob('106');
      assert.equal(job.state, 'failed');
      assert.deepEqual(job.failure, { message: 'task 2: disk full' });
      assert.deepEqual(
        job.targets.map((t) => [t.id, t.state, t.rawState, t.message]),
        [
          ['11', 'succeeded', 'done', 'curl -s https://example.net/x'],
          ['12', 'failed', 'failed', 'disk full'],
          ['13', 'unknown', 'no result', undefined],
        ],
      );
      assert.deepEqual(job.timeline[job.timeline.length - 1], {
        state: 'failed',
        rawState: 'failed',
        enteredAt: ms(T + 60),
      });
    });

    it('scheduled jobs: GET /api/jobs/scheduled?action=list', async () => {
      respond(() => ({ body: fixture('scheduled.response.json') }));
      assert.deepEqual(await adapter.listScheduled!(), [
        { id: '5', name: 'nightly scan', active: true },
        { id: '6', name: 'weekly report', active: false },
      ]);
      assert.deepEqual(server.requests.map(line), ['GET /bc/api/jobs/scheduled?action=list']);
    });
  });

  describe('requests', () => {
    it('list: owner as user=, text/state/sort/paging on the client over the whole list (fetched again per page)', async () => {
      respond(() => ({ body: fixture('list-jobs.response.json') }));
      const first = await adapter.listJobs({
        pageSize: 2,
        filter: { owner: 'alice', text: 'JOB' },
        sort: { field: 'name', direction: 'asc' },
      });
      assert.deepEqual(server.requests.map(line), ['GET /bc/api/jobs?action=list&user=alice']);
      // The test server ignores `user`: bob's job 103 is dropped by the client-side owner check too.
      assert.deepEqual(
        first.items.map((j) => j.name),
        ['duplicate job', 'failed job'],
      );
      assert.equal(first.total, 7);
      assert.equal(first.nextCursor, '2');
      const second = await adapter.listJobs({
        pageSize: 2,
        cursor: first.nextCursor,
        filter: { owner: 'alice', text: 'JOB' },
        sort: { field: 'name', direction: 'asc' },
      });
      assert.equal(server.requests.length, 2);
      assert.deepEqual(
        second.items.map((j) => j.name),
        ['failure word job', 'finished job'],
      );

      const failed = await adapter.listJobs({ pageSize: 10, filter: { states: ['failed'] } });
      assert.deepEqual(
        failed.items.map((j) => j.id),
        ['106', '107'],
      );
      assert.equal(server.requests[2].query.get('user'), null);
    });

    it('create and queue: POST action=create with the form fields; the answered job is used as is', async () => {
      const answer = fixture('list-jobs.response.json')[1];
      respond(() => ({ body: answer }));
      const tasks = [
        { name: 'fetch', command: 'curl' },
        { type: 'shell', command: 'make' },
      ];
      const job = await adapter.launch({ kind: 'beacon', name: 'scan', beaconName: 'lab-2', tasks, queue: true });
      assert.deepEqual(server.requests.map(line), ['POST /bc/api/jobs?action=create']);
      const f = form(server.requests[0]);
      assert.equal(f.get('name'), 'scan');
      assert.equal(f.get('beacon_name'), 'lab-2');
      assert.deepEqual(JSON.parse(f.get('tasks')!), tasks);
      assert.equal(f.get('q'), '1');
      assert.equal(f.get('schedule'), null);
      assert.equal(job.id, '102');
      assert.equal(job.rawState, 'queued');
    });

    it("create: user_id (else user_guid) and q_time in unix seconds; the seed's other list filters go to the server", async () => {
      respond((r) =>
        r.method === 'POST'
          ? { body: fixture('list-jobs.response.json')[1] }
          : { body: fixture('list-jobs.response.json') },
      );
      await adapter.launch({
        kind: 'beacon',
        name: 'later',
        tasks: [],
        queue: true,
        userId: '7',
        userGuid: 'ignored-guid',
        qTime: ms(T + 3600),
      });
      await adapter.launch({ kind: 'beacon', name: 'theirs', tasks: [], userGuid: '0b1a-guid' });
      const [a, b] = server.requests.map(form);
      assert.deepEqual(
        [a.get('user_id'), a.get('user_guid'), a.get('q_time'), a.get('q')],
        ['7', null, String(T + 3600), '1'],
      );
      assert.deepEqual([b.get('user_id'), b.get('user_guid'), b.get('q_time')], [null, '0b1a-guid', null]);
      assert.deepEqual(
        adapter.capabilities.fieldFilters?.map((f) => f.field),
        [
          'beacon_name',
          'name',
          'result',
          'cur_task',
          'total_tasks',
          'add_time',
          'q_time',
          'pickup_time',
          'start_time',
          'duplicate_of',
        ],
        "the seed's list of filter parameters, user being the owner filter",
      );
      await adapter.listJobs({
        pageSize: 5,
        filter: { owner: 'alice', fields: { beacon_name: 'lab-2', result: 'aborted', bogus: 'x' } },
      });
      const q = server.requests[2].query;
      assert.deepEqual(
        [q.get('action'), q.get('user'), q.get('beacon_name'), q.get('result'), q.get('bogus')],
        ['list', 'alice', 'lab-2', 'aborted', null],
      );
    });

    it('create and schedule: schedule=1 with dates in unix seconds; an answer of only {id} is followed by show', async () => {
      respond((r) =>
        r.method === 'POST' ? { body: { id: 200 } } : { body: { ...fixture('show-job.response.json'), id: 200 } },
      );
      const job = await adapter.launch({
        kind: 'beacon',
        name: 'nightly',
        tasks: [],
        schedule: { startDate: ms(T), endDate: ms(T + 86400), min: '0', hour: '2', dom: '*', dow: '1-5', month: '*' },
      });
      assert.deepEqual(server.requests.map(line), [
        'POST /bc/api/jobs?action=create',
        'GET /bc/api/jobs/200?action=show',
      ]);
      const f = form(server.requests[0]);
      assert.deepEqual(
        [
          'name',
          'tasks',
          'schedule',
          'start_date',
          'end_date',
          'min',
          'hour',
          'dom',
          'dow',
          'month',
          'q',
          'beacon_name',
        ].map((k) => f.get(k)),
        ['nightly', '[]', '1', String(T), String(T + 86400), '0', '2', '*', '1-5', '*', null, null],
      );
      assert.equal(job.id, '200');
    });

    it('update: curtask and schedule_active "1"/"0" via action=update', async () => {
      respond((r) => (r.method === 'POST' ? { body: { success: true } } : { body: fixture('show-job.response.json') }));
      await adapter.update('104', { curTask: 2 });
      await adapter.update('5', { enabled: false });
      await adapter.update('5', { enabled: true });
      assert.deepEqual(server.requests.map(line), [
        'POST /bc/api/jobs/104?action=update',
        'GET /bc/api/jobs/104?action=show',
        'POST /bc/api/jobs/5?action=update',
        'GET /bc/api/jobs/5?action=show',
        'POST /bc/api/jobs/5?action=update',
        'GET /bc/api/jobs/5?action=show',
      ]);
      const forms = server.requests.filter((r) => r.method === 'POST').map(form);
      assert.deepEqual(
        forms.map((f) => [f.get('curtask'), f.get('schedule_active')]),
        [
          ['2', null],
          [null, '0'],
          [null, '1'],
        ],
      );
    });

    it('worker actions: pickup, start, end (not the doc slip pickup), end with result[] in order', async () => {
      const show = fixture('show-job.response.json');
      respond((r) => {
        if (r.method === 'GET') return { body: show };
        const action = r.query.get('action');
        if (action === 'pickup') return { body: show };
        if (action === 'start') return { status: 200, body: '' };
        return { body: { id: 104 } };
      });
      const picked = await adapter.workerAction!('104', 'pickup');
      await adapter.workerAction!('104', 'start');
      const results = [{ status: 'ok', output: 'a' }, { failed: true, error: 'b' }, 'plain text'];
      await adapter.workerAction!('104', 'end', results);
      assert.equal(picked.id, '104');
      assert.deepEqual(server.requests.map(line), [
        'POST /bc/api/jobs/104?action=pickup',
        'POST /bc/api/jobs/104?action=start',
        'GET /bc/api/jobs/104?action=show',
        'POST /bc/api/jobs/104?action=end',
        'GET /bc/api/jobs/104?action=show',
      ]);
      assert.deepEqual(form(server.requests[3]).getAll('result[]'), [
        '{"status":"ok","output":"a"}',
        '{"failed":true,"error":"b"}',
        '"plain text"',
      ]);
      assert.deepEqual(form(server.requests[0]).getAll('result[]'), []);
    });

    it('choice list "beacon": distinct beacon names from the job list; other fields [] without a request', async () => {
      respond(() => ({ body: fixture('list-jobs.response.json') }));
      assert.deepEqual(await adapter.listChoices('beacon'), [
        { id: 'default', label: 'default' },
        { id: 'lab-2', label: 'lab-2' },
      ]);
      assert.deepEqual(await adapter.listChoices('package'), []);
      assert.equal(server.requests.length, 1);
    });

    it('error bodies {error} become JobdeckErrors with the server message, without the userkey', async () => {
      respond(() => ({ status: 403, body: { error: 'invalid userkey' } }));
      const e = await rejects(adapter.listJobs({ pageSize: 5 }));
      assert.equal(e.code, 'forbidden');
      assert.equal(e.status, 403);
      assert.equal(e.serverMessage, 'invalid userkey');
      respond(() => ({ status: 404, body: { error: 'no such job' } }));
      const nf = await rejects(adapter.workerAction!('9', 'start'));
      assert.equal(nf.code, 'notFound');
      assert.equal(nf.serverMessage, 'no such job');
      assert.equal(nf.operation, 'start job 9');
    });

    it('unsupported and invalid operations send nothing', async () => {
      const job: Job = { id: '1', name: 'x', state: 'running', rawState: 'running', raw: {} };
      for (const p of [
        adapter.stop(job),
        adapter.deleteJob('1'),
        adapter.bulkDelete({ by: 'ids', ids: ['1'] }),
        adapter.bulkLaunch({ by: 'all' }),
        adapter.getEvents('1', undefined),
      ]) {
        assert.equal((await rejects(p)).code, 'unsupported');
      }
      for (const p of [
        adapter.update('1', { name: 'y' }),
        adapter.update('1', {}),
        adapter.workerAction!('1', 'start', [{ a: 1 }]),
        adapter.launch({ kind: 'stack-jobs', scheduleId: 1, stackId: 1 }),
      ]) {
        assert.equal((await rejects(p)).code, 'invalid');
      }
      assert.equal(server.requests.length, 0);
    });

    it('relaunch only when the payload carries its tasks', () => {
      const base: Job = {
        id: '1',
        name: 'scan',
        state: 'succeeded',
        rawState: 'finished',
        raw: { beacon_name: 'lab-2' },
      };
      assert.equal(adapter.relaunchSpec(base), undefined);
      assert.deepEqual(adapter.relaunchSpec({ ...base, raw: { beacon_name: 'lab-2', tasks: '[{"name":"a"}]' } }), {
        kind: 'beacon',
        name: 'scan',
        beaconName: 'lab-2',
        tasks: [{ name: 'a' }],
        queue: true,
      });
      assert.equal(adapter.webUrl(base), undefined);
    });
  });

  describe('shapes and result words', () => {
    it('a list that is not a list, a job without id, tasks that are not a list: badResponse naming the field', async () => {
      respond(() => ({ body: { jobs: [] } }));
      assert.equal((await rejects(adapter.listJobs({ pageSize: 5 }))).field, 'jobs');
      respond(() => ({ body: [{ name: 'no id' }] }));
      const noId = await rejects(adapter.listJobs({ pageSize: 5 }));
      assert.equal(noId.code, 'badResponse');
      assert.equal(noId.field, 'jobs[0].id');
      respond((r) =>
        r.path.endsWith('/tasks') ? { body: { tasks: [] } } : { body: fixture('show-job.response.json') },
      );
      assert.equal((await rejects(adapter.getJob('104'))).field, 'tasks');
      respond(() => ({ body: [{ id: 1, name: 's', active: 1 }, { name: 'x' }] }));
      assert.equal((await rejects(adapter.listScheduled!())).field, 'scheduled[1].id');
    });

    it('reads every documented shape of a finished job result: failed or succeeded only where the results say so', async () => {
      const results: [unknown, string, string][] = [
        ['success', 'succeeded', 'success'],
        ['error', 'failed', 'error'],
        ['Failure', 'failed', 'Failure'],
        // What ended without saying how: neither a success nor a failure.
        [null, 'unknown', 'finished'],
        ['', 'unknown', 'finished'],
        ['aborted', 'stopped', 'aborted'],
        ['Cancelled', 'stopped', 'Cancelled'],
        // An unknown word keeps the word and a neutral state (it is not a success).
        ['partial', 'unknown', 'partial'],
        [[{ status: 'ok' }, { status: 'error' }], 'failed', 'failed'],
        [[{ status: 'ok' }, { status: 'FAILED' }], 'failed', 'failed'],
        ['[{"ok":true},{"error":"boom"}]', 'failed', 'failed'],
        [['{"ok":true}', '{"failed":true}'], 'failed', 'failed'],
        [[{ exit_code: 0 }, { exit_code: 2, output: 'x' }], 'failed', 'failed'],
        [[{ ok: true, error: null, failed: false }], 'succeeded', 'finished'],
        [{ status: 'done' }, 'succeeded', 'finished'],
        [[{ returncode: 0 }, { success: true }], 'succeeded', 'finished'],
        // Task results that report no outcome (output only): finished, outcome unknown.
        [[{ output: 'hello' }], 'unknown', 'finished'],
        [[{ status: 'ok' }, { output: 'hello' }], 'unknown', 'finished'],
      ];
      respond(() => ({
        body: results.map(([result], i) => ({ id: i + 1, name: `j${i}`, end_time: String(T), result })),
      }));
      const page = await adapter.listJobs({ pageSize: 50 });
      assert.deepEqual(
        page.items.map((j) => [j.state, j.rawState]),
        results.map(([, s, w]) => [s, w]),
      );
      assert.ok(page.items.every((j) => j.finishedAt === ms(T)));
    });

    it('succeeded only when every task has a result that says so (total_tasks known)', async () => {
      const ok = JSON.stringify([{ status: 'ok' }, { status: 'ok' }]);
      respond(() => ({
        body: [
          { id: 1, name: 'all', end_time: T, total_tasks: 2, cur_task: 2, result: ok },
          { id: 2, name: 'short', end_time: T, total_tasks: 3, cur_task: 2, result: ok },
        ],
      }));
      const [all, short] = (await adapter.listJobs({ pageSize: 5 })).items;
      assert.deepEqual([all.state, all.rawState, all.progress], ['succeeded', 'finished', { done: 2, total: 2 }]);
      assert.deepEqual(
        [short.state, short.rawState, short.progress],
        ['unknown', 'finished', { done: 2, total: 3 }],
        'a task without a result has not said it succeeded',
      );
    });

    it('cur_task is the task being processed, counted from 1: the tasks before it are done', async () => {
      const tasks = [
        { id: 1, seq: 1, name: 'a' },
        { id: 2, seq: 2, name: 'b' },
        { id: 3, seq: 3, name: 'c' },
      ];
      for (const [cur, states, done] of [
        [0, ['pending', 'pending', 'pending'], 0],
        [1, ['running', 'pending', 'pending'], 0],
        [3, ['succeeded', 'succeeded', 'running'], 2],
      ] as [number, string[], number][]) {
        const job = { id: 9, name: 'nine', total_tasks: 3, cur_task: cur, start_time: T, pickup_time: T };
        respond((r) => (r.path.endsWith('/tasks') ? { body: tasks } : { body: job }));
        const d = await adapter.getJob('9');
        assert.deepEqual(
          d.targets.map((t) => t.state),
          states,
          `cur_task ${cur}`,
        );
        assert.deepEqual(d.progress, { done, total: 3 }, `cur_task ${cur}`);
      }
    });

    it('tasks: action=list (the endpoint table); a server that refuses it with a 400 is asked with show, once', async () => {
      const job = fixture('show-job.response.json');
      respond((r) => {
        if (!r.path.endsWith('/tasks')) return { body: job };
        return r.query.get('action') === 'show'
          ? { body: fixture('tasks.response.json') }
          : { status: 400, body: { error: `Unknown action: ${r.query.get('action')}` } };
      });
      const first = await adapter.getJob('104');
      assert.equal(first.targets.length, 3);
      const second = await adapter.getJob('104');
      assert.equal(second.targets.length, 3);
      assert.deepEqual(
        server.requests.filter((r) => r.path.endsWith('/tasks')).map((r) => r.query.get('action')),
        ['list', 'show', 'show'],
        'list once, then the word the server takes',
      );
    });
  });
});

describe('beacon adapter against the jobs emulator (both read cur_task from 1, results as task results)', () => {
  let emu: Emulator;
  let a: JobsAdapter;
  beforeEach(async () => {
    emu = await startEmulator({ jobs: 400, seed: 5 });
    emu.control.pause();
    a = dialect.create(
      new HttpClient({
        connection: { name: 'emu-bc', kind: 'beacon', url: emu.urls.beacon },
        auth: dialect.auth,
        token: async () => DEFAULT_TOKEN,
        retryBaseMs: 1,
        maxRetries: 0,
      }),
    );
  });
  afterEach(() => emu.stop());

  it('a worker walks a job through its tasks: the current task runs, the ones before it are done', async () => {
    const job = await a.launch({
      kind: 'beacon',
      name: 'walk',
      tasks: [{ name: 'one' }, { name: 'two' }, { name: 'three' }],
    });
    assert.equal(job.state, 'pending');
    await a.workerAction!(job.id, 'pickup');
    const started = await a.workerAction!(job.id, 'start');
    assert.equal((started.raw as Record<string, unknown>).cur_task, 1, 'the emulator: task 1 is being processed');
    let d = await a.getJob(job.id);
    assert.deepEqual(
      d.targets.map((t) => t.state),
      ['running', 'pending', 'pending'],
    );
    assert.deepEqual(d.progress, { done: 0, total: 3 });
    await a.update(job.id, { curTask: 3 });
    d = await a.getJob(job.id);
    assert.deepEqual(
      d.targets.map((t) => t.state),
      ['succeeded', 'succeeded', 'running'],
    );
    assert.deepEqual(d.progress, { done: 2, total: 3 });
    const ended = await a.workerAction!(job.id, 'end', [
      { status: 'ok' },
      { status: 'ok' },
      { status: 'ok', output: 'fine' },
    ]);
    assert.deepEqual([ended.state, ended.rawState, ended.progress], ['succeeded', 'finished', { done: 3, total: 3 }]);
  });

  it('an end without results, or with results that say nothing, is finished with a neutral state', async () => {
    const job = await a.launch({ kind: 'beacon', name: 'quiet', tasks: [{ name: 'one' }] });
    await a.workerAction!(job.id, 'start');
    const ended = await a.workerAction!(job.id, 'end');
    assert.deepEqual([ended.state, ended.rawState], ['unknown', 'finished']);
    const other = await a.launch({ kind: 'beacon', name: 'talkative', tasks: [{ name: 'one' }] });
    const said = await a.workerAction!(other.id, 'end', [{ output: 'a line of output' }]);
    assert.deepEqual([said.state, said.rawState], ['unknown', 'finished']);
  });

  it("the emulator's aborted and unknown-word jobs are never shown as succeeded", async () => {
    const raw = (await (await fetch(`${emu.urls.beacon}/api/jobs?action=list&userkey=${DEFAULT_TOKEN}`)).json()) as {
      id: number;
      result: unknown;
    }[];
    const words = new Map(raw.map((j) => [String(j.id), j.result]));
    const jobs = (await a.listJobs({ pageSize: 500 })).items;
    const aborted = jobs.filter((j) => words.get(j.id) === 'aborted');
    const partial = jobs.filter((j) => words.get(j.id) === 'partial');
    assert.ok(aborted.length && partial.length, `aborted ${aborted.length}, partial ${partial.length}`);
    assert.ok(aborted.every((j) => j.state === 'stopped' && j.rawState === 'aborted'));
    assert.ok(partial.every((j) => j.state === 'unknown' && j.rawState === 'partial'));
    for (const j of jobs.filter((x) => x.state === 'succeeded')) {
      const r = words.get(j.id);
      assert.ok(
        r === 'success' || (typeof r === 'string' && JSON.parse(r).every((x: { status: string }) => x.status === 'ok')),
        `${j.id}: ${String(r)}`,
      );
    }
  });
});
