// stack-jobs' readers and requests one rule at a time (docs/api-dialects.md §4): the state
// from do_del and do_run, next_run as seconds or a time, fields and summary, the cursor, the
// server's "more", the update's answer without an id, deletes, choices, and the exact words
// of each refusal.
import * as assert from 'node:assert/strict';
import { HttpClient } from '../../../src/client/http';
import { dialect, parseJob, parseNextRun } from '../../../src/client/dialects/stackJobs';
import { assertRefusals, rejectsWithout } from '../../support/fixtures';
import { startRecordingServer, type RecordingServer } from '../support/recordingServer';

const ctx = { connection: 'sj', operation: 'read' };
const T = 1700000000;

describe('stack-jobs jobs parsed', () => {
  it('state: do_del (deletable now unless it also runs), else do_run, else disabled', () => {
    const s = (o: object) => {
      const j = parseJob({ id: 1, ...o }, ctx);
      return [j.state, j.rawState, j.deletableNow];
    };
    assert.deepEqual(s({ do_del: true, do_run: true }), ['deleting', 'queued for deletion', undefined]);
    assert.deepEqual(s({ do_del: '1', do_run: 0 }), ['deleting', 'queued for deletion', true]);
    assert.deepEqual(s({ do_del: false, do_run: 'true' }), ['scheduled', 'scheduled', undefined]);
    assert.deepEqual(s({}), ['disabled', 'disabled', undefined]);
  });

  it('next_run: unix seconds as a number or numeric text, else a time', () => {
    assert.equal(parseNextRun(T), T * 1000);
    assert.equal(parseNextRun(` ${T} `), T * 1000);
    assert.equal(parseNextRun(`${T}.5`), T * 1000 + 500);
    assert.equal(parseNextRun('2024-01-01T00:00:00Z'), Date.parse('2024-01-01T00:00:00Z'));
    assert.equal(parseNextRun('2024-01-01 00:00:00'), Date.parse('2024-01-01T00:00:00Z'));
    assert.equal(parseNextRun('12abc'), undefined);
    assert.equal(parseNextRun(0), undefined);
    assert.equal(parseNextRun(null), undefined);
  });

  it('fields and summary from stack, schedule and owner; a name from the id', () => {
    const j = parseJob({ id: 3, stack: 's1', schedule: 'nightly', owner: 'ann' }, ctx);
    assert.deepEqual(j.fields, [
      { label: 'Stack', value: 's1' },
      { label: 'Schedule', value: 'nightly' },
      { label: 'Owner', value: 'ann' },
    ]);
    assert.deepEqual([j.summary, j.name, j.owner], ['stack s1 · schedule nightly', 'Job 3', 'ann']);
    assert.equal(parseJob({ id: 3, schedule: 'x' }, ctx).summary, 'schedule x');
    assert.equal(parseJob({ id: 3, name: '' }, ctx).summary, undefined);
    assert.deepEqual(parseJob({ id: 3, stack: '', owner: '' }, ctx).fields, []);
  });

  it('the id: the answer’s, else the one asked for; none at all names the field', () => {
    assert.equal(parseJob({ id: 4 }, ctx, '(response)', '9').id, '4');
    assert.equal(parseJob({}, ctx, '(response)', '9').id, '9');
    assert.throws(
      () => parseJob({}, ctx),
      (e: { field?: string }) => e.field === 'id',
    );
    assert.throws(
      () => parseJob({}, ctx, 'jobs[2]'),
      (e: { field?: string }) => e.field === 'jobs[2].id',
    );
    assert.throws(
      () => parseJob({ id: null }, ctx, '(response)', '9'),
      (e: { field?: string }) => e.field === 'id',
    );
  });
});

describe('stack-jobs adapter: requests and refusals', () => {
  const TOKEN = 'sj-details-token';
  const rejects = (p: Promise<unknown>) => rejectsWithout(TOKEN, p);
  let server: RecordingServer;
  let adapter: ReturnType<typeof dialect.create>;
  const jobs = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: from + i, do_run: true }));
  beforeEach(async () => {
    server = await startRecordingServer(() => ({ body: { jobs: [] } }));
    adapter = dialect.create(
      new HttpClient({
        connection: { name: 'sj', kind: 'stack-jobs', url: server.url },
        auth: dialect.auth,
        token: async () => TOKEN,
        maxRetries: 0,
      }),
    );
  });
  afterEach(() => server.close());
  const pages = () => server.requests.map((r) => r.query.get('page'));

  it('a cursor that is not "page:skip" starts at the first page; page 0 is page 1', async () => {
    server.respond((r) => ({ body: { jobs: jobs(Number(r.query.get('page')) * 10, 10), count: 100 } }));
    const ids = async (cursor: string) => (await adapter.listJobs({ pageSize: 2, cursor })).items.map((j) => j.id);
    assert.deepEqual(await ids('x3:1'), ['10', '11']);
    assert.deepEqual(await ids('3:1x'), ['10', '11']);
    assert.deepEqual(await ids('0:2'), ['12', '13']);
    assert.deepEqual(await ids('3:9'), ['39', '40']);
    assert.deepEqual(pages(), ['1', '1', '1', '3', '4']);
  });

  it('a page size below one is one, fractions floored', async () => {
    server.respond(() => ({ body: { jobs: jobs(1, 10), count: 10 } }));
    assert.equal((await adapter.listJobs({ pageSize: 0 })).items.length, 1);
    assert.equal((await adapter.listJobs({ pageSize: 2.9 })).items.length, 2);
  });

  it('"more": without a count, a full page; with one, page × size under it (a larger page tells the size)', async () => {
    const next = async (body: object, cursor?: string) => {
      server.respond(() => ({ body }));
      return (await adapter.listJobs({ pageSize: 100, cursor })).nextCursor;
    };
    // Each answer is the same page again: "more" decides whether a second page is read.
    server.requests.length = 0;
    assert.equal(await next({ jobs: jobs(1, 9) }), undefined);
    assert.deepEqual(pages(), ['1']);
    server.requests.length = 0;
    await next({ jobs: jobs(1, 10), count: 20 });
    assert.deepEqual(pages(), ['1', '2']);
    server.requests.length = 0;
    await next({ jobs: jobs(1, 10), count: 10 });
    assert.deepEqual(pages(), ['1']);
    server.requests.length = 0;
    await next({ jobs: jobs(1, 12), count: 24 }, '2:0');
    assert.deepEqual(pages(), ['2'], 'pages of 12: page 2 ends at 24');
    server.requests.length = 0;
    await next({ jobs: [], count: 50 });
    assert.deepEqual(pages(), ['1'], 'an empty page ends');
  });

  it('the next cursor: inside the page when a match is left there, else the next page when there is one', async () => {
    server.respond((r) => ({ body: { jobs: jobs(Number(r.query.get('page')) * 10, 10), count: 20 } }));
    assert.equal((await adapter.listJobs({ pageSize: 3 })).nextCursor, '1:3');
    assert.equal((await adapter.listJobs({ pageSize: 10 })).nextCursor, '2:0');
    assert.equal((await adapter.listJobs({ pageSize: 10, cursor: '2:0' })).nextCursor, undefined);
    assert.equal((await adapter.listJobs({ pageSize: 20 })).nextCursor, undefined);
  });

  it('the total: the count, unless a filter picks', async () => {
    server.respond(() => ({ body: { jobs: jobs(1, 3), count: '3' } }));
    assert.equal((await adapter.listJobs({ pageSize: 5 })).total, 3);
    assert.equal((await adapter.listJobs({ pageSize: 5, filter: { states: [] } })).total, 3);
    assert.equal((await adapter.listJobs({ pageSize: 5, filter: { owner: 'x' } })).total, undefined);
  });

  it('get by name: the name in the path, encoded, and the operation in quotes', async () => {
    server.respond(() => ({ status: 404, body: { detail: 'no such job' } }));
    const e = await rejects(adapter.getJobByName!('my job'));
    assert.deepEqual([e.operation, server.requests[0].path], ['get job "my job"', '/jobs/my%20job']);
    assert.equal((await rejects(adapter.getJob('5'))).operation, 'get job 5');
  });

  it('create: name and enabled only when given; an answer without an id names it', async () => {
    server.respond((r) => (r.method === 'POST' ? { body: { id: 8 } } : { body: { id: 8, do_run: true } }));
    await adapter.launch({ kind: 'stack-jobs', scheduleId: 1, stackId: 2 });
    await adapter.launch({ kind: 'stack-jobs', scheduleId: 1, stackId: 2, name: '', enabled: false });
    assert.deepEqual(
      server.requests.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body)),
      [
        { schedule_id: 1, stack_id: 2 },
        { schedule_id: 1, stack_id: 2, name: '', enabled: false },
      ],
    );
    assert.equal(server.requests[1].path, '/jobs/8');
    server.respond(() => ({ body: { ok: true } }));
    const e = await rejects(adapter.launch({ kind: 'stack-jobs', scheduleId: 1, stackId: 2 }));
    assert.deepEqual([e.code, e.field], ['badResponse', 'id']);
  });

  it('update: each field under its wire name', async () => {
    server.respond(() => ({ body: { do_run: false } }));
    const j = await adapter.update('6', { name: 'n', enabled: true, scheduleId: 3, stackId: 4 });
    assert.deepEqual(JSON.parse(server.requests[0].body), { name: 'n', enabled: true, schedule_id: 3, stack_id: 4 });
    assert.deepEqual([server.requests[0].method, server.requests[0].path, j.id], ['PUT', '/jobs/6', '6']);
  });

  it('delete: null outcomes are none: a bad answer naming "deleted"', async () => {
    server.respond(() => ({ body: { deleted: null, queued_for_deletion: null } }));
    const e = await rejects(adapter.deleteJob('3'));
    assert.deepEqual(
      [e.code, e.field, e.detail],
      ['badResponse', 'deleted', 'the answer has neither "deleted" nor "queued_for_deletion"'],
    );
    server.respond(() => ({ body: { deleted: 0 } }));
    assert.deepEqual(await adapter.deleteJob('3'), { id: '3', outcome: 'deleted' });
    server.respond(() => ({ body: { queued_for_deletion: false } }));
    assert.deepEqual(await adapter.deleteJob('3'), { id: '3', outcome: 'queued' });
    server.respond(() => ({ body: [] }));
    assert.equal((await rejects(adapter.deleteJob('3'))).field, '(response)');
  });

  it('bulk delete: a failure that is no JobdeckError is reported as text; all lists every page first', async () => {
    server.respond((r) =>
      r.method === 'GET'
        ? { body: { jobs: jobs(Number(r.query.get('page')) * 10, r.query.get('page') === '1' ? 10 : 2) } }
        : { body: { deleted: 1 } },
    );
    const out = await adapter.bulkDelete({ by: 'all' }, { concurrency: 0.5 });
    assert.equal(out.deleted.length, 12);
    assert.equal(out.requests, 14, 'two list pages and twelve deletes');
    assert.deepEqual(pages().slice(0, 2), ['1', '2']);
    const empty = await adapter.bulkDelete({ by: 'ids', ids: [] });
    assert.deepEqual(empty, { deleted: [], failed: [], requests: 0 });
  });

  it('bulk delete by filter that picks nothing is refused, said so', async () => {
    const e = await rejects(adapter.bulkDelete({ by: 'filter', filter: { states: [] } }));
    assert.equal(
      e.message,
      'sj: bulk delete jobs failed: invalid input — an empty filter would delete every job; ask for all jobs instead',
    );
    assert.equal(server.requests.length, 0);
  });

  it('choices: a name from the noun and id; pages until the count, or a short page', async () => {
    server.respond((r) => {
      const page = Number(r.query.get('page'));
      const items = Array.from({ length: page === 3 ? 1 : 10 }, (_, i) => ({
        id: page * 100 + i,
        name: i ? `s${i}` : '',
      }));
      return { body: { stacks: items, schedules: items, count: 21 } };
    });
    const stacks = await adapter.listChoices('stack');
    assert.equal(stacks.length, 21);
    assert.deepEqual(stacks.slice(0, 2), [
      { id: '100', label: 'Stack 100' },
      { id: '101', label: 's1' },
    ]);
    assert.deepEqual(pages(), ['1', '2', '3']);
    server.requests.length = 0;
    server.respond(() => ({ body: { schedules: [{ id: 1 }, { id: 2 }] } }));
    assert.deepEqual(await adapter.listChoices('schedule'), [
      { id: '1', label: 'Schedule 1' },
      { id: '2', label: 'Schedule 2' },
    ]);
    assert.deepEqual([pages(), server.requests[0].path], [['1'], '/schedules']);
    server.respond(() => ({ body: { schedules: Array.from({ length: 10 }, (_, i) => ({ id: i })), count: 10 } }));
    server.requests.length = 0;
    await adapter.listChoices('schedule');
    assert.deepEqual(pages(), ['1'], 'the count reached');
  });

  it('choices: a server error other than 404 is thrown; wrong shapes name the list', async () => {
    server.respond(() => ({ status: 500, body: { detail: 'down' } }));
    assert.deepEqual(
      [(await rejects(adapter.listChoices('stack'))).code, (await rejects(adapter.listChoices('stack'))).operation],
      ['server', 'list stacks'],
    );
    server.respond(() => ({ body: { stacks: {} } }));
    assert.equal((await rejects(adapter.listChoices('stack'))).field, 'stacks');
    server.respond(() => ({ body: { stacks: [{ name: 'x' }] } }));
    assert.equal((await rejects(adapter.listChoices('stack'))).field, 'stacks[0].id');
    server.respond(() => ({ body: { stacks: ['x'] } }));
    assert.equal((await rejects(adapter.listChoices('stack'))).field, 'stacks[0]');
  });

  it('says what it cannot do', async () => {
    await assertRefusals(rejects, [
      [
        () => adapter.getTargets('4'),
        'sj: list targets of job 4 failed: not supported by this server type — stack-jobs jobs have no nodes or tasks',
      ],
      [
        () => adapter.getEvents('4', undefined),
        'sj: follow events of job 4 failed: not supported by this server type — stack-jobs has no events API',
      ],
      [
        () => adapter.bulkLaunch({ by: 'all' }),
        'sj: bulk launch jobs failed: not supported by this server type — stack-jobs has no bulk launch',
      ],
      [
        () => adapter.launch({ kind: 'beacon', name: 'n', tasks: [] }),
        'sj: create job failed: invalid input — a beacon launch spec was given to a stack-jobs connection',
      ],
      [
        () => adapter.update('4', { curTask: 2 }),
        'sj: update job 4 failed: invalid input — stack-jobs jobs have no current task',
      ],
      [() => adapter.update('4', {}), 'sj: update job 4 failed: invalid input — nothing to update'],
    ]);
    assert.equal(server.requests.length, 0);
  });
});
