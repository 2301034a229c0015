// The crashes the fuzz found, pinned as plain examples (shrunk counterexamples), so each stays
// fixed whatever the fuzz's budget or seed.
import * as assert from 'node:assert/strict';
import { JobdeckError } from '../../../src/client/errors';
import { HttpClient, jsonDepthExceeds, MAX_JSON_DEPTH } from '../../../src/client/http';
import * as beacon from '../../../src/client/dialects/beacon';
import * as cdrouter from '../../../src/client/dialects/cdrouter';
import * as cnaas from '../../../src/client/dialects/cnaasNms';
import * as puppet from '../../../src/client/dialects/puppetOrchestrator';
import { isoTime } from '../../../src/shared/format';
import { startRecordingServer } from '../support/recordingServer';
import { checkDetail, checkJob, checkTarget, serializable } from './invariants';

const ctx = { connection: 'c', operation: 'o' };

function badResponse(fn: () => unknown): JobdeckError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof JobdeckError, `expected a JobdeckError, got ${String(e)}`);
    assert.equal(e.code, 'badResponse');
    return e;
  }
  assert.fail('expected a badResponse error');
}

describe('fuzz regressions', () => {
  it('beacon: a unix time beyond what a Date holds is no time (isoTime threw RangeError)', () => {
    const job = beacon.parseJob(
      { id: 0, name: 'new job', add_time: 8640000000000.001, q_time: 1e300, start_time: '99999999999999' },
      ctx,
    );
    assert.equal(job.createdAt, undefined);
    assert.equal(job.startedAt, undefined);
    checkJob(job);
    // The largest time a Date holds is still read.
    assert.equal(beacon.parseJob({ id: 1, add_time: 8.64e12 }, ctx).createdAt, 8.64e15);
    assert.equal(isoTime(8.64e15), '+275760-09-13 00:00:00Z');
  });

  it('puppet: an event id beyond 2^53 is a shape error (the cursor could not move past it)', () => {
    const items = [{ id: 17795721810231124, type: 'job_running', message: 'm' }];
    const e = badResponse(() => puppet.parseEvents({ items }, ctx, undefined));
    assert.equal(e.field, 'items[0].id');
    // A next-event hint beyond 2^53 is ignored, not trusted.
    const page = puppet.parseEvents(
      { 'next-events': { event: '99999999999999999999' }, items: [{ id: 4, type: 't' }] },
      ctx,
      4,
    );
    assert.equal(page.cursor, '5');
  });

  it('puppet: a job without name whose id URL ends in a malformed escape is a shape error (threw URIError)', () => {
    for (const id of ['https://evil.example/jobs/%', 'https://o.example:8143/orchestrator/v1/jobs/%E0%A4%A']) {
      const e = badResponse(() => puppet.parseJob({ id, name: '', state: 'running' }, ctx));
      assert.equal(e.field, 'id');
    }
    assert.equal(
      puppet.parseJob({ id: 'https://o.example/orchestrator/v1/jobs/12%2F3', state: 'running' }, ctx).id,
      '12/3',
    );
  });

  it('state words that are Object.prototype keys map to unknown, not to a prototype member', () => {
    for (const word of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      assert.equal(cdrouter.mapState(word), 'unknown', `cdrouter ${word}`);
      assert.equal(cnaas.mapState(word), 'unknown', `cnaas ${word}`);
      assert.equal(puppet.mapState(word), 'unknown', `puppet ${word}`);
      assert.equal(puppet.mapNodeState(word), 'unknown', `puppet node ${word}`);
    }
    checkJob(cdrouter.parseJob({ id: 0, status: '__proto__' }, ctx));
    checkTarget(puppet.parseNode({ name: 'n', state: '__proto__' }, ctx, 'items[0]'));
  });

  it('beacon: a result string holding JSON nested 100,000 deep stays text (serializing it overflowed the stack)', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const job = beacon.parseJob({ id: 1, name: 'x', end_time: 5, result: [deep] }, ctx);
    const tasks = beacon.parseTasks([{ name: 'a' }, { name: 'b', result: deep }], job, ctx);
    tasks.forEach((t) => checkTarget(t));
    serializable(tasks, 'tasks');
    assert.equal(tasks[1].resultText, deep);
    // JSON at the depth limit is still decoded.
    const ok = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    assert.ok(Array.isArray(beacon.parseTasks([{ name: 'a', result: ok }], job, ctx)[0].result));
  });

  it('jsonDepthExceeds counts brackets outside strings only', () => {
    assert.equal(jsonDepthExceeds('[[1]]', 2), false);
    assert.equal(jsonDepthExceeds('[[[1]]]', 2), true);
    assert.equal(jsonDepthExceeds('{"a":"[[[[[[\\"[[[["}', 1), false);
    assert.equal(jsonDepthExceeds('["\\\\",[[1]]]', 2), true);
  });

  it('HttpClient: a body nested deeper than MAX_JSON_DEPTH is a badResponse, at the root or inside a field', async () => {
    const server = await startRecordingServer();
    try {
      const http = new HttpClient({
        connection: { name: 'c', kind: 'puppet-orchestrator', url: server.url },
        auth: 'x-authentication',
        token: async () => 'tok3n-value',
      });
      for (const body of [
        `${'['.repeat(200_000)}${']'.repeat(200_000)}`,
        `{"items":[{"name":"n","result":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}]}`,
      ]) {
        server.respond(() => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body }));
        await assert.rejects(http.request({ method: 'GET', path: '/x', operation: 'read' }), (e: unknown) => {
          assert.ok(e instanceof JobdeckError);
          assert.equal(e.code, 'badResponse');
          assert.match(e.message, /nested more than 512 levels/);
          return true;
        });
      }
      // Just inside the limit: parsed, and the model survives being posted to a webview.
      const inside = `{"items":[{"name":"n","result":${'['.repeat(MAX_JSON_DEPTH - 3)}${']'.repeat(MAX_JSON_DEPTH - 3)}}]}`;
      server.respond(() => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: inside }));
      const res = await http.request({ method: 'GET', path: '/x', operation: 'read' });
      const nodes = puppet.parseNodes(res.data, ctx);
      checkDetail({ ...puppet.parseJob({ name: '1', state: 'running' }, ctx), timeline: [], targets: nodes });
    } finally {
      await server.close();
    }
  });
});
