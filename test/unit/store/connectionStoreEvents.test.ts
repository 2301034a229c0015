// What a ConnectionStore tells the views, event by event: "structure" when the rows' shape or
// the status changes, "jobs" for rows changed in place, nothing for a page that is the same, and
// nothing at all from a request a newer query has overtaken. The real CDRouter adapter over a
// scripted loopback server; a held answer is released by the test, never by a sleep.
import * as assert from 'node:assert/strict';
import { connect } from '../../../src/client/registry';
import { ConnectionStore } from '../../../src/store/connectionStore';
import { startRecordingServer, type RecordingServer, type ScriptedResponse } from '../support/recordingServer';

const row = (id: number, status = 'running') => ({ id: String(id), status, package_name: `p${id}` });
type Row = ReturnType<typeof row>;

describe('ConnectionStore events (CDRouter on loopback)', () => {
  let server: RecordingServer;
  let pages: Row[][];
  let total: number | undefined;
  let hold: Promise<void> | undefined;
  let fail: ScriptedResponse | undefined;
  beforeEach(async () => {
    pages = [[row(1), row(2), row(3)]];
    total = 3;
    hold = undefined;
    fail = undefined;
    server = await startRecordingServer(async (r) => {
      // The answer is what the server had when asked; a held one comes later, unchanged.
      const page = Number(r.query.get('page') ?? 1);
      const next = page < pages.length ? page + 1 : 0;
      const answer = fail ?? { body: { data: pages[page - 1] ?? [], links: { total, next } } };
      if (hold) await hold;
      return answer;
    });
  });
  afterEach(() => server.close());

  function store(): { s: ConnectionStore; told: string[] } {
    const s = new ConnectionStore(
      connect({ name: 'lab', kind: 'cdrouter', url: server.url }, { token: async () => 't', maxRetries: 0 }),
      3,
    );
    const told: string[] = [];
    s.subscribe({
      structure: () => told.push(`structure:${s.status}${s.loadingMore ? '+more' : ''}`),
      jobs: (jobs) => told.push(`jobs:${jobs.map((j) => `${j.id}=${j.state}`).join(',')}`),
    });
    return { s, told };
  }
  const ids = (s: ConnectionStore) => s.jobs.map((j) => j.id);

  it('first load: loading, then loaded; the same page again says nothing; a row changed in place is a jobs event; a new order is structure', async () => {
    const { s, told } = store();
    await s.refresh();
    assert.deepEqual(told, ['structure:loading', 'structure:ok']);
    assert.deepEqual([ids(s), s.total], [['1', '2', '3'], 3]);
    await s.refresh();
    assert.deepEqual(told.length, 2, 'an unchanged page tells nothing');
    pages[0] = [row(1), row(2, 'completed'), row(3)];
    await s.refresh();
    assert.deepEqual(told.slice(2), ['jobs:2=succeeded']);
    pages[0] = [row(4), row(1), row(2, 'completed')];
    total = 4;
    await s.refresh();
    assert.deepEqual(told.slice(3), ['structure:ok']);
    assert.deepEqual([ids(s), s.total], [['4', '1', '2'], 4]);
  });

  it('an error is structure with the error kept; the next good page is structure again, the error gone', async () => {
    const { s, told } = store();
    fail = { status: 500, body: { error: 'down' } };
    await assert.rejects(s.refresh());
    assert.deepEqual(told, ['structure:loading', 'structure:error']);
    assert.equal(s.error?.operation, 'list jobs');
    assert.equal(s.error?.code, 'server');
    fail = undefined;
    await s.refresh();
    assert.deepEqual(told.slice(2), ['structure:loading', 'structure:ok']);
    assert.equal(s.error, undefined);
  });

  it('load more: structure while it loads and when done; the next page is appended without repeats; its total wins', async () => {
    pages = [
      [row(1), row(2), row(3)],
      [row(3), row(4), row(5)],
    ];
    const { s, told } = store();
    await s.refresh();
    told.length = 0;
    total = 5;
    await s.loadMore();
    assert.deepEqual(told, ['structure:ok+more', 'structure:ok']);
    assert.deepEqual([ids(s), s.total, s.loadingMore], [['1', '2', '3', '4', '5'], 5, false]);
    await s.loadMore();
    assert.equal(told.length, 2, 'no next page: nothing asked, nothing told');
  });

  it('a failed load more keeps the rows and the error, and still ends its loading', async () => {
    pages = [[row(1), row(2), row(3)], [row(4)]];
    const { s, told } = store();
    await s.refresh();
    told.length = 0;
    fail = { status: 500, body: {} };
    const e = await s.loadMore().then(
      () => assert.fail('expected a rejection'),
      (x: unknown) => x,
    );
    assert.equal(s.error, e);
    assert.equal(s.error?.code, 'server');
    assert.deepEqual([told, ids(s), s.loadingMore], [['structure:ok+more', 'structure:ok'], ['1', '2', '3'], false]);
  });

  it('a page that a new query overtook is dropped: its rows never show and it tells nothing', async () => {
    const { s, told } = store();
    await s.refresh();
    told.length = 0;
    let release!: () => void;
    hold = new Promise((r) => (release = r));
    pages[0] = [row(7), row(8), row(9)];
    const stale = s.refresh();
    await waitForRequests(2);
    hold = undefined;
    pages[0] = [row(1)];
    total = 1;
    await s.query({ text: 'p1' });
    const afterQuery = [...told];
    release();
    await stale;
    assert.deepEqual(told, afterQuery, 'the overtaken page told nothing');
    assert.deepEqual([ids(s), s.total], [['1'], 1]);
  });

  async function waitForRequests(n: number): Promise<void> {
    for (let i = 0; i < 500 && server.requests.length < n; i++) await new Promise((r) => setTimeout(r, 5));
    assert.ok(server.requests.length >= n, `${n} requests`);
  }
});
