import * as assert from 'node:assert/strict';
import type { Connection } from '../../../src/client/registry';
import type { JobsAdapter } from '../../../src/client/adapter';
import type { JobDetail, JobState } from '../../../src/client/model';
import { JobdeckError } from '../../../src/client/errors';
import { ConnectionStore } from '../../../src/store/connectionStore';
import { JobStore } from '../../../src/store/jobStore';
import { DetailPoller, nextDetailDelay, type DetailWatch } from '../../../src/store/detailPoller';

/** A server whose one job goes through the states the test sets; counts getJob calls. */
class FakeServer {
  state: JobState = 'running';
  calls = 0;
  fail?: JobdeckError;
  adapter = {
    capabilities: {},
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('DetailPoller', () => {
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

  it('fetches while visible, through the store, and stops when the job is final', async () => {
    const server = new FakeServer();
    const jobs = setup(server);
    const events: string[] = [];
    jobs.on('detail', (_s, det) => events.push(det.state));
    const poller = new DetailPoller(jobs, { intervalMs: () => 20 });
    const w = poller.watch('lab', '81');
    await sleep(70);
    assert.ok(server.calls >= 3, `polled ${server.calls} times`);
    assert.deepEqual(events, ['running'], 'the store emits only changes');
    server.state = 'succeeded';
    await sleep(60);
    assert.equal(w.done, true);
    assert.equal(events.at(-1), 'succeeded');
    const calls = server.calls;
    await sleep(60);
    assert.equal(server.calls, calls, 'no fetch after a final state');
    assert.equal(jobs.get('lab')?.detail('81')?.state, 'succeeded');
    w.dispose();
    assert.equal(poller.size, 0);
  });

  it('does not fetch while hidden, and catches up when shown', async () => {
    const server = new FakeServer();
    server.state = 'pending';
    const jobs = setup(server);
    const poller = new DetailPoller(jobs, { intervalMs: () => 20 });
    const w = poller.watch('lab', '81', undefined, false);
    await sleep(60);
    assert.equal(server.calls, 0);
    w.setVisible(true);
    await sleep(10);
    assert.equal(server.calls, 1);
    w.setVisible(false);
    const calls = server.calls;
    await sleep(60);
    assert.equal(server.calls, calls);
    poller.dispose();
  });

  it('reports errors, backs off, and stops for good when the job is gone', async () => {
    const server = new FakeServer();
    server.fail = new JobdeckError({ code: 'server', connection: 'lab', operation: 'get job', status: 503 });
    const jobs = setup(server);
    const errors: string[] = [];
    const poller = new DetailPoller(jobs, { intervalMs: () => 30 });
    const w: DetailWatch = poller.watch('lab', '81', () => w.error && errors.push((w.error as JobdeckError).code));
    await sleep(25);
    assert.deepEqual(errors, ['server']);
    assert.equal(w.nextDelayMs, 60, 'the wait doubles after a failure');
    server.fail = new JobdeckError({ code: 'notFound', connection: 'lab', operation: 'get job', status: 404 });
    await w.refresh();
    assert.equal(w.done, true);
    assert.deepEqual(errors, ['server', 'notFound']);
    const calls = server.calls;
    await sleep(50);
    assert.equal(server.calls, calls);
    poller.dispose();
  });

  it('says so when the connection is not configured', async () => {
    const jobs = new JobStore();
    const errors: string[] = [];
    const poller = new DetailPoller(jobs, { intervalMs: () => 10 });
    const w: DetailWatch = poller.watch('gone', '1', () => w.error && errors.push((w.error as Error).message));
    await sleep(5);
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
    await sleep(5);
    assert.deepEqual(loaded, ['succeeded']);
    assert.equal(w.done, true);
    await w.refresh();
    assert.equal(server.calls, 2);
    poller.dispose();
  });
});
