import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/index';
import { bearer, call, startFrozen, xauth } from './harness';

describe('emulator paging per dialect', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startFrozen({
      jobsPerDialect: { 'cnaas-nms': 57, cdrouter: 57, 'puppet-orchestrator': 57, 'stack-jobs': 23, beacon: 13 },
    });
  });
  after(() => emu.stop());

  it('CNaaS: page/per_page (50 by default) with X-Total-Count and Link, id ascending by default, limit ignored', async () => {
    const p1 = await call(`${emu.urls['cnaas-nms']}/api/v1.0/jobs?sort=-id&page=1&per_page=20`, { headers: bearer() });
    assert.equal(p1.status, 200);
    assert.equal(p1.headers.get('x-total-count'), '57');
    assert.match(p1.headers.get('link') ?? '', /page=2[^>]*>; rel="next",<[^>]*page=3[^>]*>; rel="last"/);
    const ids1 = p1.json().data.jobs.map((j: { id: number }) => j.id);
    assert.deepEqual(
      ids1,
      Array.from({ length: 20 }, (_, k) => 57 - k),
    );
    const p3 = await call(`${emu.urls['cnaas-nms']}/api/v1.0/jobs?sort=-id&page=3&per_page=20`, { headers: bearer() });
    assert.deepEqual(
      p3.json().data.jobs.map((j: { id: number }) => j.id),
      Array.from({ length: 17 }, (_, k) => 17 - k),
    );
    assert.equal(p3.headers.get('link'), null, 'no next page, no Link');
    const p4 = await call(`${emu.urls['cnaas-nms']}/api/v1.0/jobs?sort=-id&page=4&per_page=20`, { headers: bearer() });
    assert.deepEqual(p4.json().data.jobs, []);
    assert.equal(p4.headers.get('x-total-count'), '0', 'the count rides on the rows: none past the end');
    const dflt = await call(`${emu.urls['cnaas-nms']}/api/v1.0/jobs?limit=5`, { headers: bearer() });
    assert.equal(dflt.json().data.jobs.length, 50, 'limit is no parameter of current CNaaS: 50 a page');
    assert.deepEqual(
      dflt
        .json()
        .data.jobs.slice(0, 3)
        .map((j: { id: number }) => j.id),
      [1, 2, 3],
      'oldest first without sort',
    );
    const junk = await call(`${emu.urls['cnaas-nms']}/api/v1.0/jobs?per_page=3&page=abc`, { headers: bearer() });
    assert.deepEqual(
      junk.json().data.jobs.map((j: { id: number }) => j.id),
      [1, 2, 3],
      'a page that is not a number is the first',
    );
  });

  it('CDRouter: links current/first/last/limit/next/total; next 0 on the last page', async () => {
    const p1 = (await call(`${emu.urls.cdrouter}/api/v1/jobs/?page=1&limit=25`, { headers: bearer() })).json();
    assert.deepEqual(p1.links, { current: 1, first: 1, last: 3, limit: 25, next: 2, total: 57 });
    assert.equal(p1.data.length, 25);
    assert.match(p1.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?-04:00$/);
    const p3 = (await call(`${emu.urls.cdrouter}/api/v1/jobs/?page=3&limit=25`, { headers: bearer() })).json();
    assert.deepEqual(p3.links, { current: 3, first: 1, last: 3, limit: 25, next: 0, total: 57 });
    assert.equal(p3.data.length, 7);
    const dflt = (await call(`${emu.urls.cdrouter}/api/v1/jobs/`, { headers: bearer() })).json();
    assert.equal(dflt.links.limit, 25);
    const bad = await call(`${emu.urls.cdrouter}/api/v1/jobs/?page=0`, { headers: bearer() });
    assert.equal(bad.status, 400);
    assert.ok(bad.json().error);
  });

  it('Puppet: limit/offset with pagination {limit, offset, total}; non-integer limit is a validation error', async () => {
    const r = (
      await call(`${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs?limit=20&offset=50`, { headers: xauth() })
    ).json();
    assert.deepEqual(r.pagination, { limit: 20, offset: 50, total: 57 });
    assert.deepEqual(
      r.items.map((j: { name: string }) => j.name),
      ['51', '52', '53', '54', '55', '56', '57'],
    );
    const desc = (
      await call(`${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs?limit=2&order_by=name&order=desc`, {
        headers: xauth(),
      })
    ).json();
    assert.deepEqual(
      desc.items.map((j: { name: string }) => j.name),
      ['57', '56'],
    );
    const bad = await call(`${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs?limit=ten`, { headers: xauth() });
    assert.equal(bad.status, 400);
    assert.equal(bad.json().kind, 'puppetlabs.orchestrator/validation-error');
  });

  it('stack-jobs: pages of 10 with count, pagesize (this page) and page', async () => {
    const p1 = (await call(`${emu.urls['stack-jobs']}/jobs?page=1`, { headers: bearer() })).json();
    assert.equal(p1.page, 1);
    assert.equal(p1.pagesize, 10);
    assert.equal(p1.jobs.length, 10);
    const count = p1.count;
    assert.ok(count >= 20 && count <= 23, String(count));
    const p3 = (await call(`${emu.urls['stack-jobs']}/jobs?page=3`, { headers: bearer() })).json();
    assert.equal(p3.pagesize, count - 20);
    assert.equal(p3.jobs.length, count - 20);
    const beyond = await call(`${emu.urls['stack-jobs']}/jobs?page=4`, { headers: bearer() });
    assert.equal(beyond.status, 404);
    assert.equal(beyond.json().detail, 'Invalid page.');
  });

  it('beacon: no paging, the whole list', async () => {
    const r = (await call(`${emu.urls.beacon}/api/jobs?action=list&userkey=demo-token`)).json();
    assert.ok(Array.isArray(r));
    assert.deepEqual(
      r.map((j: { id: number }) => j.id),
      Array.from({ length: 13 }, (_, k) => k + 1),
    );
  });
});

describe('emulator at 100,000 jobs', function () {
  this.timeout(120_000);
  let emu: Emulator;
  before(async () => {
    emu = await startFrozen({ jobs: 100_000 });
  });
  after(() => emu.stop());

  it('pages deep into every dialect with exact totals, fast', async () => {
    const t0 = performance.now();
    const c = await call(`${emu.urls['cnaas-nms']}/api/v1.0/jobs?page=4000&per_page=25&sort=id`, { headers: bearer() });
    assert.equal(c.headers.get('x-total-count'), '100000');
    assert.deepEqual(
      c.json().data.jobs.map((j: { id: number }) => j.id),
      Array.from({ length: 25 }, (_, k) => 99_976 + k),
    );
    const d = (await call(`${emu.urls.cdrouter}/api/v1/jobs/?page=4000&limit=25`, { headers: bearer() })).json();
    assert.deepEqual(d.links, { current: 4000, first: 1, last: 4000, limit: 25, next: 0, total: 100_000 });
    assert.equal(d.data[0].id, '99976');
    const p = (
      await call(`${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs?limit=10&offset=99995`, { headers: xauth() })
    ).json();
    assert.deepEqual(p.pagination, { limit: 10, offset: 99_995, total: 100_000 });
    assert.equal(p.items.length, 5);
    const s = (await call(`${emu.urls['stack-jobs']}/jobs?page=2`, { headers: bearer() })).json();
    assert.equal(s.count, 100_000); // queued-for-deletion jobs go at their next run, not before
    assert.equal(s.jobs[0].id > 10, true);
    const elapsed = performance.now() - t0;
    assert.ok(elapsed < 5_000, `4 deep pages took ${elapsed} ms`);
  });

  it('sorts and filters across all 100,000 (not just a page) and agrees with itself', async () => {
    const t0 = performance.now();
    const running = await call(`${emu.urls['cnaas-nms']}/api/v1.0/jobs?per_page=1000&filter[status]=RUNNING`, {
      headers: bearer(),
    });
    const total = Number(running.headers.get('x-total-count'));
    assert.ok(total > 0 && total < 100_000);
    const jobs = running.json().data.jobs as { status: string }[];
    assert.equal(jobs.length, Math.min(1000, total));
    assert.ok(jobs.every((j) => j.status === 'RUNNING'));
    const byState = (
      await call(`${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs?limit=5&order_by=state&order=desc`, {
        headers: xauth(),
      })
    ).json();
    assert.ok(
      byState.items.every((j: { state: string }) => j.state === 'stopped'),
      JSON.stringify(byState.items.map((j: { state: string }) => j.state)),
    );
    assert.ok(performance.now() - t0 < 20_000);
  });

  it('memory stays bounded: nothing of a 100,000-job request is kept', async () => {
    const heap = () => {
      (global as { gc?: () => void }).gc?.();
      return process.memoryUsage().heapUsed;
    };
    await call(`${emu.urls.cdrouter}/api/v1/jobs/?limit=10&sort=-status`, { headers: bearer() });
    const before = heap();
    for (let k = 0; k < 3; k++) {
      await call(`${emu.urls.cdrouter}/api/v1/jobs/?limit=10&sort=package_name&page=${k + 100}`, { headers: bearer() });
      await call(`${emu.urls['cnaas-nms']}/api/v1.0/jobs?per_page=10&sort=-start_time&page=${k + 1}`, {
        headers: bearer(),
      });
    }
    await new Promise((r) => setTimeout(r, 50));
    const grown = heap() - before;
    // Without gc exposed this is loose; a kept 100k-object array would be ~10+ MB per dialect.
    assert.ok(grown < 60 * 1024 * 1024, `heap grew by ${grown} bytes`);
  });
});
