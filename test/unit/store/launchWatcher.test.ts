// The launch watcher on the jobs emulator, through the real CDRouter adapter and the store:
// nothing launched, no request at all; a launched job is read once per interval (counted in
// the emulator's request log) whether or not anything else looks at it, until it ends; then
// the reads stop, the store forgets the detail, and the watcher says it ended.
import * as assert from 'node:assert/strict';
import { connect } from '../../../src/client/registry';
import { ConnectionStore } from '../../../src/store/connectionStore';
import { DetailPoller } from '../../../src/store/detailPoller';
import { JobStore } from '../../../src/store/jobStore';
import { LaunchWatcher, type WatchedJob } from '../../../src/store/launchWatcher';
import { DEFAULT_TOKEN, type Emulator } from '../../emulator/index';
import { startFrozen } from '../emulator/harness';

const INTERVAL = 250;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LaunchWatcher (CDRouter on the emulator)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let jobs: JobStore;
  let details: DetailPoller;
  let watcher: LaunchWatcher;

  beforeEach(async () => {
    emu = await startFrozen({ jobs: 5 });
    jobs = new JobStore();
    jobs.setConnections(
      [{ name: 'lab', kind: 'cdrouter', url: emu.urls.cdrouter }],
      (c) => new ConnectionStore(connect(c, { token: async () => DEFAULT_TOKEN, maxRetries: 0 }), 10),
    );
    details = new DetailPoller(jobs, { intervalMs: () => INTERVAL });
    watcher = new LaunchWatcher(jobs, details, { intervalMs: () => INTERVAL });
  });
  afterEach(async () => {
    watcher.dispose();
    details.dispose();
    jobs.dispose();
    await emu.stop();
  });

  const jobReads = (id: string) =>
    emu.control.log().filter((e) => e.method === 'GET' && new RegExp(`/jobs/${id}/?$`).test(e.path)).length;

  it('sends nothing while nothing launched is running', async () => {
    emu.control.clearLog();
    await sleep(INTERVAL * 4);
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
    await sleep(INTERVAL * 6 + INTERVAL / 2);
    const reads = jobReads(job.id);
    assert.ok(reads >= 4 && reads <= 6, `${reads} reads in 6 intervals`);
    assert.equal(reads, watcher.requests);
    const others = emu.control.log().filter((e) => !new RegExp(`/jobs/${job.id}/?$`).test(e.path));
    assert.ok(others.length <= 1, `only the store's first page besides: ${others.map((e) => e.path).join()}`);

    emu.control.step(500_000);
    await until(() => ended.length === 1);
    assert.equal(ended[0].job.id, job.id);
    assert.ok(['succeeded', 'failed'].includes(ended[0].job.state), ended[0].job.state);
    assert.equal(watcher.size, 0);
    assert.equal(store.detail(job.id), undefined, 'the store forgot the detail');
    const after = watcher.requests;
    await sleep(INTERVAL * 3);
    assert.equal(watcher.requests, after, 'no read after the end');
  });

  it('a job gone from the server (404) ends its watch; final jobs and a second launch of one are not watched twice', async () => {
    const store = jobs.get('lab')!;
    const job = await store.launch({ kind: 'cdrouter', packageId: '1027' });
    await store.addLaunched([job]);
    watcher.watch('lab', job);
    watcher.watch('lab', { ...job, id: 'x', state: 'succeeded' });
    assert.equal(watcher.size, 1);
    await store.deleteJob(job.id);
    await until(() => watcher.size === 0);
  });

  async function until(ok: () => boolean, ms = 10_000): Promise<void> {
    const end = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > end) throw new Error('timed out');
      await sleep(25);
    }
  }
});
