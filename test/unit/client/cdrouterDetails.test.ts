// CDRouter's readers and requests one rule at a time (docs/api-dialects.md §2): the job's
// fields ("name (id)", "0" as none), times by state, the result link, the list's cursor,
// total and filters, launch and relaunch bodies, stop, bulk delete, choices, and the exact
// words of each refusal.
import * as assert from 'node:assert/strict';
import { HttpClient } from '../../../src/client/http';
import type { Job } from '../../../src/client/model';
import { dialect, mapState, parseJob } from '../../../src/client/dialects/cdrouter';
import { assertRefusals, rejectsWithout } from '../../support/fixtures';
import { startRecordingServer, type RecordingServer } from '../support/recordingServer';

const ctx = { connection: 'cdr', operation: 'read' };
const T = (s: number) => `2024-01-01T00:00:0${s}Z`;
const at = (s: number) => Date.parse(T(s));

describe('CDRouter jobs parsed', () => {
  it('state words in any case; anything else unknown', () => {
    assert.deepEqual(['PENDING', 'running', 'Paused', 'completed', 'stopped', 'error', 'valueOf', ''].map(mapState), [
      'pending',
      'running',
      'running',
      'succeeded',
      'stopped',
      'failed',
      'unknown',
      'unknown',
    ]);
  });

  it('fields in order, each name with its id; options and interfaces as lists; the user', () => {
    const j = parseJob(
      {
        id: 5,
        status: 'running',
        package_name: 'pkg',
        package_id: '3',
        device_name: 'dev',
        device_id: '0',
        config_name: '',
        config_id: '9',
        options: {
          tags: ['a', 1, '', null],
          skip_tests: ['t1', 't2'],
          begin_at: 'b',
          end_at: 'e',
          extra_cli_args: '-x',
        },
        interface_names: ['lan', 'wan'],
        user_id: 'u1',
      },
      ctx,
    );
    assert.deepEqual(j.fields, [
      { label: 'Package', value: 'pkg (3)' },
      { label: 'Device', value: 'dev' },
      { label: 'Config', value: '9' },
      { label: 'Tags', value: 'a, 1' },
      { label: 'Skip tests', value: 't1, t2' },
      { label: 'Begin at', value: 'b' },
      { label: 'End at', value: 'e' },
      { label: 'Extra CLI args', value: '-x' },
      { label: 'Interfaces', value: 'lan, wan' },
      { label: 'User', value: 'u1' },
    ]);
    assert.deepEqual([j.name, j.owner, j.summary], ['pkg', 'u1', 'pkg · dev']);
  });

  it('"0" and "" are no id; nothing at all is no field, no summary, a name from the id', () => {
    const j = parseJob(
      {
        id: '7',
        package_id: '0',
        device_name: '',
        device_id: '',
        config_id: '0',
        options: 'x',
        interface_names: 'lan',
      },
      ctx,
    );
    assert.deepEqual([j.fields, j.summary, j.name, j.rawState, j.state], [[], undefined, 'Job 7', '', 'unknown']);
    assert.deepEqual(parseJob({ id: 1, device_name: 'd' }, ctx).summary, 'd');
  });

  it('times: created always; run_at once it left pending (never for unknown); updated only when final', () => {
    const times = (status: string) => {
      const j = parseJob({ id: 1, status, created: T(1), run_at: T(2), updated: T(3) }, ctx);
      return [j.createdAt, j.startedAt, j.finishedAt];
    };
    assert.deepEqual(times('pending'), [at(1), undefined, undefined]);
    assert.deepEqual(times('weird'), [at(1), undefined, undefined]);
    assert.deepEqual(times('running'), [at(1), at(2), undefined]);
    assert.deepEqual(times('paused'), [at(1), at(2), undefined]);
    for (const s of ['completed', 'error', 'stopped']) assert.deepEqual(times(s), [at(1), at(2), at(3)], s);
  });

  it('the result link below the web root, encoded; none without a web root or a result', () => {
    const withBase = { ...ctx, webBase: 'https://cdr.example/x' };
    assert.deepEqual(parseJob({ id: 1, result_id: '2024 01' }, withBase).links, [
      { label: 'Result', url: 'https://cdr.example/x/results/2024%2001' },
    ]);
    assert.deepEqual(parseJob({ id: 1, result_id: '2024' }, ctx).links, [{ label: 'Result', url: undefined }]);
    assert.equal(parseJob({ id: 1, result_id: '' }, withBase).links, undefined);
  });

  it('a job that is no object, or has no id, names the field', () => {
    assert.throws(
      () => parseJob({}, ctx),
      (e: { field?: string }) => e.field === 'data.id',
    );
    assert.throws(
      () => parseJob('x', ctx, 'data[2]'),
      (e: { field?: string }) => e.field === 'data[2]',
    );
  });
});

describe('CDRouter adapter: requests and refusals', () => {
  const TOKEN = 'cdr-details-token';
  const rejects = (p: Promise<unknown>) => rejectsWithout(TOKEN, p);
  let server: RecordingServer;
  let adapter: ReturnType<typeof dialect.create>;
  beforeEach(async () => {
    server = await startRecordingServer(() => ({ body: { data: [] } }));
    adapter = dialect.create(
      new HttpClient({
        connection: { name: 'cdr', kind: 'cdrouter', url: `${server.url}/root/` },
        auth: dialect.auth,
        token: async () => TOKEN,
        maxRetries: 0,
      }),
    );
  });
  afterEach(() => server.close());
  const q = (i: number) => decodeURIComponent(server.requests[i].query.toString());
  const job = (raw: object): Job => ({ id: '4', name: 'x', state: 'running', rawState: 'running', raw });

  it('list: a cursor that is no page number is page 1; sort ascending has no minus', async () => {
    await adapter.listJobs({ pageSize: 5, cursor: 'abc' });
    await adapter.listJobs({ pageSize: 5, cursor: '0' });
    await adapter.listJobs({ pageSize: 5, cursor: '-3', sort: { field: 'name', direction: 'asc' } });
    await adapter.listJobs({ pageSize: 5, cursor: '4', sort: { field: 'state', direction: 'desc' } });
    await adapter.listJobs({ pageSize: 5, sort: { field: 'time', direction: 'asc' }, filter: { detailed: false } });
    assert.deepEqual([0, 1, 2, 3, 4].map(q), [
      'page=1&limit=5',
      'page=1&limit=5',
      'page=1&limit=5&sort=package_name',
      'page=4&limit=5&sort=-status',
      'page=1&limit=5&sort=created',
    ]);
  });

  it('list: a state among others that no word maps to is dropped; unknown is filtered here', async () => {
    server.respond(() => ({
      body: {
        data: [
          { id: 1, status: 'odd' },
          { id: 2, status: 'error' },
        ],
        links: { total: 2, next: 2 },
      },
    }));
    const one = await adapter.listJobs({ pageSize: 5, filter: { states: ['failed', 'scheduled'] } });
    assert.equal(q(0), 'page=1&limit=5&filter=status=error');
    assert.deepEqual([one.total, one.nextCursor], [2, '2']);
    const unknown = await adapter.listJobs({ pageSize: 5, filter: { states: ['unknown'] } });
    assert.equal(q(1), 'page=1&limit=5');
    assert.deepEqual([unknown.items.map((j) => j.id), unknown.total], [['1'], undefined]);
  });

  it('list: the next cursor only for a positive number; the total only when a number', async () => {
    const page = async (links: unknown) => {
      server.respond(() => ({ body: { data: [], links } }));
      const p = await adapter.listJobs({ pageSize: 5 });
      return [p.nextCursor, p.total];
    };
    assert.deepEqual(await page({ next: 0, total: 'many' }), [undefined, undefined]);
    assert.deepEqual(await page({ next: 'x', total: '12' }), [undefined, 12]);
    assert.deepEqual(await page({ next: '3' }), ['3', undefined]);
    assert.deepEqual(await page('links'), [undefined, undefined]);
    server.respond(() => ({ body: { data: {} } }));
    assert.equal((await rejects(adapter.listJobs({ pageSize: 5 }))).field, 'data');
    server.respond(() => ({ body: [] }));
    assert.equal((await rejects(adapter.listJobs({ pageSize: 5 }))).field, '(response)');
  });

  it('get: the result link is below the connection URL with its path prefix', async () => {
    server.respond(() => ({ body: { data: { id: 4, result_id: '77', status: 'running' } } }));
    const d = await adapter.getJob('4');
    assert.deepEqual([d.timeline, d.targets], [[], []]);
    assert.equal(adapter.webUrl(d), `${server.url}/root/results/77`);
    assert.equal(server.requests[0].path, '/root/api/v1/jobs/4/');
    assert.equal(adapter.webUrl({ ...d, links: [{ label: 'Other', url: 'https://x' }] }), undefined);
  });

  it('launch: only the options given, device and config only when set', async () => {
    server.respond(() => ({ body: { data: { id: 1 } } }));
    await adapter.launch({
      kind: 'cdrouter',
      packageId: '3',
      deviceId: '',
      options: { tags: ['t'], skipTests: ['s'], beginAt: 'b', endAt: 'e', extraCliArgs: '-x' },
    });
    await adapter.launch({ kind: 'cdrouter', packageId: '3', configId: '2', options: {} });
    assert.deepEqual(
      server.requests.map((r) => JSON.parse(r.body)),
      [
        {
          package_id: '3',
          options: { tags: ['t'], skip_tests: ['s'], begin_at: 'b', end_at: 'e', extra_cli_args: '-x' },
        },
        { package_id: '3', config_id: '2', options: {} },
      ],
    );
  });

  it('interfaces preview: traits as the description, a value required', async () => {
    server.respond(() => ({
      body: {
        data: [
          { value: 'eth0', is_wireless: true, is_ics: true },
          { value: 'eth1', is_ics: true, is_wireless: 'true' },
          { value: 'eth2' },
        ],
      },
    }));
    assert.deepEqual(await adapter.previewInterfaces!({ kind: 'cdrouter', packageId: '3' }), [
      { id: 'eth0', label: 'eth0', description: 'wireless, ICS' },
      { id: 'eth1', label: 'eth1', description: 'ICS' },
      { id: 'eth2', label: 'eth2', description: undefined },
    ]);
    assert.equal(q(0), 'process=interfaces');
    server.respond(() => ({ body: { data: [{ name: 'x' }] } }));
    assert.equal(
      (await rejects(adapter.previewInterfaces!({ kind: 'cdrouter', packageId: '3' }))).field,
      'data[0].value',
    );
    server.respond(() => ({ body: { data: ['x'] } }));
    assert.equal((await rejects(adapter.previewInterfaces!({ kind: 'cdrouter', packageId: '3' }))).field, 'data[0]');
  });

  it('bulk launch: tags per package, tags for all; a job in the answer without an id is named', async () => {
    server.respond(() => ({ body: { data: [{ id: 1 }] } }));
    await adapter.bulkLaunch({ by: 'packages', jobs: [{ packageId: '1', tags: ['a'] }, { packageId: '2' }] });
    await adapter.bulkLaunch({ by: 'all', tags: ['b'] });
    await adapter.bulkLaunch({ by: 'filter', filters: ['name~x'] });
    assert.deepEqual(
      server.requests.map((r) => [q(server.requests.indexOf(r)), JSON.parse(r.body)]),
      [
        ['bulk=launch', { jobs: [{ package_id: '1', options: { tags: ['a'] } }, { package_id: '2' }] }],
        ['bulk=launch&all=true', { fields: { options: { tags: ['b'] } } }],
        ['bulk=launch&filter=name~x', { fields: {} }],
      ],
    );
    server.respond(() => ({ body: { data: [{ id: 1 }, {}] } }));
    assert.equal((await rejects(adapter.bulkLaunch({ by: 'all' }))).field, 'data[1].id');
  });

  it('relaunch: the package with the device and config that are set, and the options that are there', () => {
    assert.deepEqual(
      adapter.relaunchSpec(
        job({
          package_id: 3,
          device_id: '0',
          config_id: 8,
          options: { tags: ['t', ''], skip_tests: [], begin_at: '', end_at: 'e', extra_cli_args: '-x' },
        }),
      ),
      {
        kind: 'cdrouter',
        packageId: '3',
        deviceId: undefined,
        configId: '8',
        options: { tags: ['t'], endAt: 'e', extraCliArgs: '-x' },
      },
    );
    assert.deepEqual(
      adapter.relaunchSpec(job({ package_id: '3', device_id: '5', options: { skip_tests: ['s'], begin_at: 'b' } })),
      {
        kind: 'cdrouter',
        packageId: '3',
        deviceId: '5',
        configId: undefined,
        options: { skipTests: ['s'], beginAt: 'b' },
      },
    );
    assert.deepEqual(adapter.relaunchSpec(job({ package_id: '3', options: 'x' })), {
      kind: 'cdrouter',
      packageId: '3',
      deviceId: undefined,
      configId: undefined,
      options: undefined,
    });
    assert.equal(adapter.relaunchSpec(job({ package_id: '' })), undefined);
    assert.equal(adapter.relaunchSpec({ ...job({}), raw: 'x' }), undefined);
  });

  it('stop: a job read again that still has no result is refused, said why', async () => {
    server.respond(() => ({ body: { data: { id: 4, status: 'pending' } } }));
    const e = await rejects(adapter.stop(job({})));
    assert.equal(
      e.message,
      'cdr: stop job 4 failed: not supported by this server type — CDRouter stops a job through its result, and this job has none yet (it has not started); delete it to take it off the queue',
    );
    assert.deepEqual(
      server.requests.map((r) => `${r.method} ${r.path}`),
      ['GET /root/api/v1/jobs/4/'],
    );
    await rejects(adapter.stop({ ...job({}), raw: 'not an object' }));
    assert.equal(server.requests.length, 2);
  });

  it('stop: end-of-loop goes as when=; the job in hand is not read again when it has its result', async () => {
    server.respond(() => ({ status: 204 }));
    await adapter.stop(job({ result_id: '9' }), { when: 'end-of-loop' });
    assert.deepEqual(
      [server.requests.length, server.requests[0].path, q(0)],
      [1, '/root/api/v1/results/9/stop/', 'when=end-of-loop'],
    );
  });

  it('bulk delete by filter: unknown is refused, states no word maps to delete nothing, an empty filter is refused', async () => {
    await assertRefusals(rejects, [
      [
        () => adapter.bulkDelete({ by: 'filter', filter: { states: ['unknown'] } }),
        'cdr: bulk delete jobs failed: invalid input — jobs in an unknown state cannot be selected by a server filter',
      ],
      [
        () => adapter.bulkDelete({ by: 'filter', filter: {} }),
        'cdr: bulk delete jobs failed: invalid input — an empty filter would delete every job; ask for all jobs instead',
      ],
    ]);
    assert.deepEqual(await adapter.bulkDelete({ by: 'filter', filter: { states: ['scheduled'], text: 'x' } }), {
      deleted: [],
      failed: [],
      requests: 0,
    });
    assert.equal(server.requests.length, 0);
    server.respond(() => ({ status: 204 }));
    assert.deepEqual(await adapter.bulkDelete({ by: 'filter', filter: { text: 'x', owner: 'me' } }), {
      deleted: [],
      failed: [],
      requests: 1,
    });
    assert.equal(q(0), 'bulk=delete&filter=package_name~x&filter=user_id=me');
    assert.deepEqual(await adapter.bulkDelete({ by: 'ids', ids: ['1', '2'] }), {
      deleted: [
        { id: '1', outcome: 'deleted' },
        { id: '2', outcome: 'deleted' },
      ],
      failed: [],
      requests: 1,
    });
    assert.deepEqual(await adapter.deleteJob('6'), { id: '6', outcome: 'deleted' });
    assert.equal(server.requests[2].path, '/root/api/v1/jobs/6/');
  });

  it('choices: the name, else the id; a blank description is none; other errors than 404 are thrown', async () => {
    server.respond(() => ({
      body: {
        data: [
          { id: 1, name: 'one', description: 'd' },
          { id: '2', name: '', description: '' },
        ],
      },
    }));
    assert.deepEqual(await adapter.listChoices('config'), [
      { id: '1', label: 'one', description: 'd' },
      { id: '2', label: '2', description: undefined },
    ]);
    assert.deepEqual([server.requests[0].path, q(0)], ['/root/api/v1/configs/', 'page=1&limit=1000']);
    server.respond(() => ({ status: 500, body: { error: 'down' } }));
    assert.deepEqual(
      [(await rejects(adapter.listChoices('device'))).code, (await rejects(adapter.listChoices('device'))).operation],
      ['server', 'list devices'],
    );
    server.respond(() => ({ body: { data: [{ name: 'no id' }] } }));
    assert.equal((await rejects(adapter.listChoices('package'))).field, 'data[0].id');
  });

  it('says what it cannot do', async () => {
    await assertRefusals(rejects, [
      [
        () => adapter.getTargets('4'),
        'cdr: list targets of job 4 failed: not supported by this server type — CDRouter jobs have no nodes or tasks',
      ],
      [
        () => adapter.getEvents('4', undefined),
        'cdr: follow events of job 4 failed: not supported by this server type — CDRouter has no job events API',
      ],
      [
        () => adapter.update('4', { name: 'x' }),
        'cdr: update job 4 failed: not supported by this server type — CDRouter jobs cannot be edited; launch a new one',
      ],
      [
        () => adapter.launch({ kind: 'beacon', name: 'n', tasks: [] }),
        'cdr: launch job failed: invalid input — a beacon launch spec was given to a CDRouter connection',
      ],
      [
        () => adapter.previewInterfaces!({ kind: 'cdrouter', packageId: '' }),
        'cdr: preview interfaces failed: invalid input — a package is required',
      ],
      [
        () => adapter.bulkLaunch({ by: 'filter', filters: [] }),
        'cdr: bulk launch jobs failed: invalid input — a bulk launch by filter needs at least one package filter',
      ],
    ]);
    assert.equal(server.requests.length, 0);
  });
});
