import * as assert from 'node:assert/strict';
import { connect } from '../../../src/client/registry';
import type { ConnectionConfig } from '../../../src/client/config';
import { isJobdeckError } from '../../../src/client/errors';
import type { BulkDeleteSelection, Job } from '../../../src/client/model';
import { BulkDeleter, finishedBefore } from '../../../src/store/bulkDelete';
import { ConnectionStore } from '../../../src/store/connectionStore';
import { start, type Emulator } from '../../emulator/index';
import { RecordingServer, RecordedRequest, startRecordingServer } from '../support/recordingServer';
import { until } from '../support/until';

const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);

function storeOn(url: string, kind: ConnectionConfig['kind'], name = `lab-${kind}`, pageSize = 500): ConnectionStore {
  return new ConnectionStore(
    connect({ name, kind, url }, { token: async () => 'demo-token', retryBaseMs: 1, maxRetries: 0 }),
    pageSize,
  );
}

describe('BulkDeleter (the store half of Delete Jobs, against the emulator)', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await start({ port: 0, now: () => T0, jobs: 30 });
  });
  afterEach(() => emu.stop());

  const writes = (kind: string) =>
    emu.control
      .log()
      .filter((e) => e.dialect === kind && e.method !== 'GET')
      .map((e) => `${e.method} ${e.path}${e.query ? '?' + e.query : ''}`);
  const ids = (s: ConnectionStore) => s.jobs.map((j) => j.id);

  it('deletes one job with the single delete, and the list and total lose it', async () => {
    const store = storeOn(emu.urls.cdrouter, 'cdrouter');
    await store.refresh();
    const [victim] = ids(store);
    const total = store.total!;
    const outcome = await new BulkDeleter().run(store, { by: 'ids', ids: [victim] });
    assert.deepEqual(outcome, { deleted: [{ id: victim, outcome: 'deleted' }], failed: [], requests: 1 });
    assert.deepEqual(writes('cdrouter'), [`DELETE /cdrouter/api/v1/jobs/${victim}/`]);
    assert.ok(!ids(store).includes(victim));
    assert.equal(store.total, total - 1);
    // The server agrees: a new read does not bring it back.
    await store.refresh();
    assert.ok(!ids(store).includes(victim));
  });

  it('deletes several jobs with the bulk endpoint in one request', async () => {
    const store = storeOn(emu.urls.cdrouter, 'cdrouter');
    await store.refresh();
    const victims = ids(store).slice(0, 3);
    const outcome = await new BulkDeleter().run(store, { by: 'ids', ids: victims });
    assert.deepEqual(
      outcome.deleted.map((d) => d.id),
      victims,
    );
    assert.equal(outcome.requests, 1);
    assert.deepEqual(writes('cdrouter'), ['POST /cdrouter/api/v1/jobs/?bulk=delete']);
    assert.deepEqual(
      ids(store).filter((id) => victims.includes(id)),
      [],
    );
  });

  it('a refused single delete is an outcome with the reason, not an error; the job stays', async () => {
    const store = storeOn(emu.urls.cdrouter, 'cdrouter');
    await store.refresh();
    const before = ids(store);
    const outcome = await new BulkDeleter().run(store, { by: 'ids', ids: ['999999'] });
    assert.deepEqual(outcome.deleted, []);
    assert.equal(outcome.requests, 1);
    assert.equal(outcome.failed.length, 1);
    assert.equal(outcome.failed[0].id, '999999');
    assert.match(outcome.failed[0].message, /not found|no such job|404/i);
    assert.deepEqual(ids(store), before);
  });

  it('a cancelled single delete is thrown, not reported as a failure of that job', async () => {
    const store = storeOn(emu.urls.cdrouter, 'cdrouter');
    await store.refresh();
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      new BulkDeleter().run(store, { by: 'ids', ids: [ids(store)[0]] }, { signal: controller.signal }),
      (e: unknown) => isJobdeckError(e) && e.code === 'cancelled',
    );
  });

  it('stack-jobs: an active job is queued and shown as "deleting"; an inactive one leaves the list', async () => {
    const store = storeOn(emu.urls['stack-jobs'], 'stack-jobs');
    await store.refresh();
    const active = store.jobs.find((j) => j.state === 'scheduled');
    const inactive = store.jobs.find((j) => j.state !== 'scheduled' && j.state !== 'deleting');
    assert.ok(active && inactive, 'the emulator lists an active and an inactive stack job');
    const progress: [number, number][] = [];
    const outcome = await new BulkDeleter().run(
      store,
      { by: 'ids', ids: [active.id, inactive.id] },
      { onProgress: (settled, total) => progress.push([settled, total]) },
    );
    assert.deepEqual(
      [...outcome.deleted].sort((a, b) => a.id.localeCompare(b.id)),
      [
        { id: active.id, outcome: 'queued' },
        { id: inactive.id, outcome: 'deleted' },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    assert.deepEqual(
      progress.map(([, total]) => total),
      [2, 2],
    );
    assert.deepEqual(progress.map(([settled]) => settled).sort(), [1, 2]);
    assert.equal(store.job(inactive.id), undefined);
    const shown = store.job(active.id);
    assert.equal(shown?.state, 'deleting');
    assert.equal(shown?.rawState, 'queued for deletion');
    assert.equal(shown?.name, active.name);
  });

  it('stack-jobs: a queued job read outside the list (a scan) joins it as "deleting"; an unknown id does not', async () => {
    const store = storeOn(emu.urls['stack-jobs'], 'stack-jobs', 'lab', 10);
    const all: Job[] = [];
    for (let cursor: string | undefined, n = 0; n === 0 || cursor; n++) {
      const page = await store.scan({ pageSize: 10, cursor });
      all.push(...page.items);
      cursor = page.nextCursor;
    }
    await store.refresh();
    const outside = all.filter((j) => j.state === 'scheduled' && !store.job(j.id));
    assert.ok(outside.length >= 2, 'active jobs beyond the first page');
    const [a, b] = outside;
    // Only `a` is handed over as known: `b` is queued too, but the store has nothing to show for it.
    await new BulkDeleter().run(store, { by: 'ids', ids: [a.id, b.id] }, { jobs: [a] });
    assert.equal(store.job(a.id)?.state, 'deleting');
    assert.equal(store.job(a.id)?.name, a.name);
    assert.equal(store.job(b.id), undefined);
  });

  it('a delete of all jobs reads the list again (the server does not say which went)', async () => {
    const store = storeOn(emu.urls.cdrouter, 'cdrouter');
    await store.refresh();
    const before = ids(store);
    const outcome = await new BulkDeleter().run(store, { by: 'all' });
    assert.deepEqual(outcome.deleted, []);
    const left = (await store.scan({ pageSize: 500 })).items.map((j) => j.id).sort();
    assert.ok(left.length < before.length, `${left.length} of ${before.length} left`);
    await until(() => ids(store).sort().join() === left.join(), 'the list read again after the delete');
  });

  it('a delete by filter reads the list again, and the jobs that did not match stay', async () => {
    const store = storeOn(emu.urls.cdrouter, 'cdrouter');
    await store.refresh();
    const states = new Set(store.jobs.map((j) => j.state));
    assert.ok(states.has('succeeded') || states.has('failed'), [...states].join());
    const gone = states.has('failed') ? 'failed' : 'succeeded';
    const kept = store.jobs.filter((j) => j.state !== gone).map((j) => j.id);
    await new BulkDeleter().run(store, { by: 'filter', filter: { states: [gone] } });
    await until(() => !store.jobs.some((j) => j.state === gone), 'the list read again after the delete');
    assert.deepEqual(ids(store), kept);
  });
});

describe('BulkDeleter.unclaimed (a second click on jobs being deleted)', () => {
  let server: RecordingServer;
  let release: () => void;
  beforeEach(async () => {
    let open!: () => void;
    const held = new Promise<void>((r) => (open = r));
    release = open;
    server = await startRecordingServer(async (r: RecordedRequest) => {
      if (r.method === 'GET')
        return { body: { data: [], links: { current: 1, last: 1, next: 0, total: 0, limit: 10 } } };
      await held;
      return r.method === 'DELETE' ? { status: 204 } : { body: { data: {} } };
    });
  });
  afterEach(() => {
    release();
    return server.close();
  });

  it('leaves out the jobs under way on that connection until their delete ends, however it ends', async () => {
    const lab = storeOn(server.url, 'cdrouter', 'lab');
    const other = storeOn(server.url, 'cdrouter', 'other');
    const deleter = new BulkDeleter();
    assert.deepEqual(deleter.unclaimed(lab, { by: 'ids', ids: ['1', '2', '1'] }), { by: 'ids', ids: ['1', '2'] });

    const first = deleter.run(lab, { by: 'ids', ids: ['1', '2'] });
    const single = deleter.run(lab, { by: 'ids', ids: ['5'] });
    assert.deepEqual(deleter.unclaimed(lab, { by: 'ids', ids: ['2', '3', '1', '5'] }), { by: 'ids', ids: ['3'] });
    assert.equal(deleter.unclaimed(lab, { by: 'ids', ids: ['1', '2'] }), undefined);
    assert.equal(deleter.unclaimed(lab, { by: 'ids', ids: [] }), undefined);
    // Another connection's jobs of the same ids are not claimed.
    assert.deepEqual(deleter.unclaimed(other, { by: 'ids', ids: ['1'] }), { by: 'ids', ids: ['1'] });
    // A filter or "all" is the server's to resolve: passed on as it is.
    const filter: BulkDeleteSelection = { by: 'filter', filter: { states: ['failed'] } };
    assert.equal(deleter.unclaimed(lab, filter), filter);
    const everything: BulkDeleteSelection = { by: 'all' };
    assert.equal(deleter.unclaimed(lab, everything), everything);

    await until(() => server.requests.filter((r) => r.method !== 'GET').length === 2, 'both deletes sent');
    release();
    await Promise.all([first, single]);
    assert.deepEqual(deleter.unclaimed(lab, { by: 'ids', ids: ['1', '2', '5'] }), { by: 'ids', ids: ['1', '2', '5'] });
  });

  it('frees the jobs of a delete that failed', async () => {
    release();
    server.respond(() => ({ status: 500, body: { error: 'boom' } }));
    const lab = storeOn(server.url, 'cdrouter', 'lab');
    const deleter = new BulkDeleter();
    await assert.rejects(deleter.run(lab, { by: 'ids', ids: ['1', '2'] }));
    assert.deepEqual(deleter.unclaimed(lab, { by: 'ids', ids: ['1', '2'] }), { by: 'ids', ids: ['1', '2'] });
  });
});

describe('finishedBefore (Delete Old Jobs: which finished jobs ended before a date)', () => {
  const DAY = 86_400_000;
  let emu: Emulator;
  beforeEach(async () => {
    emu = await start({ port: 0, now: () => T0, jobs: 250 });
  });
  afterEach(() => emu.stop());

  for (const kind of ['cdrouter', 'stack-jobs', 'beacon'] as const)
    it(`${kind}: exactly the final jobs that ended before the cutoff, read over several pages`, async () => {
      const store = storeOn(emu.urls[kind], kind, 'lab', 10);
      const all: Job[] = [];
      for (let cursor: string | undefined, n = 0; n === 0 || cursor; n++) {
        const page = await store.scan({ pageSize: 100, cursor });
        all.push(...page.items);
        cursor = page.nextCursor;
      }
      const FINAL = new Set(['succeeded', 'failed', 'stopped']);
      const ended = (j: Job) => j.finishedAt ?? j.startedAt ?? j.createdAt ?? j.nextRunAt ?? 0;
      const times = all
        .filter((j) => FINAL.has(j.state))
        .map(ended)
        .filter((t) => t > 0)
        .sort((a, b) => a - b);
      // A cutoff in the middle of the finished jobs' end times.
      const cutoff = times.length ? times[Math.floor(times.length / 2)] : T0 - DAY;
      emu.control.clearLog();
      const got = await finishedBefore(store, cutoff);
      const reads = emu.control.log().filter((e) => e.method === 'GET').length;
      // A server that sorts stops reading once the jobs start after the cutoff.
      if (store.capabilities.serverSort) assert.ok(reads > 1 && reads < Math.ceil(all.length / 100), `${reads} reads`);
      const gotIds = got.map((j) => j.id).sort();
      for (const j of got) {
        assert.ok(ended(j) < cutoff && ended(j) > 0, `${j.id} ended at ${ended(j)}`);
      }
      assert.equal(new Set(gotIds).size, gotIds.length, 'no job twice');
      const expected = all
        .filter((j) => FINAL.has(j.state) && ended(j) > 0 && ended(j) < cutoff)
        .map((j) => j.id)
        .sort();
      assert.deepEqual(gotIds, expected);
    });
});
