// What the commands do through a connection's store, on the jobs emulator with the real
// adapters: the answer is in the store (and told to the views) before anyone renders it.
import * as assert from 'node:assert/strict';
import type { ConnectionConfig } from '../../../src/client/config';
import { isJobdeckError } from '../../../src/client/errors';
import type { Job } from '../../../src/client/model';
import { connect } from '../../../src/client/registry';
import { ConnectionStore } from '../../../src/store/connectionStore';
import { DEFAULT_TOKEN, type Emulator } from '../../emulator/index';
import { startFrozen } from '../emulator/harness';
import { until } from '../support/until';

describe('ConnectionStore commands (the emulator, real adapters)', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startFrozen({ jobs: 30 });
  });
  afterEach(() => emu.stop());

  const storeOf = (kind: ConnectionConfig['kind'], pageSize = 10) =>
    new ConnectionStore(
      connect({ name: `lab-${kind}`, kind, url: emu.urls[kind] }, { token: async () => DEFAULT_TOKEN, maxRetries: 0 }),
      pageSize,
    );
  const listReads = (kind: string) =>
    emu.control.log().filter((e) => e.dialect === kind && e.method === 'GET' && /\/jobs\/?$/.test(e.path)).length;
  const record = (store: ConnectionStore) => {
    const heard: string[] = [];
    store.subscribe({
      structure: () => heard.push('structure'),
      jobs: (jobs) => heard.push(`jobs ${jobs.map((j) => j.id).join()}`),
      launched: (jobs) => heard.push(`launched ${jobs.map((j) => j.id).join()}`),
    });
    return heard;
  };

  it('jobs launched into a store never loaded: the list is read first, then they are on top, newest first', async () => {
    const store = storeOf('cdrouter');
    const a = await store.launch({ kind: 'cdrouter', packageId: '1027' });
    const b = await store.launch({ kind: 'cdrouter', packageId: '1027' });
    emu.control.clearLog();
    const heard = record(store);
    await store.addLaunched([b, a]);
    assert.equal(listReads('cdrouter'), 1);
    assert.equal(store.status, 'ok');
    assert.deepEqual(
      store.jobs.slice(0, 2).map((j) => j.id),
      [b.id, a.id],
    );
    assert.equal(heard[heard.length - 1], `launched ${b.id},${a.id}`);
    // Loaded now: the next launch is put in without a read.
    const c = await store.launch({ kind: 'cdrouter', packageId: '1027' });
    emu.control.clearLog();
    await store.addLaunched([c]);
    assert.equal(listReads('cdrouter'), 0);
    assert.equal(store.jobs[0].id, c.id);
    // Nothing launched: nothing told.
    heard.length = 0;
    await store.addLaunched([]);
    assert.deepEqual(heard, []);
  });

  it('more than 50 launched at once: the list is read again instead of growing row by row', async () => {
    const store = storeOf('cdrouter');
    await store.refresh();
    const launched: Job[] = [];
    for (let i = 0; i < 51; i++) launched.push(await store.launch({ kind: 'cdrouter', packageId: '1027' }));
    launched.reverse();
    emu.control.clearLog();
    const heard = record(store);
    await store.addLaunched(launched);
    assert.equal(listReads('cdrouter'), 1);
    assert.equal(store.jobs.length, 10, 'one page, as the server lists it');
    assert.equal(store.jobs[0].id, launched[0].id);
    assert.equal(heard[heard.length - 1], `launched ${launched.map((j) => j.id).join()}`);
    // Exactly 50 are put in one by one.
    const fifty = launched.slice(0, 50).map((j) => ({ ...j, id: `x${j.id}` }));
    emu.control.clearLog();
    await store.addLaunched(fifty);
    assert.equal(listReads('cdrouter'), 0);
    assert.equal(store.jobs.length, 60);
  });

  it('an empty filter is no filter: nothing is sent for it', async () => {
    const store = storeOf('cdrouter');
    for (const empty of [{}, { states: [] }, { text: '' }, { owner: '' }, { fields: {} }, { detailed: false }]) {
      await store.query(empty);
      assert.equal(store.filter, undefined, JSON.stringify(empty));
    }
    for (const some of [
      { states: ['failed' as const] },
      { text: 'dns' },
      { owner: 'a' },
      { fields: { package_id: '1' } },
      { detailed: true },
    ]) {
      await store.query(some);
      assert.deepEqual(store.filter, some, JSON.stringify(some));
    }
    await store.query(undefined, { field: 'name', direction: 'asc' });
    assert.deepEqual(store.sort, { field: 'name', direction: 'asc' });
    await store.query(undefined);
    assert.deepEqual(store.sort, { field: 'name', direction: 'asc' }, 'the sort stays unless a new one is given');
  });

  it('a job report where the server has one; elsewhere a clear refusal', async () => {
    const cdr = storeOf('cdrouter');
    await cdr.refresh();
    await assert.rejects(cdr.loadReport(cdr.jobs[0].id), (e: unknown) => {
      assert.ok(isJobdeckError(e));
      assert.equal(e.code, 'unsupported');
      assert.match(e.message, /this server type has no job report/);
      assert.match(e.message, new RegExp(`get report of job ${cdr.jobs[0].id}`));
      return true;
    });
    const puppet = storeOf('puppet-orchestrator');
    await puppet.refresh();
    const entries = await puppet.loadReport(puppet.jobs[0].id);
    assert.ok(Array.isArray(entries));
  });

  it('Stop: the row says "stopping" at once, then what the server says', async () => {
    const store = storeOf('cdrouter', 50);
    await store.refresh();
    const running = store.jobs.find((j) => j.state === 'running');
    assert.ok(running);
    const states: string[] = [];
    store.subscribe({ jobs: (jobs) => states.push(...jobs.filter((j) => j.id === running.id).map((j) => j.state)) });
    await store.stop(running);
    assert.equal(states[0], 'stopping');
    assert.ok(store.detail(running.id), 'the detail was read after the stop');
    assert.equal(store.job(running.id)?.state, store.detail(running.id)?.state);
    assert.ok(
      emu.control.log().some((e) => e.method !== 'GET'),
      'the stop was sent',
    );
  });

  it('an update shows at once on a listed job, and does not add a job the list does not show', async () => {
    const store = storeOf('stack-jobs');
    await store.refresh();
    const listed = store.jobs.find((j) => j.state === 'scheduled');
    assert.ok(listed);
    const heard = record(store);
    const answer = await store.update(listed.id, { enabled: false });
    assert.equal(answer.state, 'disabled');
    assert.equal(store.job(listed.id)?.state, 'disabled');
    assert.deepEqual(heard, [`jobs ${listed.id}`]);
    let unlisted: Job | undefined;
    for (let cursor = (await store.scan({ pageSize: 10 })).nextCursor; cursor && !unlisted;) {
      const page = await store.scan({ pageSize: 10, cursor });
      unlisted = page.items.find((j) => !store.job(j.id) && j.state === 'scheduled');
      cursor = page.nextCursor;
    }
    assert.ok(unlisted, 'a job beyond the first page');
    await store.update(unlisted.id, { enabled: false });
    assert.equal(store.job(unlisted.id), undefined);
  });

  it('beacon worker actions: the answer shows at once, and the detail is read after', async () => {
    const store = storeOf('beacon', 50);
    await store.refresh();
    const running = store.jobs.find((j) => j.state === 'running');
    assert.ok(running && store.workerAction);
    const answer = await store.workerAction(running.id, 'end');
    assert.equal(store.job(running.id), answer);
    await until(() => store.detail(running.id) !== undefined, 'the detail read after the action');
    assert.equal(storeOf('cdrouter').workerAction, undefined);
  });

  it('what a job allows, asked of the store', async () => {
    const store = storeOf('cdrouter', 50);
    await store.refresh();
    const running = store.jobs.find((j) => j.state === 'running')!;
    const done = store.jobs.find((j) => j.state === 'succeeded' || j.state === 'failed')!;
    assert.ok(store.actions(running).includes('stop'));
    assert.equal(store.can('stop', running), true);
    assert.equal(store.can('stop', done), false);
    assert.equal(store.kind, 'cdrouter');
    assert.equal(store.url, emu.urls.cdrouter);
  });

  it('loadMore: nothing to read on the last page, nor twice at once', async () => {
    const store = storeOf('cdrouter', 10);
    await store.refresh();
    emu.control.clearLog();
    await Promise.all([store.loadMore(), store.loadMore()]);
    assert.equal(listReads('cdrouter'), 1);
    assert.equal(store.jobs.length, 20);
    await store.loadMore();
    await store.loadMore();
    assert.equal(store.jobs.length, 30);
    assert.equal(store.hasMore, false);
    emu.control.clearLog();
    await store.loadMore();
    assert.equal(listReads('cdrouter'), 0);
  });

  it('a failed loadMore keeps the list and says why; a failed first read puts the store in error', async () => {
    const store = storeOf('cdrouter', 10);
    await store.refresh();
    emu.control.setFaults('cdrouter', { error500: 1 });
    await assert.rejects(store.loadMore(), (e: unknown) => isJobdeckError(e) && e.code === 'server');
    assert.equal(store.jobs.length, 10);
    assert.equal(store.loadingMore, false);
    assert.equal(store.error?.code, 'server');
    assert.equal(store.status, 'ok', 'the list itself is still good');
    const fresh = storeOf('cdrouter');
    await assert.rejects(fresh.refresh());
    assert.equal(fresh.status, 'error');
  });

  it('dispose stops the reads under way: they end quietly and change nothing', async () => {
    const store = storeOf('cdrouter');
    emu.control.setFaults('cdrouter', { latency: 200 });
    const heard = record(store);
    const reading = store.refresh();
    await until(() => heard.includes('structure'), 'the read to start');
    store.dispose();
    await reading;
    assert.deepEqual(store.jobs, []);
    assert.deepEqual(heard, ['structure']);
  });

  it('hands on what the dialect has: choices, relaunch specs, pages, previews, scheduled jobs, jobs by name', async () => {
    const cdr = storeOf('cdrouter', 50);
    await cdr.refresh();
    const packages = await cdr.listChoices('package');
    assert.ok(packages.length > 0 && packages.every((c) => c.id && c.label), JSON.stringify(packages[0]));
    const job = cdr.jobs.find((j) => cdr.relaunchSpec(j));
    assert.ok(job, 'a CDRouter job that can be launched again');
    assert.equal(cdr.relaunchSpec(job)?.kind, 'cdrouter');
    const page = cdr.jobs.find((j) => j.links?.some((l) => l.label === 'Result'));
    assert.ok(page, 'a CDRouter job with a result page');
    assert.equal(cdr.webUrl(page), page.links!.find((l) => l.label === 'Result')!.url);
    assert.equal(cdr.config.name, 'lab-cdrouter');
    const preview = await cdr.previewInterfaces!({ kind: 'cdrouter', packageId: packages[0].id });
    assert.ok(Array.isArray(preview));
    const launched = await cdr.bulkLaunch({ by: 'packages', jobs: [{ packageId: packages[0].id }] });
    assert.equal(launched.length, 1);
    assert.equal(cdr.getJobByName, undefined);

    const beacon = storeOf('beacon');
    const scheduled = await beacon.listScheduled!();
    assert.ok(Array.isArray(scheduled));
    assert.equal(beacon.previewInterfaces, undefined);

    const stack = storeOf('stack-jobs');
    await stack.refresh();
    const named = await stack.getJobByName!(stack.jobs[0].name);
    assert.equal(named.id, stack.jobs[0].id);
    assert.equal(stack.listScheduled, undefined);
  });
});
