// CNaaS-NMS's readers one rule at a time (docs/api-dialects.md §1): steps and devices of both
// result shapes, the failure of each exception shape, the job's fields, summary, times and
// history, and the exact queries and words of the adapter's calls.
import * as assert from 'node:assert/strict';
import { HttpClient } from '../../../src/client/http';
import type { Job } from '../../../src/client/model';
import {
  dialect,
  mapState,
  parseDetail,
  parseDevices,
  parseFailure,
  parseJob,
} from '../../../src/client/dialects/cnaasNms';
import { assertRefusals, rejectsWithout } from '../../support/fixtures';
import { startRecordingServer, type RecordingServer } from '../support/recordingServer';

const ctx = { connection: 'nms', operation: 'read' };
const at = (t: string) => Date.parse(`${t}Z`);
const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { field?: string }).field;
  }
  return 'no error';
};

describe('CNaaS results parsed', () => {
  it('steps: task_name, else name, else "Step n"; ok or failed; blank diffs and empty texts left out', () => {
    const [device] = parseDevices(
      {
        r1: [
          { task_name: 'a', name: 'not this', diff: '  \n', result: '' },
          { name: 'b', failed: true, result: 'Traceback\r\n  line\r\nValueError: bad\r\n\r\n' },
          { diff: '+x', result: { changed: true } },
          { failed: 'true', result: null },
        ],
      },
      ctx,
    )!;
    assert.deepEqual(device.children, [
      { id: 'r1/0', name: 'a', kind: 'step', state: 'succeeded', rawState: 'ok' },
      {
        id: 'r1/1',
        name: 'b',
        kind: 'step',
        state: 'failed',
        rawState: 'failed',
        resultText: 'Traceback\r\n  line\r\nValueError: bad\r\n\r\n',
        message: 'ValueError: bad',
      },
      {
        id: 'r1/2',
        name: 'Step 3',
        kind: 'step',
        state: 'succeeded',
        rawState: 'ok',
        diff: '+x',
        result: { changed: true },
      },
      { id: 'r1/3', name: 'Step 4', kind: 'step', state: 'failed', rawState: 'failed' },
    ]);
    assert.deepEqual(
      [device.id, device.name, device.kind, device.state, device.rawState, device.message],
      ['r1', 'r1', 'device', 'failed', 'failed', 'b: ValueError: bad'],
    );
  });

  it('a failed step without a message names the step; a string result of a step that did not fail is no message', () => {
    const [d] = parseDevices(
      {
        r1: [
          { name: 'ok one', result: 'fine' },
          { name: 'push', failed: true },
        ],
      },
      ctx,
    )!;
    assert.equal(d.message, 'push failed');
    assert.equal(d.children?.[0].message, undefined);
    assert.equal(d.children?.[0].resultText, 'fine');
  });

  it('current shape: the device flag, job_tasks absent or null, wrong shapes named', () => {
    const devices = parseDevices(
      {
        devices: {
          r1: { failed: true },
          r2: { job_tasks: null },
          r3: { failed: false, job_tasks: [{ task_name: 't' }] },
        },
      },
      ctx,
    )!;
    assert.deepEqual(
      devices.map((d) => [d.name, d.state, d.children?.length, d.message]),
      [
        ['r1', 'failed', 0, undefined],
        ['r2', 'succeeded', 0, undefined],
        ['r3', 'succeeded', 1, undefined],
      ],
    );
    assert.equal(
      fieldOf(() => parseDevices({ devices: { r1: [] } }, ctx)),
      'result.devices.r1',
    );
    assert.equal(
      fieldOf(() => parseDevices({ devices: { r1: { job_tasks: {} } } }, ctx)),
      'result.devices.r1.job_tasks',
    );
    assert.equal(
      fieldOf(() => parseDevices({ devices: { r1: { job_tasks: ['x'] } } }, ctx)),
      'result.devices.r1.job_tasks[0]',
    );
    assert.equal(
      fieldOf(() => parseDevices({ r1: ['x'] }, ctx, 'data.jobs[0].result')),
      'data.jobs[0].result.r1[0]',
    );
  });

  it('not per device: no object, no keys, or any value that is no list', () => {
    assert.equal(parseDevices('text', ctx), undefined);
    assert.equal(parseDevices([], ctx), undefined);
    assert.equal(parseDevices({}, ctx), undefined);
    assert.equal(parseDevices({ r1: [], message: 'x' }, ctx), undefined);
    assert.deepEqual(parseDevices({ devices: {} }, ctx), []);
  });
});

describe('CNaaS failures', () => {
  it('an exception object: "type: message", the message, the error, the type, the traceback’s last line', () => {
    const cases: [object, object | undefined][] = [
      [{ exception: { type: 'KeyError', message: 'x' } }, { message: 'KeyError: x', traceback: undefined }],
      [{ exception: { message: 'only' } }, { message: 'only', traceback: undefined }],
      [{ exception: { error: 'err' } }, { message: 'err', traceback: undefined }],
      [{ exception: { message: 'm', error: 'not this' } }, { message: 'm', traceback: undefined }],
      [{ exception: { type: 'T' } }, { message: 'T', traceback: undefined }],
      [{ exception: { traceback: 'a\nZ: last\n' } }, { message: 'Z: last', traceback: 'a\nZ: last\n' }],
      [
        { exception: {}, traceback: 'top\nlast' },
        { message: 'last', traceback: 'top\nlast' },
      ],
      [
        { exception: { traceback: 'own' }, traceback: 'top' },
        { message: 'own', traceback: 'own' },
      ],
      [{ exception: {} }, { message: 'exception', traceback: undefined }],
      [{ exception: { traceback: ' \n ' } }, { message: 'exception', traceback: ' \n ' }],
    ];
    for (const [o, f] of cases) assert.deepEqual(parseFailure(o as never), f, JSON.stringify(o));
  });

  it('a JSON string of the object, a plain string, a top traceback alone, or nothing', () => {
    assert.deepEqual(parseFailure({ exception: ' {"type":"E","message":"m"}' }), {
      message: 'E: m',
      traceback: undefined,
    });
    assert.deepEqual(parseFailure({ exception: '{not json' }), { message: '{not json', traceback: undefined });
    assert.deepEqual(parseFailure({ exception: 'Boom', traceback: 'tb' }), { message: 'Boom', traceback: 'tb' });
    assert.deepEqual(parseFailure({ exception: '  ', traceback: 'one\ntwo' }), {
      message: 'two',
      traceback: 'one\ntwo',
    });
    assert.deepEqual(parseFailure({ traceback: ' \n' }), { message: ' \n', traceback: ' \n' });
    assert.equal(parseFailure({ traceback: '' }), undefined);
    assert.equal(parseFailure({ exception: null }), undefined);
    assert.equal(parseFailure({}), undefined);
  });
});

describe('CNaaS jobs parsed', () => {
  it('state words in any case; no status is UNKNOWN', () => {
    assert.deepEqual(
      ['scheduled', 'Running', 'FINISHED', 'exception', 'aborted', 'ABORTING', 'toString'].map(mapState),
      ['scheduled', 'running', 'succeeded', 'failed', 'stopped', 'stopping', 'unknown'],
    );
    const { job } = parseJob({ id: 1 }, ctx);
    assert.deepEqual([job.state, job.rawState, job.name], ['unknown', 'UNKNOWN', 'Job 1']);
  });

  it('fields in order: comment, ticket, finished devices, change score, the result message', () => {
    const { job } = parseJob(
      {
        id: 2,
        comment: 'c',
        ticket_ref: 'T-1',
        finished_devices: ['a', 'b'],
        change_score: '0',
        result: { message: 'aborted by x' },
      },
      ctx,
    );
    assert.deepEqual(job.fields, [
      { label: 'Comment', value: 'c' },
      { label: 'Ticket', value: 'T-1' },
      { label: 'Finished devices', value: '2' },
      { label: 'Change score', value: '0' },
      { label: 'Message', value: 'aborted by x' },
    ]);
    assert.equal(job.summary, 'aborted by x · c');
    assert.equal(job.targetCounts, undefined);
    assert.deepEqual(job.links, []);
  });

  it('no fields, summary or owner from empty or missing values', () => {
    const { job } = parseJob(
      { id: 2, comment: '', ticket_ref: '', finished_devices: 'x', change_score: 'n/a', scheduled_by: '', result: {} },
      ctx,
    );
    assert.deepEqual([job.fields, job.summary, job.owner], [[], undefined, undefined]);
  });

  it('the summary counts devices and failures; a result of devices has no message', () => {
    const summary = (result: unknown, comment?: string) => parseJob({ id: 1, result, comment }, ctx).job.summary;
    assert.equal(summary({ r1: [] }), '1 device');
    assert.equal(summary({ r1: [], r2: [{ failed: true }], r3: [{ failed: true }] }, 'c'), '3 devices, 2 failed · c');
    assert.equal(summary({ devices: {} }, 'c'), 'c');
    assert.deepEqual(parseJob({ id: 1, result: { devices: { r1: { failed: true } } } }, ctx).job.targetCounts, {
      ok: 0,
      failed: 1,
    });
  });

  it('scheduled_time: the next run of a scheduled job, the queueing of any other', () => {
    const t = '2024-05-01 10:00:00';
    const s = parseJob({ id: 1, status: 'SCHEDULED', scheduled_time: t }, ctx).job;
    assert.deepEqual([s.createdAt, s.nextRunAt], [undefined, at('2024-05-01T10:00:00')]);
    const r = parseJob({ id: 1, status: 'RUNNING', scheduled_time: t }, ctx).job;
    assert.deepEqual([r.createdAt, r.nextRunAt], [at('2024-05-01T10:00:00'), undefined]);
  });

  it('the history from the three times', () => {
    const q = '2024-05-01 10:00:00';
    const s = '2024-05-01 10:01:00';
    const f = '2024-05-01 10:02:00';
    const timeline = (o: object) => parseDetail({ id: 1, ...o }, ctx).timeline;
    assert.deepEqual(timeline({ status: 'FINISHED', scheduled_time: q, start_time: s, finish_time: f }), [
      {
        state: 'scheduled',
        rawState: 'SCHEDULED',
        enteredAt: at('2024-05-01T10:00:00'),
        exitedAt: at('2024-05-01T10:01:00'),
      },
      {
        state: 'running',
        rawState: 'RUNNING',
        enteredAt: at('2024-05-01T10:01:00'),
        exitedAt: at('2024-05-01T10:02:00'),
      },
      { state: 'succeeded', rawState: 'FINISHED', enteredAt: at('2024-05-01T10:02:00') },
    ]);
    assert.deepEqual(timeline({ status: 'SCHEDULED', scheduled_time: q }), [
      { state: 'scheduled', rawState: 'SCHEDULED', enteredAt: at('2024-05-01T10:00:00'), exitedAt: undefined },
    ]);
    assert.deepEqual(timeline({ status: 'RUNNING', start_time: s }), [
      { state: 'running', rawState: 'RUNNING', enteredAt: at('2024-05-01T10:01:00'), exitedAt: undefined },
    ]);
    assert.deepEqual(timeline({ status: 'ABORTED' }), [
      { state: 'stopped', rawState: 'ABORTED', enteredAt: undefined },
    ]);
  });

  it('a detail of a job that is no object, or without an id, names the field', () => {
    assert.equal(
      fieldOf(() => parseDetail('x', ctx)),
      '(response)',
    );
    assert.equal(
      fieldOf(() => parseDetail({}, ctx)),
      'id',
    );
    assert.equal(
      fieldOf(() => parseJob({}, ctx, 'data.jobs[4]')),
      'data.jobs[4].id',
    );
    assert.equal(
      fieldOf(() => parseJob({ id: 1, result: { r1: [5] } }, ctx)),
      'result.r1[0]',
    );
    assert.equal(
      fieldOf(() => parseJob({ id: 1, result: { r1: [5] } }, ctx, 'data.jobs[2]')),
      'data.jobs[2].result.r1[0]',
    );
  });
});

describe('CNaaS adapter: queries and refusals', () => {
  const TOKEN = 'nms-details-token';
  const rejects = (p: Promise<unknown>) => rejectsWithout(TOKEN, p);
  let server: RecordingServer;
  let adapter: ReturnType<typeof dialect.create>;
  const list = (jobs: unknown[], total?: number) => ({
    body: { status: 'success', data: { jobs } },
    headers: total === undefined ? undefined : { 'X-Total-Count': String(total) },
  });
  beforeEach(async () => {
    server = await startRecordingServer(() => list([], 0));
    adapter = dialect.create(
      new HttpClient({
        connection: { name: 'nms', kind: 'cnaas-nms', url: server.url },
        auth: dialect.auth,
        token: async () => TOKEN,
        maxRetries: 0,
      }),
    );
  });
  afterEach(() => server.close());
  const q = (i: number) => decodeURIComponent(server.requests[i].query.toString());

  it('the page size is floored and kept within 1 and 1000; cursors other than p:N≥2 and l:N≥1 start over', async () => {
    await adapter.listJobs({ pageSize: 5000 });
    await adapter.listJobs({ pageSize: 0 });
    await adapter.listJobs({ pageSize: 2.5, cursor: 'p:1' });
    await adapter.listJobs({ pageSize: 2, cursor: 'l:0' });
    await adapter.listJobs({ pageSize: 2, cursor: 'p:2x' });
    await adapter.listJobs({ pageSize: 2, cursor: 'xp:3' });
    await adapter.listJobs({ pageSize: 2, cursor: 'p:3' });
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map(q), [
      'page=1&per_page=1000&sort=-id&limit=1000',
      'page=1&per_page=1&sort=-id&limit=1000',
      'page=1&per_page=2&sort=-id&limit=1000',
      'page=1&per_page=2&sort=-id&limit=1000',
      'page=1&per_page=2&sort=-id&limit=1000',
      'page=1&per_page=2&sort=-id&limit=1000',
      'page=3&per_page=2&sort=-id',
    ]);
  });

  it('an l: cursor asks the limit-only server for its whole list again, with nothing else', async () => {
    const jobs = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, status: 'FINISHED' }));
    server.respond(() => list(jobs));
    const p = await adapter.listJobs({ pageSize: 2, cursor: 'l:2' });
    assert.equal(q(0), 'limit=1000');
    assert.deepEqual([p.items.map((j) => j.id), p.total, p.nextCursor], [['3', '2'], undefined, 'l:4']);
    const last = await adapter.listJobs({ pageSize: 2, cursor: 'l:4' });
    assert.deepEqual([last.items.map((j) => j.id), last.nextCursor], [['1'], undefined]);
  });

  it('one state word goes to the server; unknown among the states is filtered here, total unknown', async () => {
    server.respond(() =>
      list(
        [
          { id: 1, status: 'EXCEPTION' },
          { id: 2, status: 'WEIRD' },
        ],
        2,
      ),
    );
    const one = await adapter.listJobs({ pageSize: 5, filter: { states: ['failed'] } });
    assert.equal(q(0), 'page=1&per_page=5&sort=-id&filter[status]=EXCEPTION&limit=1000');
    assert.equal(one.total, 2);
    const some = await adapter.listJobs({ pageSize: 5, filter: { states: ['unknown', 'failed'] } });
    assert.equal(q(1), 'page=1&per_page=5&sort=-id&limit=1000');
    assert.deepEqual([some.items.map((j) => j.id), some.total], [['1', '2'], undefined]);
    const never = await adapter.listJobs({ pageSize: 5, filter: { states: ['pending', 'deleting'] } });
    assert.deepEqual(never, { items: [], total: 0 });
    assert.equal(server.requests.length, 2);
  });

  it('more pages while page × size is under the total and the page had jobs', async () => {
    const page = async (jobs: number, total: number, cursor?: string) => {
      server.respond(() =>
        list(
          Array.from({ length: jobs }, (_, i) => ({ id: i + 1, status: 'FINISHED' })),
          total,
        ),
      );
      return (await adapter.listJobs({ pageSize: 2, cursor })).nextCursor;
    };
    assert.equal(await page(2, 5), 'p:2');
    assert.equal(await page(2, 2), undefined);
    assert.equal(await page(1, 5, 'p:3'), undefined);
    assert.equal(await page(2, 7, 'p:3'), 'p:4');
    assert.equal(await page(0, 9, 'p:2'), undefined);
  });

  it('an error envelope is a server error with the server’s words, from message or data', async () => {
    server.respond(() => ({ body: { status: 'error', message: 'went wrong' } }));
    let e = await rejects(adapter.listJobs({ pageSize: 5 }));
    assert.deepEqual([e.code, e.serverMessage, e.operation], ['server', 'went wrong', 'list jobs']);
    server.respond(() => ({ body: { status: 'error', data: 'in data' } }));
    e = await rejects(adapter.getJob('1'));
    assert.deepEqual([e.code, e.serverMessage, e.operation], ['server', 'in data', 'get job 1']);
    server.respond(() => ({ body: { status: 'error' } }));
    e = await rejects(adapter.stop({ id: '1', name: 'x', state: 'running', rawState: 'RUNNING', raw: {} }));
    assert.deepEqual([e.code, e.serverMessage, e.operation], ['server', undefined, 'abort job 1']);
    server.respond(() => ({ body: [] }));
    assert.equal((await rejects(adapter.listJobs({ pageSize: 5 }))).field, '(response)');
    server.respond(() => ({ body: { status: 'success', data: [] } }));
    assert.equal((await rejects(adapter.listJobs({ pageSize: 5 }))).field, 'data');
    server.respond(() => ({ body: { status: 'success', data: { jobs: {} } } }));
    assert.equal((await rejects(adapter.listJobs({ pageSize: 5 }))).field, 'data.jobs');
  });

  it('get: an empty list is notFound; another 400 stays a rejected request; a list that is no list is named', async () => {
    server.respond(() => ({ body: { status: 'success', data: { jobs: [] } } }));
    let e = await rejects(adapter.getJob('3'));
    assert.deepEqual([e.code, e.detail], ['notFound', 'the server answered with no job']);
    server.respond(() => ({ status: 400, body: { status: 'error', message: 'Invalid id' } }));
    e = await rejects(adapter.getJob('3'));
    assert.deepEqual([e.code, e.status], ['client', 400]);
    server.respond(() => ({ status: 400, body: { status: 'error', message: 'NO JOB WITH ID 3 found' } }));
    e = await rejects(adapter.getJob('3'));
    assert.deepEqual(
      [e.code, e.status, e.serverMessage, e.operation, e.connection],
      ['notFound', 400, 'NO JOB WITH ID 3 found', 'get job 3', 'nms'],
    );
    server.respond(() => ({ body: { status: 'success', data: { jobs: 'x' } } }));
    assert.equal((await rejects(adapter.getJob('3'))).field, 'data.jobs');
    server.respond(() => ({ body: { status: 'success', data: { job: 'x', id: 4 } } }));
    assert.equal((await adapter.getJob('4')).id, '4', 'data.job that is no object: data itself');
    assert.equal(server.requests[server.requests.length - 1].path, '/api/v1.0/job/4');
  });

  it('abort: a blank reason is no reason', async () => {
    server.respond(() => ({ body: { status: 'success', data: {} } }));
    await adapter.stop({ id: '1', name: 'x', state: 'running', rawState: 'RUNNING', raw: {} }, { reason: '   ' });
    await adapter.stop({ id: '1', name: 'x', state: 'running', rawState: 'RUNNING', raw: {} });
    await adapter.stop({ id: '1', name: 'x', state: 'running', rawState: 'RUNNING', raw: {} }, { reason: ' why ' });
    assert.deepEqual(
      server.requests.map((r) => JSON.parse(r.body)),
      [{ action: 'ABORT' }, { action: 'ABORT' }, { action: 'ABORT', abort_reason: 'why' }],
    );
  });

  it('says what it cannot do', async () => {
    const job: Job = { id: '4', name: 'x', state: 'running', rawState: 'RUNNING', raw: {} };
    await assertRefusals(rejects, [
      [
        () => adapter.getEvents('4', undefined),
        'nms: follow events of job 4 failed: not supported by this server type — CNaaS-NMS has no job events API',
      ],
      [
        () => adapter.launch({ kind: 'beacon', name: 'n', tasks: [] }),
        'nms: launch job failed: not supported by this server type — CNaaS-NMS starts jobs from its other APIs (device sync…)',
      ],
      [() => adapter.bulkLaunch({ by: 'all' }), 'nms: bulk launch jobs failed: not supported by this server type'],
      [
        () => adapter.deleteJob('4'),
        'nms: delete job 4 failed: not supported by this server type — CNaaS-NMS keeps its job log',
      ],
      [
        () => adapter.bulkDelete({ by: 'ids', ids: ['4'] }),
        'nms: bulk delete jobs failed: not supported by this server type — CNaaS-NMS keeps its job log',
      ],
      [() => adapter.update('4', { name: 'x' }), 'nms: update job 4 failed: not supported by this server type'],
    ]);
    assert.deepEqual(
      [adapter.relaunchSpec(job), adapter.webUrl(job), await adapter.listChoices('package')],
      [undefined, undefined, []],
    );
    assert.equal(server.requests.length, 0);
  });
});
