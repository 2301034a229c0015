// Requests through a real forward proxy on loopback (test/support/forwardProxy): http servers by
// absolute-URI requests, https servers through CONNECT tunnels, VS Code's http.proxy /
// http.noProxy / http.proxyAuthorization / http.proxyStrictSSL and the HTTP(S)_PROXY / NO_PROXY
// environment variables. The proxy's credentials never reach a log line or an error.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { RequestLogEntry } from '../../../src/client/http';
import { bypasses, proxyFor } from '../../../src/client/proxy';
import { connect } from '../../../src/client/registry';
import { ForwardProxy, startForwardProxy } from '../../support/forwardProxy';
import { assertNoSecret, makeCertificate, rejection, startTlsServer, TlsServer } from '../security/support';
import { RecordingServer, startRecordingServer } from '../support/recordingServer';

const TOKEN = 'proxy-test-T0ken-8812';
const PROXY_AUTH = 'Basic cHJveHl1c2VyOnMzY3JldC1wcm94eS1wYXNz'; // proxyuser:s3cret-proxy-pass
const EMPTY_PAGE = { data: [], links: { total: 0, next: 0 } };

describe('proxies (a real forward proxy on loopback)', () => {
  let proxy: ForwardProxy;
  let plain: RecordingServer;
  let cert: ReturnType<typeof makeCertificate>;
  let secure: TlsServer;

  before(async () => {
    cert = makeCertificate();
    secure = await startTlsServer(cert.cert, cert.key, EMPTY_PAGE);
    plain = await startRecordingServer(() => ({ body: EMPTY_PAGE }));
  });
  after(async () => {
    await secure.close();
    await plain.close();
    fs.rmSync(cert.dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    proxy = await startForwardProxy();
    plain.requests.length = 0;
    secure.requests.length = 0;
  });
  afterEach(async () => {
    await proxy.close();
  });

  const list = (url: string, options: Omit<Parameters<typeof connect>[1], 'token'>, extra: { caFile?: string } = {}) =>
    connect(
      { name: 'lab', kind: 'cdrouter', url, ...extra },
      { maxRetries: 0, ...options, token: async () => TOKEN },
    ).adapter.listJobs({ pageSize: 5 });

  it('http.proxy: an http server is reached by an absolute-URI request to the proxy', async () => {
    const page = await list(plain.url, { proxy: { proxy: proxy.url }, env: {} });
    assert.deepEqual(page.items, []);
    assert.deepEqual(
      proxy.requests.map((r) => [r.method, r.target.replace(/\?.*/, '')]),
      [['GET', `${plain.url}/api/v1/jobs/`]],
    );
    assert.equal(plain.requests.length, 1, 'the server got the request the proxy forwarded');
    assert.equal(plain.requests[0].headers.authorization, `Bearer ${TOKEN}`);
  });

  it('http.proxy: an https server is reached through a CONNECT tunnel, with the connection’s CA', async () => {
    const page = await list(secure.url, { proxy: { proxy: proxy.url }, env: {} }, { caFile: cert.certFile });
    assert.deepEqual(page.items, []);
    const host = new URL(secure.url).host;
    assert.deepEqual(
      proxy.requests.map((r) => [r.method, r.target]),
      [['CONNECT', host]],
    );
    assert.equal(
      proxy.requests[0].headers.authorization,
      undefined,
      'the token is inside the tunnel, not on the CONNECT',
    );
    assert.equal(secure.requests.length, 1);
    assert.equal(secure.requests[0].headers.authorization, `Bearer ${TOKEN}`);
  });

  it('through the tunnel the server certificate is still verified (no caFile: a tls error)', async () => {
    const e = await rejection(list(secure.url, { proxy: { proxy: proxy.url }, env: {} }), [TOKEN]);
    assert.equal(e.code, 'tls');
    assert.equal(proxy.requests.length, 1, 'the tunnel was opened');
    assert.equal(secure.requests.length, 0, 'the token never reached an unverified server');
  });

  it('http.proxyStrictSSL false: requests through the proxy skip certificate checks, as in VS Code', async () => {
    const page = await list(secure.url, { proxy: { proxy: proxy.url, strictSSL: false }, env: {} });
    assert.deepEqual(page.items, []);
    assert.equal(proxy.requests.length, 1);
    assert.equal(secure.requests.length, 1);
  });

  it('http.noProxy: a listed host is reached directly, the proxy sees nothing', async () => {
    await list(plain.url, { proxy: { proxy: proxy.url, noProxy: ['127.0.0.1'] }, env: {} });
    await list(secure.url, { proxy: { proxy: proxy.url, noProxy: ['127.0.0.1'] }, env: {} }, { caFile: cert.certFile });
    assert.equal(proxy.requests.length, 0);
    assert.equal(plain.requests.length, 1);
    assert.equal(secure.requests.length, 1);
  });

  it('HTTP_PROXY / HTTPS_PROXY apply when the settings name no proxy; NO_PROXY bypasses them', async () => {
    await list(plain.url, { env: { HTTP_PROXY: proxy.url } });
    await list(secure.url, { env: { https_proxy: proxy.url } }, { caFile: cert.certFile });
    assert.deepEqual(
      proxy.requests.map((r) => r.method),
      ['GET', 'CONNECT'],
    );
    proxy.requests.length = 0;
    await list(plain.url, {
      env: { HTTP_PROXY: proxy.url, NO_PROXY: `localhost, 127.0.0.1:${new URL(plain.url).port}` },
    });
    assert.equal(proxy.requests.length, 0, 'NO_PROXY with the host and port sends it directly');
    await list(plain.url, { env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1:1' } });
    assert.equal(proxy.requests.length, 1, 'a NO_PROXY entry for another port does not bypass');
  });

  it('http.proxy wins over the environment; http.proxySupport "off" sends directly', async () => {
    const other = await startForwardProxy();
    try {
      await list(plain.url, { proxy: { proxy: proxy.url }, env: { HTTP_PROXY: other.url } });
      assert.equal(proxy.requests.length, 1);
      assert.equal(other.requests.length, 0);
      await list(plain.url, { proxy: { proxy: proxy.url, support: 'off' }, env: { HTTP_PROXY: other.url } });
      assert.equal(proxy.requests.length + other.requests.length, 1, 'no proxy saw the second request');
      assert.equal(plain.requests.length, 2);
    } finally {
      await other.close();
    }
  });

  describe('a proxy that asks for credentials', () => {
    let strict: ForwardProxy;
    beforeEach(async () => {
      strict = await startForwardProxy({ requireAuthorization: PROXY_AUTH });
    });
    afterEach(async () => {
      await strict.close();
    });

    it('http.proxyAuthorization is sent to the proxy (http and CONNECT), never to the server, never logged', async () => {
      const logged: RequestLogEntry[] = [];
      const options = {
        proxy: { proxy: strict.url, authorization: PROXY_AUTH },
        env: {},
        log: (e: RequestLogEntry) => logged.push(e),
      };
      await list(plain.url, options);
      await list(secure.url, options, { caFile: cert.certFile });
      assert.deepEqual(
        strict.requests.map((r) => [r.method, r.proxyAuthorization]),
        [
          ['GET', PROXY_AUTH],
          ['CONNECT', PROXY_AUTH],
        ],
      );
      assert.equal(plain.requests[0].headers['proxy-authorization'], undefined);
      assert.equal(secure.requests[0].headers['proxy-authorization'], undefined);
      assert.equal(logged.length, 2);
      assertNoSecret(JSON.stringify(logged), [PROXY_AUTH, 's3cret-proxy-pass'], 'request log');
    });

    it('credentials in the proxy URL become Basic auth; a 407 is a clear error without them', async () => {
      const withUser = new URL(strict.url);
      withUser.username = 'proxyuser';
      withUser.password = 's3cret-proxy-pass';
      await list(secure.url, { proxy: { proxy: withUser.href }, env: {} }, { caFile: cert.certFile });
      assert.equal(strict.requests[0].proxyAuthorization, PROXY_AUTH);

      const logged: RequestLogEntry[] = [];
      const wrong = new URL(strict.url);
      wrong.username = 'proxyuser';
      wrong.password = 'wr0ng-proxy-pass';
      for (const url of [plain.url, secure.url]) {
        const e = await rejection(
          list(url, { proxy: { proxy: wrong.href }, env: {}, log: (x) => logged.push(x) }, { caFile: cert.certFile }),
          [TOKEN, 'wr0ng-proxy-pass'],
        );
        assert.equal(e.status, 407);
        assert.match(e.message, /proxy http:\/\/127\.0\.0\.1:\d+ \(from http\.proxy\) asks for credentials/);
      }
      assertNoSecret(JSON.stringify(logged), ['wr0ng-proxy-pass'], 'request log');
    });
  });

  it('a proxy that is down: the error names the proxy and where it came from', async () => {
    const gone = await startForwardProxy();
    const url = gone.url;
    await gone.close();
    const e = await rejection(list(plain.url, { env: { HTTP_PROXY: url } }), [TOKEN]);
    assert.equal(e.code, 'network');
    assert.match(e.message, new RegExp(`refused by the proxy ${url.replace(/\./g, '\\.')} \\(from HTTP_PROXY\\)`));
  });

  it('a proxy setting that is not an http(s) URL is refused when the connection is made', () => {
    assert.throws(
      () =>
        connect(
          { name: 'lab', kind: 'cdrouter', url: plain.url },
          { token: async () => TOKEN, proxy: { proxy: 'socks5://127.0.0.1:1080' }, env: {} },
        ),
      /socks5: proxies are not supported/,
    );
  });
});

describe('proxy choice', () => {
  const u = (s: string) => new URL(s);
  it('NO_PROXY entries: exact host, domain suffix with or without a dot or *, host:port, *', () => {
    const cases: [string, string[], boolean][] = [
      ['https://jobs.example.net', ['example.net'], true],
      ['https://jobs.example.net', ['.example.net'], true],
      ['https://jobs.example.net', ['*.example.net'], true],
      ['https://example.net', ['.example.net'], true],
      ['https://badexample.net', ['example.net'], false],
      ['https://jobs.example.net:8443', ['jobs.example.net:443'], false],
      ['https://jobs.example.net', ['jobs.example.net:443'], true],
      ['http://[::1]:8080', ['[::1]:8080'], true],
      ['http://10.0.0.1', ['*'], true],
      ['http://10.0.0.1', [' ', ''], false],
    ];
    for (const [url, entries, expected] of cases)
      assert.equal(bypasses(u(url), entries), expected, `${url} ${entries}`);
  });

  it('picks the variable for the scheme, takes a bare host:port as http://, hides credentials', () => {
    assert.equal(proxyFor(u('https://a.example'), {}, { HTTP_PROXY: 'http://p:1' }), undefined);
    assert.deepEqual(proxyFor(u('https://a.example'), {}, { HTTPS_PROXY: 'proxy.corp:3128' }), {
      href: 'http://proxy.corp:3128/',
      url: 'http://proxy.corp:3128',
      from: 'HTTPS_PROXY',
    });
    const p = proxyFor(u('http://a.example'), { proxy: 'http://me:secret@proxy.corp:8080' }, {});
    assert.equal(p?.url, 'http://proxy.corp:8080');
    assert.equal(p?.from, 'http.proxy');
  });
});
