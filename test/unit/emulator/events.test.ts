import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/index';
import { call, jsonInit, startFrozen, xauth } from './harness';

interface Ev {
  id: string;
  type: string;
  timestamp: string;
  details: { node: string | null };
  message: string;
}

describe('emulator: Puppet events for tailing', function () {
  this.timeout(60_000);
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startFrozen({ jobs: 20 });
  });
  afterEach(() => emu.stop());

  const events = async (name: string, start?: number) => {
    const r = await call(
      `${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs/${name}/events${start === undefined ? '' : `?start=${start}`}`,
      { headers: xauth() },
      1,
    );
    assert.equal(r.status, 200, r.text);
    return r.json() as { 'next-events': { id: string; event: string }; items: Ev[] };
  };

  const deploy = async (nodes: number, concurrency: number) => {
    const d = await call(
      `${emu.urls['puppet-orchestrator']}/orchestrator/v1/command/deploy`,
      jsonInit(
        'POST',
        {
          environment: 'production',
          scope: { nodes: Array.from({ length: nodes }, (_, k) => `n${k}.example.com`) },
          concurrency,
        },
        xauth(),
      ),
    );
    return d.json().job.name as string;
  };

  it('?start=N returns the events with id >= N in id order; next-events points past the last', async () => {
    const name = await deploy(10, 3);
    emu.control.step(120_000);
    const all = await events(name);
    const ids = all.items.map((e) => Number(e.id));
    assert.ok(ids.length > 10);
    assert.deepEqual(
      ids,
      Array.from({ length: ids.length }, (_, k) => k + 1),
    );
    assert.equal(all['next-events'].event, String(ids.length + 1));
    assert.match(all['next-events'].id, new RegExp(`/jobs/${name}/events\\?start=${ids.length + 1}$`));
    const from5 = await events(name, 5);
    assert.deepEqual(from5.items, all.items.slice(4));
    assert.deepEqual((await events(name, 0)).items, all.items);
    assert.deepEqual((await events(name, ids.length + 1)).items, []);
    assert.equal(all.items[0].type, 'job_running');
    assert.ok(['job_finished', 'job_stopped'].includes(all.items[all.items.length - 1].type));
    assert.match(all.items[0].timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const bad = await call(`${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs/${name}/events?start=x`, {
      headers: xauth(),
    });
    assert.equal(bad.status, 400);
  });

  it('tailing while a 500-node job runs sees every event exactly once, and a stop never renumbers what was seen', async () => {
    const name = await deploy(500, 25);
    const seen: Ev[] = [];
    let next = 1;
    for (let k = 0; k < 400; k++) {
      emu.control.step(1_500);
      if (k === 60)
        await call(
          `${emu.urls['puppet-orchestrator']}/orchestrator/v1/command/stop`,
          jsonInit('POST', { job: name }, xauth()),
        );
      const page = await events(name, next);
      for (const e of page.items) seen.push(e);
      next = Number(page['next-events'].event);
      if (page.items.some((e) => e.type === 'job_stopped' || e.type === 'job_finished')) break;
    }
    assert.deepEqual(
      seen.map((e) => Number(e.id)),
      Array.from({ length: seen.length }, (_, k) => k + 1),
    );
    const all = (await events(name)).items;
    assert.deepEqual(all, seen, 'a fresh read from the start agrees with the tail');
    assert.ok(seen.some((e) => e.type === 'node_skipped'));
    assert.equal(seen[seen.length - 1].type, 'job_stopped');
  });

  it('emitting 10,000 events: gap-free tailing across a restart', async () => {
    const name = '20';
    emu.control.step(3_600_000 * 6);
    const before = (await events(name)).items.length;
    const r = await call(`${emu.url}/_control/puppet/emit`, jsonInit('POST', { job: name, count: 6_000 }, {}));
    assert.deepEqual(r.json(), { job: name, first: before + 1, last: before + 6_000 });
    let next = 1;
    const ids: number[] = [];
    const tail = async () => {
      for (;;) {
        const page = await events(name, next);
        if (!page.items.length) return;
        for (const e of page.items) ids.push(Number(e.id));
        next = Number(page['next-events'].event);
      }
    };
    await tail();
    assert.equal(ids.length, before + 6_000);
    await emu.control.restart();
    const more = emu.control.emitPuppetEvents(name, 4_000);
    assert.deepEqual(more, { job: name, first: before + 6_001, last: before + 10_000 });
    await tail();
    assert.equal(ids.length, before + 10_000);
    assert.deepEqual(
      ids,
      Array.from({ length: before + 10_000 }, (_, k) => k + 1),
    );
    const last = (await events(name, before + 10_000)).items;
    assert.equal(last.length, 1);
    assert.equal(last[0].id, String(before + 10_000));
  });

  it('nodes carry next-events; the report lists every node', async () => {
    const name = await deploy(6, 2);
    emu.control.step(30_000);
    const nodes = (
      await call(`${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs/${name}/nodes`, { headers: xauth() })
    ).json();
    const evs = (await events(name)).items;
    assert.equal(nodes['next-events'].event, String(evs.length + 1));
    assert.equal(nodes.items.length, 6);
    for (const n of nodes.items) {
      assert.ok(['new', 'ready', 'running', 'finished', 'failed', 'errored', 'skipped'].includes(n.state), n.state);
      if (n.state === 'finished') assert.ok(n.finish_timestamp && n.duration > 0 && n.details.message);
    }
    const report = (
      await call(`${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs/${name}/report`, { headers: xauth() })
    ).json();
    assert.deepEqual(
      report.items.map((i: any) => i.node),
      nodes.items.map((n: any) => n.name),
    );
    const unknown = await call(`${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs/99999/events`, {
      headers: xauth(),
    });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json().kind, 'puppetlabs.orchestrator/unknown-job');
  });
});
