// beacon's tolerant readers, one rule at a time: what a task result says (failure, success,
// abort, nothing), the job's fields and progress, the tasks' names, ids and states, and the
// exact words of every refusal. The seed leaves results free-form (docs/api-dialects.md §5),
// so each documented shape is read here on its own.
import * as assert from 'node:assert/strict';
import { HttpClient } from '../../../src/client/http';
import type { JobsAdapter } from '../../../src/client/adapter';
import type { Job } from '../../../src/client/model';
import { dialect, failureOf, parseJob, parseTasks, verdictOf } from '../../../src/client/dialects/beacon';
import { assertRefusals, rejectsWithout } from '../../support/fixtures';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recordingServer';

const ctx = { connection: 'bc', operation: 'read' };
const T = 1700000000;
const ms = (secs: number) => secs * 1000;

describe('beacon task results', () => {
  it('a failure says why: the error, the message, the error object, the exit code, else the status', () => {
    const cases: [unknown, string | undefined][] = [
      ['error', 'error'],
      [' failed ', 'failed'],
      ['ok', undefined],
      [42, undefined],
      [null, undefined],
      [{ error: 'boom' }, 'boom'],
      [{ error: 'boom', message: 'not this' }, 'boom'],
      [{ error: { code: 3 } }, '{"code":3}'],
      [{ error: { code: 3 }, message: 'said so' }, 'said so'],
      [{ error: null }, undefined],
      [{ error: '' }, undefined],
      [{ error: false }, undefined],
      [{ error: 0 }, '0'],
      [{ failed: true }, 'status failed'],
      [{ failed: true, message: 'why' }, 'why'],
      [{ success: false }, 'status failed'],
      [{ ok: false }, 'status failed'],
      [{ ok: '0' }, 'status failed'],
      [{ status: 'Error' }, 'status error'],
      [{ status: 'ERRORED' }, 'status errored'],
      [{ status: 'okay' }, undefined],
      [{ exit_code: 2 }, 'exit code 2'],
      [{ exitcode: '3' }, 'exit code 3'],
      [{ exit_status: 4 }, 'exit code 4'],
      [{ returncode: 5 }, 'exit code 5'],
      [{ return_code: 6 }, 'exit code 6'],
      [{ rc: 7 }, 'exit code 7'],
      [{ rc: 0 }, undefined],
      [{ status: 'failed', exit_code: 3 }, 'exit code 3'],
      [{ failed: false, success: true, ok: true }, undefined],
      ['  {"error": "encoded"}  ', 'encoded'],
      ['"failed"', 'failed'],
      ['{not json', undefined],
    ];
    for (const [item, why] of cases) assert.equal(failureOf(item), why, JSON.stringify(item));
  });

  it('a result too deep to be one is kept as text, and text says nothing', () => {
    const deep = `${'['.repeat(600)}{"error":"x"}${']'.repeat(600)}`;
    assert.equal(failureOf(deep), undefined);
    assert.equal(verdictOf(deep), 'silent');
  });

  it('a verdict: ok, stopped or silent, from the word, the status, or the flags', () => {
    const cases: [unknown, string][] = [
      [' ok ', 'ok'],
      ['Passed', 'ok'],
      ['aborted', 'stopped'],
      [' killed ', 'stopped'],
      ['meh', 'silent'],
      [42, 'silent'],
      [[{ status: 'ok' }], 'silent'],
      [{ status: ' done ' }, 'ok'],
      [{ status: 'Completed' }, 'ok'],
      [{ status: 'killed' }, 'stopped'],
      [{ status: 'canceled' }, 'stopped'],
      [{ status: 'weird' }, 'silent'],
      [{ status: '' }, 'silent'],
      [{ passed: true }, 'ok'],
      [{ passed: false }, 'silent'],
      [{ success: true }, 'ok'],
      [{ ok: 1 }, 'ok'],
      [{ exit_code: 0 }, 'ok'],
      [{ rc: '0' }, 'ok'],
      [{}, 'silent'],
      [{ error: 'x', status: 'ok' }, 'failed'],
      ['{"status":"ok"}', 'ok'],
    ];
    for (const [item, verdict] of cases) assert.equal(verdictOf(item), verdict, JSON.stringify(item));
  });
});

describe('beacon jobs parsed', () => {
  it('a job without a name is named by its id; without beacon or tasks it has no summary', () => {
    const j = parseJob({ id: 7 }, ctx);
    assert.deepEqual(
      [j.id, j.name, j.state, j.rawState, j.summary, j.progress, j.fields, j.links, j.owner],
      ['7', 'Job 7', 'pending', 'new', undefined, undefined, [], undefined, undefined],
    );
    assert.equal(parseJob({ id: 7, name: '' }, ctx).name, 'Job 7');
  });

  it('the summary is tasks alone without a beacon; total_tasks 0 is no progress', () => {
    assert.equal(parseJob({ id: 1, total_tasks: 2 }, ctx).summary, '0/2 tasks');
    assert.equal(parseJob({ id: 1, total_tasks: 0, beacon_name: 'b' }, ctx).progress, undefined);
    assert.equal(parseJob({ id: 1, total_tasks: 0, beacon_name: 'b' }, ctx).summary, 'beacon b');
  });

  it('progress stays within 0 and the total', () => {
    const running = (cur: number) => parseJob({ id: 1, total_tasks: 3, cur_task: cur, start_time: T }, ctx).progress;
    assert.deepEqual(running(10), { done: 3, total: 3 });
    assert.deepEqual(running(0), { done: 0, total: 3 });
    assert.deepEqual(running(2.7), { done: 1, total: 3 });
    assert.deepEqual(
      parseJob({ id: 1, total_tasks: 3, cur_task: 2 }, ctx).progress,
      { done: 0, total: 3 },
      'not started',
    );
  });

  it("an ended job's progress: all when it succeeded, the results it posted, else cur_task", () => {
    const ended = (result: unknown, cur = 2) =>
      parseJob({ id: 1, total_tasks: 3, cur_task: cur, end_time: T, result }, ctx).progress;
    assert.deepEqual(ended([{ ok: true }, { ok: true }, { ok: true }]), { done: 3, total: 3 });
    assert.deepEqual(ended([{ ok: true }]), { done: 1, total: 3 });
    assert.deepEqual(ended('error'), { done: 2, total: 3 });
    assert.deepEqual(ended('success', 1), { done: 3, total: 3 });
  });

  it('an object result is one task result; a trimmed word is the result field', () => {
    const one = (result: unknown) => parseJob({ id: 1, end_time: T, result }, ctx);
    assert.deepEqual([one({ status: 'ok' }).state, one({ status: 'ok' }).rawState], ['succeeded', 'finished']);
    assert.deepEqual([one({ status: 'aborted' }).state, one({ status: 'aborted' }).rawState], ['stopped', 'stopped']);
    assert.deepEqual([one([]).state, one([]).rawState], ['unknown', 'finished']);
    assert.deepEqual([one('  ').state, one('  ').rawState], ['unknown', 'finished']);
    assert.deepEqual(one('  aborted ').fields, [{ label: 'Result', value: 'aborted' }]);
    assert.equal(one('aborted').rawState, 'aborted');
    assert.deepEqual(one([{ ok: true }]).fields, []);
  });

  it('a duplicate of 0 is no duplicate; a numeric one is a link', () => {
    assert.equal(parseJob({ id: 1, duplicate_of: '0' }, ctx).links, undefined);
    assert.equal(parseJob({ id: 1, duplicate_of: 0 }, ctx).links, undefined);
    assert.deepEqual(parseJob({ id: 1, duplicate_of: 5 }, ctx).links, [{ label: 'Duplicate of', jobId: '5' }]);
  });

  it('times: unix seconds to ms; 0 is "not yet"', () => {
    const j = parseJob({ id: 1, add_time: T, start_time: '0', end_time: 0 }, ctx);
    assert.deepEqual([j.createdAt, j.startedAt, j.finishedAt, j.state], [ms(T), undefined, undefined, 'pending']);
  });

  it('a job without an id names the field where it was', () => {
    assert.throws(
      () => parseJob({}, ctx),
      (e: { field?: string }) => e.field === 'id',
    );
    assert.throws(
      () => parseJob({}, ctx, 'jobs[3]'),
      (e: { field?: string }) => e.field === 'jobs[3].id',
    );
    assert.throws(
      () => parseJob([], ctx),
      (e: { field?: string }) => e.field === '(response)',
    );
  });
});

describe('beacon tasks parsed', () => {
  const job = (raw: unknown): Job => ({ id: '1', name: 'j', state: 'running', rawState: 'running', raw });

  it('ordered by seq when every task has one, else as sent', () => {
    const names = (tasks: unknown[]) => parseTasks(tasks, job({}), ctx).map((t) => t.name);
    assert.deepEqual(
      names([
        { seq: 3, name: 'c' },
        { seq: 1, name: 'a' },
        { seq: '2', name: 'b' },
      ]),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(names([{ seq: 3, name: 'c' }, { name: 'a' }]), ['c', 'a']);
  });

  it('ids from id, else seq, else the position; names from name, type, command, else "Task n"', () => {
    const t = parseTasks(
      [
        { id: 'x', seq: 1, name: 'n' },
        { seq: 2, type: 'shell' },
        { seq: 3, command: 'make' },
        { seq: 4, name: '', type: '' },
      ],
      job({}),
      ctx,
    );
    assert.deepEqual(
      t.map((x) => [x.id, x.name, x.kind]),
      [
        ['x', 'n', 'task'],
        ['2', 'shell', 'task'],
        ['3', 'make', 'task'],
        ['4', 'Task 4', 'task'],
      ],
    );
    assert.deepEqual(
      parseTasks([{}, {}], job({}), ctx).map((x) => x.id),
      ['1', '2'],
    );
  });

  it('the command line: the command and its args, strings as they are, others as JSON', () => {
    const msg = (t: unknown) => parseTasks([t], job({}), ctx)[0].message;
    assert.equal(msg({ command: 'run', args: ['a', 1, { x: 1 }, null] }), 'run a 1 {"x":1} null');
    assert.equal(msg({ command: 'run', args: 'x y' }), 'run x y');
    assert.equal(msg({ args: ['only'] }), 'only');
    assert.equal(msg({ command: 'run', args: 5 }), 'run 5');
    assert.equal(msg({ command: 'run', args: {} }), 'run');
    assert.equal(msg({}), undefined);
  });

  it("a task's own result wins over the job's; each verdict has its state", () => {
    const raw = { start_time: T, cur_task: 1, result: [{ status: 'failed' }, 'aborted', { output: 'o' }, 'ok'] };
    const t = parseTasks(
      [{ result: '{"status":"ok"}' }, { result: null }, {}, { result: 'done' }, { result: 'meh' }],
      job(raw),
      ctx,
    );
    assert.deepEqual(
      t.map((x) => [x.state, x.rawState, x.message, x.result, x.resultText]),
      [
        ['succeeded', 'done', undefined, { status: 'ok' }, undefined],
        ['stopped', 'stopped', undefined, undefined, 'aborted'],
        ['unknown', 'result', undefined, { output: 'o' }, undefined],
        ['succeeded', 'done', undefined, undefined, 'done'],
        ['unknown', 'result', undefined, undefined, 'meh'],
      ],
    );
    const failed = parseTasks([{ command: 'make' }], job({ result: [{ error: 'disk full' }] }), ctx)[0];
    assert.deepEqual([failed.state, failed.rawState, failed.message], ['failed', 'failed', 'disk full']);
  });

  it('without a result: no result once ended, waiting before the start, by cur_task while running', () => {
    const states = (raw: unknown) => parseTasks([{}, {}, {}], job(raw), ctx).map((x) => `${x.state}/${x.rawState}`);
    assert.deepEqual(states({ end_time: T }), ['unknown/no result', 'unknown/no result', 'unknown/no result']);
    assert.deepEqual(states({ cur_task: 2 }), ['pending/waiting', 'pending/waiting', 'pending/waiting']);
    assert.deepEqual(states({ start_time: T, cur_task: '2' }), [
      'succeeded/done',
      'running/running',
      'pending/waiting',
    ]);
    assert.deepEqual(states('not an object'), ['pending/waiting', 'pending/waiting', 'pending/waiting']);
  });

  it('tasks that are not objects name the task', () => {
    assert.throws(
      () => parseTasks([{}, 'x'], job({}), ctx),
      (e: { field?: string }) => e.field === 'tasks[1]',
    );
  });
});

describe('beacon adapter: answers and refusals', () => {
  const TOKEN = 'beacon-details-key';
  const rejects = (p: Promise<unknown>) => rejectsWithout(TOKEN, p);
  let server: RecordingServer;
  let adapter: JobsAdapter;
  const line = (r: RecordedRequest) => `${r.method} ${r.path}?action=${r.query.get('action')}`;

  beforeEach(async () => {
    server = await startRecordingServer();
    adapter = dialect.create(
      new HttpClient({
        connection: { name: 'bc', kind: 'beacon', url: server.url },
        auth: dialect.auth,
        token: async () => TOKEN,
        maxRetries: 0,
      }),
    );
  });
  afterEach(() => server.close());

  it('says what it cannot do, in so many words', async () => {
    const job: Job = { id: '4', name: 'x', state: 'running', rawState: 'running', raw: {} };
    const said = async (p: Promise<unknown>) => (await rejects(p)).message;
    await assertRefusals(rejects, [
      [
        () => adapter.stop(job),
        'bc: stop job 4 failed: not supported by this server type — beacon has no way to stop a job',
      ],
      [
        () => adapter.deleteJob('4'),
        'bc: delete job 4 failed: not supported by this server type — beacon has no way to delete a job',
      ],
      [
        () => adapter.bulkDelete({ by: 'ids', ids: ['4'] }),
        'bc: bulk delete jobs failed: not supported by this server type — beacon has no way to delete a job',
      ],
      [
        () => adapter.bulkLaunch({ by: 'all' }),
        'bc: bulk launch jobs failed: not supported by this server type — beacon has no bulk launch',
      ],
      [
        () => adapter.getEvents('4', undefined),
        'bc: follow events of job 4 failed: not supported by this server type — beacon has no events API',
      ],
      [
        () => adapter.launch({ kind: 'stack-jobs', scheduleId: 1, stackId: 1 }),
        'bc: create job failed: invalid input — a stack-jobs launch spec was given to a beacon connection',
      ],
      [
        () => adapter.launch({ kind: 'beacon', name: '', tasks: [] }),
        'bc: create job failed: invalid input — a name is required',
      ],
    ]);
    for (const update of [{ name: 'y' }, { scheduleId: 1 }, { stackId: 1 }])
      assert.equal(
        await said(adapter.update('4', update)),
        'bc: update job 4 failed: invalid input — beacon can change only the current task and whether a schedule is active',
      );
    await assertRefusals(rejects, [
      [() => adapter.update('4', {}), 'bc: update job 4 failed: invalid input — nothing to update'],
      [
        () => adapter.workerAction!('4', 'explode' as 'start'),
        'bc: explode job 4 failed: invalid input — unknown worker action "explode"',
      ],
    ]);
    for (const action of ['pickup', 'start'] as const)
      assert.equal(
        await said(adapter.workerAction!('4', action, [])),
        `bc: ${action} job 4 failed: invalid input — results go only with end`,
      );
    assert.equal(server.requests.length, 0);
  });

  it('an answer that names no job is a bad response; one with an id but no name is read again by that id', async () => {
    server.respond(() => ({ body: {} }));
    const e = await rejects(adapter.launch({ kind: 'beacon', name: 'n', tasks: [] }));
    assert.deepEqual([e.code, e.field, e.detail], ['badResponse', 'id', 'the answer names no job']);
    server.respond((r) => (r.method === 'POST' ? { body: { id: 44 } } : { body: { id: 44, name: 'forty-four' } }));
    const job = await adapter.update('4', { curTask: 1 });
    assert.equal(job.name, 'forty-four');
    server.respond((r) => (r.method === 'POST' ? { body: [] } : { body: { id: 4, name: 'four' } }));
    await adapter.update('4', { enabled: true });
    assert.deepEqual(server.requests.slice(1).map(line), [
      'POST /api/jobs/4?action=update',
      'GET /api/jobs/44?action=show',
      'POST /api/jobs/4?action=update',
      'GET /api/jobs/4?action=show',
    ]);
    server.respond(() => ({ body: { id: 5, name: 'whole' } }));
    const whole = await adapter.workerAction!('5', 'pickup');
    assert.equal(whole.name, 'whole');
    assert.equal(server.requests.length, 6, 'a whole job is not read again');
  });

  it('a failed job with a word says "result:"; one that did not fail has no failure', async () => {
    const detail = async (result: unknown) => {
      server.respond((r) =>
        r.path.endsWith('/tasks') ? { body: [] } : { body: { id: 1, name: 'j', end_time: T, result } },
      );
      return (await adapter.getJob('1')).failure;
    };
    assert.deepEqual(await detail('error'), { message: 'result: error' });
    assert.deepEqual(await detail({ exit_code: 9 }), { message: 'result: exit code 9' });
    assert.equal(await detail('aborted'), undefined);
  });

  it('tasks: another error than a 400 is not asked again with show', async () => {
    server.respond((r) => (r.path.endsWith('/tasks') ? { status: 500, body: { error: 'down' } } : { body: { id: 1 } }));
    assert.equal((await rejects(adapter.getJob('1'))).code, 'server');
    assert.deepEqual(
      server.requests.filter((r) => r.path.endsWith('/tasks')).map((r) => r.query.get('action')),
      ['list'],
    );
  });

  it('tasks: once on show, a 400 is the answer (no third word)', async () => {
    server.respond((r) =>
      r.path.endsWith('/tasks')
        ? r.query.get('action') === 'show' && server.requests.length < 4
          ? { body: [] }
          : { status: 400, body: { error: 'no' } }
        : { body: { id: 1 } },
    );
    await adapter.getJob('1');
    assert.equal((await rejects(adapter.getJob('1'))).status, 400);
    assert.deepEqual(
      server.requests.filter((r) => r.path.endsWith('/tasks')).map((r) => r.query.get('action')),
      ['list', 'show', 'show'],
    );
  });

  it('scheduled jobs: a name from the id when there is none, inactive unless said', async () => {
    server.respond(() => ({ body: [{ id: 5 }, { id: '6', name: 'n', active: '1' }, { id: 7, active: 0 }] }));
    assert.deepEqual(await adapter.listScheduled!(), [
      { id: '5', name: 'Scheduled job 5', active: false },
      { id: '6', name: 'n', active: true },
      { id: '7', name: 'Scheduled job 7', active: false },
    ]);
    server.respond(() => ({ body: [5] }));
    assert.equal((await rejects(adapter.listScheduled!())).field, 'scheduled[0]');
    server.respond(() => ({ body: {} }));
    assert.equal((await rejects(adapter.listScheduled!())).field, 'scheduled');
  });

  it('beacon choices: each name once, sorted, jobs without one skipped', async () => {
    server.respond(() => ({
      body: [
        { id: 1, beacon_name: 'zeta' },
        { id: 2, beacon_name: 'alpha' },
        { id: 3, beacon_name: 'zeta' },
        { id: 4 },
        { id: 5, beacon_name: '' },
      ],
    }));
    assert.deepEqual(await adapter.listChoices('beacon'), [
      { id: 'alpha', label: 'alpha' },
      { id: 'zeta', label: 'zeta' },
    ]);
  });

  it('relaunch: nothing for a payload that is no object or whose tasks are no list', () => {
    const j = (raw: unknown): Job => ({ id: '1', name: 'n', state: 'succeeded', rawState: 'finished', raw });
    assert.equal(adapter.relaunchSpec(j('text')), undefined);
    assert.equal(adapter.relaunchSpec(j({ tasks: '{"a":1}' })), undefined);
    assert.deepEqual(adapter.relaunchSpec(j({ tasks: [], beacon_name: '' })), {
      kind: 'beacon',
      name: 'n',
      beaconName: undefined,
      tasks: [],
      queue: true,
    });
  });

  it('launch form: no q without queue, no user fields without a user, q_time floored to seconds', async () => {
    server.respond(() => ({ body: { id: 1, name: 'n' } }));
    await adapter.launch({ kind: 'beacon', name: 'n', tasks: [{ a: 1 }], qTime: ms(T) + 999 });
    const f = new URLSearchParams(server.requests[0].body);
    assert.deepEqual([...f.keys()].sort(), ['name', 'q_time', 'tasks', 'userkey']);
    assert.equal(f.get('q_time'), String(T));
    await adapter.launch({ kind: 'beacon', name: 'n', tasks: [], schedule: { startDate: ms(T) + 500 } });
    const s = new URLSearchParams(server.requests[1].body);
    assert.deepEqual(
      [s.get('schedule'), s.get('start_date'), s.has('end_date'), s.has('min')],
      ['1', String(T), false, false],
    );
  });
});
