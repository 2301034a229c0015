// HttpClient's clock: the backoff between retries (full jitter, capped), Retry-After, the
// per-attempt deadline, cancellation while waiting, the request log, and no timer or listener
// left behind. Time is the fake clock's; the server is a real one on loopback. The jitter's
// Math.random is pinned for a test so each wait is one exact number.
import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { HttpClient, type HttpClientOptions, type RequestLogEntry } from '../../../src/client/http';
import { rejectsWithout } from '../../support/fixtures';
import { installClock, type FakeClock } from '../support/fakeClock';
import { startRecordingServer, type RecordingServer, type ScriptedResponse } from '../support/recordingServer';
import { until } from '../support/until';

const TOKEN = 'timing-token-5150';
const rejects = (p: Promise<unknown>) => rejectsWithout(TOKEN, p);

describe('HttpClient timing', () => {
  let server: RecordingServer;
  let clock: FakeClock;
  let logs: RequestLogEntry[];
  let random: () => number;
  /** Requests the server holds until the test lets them go (or the socket closes). */
  let held: (() => void)[];

  beforeEach(async () => {
    server = await startRecordingServer();
    clock = installClock();
    logs = [];
    held = [];
    random = Math.random;
  });
  afterEach(async () => {
    Math.random = random;
    clock.uninstall();
    for (const release of held) release();
    await server.close();
  });

  function client(extra: Partial<HttpClientOptions> = {}): HttpClient {
    return new HttpClient({
      connection: { name: 'lab', kind: 'cdrouter', url: server.url },
      auth: 'bearer',
      token: async () => TOKEN,
      log: (e) => logs.push(e),
      ...extra,
    });
  }

  const hold = (): Promise<ScriptedResponse> =>
    new Promise((resolve) => held.push(() => resolve({ body: { late: true } })));

  /**
   * Waits until the client has logged `n` attempts (it plans its wait in the same turn), then
   * runs the clock to the next timer: what the clock moved is how long the client waited.
   */
  async function waitAfter(n: number): Promise<number> {
    await until(() => logs.length === n, `attempt ${n} logged`);
    assert.equal(clock.countTimers(), 1, 'one timer: the wait before the next attempt');
    const t0 = clock.now;
    await clock.nextAsync();
    return clock.now - t0;
  }

  it('waits between retries as full jitter over a doubling cap of at most 10 s', async () => {
    Math.random = () => 0.5;
    server.respond(() => ({ status: 503, body: { error: 'busy' } }));
    const p = rejects(
      client({ retryBaseMs: 3000, maxRetries: 4 }).request({ method: 'GET', path: '/x', operation: 'list' }),
    );
    // caps 3 s, 6 s, 10 s (not 12), 10 s: each wait is half the cap plus the jitter's share.
    const waits = [await waitAfter(1), await waitAfter(2), await waitAfter(3), await waitAfter(4)];
    assert.deepEqual(waits, [2250, 4500, 7500, 7500]);
    const e = await p;
    assert.equal(e.code, 'server');
    assert.equal(server.requests.length, 5);
    assert.deepEqual(
      logs.map((l) => [l.method, l.path, l.status, l.ms, l.attempt, l.error]),
      [0, 1, 2, 3, 4].map((attempt) => ['GET', '/x', 503, 0, attempt, undefined]),
    );
  });

  it('the jitter never waits less than half the cap', async () => {
    Math.random = () => 0;
    server.respond(() => ({ status: 502, body: {} }));
    const p = rejects(
      client({ retryBaseMs: 1000, maxRetries: 2 }).request({ method: 'GET', path: '/x', operation: 'list' }),
    );
    assert.deepEqual([await waitAfter(1), await waitAfter(2)], [500, 1000]);
    await p;
  });

  it('waits what Retry-After says instead of the backoff, up to maxRetryAfterMs inclusive', async () => {
    Math.random = () => 0.5;
    let n = 0;
    server.respond(() =>
      ++n === 1 ? { status: 503, headers: { 'Retry-After': '2' }, body: {} } : { body: { ok: true } },
    );
    const p = client({ retryBaseMs: 3000, maxRetryAfterMs: 2000 }).request({
      method: 'GET',
      path: '/x',
      operation: 'list',
    });
    assert.equal(await waitAfter(1), 2000);
    assert.deepEqual((await p).data, { ok: true });
    assert.equal(server.requests.length, 2);
  });

  it('a Retry-After over the limit is not waited for: the error says when to retry, rounded up', async () => {
    server.respond(() => ({ status: 429, headers: { 'Retry-After': '1.2' }, body: { error: 'quota' } }));
    const e = await rejects(
      client({ maxRetryAfterMs: 1000 }).request({ method: 'GET', path: '/x', operation: 'list' }),
    );
    assert.equal(e.code, 'rateLimited');
    assert.equal(e.retryAfterMs, 1200);
    assert.equal(e.detail, 'retry after 2 s');
    assert.equal(server.requests.length, 1);
    assert.equal(clock.countTimers(), 0);
  });

  it('an error status without Retry-After has no retry detail', async () => {
    server.respond(() => ({ status: 503, body: { error: 'busy' } }));
    const e = await rejects(client().request({ method: 'POST', path: '/x', json: {}, operation: 'launch' }));
    assert.equal(e.retryAfterMs, undefined);
    assert.equal(e.detail, undefined);
    assert.equal(e.message, 'lab: launch failed: server error (HTTP 503) — busy');
  });

  it('a redirect is not an attempt: the retries after it are all still there', async () => {
    Math.random = () => 0;
    server.respond((r) => (r.path === '/old' ? { status: 302, headers: { Location: '/new' } } : { status: 503 }));
    const p = rejects(
      client({ retryBaseMs: 100, maxRetries: 1 }).request({ method: 'GET', path: '/old', operation: 'list' }),
    );
    assert.equal(await waitAfter(2), 50);
    const e = await p;
    assert.equal(e.code, 'server');
    assert.deepEqual(
      server.requests.map((r) => r.path),
      ['/old', '/new', '/new'],
    );
    assert.deepEqual(
      logs.map((l) => [l.path, l.status, l.attempt]),
      [
        ['/old', 302, 0],
        ['/new', 503, 0],
        ['/new', 503, 1],
      ],
    );
  });

  it('a dropped connection is retried for a read, logged with its error and no status', async () => {
    Math.random = () => 0;
    let n = 0;
    server.respond(() => (++n < 3 ? { drop: true } : { body: { ok: 1 } }));
    const p = client({ retryBaseMs: 200, maxRetries: 2 }).request({ method: 'GET', path: '/x', operation: 'list' });
    assert.deepEqual([await waitAfter(1), await waitAfter(2)], [100, 200]);
    assert.deepEqual((await p).data, { ok: 1 });
    const dropped = 'lab: list failed: cannot reach the server — ECONNRESET: socket hang up';
    assert.deepEqual(logs, [
      { method: 'GET', path: '/x', status: undefined, ms: 0, attempt: 0, error: dropped },
      { method: 'GET', path: '/x', status: undefined, ms: 0, attempt: 1, error: dropped },
      { method: 'GET', path: '/x', status: 200, ms: 0, attempt: 2, error: undefined },
    ]);
  });

  it('gives up on a dropped read after maxRetries', async () => {
    Math.random = () => 0;
    server.respond(() => ({ drop: true }));
    const p = rejects(
      client({ retryBaseMs: 10, maxRetries: 1 }).request({ method: 'GET', path: '/x', operation: 'list' }),
    );
    await waitAfter(1);
    const e = await p;
    assert.equal(e.code, 'network');
    assert.equal(e.detail, 'ECONNRESET: socket hang up');
    assert.equal(server.requests.length, 2);
  });

  it('times out an attempt that has no complete answer within timeoutMs, and retries a read', async () => {
    server.respond(hold);
    const p = rejects(
      client({ timeoutMs: 1400, maxRetries: 0 }).request({ method: 'GET', path: '/x', operation: 'list' }),
    );
    await until(() => server.requests.length === 1, 'the request arrived');
    await clock.tickAsync(1399);
    assert.equal(logs.length, 0, 'still waiting at 1399 ms');
    await clock.tickAsync(1);
    const e = await p;
    assert.equal(e.code, 'timeout');
    assert.equal(e.detail, 'no complete answer within 1 s');
    assert.equal(logs[0].ms, 1400);
    assert.equal(logs[0].error, 'lab: list failed: timed out — no complete answer within 1 s');

    Math.random = () => 0;
    logs = [];
    const again = rejects(
      client({ timeoutMs: 1000, maxRetries: 1, retryBaseMs: 100 }).request({
        method: 'GET',
        path: '/y',
        operation: 'list',
      }),
    );
    await until(() => server.requests.length === 2, 'the second request arrived');
    await clock.tickAsync(1000);
    assert.equal(await waitAfter(1), 50);
    await until(() => server.requests.length === 3, 'the retry arrived');
    await clock.tickAsync(1000);
    assert.equal((await again).code, 'timeout');
  });

  it('a write that timed out may have happened: it says so, and is not sent again', async () => {
    server.respond(hold);
    for (const method of ['POST', 'PUT', 'DELETE'] as const) {
      const before = server.requests.length;
      const p = rejects(
        client({ timeoutMs: 2600 }).request({ method, path: '/jobs/1', json: {}, operation: 'change' }),
      );
      await until(() => server.requests.length === before + 1, `${method} arrived`);
      await clock.tickAsync(2600);
      const e = await p;
      assert.equal(e.code, 'timeout');
      assert.equal(
        e.detail,
        'no complete answer within 3 s; the server may have done it anyway: refresh before trying again',
      );
      assert.equal(clock.countTimers(), 0, `${method}: no retry planned`);
      assert.equal(server.requests.length, before + 1);
    }
  });

  it('a signal aborted before the call sends nothing', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const e = await rejects(client().request({ method: 'GET', path: '/x', operation: 'list', signal: ctl.signal }));
    assert.equal(e.code, 'cancelled');
    assert.equal(e.message, 'lab: list failed: cancelled');
    assert.equal(server.requests.length, 0);
    assert.equal(logs.length, 0);
  });

  it('an abort while waiting to retry ends the wait at once, cancelled, and leaves no listener', async () => {
    server.respond(() => ({ status: 503, headers: { 'Retry-After': '30' }, body: {} }));
    const ctl = new AbortController();
    const p = rejects(client().request({ method: 'GET', path: '/x', operation: 'list', signal: ctl.signal }));
    await until(() => logs.length === 1, 'the first answer');
    assert.equal(clock.countTimers(), 1);
    ctl.abort();
    const e = await p;
    assert.equal(e.code, 'cancelled');
    assert.equal(server.requests.length, 1);
    assert.equal(clock.countTimers(), 0, 'the wait’s timer is gone');
    assert.equal(getEventListeners(ctl.signal, 'abort').length, 0);
  });

  it('an abort while the request is in flight cancels it without a retry', async () => {
    server.respond(hold);
    const ctl = new AbortController();
    const p = rejects(client().request({ method: 'GET', path: '/x', operation: 'list', signal: ctl.signal }));
    await until(() => server.requests.length === 1, 'the request arrived');
    ctl.abort();
    const e = await p;
    assert.equal(e.code, 'cancelled');
    assert.equal(logs.length, 1);
    assert.equal(logs[0].error, 'lab: list failed: cancelled');
    assert.equal(clock.countTimers(), 0, 'neither a deadline nor a retry left');
  });

  it('a finished request leaves no timer and no listener on its signal', async () => {
    server.respond(() => ({ body: { ok: true } }));
    const ctl = new AbortController();
    const res = await client().request({ method: 'GET', path: '/x', operation: 'list', signal: ctl.signal });
    assert.deepEqual(res.data, { ok: true });
    assert.equal(clock.countTimers(), 0);
    assert.equal(getEventListeners(ctl.signal, 'abort').length, 0);
  });
});
