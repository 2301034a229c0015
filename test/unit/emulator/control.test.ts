import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { RequestLog } from '../../emulator/requestLog';
import { type Emulator, connectionsFor, start } from '../../emulator/index';
import { T0, bearer, call, jsonInit, startFrozen } from './harness';

describe('emulator control API', function () {
  this.timeout(30_000);
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startFrozen({ jobs: 10 });
  });
  afterEach(() => emu.stop());

  it('logs every request (time, dialect, method, path, query, status, ms) and clears the log', async () => {
    await call(`${emu.urls.cdrouter}/api/v1/jobs/?limit=2`, { headers: bearer() });
    await call(`${emu.urls['stack-jobs']}/jobs`);
    const log = (await call(`${emu.url}/_control/log`)).json().entries as any[];
    const [a, b] = log.filter((e) => e.dialect !== 'control');
    assert.deepEqual(
      { ...a, time: undefined, ms: undefined },
      {
        time: undefined,
        dialect: 'cdrouter',
        method: 'GET',
        path: '/cdrouter/api/v1/jobs/',
        query: 'limit=2',
        status: 200,
        ms: undefined,
      },
    );
    assert.ok(typeof a.ms === 'number' && a.ms >= 0);
    assert.ok(!Number.isNaN(Date.parse(a.time)));
    assert.equal(b.status, 401);
    assert.equal(b.dialect, 'stack-jobs');
    const only = (await call(`${emu.url}/_control/log?dialect=stack-jobs`)).json().entries;
    assert.equal(only.length, 1);
    assert.equal((await call(`${emu.url}/_control/log`, { method: 'DELETE' })).status, 200);
    assert.equal(emu.control.log().filter((e) => e.dialect !== 'control').length, 0);
  });

  it('the log is a bounded ring buffer and can print one line per request', () => {
    const lines: string[] = [];
    const log = new RequestLog(3, (l) => lines.push(l));
    for (let k = 0; k < 5; k++)
      log.add({ time: 't', dialect: 'beacon', method: 'GET', path: `/p${k}`, query: '', status: 200, ms: 1 });
    assert.deepEqual(
      log.entries().map((e) => e.path),
      ['/p2', '/p3', '/p4'],
    );
    assert.equal(lines.length, 5);
    assert.match(lines[4], /beacon GET \/p4 200 1ms/);
  });

  it('clock over HTTP: step, pause, resume, speed', async () => {
    assert.equal((await call(`${emu.url}/_control/clock`)).json().now, T0);
    assert.equal(
      (await call(`${emu.url}/_control/step`, jsonInit('POST', { ms: 60_000 }, {}))).json().now,
      T0 + 60_000,
    );
    assert.equal((await call(`${emu.url}/_control/pause`, { method: 'POST' })).json().paused, true);
    assert.equal((await call(`${emu.url}/_control/resume`, { method: 'POST' })).json().paused, false);
    assert.equal((await call(`${emu.url}/_control/speed`, jsonInit('POST', { speed: 10 }, {}))).json().speed, 10);
    assert.equal((await call(`${emu.url}/_control/speed`, jsonInit('POST', { speed: 'fast' }, {}))).status, 400);
    assert.equal((await call(`${emu.url}/_control/step?ms=1000`, { method: 'POST' })).json().now, T0 + 61_000);
  });

  it('reset and emit over HTTP; info names the URLs', async () => {
    await call(`${emu.urls.cdrouter}/api/v1/jobs/3/`, { method: 'DELETE', headers: bearer() });
    assert.equal((await call(`${emu.url}/_control/reset`, { method: 'POST' })).status, 200);
    assert.equal((await call(`${emu.urls.cdrouter}/api/v1/jobs/3/`, { headers: bearer() })).status, 200);
    const bad = await call(`${emu.url}/_control/puppet/emit`, jsonInit('POST', { job: '999', count: 3 }, {}));
    assert.equal(bad.status, 400);
    const info = (await call(`${emu.url}/_control/`)).json();
    assert.equal(info.urls.beacon, emu.urls.beacon);
    assert.equal(info.jobs.cdrouter, 10);
    assert.equal((await call(`${emu.url}/_control/nope`)).status, 404);
  });

  it('connectionsFor gives a ready jobdeck.connections array', () => {
    const c = connectionsFor(emu.urls, 'JOBDECK_DEMO_TOKEN');
    assert.deepEqual(
      c.map((x) => [x.name, x.kind]),
      [
        ['demo-cnaas', 'cnaas-nms'],
        ['demo-cdrouter', 'cdrouter'],
        ['demo-puppet', 'puppet-orchestrator'],
        ['demo-stack', 'stack-jobs'],
        ['demo-beacon', 'beacon'],
      ],
    );
    assert.ok(c.every((x) => x.url === emu.urls[x.kind] && x.tokenEnv === 'JOBDECK_DEMO_TOKEN'));
    assert.equal(connectionsFor(emu.urls)[0].tokenEnv, undefined);
  });

  it('jobsPerDialect overrides jobs; the same seed gives the same data, another seed other data', async () => {
    const a = await start({ port: 0, now: () => T0, jobs: 7, jobsPerDialect: { beacon: 3 }, seed: 5 });
    const b = await start({ port: 0, now: () => T0, jobs: 7, seed: 5 });
    const c = await start({ port: 0, now: () => T0, jobs: 7, seed: 6 });
    try {
      const list = (e: Emulator) =>
        call(`${e.urls.beacon}/api/jobs?action=list&userkey=demo-token`).then((r) => r.json());
      assert.equal((await list(a)).length, 3);
      const first = (e: Emulator) =>
        call(`${e.urls.cdrouter}/api/v1/jobs/?limit=7`, { headers: bearer() }).then((r) =>
          JSON.stringify(r.json().data),
        );
      assert.equal(await first(a), await first(b));
      assert.notEqual(await first(b), await first(c));
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });

  it('the CLI prints every base URL and a connections block, and stops on SIGTERM', async () => {
    const cli = path.resolve(__dirname, '../../emulator/cli.js');
    const child = spawn(
      process.execPath,
      [
        cli,
        '--port',
        '0',
        '--jobs',
        '5',
        '--seed',
        '1',
        '--speed',
        '10',
        '--faults',
        'cdrouter:latency=5',
        '--hostile',
        '--token-env',
        'DEMO_TOK',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let k = 0; k < 100 && !out.includes(']\n}'); k++) await new Promise((r) => setTimeout(r, 50));
    const base = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    assert.ok(base, out);
    for (const kind of ['cnaas-nms', 'cdrouter', 'puppet-orchestrator', 'stack-jobs', 'beacon'])
      assert.ok(out.includes(`${base}/${kind}`), kind);
    const block = JSON.parse(out.slice(out.indexOf('{')));
    assert.equal(block['jobdeck.connections'].length, 5);
    assert.equal(block['jobdeck.connections'][0].tokenEnv, 'DEMO_TOK');
    const faults = (await call(`${base}/_control/faults`)).json();
    assert.deepEqual(faults.cdrouter, { latency: 5 });
    assert.equal((await call(`${base}/_control/clock`)).json().speed, 10);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
