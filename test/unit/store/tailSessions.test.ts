// The tails of jobs (Tail Job), on the jobs emulator through the real CDRouter adapter (derived
// events: one read of the job per interval) and a fake clock: the wait between two reads is
// measured exactly as the time to the follower's one timer.
import * as assert from 'node:assert/strict';
import type { JobdeckError } from '../../../src/client/errors';
import type { Job, JobEvent } from '../../../src/client/model';
import { connect } from '../../../src/client/registry';
import { ConnectionStore } from '../../../src/store/connectionStore';
import type { TailEnd } from '../../../src/store/tail/follower';
import { TailSessions, type TailSession } from '../../../src/store/tail/tailSessions';
import { DEFAULT_TOKEN, type Emulator } from '../../emulator/index';
import { startFrozen } from '../emulator/harness';
import { installClock, onlyWaitPending, type FakeClock } from '../support/fakeClock';
import { until } from '../support/until';

describe('TailSessions (CDRouter on the emulator, fake clock)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let clock: FakeClock;
  let store: ConnectionStore;
  let pollMs: number;
  let tails: TailSessions;
  const heard: string[] = [];

  beforeEach(async () => {
    emu = await startFrozen({ jobs: 30 });
    store = new ConnectionStore(
      connect(
        { name: 'lab', kind: 'cdrouter', url: emu.urls.cdrouter },
        { token: async () => DEFAULT_TOKEN, maxRetries: 0 },
      ),
      50,
    );
    await store.refresh();
    clock = installClock();
    pollMs = 5000;
    tails = new TailSessions({ eventIntervalMs: 1000, pollIntervalMs: () => pollMs });
    heard.length = 0;
    tails.subscribe({
      started: (s, show) => heard.push(`started ${s.jobId} ${show}`),
      shown: (s) => heard.push(`shown ${s.jobId}`),
      ended: (s, end) => heard.push(`ended ${s.jobId} ${end.reason}`),
      changed: () => heard.push('changed'),
    });
  });
  afterEach(async () => {
    tails.dispose();
    store.dispose();
    clock.uninstall();
    await emu.stop();
  });

  const reads = (id: string) =>
    emu.control.log().filter((e) => e.method === 'GET' && new RegExp(`/jobs/${id}/?$`).test(e.path)).length;
  const followerAsleep = () => onlyWaitPending(clock);
  /** Waits for the follower to be asleep after `n` reads of the job, then returns how long it sleeps. */
  const sleepAfter = async (id: string, n: number): Promise<number> => {
    await until(() => reads(id) === n && followerAsleep(), `read ${n} of job ${id}, then a wait`);
    const t0 = clock.now;
    await clock.nextAsync();
    return clock.now - t0;
  };
  const jobIn = (state: Job['state']) => {
    const j = store.jobs.find((x) => x.state === state);
    assert.ok(j, `the emulator lists a ${state} job`);
    return j;
  };

  it('a running job is read every 2 s at most; a waiting one at the poll interval; a shorter interval is kept', async () => {
    const running = jobIn('running');
    tails.start(store, running.id, running.name);
    assert.equal(await sleepAfter(running.id, 1), 2000);
    pollMs = 1500;
    assert.equal(await sleepAfter(running.id, 2), 1500);
    tails.dispose();

    const waiting = await store.launch({ kind: 'cdrouter', packageId: '1027' });
    assert.equal(waiting.state, 'pending');
    pollMs = 5000;
    const t2 = new TailSessions({ eventIntervalMs: 1000, pollIntervalMs: () => pollMs });
    try {
      t2.start(store, waiting.id, waiting.name);
      assert.equal(await sleepAfter(waiting.id, 1), 5000);
    } finally {
      t2.dispose();
    }
  });

  it('one tail per job: asking again shows it (or not), and hands back the same session', async () => {
    const running = jobIn('running');
    const a = tails.start(store, running.id, running.name);
    assert.deepEqual([a.connection, a.jobId, a.jobName], ['lab', running.id, running.name]);
    assert.equal(tails.start(store, running.id, 'again'), a);
    assert.equal(tails.start(store, running.id, 'again', false), a);
    const other = store.jobs.find((j) => j.id !== running.id && j.state === 'running') ?? store.jobs[1];
    const b = tails.start(store, other.id, other.name, false);
    assert.deepEqual(heard, [
      `started ${running.id} true`,
      'changed',
      `shown ${running.id}`,
      `started ${other.id} false`,
      'changed',
    ]);
    assert.equal(tails.get('lab', running.id), a);
    assert.equal(tails.get('lab', other.id), b);
    assert.equal(tails.get('other', running.id), undefined);
    assert.deepEqual(
      tails.all().map((s) => s.jobId),
      [running.id, other.id],
    );
  });

  it('passes on the events of each tail, with its session', async () => {
    const running = jobIn('running');
    const got: [TailSession, JobEvent[]][] = [];
    tails.on('events', (s, events) => got.push([s, events]));
    const s = tails.start(store, running.id, running.name);
    await until(() => got.length > 0, 'the first events');
    assert.equal(got[0][0], s);
    assert.match(got[0][1][0].message, /^Job /);
  });

  it('Stop ends the tail (and says so), and a job not tailed is no stop; stopAll stops every one', async () => {
    const [a, b] = store.jobs.filter((j) => j.state === 'running');
    assert.ok(a && b, 'two running jobs');
    tails.start(store, a.id, a.name);
    tails.start(store, b.id, b.name);
    heard.length = 0;
    assert.equal(await tails.stop('lab', a.id), true);
    await until(() => heard.includes(`ended ${a.id} stopped`), 'the end of the tail');
    assert.equal(tails.get('lab', a.id), undefined);
    assert.deepEqual(heard, ['changed', `ended ${a.id} stopped`]);
    assert.equal(await tails.stop('lab', a.id), false);
    assert.equal(await tails.stop('other', b.id), false);
    await tails.stopAll();
    await until(() => tails.all().length === 0, 'every tail ended');
    assert.ok(heard.includes(`ended ${b.id} stopped`));
  });

  it('a job that ends ends its tail; a tail started again afterwards is a new one', async () => {
    const running = jobIn('running');
    const ends: TailEnd[] = [];
    tails.on('ended', (_s, end) => ends.push(end));
    const first = tails.start(store, running.id, running.name);
    await until(() => reads(running.id) === 1 && followerAsleep(), 'the first read');
    emu.control.step(10 * 86_400_000);
    await clock.nextAsync();
    await until(() => ends.length === 1, 'the tail to end');
    assert.equal(ends[0].reason, 'finished');
    assert.ok(['succeeded', 'failed', 'stopped'].includes(ends[0].state!), ends[0].state);
    assert.equal(tails.get('lab', running.id), undefined);
    const again = tails.start(store, running.id, running.name);
    assert.notEqual(again, first);
  });

  it('tells of contact lost (with the error and the wait) and found again', async () => {
    const running = jobIn('running');
    const contact: [string, JobdeckError | undefined, number | undefined][] = [];
    tails.on('contact', (_s, status, error, retryInMs) => contact.push([status, error, retryInMs]));
    tails.start(store, running.id, running.name);
    await until(() => reads(running.id) === 1 && followerAsleep(), 'the first read');
    emu.control.setFaults('cdrouter', { error500: 1 });
    await clock.nextAsync();
    await until(() => contact.length === 1, 'contact lost');
    assert.equal(contact[0][0], 'lost');
    assert.equal(contact[0][1]?.code, 'server');
    assert.equal(contact[0][2], 1000);
    emu.control.clearFaults('cdrouter');
    await until(followerAsleep, 'the wait after the failure');
    await clock.nextAsync();
    await until(() => contact.length === 2, 'contact back');
    assert.deepEqual([contact[1][0], contact[1][1], contact[1][2]], ['back', undefined, undefined]);
  });

  it('dispose stops every tail and tells nobody any more', async () => {
    const running = jobIn('running');
    const s = tails.start(store, running.id, running.name);
    heard.length = 0;
    tails.dispose();
    assert.deepEqual(tails.all(), []);
    const end = await s.follower.done;
    assert.equal(end.reason, 'stopped');
    assert.deepEqual(heard, []);
  });
});
