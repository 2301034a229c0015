// Tokens stay with their server: redirects and absolute URLs to another origin (scheme, host,
// port) are refused before anything is sent, for every auth style; Puppet's absolute job,
// nodes, report and events links from payloads are never called. Proven at the request logs
// of two loopback servers: the connection's own, and "elsewhere".
import * as assert from 'node:assert/strict';
import { HttpClient } from '../../../src/client/http';
import type { AuthStyle } from '../../../src/client/config';
import { connect } from '../../../src/client/registry';
import type { PuppetOrchestratorAdapter } from '../../../src/client/dialects/puppetOrchestrator';
import { RecordedRequest, RecordingServer, startRecordingServer } from '../support/recordingServer';
import { assertNoSecret, rejection } from './support';

const TOKEN = 'origin-T0ken-4d2e91';
const STYLES: AuthStyle[] = ['bearer', 'x-authentication', 'userkey'];

/** Where a request carried the token, whichever way its auth style sends it. */
function carriesToken(r: RecordedRequest): boolean {
  return [
    r.headers.authorization,
    r.headers['x-authentication'],
    r.query.get('userkey'),
    new URLSearchParams(r.body).get('userkey'),
    r.body,
  ].some((v) => typeof v === 'string' && v.includes(TOKEN));
}

describe('security: tokens stay with their origin', () => {
  let home: RecordingServer;
  let elsewhere: RecordingServer;
  beforeEach(async () => {
    home = await startRecordingServer();
    elsewhere = await startRecordingServer(() => ({ status: 200, body: { stolen: true } }));
  });
  afterEach(async () => {
    await home.close();
    await elsewhere.close();
  });

  const client = (auth: AuthStyle) =>
    new HttpClient({
      connection: { name: 'home', kind: 'cdrouter', url: home.url },
      auth,
      token: async () => TOKEN,
      maxRetries: 0,
    });

  for (const auth of STYLES) {
    it(`${auth}: a redirect to another port, another host name or another scheme is refused; nothing reaches it`, async () => {
      const port = new URL(home.url).port;
      const targets = [
        `${elsewhere.url}/steal`,
        `http://localhost:${port}/same-server-other-host`,
        `https://127.0.0.1:${port}/other-scheme`,
      ];
      for (const location of targets) {
        home.requests.length = 0;
        home.respond(() => ({ status: 302, headers: { Location: location }, body: '' }));
        for (const method of ['GET', 'POST'] as const) {
          const e = await rejection(
            client(auth).request({
              method,
              path: '/api/jobs',
              operation: 'list jobs',
              form: method === 'POST' ? { a: '1' } : undefined,
            }),
            [TOKEN],
          );
          assert.equal(e.code, 'untrusted', location);
          assert.match(e.message, /not this connection's server/);
        }
        assert.equal(home.requests.length, 2, 'only the first request of each went out');
        assert.ok(home.requests.every(carriesToken), 'the token went to the connection origin');
      }
      assert.equal(elsewhere.requests.length, 0, 'nothing reached the other origin');
    });

    it(`${auth}: a redirect within the origin is followed, with the token`, async () => {
      home.respond((r) =>
        r.path === '/old' ? { status: 301, headers: { Location: '/new' }, body: '' } : { status: 200, body: { ok: 1 } },
      );
      const res = await client(auth).request({ method: 'GET', path: '/old', operation: 'read' });
      assert.deepEqual(res.data, { ok: 1 });
      assert.deepEqual(
        home.requests.map((r) => r.path),
        ['/old', '/new'],
      );
      assert.ok(home.requests.every(carriesToken));
    });

    it(`${auth}: an absolute URL of another origin is refused before sending`, async () => {
      const e = await rejection(
        client(auth).request({
          method: 'GET',
          path: `${elsewhere.url}/orchestrator/v1/jobs/1`,
          operation: 'get job 1',
        }),
        [TOKEN],
      );
      assert.equal(e.code, 'untrusted');
      assert.equal(home.requests.length + elsewhere.requests.length, 0);
    });
  }

  it('puppet: absolute id, nodes, report and events links in payloads point elsewhere; only the connection origin is called', async () => {
    const other = elsewhere.url;
    const link = (n: string, tail = '') => `${other}/orchestrator/v1/jobs/${n}${tail}`;
    const job = (n: string) => ({
      id: link(n),
      name: n,
      state: 'failed',
      command: 'deploy',
      environment: { name: 'production' },
      options: { scope: { nodes: ['web1'] } },
      node_count: 1,
      nodes: { id: link(n, '/nodes') },
      report: { id: link(n, '/report') },
      events: { id: link(n, '/events') },
      status: [
        { state: 'new', enter_time: '2024-01-01T00:00:00Z' },
        { state: 'failed', enter_time: '2024-01-01T00:01:00Z' },
      ],
    });
    home.respond((r) => {
      const p = r.path.replace('/root', '');
      if (p === '/orchestrator/v1/jobs')
        return { body: { items: [job('7'), { ...job('8'), name: undefined }], pagination: { total: 2 } } };
      if (p.endsWith('/nodes'))
        return {
          body: {
            'next-events': { id: link('7', '/events?start=3'), event: 3 },
            items: [
              { name: 'web1', state: 'failed', details: { message: 'x', 'report-url': `${other}/#/cm/report/abc` } },
            ],
          },
        };
      if (p.endsWith('/events'))
        return {
          body: {
            next_id: { id: link('7', '/events?start=9'), event: 9 },
            items: [{ id: '8', type: 'node_failed', details: { node: 'web1' } }],
          },
        };
      if (p.endsWith('/report')) return { body: { items: [{ node: 'web1', state: 'failed', events: [] }] } };
      if (p === '/orchestrator/v1/command/deploy') return { body: { job: { id: link('9'), name: '9' } } };
      if (p === '/orchestrator/v1/command/stop') return { body: { job: { id: link('7'), name: '7' } } };
      return { body: job(p.split('/').pop() ?? '7') };
    });
    const { adapter } = connect(
      { name: 'pe', kind: 'puppet-orchestrator', url: `${home.url}/root` },
      { token: async () => TOKEN, maxRetries: 0 },
    );
    const page = await adapter.listJobs({ pageSize: 10 });
    assert.deepEqual(
      page.items.map((j) => j.id),
      ['7', '8'],
      'a job without name is named from its id URL, not fetched there',
    );
    const detail = await adapter.getJob('7');
    assert.equal(
      detail.targets[0].reportUrl,
      `${other}/#/cm/report/abc`,
      'console links are offered to the browser as they are',
    );
    await adapter.getTargets('8');
    await adapter.getEvents('7', undefined);
    await adapter.getEvents('7', '9');
    await (adapter as PuppetOrchestratorAdapter).getReport('7');
    await adapter.launch({ kind: 'puppet-orchestrator', environment: 'production', scope: { nodes: ['web1'] } });
    await adapter.stop(detail);
    assert.equal(
      elsewhere.requests.length,
      0,
      `requests went to the payloads' origin: ${elsewhere.requests.map((r) => r.path).join(', ')}`,
    );
    assert.ok(home.requests.length >= 10);
    for (const r of home.requests) {
      assert.ok(r.path.startsWith('/root/orchestrator/v1/'), r.path);
      assert.equal(r.headers['x-authentication'], TOKEN);
    }
    // The links a user can open carry no token.
    assertNoSecret([page, detail], [TOKEN], 'model');
  });

  it('cdrouter: the result link stays below the connection URL (path prefix kept), without the token', async () => {
    home.respond(() => ({ body: { data: { id: '1', status: 'completed', package_name: 'p', result_id: '2024' } } }));
    const { adapter } = connect(
      { name: 'cd', kind: 'cdrouter', url: `${home.url}/cdr/` },
      { token: async () => TOKEN },
    );
    const job = await adapter.getJob('1');
    assert.deepEqual(job.links, [{ label: 'Result', url: `${home.url}/cdr/results/2024` }]);
    assertNoSecret(job, [TOKEN], 'job');
  });
});
