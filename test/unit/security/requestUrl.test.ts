// A connection URL whose path names another host (`https://prod.corp//evil.example`, `/.//`,
// a backslash, a tab the parser drops) kept the token binding of its first host while every
// request went to the second. Proven at two loopback servers: the URL is refused with a
// message naming the connection and the setting, and the other host hears nothing; every URL
// a request is built from keeps the connection's origin, whatever path it is joined with.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { HttpClient } from '../../../src/client/http';
import { connect } from '../../../src/client/registry';
import {
  assertSameOrigin,
  connectionBase,
  connectionUrlProblem,
  requestUrl,
  ForeignOriginError,
} from '../../../src/client/requestUrl';
import { JobdeckError } from '../../../src/client/errors';
import { DIALECT_KINDS } from '../../../src/client/registry';
import { RecordingServer, startRecordingServer } from '../support/recordingServer';

const TOKEN = 'path-T0ken-77c1a9';

describe('security: the request URL keeps the connection origin', () => {
  let home: RecordingServer;
  let elsewhere: RecordingServer;
  beforeEach(async () => {
    home = await startRecordingServer(() => ({ body: { data: [], links: { total: 0, next: 0 } } }));
    elsewhere = await startRecordingServer(() => ({ body: { data: [], links: { total: 0, next: 0 } } }));
  });
  afterEach(async () => {
    await home.close();
    await elsewhere.close();
  });

  /** Connection URLs that keep home's origin as a string but point requests at `elsewhere`. */
  function repointing(): string[] {
    const other = new URL(elsewhere.url).host;
    return [
      `${home.url}//${other}`,
      `${home.url}//${other}/`,
      `${home.url}/.//${other}`,
      `${home.url}/././/${other}/api`,
      `${home.url}\\\\${other}`,
      `${home.url}/\\${other}`,
      `${home.url}/\t/${other}`,
      `${home.url}/\n/${other}`,
    ];
  }

  it('refuses every connection URL that re-points its path, for every dialect, and nothing reaches either server', async () => {
    for (const url of repointing()) {
      for (const kind of DIALECT_KINDS) {
        let refused: unknown;
        try {
          const { adapter } = connect({ name: 'prod', kind, url }, { token: async () => TOKEN, maxRetries: 0 });
          await adapter.listJobs({ pageSize: 5 });
        } catch (e) {
          refused = e;
        }
        assert.ok(refused instanceof JobdeckError, `${JSON.stringify(url)} (${kind}) was used`);
        assert.equal(refused.code, 'invalid');
        assert.match(
          refused.message,
          /^prod: connect failed: invalid input — its url in jobdeck\.connections (has "\/\/" in its path|contains a backslash|contains spaces or control characters)/,
          refused.message,
        );
      }
    }
    assert.equal(elsewhere.requests.length, 0, 'the other host heard nothing');
    assert.equal(home.requests.length, 0);
  });

  it('names the problem of each refused URL shape', () => {
    const cases: [string, RegExp][] = [
      ['https://prod.corp//evil.example', /"\/\/" in its path/],
      ['https://prod.corp/.//evil.example', /"\/\/" in its path/],
      ['https://prod.corp/api//x', /"\/\/" in its path/],
      ['https://prod.corp\\evil.example', /backslash/],
      ['https://prod.corp/a\\b', /backslash/],
      ['https://user:pw@prod.corp', /user name or password/],
      ['https://user@prod.corp/', /user name or password/],
      ['https://prod.corp@evil.example/', /user name or password/],
      ['ftp://prod.corp/', /http:\/\/ or https:\/\//],
      ['javascript:alert(1)', /http:\/\/ or https:\/\//],
      ['file:///etc/passwd', /http:\/\/ or https:\/\//],
      ['http:/prod.corp', /http:\/\/ or https:\/\//],
      ['http:prod.corp', /http:\/\/ or https:\/\//],
      ['//prod.corp', /http:\/\/ or https:\/\//],
      ['9https://prod.corp', /http:\/\/ or https:\/\//],
      // The scheme is read at the very start, not wherever a word and a colon appear.
      ['12345//http://prod.corp', /http:\/\/ or https:\/\//],
      ['https://', /no host/],
      ['https://prod.corp/\t/evil', /control characters/],
      ['https://prod .corp/', /spaces/],
    ];
    for (const [url, re] of cases) assert.match(connectionUrlProblem(url) ?? 'accepted', re, url);
    for (const url of [
      'https://prod.corp',
      'https://prod.corp/',
      'https://prod.corp:8443/prefix/',
      'http://[::1]:8080/api/',
      'https://bücher.example/',
      'https://xn--bcher-kva.example',
      'http://127.0.0.1:9',
      'https://prod.corp/a/b?x=1#y',
      '  https://prod.corp/  ',
    ]) {
      assert.equal(connectionUrlProblem(url), undefined, url);
    }
  });

  it('reads the typed text, not only the parsed URL: what parsing would hide is refused', () => {
    const cases: [string, RegExp][] = [
      // Parsing drops an empty user name and resolves `//..` away: the typed text still had them.
      ['https://@prod.corp/', /user name or password/],
      ['https://prod.corp/a//..', /"\/\/" in its path/],
      ['https://prod.corp/a//..?x=1', /"\/\/" in its path/],
      // Parsing skips the extra slashes of `https:///host` and finds a host; typed, it has none.
      ['https:///evil.example', /no host/],
      ['https://?x=1', /no host/],
    ];
    for (const [url, re] of cases) assert.match(connectionUrlProblem(url) ?? 'accepted', re, url);
    // The authority ends at the first of `/`, `?`, `#`; the path at the first of `?`, `#`.
    for (const url of [
      'https://prod.corp/users/@me?x=1',
      'https://prod.corp/a@b#c',
      'https://prod.corp/a?next=//b',
      'https://prod.corp/a#//b',
      'https://prod.corp?x=//y',
    ])
      assert.equal(connectionUrlProblem(url), undefined, url);
  });

  it('a connection base keeps no query or fragment; a refused URL gives its problem', () => {
    // Pasted from a web page: no-break spaces around it (which URL parsing alone would refuse).
    const base = connectionBase('\u00a0https://prod.corp/api?x=1#frag\u00a0 ');
    assert.ok(base instanceof URL);
    assert.equal(base.href, 'https://prod.corp/api');
    assert.deepEqual(connectionBase('https://prod.corp//evil'), { problem: 'has "//" in its path' });
  });

  it('joins a path below the connection URL, and names what it refuses', () => {
    const base = new URL('https://prod.corp/prefix');
    assert.equal(requestUrl(base, 'api/jobs').href, 'https://prod.corp/prefix/api/jobs', 'a path without its slash');
    assert.equal(requestUrl(base, '/api/jobs?x=1').href, 'https://prod.corp/prefix/api/jobs?x=1');
    assert.equal(requestUrl(new URL('https://prod.corp/prefix//'), '/api').href, 'https://prod.corp/prefix/api');
    assert.equal(requestUrl(base, 'https://prod.corp/other').href, 'https://prod.corp/other');
    // Under a path prefix `//host` and `\host` would join to `/prefix//host` on the same origin:
    // refused all the same (a path of our own never looks like that).
    const long = `//evil.example/${'x'.repeat(100)}`;
    const refusals: [string, string][] = [
      [long, `would go to a path that names a host (${long.slice(0, 80)})`],
      ['/\\evil.example/x', 'would go to a path that names a host (/\\evil.example/x)'],
      ['https://evil.example/x', 'would go to https://evil.example'],
      ['http://prod.corp/x', 'would go to http://prod.corp'],
      ['http://[::1', 'would go to an address that is not a URL'],
    ];
    for (const [path, message] of refusals)
      assert.throws(
        () => requestUrl(base, path),
        (e: unknown) => e instanceof ForeignOriginError && e.message === message,
        path,
      );
  });

  it('the last check before sending: the text handed to the HTTP library keeps the origin', () => {
    const base = new URL('https://prod.corp/prefix');
    assertSameOrigin(base, 'https://prod.corp:443/elsewhere?x=1');
    assertSameOrigin(base, new URL('https://prod.corp/x'));
    const refused: [string, string][] = [
      ['https://prod.corp.evil.example/x', 'https://prod.corp.evil.example'],
      ['https://prod.corp:8443/x', 'https://prod.corp:8443'],
      ['not a url', 'an address that is not a URL'],
    ];
    for (const [href, target] of refused)
      assert.throws(
        () => assertSameOrigin(base, href),
        (e: unknown) => e instanceof ForeignOriginError && e.target === target && e.message === `would go to ${target}`,
        href,
      );
  });

  it('a request path that names a host, or an absolute URL elsewhere, is refused before the token is asked for', async () => {
    const asked: string[] = [];
    const http = new HttpClient({
      connection: { name: 'home', kind: 'cdrouter', url: home.url },
      auth: 'bearer',
      token: async (d) => (asked.push(d), TOKEN),
      maxRetries: 0,
    });
    const other = new URL(elsewhere.url).host;
    for (const path of [`//${other}/api`, `/\\${other}/api`, `\\\\${other}/api`, `${elsewhere.url}/api`]) {
      await assert.rejects(
        http.request({ method: 'GET', path, operation: 'list jobs' }),
        (e: JobdeckError) => e.code === 'untrusted' && /not this connection's server/.test(e.message),
      );
    }
    assert.deepEqual(asked, []);
    assert.equal(elsewhere.requests.length, 0);
    await http.request({ method: 'GET', path: '/api/v1/jobs/', operation: 'list jobs' });
    assert.deepEqual(asked, [new URL(home.url).origin], 'the token is asked for the origin the request goes to');
  });

  it('property: any accepted connection URL joined with any path stays on its origin, or is refused', () => {
    const segment = fc.stringMatching(/^[a-zA-Z0-9._~%@:!$&'()*+,;=\\/ -]{0,12}$/);
    const host = fc.constantFrom('prod.corp', '127.0.0.1', '[::1]', 'bücher.example', 'xn--bcher-kva.example', 'a.b.c');
    const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
    const base = fc
      .tuple(fc.constantFrom('http', 'https', 'HTTPS'), host, port, fc.array(segment, { maxLength: 3 }))
      .map(([s, h, p, parts]) => `${s}://${h}${p ? `:${p}` : ''}/${parts.join('/')}`);
    const path = fc.oneof(
      fc.array(segment, { maxLength: 4 }).map((p) => `/${p.join('/')}`),
      segment,
      fc.constantFrom('//evil.example/x', '/\\evil.example', '/..//evil', '/%2F%2Fevil.example', '/./../../x'),
    );
    fc.assert(
      fc.property(base, path, (b, p) => {
        if (connectionUrlProblem(b)) return;
        const root = new URL(b);
        try {
          assert.equal(requestUrl(root, p).origin, root.origin);
        } catch (e) {
          assert.ok(e instanceof ForeignOriginError, String(e));
        }
      }),
      { numRuns: Number(process.env.JOBDECK_FUZZ_RUNS ?? 2000) },
    );
  });
});
