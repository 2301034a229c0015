// The launch watcher on the jobs emulator, through the real CDRouter adapter and the store:
// nothing launched, no request at all; a launched job is read once per interval (counted in
// the emulator's request log) whether or not anything else looks at it, until it ends; then
// the reads stop, the store forgets the detail, and the watcher says it ended. On a fake
// clock: reads are counted exactly per interval, and "nothing more" is that no timer is left.
import * as assert from 'node:assert/strict';
import { connect } from '../../../src/client/registry';
import type { Job, JobDetail } from '../../../src/client/model';
import { ConnectionStore } from '../../../src/store/connectionStore';
import { DetailPoller } from '../../../src/store/detailPoller';
import { JobStore } from '../../../src/store/jobStore';
import { LaunchWatcher, MAX_WATCHED, type WatchedJob } from '../../../src/store/launchWatcher';
import { DEFAULT_TOKEN, type Emulator } from '../../emulator/index';
import { startFrozen } from '../emulator/harness';
import { installClock, type FakeClock } from '../support/fakeClock';
import { until } from '../support/until';

const INTERVAL = 250;

/** The real detail poller, counting the loads started and ended (a read's end is the signal to go on). */
class CountingDetails extends DetailPoller {
  loadsStarted = 0;
  loadsEnded = 0;
  override async load(connection: string, jobId: string): Promise<JobDetail> {
    this.loadsStarted++;
    try {
      return await super.load(connection, jobId);
    } finally {
      this.loadsEnded++;
    }
  }
}

describe('LaunchWatcher (CDRouter on the emulator, fake clock)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let jobs: JobStore;
  let details: CountingDetails;
  let watcher: LaunchWatcher;
  let clock: FakeClock;

  beforeEach(async () => {
    emu = await startFrozen({ jobs: 5 });
    clock = installClock();
    jobs = new JobStore();
    jobs.setConnections(
      [{ name: 'lab', kind: 'cdrouter', url: emu.urls.cdrouter }],
      (c) => new ConnectionStore(connect(c, { token: async () => DEFAULT_TOKEN, maxRetries: 0 }), 10),
    );
    details = new CountingDetails(jobs, { intervalMs: () => INTERVAL });
    watcher = new LaunchWatcher(jobs, details, { intervalMs: () => INTERVAL });
  });
  afterEach(async () => {
    watcher.dispose();
    details.dispose();
    jobs.dispose();
    clock.uninstall();
    await emu.stop();
  });

  const jobReads = (id: string) =>
    emu.control.log().filter((e) => e.method === 'GET' && new RegExp(`/jobs/${id}/?$`).test(e.path)).length;

  /** Moves the clock by `ms`; a read it starts is waited for (real I/O), and what follows it. */
  const advance = async (ms: number) => {
    await clock.tickAsync(ms);
    await until(() => details.loadsEnded === details.loadsStarted, 'the read to end');
    await new Promise<void>((r) => setImmediate(r));
  };

  it('sends nothing while nothing launched is running: not even a timer', async () => {
    emu.control.clearLog();
    assert.equal(clock.countTimers(), 0);
    await advance(INTERVAL * 100);
    assert.equal(emu.control.log().length, 0);
    assert.equal(watcher.requests, 0);
    assert.equal(watcher.size, 0);
  });

  it('reads a launched job once per interval until it ends, then stops and forgets it', async () => {
    const store = jobs.get('lab')!;
    const job = await store.launch({ kind: 'cdrouter', packageId: '1027' });
    const ended: WatchedJob[] = [];
    watcher.subscribe({ ended: (e) => ended.push(e) });
    emu.control.clearLog();
    await store.addLaunched([job]);
    assert.equal(watcher.size, 1);
    assert.deepEqual(
      watcher.watched.map((w) => [w.connection, w.job.id]),
      [['lab', job.id]],
    );
    // addLaunched reads the first page once (the store was never loaded); then only the watcher.
    for (let n = 1; n <= 6; n++) {
      await advance(INTERVAL - 1);
      assert.equal(jobReads(job.id), n - 1, `no read ${n} before the interval is up`);
      await advance(1);
      assert.equal(jobReads(job.id), n, `read ${n} when the interval is up`);
    }
    assert.equal(watcher.requests, 6);
    const others = emu.control.log().filter((e) => !new RegExp(`/jobs/${job.id}/?$`).test(e.path));
    assert.equal(others.length, 1, `only the store's first page besides: ${others.map((e) => e.path).join()}`);

    emu.control.step(500_000);
    await advance(INTERVAL);
    assert.equal(ended.length, 1, 'the next read finds it ended');
    assert.equal(ended[0].job.id, job.id);
    assert.ok(['succeeded', 'failed'].includes(ended[0].job.state), ended[0].job.state);
    assert.equal(watcher.size, 0);
    assert.equal(store.detail(job.id), undefined, 'the store forgot the detail');
    assert.equal(clock.countTimers(), 0, 'no read is planned after the end');
    await advance(INTERVAL * 10);
    assert.equal(watcher.requests, 7);
  });

  it('a job gone from the server (404) ends its watch; final jobs and a second launch of one are not watched twice', async () => {
    const store = jobs.get('lab')!;
    const job = await store.launch({ kind: 'cdrouter', packageId: '1027' });
    await store.addLaunched([job]);
    const ended: (WatchedJob & { gone?: boolean })[] = [];
    watcher.subscribe({ ended: (e) => ended.push(e) });
    watcher.watch('lab', job);
    watcher.watch('lab', { ...job, id: 'x', state: 'succeeded' });
    assert.equal(watcher.size, 1);
    await store.deleteJob(job.id);
    await advance(INTERVAL);
    assert.equal(watcher.requests, 1);
    assert.deepEqual(
      ended.map((e) => [e.job.id, e.gone]),
      [[job.id, true]],
    );
    assert.equal(watcher.size, 0);
    assert.equal(clock.countTimers(), 0);
  });

  /** A launched job, running on the emulator (its reads answer until the clock passes its end). */
  const launch = async (): Promise<Job> => jobs.get('lab')!.launch({ kind: 'cdrouter', packageId: '1027' });

  it('each job is read at its own interval from its launch; one timer, for the earliest', async () => {
    const store = jobs.get('lab')!;
    const a = await launch();
    const b = await launch();
    await store.addLaunched([a]);
    emu.control.clearLog();
    await advance(100);
    await store.addLaunched([b]);
    assert.equal(clock.countTimers(), 1);
    await advance(INTERVAL - 100);
    assert.deepEqual([jobReads(a.id), jobReads(b.id)], [1, 0]);
    await advance(99);
    assert.deepEqual([jobReads(a.id), jobReads(b.id)], [1, 0]);
    await advance(1);
    assert.deepEqual([jobReads(a.id), jobReads(b.id)], [1, 1]);
    await advance(INTERVAL - 100);
    assert.deepEqual([jobReads(a.id), jobReads(b.id)], [2, 1]);
  });

  it('says what changed: a job watched, read still running, ended; a second watch of one is no change', async () => {
    const job = await launch();
    let changed = 0;
    watcher.subscribe({ changed: () => changed++ });
    watcher.watch('lab', job);
    watcher.watch('lab', job);
    assert.equal(changed, 1);
    assert.equal(watcher.size, 1);
    await advance(INTERVAL);
    // The read is heard twice (the store's detail event, and the read's own answer).
    assert.ok(changed > 1, 'the read of a job still running');
    assert.ok(['pending', 'running'].includes(watcher.watched[0].job.state), watcher.watched[0].job.state);
    const before = changed;
    emu.control.step(500_000);
    await advance(INTERVAL);
    assert.equal(changed, before + 1, 'the end');
    assert.equal(watcher.size, 0);
  });

  it('a job seen final in the list or by a panel ends its watch without a read of its own', async () => {
    const store = jobs.get('lab')!;
    const [a, b] = [await launch(), await launch()];
    await store.addLaunched([a, b]);
    const ended: string[] = [];
    watcher.subscribe({ ended: (e) => ended.push(`${e.job.id} ${e.job.state} ${e.gone}`) });
    // The list shows `a` finished (a poll's answer)...
    store.upsert({ ...store.job(a.id)!, state: 'failed', rawState: 'failed' });
    assert.deepEqual(ended, [`${a.id} failed undefined`]);
    // ...a panel reads `b` after its end.
    emu.control.step(500_000);
    await store.loadDetail(b.id);
    assert.equal(ended.length, 2);
    assert.match(ended[1], new RegExp(`^${b.id} (succeeded|failed) undefined$`));
    assert.equal(watcher.size, 0);
    assert.equal(watcher.requests, 0);
    assert.equal(clock.countTimers(), 0);
    // Someone reading a job nobody watches changes nothing.
    let changed = 0;
    watcher.subscribe({ changed: () => changed++ });
    await store.loadDetail(a.id);
    assert.equal(changed, 0);
  });

  it('a connection removed while its job is watched ends the watch as gone, with no read', async () => {
    const job = await launch();
    watcher.watch('lab', job);
    watcher.watch('other', { ...job, id: 'o1' });
    const ended: (WatchedJob & { gone?: boolean })[] = [];
    watcher.subscribe({ ended: (e) => ended.push(e) });
    jobs.setConnections(
      [{ name: 'other', kind: 'cdrouter', url: emu.urls.cdrouter }],
      (c) => new ConnectionStore(connect(c, { token: async () => DEFAULT_TOKEN, maxRetries: 0 }), 10),
    );
    assert.deepEqual(
      ended.map((e) => [e.connection, e.job.id, e.gone]),
      [['lab', job.id, true]],
    );
    assert.deepEqual(
      watcher.watched.map((w) => w.connection),
      ['other'],
    );
    assert.equal(watcher.requests, 0);
  });

  it(`watches at most ${MAX_WATCHED} jobs at once (a bulk launch), and takes new ones as watches end`, async () => {
    const job = await launch();
    const many = Array.from({ length: MAX_WATCHED + 5 }, (_, i) => ({ ...job, id: `${job.id}-${i}` }));
    for (const j of many) watcher.watch('lab', j);
    assert.equal(watcher.size, MAX_WATCHED);
    assert.deepEqual(
      watcher.watched.map((w) => w.job.id),
      many.slice(0, MAX_WATCHED).map((j) => j.id),
    );
    // The emulator has none of these made-up ids: the first read ends them all (gone).
    await advance(INTERVAL);
    assert.equal(watcher.size, 0);
    watcher.watch('lab', job);
    assert.equal(watcher.size, 1);
  });

  it('reads a failing server less often (the interval doubled per failure), and again at the interval once it answers', async () => {
    const job = await launch();
    watcher.watch('lab', job);
    emu.control.setFaults('cdrouter', { error500: 1 });
    emu.control.clearLog();
    await advance(INTERVAL);
    assert.equal(jobReads(job.id), 1);
    await advance(2 * INTERVAL - 1);
    assert.equal(jobReads(job.id), 1, 'no read before twice the interval');
    await advance(1);
    assert.equal(jobReads(job.id), 2);
    await advance(4 * INTERVAL - 1);
    assert.equal(jobReads(job.id), 2, 'no read before four times the interval');
    emu.control.clearFaults('cdrouter');
    await advance(1);
    assert.equal(jobReads(job.id), 3);
    assert.equal(watcher.size, 1, 'a failing server does not end the watch');
    await advance(INTERVAL);
    assert.equal(jobReads(job.id), 4, 'back to the interval');
  });

  it('after dispose: nothing is watched, no timer is left', async () => {
    const job = await launch();
    watcher.watch('lab', job);
    assert.equal(clock.countTimers(), 1);
    watcher.dispose();
    assert.equal(clock.countTimers(), 0);
    watcher.watch('lab', { ...job, id: 'later' });
    assert.equal(clock.countTimers(), 0);
    await advance(INTERVAL * 4);
    assert.equal(watcher.requests, 0);
  });
});
