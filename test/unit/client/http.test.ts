import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { rejectsWithout } from '../../support/fixtures';
import * as fc from 'fast-check';
import {
  HttpClient,
  HttpClientOptions,
  htmlTitle,
  jsonDepthExceeds,
  looksLikeHtml,
  parseRetryAfter,
} from '../../../src/client/http';
import { assertNearLinear } from '../support/complexity';
import { RecordingServer, startRecordingServer } from '../support/recordingServer';
import { makeCertificate, startTlsServer } from '../security/support';
import { until } from '../support/until';
import type { ConnectionConfig } from '../../../src/client/config';

const TOKEN = 's3cr3t-token-value';
const rejects = (p: Promise<unknown>) => rejectsWithout(TOKEN, p, { stack: true });

function client(
  server: RecordingServer,
  extra: Partial<HttpClientOptions> = {},
  conn: Partial<ConnectionConfig> = {},
): HttpClient {
  return new HttpClient({
    connection: { name: 'lab', kind: 'cdrouter', url: server.url, ...conn },
    auth: 'bearer',
    token: async () => TOKEN,
    retryBaseMs: 5,
    ...extra,
  });
}

describe('HttpClient', () => {
  let server: RecordingServer;
  beforeEach(async () => {
    server = await startRecordingServer();
  });
  afterEach(() => server.close());

  it('joins the server root (with a path prefix) and the API path, and sends query arrays repeated', async () => {
    server.respond(() => ({ body: { ok: 1 } }));
    const http = client(server, {}, { url: `${server.url}/prefix/` });
    const res = await http.request({
      method: 'GET',
      path: '/api/v1/jobs/',
      query: { page: 2, filter: ['status=running', 'package_name~dns'], skip: undefined },
      operation: 'list jobs',
    });
    assert.deepEqual(res.data, { ok: 1 });
    const req = server.requests[0];
    assert.equal(req.path, '/prefix/api/v1/jobs/');
    assert.equal(req.query.get('page'), '2');
    assert.deepEqual(req.query.getAll('filter'), ['status=running', 'package_name~dns']);
    assert.equal(req.query.has('skip'), false);
  });

  it('sends a Bearer token, an X-Authentication token, or a beacon userkey in query (GET) and form (POST)', async () => {
    server.respond(() => ({ body: [] }));
    await client(server).request({ method: 'GET', path: '/a', operation: 'x' });
    assert.equal(server.requests[0].headers.authorization, `Bearer ${TOKEN}`);

    await client(server, { auth: 'x-authentication' }).request({ method: 'GET', path: '/b', operation: 'x' });
    assert.equal(server.requests[1].headers['x-authentication'], TOKEN);
    assert.equal(server.requests[1].headers.authorization, undefined);

    const beacon = client(server, { auth: 'userkey' });
    await beacon.request({ method: 'GET', path: '/api/jobs', query: { action: 'list' }, operation: 'x' });
    assert.equal(server.requests[2].query.get('userkey'), TOKEN);
    assert.equal(server.requests[2].headers.authorization, undefined);
    await beacon.request({
      method: 'POST',
      path: '/api/jobs',
      query: { action: 'end' },
      form: { 'result[]': ['{"a":1}', '{"b":2}'] },
      operation: 'x',
    });
    const post = server.requests[3];
    assert.equal(post.query.get('userkey'), null, 'userkey must not be in the URL of a POST');
    assert.match(String(post.headers['content-type']), /application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(post.body);
    assert.equal(form.get('userkey'), TOKEN);
    assert.deepEqual(form.getAll('result[]'), ['{"a":1}', '{"b":2}']);
  });

  it('sends JSON bodies, configured headers and a User-Agent naming Jobdeck', async () => {
    server.respond(() => ({ body: { data: {} } }));
    await client(server, { userAgent: 'Jobdeck/9.9' }, { headers: { 'X-Site': 'lab1' } }).request({
      method: 'POST',
      path: '/api/v1/jobs/',
      json: { package_id: '1' },
      operation: 'launch',
    });
    const req = server.requests[0];
    assert.equal(req.headers['user-agent'], 'Jobdeck/9.9');
    assert.equal(req.headers['x-site'], 'lab1');
    assert.match(String(req.headers['content-type']), /application\/json/);
    assert.deepEqual(JSON.parse(req.body), { package_id: '1' });
  });

  it('returns undefined data for 204 and empty bodies', async () => {
    server.respond(() => ({ status: 204 }));
    const res = await client(server).request({ method: 'DELETE', path: '/api/v1/jobs/1/', operation: 'delete job 1' });
    assert.equal(res.status, 204);
    assert.equal(res.data, undefined);
  });

  it('maps 401/403/404 with the server message and a hint, without the token', async () => {
    server.respond(() => ({ status: 401, body: { error: `bad token ${TOKEN}` } }));
    let e = await rejects(client(server).request({ method: 'GET', path: '/x', operation: 'list jobs' }));
    assert.equal(e.code, 'auth');
    assert.equal(e.status, 401);
    assert.equal(e.hint, 'setToken');
    assert.match(e.message, /^lab: list jobs failed: not authorized/);
    assert.match(e.serverMessage ?? '', /bad token \*\*\*/);

    server.respond(() => ({
      status: 404,
      body: { kind: 'puppetlabs.orchestrator/unknown-job', msg: 'No job 99', details: {} },
    }));
    e = await rejects(client(server).request({ method: 'GET', path: '/x', operation: 'get job 99' }));
    assert.equal(e.code, 'notFound');
    assert.equal(e.serverKind, 'puppetlabs.orchestrator/unknown-job');
    assert.equal(e.serverMessage, 'No job 99');
    assert.match(e.message, /unknown-job: No job 99/);

    server.respond(() => ({ status: 403, body: { status: 'error', message: 'forbidden for you' } }));
    e = await rejects(client(server).request({ method: 'GET', path: '/x', operation: 'list' }));
    assert.equal(e.code, 'forbidden');
    assert.equal(e.serverMessage, 'forbidden for you');
  });

  it('says a write may have happened when its 2xx answer is spoiled, never for a read or a refused write', async () => {
    server.respond(() => ({ status: 201, headers: { 'Content-Type': 'application/json' }, body: '{"id": 4' }));
    let e = await rejects(client(server).request({ method: 'POST', path: '/jobs', json: {}, operation: 'launch' }));
    assert.equal(e.code, 'badResponse');
    assert.match(e.message, /may have done it anyway: refresh before trying again/);
    assert.equal(server.requests.length, 1, 'the write was sent once');

    e = await rejects(client(server).request({ method: 'GET', path: '/jobs', operation: 'list jobs' }));
    assert.doesNotMatch(e.message, /may have done it/);

    server.respond(() => ({ status: 400, body: { message: 'bad package' } }));
    e = await rejects(client(server).request({ method: 'POST', path: '/jobs', json: {}, operation: 'launch' }));
    assert.doesNotMatch(e.message, /may have done it/, 'a 4xx answer is a clear no');

    const closed = server.url;
    await server.close();
    e = await rejects(
      new HttpClient({
        connection: { name: 'lab', kind: 'cdrouter', url: closed },
        auth: 'bearer',
        token: async () => TOKEN,
        maxRetries: 0,
      }).request({ method: 'POST', path: '/jobs', json: {}, operation: 'launch' }),
    );
    assert.equal(e.code, 'network');
    assert.doesNotMatch(e.message, /may have done it/, 'a refused connection never reached the server');
    server = await startRecordingServer();
  });

  it('turns an HTML page (even with 200) and malformed JSON into badResponse errors with a clear message', async () => {
    server.respond(() => ({
      status: 200,
      headers: { 'Content-Type': 'text/html' },
      body: '<html><head><title>Sign in</title></head><body>login</body></html>',
    }));
    let e = await rejects(client(server).request({ method: 'GET', path: '/x', operation: 'list jobs' }));
    assert.equal(e.code, 'badResponse');
    assert.match(e.message, /HTML page instead of JSON \("Sign in"\)/);

    server.respond(() => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"data": [1, 2' }));
    e = await rejects(client(server).request({ method: 'GET', path: '/x', operation: 'list jobs' }));
    assert.equal(e.code, 'badResponse');
    assert.match(e.message, /malformed JSON/);

    server.respond(() => ({
      status: 502,
      headers: { 'Content-Type': 'text/html' },
      body: '<html><title>502 Bad Gateway</title></html>',
    }));
    e = await rejects(client(server, { maxRetries: 0 }).request({ method: 'GET', path: '/x', operation: 'list jobs' }));
    assert.equal(e.code, 'server');
    assert.match(e.message, /HTTP 502/);
    assert.match(e.message, /502 Bad Gateway/);
  });

  it('knows an HTML page by its content whatever the Content-Type says (application/json, text/plain, none)', async () => {
    const pages = [
      '<!DOCTYPE html><html><head><title>Sign in</title></head><body>login</body></html>',
      '\n\n  <html><title>Sign in</title></html>',
      '\uFEFF<!-- proxy --><title>Sign in</title><p>Access denied</p>',
      '<?xml version="1.0"?><title>Sign in</title>',
    ];
    for (const type of ['application/json', 'text/plain', 'application/octet-stream', '']) {
      for (const page of pages) {
        server.respond(() => ({ status: 200, headers: { 'Content-Type': type }, body: page }));
        const e = await rejects(client(server).request({ method: 'GET', path: '/x', operation: 'list jobs' }));
        assert.equal(e.code, 'badResponse', `${type}: ${page}`);
        assert.match(
          e.message,
          /the server sent an HTML page instead of JSON \("Sign in"\); is the URL the server root of a cdrouter server\?/,
          `${type}: ${e.message}`,
        );
        // And as an error status: the page's title is what the server said.
        server.respond(() => ({ status: 503, headers: { 'Content-Type': type }, body: page }));
        const s = await rejects(
          client(server, { maxRetries: 0 }).request({ method: 'GET', path: '/x', operation: 'list jobs' }),
        );
        assert.equal(s.serverMessage, 'HTML error page: Sign in', `${type}: ${page}`);
      }
    }
    // JSON is still JSON under any of them.
    for (const type of ['text/plain', 'application/octet-stream', '']) {
      server.respond(() => ({ status: 200, headers: { 'Content-Type': type }, body: ' {"ok": "<html>"}' }));
      assert.deepEqual((await client(server).request({ method: 'GET', path: '/x', operation: 'list jobs' })).data, {
        ok: '<html>',
      });
    }
    assert.equal(looksLikeHtml('application/json', '["<html>"]'), false);
  });

  it('finds the title of an HTML page in time linear in the body: repeated "<title" of 1 MB and 4 MB', () => {
    assert.equal(htmlTitle('<html><head><TITLE lang="en">Bad <b>Gateway</b></TITLE></head></html>'), 'Bad Gateway');
    assert.equal(htmlTitle('<h1>Not Found</h1>'), 'Not Found');
    assert.equal(
      htmlTitle(`<title>${'y'.repeat(400)}</title><h1>Short</h1>`),
      'Short',
      'a title too long to be one is passed over',
    );
    for (const [what, unit] of [
      ['<title', '<title'],
      ['<title>', '<title>'],
      ['<title x', '<title x'],
      ['<h1', '<h1 '],
      ['<titles', '<titlex'],
    ] as const) {
      assertNearLinear(`htmlTitle over repeated ${what}`, (n) => unit.repeat(Math.ceil(n / unit.length)), htmlTitle);
      assertNearLinear(
        `looksLikeHtml over repeated ${what}`,
        (n) => ' '.repeat(n) + unit,
        (t) => looksLikeHtml('text/plain', t),
      );
    }
  });

  it('retries idempotent requests on 503 with Retry-After, and waits as told', async () => {
    let n = 0;
    server.respond(() =>
      ++n < 3 ? { status: 503, headers: { 'Retry-After': '1' }, body: { error: 'busy' } } : { body: { ok: true } },
    );
    const t0 = Date.now();
    const res = await client(server).request({ method: 'GET', path: '/x', operation: 'list' });
    const waited = Date.now() - t0;
    assert.deepEqual(res.data, { ok: true });
    assert.equal(server.requests.length, 3);
    assert.ok(waited >= 1900, `waited only ${waited} ms for two Retry-After: 1`);
  });

  it('gives up after maxRetries and reports the last status', async () => {
    server.respond(() => ({ status: 502, body: { error: 'down' } }));
    const e = await rejects(
      client(server, { maxRetries: 2 }).request({ method: 'GET', path: '/x', operation: 'list' }),
    );
    assert.equal(server.requests.length, 3);
    assert.equal(e.code, 'server');
    assert.equal(e.hint, 'retry');
  });

  it('never retries a non-idempotent POST on 5xx or dropped connections', async () => {
    server.respond(() => ({ status: 503, body: { error: 'busy' } }));
    await rejects(client(server).request({ method: 'POST', path: '/x', json: {}, operation: 'launch' }));
    assert.equal(server.requests.length, 1);
    server.respond(() => ({ drop: true }));
    const e = await rejects(client(server).request({ method: 'POST', path: '/y', json: {}, operation: 'launch' }));
    assert.equal(server.requests.length, 2);
    assert.equal(e.code, 'network');
  });

  it('sends a DELETE or PUT once: a write is never retried on 5xx or a dropped connection', async () => {
    server.respond(() => ({ status: 502, body: { error: 'bad gateway' } }));
    await rejects(client(server).request({ method: 'DELETE', path: '/jobs/1/', operation: 'delete job 1' }));
    assert.equal(server.requests.length, 1);
    server.respond(() => ({ drop: true }));
    await rejects(
      client(server).request({ method: 'PUT', path: '/jobs/1/', json: { enabled: false }, operation: 'disable job 1' }),
    );
    assert.equal(server.requests.length, 2);
  });

  it('retries a POST on 429 (the server did not process it), honouring Retry-After', async () => {
    let n = 0;
    server.respond(() =>
      ++n === 1 ? { status: 429, headers: { 'Retry-After': '0' }, body: { error: 'slow down' } } : { body: { ok: 1 } },
    );
    await client(server).request({ method: 'POST', path: '/x', json: {}, operation: 'launch' });
    assert.equal(server.requests.length, 2);
  });

  it('does not wait for a Retry-After longer than allowed; tells the user when to retry', async () => {
    server.respond(() => ({ status: 429, headers: { 'Retry-After': '3600' }, body: { error: 'quota' } }));
    const e = await rejects(client(server).request({ method: 'GET', path: '/x', operation: 'list' }));
    assert.equal(server.requests.length, 1);
    assert.equal(e.code, 'rateLimited');
    assert.equal(e.retryAfterMs, 3_600_000);
    assert.match(e.message, /retry after 3600 s/);
  });

  it('times out a slow server and cancels on AbortSignal', async () => {
    server.respond(() => ({ delayMs: 2000, body: {} }));
    let e = await rejects(
      client(server, { timeoutMs: 200, maxRetries: 0 }).request({ method: 'GET', path: '/x', operation: 'list' }),
    );
    assert.equal(e.code, 'timeout');
    const ctl = new AbortController();
    const p = client(server).request({ method: 'GET', path: '/x', operation: 'list', signal: ctl.signal });
    setTimeout(() => ctl.abort(), 50);
    const t0 = Date.now();
    e = await rejects(p);
    assert.equal(e.code, 'cancelled');
    assert.ok(Date.now() - t0 < 1500);
  });

  it('reports connection refused and DNS failures as network errors naming the host', async () => {
    const port = (await startRecordingServer().then(async (s) => {
      const p = new URL(s.url).port;
      await s.close();
      return p;
    })) as string;
    let e = await rejects(
      new HttpClient({
        connection: { name: 'gone', kind: 'beacon', url: `http://127.0.0.1:${port}` },
        auth: 'userkey',
        token: async () => TOKEN,
        maxRetries: 0,
      }).request({ method: 'GET', path: '/api/jobs', operation: 'list' }),
    );
    assert.equal(e.code, 'network');
    assert.match(e.message, /connection refused/);
    e = await rejects(
      new HttpClient({
        connection: { name: 'dns', kind: 'beacon', url: 'http://no-such-host.invalid' },
        auth: 'userkey',
        token: async () => TOKEN,
        maxRetries: 0,
      }).request({ method: 'GET', path: '/api/jobs', operation: 'list' }),
    );
    assert.equal(e.code, 'network');
    assert.match(e.message, /no-such-host\.invalid/);
  });

  it('refuses to send the token to another origin: absolute URLs and redirects', async () => {
    const other = await startRecordingServer(() => ({ body: { stolen: true } }));
    try {
      const http = client(server);
      let e = await rejects(
        http.request({ method: 'GET', path: `${other.url}/orchestrator/v1/jobs/1`, operation: 'get job' }),
      );
      assert.equal(e.code, 'untrusted');
      server.respond(() => ({ status: 302, headers: { Location: `${other.url}/steal` } }));
      e = await rejects(http.request({ method: 'GET', path: '/x', operation: 'list' }));
      assert.equal(e.code, 'untrusted');
      assert.equal(other.requests.length, 0, 'the other origin must receive nothing');
      // Same-origin redirects are followed.
      server.respond((r) =>
        r.path === '/old' ? { status: 301, headers: { Location: '/new' } } : { body: { at: r.path } },
      );
      const res = await http.request({ method: 'GET', path: '/old', operation: 'list' });
      assert.deepEqual(res.data, { at: '/new' });
      // Writes are not: the server said "elsewhere", and a write is never sent twice.
      for (const method of ['POST', 'PUT', 'DELETE'] as const) {
        const before = server.requests.length;
        e = await rejects(http.request({ method, path: '/old', json: {}, operation: 'change job' }));
        assert.equal(e.code, 'badResponse');
        assert.match(e.message, new RegExp(`redirected this ${method} to /new`));
        assert.equal(server.requests.length, before + 1, `${method} was sent once, not followed`);
      }
    } finally {
      await other.close();
    }
  });

  it('follows five redirects and no more; a Location that is no URL is a bad answer, said so', async () => {
    const http = client(server);
    // /r5 → /r4 → … → /r0, then the answer.
    server.respond((r) => {
      const n = Number(/^\/r(\d+)$/.exec(r.path)?.[1] ?? -1);
      return n > 0 ? { status: 302, headers: { Location: `/r${n - 1}` } } : { body: { at: r.path } };
    });
    assert.deepEqual((await http.request({ method: 'GET', path: '/r5', operation: 'list' })).data, { at: '/r0' });
    const before = server.requests.length;
    let e = await rejects(http.request({ method: 'GET', path: '/r6', operation: 'list' }));
    assert.equal(e.code, 'badResponse');
    assert.equal(e.status, 302);
    assert.match(e.message, /too many redirects/);
    assert.equal(server.requests.length, before + 6, 'the first and five redirects, no seventh');
    server.respond(() => ({ status: 302, headers: { Location: 'http://[::1' } }));
    e = await rejects(http.request({ method: 'GET', path: '/x', operation: 'list' }));
    assert.equal(e.code, 'badResponse');
    assert.match(e.message, /a redirect to an address that is not a URL/);
    // A 3xx without a Location is no redirect: an error with its status.
    server.respond(() => ({ status: 304 }));
    e = await rejects(http.request({ method: 'GET', path: '/x', operation: 'list' }));
    assert.equal(e.status, 304);
  });

  it('reads the server’s own words from an error body, whatever the dialect calls them', async () => {
    const said = async (body: unknown, headers?: Record<string, string>) => {
      server.respond(() => ({ status: 400, body, headers }));
      const e = await rejects(client(server).request({ method: 'GET', path: '/x', operation: 'list' }));
      return e.serverMessage;
    };
    assert.equal(await said({ msg: 'from msg', error: 'no' }), 'from msg');
    assert.equal(await said({ error: 'from error', message: 'no' }), 'from error');
    assert.equal(await said({ message: 'from message', detail: 'no' }), 'from message');
    assert.equal(await said({ detail: 'from detail' }), 'from detail');
    assert.equal(await said({ msg: '  ', detail: 'blank ones are skipped' }), 'blank ones are skipped');
    assert.equal(await said({ error: { message: 'nested' } }), 'nested');
    assert.equal(await said({ errors: ['one', { field: 'x' }] }), 'one; {"field":"x"}');
    assert.equal(await said({ status: 'error', data: 'in data' }), 'in data');
    assert.equal(await said({ status: 'error' }), undefined);
    assert.equal(await said('"a JSON string"', { 'Content-Type': 'application/json' }), 'a JSON string');
    assert.equal(await said('plain words'), 'plain words');
    assert.equal(await said('[1, 2]', { 'Content-Type': 'application/json' }), '[1, 2]');
    assert.equal(await said('   '), undefined);
    assert.equal(
      await said('<html><head><title>Bad Gateway</title></head></html>', { 'Content-Type': 'text/html' }),
      'HTML error page: Bad Gateway',
    );
    assert.equal(await said('<html><body>oops</body></html>', { 'Content-Type': 'text/html' }), 'HTML error page');
  });

  it('keeps at most `concurrency` requests in flight per connection', async () => {
    // The server holds every request until three are in flight, then lets one go each time
    // three are in flight again: a limit of 3 fills the window at each step, a lower one never
    // does (the wait times out) and a higher one is seen in the peak.
    let inFlight = 0;
    let peak = 0;
    const held: (() => void)[] = [];
    server.respond(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise<void>((r) => held.push(r));
      inFlight--;
      return { body: {} };
    });
    const http = client(server, { concurrency: 3 });
    let settled = 0;
    const all = Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        http.request({ method: 'GET', path: `/x${i}`, operation: 'list' }).finally(() => settled++),
      ),
    );
    for (let released = 0; released < 12; released++) {
      await until(() => inFlight === Math.min(3, 12 - released), `${Math.min(3, 12 - released)} requests in flight`);
      held.shift()?.();
      await until(() => settled === released + 1, `request ${released + 1} answered`);
    }
    await all;
    assert.equal(server.requests.length, 12);
    assert.equal(peak, 3);
  });

  it('rejects a response larger than maxBodyBytes with a clear message', async () => {
    server.respond(() => ({ body: { big: 'x'.repeat(200_000) } }));
    const e = await rejects(
      client(server, { maxBodyBytes: 100_000, maxRetries: 0 }).request({
        method: 'GET',
        path: '/x',
        operation: 'get job',
      }),
    );
    assert.equal(e.code, 'badResponse');
    assert.match(e.message, /larger than/);
  });

  it('reports a self-signed certificate as a tls error with the certificate hint, before any request', async () => {
    const cert = makeCertificate();
    const tlsServer = await startTlsServer(cert.cert, cert.key);
    try {
      const e = await rejects(
        new HttpClient({
          connection: { name: 'tls', kind: 'cdrouter', url: tlsServer.url },
          auth: 'bearer',
          token: async () => TOKEN,
          maxRetries: 0,
        }).request({ method: 'GET', path: '/x', operation: 'list' }),
      );
      assert.equal(e.code, 'tls');
      assert.equal(e.hint, 'checkTls');
      assert.match(e.message, /TLS error/);
      assert.match(e.message, /self[- ]signed/i, 'the reason node gave is in the message');
      assert.match(e.hintText, /caFile/);
      assert.equal(tlsServer.requests.length, 0, 'no request got past the handshake');
    } finally {
      await tlsServer.close();
      fs.rmSync(cert.dir, { recursive: true, force: true });
    }
  });

  it('rejects credentials in the URL and non-http URLs before sending anything', () => {
    assert.throws(
      () =>
        new HttpClient({
          connection: { name: 'c', kind: 'cdrouter', url: 'http://user:pw@host' },
          auth: 'bearer',
          token: async () => TOKEN,
        }),
      /credentials/,
    );
    assert.throws(
      () =>
        new HttpClient({
          connection: { name: 'c', kind: 'cdrouter', url: 'ftp://host' },
          auth: 'bearer',
          token: async () => TOKEN,
        }),
      /http/,
    );
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    assert.equal(parseRetryAfter('5'), 5000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4000), 6000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(undefined), undefined);
  });
});

describe('jsonDepthExceeds', () => {
  /** The character-at-a-time scan it replaced: the reference for what it must answer. */
  function reference(text: string, max: number): boolean {
    let depth = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === 0x5c) i++;
        else if (c === 0x22) inString = false;
      } else if (c === 0x22) inString = true;
      else if (c === 0x5b || c === 0x7b) {
        if (++depth > max) return true;
      } else if (c === 0x5d || c === 0x7d) depth--;
    }
    return false;
  }

  it('answers as a character-at-a-time scan on brackets, quotes, escapes and text (property)', () => {
    const piece = fc.constantFrom('[', ']', '{', '}', '"', '\\', '\\"', '\\\\', 'a', ':', ',', ' ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.integer({ min: 0, max: 6 }), (pieces, max) => {
        const text = pieces.join('');
        assert.equal(jsonDepthExceeds(text, max), reference(text, max), JSON.stringify(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('jumps over a long string, escaped quotes and all', () => {
    const body = JSON.stringify({ a: `${'x'.repeat(1_000_000)}"[[[[`, b: [[[1]]] });
    assert.equal(jsonDepthExceeds(body, 3), true);
    assert.equal(jsonDepthExceeds(body, 4), false);
  });
});
