import * as assert from 'node:assert/strict';
import { checkEveryRequest, fixtures, rejectsWithout, capabilityNames } from '../../support/fixtures';
import { HttpClient } from '../../../src/client/http';
import type { JobsAdapter } from '../../../src/client/adapter';
import { FINAL_STATES, type Job, type JobEvent, type LaunchSpec } from '../../../src/client/model';
import { dialect, PuppetOrchestratorAdapter } from '../../../src/client/dialects/puppetOrchestrator';
import { RecordedRequest, RecordingServer, ScriptedResponse, startRecordingServer } from '../support/recordingServer';
import { DEFAULT_TOKEN, type Emulator, start as startEmulator } from '../../emulator';

const TOKEN = 'rbac-token-0bf1c3';
const fixture = fixtures('puppet-orchestrator');
const rejects = (p: Promise<unknown>) => rejectsWithout(TOKEN, p);
const PREFIX = '/puppet';
const API = `${PREFIX}/orchestrator/v1`;
const JOBS = `${API}/jobs`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function query(r: RecordedRequest): Record<string, string> {
  return Object.fromEntries(r.query.entries());
}

/** A node item around one of the seed's result fragments. */
function nodeWith(result: unknown, state = 'finished'): object {
  return {
    name: 'copper-6',
    state,
    start_timestamp: '2017-08-01T10:00:00Z',
    finish_timestamp: '2017-08-01T10:00:02.250Z',
    duration: 2.25,
    details: {},
    ...(result === undefined ? {} : { result }),
  };
}

function manyJobs(n: number): object[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `https://orchestrator.example.com:8143/orchestrator/v1/jobs/${i + 1}`,
    name: String(i + 1),
    state: ['finished', 'failed', 'running'][i % 3],
    command: 'deploy',
    owner: { id: 'x', login: i % 2 ? 'brian' : 'admin' },
    environment: { name: i % 4 === 3 ? 'staging' : 'production' },
    options: { environment: i % 4 === 3 ? 'staging' : 'production', description: i === 4 ? 'hotfix for web' : null },
    timestamp: `2024-01-01T00:00:${String(i).padStart(2, '0')}Z`,
    node_count: 1,
    node_states: null,
  }));
}

function pagedJobs(all: object[], withPagination = true): (r: RecordedRequest) => ScriptedResponse {
  return (r) => {
    const limit = Number(r.query.get('limit') ?? '1000');
    const offset = Number(r.query.get('offset') ?? '0');
    const items = all.slice(offset, offset + limit);
    return { body: withPagination ? { items, pagination: { limit, offset, total: all.length } } : { items } };
  };
}

describe('puppet-orchestrator adapter', () => {
  let server: RecordingServer;
  let adapter: PuppetOrchestratorAdapter;
  let generic: JobsAdapter;

  beforeEach(async () => {
    server = await startRecordingServer(() => ({ status: 500, body: { kind: 'test/unscripted', msg: 'unscripted' } }));
    const http = new HttpClient({
      connection: { name: 'pe', kind: 'puppet-orchestrator', url: `${server.url}${PREFIX}` },
      auth: dialect.auth,
      token: async () => TOKEN,
      retryBaseMs: 1,
      maxRetries: 0,
    });
    generic = dialect.create(http);
    adapter = generic as PuppetOrchestratorAdapter;
  });
  afterEach(() => server.close());
  checkEveryRequest(
    () => server.requests,
    (r) => {
      assert.equal(r.headers['x-authentication'], TOKEN, `${r.method} ${r.path} without X-Authentication`);
      assert.equal(r.headers.authorization, undefined);
      assert.ok(r.path.startsWith(`${API}/`), `the configured server, below its prefix: ${r.path}`);
    },
  );

  it('declares its kind, auth and capabilities', () => {
    assert.equal(dialect.kind, 'puppet-orchestrator');
    assert.equal(dialect.auth, 'x-authentication');
    assert.ok(adapter instanceof PuppetOrchestratorAdapter);
    const c = generic.capabilities;
    assert.deepEqual(capabilityNames(c), ['events', 'get', 'launch', 'list', 'nodes', 'serverSort', 'stop']);
    assert.deepEqual(c.serverFilter, { state: false, text: false, owner: false });
  });

  describe('contract: seed examples (corrected where not JSON) parse into domain objects', () => {
    it('list jobs: GET /orchestrator/v1/jobs?limit&offset&order_by&order', async () => {
      const body = fixture('list-jobs.response.json');
      server.respond(() => ({ body }));
      const page = await generic.listJobs({ pageSize: 20 });
      assert.equal(server.requests.length, 1);
      assert.equal(server.requests[0].method, 'GET');
      assert.equal(server.requests[0].path, JOBS);
      assert.deepEqual(query(server.requests[0]), { limit: '20', offset: '0', order_by: 'timestamp', order: 'desc' });
      assert.equal(page.total, 42);
      assert.equal(page.nextCursor, '1');
      const [j] = page.items;
      assert.equal(j.id, '1234', 'addressed by name, not by the absolute URL');
      assert.equal(j.name, '1234');
      assert.equal(j.state, 'succeeded');
      assert.equal(j.rawState, 'finished');
      assert.equal(j.finishedAt, Date.UTC(2016, 4, 20, 16, 45, 31));
      assert.equal(j.startedAt, undefined);
      assert.equal(j.createdAt, undefined);
      assert.equal(j.owner, 'brian');
      assert.equal(j.summary, 'deploy production · deploy the web app');
      assert.deepEqual(j.targetCounts, { finished: 2, errored: 1, failed: 1, running: 1 });
      assert.deepEqual(j.progress, { done: 4, total: 5 });
      assert.deepEqual(j.fields, [
        { label: 'Environment', value: 'production' },
        { label: 'Command', value: 'deploy' },
      ]);
      assert.deepEqual(j.links, []);
      assert.deepEqual(j.raw, body.items[0]);
      assert.equal(generic.webUrl(j), undefined);
      assert.equal(generic.relaunchSpec(j), undefined, 'an empty scope cannot be sent again');
    });

    it('get job (verbatim) + nodes (corrected): both fetched, timeline, node fields', async () => {
      const job = fixture('get-job.response.json');
      const nodes = fixture('nodes.response.json');
      const both = () => server.requests.length >= 2;
      let answeredBeforeBoth = false;
      server.respond(async (r) => {
        // Each answer waits (up to 1 s) for the other request: only parallel requests see both.
        for (let i = 0; i < 100 && !both(); i++) await sleep(10);
        if (!both()) answeredBeforeBoth = true;
        return r.path === `${JOBS}/1234`
          ? { body: job }
          : r.path === `${JOBS}/1234/nodes`
            ? { body: nodes }
            : { status: 404 };
      });
      const d = await generic.getJob('1234');
      assert.equal(answeredBeforeBoth, false, 'job and nodes are fetched in parallel');
      assert.deepEqual(server.requests.map((r) => r.path).sort(), [`${JOBS}/1234`, `${JOBS}/1234/nodes`]);
      assert.ok(server.requests.every((r) => r.method === 'GET' && [...r.query.keys()].length === 0));
      assert.equal(d.id, '1234');
      assert.equal(d.state, 'succeeded');
      assert.equal(d.rawState, 'finished', 'the seed example has no state: its history ends in finished');
      assert.equal(d.owner, 'admin');
      assert.equal(d.summary, 'deploy production · deploy the web app', 'the deprecated top-level description');
      assert.deepEqual(d.fields, [
        { label: 'Environment', value: 'production' },
        { label: 'Command', value: 'deploy' },
        { label: 'Scope', value: 'application Wordpress_app' },
      ]);
      // No node_states in the detail: the counts are the nodes' (one, in the doc's placeholder
      // state). None of them is done, so no progress: never "0 of 5" for a finished job.
      assert.deepEqual(d.targetCounts, { state: 1 });
      assert.equal(d.progress, undefined);
      const t = (s: string) => Date.parse(s);
      assert.deepEqual(d.timeline, [
        {
          state: 'pending',
          rawState: 'new',
          enteredAt: t('2016-04-11T18:44:31Z'),
          exitedAt: t('2016-04-11T18:44:31Z'),
        },
        {
          state: 'pending',
          rawState: 'ready',
          enteredAt: t('2016-04-11T18:44:31Z'),
          exitedAt: t('2016-04-11T18:44:31Z'),
        },
        {
          state: 'running',
          rawState: 'running',
          enteredAt: t('2016-04-11T18:44:31Z'),
          exitedAt: t('2016-04-11T18:45:31Z'),
        },
        { state: 'succeeded', rawState: 'finished', enteredAt: t('2016-04-11T18:45:31Z'), exitedAt: undefined },
      ]);
      assert.equal(d.createdAt, Date.UTC(2016, 3, 11, 18, 44, 31));
      assert.equal(d.startedAt, Date.UTC(2016, 3, 11, 18, 44, 31));
      assert.equal(d.finishedAt, Date.UTC(2016, 3, 11, 18, 45, 31), 'from the history, not the later timestamp');
      assert.deepEqual(d.targets, [
        {
          id: 'wss6c3w9wngpycg.example.com',
          name: 'wss6c3w9wngpycg.example.com',
          kind: 'node',
          state: 'unknown',
          rawState: 'state',
          startedAt: Date.UTC(2015, 6, 13, 20, 36, 13),
          finishedAt: Date.UTC(2015, 6, 13, 20, 37, 1),
          durationMs: 48000,
          message: 'Message of latest event',
          result: { output_1: 'success', output_2: [1, 1, 2, 3] },
        },
      ]);
      assert.deepEqual(d.links, []);
      assert.equal(d.failure, undefined);
      assert.equal(generic.webUrl(d), undefined);
    });

    it('nodes in each documented state: finished (report-url), failed, running (run-time)', async () => {
      server.respond((r) => {
        const which = r.path.split('/')[5];
        return { body: fixture(`nodes-${which}.response.json`) };
      });
      const [fin] = await generic.getTargets('finished');
      assert.equal(server.requests[0].path, `${JOBS}/finished/nodes`);
      assert.deepEqual(fin, {
        id: 'wss6c3w9wngpycg.example.com',
        name: 'wss6c3w9wngpycg.example.com',
        kind: 'node',
        state: 'succeeded',
        rawState: 'finished',
        finishedAt: Date.UTC(2015, 6, 13, 20, 37, 1),
        message: 'Finished puppet run on wss6c3w9wngpycg.example.com - Success!',
        reportUrl: 'https://peconsole.example.com/#/cm/report/a15bf509dd7c40705e4e1c24d0935e2e8a1591df',
        result: {
          metrics: {
            total: 82,
            failed: 0,
            changed: 51,
            skipped: 0,
            restarted: 2,
            scheduled: 0,
            out_of_sync: 51,
            failed_to_restart: 0,
          },
        },
      });
      const [failed] = await generic.getTargets('failed');
      assert.deepEqual(
        [failed.state, failed.rawState, failed.finishedAt, failed.reportUrl],
        ['failed', 'failed', Date.UTC(2015, 6, 13, 20, 37, 1), undefined],
      );
      assert.equal(
        failed.message,
        'Error running puppet on wss6c3w9wngpycg.example.com: java.net.Exception: Something went wrong',
      );
      const [running] = await generic.getTargets('running');
      assert.deepEqual(
        [running.state, running.rawState, running.startedAt, running.finishedAt, running.durationMs],
        ['running', 'running', Date.UTC(2015, 6, 13, 20, 37, 1), undefined, 30000],
      );
      assert.equal(running.message, 'Started puppet run on wss6c3w9wngpycg.example.com...');
    });

    it('the five result fragments are kept as structured results; errors give the message', async () => {
      const names = ['task-error', 'task-stdout', 'task-structured', 'task-error-output', 'puppet-run'];
      const results = names.map((n) => fixture(`node-result.${n}.json`).result);
      server.respond(() => ({
        body: { items: results.map((r, i) => ({ ...nodeWith(r, i === 0 ? 'errored' : 'finished'), name: `n${i}` })) },
      }));
      const nodes = await generic.getTargets('7');
      assert.deepEqual(
        nodes.map((n) => n.result),
        results,
      );
      assert.deepEqual(
        nodes.map((n) => [n.state, n.message]),
        [
          ['failed', 'Running tasks is not supported for agents older than version 5.1.0'],
          ['succeeded', undefined],
          ['succeeded', undefined],
          ['succeeded', "Invalid task name 'package::status'"],
          ['succeeded', undefined],
        ],
      );
      assert.deepEqual(
        [nodes[0].startedAt, nodes[0].finishedAt, nodes[0].durationMs],
        [Date.UTC(2017, 7, 1, 10, 0, 0), Date.UTC(2017, 7, 1, 10, 0, 2, 250), 2250],
      );
    });

    it('report: GET /orchestrator/v1/jobs/<name>/report', async () => {
      server.respond(() => ({ body: fixture('report.response.json') }));
      const report = await adapter.getReport('1234');
      assert.equal(server.requests[0].path, `${JOBS}/1234/report`);
      assert.deepEqual(report, [
        { node: 'wss6c3w9wngpycg.example.com', state: 'running', time: Date.UTC(2015, 6, 13, 20, 37, 1), events: [] },
      ]);
    });
  });

  describe('detail: node states, links, failure', () => {
    it('maps every node state word; report links and webUrl come from node report-urls; a failed job says why', async () => {
      const job = {
        name: '77',
        state: 'failed',
        command: 'deploy',
        node_count: 7,
        node_states: { finished: 1, failed: 1, errored: 1, skipped: 1, running: 1, new: 1, ready: '1' },
        options: { environment: 'production' },
      };
      const words = ['new', 'ready', 'running', 'finished', 'failed', 'errored', 'skipped', 'exploded'];
      const items = words.map((w) => ({
        name: `${w}.example.com`,
        state: w,
        details:
          w === 'finished' || w === 'failed'
            ? { 'report-url': `https://console.example.com/#/report/${w}`, message: `${w} run` }
            : w === 'skipped'
              ? { detail: { message: 'dependency failed' } }
              : w === 'errored'
                ? { ':detail': 'agent offline' }
                : {},
      }));
      server.respond((r) => ({ body: r.path.endsWith('/nodes') ? { items } : job }));
      const d = await generic.getJob('77');
      assert.deepEqual(
        d.targets.map((t) => [t.rawState, t.state]),
        [
          ['new', 'pending'],
          ['ready', 'pending'],
          ['running', 'running'],
          ['finished', 'succeeded'],
          ['failed', 'failed'],
          ['errored', 'failed'],
          ['skipped', 'stopped'],
          ['exploded', 'unknown'],
        ],
      );
      assert.equal(d.targets[6].message, 'dependency failed');
      assert.equal(d.targets[5].message, 'agent offline');
      assert.deepEqual(d.progress, { done: 4, total: 7 });
      assert.deepEqual(d.targetCounts, {
        finished: 1,
        failed: 1,
        errored: 1,
        skipped: 1,
        running: 1,
        new: 1,
        ready: 1,
      });
      assert.deepEqual(d.links, [
        { label: 'Report: finished.example.com', url: 'https://console.example.com/#/report/finished' },
        { label: 'Report: failed.example.com', url: 'https://console.example.com/#/report/failed' },
      ]);
      assert.equal(generic.webUrl(d), 'https://console.example.com/#/report/finished');
      assert.deepEqual(d.failure, { message: '2 nodes failed; failed.example.com: failed run' });
      assert.equal(d.summary, 'deploy production');
      assert.equal(d.finishedAt, undefined, 'no timestamp, no history');
    });

    it('maps every job state word and places the list timestamp by state', async () => {
      const words = ['new', 'ready', 'running', 'stopping', 'stopped', 'finished', 'failed', 'paused'];
      server.respond(() => ({
        body: { items: words.map((w, i) => ({ name: String(i + 1), state: w, timestamp: '2024-05-01T12:00:00Z' })) },
      }));
      const page = await generic.listJobs({ pageSize: 50 });
      const at = Date.UTC(2024, 4, 1, 12);
      assert.deepEqual(
        page.items.map((j) => [j.rawState, j.state, j.createdAt, j.startedAt, j.finishedAt]),
        [
          ['new', 'pending', at, undefined, undefined],
          ['ready', 'pending', at, undefined, undefined],
          ['running', 'running', undefined, at, undefined],
          ['stopping', 'stopping', undefined, undefined, undefined],
          ['stopped', 'stopped', undefined, undefined, at],
          ['finished', 'succeeded', undefined, undefined, at],
          ['failed', 'failed', undefined, undefined, at],
          ['paused', 'unknown', undefined, undefined, undefined],
        ],
      );
      assert.equal(page.nextCursor, undefined, 'no pagination block and a short page: the end');
      assert.equal(page.total, undefined);
    });
  });

  describe('events', () => {
    it('first call without start; resumes with ?start=<next id>; accepts next-events and next_id', async () => {
      server.respond((r) =>
        r.query.get('start') === null
          ? { body: fixture('events.page1.json') }
          : r.query.get('start') === '4'
            ? { body: fixture('events.page2.json') }
            : { body: { items: [] } },
      );
      const p1 = await generic.getEvents('1234', undefined);
      assert.equal(server.requests[0].path, `${JOBS}/1234/events`);
      assert.deepEqual(query(server.requests[0]), {});
      assert.equal(p1.cursor, '4');
      assert.deepEqual(p1.events, [
        {
          id: '1',
          type: 'job_running',
          message: 'Started deploy job 1234',
          level: 'info',
          time: Date.UTC(2016, 3, 11, 18, 44, 31),
        },
        {
          id: '2',
          type: 'node_running',
          message: 'Started puppet run on web1.example.com ...',
          level: 'info',
          time: Date.UTC(2016, 3, 11, 18, 44, 32),
          node: 'web1.example.com',
        },
        {
          id: '3',
          type: 'node_finished',
          message: 'Finished puppet run on web1.example.com - Success!',
          level: 'info',
          time: Date.UTC(2016, 3, 11, 18, 45, 1, 500),
          node: 'web1.example.com',
        },
      ]);
      const p2 = await generic.getEvents('1234', p1.cursor);
      assert.deepEqual(query(server.requests[1]), { start: '4' });
      assert.equal(p2.cursor, '7', 'from next_id');
      assert.deepEqual(
        p2.events.map((e) => [e.id, e.type, e.level, e.node, e.message]),
        [
          [
            '4',
            'node_errored',
            'error',
            'db1.example.com',
            'Error running puppet on db1.example.com: Agent not connected',
          ],
          ['5', 'node_skipped', 'warning', 'db2.example.com', 'node skipped on db2.example.com'],
          ['6', 'job_stopped', 'warning', undefined, 'Job 1234 was stopped'],
        ],
      );
      const p3 = await generic.getEvents('1234', p2.cursor);
      assert.deepEqual(query(server.requests[2]), { start: '7' });
      assert.deepEqual(p3, { events: [], cursor: '7' }, 'nothing new: the cursor stays');
    });

    it('tailing a growing stream delivers every event exactly once, in order, whatever the server repeats', async () => {
      const stream: object[] = [];
      const add = (type: string, node?: string) =>
        stream.push({
          id: String(stream.length + 10),
          type,
          timestamp: '2024-01-01T00:00:00Z',
          details: { node: node ?? null, detail: {} },
          message: `${type} ${node ?? ''}`.trim(),
        });
      // A sloppy server: answers from two before start, repeats the last item, and sometimes gives no hint.
      server.respond((r) => {
        const start = Number(r.query.get('start') ?? '0');
        const items = stream.filter((e) => Number((e as { id: string }).id) >= start - 2);
        if (items.length) items.push(items[items.length - 1]);
        const hint =
          r.query.get('start') === '13'
            ? {}
            : { 'next-events': { id: 'https://elsewhere.example.com/ignored', event: String(Math.max(0, start - 1)) } };
        return { body: { ...hint, items } };
      });
      const seen: JobEvent[] = [];
      let cursor: string | undefined;
      const types = ['job_running', 'node_running', 'node_finished', 'node_running', 'node_failed', 'job_finished'];
      for (const t of types) {
        add(t, t.startsWith('node') ? 'web1' : undefined);
        const page = await generic.getEvents('9', cursor);
        seen.push(...page.events);
        cursor = page.cursor;
        const again = await generic.getEvents('9', cursor);
        assert.deepEqual(again.events, [], 'polling again without news gives nothing');
        assert.equal(again.cursor, cursor);
      }
      assert.deepEqual(
        seen.map((e) => e.id),
        ['10', '11', '12', '13', '14', '15'],
      );
      assert.deepEqual(
        seen.map((e) => e.type),
        types,
      );
      assert.equal(seen[4].level, 'error');
      assert.equal(cursor, '16');
    });

    it('a server hint beyond the last item (ids of other jobs) is followed', async () => {
      server.respond(() => ({
        body: { 'next-events': { event: '40' }, items: [{ id: '12', type: 'node_finished', details: { node: 'a' } }] },
      }));
      const page = await generic.getEvents('9', '10');
      assert.deepEqual(
        page.events.map((e) => e.id),
        ['12'],
      );
      assert.equal(page.cursor, '40');
    });
  });

  describe('deploy, stop, relaunch, choices', () => {
    it('deploy: POST /orchestrator/v1/command/deploy with the body, then GET the new job by name', async () => {
      server.respond((r) =>
        r.method === 'POST'
          ? { body: fixture('deploy.response.json') }
          : {
              body: {
                ...fixture('get-job.response.json'),
                id: 'https://orchestrator.example.com:8143/orchestrator/v1/jobs/1235',
                name: '1235',
                state: 'new',
                status: undefined,
              },
            },
      );
      const spec: LaunchSpec = {
        kind: 'puppet-orchestrator',
        environment: 'production',
        scope: { nodes: ['web1.example.com', 'web2.example.com'] },
        noop: false,
        concurrency: 2,
        description: 'deploy the web app',
      };
      const job = await generic.launch(spec);
      assert.equal(server.requests.length, 2);
      const [post, get] = server.requests;
      assert.equal(post.method, 'POST');
      assert.equal(post.path, `${API}/command/deploy`);
      assert.equal(post.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(post.body), fixture('deploy.request.json'));
      assert.deepEqual(
        [get.method, get.path],
        ['GET', `${JOBS}/1235`],
        'by name, on the configured server, not the absolute id URL',
      );
      assert.deepEqual([job.id, job.state, job.rawState], ['1235', 'pending', 'new']);
    });

    it('deploy scopes: query and node group; only the given options are sent; a wrong spec is refused', async () => {
      server.respond((r) =>
        r.method === 'POST'
          ? { body: { job: { id: 'https://x.example.com/orchestrator/v1/jobs/5' } } }
          : { body: { name: '5', state: 'ready' } },
      );
      await generic.launch({
        kind: 'puppet-orchestrator',
        environment: 'dev',
        scope: { query: 'nodes[certname] { facts { name = "os" } }' },
      });
      await generic.launch({
        kind: 'puppet-orchestrator',
        environment: 'dev',
        scope: { nodeGroup: '3c4df64f-7609-4d31-9c2d-acfa52ed66ec' },
        noop: true,
      });
      const posts = server.requests.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body));
      assert.deepEqual(posts, [
        { environment: 'dev', scope: { query: 'nodes[certname] { facts { name = "os" } }' } },
        { environment: 'dev', scope: { node_group: '3c4df64f-7609-4d31-9c2d-acfa52ed66ec' }, noop: true },
      ]);
      assert.deepEqual(
        server.requests.filter((r) => r.method === 'GET').map((r) => r.path),
        [`${JOBS}/5`, `${JOBS}/5`],
        'a deploy answer without name: the name from its id URL',
      );
      server.requests.length = 0;
      assert.equal((await rejects(generic.launch({ kind: 'stack-jobs', scheduleId: 1, stackId: 2 }))).code, 'invalid');
      assert.equal(
        (await rejects(generic.launch({ kind: 'puppet-orchestrator', environment: 'dev', scope: { nodes: [] } }))).code,
        'invalid',
      );
      assert.equal(
        (await rejects(generic.launch({ kind: 'puppet-orchestrator', environment: '', scope: { nodes: ['a'] } }))).code,
        'invalid',
      );
      assert.equal(server.requests.length, 0);
    });

    it('stop: POST /orchestrator/v1/command/stop {job:"<name>"}', async () => {
      server.respond(() => ({ body: fixture('list-jobs.response.json') }));
      const [job] = (await generic.listJobs({ pageSize: 1 })).items;
      server.respond(() => ({ status: 202, body: fixture('stop.response.json') }));
      server.requests.length = 0;
      await generic.stop(job);
      assert.equal(server.requests.length, 1);
      assert.deepEqual([server.requests[0].method, server.requests[0].path], ['POST', `${API}/command/stop`]);
      assert.deepEqual(JSON.parse(server.requests[0].body), fixture('stop.request.json'));
    });

    it('relaunch spec from options: nodes, query, node_group; not for other commands or scopes', async () => {
      const base = { name: '1', state: 'finished', command: 'deploy', environment: { name: 'production' } };
      const jobs = [
        {
          ...base,
          options: {
            environment: 'production',
            scope: { nodes: ['a', 'b'] },
            noop: true,
            concurrency: 3,
            description: 'again',
          },
        },
        { ...base, options: { scope: { query: 'inventory[certname] {}' }, noop: false, concurrency: null } },
        { ...base, environment: undefined, options: { environment: 'dev', scope: { node_group: 'g1' } } },
        { ...base, command: 'task', options: { environment: 'dev', scope: { nodes: ['a'] } } },
        { ...base, options: { environment: 'dev', scope: { application: 'Wordpress_app' } } },
      ];
      server.respond(() => ({ body: { items: jobs } }));
      const page = await generic.listJobs({ pageSize: 10 });
      assert.deepEqual(
        page.items.map((j) => generic.relaunchSpec(j)),
        [
          {
            kind: 'puppet-orchestrator',
            environment: 'production',
            scope: { nodes: ['a', 'b'] },
            noop: true,
            concurrency: 3,
            description: 'again',
          },
          {
            kind: 'puppet-orchestrator',
            environment: 'production',
            scope: { query: 'inventory[certname] {}' },
            noop: false,
          },
          { kind: 'puppet-orchestrator', environment: 'dev', scope: { nodeGroup: 'g1' } },
          undefined,
          undefined,
        ],
      );
      assert.deepEqual(page.items[0].fields, [
        { label: 'Environment', value: 'production' },
        { label: 'Command', value: 'deploy' },
        { label: 'Scope', value: '2 nodes: a, b' },
        { label: 'No-op', value: 'yes' },
        { label: 'Concurrency', value: '3' },
      ]);
    });

    it('environment choices: distinct environments of the 100 most recent jobs; other fields [] without a request', async () => {
      server.respond(() => ({ body: { items: manyJobs(9) } }));
      const envs = await generic.listChoices('environment');
      assert.deepEqual(query(server.requests[0]), { limit: '100', order_by: 'timestamp', order: 'desc' });
      assert.equal(server.requests[0].path, JOBS);
      assert.deepEqual(envs, [
        { id: 'production', label: 'production' },
        { id: 'staging', label: 'staging' },
      ]);
      server.requests.length = 0;
      assert.deepEqual(await generic.listChoices('nodeGroup'), []);
      assert.deepEqual(await generic.listChoices('package'), []);
      assert.equal(server.requests.length, 0);
    });
  });

  describe('paging, sort and client-side filters', () => {
    it('limit/offset paging walks every job once; sort maps to order_by/order', async () => {
      const all = manyJobs(7);
      server.respond(pagedJobs(all));
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await generic.listJobs({ pageSize: 3, cursor, sort: { field: 'name', direction: 'asc' } });
        assert.equal(page.total, 7);
        ids.push(...page.items.map((j) => j.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(ids, ['1', '2', '3', '4', '5', '6', '7']);
      assert.deepEqual(
        server.requests.map((r) => query(r)),
        [0, 3, 6].map((offset) => ({ limit: '3', offset: String(offset), order_by: 'name', order: 'asc' })),
      );
      server.requests.length = 0;
      await generic.listJobs({ pageSize: 3, sort: { field: 'state', direction: 'desc' } });
      await generic.listJobs({ pageSize: 3, sort: { field: 'time', direction: 'asc' } });
      assert.deepEqual(
        server.requests.map((r) => [r.query.get('order_by'), r.query.get('order')]),
        [
          ['state', 'desc'],
          ['timestamp', 'asc'],
        ],
      );
    });

    it('without a pagination block, a full page means there may be more; an empty page ends', async () => {
      server.respond(pagedJobs(manyJobs(4), false));
      const p1 = await generic.listJobs({ pageSize: 2 });
      assert.deepEqual([p1.items.length, p1.nextCursor, p1.total], [2, '2', undefined]);
      const p2 = await generic.listJobs({ pageSize: 2, cursor: p1.nextCursor });
      assert.equal(p2.nextCursor, '4');
      const p3 = await generic.listJobs({ pageSize: 2, cursor: p2.nextCursor });
      assert.deepEqual([p3.items.length, p3.nextCursor], [0, undefined]);
    });

    it('state, text and owner are filtered on each fetched page (nothing is sent); total unknown', async () => {
      server.respond(pagedJobs(manyJobs(9)));
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await generic.listJobs({
          pageSize: 4,
          cursor,
          filter: { states: ['succeeded', 'running'], owner: 'ADMIN' },
        });
        assert.equal(page.total, undefined);
        ids.push(...page.items.map((j) => j.id));
        cursor = page.nextCursor;
      } while (cursor);
      // finished (i%3==0) or running (i%3==2), owner admin (even i): ids 1, 3, 7, 9.
      assert.deepEqual(ids, ['1', '3', '7', '9']);
      for (const r of server.requests)
        assert.deepEqual([...r.query.keys()].sort(), ['limit', 'offset', 'order', 'order_by']);
      server.requests.length = 0;
      const text = await generic.listJobs({ pageSize: 20, filter: { text: 'HOTFIX' } });
      assert.deepEqual(
        text.items.map((j) => j.id),
        ['5'],
        'text matches the summary (description)',
      );
    });
  });

  describe('errors, shapes and unsupported operations', () => {
    it('error bodies {kind, msg, details} become JobdeckErrors with serverKind and serverMessage', async () => {
      server.respond(() => ({ status: 404, body: fixture('error.unknown-job.json') }));
      const e = await rejects(generic.getJob('9999'));
      assert.equal(e.code, 'notFound');
      assert.equal(e.status, 404);
      assert.equal(e.serverKind, 'puppetlabs.orchestrator/unknown-job');
      assert.equal(e.serverMessage, 'No job exists with id 9999');
      assert.equal(e.connection, 'pe');
      assert.ok(e.message.includes('puppetlabs.orchestrator/unknown-job: No job exists with id 9999'));
      server.respond(() => ({ status: 400, body: fixture('error.validation.json') }));
      const v = await rejects(generic.listJobs({ pageSize: 10 }));
      assert.deepEqual(
        [v.code, v.status, v.serverKind, v.serverMessage],
        ['client', 400, 'puppetlabs.orchestrator/validation-error', 'The limit parameter must be an integer'],
      );
      server.respond((r) =>
        r.path.endsWith('/nodes')
          ? { status: 403, body: { kind: 'puppetlabs.rbac/permission-denied', msg: 'no view permission' } }
          : { body: { name: '1', state: 'running' } },
      );
      const n = await rejects(generic.getJob('1'));
      assert.deepEqual([n.code, n.serverKind], ['forbidden', 'puppetlabs.rbac/permission-denied']);
      server.respond(() => ({
        status: 400,
        body: { kind: 'puppetlabs.orchestrator/not-running', msg: 'job 3 is not running' },
      }));
      const s = await rejects(generic.stop({ id: '3', name: '3', state: 'succeeded', rawState: 'finished', raw: {} }));
      assert.deepEqual(
        [s.code, s.serverKind, s.operation],
        ['client', 'puppetlabs.orchestrator/not-running', 'stop job 3'],
      );
    });

    it('wrong shapes are badResponse errors naming the field; numbers as strings and missing optionals are fine', async () => {
      const cases: [unknown, string][] = [
        [{ items: { name: '1' } }, 'items'],
        [{ items: [{ name: '1', state: 'new' }, { state: 'new' }] }, 'items[1].name'],
        [{ items: ['nope'] }, 'items[0]'],
      ];
      for (const [body, field] of cases) {
        server.respond(() => ({ body }));
        const e = await rejects(generic.listJobs({ pageSize: 5 }));
        assert.deepEqual([e.code, e.field], ['badResponse', field]);
      }
      server.respond((r) => ({
        body: r.path.endsWith('/nodes') ? { items: [] } : { name: '1', state: 'finished', status: 'finished' },
      }));
      let e = await rejects(generic.getJob('1'));
      assert.deepEqual([e.code, e.field], ['badResponse', 'status']);
      server.respond((r) => ({
        body: r.path.endsWith('/nodes') ? { items: [{ state: 'finished' }] } : { name: '1', state: 'finished' },
      }));
      e = await rejects(generic.getJob('1'));
      assert.deepEqual([e.code, e.field], ['badResponse', 'items[0].name']);
      server.respond(() => ({ body: { items: [{ id: 'first', type: 'job_running' }] } }));
      e = await rejects(generic.getEvents('1', undefined));
      assert.deepEqual([e.code, e.field], ['badResponse', 'items[0].id']);
      server.respond(() => ({ body: { next_id: { event: 3 } } }));
      e = await rejects(generic.getEvents('1', '2'));
      assert.deepEqual([e.code, e.field], ['badResponse', 'items']);

      server.respond(() => ({
        body: {
          items: [
            {
              id: 'https://orchestrator.example.com:8143/orchestrator/v1/jobs/88',
              state: 'running',
              node_count: '4',
              node_states: { finished: '1', failed: 1, running: 2 },
              owner: null,
              options: null,
              environment: null,
              extra: 'kept',
            },
          ],
        },
      }));
      const [j] = (await generic.listJobs({ pageSize: 5 })).items;
      assert.deepEqual([j.id, j.name, j.state, j.owner, j.summary], ['88', '88', 'running', undefined, undefined]);
      assert.deepEqual(j.progress, { done: 2, total: 4 });
      assert.deepEqual(j.targetCounts, { finished: 1, failed: 1, running: 2 });
      assert.equal((j.raw as Record<string, unknown>).extra, 'kept');
    });

    it('unsupported operations throw unsupported without a request', async () => {
      const calls: [string, Promise<unknown>][] = [
        ['delete', generic.deleteJob('1')],
        ['bulkDelete', generic.bulkDelete({ by: 'all' })],
        ['bulkLaunch', generic.bulkLaunch({ by: 'all' })],
        ['update', generic.update('1', { name: 'x' })],
      ];
      for (const [what, p] of calls) assert.equal((await rejects(p)).code, 'unsupported', what);
      assert.equal(server.requests.length, 0);
    });
  });
});

describe('puppet-orchestrator adapter against the jobs emulator', () => {
  let emu: Emulator;
  let a: PuppetOrchestratorAdapter;

  beforeEach(async () => {
    emu = await startEmulator({ jobs: 50, seed: 3 });
    emu.control.pause();
    a = dialect.create(
      new HttpClient({
        connection: { name: 'emu-pe', kind: 'puppet-orchestrator', url: emu.urls['puppet-orchestrator'] },
        auth: dialect.auth,
        token: async () => DEFAULT_TOKEN,
        retryBaseMs: 1,
        maxRetries: 0,
      }),
    ) as PuppetOrchestratorAdapter;
  });
  afterEach(() => emu.stop());

  /** Every event of the job from `cursor` on, page after page. */
  async function drain(id: string, cursor?: string): Promise<{ events: JobEvent[]; cursor: string }> {
    const events: JobEvent[] = [];
    for (;;) {
      const page = await a.getEvents(id, cursor);
      events.push(...page.events);
      cursor = page.cursor;
      if (!page.events.length) return { events, cursor };
    }
  }

  it('lists every job once with limit/offset; a job with its nodes, history and report', async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await a.listJobs({ pageSize: 15, cursor, sort: { field: 'name', direction: 'desc' } });
      assert.equal(page.total, 50);
      ids.push(...page.items.map((j) => j.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(
      ids,
      Array.from({ length: 50 }, (_, i) => String(50 - i)),
    );

    const all = (await a.listJobs({ pageSize: 50 })).items;
    const done = all.find((j) => j.rawState === 'finished' || j.rawState === 'failed') as Job;
    const d = await a.getJob(done.id);
    assert.ok(d.timeline.length >= 3);
    assert.equal(d.timeline[d.timeline.length - 1].rawState, d.rawState);
    assert.equal(d.targets.length, d.progress?.total);
    assert.equal(d.progress?.done, d.progress?.total);
    assert.ok(
      d.targets.every(
        (t) => t.kind === 'node' && (t.state === 'succeeded' || t.state === 'failed' || t.state === 'stopped'),
      ),
    );
    const report = await a.getReport(done.id);
    assert.deepEqual(report.map((r) => r.node).sort(), d.targets.map((t) => t.name).sort());
    const envs = await a.listChoices('environment');
    assert.ok(envs.length >= 2 && envs.every((e) => e.id === e.label));
    const gone = await rejects(a.getJob('4242'));
    assert.deepEqual([gone.code, gone.serverKind], ['notFound', 'puppetlabs.orchestrator/unknown-job']);
  });

  it('deploy, follow its events to the end without gaps or repeats, relaunch it; stop another', async () => {
    const job = await a.launch({
      kind: 'puppet-orchestrator',
      environment: 'staging',
      scope: { nodes: ['web-01.example.com', 'web-02.example.com', 'db-01.example.com'] },
      concurrency: 1,
      description: 'from the test',
    });
    assert.equal(job.state, 'pending');
    assert.equal(job.summary, 'deploy staging · from the test');
    let tail = await drain(job.id);
    const seen = [...tail.events];
    for (let i = 0; i < 40 && !seen.some((e) => e.type.startsWith('job_') && e.type !== 'job_running'); i++) {
      emu.control.step(5_000);
      tail = await drain(job.id, tail.cursor);
      seen.push(...tail.events);
    }
    assert.deepEqual(
      seen.map((e) => Number(e.id)),
      Array.from({ length: seen.length }, (_, i) => i + 1),
      'ids 1..n, each once',
    );
    assert.equal(seen[0].type, 'job_running');
    assert.equal(seen.filter((e) => e.type === 'node_running').length, 3);
    const final = await a.getJob(job.id);
    assert.ok(['succeeded', 'failed'].includes(final.state));
    assert.deepEqual(a.relaunchSpec(final), {
      kind: 'puppet-orchestrator',
      environment: 'staging',
      scope: { nodes: ['web-01.example.com', 'web-02.example.com', 'db-01.example.com'] },
      noop: false,
      concurrency: 1,
      description: 'from the test',
    });

    const emitted = emu.control.emitPuppetEvents(job.id, 4);
    const more = await drain(job.id, tail.cursor);
    assert.deepEqual(
      more.events.map((e) => Number(e.id)),
      [emitted.first, emitted.first + 1, emitted.first + 2, emitted.last],
    );

    const other = await a.launch({
      kind: 'puppet-orchestrator',
      environment: 'production',
      scope: { nodeGroup: 'web' },
      concurrency: 1,
    });
    emu.control.step(6_000);
    assert.equal((await a.getJob(other.id)).state, 'running');
    await a.stop(other);
    let stopped = await a.getJob(other.id);
    for (let i = 0; i < 30 && !FINAL_STATES.has(stopped.state); i++) {
      emu.control.step(2_000);
      stopped = await a.getJob(other.id);
    }
    assert.equal(stopped.state, 'stopped');
    assert.ok(stopped.targets.some((t) => t.rawState === 'skipped' && t.state === 'stopped'));
    const ev = await drain(other.id);
    assert.equal(ev.events[ev.events.length - 1].type, 'job_stopped');
  });
});
