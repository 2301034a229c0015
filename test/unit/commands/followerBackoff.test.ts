// The tail follower when the server fails: the wait doubles from the base to the cap, contact
// lost is said once per streak (with the first wait) and contact back once, the defaults are
// 1 s to 30 s, and a stop while a read is under way ends the tail as stopped, not as a failure.
// CDRouter's real adapter on a scripted loopback server; time is the fake clock's.
import * as assert from 'node:assert/strict';
import { connect } from '../../../src/client/registry';
import type { JobdeckError } from '../../../src/client/errors';
import type { JobEvent } from '../../../src/client/model';
import { TailFollower } from '../../../src/store/tail/follower';
import { installClock, onlyWaitPending, type FakeClock } from '../support/fakeClock';
import { startRecordingServer, type RecordingServer, type ScriptedResponse } from '../support/recordingServer';
import { until } from '../support/until';

/** The requests' deadline: longer than the longest backoff (30 s), so the two timers differ. */
const DEADLINE_MS = 45_000;

const job = (status: string) => ({ data: { id: '5', status, package_name: 'dns', created: '2026-01-01T00:00:00Z' } });

describe('tail follower: failures and backoff (fake clock)', () => {
  let server: RecordingServer;
  let clock: FakeClock;
  let lost: [JobdeckError | undefined, number | undefined][];
  let back: number;
  let events: JobEvent[];
  const sink = {
    events: (e: JobEvent[]) => events.push(...e),
    connection: (status: 'lost' | 'back', error?: JobdeckError, retryInMs?: number) => {
      if (status === 'lost') lost.push([error, retryInMs]);
      else back++;
    },
  };

  beforeEach(async () => {
    server = await startRecordingServer();
    clock = installClock();
    lost = [];
    back = 0;
    events = [];
  });
  afterEach(async () => {
    clock.uninstall();
    await server.close();
  });

  const adapter = () =>
    connect(
      { name: 'lab', kind: 'cdrouter', url: server.url },
      { token: async () => 't', maxRetries: 0, timeoutMs: DEADLINE_MS },
    ).adapter;

  /** Waits for read `n` to be answered and the follower to plan its wait; runs the clock to it. */
  async function waitAfter(f: TailFollower, n: number): Promise<number> {
    await until(() => server.requests.length === n && onlyWaitPending(clock, DEADLINE_MS), `read ${n}, then a wait`);
    const t0 = clock.now;
    await clock.nextAsync();
    return clock.now - t0;
  }

  function script(answers: ScriptedResponse[]): void {
    let n = 0;
    server.respond(() => answers[Math.min(n++, answers.length - 1)]);
  }

  it('doubles the wait from the base to the cap; lost once, back once', async () => {
    const down = { status: 503, body: { error: 'maintenance' } };
    script([down, down, down, down, down, { body: job('running') }, { body: job('completed') }]);
    const f = new TailFollower({
      adapter: adapter(),
      jobId: '5',
      sink,
      baseBackoffMs: 100,
      maxBackoffMs: 300,
      derivedIntervalMs: () => 50,
    }).start();
    const waits: number[] = [];
    for (let n = 1; n <= 5; n++) waits.push(await waitAfter(f, n));
    assert.deepEqual(waits, [100, 200, 300, 300, 300]);
    assert.equal(f.failures, 5);
    assert.equal(lost.length, 1, 'one report per streak');
    assert.equal(lost[0][0]?.code, 'server');
    assert.equal(lost[0][1], 100, 'with the first wait');
    assert.equal(await waitAfter(f, 6), 50, 'back to the interval');
    assert.equal(f.failures, 0);
    assert.equal(back, 1);
    const end = await f.done;
    assert.deepEqual(
      [end.reason, end.state, end.rawState, end.error],
      ['finished', 'succeeded', 'completed', undefined],
    );
    assert.deepEqual(
      events.map((e) => e.message),
      ['Job running', 'Job completed'],
    );
  });

  it('waits 1 s, doubling, up to 30 s by default', async () => {
    script([{ status: 502, body: {} }]);
    const f = new TailFollower({ adapter: adapter(), jobId: '5', sink }).start();
    const waits: number[] = [];
    for (let n = 1; n <= 7; n++) waits.push(await waitAfter(f, n));
    assert.deepEqual(waits, [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    assert.equal(lost[0][1], 1000);
    f.stop();
    assert.equal((await f.done).reason, 'stopped');
  });

  it('a stop while a read is under way ends the tail as stopped, with the state last read', async () => {
    let release: (() => void) | undefined;
    let n = 0;
    server.respond(() =>
      ++n === 1
        ? { body: job('running') }
        : new Promise<ScriptedResponse>((resolve) => (release = () => resolve({ body: job('running') }))),
    );
    const f = new TailFollower({ adapter: adapter(), jobId: '5', sink, derivedIntervalMs: () => 10 }).start();
    await waitAfter(f, 1);
    await until(() => server.requests.length === 2, 'the second read arrived');
    f.stop();
    const end = await f.done;
    release?.();
    assert.deepEqual([end.reason, end.state, end.rawState, end.error], ['stopped', 'running', 'running', undefined]);
    assert.equal(lost.length, 0, 'a stop is no lost contact');
    assert.equal(f.stopped, true);
  });

  it('a job that is gone ends the tail with the error at once', async () => {
    script([{ status: 404, body: { error: 'no such job' } }]);
    const f = new TailFollower({ adapter: adapter(), jobId: '5', sink }).start();
    const end = await f.done;
    assert.deepEqual([end.reason, end.error?.code, end.error?.serverMessage], ['failed', 'notFound', 'no such job']);
    assert.deepEqual([lost.length, clock.countTimers(), server.requests.length], [0, 0, 1]);
  });
});
