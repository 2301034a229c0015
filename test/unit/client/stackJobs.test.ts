import * as assert from 'node:assert/strict';
import { checkEveryRequest, fixtures, rejectsWithout, capabilityNames } from '../../support/fixtures';
import { HttpClient } from '../../../src/client/http';
import { until } from '../support/until';
import type { JobsAdapter } from '../../../src/client/adapter';
import type { Job, ListQuery } from '../../../src/client/model';
import { dialect } from '../../../src/client/dialects/stackJobs';
import {
  RecordedRequest,
  RecordingServer,
  Responder,
  ScriptedResponse,
  startRecordingServer,
} from '../support/recordingServer';

const TOKEN = 'stack-token-0815';
const fixture = fixtures('stack-jobs');
const rejects = (p: Promise<unknown>) => rejectsWithout(TOKEN, p);
const PREFIX = '/sj';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/**
 * The server holds each answer until as many requests as the bound allows are in flight at
 * once (a positive signal, not a sleep that a busy machine can outlast); a client that never
 * gets there is let go after 5 s and the in-flight assertion says what it reached.
 */
const allInFlight = (reached: () => boolean) => until(reached, 'the bound to be reached', 5_000).catch(() => undefined);

/** A stack-jobs server's list endpoint over `all`, 10 per page (or `size`). */
function pagedJobs(all: readonly object[], size = 10): (r: RecordedRequest) => ScriptedResponse | undefined {
  return (r) => {
    if (r.method !== 'GET' || r.path !== `${PREFIX}/jobs`) return undefined;
    const p = Number(r.query.get('page') ?? '1');
    const jobs = all.slice((p - 1) * size, p * size);
    return { body: { count: all.length, pagesize: jobs.length, page: p, jobs } };
  };
}

function manyJobs(n: number): object[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    name: `job ${i + 1}`,
    stack: 1,
    schedule: 1,
    next_run: 1714528800 + i,
    do_run: i % 4 !== 0,
    do_del: false,
  }));
}

async function collect(adapter: JobsAdapter, query: ListQuery): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await adapter.listJobs({ ...query, cursor });
    ids.push(...page.items.map((j) => j.id));
    cursor = page.nextCursor;
    if (++pages > 200) assert.fail('paging does not end');
  } while (cursor);
  return { ids, pages };
}

describe('stack-jobs adapter', () => {
  let server: RecordingServer;
  let adapter: JobsAdapter;

  function respond(
    ...handlers: ((r: RecordedRequest) => ScriptedResponse | undefined | Promise<ScriptedResponse | undefined>)[]
  ): void {
    const responder: Responder = async (r) => {
      for (const h of handlers) {
        const out = await h(r);
        if (out) return out;
      }
      return { status: 500, body: { detail: `unexpected ${r.method} ${r.path}` } };
    };
    server.respond(responder);
  }

  beforeEach(async () => {
    server = await startRecordingServer();
    const http = new HttpClient({
      connection: { name: 'sj', kind: 'stack-jobs', url: `${server.url}${PREFIX}` },
      auth: dialect.auth,
      token: async () => TOKEN,
      retryBaseMs: 1,
      maxRetries: 0,
    });
    adapter = dialect.create(http);
  });
  afterEach(() => server.close());
  checkEveryRequest(
    () => server.requests,
    (r) => {
      assert.equal(r.headers.authorization, `Bearer ${TOKEN}`, `${r.method} ${r.path} without Bearer`);
      assert.equal(r.query.get('userkey'), null);
      // The seed's one literal path is `DELETE /jobs/<job id>`: no trailing slash anywhere.
      assert.ok(r.path.startsWith(`${PREFIX}/`) && !r.path.endsWith('/'), `no trailing slash: ${r.path}`);
    },
  );

  it('declares its kind, auth and capabilities', () => {
    assert.equal(dialect.kind, 'stack-jobs');
    assert.equal(dialect.auth, 'bearer');
    const c = adapter.capabilities;
    assert.deepEqual(capabilityNames(c), [
      'bulkDelete',
      'delete',
      'get',
      'launch',
      'list',
      'schedule',
      'stop',
      'update',
    ]);
    assert.deepEqual(c.serverFilter, { state: false, text: false, owner: false });
    assert.equal(typeof adapter.getJobByName, 'function');
  });

  describe('contract: jobs built from the seed field lists parse into domain objects', () => {
    it('list: count/pagesize/page/jobs, states, next_run as ISO and as unix seconds', async () => {
      const p1 = fixture('list-jobs.page1.json');
      respond((r) => (r.query.get('page') === '1' ? { body: p1 } : { body: fixture('list-jobs.page2.json') }));
      const page = await adapter.listJobs({ pageSize: 10 });
      assert.equal(server.requests.length, 1);
      assert.equal(server.requests[0].method, 'GET');
      assert.equal(server.requests[0].path, `${PREFIX}/jobs`);
      assert.deepEqual([...server.requests[0].query.entries()], [['page', '1']]);
      assert.equal(page.total, 12);
      assert.equal(page.nextCursor, '2:0');
      assert.equal(page.items.length, 10);
      const [a, b, c] = page.items;
      assert.equal(a.id, '1');
      assert.equal(a.name, 'nightly backup');
      assert.equal(a.state, 'scheduled');
      assert.equal(a.rawState, 'scheduled');
      assert.equal(a.nextRunAt, Date.UTC(2024, 4, 1, 2, 0, 0));
      assert.equal(a.owner, undefined);
      assert.equal(a.summary, 'stack 4 · schedule 2');
      assert.deepEqual(a.fields, [
        { label: 'Stack', value: '4' },
        { label: 'Schedule', value: '2' },
      ]);
      assert.deepEqual(a.raw, p1.jobs[0]);

      assert.equal(b.id, '2');
      assert.equal(b.name, 'Job 2', 'name: None');
      assert.equal(b.state, 'disabled');
      assert.equal(b.rawState, 'disabled');
      assert.equal(b.nextRunAt, 1714528800000, 'unix seconds as a string');

      assert.equal(c.id, '3');
      assert.equal(c.state, 'deleting');
      assert.equal(c.rawState, 'queued for deletion', 'do_del wins over do_run');
      assert.equal(c.deletableNow, undefined, 'active and queued: deleted at its next run');
      assert.equal(c.nextRunAt, undefined);
      assert.equal((c.raw as Record<string, unknown>).region, 'eu-1', 'unknown fields stay in raw');

      assert.equal(page.items[3].nextRunAt, (1714532400 + 4 * 3600) * 1000, 'unix seconds as a number');

      const rest = await adapter.listJobs({ pageSize: 10, cursor: page.nextCursor });
      assert.equal(server.requests[1].query.get('page'), '2');
      assert.deepEqual(
        rest.items.map((j) => j.id),
        ['11', '12'],
      );
      assert.equal(rest.nextCursor, undefined);
    });

    it('get a job by id and by name: GET /jobs/<id or name>', async () => {
      respond(() => ({ body: fixture('get-job.response.json') }));
      const job = await adapter.getJob('1');
      const byName = await adapter.getJobByName!('nightly backup');
      assert.deepEqual(
        server.requests.map((r) => [r.method, r.path]),
        [
          ['GET', `${PREFIX}/jobs/1`],
          ['GET', `${PREFIX}/jobs/nightly%20backup`],
        ],
      );
      for (const j of [job, byName]) {
        assert.equal(j.id, '1');
        assert.equal(j.name, 'nightly backup');
        assert.equal(j.state, 'scheduled');
        assert.equal(j.nextRunAt, Date.UTC(2024, 4, 1, 0, 0, 0, 250));
        assert.deepEqual(j.targets, []);
        assert.deepEqual(j.timeline, []);
      }
    });

    it('queued for deletion but not active (do_del without do_run): deletable now', async () => {
      const wire = { ...fixture('get-job.response.json'), do_run: false, do_del: true };
      respond(() => ({ body: wire }));
      const job = await adapter.getJob('1');
      assert.equal(job.state, 'deleting');
      assert.equal(job.rawState, 'queued for deletion');
      assert.equal(job.deletableNow, true);
    });

    it('create: POST /jobs with the JSON body, then GET the new job', async () => {
      respond(
        (r) => (r.method === 'POST' ? { body: fixture('create.response.json') } : undefined),
        (r) => (r.path === `${PREFIX}/jobs/7` ? { body: { ...fixture('get-job.response.json'), id: 7 } } : undefined),
      );
      const job = await adapter.launch({
        kind: 'stack-jobs',
        scheduleId: 2,
        stackId: 4,
        name: 'nightly backup',
        enabled: true,
      });
      assert.deepEqual(
        server.requests.map((r) => [r.method, r.path]),
        [
          ['POST', `${PREFIX}/jobs`],
          ['GET', `${PREFIX}/jobs/7`],
        ],
      );
      assert.match(String(server.requests[0].headers['content-type']), /application\/json/);
      assert.deepEqual(JSON.parse(server.requests[0].body), fixture('create.request.json'));
      assert.equal(job.id, '7');
      assert.equal(job.name, 'nightly backup');
      assert.equal(job.state, 'scheduled');
      assert.equal('targets' in job, false, 'launch returns a Job, not a detail');
    });

    it('update: PUT only the given fields; the answer (no id in the seed) keeps the id asked for', async () => {
      respond(() => ({ body: fixture('update.response.json') }));
      const job = await adapter.update('1', { enabled: false, name: 'nightly backup (paused)' });
      const req = server.requests[0];
      assert.equal(req.method, 'PUT');
      assert.equal(req.path, `${PREFIX}/jobs/1`);
      assert.deepEqual(JSON.parse(req.body), { name: 'nightly backup (paused)', enabled: false });
      assert.equal(job.id, '1');
      assert.equal(job.name, 'nightly backup (paused)');
      assert.equal(job.owner, '42');
      assert.equal(job.state, 'disabled');
      assert.equal(job.nextRunAt, 1714528800000);
      assert.deepEqual(job.fields, [
        { label: 'Stack', value: '4' },
        { label: 'Schedule', value: '2' },
        { label: 'Owner', value: '42' },
      ]);

      await adapter.update('1', { scheduleId: 3, stackId: 9 });
      assert.deepEqual(JSON.parse(server.requests[1].body), { schedule_id: 3, stack_id: 9 });
    });

    it('delete: {deleted} → deleted, {queued_for_deletion} → queued', async () => {
      respond(() => ({ body: fixture('delete-deleted.response.json') }));
      assert.deepEqual(await adapter.deleteJob('3'), { id: '3', outcome: 'deleted' });
      respond(() => ({ body: fixture('delete-queued.response.json') }));
      assert.deepEqual(await adapter.deleteJob('3'), { id: '3', outcome: 'queued' });
      assert.deepEqual(
        server.requests.map((r) => [r.method, r.path]),
        [
          ['DELETE', `${PREFIX}/jobs/3`],
          ['DELETE', `${PREFIX}/jobs/3`],
        ],
      );
    });

    it('choice lists: schedules and stacks; other fields [] without a request; 404 → []', async () => {
      respond((r) =>
        r.path.endsWith('/schedules')
          ? { body: fixture('schedules.response.json') }
          : r.path.endsWith('/stacks')
            ? { body: fixture('stacks.response.json') }
            : undefined,
      );
      assert.deepEqual(await adapter.listChoices('schedule'), [
        { id: '2', label: 'daily 02:00' },
        { id: '3', label: 'Schedule 3' },
      ]);
      assert.deepEqual(await adapter.listChoices('stack'), [{ id: '4', label: 'web frontend' }]);
      assert.deepEqual(await adapter.listChoices('package'), []);
      assert.deepEqual(
        server.requests.map((r) => [r.method, r.path, r.query.get('page')]),
        [
          ['GET', `${PREFIX}/schedules`, '1'],
          ['GET', `${PREFIX}/stacks`, '1'],
        ],
      );
      respond(() => ({ status: 404, body: { detail: 'Not found.' } }));
      assert.deepEqual(await adapter.listChoices('stack'), []);
    });
  });

  describe('paging over a fixed server page of 10', () => {
    it('fills a larger page from several server pages, and a smaller one from part of a page', async () => {
      respond(pagedJobs(manyJobs(25)));
      const big = await adapter.listJobs({ pageSize: 25 });
      assert.deepEqual(
        server.requests.map((r) => r.query.get('page')),
        ['1', '2', '3'],
      );
      assert.equal(big.items.length, 25);
      assert.equal(big.nextCursor, undefined);
      assert.equal(big.total, 25);

      const small = await adapter.listJobs({ pageSize: 4 });
      assert.deepEqual(
        small.items.map((j) => j.id),
        ['1', '2', '3', '4'],
      );
      assert.equal(small.nextCursor, '1:4');
      const next = await adapter.listJobs({ pageSize: 8, cursor: small.nextCursor });
      assert.deepEqual(
        next.items.map((j) => j.id),
        ['5', '6', '7', '8', '9', '10', '11', '12'],
      );
      assert.equal(next.nextCursor, '2:2');
    });

    it('walks every job exactly once, in server order, for any page size, with and without a filter', async () => {
      const all = manyJobs(37);
      respond(pagedJobs(all));
      const allIds = all.map((j) => String((j as { id: number }).id));
      const enabledIds = all
        .filter((j) => (j as { do_run: boolean }).do_run)
        .map((j) => String((j as { id: number }).id));
      for (const pageSize of [1, 3, 7, 10, 11, 25, 100]) {
        assert.deepEqual((await collect(adapter, { pageSize })).ids, allIds, `pageSize ${pageSize}`);
        assert.deepEqual(
          (await collect(adapter, { pageSize, filter: { states: ['scheduled'] } })).ids,
          enabledIds,
          `filtered, pageSize ${pageSize}`,
        );
      }
    });

    it('applies state, text and owner filters and the sort on the client; total is unknown when filtering', async () => {
      respond((r) =>
        r.query.get('page') === '1'
          ? { body: fixture('list-jobs.page1.json') }
          : { body: fixture('list-jobs.page2.json') },
      );
      const disabled = await adapter.listJobs({ pageSize: 2, filter: { states: ['disabled'] } });
      assert.deepEqual(
        disabled.items.map((j) => [j.id, j.rawState]),
        [
          ['2', 'disabled'],
          ['6', 'disabled'],
        ],
      );
      assert.equal(disabled.total, undefined);
      assert.equal(disabled.nextCursor, '1:6');
      const more = await adapter.listJobs({
        pageSize: 2,
        filter: { states: ['disabled'] },
        cursor: disabled.nextCursor,
      });
      assert.deepEqual(
        more.items.map((j) => j.id),
        ['9', '12'],
      );
      assert.equal(more.nextCursor, undefined);

      const text = await adapter.listJobs({
        pageSize: 3,
        filter: { text: 'JOB 1' },
        sort: { field: 'name', direction: 'desc' },
      });
      assert.deepEqual(
        text.items.map((j) => j.name),
        ['job 12', 'job 11', 'job 10'],
      );
      assert.equal(text.nextCursor, undefined);
    });

    it('does not read more than a bounded number of server pages in one call when the filter skips everything', async () => {
      respond(pagedJobs(manyJobs(1000)));
      const page = await adapter.listJobs({ pageSize: 5, filter: { text: 'no such job' } });
      assert.equal(page.items.length, 0);
      assert.ok(server.requests.length <= 20, `${server.requests.length} requests`);
      assert.equal(page.nextCursor, `${server.requests.length + 1}:0`);
    });
  });

  describe('bulk delete fans out, bounded', () => {
    it('never exceeds the concurrency at the server, reports per-id failures and queued vs deleted, and progress', async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      let done = 0;
      respond(async (r) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await allInFlight(() => inFlight >= Math.min(3, 40 - done));
        inFlight--;
        done++;
        const id = r.path.split('/')[3];
        if (id === '13' || id === '27') return { status: 404, body: { detail: 'Not found.' } };
        return { body: id === '5' ? { queued_for_deletion: Number(id) } : { deleted: Number(id) } };
      });
      const ids = Array.from({ length: 40 }, (_, i) => String(i + 1));
      const progress: [number, number][] = [];
      const outcome = await adapter.bulkDelete(
        { by: 'ids', ids },
        { concurrency: 3, onProgress: (s, t) => progress.push([s, t]) },
      );
      assert.equal(maxInFlight, 3, 'bounded at 3, and actually parallel');
      assert.equal(server.requests.length, 40);
      assert.ok(server.requests.every((r) => r.method === 'DELETE'));
      assert.deepEqual(server.requests.map((r) => r.path).sort(), ids.map((id) => `${PREFIX}/jobs/${id}`).sort());
      assert.equal(outcome.requests, 40);
      assert.deepEqual(
        outcome.failed.map((f) => f.id),
        ['13', '27'],
      );
      assert.match(outcome.failed[0].message, /delete job 13 failed: not found \(HTTP 404\) — Not found\./);
      assert.equal(outcome.deleted.length, 38);
      assert.deepEqual(
        outcome.deleted.find((d) => d.id === '5'),
        { id: '5', outcome: 'queued' },
      );
      assert.deepEqual(
        outcome.deleted.find((d) => d.id === '6'),
        { id: '6', outcome: 'deleted' },
      );
      assert.deepEqual(
        progress,
        ids.map((_, i) => [i + 1, 40]),
      );
    });

    it('defaults to 8 at once', async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      let done = 0;
      respond(async () => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await allInFlight(() => inFlight >= Math.min(8, 30 - done));
        inFlight--;
        done++;
        return { body: { deleted: 1 } };
      });
      const outcome = await adapter.bulkDelete({ by: 'ids', ids: Array.from({ length: 30 }, (_, i) => String(i)) });
      assert.equal(maxInFlight, 8);
      assert.equal(outcome.deleted.length, 30);
    });

    it('sends no new request after an abort; what was not sent is reported cancelled', async () => {
      respond(async () => {
        await sleep(10);
        return { body: { deleted: 1 } };
      });
      const controller = new AbortController();
      const ids = Array.from({ length: 20 }, (_, i) => String(i + 1));
      const outcome = await adapter.bulkDelete(
        { by: 'ids', ids },
        { concurrency: 2, signal: controller.signal, onProgress: (settled) => settled === 5 && controller.abort() },
      );
      // One more request through the same client queues behind anything the bulk delete still
      // had to send: once it arrives, nothing of the bulk delete is on its way.
      const sent = server.requests.length;
      respond(() => ({ body: { id: 1, name: 'marker' } }));
      await adapter.getJob('1').catch(() => undefined);
      assert.ok(server.requests.length >= sent + 1, 'the marker request arrived');
      const bulk = server.requests.filter((r) => r.method === 'DELETE').length;
      assert.ok(bulk <= 6, `${bulk} DELETE requests after abort at 5`);
      assert.ok(outcome.requests <= 6);
      assert.equal(outcome.deleted.length + outcome.failed.length, 20);
      assert.ok(outcome.deleted.length >= 5);
      assert.ok(outcome.failed.length >= 14);
      assert.ok(outcome.failed.every((f) => /cancelled/.test(f.message)));
      assert.equal(outcome.failed[outcome.failed.length - 1].id, '20');
    });

    it('by filter and all: lists every job first, then deletes the matches', async () => {
      const list = pagedJobs(manyJobs(12));
      respond(list, (r) => (r.method === 'DELETE' ? { body: { deleted: Number(r.path.split('/')[3]) } } : undefined));
      const byFilter = await adapter.bulkDelete({ by: 'filter', filter: { states: ['disabled'] } });
      assert.deepEqual(
        byFilter.deleted.map((d) => d.id),
        ['1', '5', '9'],
      );
      assert.equal(byFilter.requests, 2 + 3);
      assert.deepEqual(
        server.requests.slice(0, 2).map((r) => [r.method, r.path, r.query.get('page')]),
        [
          ['GET', `${PREFIX}/jobs`, '1'],
          ['GET', `${PREFIX}/jobs`, '2'],
        ],
      );
      assert.deepEqual(
        server.requests
          .slice(2)
          .map((r) => `${r.method} ${r.path}`)
          .sort(),
        ['1', '5', '9'].map((id) => `DELETE ${PREFIX}/jobs/${id}`),
      );

      const all = await adapter.bulkDelete({ by: 'all' });
      assert.equal(all.deleted.length, 12);
      assert.equal(all.requests, 14);
      const e = await rejects(adapter.bulkDelete({ by: 'filter', filter: {} }));
      assert.equal(e.code, 'invalid');
    });
  });

  describe('other requests and errors', () => {
    it('stop is a disable: PUT {enabled:false}', async () => {
      respond(() => ({ body: fixture('update.response.json') }));
      const job: Job = { id: '4', name: 'x', state: 'scheduled', rawState: 'scheduled', raw: {} };
      await adapter.stop(job);
      assert.equal(server.requests[0].method, 'PUT');
      assert.equal(server.requests[0].path, `${PREFIX}/jobs/4`);
      assert.deepEqual(JSON.parse(server.requests[0].body), { enabled: false });
    });

    it('error bodies {detail} become JobdeckErrors with the server message', async () => {
      respond(() => ({ status: 400, body: { detail: 'Schedule 99 does not exist.' } }));
      const e = await rejects(adapter.launch({ kind: 'stack-jobs', scheduleId: 99, stackId: 1 }));
      assert.equal(e.code, 'client');
      assert.equal(e.status, 400);
      assert.equal(e.serverMessage, 'Schedule 99 does not exist.');
      respond(() => ({ status: 401, body: { detail: 'Invalid token.' } }));
      const auth = await rejects(adapter.getJob('1'));
      assert.equal(auth.code, 'auth');
      assert.equal(auth.serverMessage, 'Invalid token.');
    });

    it('refuses updates it cannot send, and unsupported operations, without a request', async () => {
      for (const p of [
        adapter.update('1', {}),
        adapter.update('1', { curTask: 2 }),
        adapter.launch({ kind: 'cdrouter', packageId: '1' }),
      ]) {
        assert.equal((await rejects(p)).code, 'invalid');
      }
      for (const p of [adapter.getEvents('1', undefined), adapter.getTargets('1'), adapter.bulkLaunch({ by: 'all' })]) {
        assert.equal((await rejects(p)).code, 'unsupported');
      }
      const job: Job = { id: '1', name: 'x', state: 'scheduled', rawState: 'scheduled', raw: {} };
      assert.equal(adapter.relaunchSpec(job), undefined);
      assert.equal(adapter.webUrl(job), undefined);
      assert.equal(server.requests.length, 0);
    });

    it('wrong shapes are badResponse errors naming the field', async () => {
      respond(() => ({ body: { count: 1, jobs: { id: 1 } } }));
      assert.equal((await rejects(adapter.listJobs({ pageSize: 5 }))).field, 'jobs');
      respond(() => ({ body: { count: 1, jobs: [{ name: 'no id' }] } }));
      const noId = await rejects(adapter.listJobs({ pageSize: 5 }));
      assert.equal(noId.code, 'badResponse');
      assert.equal(noId.field, 'jobs[0].id');
      respond(() => ({ body: { created: true } }));
      assert.equal((await rejects(adapter.launch({ kind: 'stack-jobs', scheduleId: 1, stackId: 1 }))).field, 'id');
      respond(() => ({ body: { ok: true } }));
      const del = await rejects(adapter.deleteJob('1'));
      assert.equal(del.code, 'badResponse');
      assert.equal(del.field, 'deleted');
      respond(() => ({ body: [1, 2] }));
      assert.equal((await rejects(adapter.getJob('1'))).code, 'badResponse');
    });
  });
});
