// Fuzz of the two security boundaries that take free text: connection URLs (the token goes
// where a request URL points) and text shown on VS Code's surfaces (links and icons there run
// commands). URL shapes: slashes, dots, backslashes, tabs and newlines the parser drops,
// percent-encoding, userinfo, IDN and punycode hosts, ports, IPv4 and IPv6, other schemes.
// Text shapes: Markdown links (command:, http:, file:) with titles, nesting and escapes,
// $(icons), brackets split across pieces, controls and bidi characters.
//
// Properties: a connection URL is either refused, or every request built from it (any path
// an adapter or a redirect could give) goes to its origin, and the HttpClient sends nothing
// elsewhere; inert text and any concatenation of inert texts holds nothing VS Code's own
// parsers (linkedText, renderLabelWithIcons, copied below) read as a link or an icon, and
// reads the same; Markdown-escaped text forms no link, image, autolink or HTML.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { HttpClient } from '../../../src/client/http';
import { connectionUrlProblem, ForeignOriginError, requestUrl } from '../../../src/client/requestUrl';
import { inert, markdownText } from '../../../src/shared/inertText';
import { TOTAL_RUNS, SEED } from './config';
import { RecordingServer, startRecordingServer } from '../support/recordingServer';

/** VS Code's base/common/linkedText.ts LINK_REGEX: what notifications, dialogs and prompts turn into links. */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
/** VS Code's base/browser/ui/iconLabel/iconLabels.ts: what labels and the status bar turn into icons. */
const VSCODE_ICON = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;

function params(salt: string, numRuns = TOTAL_RUNS): fc.Parameters<unknown> {
  let h = SEED | 0;
  for (const ch of salt) h = (Math.imul(h ^ ch.charCodeAt(0), 0x5bd1e995) + 0x6b43a9b5) | 0;
  return { seed: h, numRuns, endOnFailure: true };
}

const scheme = fc.oneof(
  { arbitrary: fc.constantFrom('http', 'https', 'HTTPS', 'Http'), weight: 6 },
  { arbitrary: fc.constantFrom('ftp', 'file', 'javascript', 'ws', 'data', 'command', 'vscode'), weight: 1 },
);
const host = fc.oneof(
  fc.constantFrom(
    'prod.corp',
    'evil.example',
    '127.0.0.1',
    '[::1]',
    '[2001:db8::1]',
    '[::ffff:127.0.0.1]',
    'bücher.example',
    'xn--bcher-kva.example',
    'ПРИМЕР.рф',
    'a',
    'localhost',
    '0x7f.1',
    '2130706433',
    '%65vil.example',
    'prod.corp.',
    '',
  ),
  fc.stringMatching(/^[a-z0-9-]{1,12}(\.[a-z0-9-]{1,8}){0,2}$/),
);
const port = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 0, max: 70000 }).map((p) => `:${p}`),
  fc.constantFrom(':', ':080', ':443', ':65535'),
);
const userinfo = fc.constantFrom('', '', '', 'user@', 'user:pw@', ':@', 'prod.corp@', '%40@');
/** Path pieces that a parser could read as a host, a dot segment or nothing. */
const piece = fc.oneof(
  fc.stringMatching(/^[a-zA-Z0-9._~-]{0,8}$/),
  fc.constantFrom(
    '',
    '.',
    '..',
    '%2e',
    '%2E%2e',
    '%2f',
    '%2F%2F',
    '%5c',
    '\\',
    '\\\\',
    '/',
    '//',
    '\t',
    '\n',
    '\r',
    ' ',
    '@',
    '?',
    '#',
    'evil.example',
    '127.0.0.1:9',
    ';',
    '%00',
    '\u3000',
    '\uFF0F',
  ),
);
const separator = fc.oneof(
  { arbitrary: fc.constant('://'), weight: 8 },
  { arbitrary: fc.constantFrom(':/', ':', ':///', '://\\', ':\\\\'), weight: 1 },
);
/** Mostly ordinary path segments, with a few that a parser reads as something else. */
const urlPiece = fc.oneof(
  { arbitrary: fc.stringMatching(/^[a-zA-Z0-9._~-]{1,8}$/), weight: 4 },
  { arbitrary: piece, weight: 1 },
);
const connectionUrl = fc
  .tuple(
    scheme,
    separator,
    userinfo,
    host,
    port,
    fc.array(urlPiece, { maxLength: 4 }),
    fc.constantFrom('', '?x=1', '#f', '?a#b', '/'),
  )
  .map(([s, sep, u, h, p, parts, tail]) => `${s}${sep}${u}${h}${p}${parts.length ? '/' : ''}${parts.join('/')}${tail}`);
const requestPath = fc.oneof(
  fc.array(piece, { maxLength: 5 }).map((p) => `/${p.join('/')}`),
  fc.array(piece, { maxLength: 5 }).map((p) => p.join('/')),
  connectionUrl,
  fc.constantFrom(
    '//evil.example/x',
    '/\\evil.example/x',
    '\\\\evil.example',
    '/..//evil.example',
    '/./..//evil.example',
    '/%2F%2Fevil.example',
    'https://evil.example/x',
    '//[::1]:9/',
    '/api/v1/jobs/',
  ),
);

describe(`fuzz: connection URLs and request URLs (${TOTAL_RUNS} cases, seed ${SEED})`, function () {
  this.timeout(600_000);

  it('a connection URL is refused, or every request URL built from it keeps its origin', () => {
    let accepted = 0;
    let refusedRequests = 0;
    fc.assert(
      fc.property(connectionUrl, requestPath, (url, path) => {
        const problem = connectionUrlProblem(url);
        if (problem) {
          assert.equal(typeof problem, 'string');
          return;
        }
        accepted++;
        const base = new URL(url.trim());
        assert.ok(base.protocol === 'http:' || base.protocol === 'https:', url);
        assert.equal(base.username + base.password, '', `userinfo accepted: ${url}`);
        assert.ok(!base.pathname.includes('//'), `a // path accepted: ${url}`);
        let target: URL;
        try {
          target = requestUrl(base, path);
        } catch (e) {
          assert.ok(e instanceof ForeignOriginError, `${url} + ${path}: ${String(e)}`);
          refusedRequests++;
          return;
        }
        assert.equal(target.origin, base.origin, `${url} + ${path} went to ${target.href}`);
        // As axios will read it again.
        assert.equal(new URL(target.href).origin, base.origin);
      }),
      params('urls'),
    );
    assert.ok(accepted > TOTAL_RUNS / 50, `${accepted} accepted URLs: the generator reaches the interesting side`);
    assert.ok(refusedRequests > 0, 'some request paths were refused');
  });

  describe('through the HttpClient, at two loopback servers', () => {
    let home: RecordingServer;
    let elsewhere: RecordingServer;
    before(async () => {
      home = await startRecordingServer(() => ({ body: {} }));
      elsewhere = await startRecordingServer(() => ({ body: {} }));
    });
    after(async () => {
      await home.close();
      await elsewhere.close();
    });

    it('nothing reaches another origin, whatever the connection URL and path', async () => {
      const other = new URL(elsewhere.url).host;
      const homeUrl = fc
        .tuple(
          fc.array(fc.constantFrom('', '.', '..', '/', '//', '\\', '\t', other, `@${other}`, 'api', '%2f'), {
            maxLength: 5,
          }),
          fc.constantFrom('', '?q', '#h'),
        )
        .map(([parts, tail]) => `${home.url}/${parts.join('/')}${tail}`);
      const path = fc.oneof(
        requestPath,
        fc.constantFrom(`//${other}/x`, `/\\${other}/x`, `http://${other}/x`, `/..//${other}`),
      );
      await fc.assert(
        fc.asyncProperty(homeUrl, path, async (url, p) => {
          let client: HttpClient;
          try {
            client = new HttpClient({
              connection: { name: 'h', kind: 'cdrouter', url },
              auth: 'bearer',
              token: async (d) => (d === new URL(home.url).origin ? 'tok' : undefined),
              maxRetries: 0,
              timeoutMs: 2_000,
            });
          } catch {
            return; // refused up front
          }
          await client.request({ method: 'GET', path: p, operation: 'x' }).catch(() => undefined);
          assert.equal(elsewhere.requests.length, 0, `${url} + ${p} reached the other server`);
        }),
        params('http', Math.max(50, Math.floor(TOTAL_RUNS / 50))),
      );
    });
  });
});

const linkTarget = fc.constantFrom(
  'command:jobdeck.bulkDelete?%7B%22confirm%22%3Atrue%7D',
  'command:workbench.action.quit',
  'https://evil.example/x',
  'http://x',
  'file:///etc/passwd',
  'COMMAND:x',
);
const markdownPiece = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom(
    '[',
    ']',
    '(',
    ')',
    '](',
    '$(',
    '$',
    '\\',
    '\\]',
    '\\(',
    '"',
    "'",
    '`',
    '!',
    '<',
    '>',
    '*',
    '_',
    '\u2060',
    '\u202e',
    '\n',
    '\u0000',
    'alert',
    'sync~spin',
  ),
  fc
    .tuple(fc.string({ maxLength: 5 }), linkTarget, fc.constantFrom('', ' "t"', " 't'"))
    .map(([label, target, title]) => `[${label || 'x'}](${target}${title})`),
  fc.tuple(fc.constantFrom('![', '[!['), linkTarget).map(([open, t]) => `${open}img](${t})`),
  fc.stringMatching(/^[a-z-]{1,8}$/).map((name) => `$(${name})`),
);
const serverText = fc.array(markdownPiece, { maxLength: 8 }).map((p) => p.join(''));

function links(text: string): string[] {
  return [...text.matchAll(VSCODE_LINK)].map((m) => m[0]);
}
function icons(text: string): string[] {
  return [...text.matchAll(VSCODE_ICON)].filter((m) => !m[1]).map((m) => m[0]);
}

describe(`fuzz: server text on VS Code surfaces (${TOTAL_RUNS} cases, seed ${SEED})`, () => {
  it('inert text holds no link or icon VS Code would render, alone or put together with others and with our words, and reads the same', () => {
    let hostile = 0;
    fc.assert(
      fc.property(
        fc.array(serverText, { minLength: 1, maxLength: 4 }),
        fc.array(fc.constantFrom('', ' ', ' on ', ': ', ' (', ') ', '[', ']', '$'), { minLength: 4, maxLength: 4 }),
        (texts, glue) => {
          if (texts.some((t) => links(t).length || icons(t).length)) hostile++;
          for (const t of texts) {
            const safe = inert(t);
            assert.deepEqual(links(safe), [], `a link in inert(${JSON.stringify(t)})`);
            assert.deepEqual(icons(safe), [], `an icon in inert(${JSON.stringify(t)})`);
            if (!t.includes('\u2060'))
              assert.equal(safe.replace(/\u2060/g, ''), t, 'inert changes nothing a reader sees');
          }
          // Our templates put inert pieces between our own words (no link or icon syntax of ours
          // straddles a piece: ours never end in "[" or "$" right before a piece).
          const joined = texts
            .map((t, i) => `${i && /[[$]$/.test(glue[i - 1]) ? '' : (glue[i - 1] ?? '')}${inert(t)}`)
            .join('');
          assert.deepEqual(links(joined), [], `a link across pieces: ${JSON.stringify(texts)}`);
          assert.deepEqual(icons(joined), [], `an icon across pieces: ${JSON.stringify(texts)}`);
        },
      ),
      params('inert'),
    );
    assert.ok(hostile > TOTAL_RUNS / 10, `${hostile} cases carried a link or an icon`);
  });

  it('Markdown-escaped text forms no link, image, autolink, HTML or code', () => {
    fc.assert(
      fc.property(serverText, (t) => {
        const md = markdownText(t);
        // Every Markdown-significant character is preceded by a backslash (which is itself escaped).
        const unescaped = md.replace(/\\[\\`*_{}[\]()#+.!|<>~$&:-]/g, '').match(/[\\`*_{}[\]()#+!|<>~$&:]/);
        assert.equal(unescaped, null, `${JSON.stringify(t)} → ${JSON.stringify(md)}`);
        assert.doesNotMatch(md, /^-/, 'no list item');
        // eslint-disable-next-line no-control-regex -- a NUL is one of the controls checked for
        assert.doesNotMatch(md, /[\n\r\u0000\u202e]/, 'one line, no controls');
      }),
      params('markdown'),
    );
  });
});
