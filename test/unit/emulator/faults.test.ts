import assert from 'node:assert/strict';
import http from 'node:http';
import { parseFaults } from '../../emulator/faults';
import type { Emulator } from '../../emulator/index';
import { bearer, call, jsonInit, startFrozen } from './harness';

describe('emulator fault injection', function () {
  this.timeout(30_000);
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startFrozen({ jobs: 30, faults: { beacon: { error500: 1 } } });
  });
  afterEach(() => emu.stop());

  const jobs = () => `${emu.urls.cdrouter}/api/v1/jobs/?limit=30`;
  const timed = async (url: string, init: RequestInit = {}) => {
    const t0 = performance.now();
    const r = await call(url, init);
    return { ...r, ms: performance.now() - t0 };
  };

  it('faults given at start apply to their dialect only', async () => {
    assert.equal((await call(`${emu.urls.beacon}/api/jobs?action=list&userkey=demo-token`)).status, 500);
    assert.equal((await call(jobs(), { headers: bearer() })).status, 200);
    assert.deepEqual(emu.control.getFaults(), { beacon: { error500: 1 } });
  });

  it('latency delays answers by at least the given ms; jitter adds up to its value', async () => {
    const fast = await timed(jobs(), { headers: bearer() });
    emu.control.setFaults('cdrouter', { latency: 250 });
    const slow = await timed(jobs(), { headers: bearer() });
    assert.equal(slow.status, 200);
    assert.ok(slow.ms >= 245, `took ${slow.ms}`);
    assert.ok(slow.ms - fast.ms > 150);
    emu.control.setFaults('cdrouter', { jitter: 40 });
    for (let k = 0; k < 3; k++) assert.equal((await call(jobs(), { headers: bearer() })).status, 200);
  });

  it('429 (next N) with Retry-After and the dialect error body, then normal answers', async () => {
    emu.control.setFaults('cdrouter', { error429: { next: 2 }, retryAfter: 7 });
    for (let k = 0; k < 2; k++) {
      const r = await call(jobs(), { headers: bearer() });
      assert.equal(r.status, 429);
      assert.equal(r.headers.get('retry-after'), '7');
      assert.ok(r.json().error);
    }
    assert.equal((await call(jobs(), { headers: bearer() })).status, 200);
    assert.deepEqual(emu.control.getFaults('cdrouter'), { error429: { next: 0 }, retryAfter: 7 });
    emu.control.setFaults('puppet-orchestrator', { error429: 1 });
    const p = await call(`${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs`, {
      headers: { 'X-Authentication': 'demo-token' },
    });
    assert.equal(p.status, 429);
    assert.ok(p.json().kind && p.json().msg);
  });

  it('500, 502 (an HTML proxy page) and 503 (with Retry-After)', async () => {
    emu.control.setFaults('stack-jobs', { error500: { next: 1 }, error502: { next: 1 }, error503: { next: 1 } });
    const url = `${emu.urls['stack-jobs']}/jobs`;
    const a = await call(url, { headers: bearer() });
    assert.equal(a.status, 500);
    assert.ok(a.json().detail);
    const b = await call(url, { headers: bearer() });
    assert.equal(b.status, 502);
    assert.match(b.headers.get('content-type') ?? '', /text\/html/);
    assert.throws(() => b.json());
    const c = await call(url, { headers: bearer() });
    assert.equal(c.status, 503);
    assert.equal(c.headers.get('retry-after'), '1');
    assert.equal((await call(url, { headers: bearer() })).status, 200);
  });

  it('a probability fires about that often (seeded, so the same every run)', async () => {
    emu.control.setFaults('cnaas-nms', { error503: 0.3 });
    let n = 0;
    for (let k = 0; k < 100; k++)
      if ((await call(`${emu.urls['cnaas-nms']}/api/v1.0/jobs?per_page=1`, { headers: bearer() })).status === 503) n++;
    assert.ok(n > 12 && n < 50, `${n} of 100`);
  });

  it('html: an HTML page instead of JSON, also as a 200 login page', async () => {
    emu.control.setFaults('cdrouter', { html: 1 });
    const r = await call(jobs(), { headers: bearer() });
    assert.equal(r.status, 502);
    assert.match(r.text, /^<html>/);
    emu.control.setFaults('cdrouter', { html: 1, htmlStatus: 200 });
    const login = await call(jobs(), { headers: bearer() });
    assert.equal(login.status, 200);
    assert.match(login.headers.get('content-type') ?? '', /text\/html/);
    assert.throws(() => login.json(), SyntaxError);
  });

  it('malformed JSON fails JSON.parse; truncated bodies are shorter and fail too', async () => {
    const good = await call(jobs(), { headers: bearer() });
    emu.control.setFaults('cdrouter', { malformed: { next: 1 } });
    const bad = await call(jobs(), { headers: bearer() });
    assert.equal(bad.status, 200);
    assert.match(bad.headers.get('content-type') ?? '', /json/);
    assert.throws(() => JSON.parse(bad.text), SyntaxError);
    emu.control.setFaults('cdrouter', { truncate: { next: 1 } });
    const cut = await call(jobs(), { headers: bearer() });
    assert.equal(cut.status, 200);
    assert.ok(cut.text.length < good.text.length * 0.6, `${cut.text.length} vs ${good.text.length}`);
    assert.ok(good.text.startsWith(cut.text.slice(0, 200)));
    assert.throws(() => JSON.parse(cut.text), SyntaxError);
  });

  it('drip: the body arrives slowly but whole', async () => {
    emu.control.setFaults('stack-jobs', { drip: 1, dripMs: 600, dripChunk: 64 });
    const r = await timed(`${emu.urls['stack-jobs']}/jobs`, { headers: bearer() });
    assert.equal(r.status, 200);
    assert.ok(r.ms >= 550, `took ${r.ms}`);
    assert.equal(r.json().jobs.length, 10);
  });

  it('drop: the socket is destroyed without an answer, and the log says status 0', async () => {
    emu.control.setFaults('cdrouter', { drop: { next: 1 } });
    await assert.rejects(fetch(jobs(), { headers: bearer() }));
    const entry = emu.control
      .log()
      .filter((e) => e.dialect === 'cdrouter')
      .pop();
    assert.equal(entry?.status, 0);
    assert.equal(entry?.fault, 'drop');
    assert.equal((await call(jobs(), { headers: bearer() })).status, 200);
  });

  it('restart: in-flight connections die, the port answers again with the same data and clock', async () => {
    const launched = (
      await call(`${emu.urls.cdrouter}/api/v1/jobs/`, jsonInit('POST', { package_id: '1027' }, bearer()))
    ).json().data.id;
    emu.control.step(10_000);
    const clock = emu.control.clock().now;
    emu.control.setFaults('stack-jobs', { drip: 1, dripMs: 3_000 });
    let answering!: () => void;
    const answered = new Promise<void>((r) => (answering = r));
    const inflight = new Promise<string>((resolve) => {
      const req = http.get(`${emu.urls['stack-jobs']}/jobs`, { headers: bearer() }, (res) => {
        answering();
        res.on('data', () => undefined);
        res.on('end', () => resolve('end'));
        res.on('error', () => resolve('error'));
        res.on('aborted', () => resolve('aborted'));
      });
      req.on('error', () => resolve('error'));
    });
    // The server has begun its (dripping) answer: the request is in flight.
    await answered;
    await emu.control.restart();
    assert.notEqual(await inflight, 'end');
    emu.control.clearFaults();
    const again = await call(`${emu.urls.cdrouter}/api/v1/jobs/${launched}/`, { headers: bearer() }, 1);
    assert.equal(again.status, 200);
    assert.equal(again.json().data.id, launched);
    assert.equal(emu.control.clock().now, clock);
  });

  it('restart over HTTP, with a down time', async () => {
    const r = await call(`${emu.url}/_control/restart`, jsonInit('POST', { downMs: 300 }, {}));
    assert.equal(r.status, 202);
    await new Promise((res) => setTimeout(res, 100));
    await assert.rejects(fetch(jobs(), { headers: { ...bearer(), Connection: 'close' } }));
    await new Promise((res) => setTimeout(res, 500));
    assert.equal((await call(jobs(), { headers: bearer() }, 1)).status, 200);
  });

  it('faults are set over HTTP too, and parsed from the CLI form', async () => {
    const put = await call(`${emu.url}/_control/faults/cdrouter`, jsonInit('PUT', { error503: { next: 1 } }, {}));
    assert.deepEqual(put.json(), { error503: { next: 1 } });
    assert.equal((await call(jobs(), { headers: bearer() })).status, 503);
    await call(`${emu.url}/_control/faults`, { method: 'DELETE' });
    assert.deepEqual((await call(`${emu.url}/_control/faults`)).json(), {});
    const bad = await call(`${emu.url}/_control/faults/cdrouter`, jsonInit('PUT', { frobnicate: 1 }, {}));
    assert.equal(bad.status, 400);
    assert.deepEqual(parseFaults('cdrouter:latency=200,error503=0.1;beacon:html=1,error429=next3'), {
      cdrouter: { latency: 200, error503: 0.1 },
      beacon: { html: 1, error429: { next: 3 } },
    });
    assert.deepEqual(Object.keys(parseFaults('*:latency=5')).length, 5);
    assert.throws(() => parseFaults('nowhere:latency=5'));
  });
});
