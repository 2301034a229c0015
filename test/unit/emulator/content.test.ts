import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/index';
import { bearer, call, startFrozen, xauth } from './harness';

/** Every hunk's header counts match its lines; no file headers. */
function checkHunks(diff: string): number {
  const lines = diff.split('\n');
  assert.ok(lines[0].startsWith('@@ '), lines[0]);
  assert.ok(!diff.includes('\n--- ') && !diff.includes('\n+++ '));
  let hunks = 0;
  for (let k = 0; k < lines.length;) {
    const m = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/.exec(lines[k]);
    assert.ok(m, `bad hunk header: ${lines[k]}`);
    let oldN = 0;
    let newN = 0;
    k++;
    while (k < lines.length && !lines[k].startsWith('@@')) {
      const c = lines[k][0];
      if (c === ' ' || c === '-') oldN++;
      if (c === ' ' || c === '+') newN++;
      k++;
    }
    assert.equal(oldN, Number(m[2]));
    assert.equal(newN, Number(m[4]));
    hunks++;
  }
  return hunks;
}

describe('emulator content realism', () => {
  let emu: Emulator;
  let seedShape: Emulator;
  before(async () => {
    emu = await startFrozen({ jobs: 120 });
    seedShape = await startFrozen({ jobs: 120, cnaasResultShape: 'seed' });
  });
  after(() => Promise.all([emu.stop(), seedShape.stop()]));

  it('CNaaS current shape: result.devices.<d>.job_tasks, exception {message, type, args, traceback}, isoformat() times', async () => {
    const jobs = (await call(`${emu.urls['cnaas-nms']}/api/v1.0/jobs?per_page=120`, { headers: bearer() })).json().data
      .jobs as any[];
    const done = jobs.find((j) => j.status === 'FINISHED' && j.function_name === 'sync_devices');
    // Python's datetime.isoformat() of a naive UTC time; the fraction only when not zero.
    assert.match(done.start_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/);
    assert.deepEqual(Object.keys(done.result), ['devices'], 'result is {devices} (nr_result_serialize)');
    assert.ok(
      Number.isInteger(done.change_score) && done.change_score >= 0 && done.change_score <= 100,
      String(done.change_score),
    );
    let diffs = 0;
    for (const [, dev] of Object.entries(done.result.devices) as [string, any][]) {
      for (const t of dev.job_tasks) {
        assert.deepEqual(Object.keys(t), ['task_name', 'result', 'diff', 'failed']);
        if (t.diff) diffs += checkHunks(t.diff);
      }
    }
    const all = jobs.flatMap((j) =>
      Object.values(j.result?.devices ?? {}).flatMap((d: any) => d.job_tasks.map((t: any) => t.diff).filter(Boolean)),
    );
    assert.ok(all.length > 10);
    for (const d of all) checkHunks(d);
    const failed = jobs.find((j) => j.status === 'EXCEPTION');
    assert.equal(typeof failed.exception.message, 'string');
    assert.equal(typeof failed.exception.type, 'string');
    assert.ok(Array.isArray(failed.exception.args));
    assert.match(failed.exception.traceback, /^Traceback \(most recent call last\):/);
    assert.ok(
      Object.values(failed.result.devices).some((d: any) =>
        d.job_tasks.some((t: any) => t.failed && String(t.result).includes('Traceback')),
      ),
    );
    const chained = jobs.find((j) => j.next_job_id !== null);
    assert.ok(chained, 'some step1 job chains to its step2');
    assert.equal(chained.function_name, 'init_access_device_step1');
    assert.equal(jobs.find((j) => j.id === chained.next_job_id).function_name, 'init_access_device_step2');
    void diffs;
  });

  it('CNaaS seed shape: ObjectId ids, result.<device>: [{name,result,diff,failed}], exception/traceback strings', async () => {
    // The 2019 server: `limit` only (at most 100), newest first, no X-Total-Count.
    const res = await call(`${seedShape.urls['cnaas-nms']}/api/v1.0/jobs?limit=500&per_page=5&sort=id`, {
      headers: bearer(),
    });
    assert.equal(res.headers.get('x-total-count'), null);
    const jobs = res.json().data.jobs as any[];
    assert.equal(jobs.length, 100);
    assert.ok(parseInt(jobs[0].id.slice(18), 16) > parseInt(jobs[99].id.slice(18), 16), 'newest first');
    assert.equal(
      (await call(`${seedShape.urls['cnaas-nms']}/api/v1.0/jobs`, { headers: bearer() })).json().data.jobs.length,
      10,
      'limit defaults to 10',
    );
    const j = jobs.find((x) => x.status === 'FINISHED');
    assert.deepEqual(Object.keys(j), [
      'id',
      'start_time',
      'finish_time',
      'status',
      'function_name',
      'result',
      'exception',
      'traceback',
      'next_job_id',
    ]);
    assert.match(j.id, /^[0-9a-f]{24}$/);
    const steps = Object.values(j.result)[0] as any[];
    assert.deepEqual(Object.keys(steps[0]), ['name', 'result', 'diff', 'failed']);
    const one = await call(`${seedShape.urls['cnaas-nms']}/api/v1.0/job/${j.id}`, { headers: bearer() });
    assert.equal(one.json().data.jobs[0].id, j.id);
    const failed = jobs.find((x) => x.status === 'EXCEPTION');
    assert.equal(typeof failed.exception, 'string');
    assert.match(failed.traceback, /Traceback/);
    const chained = jobs.find((x) => x.next_job_id !== null);
    assert.match(chained.next_job_id, /^[0-9a-f]{24}$/);
  });

  it('CDRouter: RFC3339 with nanoseconds and zone, seed field names', async () => {
    const j = (await call(`${emu.urls.cdrouter}/api/v1/jobs/1/`, { headers: bearer() })).json().data;
    assert.match(j.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,9}-04:00$/);
    for (const k of [
      'id',
      'active',
      'status',
      'options',
      'package_id',
      'package_name',
      'device_id',
      'device_name',
      'config_id',
      'config_name',
      'user_id',
      'created',
      'updated',
      'automatic',
      'run_at',
      'interfaces',
      'interface_names',
      'uses_wireless',
      'uses_ics',
    ])
      assert.ok(k in j, k);
    assert.deepEqual(Object.keys(j.options), ['tags', 'skip_tests', 'begin_at', 'end_at', 'extra_cli_args']);
  });

  it('Puppet: Z timestamps, absolute ids, node_states null only without nodes', async () => {
    const items = (
      await call(`${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs?limit=120`, { headers: xauth() })
    ).json().items as any[];
    for (const j of items) {
      assert.match(j.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.equal(j.id, `${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs/${j.name}`);
      assert.ok(['new', 'ready', 'running', 'stopping', 'stopped', 'finished', 'failed'].includes(j.state));
      const sum = Object.values(j.node_states as Record<string, number>).reduce((a, b) => a + b, 0);
      assert.equal(sum, j.node_count);
    }
  });

  it('stack-jobs next_run is ISO-8601 UTC; beacon times are unix seconds (0 = not yet)', async () => {
    const s = (await call(`${emu.urls['stack-jobs']}/jobs/1`, { headers: bearer() })).json();
    assert.match(s.next_run, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const b = (await call(`${emu.urls.beacon}/api/jobs?action=list&userkey=demo-token`)).json() as any[];
    for (const j of b) {
      assert.ok(Number.isInteger(j.add_time) && j.add_time > 1_600_000_000);
      assert.ok(Number.isInteger(j.end_time));
      if (j.end_time) assert.ok(j.result !== null && j.cur_task >= 1);
      else assert.equal(j.result, null);
      assert.ok(j.cur_task <= j.total_tasks);
    }
    assert.ok(
      b.some((j) => j.start_time && !j.end_time),
      'some beacon job is running',
    );
  });
});

describe('emulator hostile content', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startFrozen({ jobs: 200, hostile: true, hugeDiffBytes: 200_000 });
  });
  after(() => emu.stop());

  it('puts script tags, javascript: links, ANSI escapes, bidi overrides and long lines in names, messages and diffs', async () => {
    const texts = [
      (await call(`${emu.urls.cdrouter}/api/v1/jobs/?limit=200`, { headers: bearer() })).text,
      (await call(`${emu.urls.beacon}/api/jobs?action=list&userkey=demo-token`)).text,
      (await call(`${emu.urls['stack-jobs']}/jobs?page=1`, { headers: bearer() })).text,
      (await call(`${emu.urls['stack-jobs']}/jobs?page=2`, { headers: bearer() })).text,
      (await call(`${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs?limit=200`, { headers: xauth() })).text,
    ].map((t) => JSON.stringify(JSON.parse(t)));
    const everything = texts.join('');
    for (const needle of [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      'javascript:',
      '\\u001b[31m',
      '\u202e',
    ])
      assert.ok(everything.includes(needle), needle);
    assert.ok(/x{10000}/.test(everything), 'a very long line');
  });

  it('every 97th CNaaS job has a huge diff of about the configured size', async () => {
    const j = (await call(`${emu.urls['cnaas-nms']}/api/v1.0/job/97`, { headers: bearer() })).json().data.jobs[0];
    const diffs = Object.values(j.result?.devices ?? {}).flatMap((d: any) =>
      d.job_tasks.map((t: any) => t.diff as string),
    );
    const big = diffs.reduce((a, b) => (b.length > a.length ? b : a), '');
    assert.ok(big.length >= 200_000 && big.length < 300_000, String(big.length));
    assert.ok(big.startsWith('@@ -1,200 +1,200 @@'));
  });
});
