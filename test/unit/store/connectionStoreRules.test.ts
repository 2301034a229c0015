// ConnectionStore's smaller rules, each on its own: which filters count as a filter, the
// list's total as commands add and remove jobs, details forgotten with their jobs, at most five
// launched jobs pinned, the report refusal, the counts a detail borrows from its row. The real
// CDRouter adapter over a scripted loopback server.
import * as assert from 'node:assert/strict';
import { connect } from '../../../src/client/registry';
import type { Job, JobDetail } from '../../../src/client/model';
import { ConnectionStore, withListCounts } from '../../../src/store/connectionStore';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recordingServer';

const row = (id: number, status = 'running') => ({ id: String(id), status, package_name: `p${id}` });

describe('ConnectionStore rules (CDRouter on loopback)', () => {
  let server: RecordingServer;
  let listed: ReturnType<typeof row>[];
  let total: number;
  beforeEach(async () => {
    listed = [row(1), row(2), row(3)];
    total = 3;
    server = await startRecordingServer((r) => answer(r));
  });
  afterEach(() => server.close());

  function answer(r: RecordedRequest) {
    const one = /^\/api\/v1\/jobs\/(\d+)\/$/.exec(r.path);
    if (one) return { body: { data: row(Number(one[1])) } };
    return { body: { data: listed, links: { total, next: 0 } } };
  }

  const store = (pageSize = 10) =>
    new ConnectionStore(
      connect({ name: 'lab', kind: 'cdrouter', url: server.url }, { token: async () => 't', maxRetries: 0 }),
      pageSize,
    );
  const lastQuery = () => decodeURIComponent(server.requests[server.requests.length - 1].query.toString());

  it('names itself after its settings entry', () => {
    const s = store();
    assert.deepEqual(
      [s.name, s.kind, s.url, s.config.name, s.capabilities.stop],
      ['lab', 'cdrouter', server.url, 'lab', true],
    );
  });

  it('a filter counts when it has states, text, owner, fields or asks for details; else it is none', async () => {
    const s = store();
    const cases: [object, string][] = [
      [{ states: [], text: '', owner: '', fields: {} }, 'page=1&limit=10'],
      [{ states: ['failed'] }, 'page=1&limit=10&filter=status=error'],
      [{ text: 'dns' }, 'page=1&limit=10&filter=package_name~dns'],
      [{ owner: 'me' }, 'page=1&limit=10&filter=user_id=me'],
      [{ fields: { device_id: '4' } }, 'page=1&limit=10&filter=device_id=4'],
      [{ detailed: true }, 'page=1&limit=10&detailed=true'],
    ];
    for (const [filter, query] of cases) {
      await s.query(filter);
      assert.equal(lastQuery(), `${query}&sort=-created`, JSON.stringify(filter));
      assert.equal(s.filter === undefined, query === 'page=1&limit=10', JSON.stringify(filter));
    }
  });

  it('the total follows what commands add and remove, never below zero; details go with their jobs', async () => {
    const s = store();
    await s.refresh();
    assert.equal(s.total, 3);
    s.upsert({ id: '9', name: 'new', state: 'pending', rawState: 'pending', raw: {} });
    assert.equal(s.total, 4);
    assert.deepEqual(
      s.jobs.map((j) => j.id),
      ['9', '1', '2', '3'],
    );
    await s.loadDetail('2');
    assert.equal(s.detail('2')?.id, '2');
    s.remove(['2', '3', 'not-listed']);
    assert.equal(s.total, 2);
    assert.equal(s.detail('2'), undefined);
    assert.deepEqual(
      s.jobs.map((j) => j.id),
      ['9', '1'],
    );
    total = 0;
    await s.refresh();
    s.remove(['1', '9']);
    assert.equal(s.total, 0);
    s.remove(['nothing']);
    assert.equal(s.total, 0);
  });

  it('remove of jobs that are not listed changes nothing and tells nobody', async () => {
    const s = store();
    await s.refresh();
    let told = 0;
    s.subscribe({ structure: () => told++ });
    s.remove(['77']);
    assert.deepEqual([told, s.total, s.jobs.length], [0, 3, 3]);
  });

  it('keeps at most five launched jobs the first page does not show: the five newest', async () => {
    const s = store();
    await s.refresh();
    for (let i = 11; i <= 17; i++)
      s.upsert({ id: String(i), name: `l${i}`, state: 'pending', rawState: 'pending', raw: {} });
    server.requests.length = 0;
    await s.refresh();
    const reads = server.requests.map((r) => r.path).filter((p) => p !== '/api/v1/jobs/');
    assert.equal(reads.length, 5, 'one read per pinned job, five of seven');
    assert.deepEqual(
      s.jobs
        .slice(0, 5)
        .map((j) => j.id)
        .sort(),
      ['13', '14', '15', '16', '17'],
      'the newest five (launched last)',
    );
    const pinned = s.jobs.slice(0, 5).map((j) => `/api/v1/jobs/${j.id}/`);
    assert.deepEqual([...pinned].sort(), [...reads].sort(), 'the ones read are the ones shown');
    assert.deepEqual(
      s.jobs.slice(5).map((j) => j.id),
      ['1', '2', '3'],
    );
  });

  it('a report where the dialect has none is refused, said so', async () => {
    await assert.rejects(store().loadReport('4'), {
      code: 'unsupported',
      message:
        'lab: get report of job 4 failed: not supported by this server type — this server type has no job report',
    });
    assert.equal(server.requests.length, 0);
  });
});

describe('withListCounts', () => {
  const detail = (o: Partial<JobDetail> = {}): JobDetail => ({
    id: '1',
    name: 'j',
    state: 'running',
    rawState: 'running',
    raw: {},
    timeline: [],
    targets: [],
    ...o,
  });
  const listed = (o: Partial<Job> = {}): Job => ({
    id: '1',
    name: 'j',
    state: 'running',
    rawState: 'running',
    raw: {},
    ...o,
  });

  it('borrows the row’s progress and counts only when the detail has neither', () => {
    const progress = { done: 1, total: 2 };
    const targetCounts = { finished: 1 };
    assert.deepEqual(withListCounts(detail(), listed({ progress, targetCounts })), detail({ progress, targetCounts }));
    assert.deepEqual(withListCounts(detail(), listed({ progress })), detail({ progress }));
    assert.deepEqual(withListCounts(detail(), listed({ targetCounts })), detail({ targetCounts }));
    const own = detail({ progress: { done: 2, total: 2 } });
    assert.equal(withListCounts(own, listed({ progress, targetCounts })), own);
    const counted = detail({ targetCounts: { failed: 1 } });
    assert.equal(withListCounts(counted, listed({ progress })), counted);
    const plain = detail();
    assert.equal(withListCounts(plain, listed()), plain);
    assert.equal(withListCounts(plain, undefined), plain);
  });
});
