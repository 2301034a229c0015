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

  it('CNaaS: filter[status] (upper-cased, checked), filter[text][contains] (ILIKE), exact text, and the total follows the filter', async () => {
    const all = await cnaas('per_page=1000');
    const finished = await cnaas('per_page=1000&filter[status]=finished');
    assert.equal(finished.total, all.jobs.filter((j) => j.status === 'FINISHED').length);
    assert.ok(finished.jobs.every((j) => j.status === 'FINISHED'));
    const sync = await cnaas('per_page=1000&filter[function_name][contains]=SYNC');
    assert.ok(sync.total > 0);
    assert.ok(sync.jobs.every((j) => String(j.function_name).includes('sync')));
    assert.equal(sync.total, all.jobs.filter((j) => String(j.function_name).includes('sync')).length);
    assert.equal(
      (await cnaas('per_page=1000&filter[function_name]=sync')).total,
      0,
      'without [contains] a text column compares exactly',
    );
    assert.equal(
      (await cnaas('per_page=1000&filter[function_name]=sync_devices')).total,
      all.jobs.filter((j) => j.function_name === 'sync_devices').length,
    );
    const both = await cnaas('per_page=1000&filter[status]=EXCEPTION&filter[function_name][contains]=sync');
    assert.ok(both.jobs.every((j) => j.status === 'EXCEPTION' && j.function_name.includes('sync')));
    const owner = await cnaas('per_page=1000&filter[scheduled_by][contains]=KAJ');
    assert.ok(owner.total > 0 && owner.jobs.every((j) => j.scheduled_by === 'kaj'));
  });

  it('CNaaS: the 400s of generic.py build_filter and limit_results, word for word', async () => {
    const bad = async (q: string) => {
      const r = await call(`${emu.urls['cnaas-nms']}/api/v1.0/jobs?${q}`, { headers: bearer() });
      assert.equal(r.status, 400, q);
      assert.equal(r.json().status, 'error');
      return r.json().message as string;
    };
    assert.equal(await bad('filter[nope]=1'), 'Unable to filter jobs: nope is not a valid attribute to filter on');
    assert.equal(await bad('filter[status]=DONE'), 'Unable to filter jobs: DONE is not a valid value for status');
    assert.equal(
      await bad('filter[status][contains]=RUN'),
      'Unable to filter jobs: RUN is not a valid value for status',
      'the enum value is checked first',
    );
    assert.equal(
      await bad('filter[status][contains]=RUNNING'),
      "Unable to filter jobs: Cannot use 'contains' operator for enum types",
    );
    assert.equal(
      await bad('filter[id][contains]=1'),
      "Unable to filter jobs: Cannot use 'contains' operator for integer types",
    );
    assert.equal(
      await bad('filter[start_time][contains]=2024'),
      "Unable to filter jobs: Cannot use 'contains' operator for datetime types",
    );
    assert.equal(await bad('per_page=0'), 'Unable to filter jobs: per_page argument must be integer between 1-1000');
    assert.equal(await bad('per_page=1001'), 'Unable to filter jobs: per_page argument must be integer between 1-1000');
    assert.equal(await bad('per_page=ten'), 'Unable to filter jobs: per_page argument must be integer between 1-1000');
  });

  it('CNaaS: sort by -id, start_time, function_name, status (the enum order); an unknown sort column is ignored', async () => {
    const byStart = (await cnaas('per_page=1000&sort=start_time')).jobs;
    const starts = byStart.map((j) => j.start_time).filter((s) => s !== null);
    assert.deepEqual(starts, [...starts].sort());
    assert.equal(byStart[byStart.length - 1].start_time, null, 'jobs not started sort last ascending');
    const byFn = (await cnaas('per_page=1000&sort=function_name')).jobs.map((j) => j.function_name);
    assert.deepEqual(
      byFn,
      [...byFn].sort((a, b) => a.localeCompare(b)),
    );
    const order = ['UNKNOWN', 'SCHEDULED', 'RUNNING', 'FINISHED', 'EXCEPTION', 'ABORTED', 'ABORTING'];
    const byStatus = (await cnaas('per_page=1000&sort=-STATUS')).jobs.map((j) => j.status);
    assert.deepEqual(
      byStatus,
      [...byStatus].sort((a, b) => order.indexOf(b) - order.indexOf(a)),
      'a Postgres enum sorts in declaration order',
    );
    const ids = (await cnaas('per_page=5&sort=colour')).jobs.map((j) => j.id);
    assert.deepEqual(ids, [1, 2, 3, 4, 5], 'ignored: the default, id ascending');
    assert.deepEqual(
      (await cnaas('per_page=3&sort=-id')).jobs.map((j) => j.id),
      [300, 299, 298],
    );
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

  it("beacon: the seed's filter parameters filter the whole list by equality; others (end_time) are ignored", async () => {
    const everything = (await call(`${emu.urls.beacon}/api/jobs?action=list&userkey=demo-token`)).json() as any[];
    const ended = everything.find((j) => j.end_time);
    const byEnd = (
      await call(`${emu.urls.beacon}/api/jobs?action=list&userkey=demo-token&end_time=${ended.end_time}`)
    ).json() as any[];
    assert.equal(byEnd.length, everything.length, "end_time is not in the seed's list of filters");
    const byResult = (
      await call(`${emu.urls.beacon}/api/jobs?action=list&userkey=demo-token&result=aborted`)
    ).json() as any[];
    assert.ok(byResult.every((j) => j.result === 'aborted'));
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
