import * as assert from 'node:assert/strict';
import type { ConnectionConfig } from '../../../src/client/config';
import { connect } from '../../../src/client/registry';
import { ConnectionStore } from '../../../src/store/connectionStore';
import { JobStore } from '../../../src/store/jobStore';
import { RecordingServer, startRecordingServer } from '../support/recordingServer';

const row = (id: string, status = 'running') => ({
  id,
  status,
  package_name: `pkg-${id}`,
  created: '2026-01-01T00:00:00Z',
  updated: '2026-01-01T00:01:00Z',
});

describe('JobStore (every connection’s store, kept across settings changes)', () => {
  let server: RecordingServer;
  let hold: Promise<void> | undefined;
  beforeEach(async () => {
    hold = undefined;
    server = await startRecordingServer(async (r) => {
      await hold;
      const one = /\/jobs\/(\d+)\/$/.exec(r.path);
      if (one) return { body: { timestamp: '2026-01-01T00:00:00Z', data: row(one[1], 'completed') } };
      return {
        body: {
          timestamp: '2026-01-01T00:00:00Z',
          data: [row('2'), row('1')],
          links: { current: 1, first: 1, last: 1, limit: 10, next: 0, total: 2 },
        },
      };
    });
  });
  afterEach(() => server.close());

  const cfg = (name: string, url = server.url): ConnectionConfig => ({ name, kind: 'cdrouter', url });
  const make = (made: string[]) => (c: ConnectionConfig) => {
    made.push(c.name);
    return new ConnectionStore(connect(c, { token: async () => 't', maxRetries: 0 }), 10);
  };

  it('keeps the store (and its loaded jobs) of a connection whose settings did not change; makes one for a changed or new one', async () => {
    const jobs = new JobStore();
    const made: string[] = [];
    let connections = 0;
    jobs.subscribe({ connections: () => connections++ });
    jobs.setConnections([cfg('a'), cfg('b')], make(made));
    assert.deepEqual(made, ['a', 'b']);
    assert.equal(connections, 1);
    const a = jobs.get('a')!;
    const b = jobs.get('b')!;
    await a.refresh();
    assert.equal(a.jobs.length, 2);

    jobs.setConnections([cfg('b', server.url + '/other'), cfg('a'), cfg('c')], make(made));
    assert.deepEqual(made, ['a', 'b', 'b', 'c'], 'b changed, c is new, a is kept');
    assert.equal(connections, 2);
    assert.equal(jobs.get('a'), a);
    assert.equal(jobs.get('a')!.jobs.length, 2);
    assert.notEqual(jobs.get('b'), b);
    assert.equal(jobs.get('b')!.url, server.url + '/other');
    assert.deepEqual(
      jobs.all().map((s) => s.name),
      ['b', 'a', 'c'],
    );
    assert.equal(jobs.get('nope'), undefined);

    // The key decides what "changed" means.
    const byName = new JobStore();
    byName.setConnections([cfg('a')], make(made), (c) => c.name);
    const first = byName.get('a');
    byName.setConnections([cfg('a', server.url + '/x')], make(made), (c) => c.name);
    assert.equal(byName.get('a'), first);
    assert.equal(byName.get('a')!.url, server.url);
  });

  it('passes on each store’s events with the store, and nothing from a store it let go', async () => {
    const jobs = new JobStore();
    jobs.setConnections([cfg('a'), cfg('b')], make([]));
    const heard: string[] = [];
    const sub = jobs.subscribe({
      structure: (s) => heard.push(`structure ${s.name}`),
      jobs: (s, list) => heard.push(`jobs ${s.name} ${list.map((j) => j.id).join()}`),
      detail: (s, d) => heard.push(`detail ${s.name} ${d.id} ${d.state}`),
      launched: (s, list) => heard.push(`launched ${s.name} ${list.map((j) => j.id).join()}`),
    });
    const a = jobs.get('a')!;
    await a.refresh();
    await a.loadDetail('1');
    await a.addLaunched([{ ...a.job('2')!, id: '3' }]);
    assert.deepEqual(heard, [
      'structure a',
      'structure a',
      'detail a 1 succeeded',
      'jobs a 1',
      'structure a',
      'launched a 3',
    ]);

    heard.length = 0;
    const b = jobs.get('b')!;
    jobs.setConnections([cfg('a')], make([]));
    b.upsert({ ...a.job('2')!, id: '9' });
    a.upsert({ ...a.job('2')!, id: '8' });
    assert.deepEqual(heard, ['structure a']);

    sub.dispose();
    a.upsert({ ...a.job('2')!, id: '7' });
    assert.deepEqual(heard, ['structure a']);
  });

  it('a store let go stops its reads: a list read under way ends quietly and changes nothing', async () => {
    const jobs = new JobStore();
    jobs.setConnections([cfg('a')], make([]));
    const a = jobs.get('a')!;
    let release!: () => void;
    hold = new Promise((r) => (release = r));
    const reading = a.refresh();
    jobs.setConnections([], make([]));
    release();
    await reading;
    assert.deepEqual(a.jobs, []);
    assert.equal(jobs.get('a'), undefined);
  });

  it('dispose lets every store go and stops passing on events', async () => {
    const jobs = new JobStore();
    jobs.setConnections([cfg('a'), cfg('b')], make([]));
    const [a, b] = jobs.all();
    let heard = 0;
    jobs.on('structure', () => heard++);
    let release!: () => void;
    hold = new Promise((r) => (release = r));
    const reading = [a.refresh(), b.refresh()];
    heard = 0;
    jobs.dispose();
    release();
    await Promise.all(reading);
    assert.deepEqual(jobs.all(), []);
    assert.deepEqual([a.jobs, b.jobs], [[], []]);
    a.upsert({ id: '5', name: 'x', state: 'running', rawState: 'running', raw: {} });
    assert.equal(heard, 0);
  });
});
