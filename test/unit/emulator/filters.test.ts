import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/index';
import { bearer, call, startFrozen, xauth } from './harness';

describe('emulator filters and sorts', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startFrozen({ jobs: 300 });
  });
  after(() => emu.stop());

  const cnaas = async (q: string) => {
    const r = await call(`${emu.urls['cnaas-nms']}/api/v1.0/jobs?${q}`, { headers: bearer() });
    assert.equal(r.status, 200, r.text);
    return { jobs: r.json().data.jobs as Record<string, any>[], total: Number(r.headers.get('x-total-count')) };
  };

  it('CNaaS: filter[status], filter[function_name][contains], and the total follows the filter', async () => {
    const all = await cnaas('per_page=1000');
    const finished = await cnaas('per_page=1000&filter[status]=FINISHED');
    assert.equal(finished.total, all.jobs.filter((j) => j.status === 'FINISHED').length);
    assert.ok(finished.jobs.every((j) => j.status === 'FINISHED'));
    const sync = await cnaas('per_page=1000&filter[function_name][contains]=sync');
    assert.ok(sync.total > 0);
    assert.ok(sync.jobs.every((j) => String(j.function_name).includes('sync')));
    assert.equal(sync.total, all.jobs.filter((j) => String(j.function_name).includes('sync')).length);
    const both = await cnaas('per_page=1000&filter[status]=EXCEPTION&filter[function_name][contains]=sync');
    assert.ok(both.jobs.every((j) => j.status === 'EXCEPTION' && j.function_name.includes('sync')));
    const bad = await call(`${emu.urls['cnaas-nms']}/api/v1.0/jobs?filter[nope]=1`, { headers: bearer() });
    assert.equal(bad.status, 400);
    assert.equal(bad.json().status, 'error');
  });

  it('CNaaS: sort by -id, start_time, function_name, status', async () => {
    const byStart = (await cnaas('per_page=1000&sort=start_time')).jobs;
    const starts = byStart.map((j) => j.start_time).filter((s) => s !== null);
    assert.deepEqual(starts, [...starts].sort());
    assert.equal(byStart[byStart.length - 1].start_time, null, 'jobs not started sort last ascending');
    const byFn = (await cnaas('per_page=1000&sort=function_name')).jobs.map((j) => j.function_name);
    assert.deepEqual(
      byFn,
      [...byFn].sort((a, b) => a.localeCompare(b)),
    );
    const byStatus = (await cnaas('per_page=1000&sort=-status')).jobs.map((j) => j.status);
    assert.deepEqual(byStatus, [...byStatus].sort().reverse());
  });

  const cdr = async (q: string) => {
    const r = await call(`${emu.urls.cdrouter}/api/v1/jobs/?${q}`, { headers: bearer() });
    assert.equal(r.status, 200, r.text);
    return r.json();
  };

  it('CDRouter: repeated filter (AND), ~ case-insensitive contains, user_id, tags @>', async () => {
    const all = (await cdr('limit=1000')).data as Record<string, any>[];
    const running = await cdr('limit=1000&filter=status=running');
    assert.equal(running.links.total, all.filter((j) => j.status === 'running').length);
    const dns = await cdr('limit=1000&filter=package_name~DNS');
    assert.ok(dns.data.length > 0);
    assert.ok(dns.data.every((j: any) => j.package_name.toLowerCase().includes('dns')));
    const combo = await cdr('limit=1000&filter=package_name~dns&filter=user_id=1');
    assert.equal(
      combo.links.total,
      all.filter((j) => j.package_name.toLowerCase().includes('dns') && j.user_id === '1').length,
    );
    const tagged = await cdr('limit=1000&filter=tags@>{nightly}');
    assert.ok(tagged.data.every((j: any) => j.options.tags.includes('nightly')));
    const bad = await call(`${emu.urls.cdrouter}/api/v1/jobs/?filter=bogus`, { headers: bearer() });
    assert.equal(bad.status, 400);
  });

  it('CDRouter: sort id, -id, created, -created, package_name, status', async () => {
    const ids = (q: string) => cdr(q).then((r) => r.data.map((j: any) => Number(j.id)));
    assert.deepEqual(await ids('limit=5&sort=id'), [1, 2, 3, 4, 5]);
    assert.deepEqual(await ids('limit=5&sort=-id'), [300, 299, 298, 297, 296]);
    assert.deepEqual(await ids('limit=3&sort=-created'), [300, 299, 298]);
    const names = (await cdr('limit=1000&sort=package_name')).data.map((j: any) => j.package_name);
    assert.deepEqual(
      names,
      [...names].sort((a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
    );
    const statuses = (await cdr('limit=1000&sort=status')).data.map((j: any) => j.status);
    assert.deepEqual(statuses, [...statuses].sort());
  });

  it('Puppet: order_by owner/environment/state/timestamp, asc and desc', async () => {
    const items = async (q: string) =>
      (
        await call(`${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs?limit=1000&${q}`, { headers: xauth() })
      ).json().items as any[];
    const owners = (await items('order_by=owner')).map((j) => j.owner.login);
    assert.deepEqual(owners, [...owners].sort());
    const envs = (await items('order_by=environment&order=desc')).map((j) => j.environment.name);
    assert.deepEqual(envs, [...envs].sort().reverse());
    const times = (await items('order_by=timestamp')).map((j) => j.timestamp);
    assert.deepEqual(times, [...times].sort());
    const bad = await call(`${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs?order_by=colour`, {
      headers: xauth(),
    });
    assert.equal(bad.status, 400);
  });

  it('beacon: any job property filters the whole list by equality', async () => {
    const all = (await call(`${emu.urls.beacon}/api/jobs?action=list&userkey=demo-token`)).json() as any[];
    const alice = (await call(`${emu.urls.beacon}/api/jobs?action=list&userkey=demo-token&user=alice`)).json() as any[];
    assert.ok(alice.length > 0);
    assert.deepEqual(
      alice.map((j) => j.id),
      all.filter((j) => j.user === 'alice').map((j) => j.id),
    );
    const two = (
      await call(`${emu.urls.beacon}/api/jobs?action=list&userkey=demo-token&user=alice&beacon_name=default`)
    ).json() as any[];
    assert.deepEqual(
      two.map((j) => j.id),
      all.filter((j) => j.user === 'alice' && j.beacon_name === 'default').map((j) => j.id),
    );
    const dups = (
      await call(
        `${emu.urls.beacon}/api/jobs?action=list&userkey=demo-token&duplicate_of=${all.find((j) => j.duplicate_of)?.duplicate_of}`,
      )
    ).json() as any[];
    assert.ok(dups.length >= 1);
  });
});
