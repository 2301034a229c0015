import assert from 'node:assert/strict';
import { Clock } from '../../emulator/clock';
import type { Emulator } from '../../emulator/index';
import { T0, bearer, call, startFrozen, xauth } from './harness';

describe('emulator clock', () => {
  it('scales real time by the speed, pauses, resumes and steps', () => {
    let real = 1_000_000;
    const c = new Clock(() => real, 10);
    real += 100;
    assert.equal(c.now(), 1_000_000 + 1000);
    c.pause();
    real += 500;
    assert.equal(c.now(), 1_001_000);
    c.step(250);
    assert.equal(c.now(), 1_001_250);
    c.resume();
    real += 10;
    assert.equal(c.now(), 1_001_350);
    c.setSpeed(1);
    real += 10;
    assert.equal(c.now(), 1_001_360);
    assert.throws(() => c.step(-1));
    assert.deepEqual(c.state(), { now: 1_001_360, speed: 1, paused: false });
  });
});

describe('emulator: jobs move through their states on a stepped clock', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startFrozen({ jobs: 200 });
  });
  after(() => emu.stop());

  it('generated data has a realistic mix at start', async () => {
    const r = await call(`${emu.urls.cdrouter}/api/v1/jobs/?limit=200`, { headers: bearer() });
    const counts: Record<string, number> = {};
    for (const j of r.json().data) counts[j.status] = (counts[j.status] ?? 0) + 1;
    assert.ok(counts.completed > 120, JSON.stringify(counts));
    assert.ok(counts.running >= 3, JSON.stringify(counts));
    assert.ok((counts.error ?? 0) + (counts.stopped ?? 0) >= 5, JSON.stringify(counts));
    assert.ok(counts.pending >= 1, JSON.stringify(counts));
  });

  it('a launched CDRouter job goes pending → running → completed/error as the clock steps', async () => {
    const launched = await call(`${emu.urls.cdrouter}/api/v1/jobs/`, {
      method: 'POST',
      headers: { ...bearer(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ package_id: '1027' }),
    });
    const id = launched.json().data.id;
    assert.equal(launched.json().data.status, 'pending');
    const get = async () => (await call(`${emu.urls.cdrouter}/api/v1/jobs/${id}/`, { headers: bearer() })).json().data;
    emu.control.step(5_001);
    const running = await get();
    assert.equal(running.status, 'running');
    assert.equal(running.active, true);
    assert.match(running.result_id, /^\d{14}$/);
    emu.control.step(200_000);
    const done = await get();
    assert.ok(['completed', 'error'].includes(done.status), done.status);
    assert.equal(done.active, false);
  });

  it('a Puppet deploy runs its nodes one wave after another and ends finished or failed', async () => {
    const nodes = Array.from({ length: 30 }, (_, k) => `n${k}.example.com`);
    const d = await call(`${emu.urls['puppet-orchestrator']}/orchestrator/v1/command/deploy`, {
      method: 'POST',
      headers: { ...xauth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ environment: 'production', scope: { nodes }, concurrency: 5 }),
    });
    assert.equal(d.status, 202);
    const name = d.json().job.name;
    // The list item has state and node_states; the detail (as in the seed) has neither.
    const job = async () => {
      const items = (
        await call(`${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs?limit=1&order_by=name&order=desc`, {
          headers: xauth(),
        })
      ).json().items;
      assert.equal(items[0].name, name);
      return items[0];
    };
    const detail = async () =>
      (await call(`${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs/${name}`, { headers: xauth() })).json();
    let j = await job();
    const first = await detail();
    assert.ok(!('state' in first) && !('node_states' in first), Object.keys(first).join());
    assert.ok(['new', 'ready'].includes(j.state), j.state);
    assert.equal(j.node_count, 30);
    emu.control.step(3_001);
    j = await job();
    assert.equal(j.state, 'running');
    assert.equal(j.node_states.running, 5, JSON.stringify(j.node_states));
    const seen = new Set<string>();
    for (let k = 0; k < 200 && !['finished', 'failed'].includes(j.state); k++) {
      emu.control.step(2_000);
      j = await job();
      for (const s of Object.keys(j.node_states ?? {})) seen.add(s);
      const total = Object.values(j.node_states as Record<string, number>).reduce((a, b) => a + b, 0);
      assert.equal(total, 30);
    }
    assert.ok(['finished', 'failed'].includes(j.state), j.state);
    assert.ok(seen.has('running') && seen.has('ready'), [...seen].join());
    const last = await detail();
    assert.deepEqual(
      last.status.map((s: { state: string }) => s.state),
      ['new', 'ready', 'running', j.state],
    );
    assert.equal(last.status[3].exit_time, null);
  });

  it('CNaaS jobs fill their per-device results device by device', async () => {
    const r = await call(`${emu.urls['cnaas-nms']}/api/v1.0/jobs?per_page=200&filter[status]=RUNNING`, {
      headers: bearer(),
    });
    const running = r.json().data.jobs as {
      id: number;
      result: { devices: Record<string, unknown> };
      start_arguments: { hostnames: string[] };
    }[];
    assert.ok(running.length > 0);
    const multi = running.find((j) => j.start_arguments.hostnames.length > 1) ?? running[0];
    const before = Object.keys(multi.result.devices).length;
    emu.control.step(6 * 3_600_000);
    const after = (await call(`${emu.urls['cnaas-nms']}/api/v1.0/job/${multi.id}`, { headers: bearer() })).json().data
      .jobs[0];
    assert.ok(['FINISHED', 'EXCEPTION', 'ABORTED'].includes(after.status));
    assert.ok(after.finish_time);
    if (after.status === 'FINISHED')
      assert.equal(Object.keys(after.result.devices).length, multi.start_arguments.hostnames.length);
    assert.ok(Object.keys(after.result.devices).length >= before);
  });

  it('the clock can be sped up and paused', async () => {
    // This emulator's real time is frozen (startFrozen): waiting would show nothing, so the
    // controls are checked by what they set and by a step. How a paused clock stands while real
    // time goes on is the 'emulator clock' test above, on a real-time source it moves.
    emu.control.pause();
    const a = emu.control.clock();
    assert.equal(a.paused, true);
    emu.control.step(1_000);
    assert.equal(emu.control.clock().now, a.now + 1_000, 'a step moves a paused clock');
    emu.control.resume();
    assert.equal(emu.control.clock().paused, false);
    emu.control.setSpeed(50);
    assert.equal(emu.control.clock().speed, 50);
    emu.control.setSpeed(1);
    assert.ok(emu.control.clock().now >= T0);
  });
});
