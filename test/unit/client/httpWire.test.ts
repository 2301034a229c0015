// HttpClient on the wire, exactly: the headers and bodies each auth style sends, how every
// status and transport failure is named, which parsed bodies are handed out again, and which
// secrets (the token, proxy credentials) are taken out of messages. A real loopback server.
import * as assert from 'node:assert/strict';
import {
  HttpClient,
  htmlTitle,
  looksLikeHtml,
  parseRetryAfter,
  type HttpClientOptions,
} from '../../../src/client/http';
import type { ConnectionConfig } from '../../../src/client/config';
import { JobdeckError } from '../../../src/client/errors';
import { rejectsWithout } from '../../support/fixtures';
import { startRecordingServer, type RecordingServer } from '../support/recordingServer';

const TOKEN = 'wire-token-8086';
const rejects = (p: Promise<unknown>) => rejectsWithout(TOKEN, p);

describe('HttpClient on the wire', () => {
  let server: RecordingServer;
  beforeEach(async () => {
    server = await startRecordingServer();
  });
  afterEach(() => server.close());

  function client(extra: Partial<HttpClientOptions> = {}, conn: Partial<ConnectionConfig> = {}): HttpClient {
    return new HttpClient({
      connection: { name: 'lab', kind: 'cdrouter', url: server.url, ...conn },
      auth: 'bearer',
      token: async () => TOKEN,
      maxRetries: 0,
      ...extra,
    });
  }

  describe('what is sent', () => {
    it('a GET asks for JSON as "Jobdeck", with no body and no Content-Type', async () => {
      await client().request({ method: 'GET', path: '/x', operation: 'list' });
      const r = server.requests[0];
      assert.equal(r.headers.accept, 'application/json');
      assert.equal(r.headers['user-agent'], 'Jobdeck');
      assert.equal(r.headers['content-type'], undefined);
      assert.equal(r.body, '');
    });

    it('no token: no Authorization, no X-Authentication, no userkey anywhere', async () => {
      const none = async () => undefined;
      await client({ token: none }).request({ method: 'GET', path: '/a', operation: 'x' });
      await client({ token: none, auth: 'x-authentication' }).request({ method: 'GET', path: '/b', operation: 'x' });
      await client({ token: none, auth: 'userkey' }).request({ method: 'GET', path: '/c', operation: 'x' });
      await client({ token: none, auth: 'userkey' }).request({ method: 'POST', path: '/d', operation: 'x' });
      for (const r of server.requests) {
        assert.equal(r.headers.authorization, undefined, r.path);
        assert.equal(r.headers['x-authentication'], undefined, r.path);
        assert.equal(r.query.has('userkey'), false, r.path);
      }
      assert.equal(server.requests[3].body, '');
    });

    it('a beacon POST without a form still carries the userkey as a form', async () => {
      await client({ auth: 'userkey' }).request({
        method: 'POST',
        path: '/api/jobs',
        query: { action: 'x' },
        operation: 'x',
      });
      const r = server.requests[0];
      assert.equal(r.body, `userkey=${TOKEN}`);
      assert.equal(r.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.equal(r.query.has('userkey'), false);
    });

    it('a beacon POST with JSON sends the JSON (and the userkey nowhere)', async () => {
      await client({ auth: 'userkey' }).request({ method: 'POST', path: '/api/jobs', json: { a: 1 }, operation: 'x' });
      const r = server.requests[0];
      assert.equal(r.body, '{"a":1}');
      assert.equal(r.headers['content-type'], 'application/json');
      assert.equal(r.query.has('userkey'), false);
    });

    it('a form: strings once, arrays repeated, undefined left out, and no userkey for a bearer token', async () => {
      await client().request({
        method: 'POST',
        path: '/f',
        form: { a: 'one two', skip: undefined, c: ['x', 'y'] },
        operation: 'x',
      });
      const r = server.requests[0];
      assert.equal(r.body, 'a=one+two&c=x&c=y');
      assert.equal(r.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.equal(r.headers.authorization, `Bearer ${TOKEN}`);
    });

    it('query values: numbers and booleans as text, arrays repeated, undefined left out', async () => {
      await client().request({
        method: 'GET',
        path: '/q',
        query: { n: 0, b: false, list: [1, 'two'], gone: undefined },
        operation: 'x',
      });
      assert.equal(server.requests[0].query.toString(), 'n=0&b=false&list=1&list=two');
    });

    it('answers carry their headers with lower-case names', async () => {
      server.respond(() => ({ body: [], headers: { 'X-Total-Count': '42' } }));
      const res = await client().request({ method: 'GET', path: '/x', operation: 'x' });
      assert.equal(res.headers['x-total-count'], '42');
      assert.equal(res.headers['content-type'], 'application/json');
      assert.equal(client().origin, server.url);
    });
  });

  describe('statuses', () => {
    it('names every status class by its code', async () => {
      const cases: [number, string][] = [
        [300, 'badResponse'],
        [399, 'badResponse'],
        [400, 'client'],
        [407, 'client'],
        [418, 'client'],
        [499, 'client'],
        [500, 'server'],
        [501, 'server'],
        [599, 'server'],
      ];
      for (const [status, code] of cases) {
        server.respond(() => ({ status, body: { message: `said ${status}` } }));
        const e = await rejects(client().request({ method: 'GET', path: '/x', operation: 'list' }));
        assert.deepEqual([e.code, e.status, e.serverMessage], [code, status, `said ${status}`], String(status));
      }
    });

    it('any 2xx is an answer', async () => {
      server.respond(() => ({ status: 299, body: { fine: true } }));
      const res = await client().request({ method: 'GET', path: '/x', operation: 'list' });
      assert.equal(res.status, 299);
      assert.deepEqual(res.data, { fine: true });
    });

    it('a blank kind is no kind', async () => {
      server.respond(() => ({ status: 400, body: { kind: '  ', msg: 'no' } }));
      const e = await rejects(client().request({ method: 'GET', path: '/x', operation: 'list' }));
      assert.equal(e.serverKind, undefined);
      assert.equal(e.message, 'lab: list failed: request rejected (HTTP 400) — no');
    });

    it('a write redirected is told, never "may have happened" (the server said where, not done)', async () => {
      server.respond(() => ({ status: 300, headers: { Location: '/new' } }));
      const e = await rejects(client().request({ method: 'POST', path: '/old', json: {}, operation: 'launch' }));
      assert.equal(e.code, 'badResponse');
      assert.equal(e.status, 300);
      assert.equal(e.detail, 'the server redirected this POST to /new; writes are not followed to another address');
    });
  });

  describe('bodies', () => {
    it('a blank 200 body is no data', async () => {
      server.respond(() => ({ status: 200, body: ' \n\t ' }));
      assert.equal((await client().request({ method: 'GET', path: '/x', operation: 'x' })).data, undefined);
    });

    it('an HTML page without a title: said without one', async () => {
      server.respond(() => ({ status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html><p>hi</p></html>' }));
      const e = await rejects(client().request({ method: 'GET', path: '/x', operation: 'list' }));
      assert.equal(e.code, 'badResponse');
      assert.equal(e.status, 200);
      assert.equal(
        e.detail,
        'the server sent an HTML page instead of JSON; is the URL the server root of a cdrouter server?',
      );
    });

    it('JSON nested 512 deep is read; 513 deep is refused, said so', async () => {
      const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
      server.respond(() => ({ body: nested(512), headers: { 'Content-Type': 'application/json' } }));
      const ok = await client().request({ method: 'GET', path: '/x', operation: 'list' });
      assert.equal(Array.isArray(ok.data), true);
      server.respond(() => ({ body: nested(513), headers: { 'Content-Type': 'application/json' } }));
      const e = await rejects(client().request({ method: 'GET', path: '/x', operation: 'list' }));
      assert.equal(e.code, 'badResponse');
      assert.equal(e.status, 200);
      assert.equal(e.detail, 'the JSON is nested more than 512 levels deep');
    });

    it('malformed JSON names its length', async () => {
      server.respond(() => ({ body: '{"a": 1', headers: { 'Content-Type': 'application/json' } }));
      const e = await rejects(client().request({ method: 'GET', path: '/x', operation: 'list' }));
      assert.equal(e.status, 200);
      assert.match(e.detail ?? '', /^malformed JSON from the server \(.+; 7 bytes\)$/);
    });

    it('a body over maxBodyBytes is refused in MB, and a write refused so was not done', async () => {
      server.respond(() => ({ body: 'x'.repeat(3 * 1048576) }));
      for (const method of ['GET', 'POST'] as const) {
        const e = await rejects(
          client({ maxBodyBytes: 2 * 1048576 }).request({ method, path: '/x', operation: 'get' }),
        );
        assert.equal(e.code, 'badResponse');
        assert.equal(e.detail, 'the response is larger than 2 MB', method);
      }
    });

    it('parsed GET bodies are kept per URL with its query', async () => {
      server.respond((r) => ({ body: { page: r.query.get('page') } }));
      const c = client();
      const get = (page: number) =>
        c.request({ method: 'GET', path: '/jobs', query: { page }, operation: 'list' }).then((r) => r.data);
      const one = await get(1);
      assert.notEqual(await get(2), one);
      assert.equal(await get(1), one);
    });

    it('64 URLs keep their bodies; a 65th drops the one changed least recently', async () => {
      let version = 1;
      server.respond((r) => ({ body: { path: r.path, v: r.path === '/a' ? version : 0 } }));
      const c = client();
      const get = (path: string) => c.request({ method: 'GET', path, operation: 'list' }).then((r) => r.data);
      const a1 = await get('/a');
      const u1 = await get('/u1');
      for (let i = 2; i <= 63; i++) await get(`/u${i}`);
      assert.equal(await get('/a'), a1, '64 URLs: all kept');
      version = 2;
      const a2 = await get('/a');
      assert.notEqual(a2, a1);
      await get('/u64');
      assert.equal(await get('/a'), a2, 'the changed body counts as the newest');
      assert.notEqual(await get('/u1'), u1, 'the oldest was dropped');
    });

    it('a body of exactly 512 KiB is kept; one character more is parsed each time', async () => {
      const limit = 512 * 1024;
      const sized = (n: number) => `["${'x'.repeat(n - 4)}"]`;
      let size = limit;
      server.respond(() => ({ body: sized(size), headers: { 'Content-Type': 'application/json' } }));
      const c = client();
      const get = () => c.request({ method: 'GET', path: '/big', operation: 'list' }).then((r) => r.data);
      const first = await get();
      assert.equal(await get(), first);
      size = limit + 1;
      const big = await get();
      assert.notEqual(await get(), big);
    });
  });

  describe('transport failures', () => {
    it('a refused connection names host and port, and a write refused so was never sent', async () => {
      const gone = await startRecordingServer();
      const url = new URL(gone.url);
      await gone.close();
      const e = await rejects(
        client({}, { url: gone.url }).request({ method: 'POST', path: '/x', json: {}, operation: 'launch' }),
      );
      assert.equal(e.code, 'network');
      assert.equal(e.detail, `connection refused by ${url.host}`);
    });

    it('a host not found is said so, and a write to it was never sent', async () => {
      const e = await rejects(
        client({}, { url: 'http://no-such-host.invalid' }).request({
          method: 'POST',
          path: '/x',
          json: {},
          operation: 'launch',
        }),
      );
      assert.equal(e.code, 'network');
      assert.equal(e.detail, 'host no-such-host.invalid not found (DNS)');
    });

    it('a dropped write may have happened', async () => {
      server.respond(() => ({ drop: true }));
      const e = await rejects(client().request({ method: 'PUT', path: '/x', json: {}, operation: 'change' }));
      assert.equal(
        e.detail,
        'ECONNRESET: socket hang up; the server may have done it anyway: refresh before trying again',
      );
    });
  });

  describe('connections refused before sending', () => {
    it('an unreadable caFile is a TLS error', () => {
      assert.throws(
        () => client({}, { caFile: '/nonexistent/ca.pem' }),
        (e: unknown) =>
          e instanceof JobdeckError &&
          e.code === 'tls' &&
          e.operation === 'connect' &&
          /^cannot read caFile: ENOENT/.test(e.detail ?? ''),
      );
    });

    it('a proxy setting that is no URL is invalid input, said so', () => {
      assert.throws(
        () => client({ proxy: { proxy: 'http://[bad' }, env: {} }),
        (e: unknown) =>
          e instanceof JobdeckError &&
          e.code === 'invalid' &&
          e.message === 'lab: connect failed: invalid input — the proxy in http.proxy is not a URL',
      );
    });

    it('a bad connection URL is quoted, and nothing is sent to it', () => {
      assert.throws(
        () => client({}, { url: 'ftp://host' }),
        (e: unknown) =>
          e instanceof JobdeckError &&
          e.code === 'invalid' &&
          e.operation === 'connect' &&
          /^its url in jobdeck\.connections .+ \("ftp:\/\/host"\); nothing is sent to it$/.test(e.detail ?? ''),
      );
    });
  });

  describe('secrets', () => {
    it('errors an adapter builds are redacted of the last token sent', async () => {
      let token: string | undefined = TOKEN;
      const c = client({ token: async () => token });
      assert.equal(c.error('badResponse', 'op', `before ${TOKEN}`).detail, `before ${TOKEN}`, 'none sent yet');
      await c.request({ method: 'GET', path: '/x', operation: 'x' });
      token = undefined;
      await c.request({ method: 'GET', path: '/y', operation: 'x' });
      const e = c.error('badResponse', 'check', `got ${TOKEN}`, 'field', `server said ${TOKEN}`);
      assert.deepEqual(
        [e.code, e.operation, e.detail, e.field, e.serverMessage],
        ['badResponse', 'check', 'got ***', 'field', 'server said ***'],
      );
      assert.equal(e.connection, 'lab');
    });

    it('proxy credentials from the settings and from each variable are taken out of messages', async () => {
      const secrets = {
        authorization: 'Basic QXV0aG9yaXphdGlvbg==',
        settings: 'settingspw',
        https_proxy: 'lowerhttpspw',
        HTTPS_PROXY: 'upperhttpspw',
        http_proxy: 'lowerhttppw',
        encoded: 'p@ss%word',
      };
      const words = [
        secrets.authorization,
        'QXV0aG9yaXphdGlvbg==',
        secrets.settings,
        secrets.https_proxy,
        secrets.HTTPS_PROXY,
        secrets.http_proxy,
        secrets.encoded,
      ];
      server.respond(() => ({ status: 400, body: { error: words.join(' | ') } }));
      const c = client({
        proxy: {
          proxy: `http://u:${secrets.settings}@127.0.0.1:9`,
          authorization: secrets.authorization,
          noProxy: ['127.0.0.1'],
        },
        env: {
          https_proxy: `http://u:${secrets.https_proxy}@127.0.0.1:9`,
          HTTPS_PROXY: `http://u:${secrets.HTTPS_PROXY}@127.0.0.1:9`,
          // A proxy written without a scheme, as many do: its password is still found.
          http_proxy: `u:${secrets.http_proxy}@127.0.0.1:9`,
          HTTP_PROXY: `http://u:${encodeURIComponent(secrets.encoded)}@127.0.0.1:9`,
          NO_PROXY: '127.0.0.1',
        },
      });
      const e = await rejects(c.request({ method: 'GET', path: '/x', operation: 'list' }));
      assert.equal(server.requests.length, 1, 'the server was reached directly (NO_PROXY)');
      assert.equal(c.error('badResponse', 'check', `saw ${secrets.settings}`).detail, 'saw ***');
      assert.equal(e.serverMessage, '*** | *** | *** | *** | *** | *** | ***');
    });
  });
});

describe('looksLikeHtml, htmlTitle, parseRetryAfter', () => {
  it('an HTML or XHTML Content-Type, in any case, is HTML whatever the body', () => {
    assert.equal(looksLikeHtml('application/xhtml+xml', '{}'), true);
    assert.equal(looksLikeHtml('TEXT/HTML; charset=utf-8', '{}'), true);
    assert.equal(looksLikeHtml('application/json', '{}'), false);
  });

  it('only the first 1024 characters are looked at', () => {
    assert.equal(looksLikeHtml('text/plain', `${' '.repeat(1023)}<html>`), true);
    assert.equal(looksLikeHtml('text/plain', `${' '.repeat(1024)}<html>`), false);
    assert.equal(looksLikeHtml('text/plain', ''), false);
  });

  it('a title tag ends at >, a blank or a slash; a longer tag name is another tag', () => {
    for (const open of ['<title>', '<title\t>', '<title\n>', '<title\r>', '<title />', '<title/>', '<title lang="en">'])
      assert.equal(htmlTitle(`${open}Gone</title>`), 'Gone', JSON.stringify(open));
    assert.equal(htmlTitle('<titlex>no</titlex><h1>yes</h1>'), 'yes');
    assert.equal(htmlTitle('<p>nothing</p>'), '');
  });

  it('a title of 300 characters is one; 301 is passed over, and so is a title inside it', () => {
    const y300 = 'y'.repeat(300);
    assert.equal(htmlTitle(`<title>${y300}</title><h1>Short</h1>`), `${'y'.repeat(119)}…`);
    assert.equal(htmlTitle(`<title>${y300}y</title><h1>Short</h1>`), 'Short');
    assert.equal(htmlTitle(`<title>${y300}<title>inner</title>`), '');
  });

  it('an unclosed title, or a title tag that never ends, falls back to the first h1', () => {
    assert.equal(htmlTitle('<title>never closed<h1>X</h1>'), 'X');
    assert.equal(htmlTitle('<h1>H</h1>junk</title><title '), 'H');
  });

  it('looks for the title in the first 64 KiB only', () => {
    const pad = (n: number) => 'x'.repeat(n);
    const tag = '<title>ok</title>';
    assert.equal(htmlTitle(pad(64 * 1024 - tag.length) + tag), 'ok');
    assert.equal(htmlTitle(pad(64 * 1024) + tag), '');
  });

  it('tags inside the title are dropped, a lone > is text', () => {
    assert.equal(htmlTitle('<title>a <b>bold</b> > c</title>'), 'a bold > c');
  });

  it('Retry-After: whole and decimal seconds, blanks trimmed; anything else is no answer', () => {
    assert.equal(parseRetryAfter('15'), 15_000);
    assert.equal(parseRetryAfter('1.25'), 1250);
    assert.equal(parseRetryAfter(' 7 '), 7000);
    assert.equal(parseRetryAfter('0'), 0);
    assert.equal(parseRetryAfter(3), 3000);
    assert.equal(parseRetryAfter('a5'), undefined);
    assert.equal(parseRetryAfter('5a'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
    assert.equal(parseRetryAfter(''), undefined);
  });

  it('Retry-After: a date already past means now', () => {
    assert.equal(parseRetryAfter(new Date(1_000).toUTCString(), 5_000), 0);
  });
});
