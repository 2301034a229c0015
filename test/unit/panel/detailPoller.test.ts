import * as assert from 'node:assert/strict';
import type { Connection } from '../../../src/client/registry';
import type { JobsAdapter } from '../../../src/client/adapter';
import type { JobDetail, JobState } from '../../../src/client/model';
import { JobdeckError } from '../../../src/client/errors';
import { ConnectionStore } from '../../../src/store/connectionStore';
import { JobStore } from '../../../src/store/jobStore';
import { DetailPoller, nextDetailDelay, type DetailWatch } from '../../../src/store/detailPoller';
import { installClock, type FakeClock } from '../support/fakeClock';

/** A server whose one job goes through the states the test sets; counts getJob calls. */
class FakeServer {
  state: JobState = 'running';
  calls = 0;
  fail?: JobdeckError;
  adapter = {
    capabilities: {},
    listJobs: async () => ({
      items: [{ id: '81', name: 'deploy', state: this.state, rawState: this.state, raw: {} }],
      total: 1,
    }),
    getJob: async (id: string): Promise<JobDetail> => {
      this.calls++;
      if (this.fail) throw this.fail;
      return { id, name: 'deploy', state: this.state, rawState: this.state, raw: {}, timeline: [], targets: [] };
    },
  } as unknown as JobsAdapter;
}

function setup(server: FakeServer): JobStore {
  const jobs = new JobStore();
  jobs.setConnections(
    [{ name: 'lab', kind: 'puppet-orchestrator', url: 'https://p' }],
    (config) => new ConnectionStore({ config, adapter: server.adapter } as unknown as Connection, 10),
  );
  return jobs;
}

describe('DetailPoller', () => {
  // The adapter answers in memory, so a tick of the fake clock runs a whole fetch.
  let clock: FakeClock;
  beforeEach(() => (clock = installClock()));
  afterEach(() => clock.uninstall());

  it('polls every 2 s while running, the user interval while waiting, never once final', () => {
    const d = (state: JobState) => ({ state }) as JobDetail;
    assert.equal(nextDetailDelay(d('running'), 0, 10_000), 2000);
    assert.equal(nextDetailDelay(d('stopping'), 0, 10_000), 2000);
    assert.equal(nextDetailDelay(d('pending'), 0, 10_000), 10_000);
    assert.equal(nextDetailDelay(d('scheduled'), 0, 10_000), 10_000);
    assert.equal(nextDetailDelay(undefined, 0, 10_000), 10_000);
    assert.equal(nextDetailDelay(d('succeeded'), 0, 10_000), undefined);
    assert.equal(nextDetailDelay(d('failed'), 0, 10_000), undefined);
    assert.equal(nextDetailDelay(d('running'), 0, 1000), 1000, 'a shorter user interval wins');
    assert.equal(nextDetailDelay(d('running'), 2, 10_000), 40_000, 'backs off while failing');
    assert.equal(nextDetailDelay(d('running'), 30, 10_000), 300_000, 'at most 5 minutes');
  });

  it('fetches every 2 s while running, through the store, and stops when the job is final', async () => {
    const server = new FakeServer();
    const jobs = setup(server);
    const events: string[] = [];
    jobs.on('detail', (_s, det) => events.push(det.state));
    const poller = new DetailPoller(jobs, { intervalMs: () => 10_000 });
    const w = poller.watch('lab', '81');
    await clock.tickAsync(0);
    assert.equal(server.calls, 1, 'the first fetch is at once');
    assert.equal(w.nextDelayMs, 2000, 'a running job is fetched every 2 s');
    await clock.tickAsync(1999);
    assert.equal(server.calls, 1);
    await clock.tickAsync(1);
    assert.equal(server.calls, 2);
    await clock.tickAsync(2000 * 3);
    assert.equal(server.calls, 5);
    assert.deepEqual(events, ['running'], 'the store emits only changes');
    server.state = 'succeeded';
    await clock.tickAsync(2000);
    assert.equal(server.calls, 6);
    assert.equal(w.done, true);
    assert.equal(w.nextDelayMs, undefined);
    assert.equal(events.at(-1), 'succeeded');
    await clock.tickAsync(60_000);
    assert.equal(server.calls, 6, 'no fetch after a final state');
    assert.equal(clock.countTimers(), 0, 'nothing is planned');
    assert.equal(jobs.get('lab')?.detail('81')?.state, 'succeeded');
    w.dispose();
    assert.equal(poller.size, 0);
  });

  it('fetches a waiting job every interval, and a new interval setting re-plans it', async () => {
    const server = new FakeServer();
    server.state = 'pending';
    const jobs = setup(server);
    let interval = 10_000;
    const poller = new DetailPoller(jobs, { intervalMs: () => interval });
    const w = poller.watch('lab', '81');
    await clock.tickAsync(0);
    assert.equal(server.calls, 1);
    await clock.tickAsync(9_999);
    assert.equal(server.calls, 1);
    await clock.tickAsync(1);
    assert.equal(server.calls, 2);
    interval = 3_000;
    poller.wakeAll();
    assert.equal(w.nextDelayMs, 3_000);
    await clock.tickAsync(3_000);
    assert.equal(server.calls, 3);
    poller.dispose();
  });

  it('does not fetch while hidden, and catches up when shown', async () => {
    const server = new FakeServer();
    server.state = 'pending';
    const jobs = setup(server);
    const poller = new DetailPoller(jobs, { intervalMs: () => 5_000 });
    const w = poller.watch('lab', '81', undefined, false);
    await clock.tickAsync(60_000);
    assert.equal(server.calls, 0);
    w.setVisible(true);
    await clock.tickAsync(0);
    assert.equal(server.calls, 1, 'shown after its due time: fetched at once');
    w.setVisible(false);
    await clock.tickAsync(60_000);
    assert.equal(server.calls, 1);
    assert.equal(clock.countTimers(), 0, 'nothing is planned while hidden');
    w.setVisible(true);
    await clock.tickAsync(0);
    assert.equal(server.calls, 2);
    // Shown again before its time: waits for the rest of it.
    w.setVisible(false);
    await clock.tickAsync(1_000);
    w.setVisible(true);
    assert.equal(w.nextDelayMs, 4_000);
    await clock.tickAsync(3_999);
    assert.equal(server.calls, 2);
    await clock.tickAsync(1);
    assert.equal(server.calls, 3);
    poller.dispose();
  });

  it('reports errors, backs off, and stops for good when the job is gone', async () => {
    const server = new FakeServer();
    server.fail = new JobdeckError({ code: 'server', connection: 'lab', operation: 'get job', status: 503 });
    const jobs = setup(server);
    const errors: string[] = [];
    const poller = new DetailPoller(jobs, { intervalMs: () => 3_000 });
    const w: DetailWatch = poller.watch('lab', '81', () => w.error && errors.push((w.error as JobdeckError).code));
    await clock.tickAsync(0);
    assert.deepEqual(errors, ['server']);
    assert.equal(w.nextDelayMs, 6_000, 'the wait doubles after a failure');
    await clock.tickAsync(6_000);
    assert.equal(server.calls, 2);
    assert.equal(w.nextDelayMs, 12_000, 'and again after the next');
    server.fail = undefined;
    await clock.tickAsync(12_000);
    assert.equal(server.calls, 3);
    assert.equal(w.error, undefined, 'a load that succeeds clears the error');
    assert.equal(w.nextDelayMs, 2_000, 'and the running job is fetched at the fast rate again');
    server.fail = new JobdeckError({ code: 'notFound', connection: 'lab', operation: 'get job', status: 404 });
    await w.refresh();
    assert.equal(w.done, true);
    assert.deepEqual(errors, ['server', 'server', 'notFound']);
    await clock.tickAsync(600_000);
    assert.equal(server.calls, 4, 'no fetch once the job is gone');
    poller.dispose();
  });

  it('says so when the connection is not configured', async () => {
    const jobs = new JobStore();
    const errors: string[] = [];
    const poller = new DetailPoller(jobs, { intervalMs: () => 10 });
    const w: DetailWatch = poller.watch('gone', '1', () => w.error && errors.push((w.error as Error).message));
    await clock.tickAsync(0);
    assert.equal(w.done, true);
    assert.match(errors[0], /"gone" is no longer configured/);
    poller.dispose();
  });

  it('refresh() fetches at once and the watch reports the detail', async () => {
    const server = new FakeServer();
    server.state = 'succeeded';
    const jobs = setup(server);
    const loaded: string[] = [];
    const poller = new DetailPoller(jobs, { intervalMs: () => 10_000 });
    const w: DetailWatch = poller.watch('lab', '81', () => w.job && loaded.push(w.job.state));
    await clock.tickAsync(0);
    assert.deepEqual(loaded, ['succeeded']);
    assert.equal(w.done, true);
    await w.refresh();
    assert.equal(server.calls, 2);
    poller.dispose();
  });

  it('a kept detail (an expanded row) is read when the list sees the job change, and forgotten when the last keep ends', async () => {
    const server = new FakeServer();
    const jobs = setup(server);
    const store = jobs.get('lab')!;
    await store.refresh();
    const poller = new DetailPoller(jobs, { intervalMs: () => 10_000 });
    const a = poller.keep('lab', '81');
    const b = poller.keep('lab', '81');
    await poller.load('lab', '81');
    assert.equal(server.calls, 1);
    await clock.tickAsync(60_000);
    assert.equal(server.calls, 1, 'a keep has no timer of its own');
    server.state = 'failed';
    await store.refresh();
    await clock.tickAsync(0);
    assert.equal(server.calls, 2, 'the list saw the job change');
    assert.equal(store.detail('81')?.state, 'failed');
    a.dispose();
    assert.ok(store.detail('81'), 'another keep still holds it');
    b.dispose();
    assert.equal(store.detail('81'), undefined);
    server.state = 'running';
    await store.refresh();
    await clock.tickAsync(0);
    assert.equal(server.calls, 2, 'nobody keeps it: no read');
    poller.dispose();
  });

  it('a kept or watched detail stays when released; otherwise the store forgets it', async () => {
    const server = new FakeServer();
    server.state = 'succeeded';
    const jobs = setup(server);
    const store = jobs.get('lab')!;
    const poller = new DetailPoller(jobs, { intervalMs: () => 10_000 });
    await poller.load('lab', '81');
    const keep = poller.keep('lab', '81');
    poller.release('lab', '81');
    assert.ok(store.detail('81'));
    keep.dispose();
    assert.equal(store.detail('81'), undefined);
    await poller.load('lab', '81');
    const w = poller.watch('lab', '81');
    const k2 = poller.keep('lab', '81');
    k2.dispose();
    poller.release('lab', '81');
    assert.ok(store.detail('81'), 'the panel still shows it');
    w.dispose();
    poller.release('lab', '81');
    assert.equal(store.detail('81'), undefined);
    poller.release('gone', '81');
    poller.dispose();
  });

  it('shares a load under way; a connection no longer configured is an error, and has no detail', async () => {
    const server = new FakeServer();
    const jobs = setup(server);
    const poller = new DetailPoller(jobs, { intervalMs: () => 10_000 });
    const [x, y] = await Promise.all([poller.load('lab', '81'), poller.load('lab', '81')]);
    assert.equal(x, y);
    assert.equal(server.calls, 1);
    await poller.load('lab', '81');
    assert.equal(server.calls, 2, 'the next load is a new one');
    await assert.rejects(poller.load('gone', '81'), /The connection "gone" is no longer configured\./);
    assert.equal(poller.has('lab'), true);
    assert.equal(poller.has('gone'), false);
    assert.equal(await poller.detail('gone', '81'), undefined);
    assert.equal((await poller.detail('lab', '81'))?.id, '81');
    assert.equal(server.calls, 2, 'the store had it');
    jobs.get('lab')!.forgetDetail('81');
    assert.equal((await poller.detail('lab', '81'))?.id, '81');
    assert.equal(server.calls, 3);
    poller.dispose();
  });

  it('a watch shows the list entry until the detail comes, and a state the list sees move hurries a read', async () => {
    const server = new FakeServer();
    server.state = 'pending';
    const jobs = setup(server);
    const store = jobs.get('lab')!;
    await store.refresh();
    const poller = new DetailPoller(jobs, { intervalMs: () => 10_000 });
    const w = poller.watch('lab', '81', undefined, false);
    assert.equal(w.job?.state, 'pending');
    assert.equal(w.job && 'targets' in w.job, false, 'the list entry');
    server.state = 'running';
    await store.refresh();
    await clock.tickAsync(0);
    assert.equal(server.calls, 0, 'a hidden watch does not read');
    w.setVisible(true);
    await clock.tickAsync(0);
    assert.equal(server.calls, 1);
    assert.equal(w.nextDelayMs, 2000);
    server.state = 'succeeded';
    await store.refresh();
    await clock.tickAsync(0);
    assert.equal(server.calls, 2, 'the list saw it end: read at once');
    assert.equal(w.done, true);
    assert.equal(w.job?.state, 'succeeded');
    poller.dispose();
  });

  it('a removed connection is an error on its watches; configured again, they read again', async () => {
    const server = new FakeServer();
    const jobs = setup(server);
    const poller = new DetailPoller(jobs, { intervalMs: () => 10_000 });
    const errors: string[] = [];
    const w: DetailWatch = poller.watch('lab', '81', () => errors.push(w.error ? (w.error as Error).message : 'ok'));
    await clock.tickAsync(0);
    assert.equal(server.calls, 1);
    jobs.setConnections([], () => assert.fail('no store'));
    assert.deepEqual(errors, ['ok', 'The connection "lab" is no longer configured.']);
    await clock.tickAsync(2000);
    assert.equal(w.done, true);
    assert.equal(server.calls, 1);
    jobs.setConnections(
      [{ name: 'lab', kind: 'puppet-orchestrator', url: 'https://p' }],
      (config) => new ConnectionStore({ config, adapter: server.adapter } as unknown as Connection, 10),
    );
    await clock.tickAsync(0);
    assert.equal(server.calls, 2);
    assert.equal(w.error, undefined);
    assert.equal(w.done, false);
    poller.dispose();
  });

  it('dispose ends every watch: no more reads, nobody told', async () => {
    const server = new FakeServer();
    const jobs = setup(server);
    const poller = new DetailPoller(jobs, { intervalMs: () => 10_000 });
    let told = 0;
    const w = poller.watch('lab', '81', () => told++);
    poller.watch('lab', '82');
    assert.equal(poller.size, 2);
    await clock.tickAsync(0);
    const calls = server.calls;
    const toldBefore = told;
    poller.dispose();
    assert.equal(poller.size, 0);
    await clock.tickAsync(60_000);
    await w.refresh();
    assert.equal(server.calls, calls);
    assert.equal(told, toldBefore);
  });
});
