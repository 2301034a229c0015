import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { connect } from '../../../src/client/registry';
import { ConnectionStore } from '../../../src/store/connectionStore';
import { JobStore } from '../../../src/store/jobStore';
import { Poller } from '../../../src/store/poller';
import { FAST_INTERVAL_MS } from '../../../src/store/pollDelay';
import { RecordingServer, RecordedRequest, startRecordingServer } from '../support/recordingServer';
import { installClock, type FakeClock } from '../support/fakeClock';
import { until } from '../support/until';

/** A CDRouter-shaped job list the tests can change between polls. */
class FakeCdrouter {
  jobs: { id: string; status: string; package_name: string }[] = [];
  constructor(n: number) {
    for (let i = n; i >= 1; i--) this.jobs.push({ id: String(i), status: 'completed', package_name: `pkg-${i}` });
  }
  answer(req: RecordedRequest) {
    const one = /\/jobs\/([^/]+)\/$/.exec(req.path);
    if (one) {
      const job = this.jobs.find((j) => j.id === one[1]);
      if (!job) return { status: 404, body: { error: 'no such job' } };
      return { body: { timestamp: '2026-01-01T00:00:00Z', data: { ...job, created: '2026-01-01T00:00:00Z' } } };
    }
    const page = Number(req.query.get('page') ?? 1);
    const limit = Number(req.query.get('limit') ?? 25);
    const filters = req.query.getAll('filter');
    let rows = this.jobs;
    for (const f of filters) {
      const m = /^status=(.*)$/.exec(f);
      if (m) rows = rows.filter((j) => j.status === m[1]);
    }
    const slice = rows.slice((page - 1) * limit, page * limit);
    const last = Math.max(1, Math.ceil(rows.length / limit));
    return {
      body: {
        timestamp: '2026-01-01T00:00:00Z',
        data: slice.map((j) => ({
          ...j,
          created: '2026-01-01T00:00:00Z',
          run_at: '2026-01-01T00:00:01Z',
          updated: '2026-01-01T00:01:00Z',
        })),
        links: { current: page, first: 1, last, limit, next: page < last ? page + 1 : 0, total: rows.length },
      },
    };
  }
}

function storeFor(server: RecordingServer, pageSize = 10): ConnectionStore {
  const connection = connect(
    { name: 'lab', kind: 'cdrouter', url: server.url },
    { token: async () => 'tok', retryBaseMs: 1, maxRetries: 0 },
  );
  return new ConnectionStore(connection, pageSize);
}

describe('ConnectionStore (real CDRouter adapter over a loopback server)', () => {
  let server: RecordingServer;
  let fake: FakeCdrouter;
  beforeEach(async () => {
    fake = new FakeCdrouter(25);
    server = await startRecordingServer((r) => fake.answer(r));
  });
  afterEach(() => server.close());

  /** The server holds its answers until `release()`: a list read before a command lands after it. */
  function holdAnswers(): () => void {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    server.respond(async (r) => {
      await held;
      return fake.answer(r);
    });
    return release;
  }

  it('loads only the first page, knows the total, and appends the next page on loadMore', async () => {
    const store = storeFor(server);
    await store.refresh();
    assert.equal(store.status, 'ok');
    assert.deepEqual(
      store.jobs.map((j) => j.id),
      ['25', '24', '23', '22', '21', '20', '19', '18', '17', '16'],
    );
    assert.equal(store.total, 25);
    assert.equal(store.hasMore, true);
    assert.equal(server.requests.length, 1);
    await store.loadMore();
    await store.loadMore();
    assert.equal(store.jobs.length, 25);
    assert.equal(store.hasMore, false);
    assert.equal(server.requests[2].query.get('page'), '3');
    await store.loadMore();
    assert.equal(server.requests.length, 3, 'no request past the last page');
  });

  it('a poll that changes one job emits just that job; a new job changes the structure', async () => {
    const store = storeFor(server);
    await store.refresh();
    const events: string[] = [];
    store.on('jobs', (jobs) => events.push(`jobs:${jobs.map((j) => j.id).join(',')}`));
    store.on('structure', () => events.push('structure'));
    await store.refresh();
    assert.deepEqual(events, [], 'an unchanged poll emits nothing');
    fake.jobs[1].status = 'error';
    await store.refresh();
    assert.deepEqual(events, ['jobs:24']);
    assert.equal(store.job('24')?.state, 'failed');
    fake.jobs.unshift({ id: '26', status: 'running', package_name: 'new' });
    await store.refresh();
    assert.deepEqual(events, ['jobs:24', 'structure']);
    assert.equal(store.jobs[0].id, '26');
  });

  it('keeps the pages loaded beyond the first across polls', async () => {
    const store = storeFor(server);
    await store.refresh();
    await store.loadMore();
    assert.equal(store.jobs.length, 20);
    await store.refresh();
    assert.equal(store.jobs.length, 20);
    assert.equal(store.hasMore, true);
  });

  it('an error puts the connection in error with the typed error, and recovers', async () => {
    const store = storeFor(server);
    server.respond(() => ({ status: 401, body: { error: 'invalid token' } }));
    await assert.rejects(store.refresh(), /not authorized/);
    assert.equal(store.status, 'error');
    assert.equal(store.error?.code, 'auth');
    assert.equal(store.error?.serverMessage, 'invalid token');
    server.respond((r) => fake.answer(r));
    await store.refresh();
    assert.equal(store.status, 'ok');
    assert.equal(store.error, undefined);
  });

  it('a filter starts over from the first page and is sent to the server', async () => {
    fake.jobs[3].status = 'error';
    const store = storeFor(server);
    await store.refresh();
    await store.query({ states: ['failed'] });
    const last = server.requests[server.requests.length - 1];
    assert.deepEqual(last.query.getAll('filter'), ['status=error']);
    assert.equal(last.query.get('page'), '1');
    assert.deepEqual(
      store.jobs.map((j) => j.id),
      ['22'],
    );
    await store.query(undefined);
    assert.equal(store.filter, undefined);
    assert.equal(store.jobs.length, 10);
  });

  it('a list fetched before a command changed a job does not undo the change; the next one does', async () => {
    const store = storeFor(server);
    await store.refresh();
    fake.jobs[0].status = 'running';
    const release = holdAnswers();
    const stale = store.refresh();
    await until(() => server.requests.length === 2, 'the second list request to reach the server');
    const job = store.job('25');
    assert.ok(job);
    store.upsert({ ...job, state: 'stopping', rawState: 'stopping' });
    release();
    await stale;
    assert.equal(
      store.job('25')?.state,
      'stopping',
      'the page asked for before the stop does not bring "running" back',
    );
    server.respond((r) => fake.answer(r));
    await store.refresh();
    assert.equal(store.job('25')?.state, 'running', 'a page asked for afterwards is the server’s word');
  });

  it('a detail asked for before a command changed a job does not undo the change; it is asked for again', async () => {
    const store = storeFor(server);
    await store.refresh();
    fake.jobs[0].status = 'running';
    // The answer is what the server knew when the request came in, held until released.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    server.respond(async (r) => {
      const answer = fake.answer(r);
      await held;
      return answer;
    });
    const stale = store.loadDetail('25');
    await until(() => server.requests.length === 2, 'the detail request to reach the server');
    const job = store.job('25');
    assert.ok(job);
    // The command's answer (a worker's end, say) comes in while the detail is on its way.
    store.upsert({ ...job, state: 'stopped', rawState: 'stopped' });
    fake.jobs[0].status = 'stopped';
    release();
    const detail = await stale;
    assert.equal(
      store.job('25')?.state,
      'stopped',
      'the detail asked for before the change does not bring "running" back',
    );
    assert.equal(server.requests.length, 3, 'the detail was asked for once more');
    assert.equal(detail.rawState, 'stopped');
    assert.equal(store.detail('25')?.rawState, 'stopped');
  });

  it('a list fetched before a command removed jobs does not bring them back; the next one is the server’s word', async () => {
    const store = storeFor(server);
    await store.refresh();
    const release = holdAnswers();
    const stale = store.refresh();
    await until(() => server.requests.length === 2, 'the second list request to reach the server');
    // Deleted on the server after the page was read there (the held answer still lists them).
    store.remove(['25', '24']);
    release();
    await stale;
    assert.equal(store.job('25'), undefined, 'the page asked for before the delete does not bring 25 back');
    assert.equal(store.job('24'), undefined);
    assert.equal(store.jobs[0].id, '23');
    server.respond((r) => fake.answer(r));
    await store.refresh();
    assert.equal(store.job('25')?.id, '25', 'a page asked for afterwards is the server’s word (here: still there)');
  });

  it('upsert and remove change the list without a request', async () => {
    const store = storeFor(server);
    await store.refresh();
    const before = server.requests.length;
    store.upsert({ id: '99', name: 'launched', state: 'pending', rawState: 'pending', raw: {} });
    assert.equal(store.jobs[0].id, '99');
    assert.equal(store.total, 26);
    store.remove(['99', '25']);
    assert.equal(store.jobs[0].id, '24');
    assert.equal(store.total, 24);
    assert.equal(server.requests.length, before);
  });
});

/** The real store, counting the list refreshes the poller starts and the ones that ended. */
class CountingStore extends ConnectionStore {
  started = 0;
  ended = 0;
  override async refresh(): Promise<void> {
    this.started++;
    try {
      await super.refresh();
    } finally {
      this.ended++;
    }
  }
}

describe('Poller (fake clock, real HTTP on loopback)', () => {
  let server: RecordingServer;
  let fake: FakeCdrouter;
  let clock: FakeClock;
  beforeEach(async () => {
    fake = new FakeCdrouter(5);
    server = await startRecordingServer((r) => fake.answer(r));
    clock = installClock();
  });
  afterEach(async () => {
    clock.uninstall();
    await server.close();
  });

  function setup(watched: () => boolean, intervalMs = 10_000) {
    const jobStore = new JobStore();
    jobStore.setConnections(
      [{ name: 'lab', kind: 'cdrouter', url: server.url }],
      (c) => new CountingStore(connect(c, { token: async () => 't', maxRetries: 0 }), 10),
    );
    const errors: unknown[] = [];
    const poller = new Poller(jobStore, { intervalMs: () => intervalMs, isWatched: () => watched() }, (_s, e) =>
      errors.push(e),
    );
    const store = jobStore.get('lab') as CountingStore;
    /** Moves the clock by `ms`; a refresh it starts is waited for (real I/O). */
    const advance = async (ms: number) => {
      await clock.tickAsync(ms);
      await until(() => store.ended === store.started, 'the refresh to end');
      await clock.tickAsync(0);
    };
    return { jobStore, poller, store, errors, advance };
  }

  it('sends nothing while the connection is not watched, and polls at once when it is', async () => {
    let watched = false;
    const { poller, jobStore, store, advance } = setup(() => watched);
    poller.wakeAll();
    await advance(10 * 10_000);
    assert.equal(store.started, 0);
    assert.equal(server.requests.length, 0);
    watched = true;
    poller.wakeAll();
    await advance(0);
    assert.equal(store.started, 1, 'the same wake polls once the connection is watched');
    assert.equal(server.requests.length, 1);
    poller.dispose();
    jobStore.dispose();
  });

  it('polls once per interval while watched, and stops when no longer watched', async () => {
    let watched = true;
    const { poller, jobStore, store, advance } = setup(() => watched);
    poller.wake('lab', true);
    await advance(0);
    assert.equal(store.started, 1);
    for (let n = 2; n <= 5; n++) {
      await advance(9_999);
      assert.equal(store.started, n - 1, `no poll ${n} before the interval is up`);
      await advance(1);
      assert.equal(store.started, n, `poll ${n} when the interval is up`);
    }
    assert.equal(server.requests.length, 5);
    // A wake within the interval waits for the rest of it; a forced one does not.
    await advance(4_000);
    poller.wake('lab');
    await advance(5_999);
    assert.equal(store.started, 5);
    await advance(1);
    assert.equal(store.started, 6);
    poller.wake('lab', true);
    await advance(0);
    assert.equal(store.started, 7);
    watched = false;
    await advance(10_000);
    assert.equal(store.started, 7, 'the planned poll finds the connection unwatched');
    await advance(100_000);
    assert.equal(store.started, 7, 'no requests once unwatched');
    assert.equal(server.requests.length, 7);
    poller.dispose();
    jobStore.dispose();
  });

  it('polls every 2 s while a job runs, and backs off while the server fails, then recovers', async () => {
    const { poller, jobStore, store, errors, advance } = setup(() => true);
    fake.jobs[0].status = 'running';
    poller.wake('lab', true);
    await advance(0);
    await advance(FAST_INTERVAL_MS);
    assert.equal(store.started, 2, 'a running job brings the next poll to 2 s');
    fake.jobs[0].status = 'completed';
    server.respond(() => ({ status: 500, body: { error: 'down' } }));
    await advance(FAST_INTERVAL_MS);
    assert.equal(store.started, 3);
    assert.equal(errors.length, 1, 'the failure is reported');
    await advance(19_999);
    assert.equal(store.started, 3, 'one failure doubles the wait');
    await advance(1);
    assert.equal(store.started, 4);
    await advance(39_999);
    assert.equal(store.started, 4, 'two double it again');
    server.respond((r) => fake.answer(r));
    await advance(1);
    assert.equal(store.started, 5);
    assert.equal(errors.length, 2);
    // At 64 s: the plain interval again, on its grid (the next multiple of 10 s ≥ 7.5 s away).
    await advance(15_999);
    assert.equal(store.started, 5, 'not before the grid point');
    await advance(1);
    assert.equal(store.started, 6, 'a success brings back the interval');
    poller.dispose();
    jobStore.dispose();
  });

  it('connections woken at different moments are then polled in the same moment, once per interval', async () => {
    const jobStore = new JobStore();
    jobStore.setConnections(
      ['a', 'b', 'c'].map((name) => ({ name, kind: 'cdrouter' as const, url: server.url })),
      (c) => new CountingStore(connect(c, { token: async () => 't', maxRetries: 0 }), 10),
    );
    const poller = new Poller(jobStore, { intervalMs: () => 10_000, isWatched: () => true });
    const stores = ['a', 'b', 'c'].map((n) => jobStore.get(n) as CountingStore);
    const settle = async (ms: number) => {
      await clock.tickAsync(ms);
      await until(() => stores.every((s) => s.ended === s.started), 'the refreshes to end');
      await clock.tickAsync(0);
    };
    // Expanded 1.2 s and 4.7 s apart: each polls at once.
    poller.wake('a', true);
    await settle(0);
    await settle(1_200);
    poller.wake('b', true);
    await settle(0);
    await settle(3_500);
    poller.wake('c', true);
    await settle(0);
    assert.deepEqual(
      stores.map((s) => s.started),
      [1, 1, 1],
    );
    // Now at 4.7 s. Each next poll is at the first multiple of 10 s at least 7.5 s on: a's
    // (polled at 0 s) and b's (1.2 s) at 10 s, c's (4.7 s) at 20 s.
    await settle(10_000 - 4_700 - 1);
    assert.deepEqual(
      stores.map((s) => s.started),
      [1, 1, 1],
      'nobody polls before 10 s',
    );
    await settle(1);
    assert.deepEqual(
      stores.map((s) => s.started),
      [2, 2, 1],
      'a and b, woken 1.2 s apart, together at 10 s',
    );
    await settle(9_999);
    assert.deepEqual(
      stores.map((s) => s.started),
      [2, 2, 1],
      'once per interval',
    );
    await settle(1);
    assert.deepEqual(
      stores.map((s) => s.started),
      [3, 3, 2],
      'all three together at 20 s',
    );
    await settle(10_000);
    assert.deepEqual(
      stores.map((s) => s.started),
      [4, 4, 3],
      'and at 30 s',
    );
    poller.dispose();
    jobStore.dispose();
  });

  it('refreshNow polls at once and forgets the backoff; dispose stops everything', async () => {
    const { poller, jobStore, store, advance } = setup(() => true);
    server.respond(() => ({ status: 500, body: { error: 'down' } }));
    poller.wake('lab', true);
    await advance(0);
    await advance(20_000);
    assert.equal(store.started, 2);
    server.respond((r) => fake.answer(r));
    await poller.refreshNow('lab');
    assert.equal(store.started, 3);
    await advance(9_999);
    assert.equal(store.started, 3);
    await advance(1);
    assert.equal(store.started, 4, 'the interval again, not the doubled wait');
    poller.dispose();
    await advance(100_000);
    assert.equal(store.started, 4);
    assert.equal(clock.countTimers(), 0);
    jobStore.dispose();
  });

  it('polls faster while a job runs and backs off exponentially on errors', () => {
    const { poller, jobStore, store } = setup(() => true, 10_000);
    assert.equal(poller.nextDelay(store, 0), 10_000);
    store.upsert({ id: 'r', name: 'r', state: 'running', rawState: 'running', raw: {} });
    assert.equal(poller.nextDelay(store, 0), FAST_INTERVAL_MS);
    assert.equal(poller.nextDelay(store, 1), 20_000);
    assert.equal(poller.nextDelay(store, 3), 80_000);
    assert.equal(poller.nextDelay(store, 20), 300_000);
    poller.dispose();
    jobStore.dispose();
  });

  /** Holds the server's answers until released: a refresh stays in flight meanwhile. */
  function holdAnswers(): () => void {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server.respond(async (r) => {
      await gate;
      return fake.answer(r);
    });
    return release;
  }

  it('a failure on the very first poll doubles the wait at once', async () => {
    const { poller, jobStore, store, errors, advance } = setup(() => true);
    server.respond(() => ({ status: 500, body: { error: 'down' } }));
    poller.wake('lab', true);
    await advance(0);
    assert.equal(store.started, 1);
    assert.equal(errors.length, 1);
    await advance(19_999);
    assert.equal(store.started, 1, 'not at the plain interval');
    await advance(1);
    assert.equal(store.started, 2);
    poller.dispose();
    jobStore.dispose();
  });

  it('a connection that does not exist, or a disposed poller, plans nothing and sends nothing', async () => {
    const { poller, jobStore, store, advance } = setup(() => true);
    poller.wake('nope', true);
    assert.equal(clock.countTimers(), 0, 'no poll planned for an unknown connection');
    await poller.refreshNow('nope');
    poller.dispose();
    poller.wake('lab', true);
    poller.wakeAll();
    assert.equal(clock.countTimers(), 0, 'no poll planned after dispose');
    await poller.refreshNow('lab');
    await advance(100_000);
    assert.equal(store.started, 0);
    assert.equal(server.requests.length, 0);
    jobStore.dispose();
  });

  it('a wake while unwatched drops the planned poll; watched again, it waits out the interval', async () => {
    let watched = true;
    const { poller, jobStore, store, advance } = setup(() => watched);
    poller.wake('lab', true);
    await advance(0);
    assert.equal(store.started, 1);
    assert.equal(clock.countTimers(), 1, 'the next poll is planned');
    await advance(3_000);
    watched = false;
    poller.wake('lab');
    assert.equal(clock.countTimers(), 0, 'an unwatched connection keeps no timer');
    watched = true;
    poller.wake('lab');
    await advance(6_999);
    assert.equal(store.started, 1);
    await advance(1);
    assert.equal(store.started, 2, 'the poll comes when the interval that began with the last one is up');
    poller.dispose();
    jobStore.dispose();
  });

  it('never runs two refreshes of a connection at once: a wake or refreshNow during one adds none', async () => {
    const { poller, jobStore, store, advance } = setup(() => true);
    const release = holdAnswers();
    poller.wake('lab', true);
    await clock.tickAsync(0);
    await until(() => server.requests.length === 1, 'the first list request');
    await poller.refreshNow('lab');
    poller.wake('lab', true);
    await clock.tickAsync(0);
    assert.equal(store.started, 1, 'one refresh in flight');
    release();
    await until(() => store.ended === 1, 'the refresh to end');
    await clock.tickAsync(0);
    assert.equal(server.requests.length, 1);
    assert.equal(clock.countTimers(), 1, 'one next poll planned');
    await advance(9_999);
    assert.equal(store.started, 1);
    await advance(1);
    assert.equal(store.started, 2);
    poller.dispose();
    jobStore.dispose();
  });

  for (const [what, during] of [
    ['the poller is disposed', (p: Poller) => p.dispose()],
    ['the connection is removed', (_p: Poller, j: JobStore) => j.setConnections([], () => assert.fail('no store'))],
  ] as const) {
    it(`plans no next poll when ${what} while a refresh is in flight`, async () => {
      const { poller, jobStore, store, advance } = setup(() => true);
      const release = holdAnswers();
      poller.wake('lab', true);
      await clock.tickAsync(0);
      await until(() => server.requests.length === 1, 'the first list request');
      during(poller, jobStore);
      release();
      await until(() => store.ended === 1, 'the refresh to end');
      await clock.tickAsync(0);
      assert.equal(clock.countTimers(), 0, 'nothing planned');
      await advance(100_000);
      assert.equal(store.started, 1);
      poller.dispose();
      jobStore.dispose();
    });
  }

  it('plans no next poll when the connection stops being watched while a refresh is in flight', async () => {
    let watched = true;
    const { poller, jobStore, store, advance } = setup(() => watched);
    const release = holdAnswers();
    poller.wake('lab', true);
    await clock.tickAsync(0);
    await until(() => server.requests.length === 1, 'the first list request');
    watched = false;
    release();
    await until(() => store.ended === 1, 'the refresh to end');
    await clock.tickAsync(0);
    assert.equal(clock.countTimers(), 0, 'nothing planned while unwatched');
    watched = true;
    poller.wake('lab');
    await advance(9_999);
    assert.equal(store.started, 1, 'watched again, the interval since the last poll still counts');
    await advance(1);
    assert.equal(store.started, 2);
    poller.dispose();
    jobStore.dispose();
  });
});

describe('ConnectionStore pinned jobs', () => {
  let server: RecordingServer;
  let fake: FakeCdrouter;
  beforeEach(async () => {
    fake = new FakeCdrouter(25);
    server = await startRecordingServer((r) => {
      const m = /\/api\/v1\/jobs\/(\w+)\/$/.exec(r.path);
      if (m) {
        const j = fake.jobs.find((x) => x.id === m[1]);
        return j
          ? { body: { timestamp: '', data: { ...j, created: '2026-01-01T00:00:00Z' } } }
          : { status: 404, body: { error: 'no such job' } };
      }
      return fake.answer(r);
    });
  });
  afterEach(() => server.close());

  it('keeps a launched job that the first page does not list, with fresh state, until it is gone', async () => {
    const store = storeFor(server);
    await store.refresh();
    // The server lists the new job last (oldest first would put it on a later page).
    fake.jobs.push({ id: '500', status: 'pending', package_name: 'launched' });
    store.upsert({ id: '500', name: 'launched', state: 'pending', rawState: 'pending', raw: {} });
    fake.jobs[fake.jobs.length - 1].status = 'running';
    await store.refresh();
    assert.equal(store.jobs[0].id, '500', 'still shown at the top');
    assert.equal(store.job('500')?.state, 'running', 'its state was fetched again');
    assert.equal(store.jobs.filter((j) => j.id === '500').length, 1);
    fake.jobs.pop();
    await store.refresh();
    assert.equal(store.job('500'), undefined, 'dropped once the server no longer has it');
  });
});

describe('ConnectionStore over a server with a fixed page size (stack jobs: 10 per page)', () => {
  let server: RecordingServer;
  beforeEach(async () => {
    const jobs = Array.from({ length: 95 }, (_, i) => ({
      id: 95 - i,
      name: `job-${95 - i}`,
      stack: 1,
      schedule: 1,
      enabled: true,
      next_run: null,
    }));
    server = await startRecordingServer((r) => {
      const page = Number(r.query.get('page') ?? 1);
      const slice = jobs.slice((page - 1) * 10, page * 10);
      return { body: { count: jobs.length, pagesize: slice.length, page, jobs: slice } };
    });
  });
  afterEach(() => server.close());

  it('asks for one server page per list page, whatever the page-size setting', async () => {
    const connection = connect(
      { name: 'stack', kind: 'stack-jobs', url: server.url },
      { token: async () => 'tok', retryBaseMs: 1, maxRetries: 0 },
    );
    const store = new ConnectionStore(connection, 50);
    await store.refresh();
    assert.equal(server.requests.length, 1, 'a refresh (a poll) is one request');
    assert.deepEqual(store.jobs.map((j) => j.id).slice(0, 3), ['95', '94', '93']);
    assert.equal(store.jobs.length, 10);
    assert.equal(store.total, 95);
    assert.ok(store.hasMore);
    await store.loadMore();
    assert.equal(server.requests.length, 2);
    assert.equal(store.jobs.length, 20);
    assert.equal(server.requests[1].query.get('page'), '2');
  });
});

describe('ConnectionStore and a job detail without node counts (Puppet: the seed 002 list item and job detail)', () => {
  const fixtures = path.resolve(__dirname, '../../../../test/fixtures/puppet-orchestrator');
  const fixture = (name: string): any => JSON.parse(readFileSync(path.join(fixtures, name), 'utf8'));
  let server: RecordingServer;
  let nodes: object[];
  beforeEach(async () => {
    nodes = [];
    server = await startRecordingServer((r) => {
      if (r.path === '/orchestrator/v1/jobs') return { body: fixture('list-jobs.response.json') };
      if (r.path === '/orchestrator/v1/jobs/1234') return { body: fixture('get-job.response.json') };
      if (r.path === '/orchestrator/v1/jobs/1234/nodes') return { body: { items: nodes } };
      return { status: 404, body: { kind: 'puppetlabs.orchestrator/unknown-job', msg: r.path } };
    });
  });
  afterEach(() => server.close());

  function puppetStore(): ConnectionStore {
    return new ConnectionStore(
      connect(
        { name: 'pe', kind: 'puppet-orchestrator', url: server.url },
        { token: async () => 'tok', retryBaseMs: 1, maxRetries: 0 },
      ),
      20,
    );
  }

  it("keeps the list row's counts when the detail (no node_states) and its nodes say nothing", async () => {
    const store = puppetStore();
    await store.refresh();
    const listed = store.job('1234');
    assert.deepEqual(listed?.progress, { done: 4, total: 5 });
    const detail = await store.loadDetail('1234');
    assert.equal(detail.rawState, 'finished', 'the state comes from the last status entry');
    assert.deepEqual(store.job('1234')?.progress, { done: 4, total: 5 }, 'the row is not turned into 0 of 5');
    assert.deepEqual(store.job('1234')?.targetCounts, { finished: 2, errored: 1, failed: 1, running: 1 });
    assert.deepEqual(detail.progress, { done: 4, total: 5 }, 'the panel gets the counts the list knew');
  });

  it('takes the counts of a finished job from its nodes when the nodes endpoint lists them', async () => {
    nodes = Array.from({ length: 5 }, (_, k) => ({
      name: `n${k}.example.com`,
      state: k === 4 ? 'failed' : 'finished',
    }));
    const store = puppetStore();
    await store.refresh();
    const detail = await store.loadDetail('1234');
    assert.deepEqual(detail.targetCounts, { finished: 4, failed: 1 });
    assert.deepEqual(detail.progress, { done: 5, total: 5 });
    assert.deepEqual(store.job('1234')?.progress, { done: 5, total: 5 });
  });
});
