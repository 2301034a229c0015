import * as assert from 'node:assert/strict';
import { connect } from '../../../src/client/registry';
import type { JobdeckError } from '../../../src/client/errors';
import type { DialectKind, JobEvent } from '../../../src/client/model';
import { TailFollower } from '../../../src/store/tail/follower';
import { startFrozen } from '../emulator/harness';
import type { Emulator } from '../../emulator/index';
import { RecordedRequest, RecordingServer, ScriptedResponse, startRecordingServer } from '../support/recordingServer';
import { installClock, onlyWaitPending } from '../support/fakeClock';
import { until } from '../support/until';

function adapterFor(kind: DialectKind, url: string) {
  return connect(
    { name: 'lab', kind, url },
    { token: async () => 'demo-token', retryBaseMs: 1, maxRetries: 0, timeoutMs: 3000 },
  ).adapter;
}

class Sink {
  events: JobEvent[] = [];
  lost: JobdeckError[] = [];
  back = 0;
  readonly sink = {
    events: (e: JobEvent[]) => this.events.push(...e),
    connection: (status: 'lost' | 'back', error?: JobdeckError) => {
      if (status === 'lost') this.lost.push(error as JobdeckError);
      else this.back++;
    },
  };
  ids(): string[] {
    return this.events.map((e) => e.id);
  }
}

async function waitFor(what: string, cond: () => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

describe('tail follower: event API cursor (Puppet, against the jobs emulator)', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startFrozen();
  });
  afterEach(() => emu.stop());

  /** Event requests the emulator answered (or ended) for a job. */
  const eventPolls = (jobId: string) =>
    emu.control.log().filter((l) => l.path.endsWith(`/jobs/${jobId}/events`)).length;

  it('follows thousands of events across a server restart with no gap and no duplicate', async () => {
    const adapter = adapterFor('puppet-orchestrator', emu.urls['puppet-orchestrator']);
    const job = (await adapter.listJobs({ pageSize: 200 })).items.find((j) => j.state === 'running');
    assert.ok(job, 'the emulator has a running Puppet job');
    const before = (await adapter.getEvents(job.id, undefined)).events.length;
    const out = new Sink();
    const f = new TailFollower({
      adapter,
      jobId: job.id,
      sink: out.sink,
      eventIntervalMs: 10,
      stateCheckMs: 60_000,
      baseBackoffMs: 20,
      maxBackoffMs: 100,
    }).start();
    await waitFor('the existing events', () => out.events.length === before);

    emu.control.emitPuppetEvents(job.id, 1500);
    await waitFor('the first batch', () => out.events.length >= before + 500);
    // Restart while the tail is reading; more events arrive while the server is down.
    const restarting = emu.control.restart(400);
    emu.control.emitPuppetEvents(job.id, 1500);
    await restarting;
    emu.control.emitPuppetEvents(job.id, 1000);
    const total = before + 4000;
    await waitFor('every event', () => out.events.length >= total, 30_000);
    // Two more polls answered after the last event: had the server more, they would have brought it.
    const polls = eventPolls(job.id);
    await waitFor('two more polls', () => eventPolls(job.id) >= polls + 2);

    assert.equal(out.events.length, total, 'nothing more than what the server had');
    assert.deepEqual(out.ids(), range(1, total), 'ids 1…N exactly once, in order');
    assert.ok(out.lost.length >= 1, 'the restart was noticed');
    assert.equal(out.back, out.lost.length, 'and contact came back each time');
    assert.equal(f.cursor, String(total + 1), 'the cursor points after the last event');
    f.stop();
    const end = await f.done;
    assert.equal(end.reason, 'stopped');
    const atStop = eventPolls(job.id);
    // A second follower on another job, at the same pace: once it has polled five times, the
    // stopped one would have polled too. At most the request in flight at stop() (aborted, but
    // logged by the emulator when it ends) comes after.
    const other = (await adapter.listJobs({ pageSize: 200 })).items.find(
      (j) => j.state === 'running' && j.id !== job.id,
    );
    assert.ok(other, 'the emulator has a second running Puppet job');
    const pace = new TailFollower({
      adapter,
      jobId: other.id,
      sink: new Sink().sink,
      eventIntervalMs: 10,
      stateCheckMs: 60_000,
    }).start();
    await waitFor('five polls of the other follower', () => eventPolls(other.id) >= 5);
    pace.stop();
    await pace.done;
    assert.ok(eventPolls(job.id) <= atStop + 1, `${eventPolls(job.id) - atStop} requests after stop`);
  });
});

describe('tail follower: event API cursor (scripted server)', () => {
  let server: RecordingServer;
  afterEach(() => server.close());

  function puppetEvent(id: number) {
    return {
      id: String(id),
      type: 'node_running',
      timestamp: '2026-01-01T00:00:00Z',
      details: { node: `n${id}`, detail: {} },
      message: `event ${id}`,
    };
  }

  it('resumes from the cursor after errors, drops re-sent events, drains after the job ends', async () => {
    let eventCalls = 0;
    const script: ScriptedResponse[] = [
      { body: { 'next-events': { event: '4' }, items: [1, 2, 3].map(puppetEvent) } },
      { status: 500, body: { kind: 'x/error', msg: 'boom' } },
      { drop: true },
      // The server sends event 3 again: it must not be printed twice.
      { body: { 'next-events': { event: '6' }, items: [3, 4, 5].map(puppetEvent) } },
      { body: { 'next-events': { event: '6' }, items: [] } },
      // Written just before the job ended: still delivered.
      { body: { 'next-events': { event: '7' }, items: [6].map(puppetEvent) } },
      { body: { 'next-events': { event: '7' }, items: [] } },
    ];
    server = await startRecordingServer((r: RecordedRequest) => {
      if (r.path.endsWith('/events')) return script[Math.min(eventCalls++, script.length - 1)];
      if (r.path.endsWith('/nodes')) return { body: { items: [] } };
      return {
        body: {
          id: 'https://x/orchestrator/v1/jobs/7',
          name: '7',
          state: 'finished',
          status: [{ state: 'finished', enter_time: '2026-01-01T00:00:00Z' }],
        },
      };
    });
    const out = new Sink();
    const f = new TailFollower({
      adapter: adapterFor('puppet-orchestrator', server.url),
      jobId: '7',
      sink: out.sink,
      eventIntervalMs: 5,
      stateCheckMs: 0,
      baseBackoffMs: 5,
    }).start();
    const end = await f.done;
    assert.equal(end.reason, 'finished');
    assert.equal(end.state, 'succeeded');
    assert.deepEqual(out.ids(), ['1', '2', '3', '4', '5', '6']);
    assert.deepEqual(
      out.events.map((e) => e.node),
      ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'],
    );
    const starts = server.requests.filter((r) => r.path.endsWith('/events')).map((r) => r.query.get('start'));
    assert.deepEqual(starts, [null, '4', '4', '4', '6', '6', '7'], 'the cursor moves only after a delivered page');
    assert.equal(out.lost.length, 1, 'one notice per streak of errors');
    assert.equal(out.lost[0].code, 'server');
    assert.equal(out.back, 1);
  });

  it('starts event polls one interval apart however slow the answers, with no extra call after a page with events', async () => {
    const arrivals: number[] = [];
    let next = 1;
    server = await startRecordingServer((r: RecordedRequest) => {
      if (r.path.endsWith('/nodes')) return { body: { items: [] } };
      if (!r.path.endsWith('/events'))
        return {
          body: {
            id: 'https://x/orchestrator/v1/jobs/7',
            name: '7',
            state: 'running',
            status: [{ state: 'running', enter_time: '2026-01-01T00:00:00Z' }],
          },
        };
      arrivals.push(Date.now());
      // Every other answer carries an event; each takes 150 ms.
      const items = arrivals.length % 2 ? [puppetEvent(next++)] : [];
      return { delayMs: 150, body: { 'next-events': { event: String(next) }, items } };
    });
    // On a fake clock (the server's 150 ms too): loopback I/O takes no time on it, and the clock
    // moves only when the follower or the server waits on it, so the gaps are exact.
    const clock = installClock();
    const out = new Sink();
    try {
      const f = new TailFollower({
        adapter: adapterFor('puppet-orchestrator', server.url),
        jobId: '7',
        sink: out.sink,
        eventIntervalMs: 300,
        stateCheckMs: 60_000,
      }).start();
      // A wait on the clock of 300 ms or less is the follower's or the server's (the request
      // deadline is 3 s away): the rest of the system is idle then.
      const timers = () => [
        ...((clock as unknown as { timers?: Map<unknown, { callAt: number }> }).timers?.values() ?? []),
      ];
      const waiting = () => timers().some((t) => t.callAt - clock.now <= 300);
      while (out.events.length < 4) {
        await until(waiting, 'the follower or the server to wait on the clock');
        await clock.nextAsync();
      }
      f.stop();
      await f.done;
    } finally {
      clock.uninstall();
    }
    // From the second poll: the first one also read the job. Waiting an interval after each
    // answer would make 450 ms gaps; polling again at once after events, 150 ms ones.
    const gaps = arrivals.slice(2, 7).map((t, i) => t - arrivals[i + 1]);
    assert.deepEqual(gaps, [300, 300, 300, 300, 300], `gaps between poll starts: ${gaps.join(', ')} ms`);
    assert.deepEqual(out.ids(), ['1', '2', '3', '4']);
  });

  it('ends with the error when the job is gone, without retrying', async () => {
    server = await startRecordingServer(() => ({
      status: 404,
      body: { kind: 'puppetlabs.orchestrator/unknown-job', msg: 'No job 9' },
    }));
    const out = new Sink();
    const end = await new TailFollower({
      adapter: adapterFor('puppet-orchestrator', server.url),
      jobId: '9',
      sink: out.sink,
      eventIntervalMs: 5,
    }).start().done;
    assert.equal(end.reason, 'failed');
    assert.equal(end.error?.code, 'notFound');
    assert.equal(server.requests.length, 1);
  });
});

describe('tail follower: derived events (CDRouter, scripted snapshots)', () => {
  let server: RecordingServer;
  afterEach(() => server.close());

  function cdrouterJob(status: string) {
    return {
      timestamp: '2026-01-01T00:00:00Z',
      data: {
        id: '5',
        status,
        package_name: 'dns suite',
        created: '2026-01-01T00:00:00Z',
        run_at: '2026-01-01T00:00:05Z',
        updated: '2026-01-01T00:10:00Z',
      },
    };
  }

  it('polls the job, prints each state change once, survives an error, and ends on the final state', async () => {
    const script: ScriptedResponse[] = [
      { body: cdrouterJob('pending') },
      { body: cdrouterJob('running') },
      { body: cdrouterJob('running') },
      { status: 503, body: { error: 'maintenance' } },
      { body: cdrouterJob('running') },
      { body: cdrouterJob('completed') },
    ];
    let n = 0;
    server = await startRecordingServer(() => script[Math.min(n++, script.length - 1)]);
    const out = new Sink();
    const intervals: (string | undefined)[] = [];
    const f = new TailFollower({
      adapter: adapterFor('cdrouter', server.url),
      jobId: '5',
      sink: out.sink,
      baseBackoffMs: 5,
      derivedIntervalMs: (s) => {
        intervals.push(s);
        return 5;
      },
    });
    assert.equal(f.mode, 'derived');
    const end = await f.start().done;
    assert.equal(end.reason, 'finished');
    assert.equal(end.rawState, 'completed');
    assert.deepEqual(
      out.events.map((e) => e.message),
      ['Job pending', 'Job running', 'Job completed'],
    );
    assert.deepEqual(out.ids(), ['1', '2', '3']);
    assert.equal(out.lost.length, 1);
    assert.equal(out.back, 1);
    assert.equal(server.requests.length, 6, 'one snapshot per poll, none after the end');
    assert.ok(server.requests.every((r) => r.method === 'GET' && r.path === '/api/v1/jobs/5/'));
    assert.deepEqual(intervals, ['pending', 'running', 'running', 'running'], 'the interval follows the job state');
  });

  it('stop() ends a waiting tail at once', async () => {
    server = await startRecordingServer(() => ({ body: cdrouterJob('running') }));
    const out = new Sink();
    const f = new TailFollower({
      adapter: adapterFor('cdrouter', server.url),
      jobId: '5',
      sink: out.sink,
      derivedIntervalMs: () => 60_000,
    }).start();
    await waitFor('the first snapshot', () => out.events.length === 1);
    const t = Date.now();
    f.stop();
    const end = await f.done;
    assert.equal(end.reason, 'stopped');
    assert.ok(Date.now() - t < 1000, 'did not wait for the interval');
    assert.equal(server.requests.length, 1);
  });
});

describe('tail follower: its own defaults (CDRouter on the emulator, fake clock)', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startFrozen({ jobs: 30 });
  });
  afterEach(() => emu.stop());

  it('reads a running job every 2 s and a waiting one every 10 s; a second start adds no second loop', async () => {
    const adapter = adapterFor('cdrouter', emu.urls.cdrouter);
    const running = (await adapter.listJobs({ pageSize: 50 })).items.find((j) => j.state === 'running');
    assert.ok(running, 'the emulator has a running CDRouter job');
    const waiting = await adapter.launch({ kind: 'cdrouter', packageId: '1027' });
    const clock = installClock();
    const followers: TailFollower[] = [];
    try {
      const reads = (id: string) =>
        emu.control.log().filter((e) => e.method === 'GET' && new RegExp(`/jobs/${id}/?$`).test(e.path)).length;
      const sleepAfter = async (id: string, n: number) => {
        await until(() => reads(id) === n && onlyWaitPending(clock, 3000), `read ${n} of job ${id}, then a wait`);
        const t0 = clock.now;
        await clock.nextAsync();
        return clock.now - t0;
      };
      for (const [job, wait] of [
        [running, 2000],
        [waiting, 10_000],
      ] as const) {
        const f = new TailFollower({ adapter, jobId: job.id, sink: new Sink().sink });
        followers.push(f);
        assert.equal(f.start(), f);
        assert.equal(f.start(), f);
        assert.equal(await sleepAfter(job.id, 1), wait, job.state);
        await until(() => reads(job.id) === 2, 'the next read');
        f.stop();
        assert.equal((await f.done).reason, 'stopped');
      }
    } finally {
      for (const f of followers) f.stop();
      clock.uninstall();
    }
  });
});
