// A poll whose body did not change costs no parsing: HttpClient hands back the same frozen
// objects, and each adapter's list parse returns the same jobs, which the store then skips.
import * as assert from 'node:assert/strict';
import { connect } from '../../../src/client/registry';
import { HttpClient } from '../../../src/client/http';
import { DEFAULT_TOKEN, connectionsFor, start as startEmulator, type Emulator } from '../../emulator';
import { startRecordingServer, type RecordingServer } from '../support/recordingServer';

describe('unchanged polls', () => {
  describe('HttpClient', () => {
    let server: RecordingServer;
    let body: unknown;
    beforeEach(async () => {
      server = await startRecordingServer();
      body = { jobs: [{ id: 1, name: 'a' }] };
      server.respond(() => ({ body }));
    });
    afterEach(() => server.close());
    const http = () =>
      new HttpClient({
        connection: { name: 'lab', kind: 'cdrouter', url: server.url },
        auth: 'bearer',
        token: async () => 't',
      });
    const get = (c: HttpClient, path = '/jobs') =>
      c.request({ method: 'GET', path, operation: 'list jobs' }).then((r) => r.data);

    it('a GET whose body is the same text gets the same frozen objects; a changed body is parsed anew', async () => {
      const c = http();
      const first = (await get(c)) as { jobs: { name: string }[] };
      assert.ok(Object.isFrozen(first) && Object.isFrozen(first.jobs[0]), 'frozen all the way down');
      assert.throws(() => {
        first.jobs[0].name = 'b';
      }, TypeError);
      assert.equal(await get(c), first, 'the same body, the same objects');
      assert.notEqual(await get(c, '/jobs?page=2'), first, 'another URL has its own');
      body = { jobs: [{ id: 1, name: 'b' }] };
      const changed = (await get(c)) as { jobs: { name: string }[] };
      assert.notEqual(changed, first);
      assert.equal(changed.jobs[0].name, 'b');
      assert.equal(server.requests.length, 4, 'every poll still asks the server');
    });

    it('writes and big bodies are parsed each time', async () => {
      const c = http();
      const post = () =>
        c.request({ method: 'POST', path: '/jobs', json: {}, operation: 'launch' }).then((r) => r.data);
      assert.notEqual(await post(), await post());
      body = { jobs: [{ id: 1, name: 'x'.repeat(600_000) }] };
      const big = await get(c);
      assert.notEqual(await get(c), big);
      assert.equal(Object.isFrozen(big), false);
    });
  });

  describe('adapters against the emulator', () => {
    let emu: Emulator;
    before(async () => {
      emu = await startEmulator({ jobs: 60, seed: 5 });
      emu.control.pause();
    });
    const moves: Record<string, boolean> = {};
    after(() => emu.stop());

    for (const kind of ['cnaas-nms', 'cdrouter', 'puppet-orchestrator', 'stack-jobs', 'beacon'] as const) {
      it(`${kind}: the same jobs for an unchanged list, new ones once the list moves on`, async () => {
        const config = connectionsFor(emu.urls).find((c) => c.kind === kind)!;
        const { adapter } = connect(config, { token: async () => DEFAULT_TOKEN });
        const first = (await adapter.listJobs({ pageSize: 60 })).items;
        assert.ok(first.length > 0);
        const again = (await adapter.listJobs({ pageSize: 60 })).items;
        assert.equal(again.length, first.length);
        again.forEach((job, i) => assert.equal(job, first[i], `job ${job.id} is the same object`));
        // A day later: a job whose wire object changed is a new job (never the one parsed from
        // the old text); the rest may be either, as the page's other fields may have moved.
        emu.control.step(86_400_000);
        const later = (await adapter.listJobs({ pageSize: 60 })).items;
        const before = new Map(first.map((j) => [j.id, JSON.stringify(j.raw)]));
        let moved = false;
        for (const job of later) {
          if (before.get(job.id) === JSON.stringify(job.raw)) continue;
          moved = true;
          assert.ok(!first.includes(job), `job ${job.id} changed, and is parsed anew`);
        }
        moves[kind] = moved;
      });
    }

    it('the living emulator moved on somewhere (the check above saw both cases)', () => {
      assert.ok(Object.values(moves).includes(true), JSON.stringify(moves));
    });
  });
});
