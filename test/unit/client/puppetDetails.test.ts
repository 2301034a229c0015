// Puppet orchestrator's readers one rule at a time (docs/api-dialects.md §3): the job's name
// from its URL, fields and summary, counts and progress, the times each state places, nodes
// and their messages, the detail's history, events and the cursor, the report, and the exact
// words and queries of the adapter's calls.
import * as assert from 'node:assert/strict';
import { HttpClient } from '../../../src/client/http';
import type { Job, JobDetail, JobTarget } from '../../../src/client/model';
import {
  countNodes,
  dialect,
  mapNodeState,
  mapState,
  parseDetail,
  parseEvents,
  parseJob,
  parseNode,
  parseReport,
  parseTimeline,
} from '../../../src/client/dialects/puppetOrchestrator';
import { assertRefusals, rejectsWithout } from '../../support/fixtures';
import { startRecordingServer, type RecordingServer } from '../support/recordingServer';

const ctx = { connection: 'pe', operation: 'read' };
const URL_OF = (n: string) => `https://pe.example:8143/orchestrator/v1/jobs/${n}`;
const T0 = '2024-01-01T00:00:00Z';
const T1 = '2024-01-01T00:01:00Z';
const T2 = '2024-01-01T00:02:00Z';
const at = (t: string) => Date.parse(t);
const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { field?: string }).field;
  }
  return 'no error';
};

describe('puppet jobs parsed', () => {
  it('the name, else the last segment of the id URL (decoded, a trailing slash allowed)', () => {
    assert.equal(parseJob({ name: '7', id: URL_OF('9') }, ctx).id, '7');
    assert.equal(parseJob({ name: '', id: URL_OF('9') }, ctx).id, '9');
    assert.equal(parseJob({ id: `${URL_OF('10')}/` }, ctx).id, '10');
    assert.equal(parseJob({ id: URL_OF('a%20b') }, ctx).id, 'a b');
    assert.equal(parseJob({ name: 12 }, ctx).name, '12');
  });

  it('no name and no usable URL: a shape error naming the field where it was', () => {
    assert.equal(
      fieldOf(() => parseJob({}, ctx)),
      'name',
    );
    assert.equal(
      fieldOf(() => parseJob({ id: 5 }, ctx, 'items[2]')),
      'items[2].name',
    );
    assert.equal(
      fieldOf(() => parseJob({ id: `${URL_OF('9')}/nodes` }, ctx)),
      'name',
    );
    assert.equal(
      fieldOf(() => parseJob({ id: URL_OF('%E0%A4%A') }, ctx)),
      'id',
    );
    assert.equal(
      fieldOf(() => parseJob({ id: URL_OF('%E0%A4%A') }, ctx, 'items[1]')),
      'items[1].id',
    );
    assert.equal(
      fieldOf(() => parseJob('x', ctx, 'items[0]')),
      'items[0]',
    );
  });

  it('maps state words in any case; unknown words are unknown', () => {
    assert.deepEqual(
      ['NEW', 'Ready', 'running', 'stopping', 'stopped', 'finished', 'failed', 'constructor'].map(mapState),
      ['pending', 'pending', 'running', 'stopping', 'stopped', 'succeeded', 'failed', 'unknown'],
    );
    assert.deepEqual(
      ['new', 'READY', 'running', 'finished', 'failed', 'errored', 'Skipped', 'state'].map(mapNodeState),
      ['pending', 'pending', 'running', 'succeeded', 'failed', 'failed', 'stopped', 'unknown'],
    );
  });

  it('the state: `state`, else the given fallback, else the history, else unknown', () => {
    const raw = (o: object, fallback?: string) => parseJob({ name: '1', ...o }, ctx, '(response)', fallback).rawState;
    assert.equal(raw({ state: 'running', status: [{ state: 'failed' }] }, 'new'), 'running');
    assert.equal(raw({ status: [{ state: 'failed' }] }, 'new'), 'new');
    assert.equal(raw({ status: [{ state: 'new' }, { state: 'failed' }] }), 'failed');
    assert.equal(raw({ status: [{ state: 'new' }, 'x'] }), 'unknown');
    assert.equal(raw({ status: [{ state: '' }] }), 'unknown');
    assert.equal(raw({ status: [] }), 'unknown');
    assert.equal(raw({ status: 'failed' }), 'unknown');
    assert.equal(raw({}), 'unknown');
  });

  it('the list timestamp is the creation of a pending job, the start of a running one, the end of a final one', () => {
    const times = (state: string) => {
      const j = parseJob({ name: '1', state, timestamp: T1 }, ctx);
      return [j.createdAt, j.startedAt, j.finishedAt];
    };
    assert.deepEqual(times('new'), [at(T1), undefined, undefined]);
    assert.deepEqual(times('running'), [undefined, at(T1), undefined]);
    assert.deepEqual(times('stopping'), [undefined, undefined, undefined]);
    for (const s of ['stopped', 'finished', 'failed']) assert.deepEqual(times(s), [undefined, undefined, at(T1)], s);
  });

  it('fields in order: environment, command, scope, no-op, concurrency; the summary from command, environment, description', () => {
    const j = parseJob(
      {
        name: '1',
        command: 'deploy',
        environment: { name: 'prod' },
        options: { scope: { nodes: ['a', 'b', 'c', 'd'] }, noop: '1', concurrency: '0', description: 'why' },
        description: 'not this',
      },
      ctx,
    );
    assert.deepEqual(j.fields, [
      { label: 'Environment', value: 'prod' },
      { label: 'Command', value: 'deploy' },
      { label: 'Scope', value: '4 nodes: a, b, c, …' },
      { label: 'No-op', value: 'yes' },
      { label: 'Concurrency', value: '0' },
    ]);
    assert.equal(j.summary, 'deploy prod · why');
    assert.deepEqual(j.links, []);
  });

  it('the environment: its name, the word, else the options; the description: the options, else the old field', () => {
    const env = (o: object) => parseJob({ name: '1', ...o }, ctx).fields?.find((f) => f.label === 'Environment')?.value;
    assert.equal(env({ environment: 'dev' }), 'dev');
    assert.equal(env({ environment: {}, options: { environment: 'opt' } }), 'opt');
    assert.equal(env({ environment: '', options: { environment: 'opt' } }), 'opt');
    assert.equal(env({ options: { environment: '' } }), undefined);
    assert.equal(env({ options: 'x' }), undefined);
    assert.equal(parseJob({ name: '1', description: 'old' }, ctx).summary, 'old');
    assert.equal(parseJob({ name: '1', options: { description: '' }, description: 'old' }, ctx).summary, 'old');
    assert.equal(parseJob({ name: '1', command: 'task' }, ctx).summary, 'task');
    assert.equal(parseJob({ name: '1' }, ctx).summary, undefined);
  });

  it('scopes: one node, three, numbers as text, a query, a node group, an application, anything else none', () => {
    const scope = (s: unknown) =>
      parseJob({ name: '1', options: { scope: s } }, ctx).fields?.find((f) => f.label === 'Scope')?.value;
    assert.equal(scope({ nodes: ['a'] }), '1 node: a');
    assert.equal(scope({ nodes: ['a', 'b', 'c'] }), '3 nodes: a, b, c');
    assert.equal(scope({ nodes: [1, 2] }), '2 nodes: 1, 2');
    assert.equal(scope({ query: 'nodes { x }' }), 'query nodes { x }');
    assert.equal(scope({ node_group: 'g1' }), 'node group g1');
    assert.equal(scope({ application: 'app' }), 'application app');
    assert.equal(scope({ query: '', node_group: '' }), undefined);
    assert.equal(scope('nodes'), undefined);
  });

  it('no-op only when true; concurrency only when a number', () => {
    const labels = (options: object) => parseJob({ name: '1', options }, ctx).fields?.map((f) => f.label);
    assert.deepEqual(labels({ noop: false, concurrency: 'many' }), []);
    assert.deepEqual(labels({ noop: true }), ['No-op']);
  });

  it('the owner is its login', () => {
    assert.equal(parseJob({ name: '1', owner: { login: 'ann' } }, ctx).owner, 'ann');
    assert.equal(parseJob({ name: '1', owner: { login: '' } }, ctx).owner, undefined);
    assert.equal(parseJob({ name: '1', owner: 'ann' }, ctx).owner, undefined);
  });

  it('counts from node_states (numbers only); progress counts the nodes done, over node_count', () => {
    const j = parseJob(
      {
        name: '1',
        state: 'running',
        node_count: '6',
        node_states: { finished: '1', failed: 1, errored: 1, skipped: 1, running: 1, new: 1, junk: 'x' },
      },
      ctx,
    );
    assert.deepEqual(j.targetCounts, { finished: 1, failed: 1, errored: 1, skipped: 1, running: 1, new: 1 });
    assert.deepEqual(j.progress, { done: 4, total: 6 });
    assert.equal(j.targetTotal, 6);
    const p = (o: object) => parseJob({ name: '1', ...o }, ctx).progress;
    assert.deepEqual(p({ state: 'running', node_count: 2, node_states: {} }), { done: 0, total: 2 });
    assert.equal(p({ state: 'finished', node_count: 2, node_states: {} }), undefined, 'a final job with none done');
    assert.equal(p({ state: 'running', node_count: 0, node_states: { finished: 1 } }), undefined);
    assert.equal(p({ state: 'running', node_states: { finished: 1 } }), undefined);
    assert.equal(p({ state: 'running', node_count: 2, node_states: null }), undefined);
  });

  it('countNodes counts by raw state', () => {
    const n = (rawState: string) => ({ rawState }) as JobTarget;
    assert.deepEqual(countNodes([n('failed'), n('finished'), n('failed')]), { failed: 2, finished: 1 });
  });
});

describe('puppet history, nodes, detail', () => {
  it('the history: null is none; each entry with its times; a wrong shape names the entry', () => {
    assert.deepEqual(parseTimeline(null, ctx), []);
    assert.deepEqual(parseTimeline(undefined, ctx), []);
    assert.deepEqual(parseTimeline([{ state: 'ready', enter_time: T0, exit_time: T1 }, {}], ctx), [
      { state: 'pending', rawState: 'ready', enteredAt: at(T0), exitedAt: at(T1) },
      { state: 'unknown', rawState: 'unknown', enteredAt: undefined, exitedAt: undefined },
    ]);
    assert.equal(
      fieldOf(() => parseTimeline({}, ctx)),
      'status',
    );
    assert.equal(
      fieldOf(() => parseTimeline([{}, 'x'], ctx)),
      'status[1]',
    );
  });

  it('a node: its name is its id; no name is a shape error; only what it has is kept', () => {
    assert.deepEqual(parseNode({ name: 'web1' }, ctx, 'items[0]'), {
      id: 'web1',
      name: 'web1',
      kind: 'node',
      state: 'unknown',
      rawState: 'unknown',
    });
    assert.equal(
      fieldOf(() => parseNode({ name: '' }, ctx, 'items[3]')),
      'items[3].name',
    );
    assert.equal(
      fieldOf(() => parseNode([], ctx, 'items[3]')),
      'items[3]',
    );
  });

  it('node times: the timestamps, else the old `timestamp` by state (never for a skipped node)', () => {
    const times = (o: object) => {
      const n = parseNode({ name: 'n', ...o }, ctx, 'items[0]');
      return [n.startedAt, n.finishedAt];
    };
    assert.deepEqual(times({ state: 'running', start_timestamp: T0, finish_timestamp: T1, timestamp: T2 }), [
      at(T0),
      at(T1),
    ]);
    assert.deepEqual(times({ state: 'finished', finish_timestamp: T1, timestamp: T2 }), [undefined, at(T1)]);
    assert.deepEqual(times({ state: 'running', timestamp: T2 }), [at(T2), undefined]);
    assert.deepEqual(times({ state: 'failed', timestamp: T2 }), [undefined, at(T2)]);
    assert.deepEqual(times({ state: 'skipped', timestamp: T2 }), [undefined, undefined]);
    assert.deepEqual(times({ state: 'new', timestamp: T2 }), [undefined, undefined]);
  });

  it('node duration: `duration`, else details run-time, in ms rounded', () => {
    const d = (o: object) => parseNode({ name: 'n', ...o }, ctx, 'items[0]').durationMs;
    assert.equal(d({ duration: 1.2345 }), 1235);
    assert.equal(d({ duration: '2', details: { 'run-time': 9 } }), 2000);
    assert.equal(d({ details: { 'run-time': '0.5' } }), 500);
    assert.equal(d({}), undefined);
  });

  it('node message: details.message, else detail (text or object), else the result msg or error', () => {
    const m = (o: object) => parseNode({ name: 'n', ...o }, ctx, 'items[0]').message;
    assert.equal(m({ details: { message: 'a', detail: 'b' } }), 'a');
    assert.equal(m({ details: { detail: 'b' }, result: { msg: 'c' } }), 'b');
    assert.equal(m({ details: { ':detail': 'colon' } }), 'colon');
    assert.equal(m({ details: { detail: { message: 'dm' } } }), 'dm');
    assert.equal(m({ details: { detail: { msg: 'dmsg' } } }), 'dmsg');
    assert.equal(m({ details: { detail: '' }, result: { msg: 'c' } }), 'c');
    assert.equal(m({ details: { detail: {} }, result: { error: 'e' } }), 'e');
    assert.equal(m({ details: { detail: 5 }, results: { msg: 'from results' } }), 'from results');
    assert.equal(m({ result: 'text' }), undefined);
    assert.equal(m({ details: 'x' }), undefined);
  });

  it('node result: `result`, else `results`, null is none; report-url only when http(s)', () => {
    const n = (o: object) => parseNode({ name: 'n', ...o }, ctx, 'items[0]');
    assert.deepEqual(n({ result: { a: 1 }, results: { b: 2 } }).result, { a: 1 });
    assert.deepEqual(n({ results: { b: 2 } }).result, { b: 2 });
    assert.equal('result' in n({ result: null }), false);
    assert.equal(n({ details: { 'report-url': 'HTTPS://pe/r/1' } }).reportUrl, 'HTTPS://pe/r/1');
    assert.equal(n({ details: { 'report-url': 'http://pe/r/1' } }).reportUrl, 'http://pe/r/1');
    assert.equal(n({ details: { 'report-url': 'javascript:alert(1)' } }).reportUrl, undefined);
    assert.equal(n({ details: { 'report-url': 'xhttp://pe' } }).reportUrl, undefined);
    assert.equal(n({ details: { 'report-url': 5 } }).reportUrl, undefined);
  });

  it('the detail: times from the history, counts from the nodes, at most ten report links', () => {
    const nodes = Array.from({ length: 12 }, (_, i) =>
      parseNode(
        {
          name: `n${i}`,
          state: i < 2 ? 'failed' : 'finished',
          details: { 'report-url': `https://pe/r/${i}`, ...(i === 0 ? {} : { message: `m${i}` }) },
        },
        ctx,
        `items[${i}]`,
      ),
    );
    const d = parseDetail(
      {
        name: '5',
        timestamp: T2,
        status: [
          { state: 'new', enter_time: T0 },
          { state: 'running', enter_time: T1 },
          { state: 'failed', enter_time: T2 },
        ],
      },
      nodes,
      ctx,
    );
    assert.deepEqual([d.state, d.createdAt, d.startedAt, d.finishedAt], ['failed', at(T0), at(T1), at(T2)]);
    assert.deepEqual(d.targetCounts, { failed: 2, finished: 10 });
    assert.deepEqual(d.progress, { done: 12, total: 12 });
    assert.equal(d.links?.length, 10);
    assert.deepEqual(d.links?.[0], { label: 'Report: n0', url: 'https://pe/r/0' });
    assert.deepEqual(d.failure, { message: '2 nodes failed; n0: failed' });
    assert.equal(d.timeline.length, 3);
  });

  it('the detail: node_count over the nodes listed; counts given by the server are kept', () => {
    const node = (state: string) => parseNode({ name: 'x', state }, ctx, 'items[0]');
    const d = parseDetail({ name: '5', state: 'running', node_count: 4 }, [node('finished')], ctx);
    assert.deepEqual(d.progress, { done: 1, total: 4 });
    const kept = parseDetail(
      { name: '5', state: 'running', node_count: 4, node_states: { finished: 3 } },
      [node('finished')],
      ctx,
    );
    assert.deepEqual([kept.targetCounts, kept.progress], [{ finished: 3 }, { done: 3, total: 4 }]);
    const none = parseDetail({ name: '5', state: 'running' }, [], ctx);
    assert.deepEqual([none.targetCounts, none.progress], [undefined, undefined]);
  });

  it('the detail: a history without times keeps the list times; not final, no end', () => {
    const d = parseDetail(
      { name: '5', state: 'finished', timestamp: T2, status: [{ state: 'new' }, { state: 'finished' }] },
      [],
      ctx,
    );
    assert.deepEqual([d.createdAt, d.startedAt, d.finishedAt], [undefined, undefined, at(T2)]);
    const running = parseDetail(
      {
        name: '5',
        timestamp: T2,
        status: [
          { state: 'new', enter_time: T0 },
          { state: 'running', enter_time: T1 },
        ],
      },
      [],
      ctx,
    );
    assert.deepEqual([running.createdAt, running.startedAt, running.finishedAt], [at(T0), at(T1), undefined]);
  });

  it('a failure: one node and its message; none when the job did not fail or no node failed', () => {
    const failedNode = parseNode({ name: 'web1', state: 'errored', details: { message: 'boom' } }, ctx, 'items[0]');
    const okNode = parseNode({ name: 'web2', state: 'finished' }, ctx, 'items[1]');
    assert.deepEqual(parseDetail({ name: '1', state: 'failed' }, [okNode, failedNode], ctx).failure, {
      message: '1 node failed; web1: boom',
    });
    assert.equal(parseDetail({ name: '1', state: 'failed' }, [okNode], ctx).failure, undefined);
    assert.equal(parseDetail({ name: '1', state: 'finished' }, [failedNode], ctx).failure, undefined);
  });
});

describe('puppet events and report', () => {
  it('levels by type: failures and errors, skips and stops, the rest', () => {
    const levels = [
      'node_failed',
      'node_errored',
      'job_aborted',
      'x_failure',
      'an_error',
      'node_skipped',
      'job_stopped',
      'node_finished',
    ].map((type, i) => parseEvents({ items: [{ id: i, type }] }, ctx, undefined).events[0].level);
    assert.deepEqual(levels, ['error', 'error', 'error', 'error', 'error', 'warning', 'warning', 'info']);
  });

  it('an event: its message, else its type in words and its node; its time when it has one', () => {
    const page = parseEvents(
      {
        items: [
          { id: 1, type: 'node_running', details: { node: 'web1' }, timestamp: T0 },
          { id: 2, message: 'said', type: 'x' },
          { id: '3' },
          { id: 4, type: 'job_finished', details: { node: '' } },
        ],
      },
      ctx,
      undefined,
    );
    assert.deepEqual(page.events, [
      { id: '1', type: 'node_running', message: 'node running on web1', level: 'info', time: at(T0), node: 'web1' },
      { id: '2', type: 'x', message: 'said', level: 'info' },
      { id: '3', type: 'event', message: 'event', level: 'info' },
      { id: '4', type: 'job_finished', message: 'job finished', level: 'info' },
    ]);
    assert.equal(page.cursor, '5');
  });

  it('the cursor: past the last item, the server hint, or the start, whichever is largest; else 0', () => {
    const cursor = (body: object, start?: number) => parseEvents({ items: [], ...body }, ctx, start).cursor;
    assert.equal(cursor({}), '0');
    assert.equal(cursor({}, 7), '7');
    assert.equal(cursor({ 'next-events': { event: 9 } }, 7), '9');
    assert.equal(cursor({ 'next-events': { event: 3 } }, 7), '7');
    assert.equal(cursor({ next_id: 11 }), '11');
    assert.equal(cursor({ next_id: { event: '12' } }), '12');
    assert.equal(cursor({ next_id: 2 ** 60 }), '0');
    assert.equal(cursor({ items: [{ id: 4 }], next_id: 3 }), '5');
  });

  it('items below the start or not increasing are dropped', () => {
    const page = parseEvents({ items: [{ id: 4 }, { id: 5 }, { id: 7 }, { id: 6 }, { id: 7 }, { id: 8 }] }, ctx, 5);
    assert.deepEqual(
      page.events.map((e) => e.id),
      ['5', '7', '8'],
    );
    assert.equal(page.cursor, '9');
  });

  it('an event without a whole id names it', () => {
    assert.equal(
      fieldOf(() => parseEvents({ items: [{ id: 1 }, { id: 1.5 }] }, ctx, undefined)),
      'items[1].id',
    );
    assert.equal(
      fieldOf(() => parseEvents({ items: [{}] }, ctx, undefined)),
      'items[0].id',
    );
    assert.equal(
      fieldOf(() => parseEvents({ items: {} }, ctx, undefined)),
      'items',
    );
    assert.equal(
      fieldOf(() => parseEvents([], ctx, undefined)),
      '(response)',
    );
  });

  it('the report: node, state, time and events per item; wrong shapes name the item', () => {
    assert.deepEqual(
      parseReport(
        {
          items: [
            { node: 'a', state: 'finished', timestamp: T0, events: [{ x: 1 }] },
            { node: 'b', events: null },
          ],
        },
        ctx,
      ),
      [
        { node: 'a', state: 'finished', time: at(T0), events: [{ x: 1 }] },
        { node: 'b', state: 'unknown', time: undefined, events: [] },
      ],
    );
    assert.equal(
      fieldOf(() => parseReport({ items: [{ node: '' }] }, ctx)),
      'items[0].node',
    );
    assert.equal(
      fieldOf(() => parseReport({ items: [{ node: 'a', events: {} }] }, ctx)),
      'items[0].events',
    );
    assert.equal(
      fieldOf(() => parseReport({ items: ['x'] }, ctx)),
      'items[0]',
    );
    assert.equal(
      fieldOf(() => parseReport({}, ctx)),
      'items',
    );
  });
});

describe('puppet adapter: queries and refusals', () => {
  const TOKEN = 'pe-details-token';
  const rejects = (p: Promise<unknown>) => rejectsWithout(TOKEN, p);
  let server: RecordingServer;
  let adapter: ReturnType<typeof dialect.create>;
  beforeEach(async () => {
    server = await startRecordingServer(() => ({ body: { items: [] } }));
    adapter = dialect.create(
      new HttpClient({
        connection: { name: 'pe', kind: 'puppet-orchestrator', url: server.url },
        auth: dialect.auth,
        token: async () => TOKEN,
        maxRetries: 0,
      }),
    );
  });
  afterEach(() => server.close());
  const q = (i: number) => server.requests[i].query.toString();

  it('list: the page size floored (at least 1), a cursor that is no number is 0, newest first by default', async () => {
    await adapter.listJobs({ pageSize: 2.7 });
    await adapter.listJobs({ pageSize: 0, cursor: 'abc' });
    await adapter.listJobs({ pageSize: 5, cursor: '-5', sort: { field: 'name', direction: 'asc' } });
    await adapter.listJobs({ pageSize: 5, cursor: '10', sort: { field: 'state', direction: 'desc' } });
    assert.deepEqual([0, 1, 2, 3].map(q), [
      'limit=2&offset=0&order_by=timestamp&order=desc',
      'limit=1&offset=0&order_by=timestamp&order=desc',
      'limit=5&offset=0&order_by=name&order=asc',
      'limit=5&offset=10&order_by=state&order=desc',
    ]);
  });

  it('list: more while the total is not reached, or while pages are full; none after an empty page', async () => {
    const jobs = (n: number) => Array.from({ length: n }, (_, i) => ({ name: String(i + 1), state: 'finished' }));
    const page = async (body: object, cursor?: string) => {
      server.respond(() => ({ body }));
      return adapter.listJobs({ pageSize: 2, cursor });
    };
    let p = await page({ items: jobs(2), pagination: { total: 5 } }, '2');
    assert.deepEqual([p.nextCursor, p.total], ['4', 5]);
    p = await page({ items: jobs(1), pagination: { total: 5 } }, '4');
    assert.deepEqual([p.nextCursor, p.total], [undefined, 5]);
    p = await page({ items: jobs(1), pagination: { total: 9 } }, '4');
    assert.equal(p.nextCursor, '5', 'a short page before the total');
    p = await page({ items: jobs(2) });
    assert.deepEqual([p.nextCursor, p.total], ['2', undefined]);
    p = await page({ items: jobs(1) });
    assert.equal(p.nextCursor, undefined);
    p = await page({ items: [], pagination: { total: 9 } }, '4');
    assert.equal(p.nextCursor, undefined);
    p = await page({ items: jobs(2), pagination: 'x' });
    assert.deepEqual([p.nextCursor, p.total], ['2', undefined]);
  });

  it('list: the total is unknown while filtering by state, text or owner', async () => {
    server.respond(() => ({ body: { items: [{ name: '1', state: 'failed' }], pagination: { total: 1 } } }));
    for (const filter of [{ states: ['failed' as const] }, { text: '1' }, { owner: 'x' }])
      assert.equal((await adapter.listJobs({ pageSize: 5, filter })).total, undefined, JSON.stringify(filter));
    assert.equal((await adapter.listJobs({ pageSize: 5, filter: { states: [] } })).total, 1);
    assert.equal((await adapter.listJobs({ pageSize: 5, filter: {} })).total, 1);
  });

  it('events: a cursor that is not a whole number is no start', async () => {
    await adapter.getEvents('3', 'x1');
    await adapter.getEvents('3', '12');
    await adapter.getEvents('3', '');
    assert.deepEqual([0, 1, 2].map(q), ['', 'start=12', '']);
    assert.equal(server.requests[1].path, '/orchestrator/v1/jobs/3/events');
  });

  it('deploy refusals and a deploy answer without a job', async () => {
    await assertRefusals(rejects, [
      [
        () => adapter.launch({ kind: 'beacon', name: 'n', tasks: [] }),
        'pe: deploy failed: invalid input — a beacon launch spec was given to a Puppet orchestrator connection',
      ],
      [
        () => adapter.launch({ kind: 'puppet-orchestrator', environment: '', scope: { query: 'q' } }),
        'pe: deploy failed: invalid input — an environment is required',
      ],
      [
        () => adapter.launch({ kind: 'puppet-orchestrator', environment: 'p', scope: { nodes: [] } }),
        'pe: deploy failed: invalid input — name at least one node',
      ],
    ]);
    assert.equal(server.requests.length, 0);
    server.respond(() => ({ body: { nothing: true } }));
    const e = await rejects(adapter.launch({ kind: 'puppet-orchestrator', environment: 'p', scope: { query: 'q' } }));
    assert.deepEqual([e.code, e.field], ['badResponse', 'job']);
  });

  it('deploy sends noop false and concurrency 0, never an empty description', async () => {
    server.respond((r) =>
      r.method === 'POST' ? { body: { job: { id: URL_OF('8'), name: '8' } } } : { body: { name: '8', state: 'new' } },
    );
    const job = await adapter.launch({
      kind: 'puppet-orchestrator',
      environment: 'p',
      scope: { nodeGroup: 'g' },
      noop: false,
      concurrency: 0,
      description: '',
    });
    assert.deepEqual(JSON.parse(server.requests[0].body), {
      environment: 'p',
      scope: { node_group: 'g' },
      noop: false,
      concurrency: 0,
    });
    assert.equal(server.requests[1].path, '/orchestrator/v1/jobs/8');
    assert.equal(job.id, '8');
  });

  it('says what it cannot do', async () => {
    await assertRefusals(rejects, [
      [() => adapter.bulkLaunch({ by: 'all' }), 'pe: bulk launch jobs failed: not supported by this server type'],
      [
        () => adapter.deleteJob('4'),
        'pe: delete job 4 failed: not supported by this server type — the orchestrator keeps its jobs',
      ],
      [
        () => adapter.bulkDelete({ by: 'ids', ids: ['4'] }),
        'pe: bulk delete jobs failed: not supported by this server type — the orchestrator keeps its jobs',
      ],
      [() => adapter.update('4', { name: 'x' }), 'pe: update job 4 failed: not supported by this server type'],
    ]);
    assert.equal(server.requests.length, 0);
  });

  it('environment choices: the 100 newest jobs, each environment once in the order met', async () => {
    server.respond(() => ({
      body: {
        items: [
          { name: '1', environment: { name: 'prod' } },
          { name: '2', environment: 'dev' },
          { name: '3', environment: { name: 'prod' } },
          { name: '4' },
        ],
      },
    }));
    assert.deepEqual(await adapter.listChoices('environment'), [
      { id: 'prod', label: 'prod' },
      { id: 'dev', label: 'dev' },
    ]);
    assert.equal(q(0), 'limit=100&order_by=timestamp&order=desc');
    server.respond(() => ({ body: { items: ['x'] } }));
    assert.equal((await rejects(adapter.listChoices('environment'))).field, 'items[0]');
  });

  it('relaunch: the options as they were; a job without a command is a deploy', () => {
    const job = (raw: unknown): Job => ({ id: '1', name: '1', state: 'succeeded', rawState: 'finished', raw });
    assert.deepEqual(
      adapter.relaunchSpec(
        job({
          environment: 'dev',
          options: { scope: { nodes: [1, 'b'] }, noop: '0', concurrency: '3' },
          description: 'old',
        }),
      ),
      {
        kind: 'puppet-orchestrator',
        environment: 'dev',
        scope: { nodes: ['1', 'b'] },
        noop: false,
        concurrency: 3,
        description: 'old',
      },
    );
    assert.deepEqual(adapter.relaunchSpec(job({ environment: 'dev', options: { scope: { nodes: [], query: 'q' } } })), {
      kind: 'puppet-orchestrator',
      environment: 'dev',
      scope: { query: 'q' },
    });
    assert.equal(adapter.relaunchSpec(job({ environment: 'dev', options: { scope: { nodes: [] } } })), undefined);
    assert.equal(adapter.relaunchSpec(job({ environment: 'dev', options: { scope: 'all' } })), undefined);
    assert.equal(adapter.relaunchSpec(job({ options: { scope: { query: 'q' } } })), undefined);
    assert.equal(adapter.relaunchSpec(job('raw')), undefined);
  });

  it('webUrl: the first link with a URL', () => {
    const d = {
      id: '1',
      name: '1',
      state: 'succeeded',
      rawState: 'finished',
      links: [
        { label: 'job', jobId: '2' },
        { label: 'r', url: 'https://pe/r/1' },
        { label: 's', url: 'https://pe/r/2' },
      ],
    } as JobDetail;
    assert.equal(adapter.webUrl(d), 'https://pe/r/1');
    assert.equal(adapter.webUrl({ ...d, links: undefined }), undefined);
  });
});
