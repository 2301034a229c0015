// finishedBefore on a scripted CDRouter server: what it asks the server for (the final states,
// oldest first, 100 a page), the cutoff as an open bound, jobs without any time left out, the
// early stop of a server that sorts (at a job started exactly at the cutoff too), and its
// bound of 200 pages.
import * as assert from 'node:assert/strict';
import { connect } from '../../../src/client/registry';
import { ConnectionStore } from '../../../src/store/connectionStore';
import { finishedBefore } from '../../../src/store/bulkDelete';
import { startRecordingServer, type RecordingServer } from '../support/recordingServer';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const ms = (s: number) => Date.UTC(2026, 0, 1, 0, 0, s);

describe('finishedBefore (CDRouter on loopback)', () => {
  let server: RecordingServer;
  beforeEach(async () => {
    server = await startRecordingServer();
  });
  afterEach(() => server.close());

  const store = () =>
    new ConnectionStore(
      connect({ name: 'lab', kind: 'cdrouter', url: server.url }, { token: async () => 't', maxRetries: 0 }),
      10,
    );
  const job = (id: number, status: string, created?: number, updated?: number) => ({
    id: String(id),
    status,
    ...(created === undefined ? {} : { created: at(created), run_at: at(created) }),
    ...(updated === undefined ? {} : { updated: at(updated) }),
  });

  it('asks for the oldest first, 100 a page; takes final jobs that ended before the cutoff, not at it', async () => {
    server.respond(() => ({
      body: {
        data: [
          job(1, 'completed', 1, 5),
          job(2, 'error', 2, 9),
          job(3, 'stopped', 3, 10),
          job(4, 'running', 4),
          job(5, 'completed'),
        ],
        links: { next: 0 },
      },
    }));
    const got = await finishedBefore(store(), ms(10));
    assert.deepEqual(
      got.map((j) => j.id),
      ['1', '2'],
    );
    assert.equal(decodeURIComponent(server.requests[0].query.toString()), 'page=1&limit=100&sort=created');
    assert.equal(server.requests.length, 1);
  });

  it('a server that sorts: stops after the page where a job started at or after the cutoff', async () => {
    server.respond((r) => {
      const page = Number(r.query.get('page'));
      const data = page === 1 ? [job(1, 'completed', 1, 2)] : [job(2, 'completed', 10, 11)];
      return { body: { data, links: { next: page + 1 } } };
    });
    const got = await finishedBefore(store(), ms(10));
    assert.deepEqual(
      got.map((j) => j.id),
      ['1'],
    );
    assert.deepEqual(
      server.requests.map((r) => r.query.get('page')),
      ['1', '2'],
    );
  });

  it('reads at most 200 pages', async () => {
    server.respond((r) => {
      const page = Number(r.query.get('page'));
      return { body: { data: [job(page, 'completed', 1, 2)], links: { next: page + 1 } } };
    });
    const got = await finishedBefore(store(), ms(10));
    assert.equal(server.requests.length, 200);
    assert.equal(got.length, 200);
  });
});
