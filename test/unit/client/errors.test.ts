// What a user reads when something fails: the sentence per kind of error, what the server said,
// the hint under it, and never the token in any form a server may echo it (as is, URL-encoded,
// form-encoded), whatever field carries it. Pinned as users and servers see it.
import * as assert from 'node:assert/strict';
import { clip, JobdeckError, redact, shapeError, type ErrorCode } from '../../../src/client/errors';

const SENTENCE: Record<ErrorCode, [string, string]> = {
  auth: ['not authorized (token missing or rejected)', 'Set a valid token for this connection.'],
  forbidden: ['forbidden (the token lacks permission)', 'Set a valid token for this connection.'],
  notFound: ['not found', "Check the connection's URL and kind."],
  rateLimited: ['rate limited by the server', 'Try again later.'],
  server: ['server error', 'Try again later.'],
  client: ['request rejected', 'Check the values you entered.'],
  badResponse: ['unexpected response', "Check the connection's URL and kind."],
  network: ['cannot reach the server', "Check the connection's URL and kind."],
  timeout: ['timed out', 'Try again later.'],
  tls: ['TLS error', "Check the server's certificate, or the connection's caFile."],
  cancelled: ['cancelled', ''],
  unsupported: ['not supported by this server type', ''],
  invalid: ['invalid input', 'Check the values you entered.'],
  untrusted: ['refused', ''],
};

describe('JobdeckError: what the user reads', () => {
  it('says what failed, per kind, with the hint for it', () => {
    for (const [code, [what, hint]] of Object.entries(SENTENCE) as [ErrorCode, [string, string]][]) {
      const e = new JobdeckError({ code, connection: 'lab', operation: 'list jobs' });
      assert.equal(e.message, `lab: list jobs failed: ${what}`, code);
      assert.equal(e.shortMessage, `list jobs failed: ${what}`, code);
      assert.equal(e.hintText, hint, code);
      assert.equal(e.name, 'JobdeckError');
      assert.ok(e instanceof Error);
    }
  });

  it('joins the message and the hint as two sentences', () => {
    const auth = new JobdeckError({
      code: 'auth',
      connection: 'lab',
      operation: 'list jobs',
      serverMessage: 'authentication required',
    });
    assert.equal(
      auth.withHint(),
      'lab: list jobs failed: not authorized (token missing or rejected) — authentication required. Set a valid token for this connection.',
    );
    assert.equal(
      auth.withHint('Ends well.'),
      'Ends well. Set a valid token for this connection.',
      'no second full stop',
    );
    const cancelled = new JobdeckError({ code: 'cancelled', connection: 'lab', operation: 'list jobs' });
    assert.equal(cancelled.withHint(), cancelled.message, 'no hint, nothing added');
  });

  it('adds the HTTP status, what the server said (kind: message) and the detail, in that order', () => {
    const e = new JobdeckError({
      code: 'server',
      connection: 'pe',
      operation: 'stop job',
      status: 503,
      serverKind: 'puppetlabs.orchestrator/busy',
      serverMessage: 'try later',
      detail: 'retry after 2 s',
      retryAfterMs: 2000,
    });
    assert.equal(
      e.message,
      'pe: stop job failed: server error (HTTP 503) — puppetlabs.orchestrator/busy: try later — retry after 2 s',
    );
    assert.equal(e.status, 503);
    assert.equal(e.retryAfterMs, 2000);
    // Only what was said: a blank kind or message adds nothing.
    const blank = new JobdeckError({
      code: 'client',
      connection: 'c',
      operation: 'x',
      serverKind: ' ',
      serverMessage: 'no',
    });
    assert.equal(blank.message, 'c: x failed: request rejected — no');
    const none = new JobdeckError({
      code: 'client',
      connection: 'c',
      operation: 'x',
      serverKind: '',
      serverMessage: '  ',
    });
    assert.equal(none.message, 'c: x failed: request rejected');
  });

  it('keeps the token out of every text it is given, in each form a server echoes it', () => {
    const token = 'tok+en/with spaces&=';
    const forms = [token, encodeURIComponent(token), new URLSearchParams({ k: token }).toString().slice(2)];
    for (const form of forms) {
      const e = new JobdeckError({
        code: 'auth',
        connection: 'b',
        operation: 'list',
        serverMessage: `bad userkey ${form}`,
        serverKind: `kind ${form}`,
        detail: `GET /api/jobs?userkey=${form}`,
        field: `field ${form}`,
        secrets: [undefined, token],
      });
      for (const text of [e.message, e.serverMessage, e.serverKind, e.detail, e.field, e.stack ?? ''])
        assert.ok(!String(text).includes(form), `${form} in ${text}`);
      assert.equal(e.serverMessage, 'bad userkey ***');
      assert.equal(e.detail, 'GET /api/jobs?userkey=***');
      assert.equal(e.field, 'field ***');
      assert.equal((e as unknown as { secrets?: unknown }).secrets, undefined, 'the secrets are not kept');
    }
  });

  it('bounds what the server said at 500 characters, after redacting', () => {
    const token = 'abcdefgh';
    const e = new JobdeckError({
      code: 'server',
      connection: 'c',
      operation: 'x',
      serverMessage: `${'y'.repeat(496)}${token}tail`,
      secrets: [token],
    });
    assert.equal(e.serverMessage, `${'y'.repeat(496)}***`.slice(0, 499) + '…');
    assert.equal(e.serverMessage?.length, 500);
    // The detail is not clipped by the constructor (the message clips it at 300).
    const long = new JobdeckError({ code: 'server', connection: 'c', operation: 'x', detail: 'd'.repeat(400) });
    assert.equal(long.detail?.length, 400);
    assert.ok(long.message.endsWith(`${'d'.repeat(299)}…`));
    // Nor flattened: the log keeps its lines, the message has one.
    const lines = new JobdeckError({
      code: 'server',
      connection: 'c',
      operation: 'x',
      detail: 'one\ntwo',
      field: 'a\tb',
    });
    assert.equal(lines.detail, 'one\ntwo');
    assert.equal(lines.field, 'a\tb');
    assert.equal(lines.message, 'c: x failed: server error — one two');
  });

  it('names the field of a payload with the wrong shape', () => {
    const e = shapeError('lab', 'list jobs', 'data[0].id', 'a string');
    assert.equal(e.code, 'badResponse');
    assert.equal(e.field, 'data[0].id');
    assert.equal(e.message, 'lab: list jobs failed: unexpected response — field "data[0].id" is not a string');
  });
});

describe('redact and clip', () => {
  it('redacts every occurrence, leaves secrets under four characters (they would mangle text) and undefined alone', () => {
    assert.equal(redact('a s3cr3t b s3cr3t', ['s3cr3t']), 'a *** b ***');
    assert.equal(redact('key abc here', ['abc']), 'key abc here');
    assert.equal(redact('key abcd here', ['abcd']), 'key *** here');
    assert.equal(redact('nothing', [undefined, '']), 'nothing');
    assert.equal(redact('x=a%2Fb%3Dc', ['a/b=c']), 'x=***');
    assert.equal(redact('x=a+b', ['a b']), 'x=a+b', 'a secret with a space: its form-encoded shape is a+b');
    assert.equal(redact('x=a+bc', ['a bc']), 'x=***');
  });

  it('makes one bounded line: control and bidi characters become one space, an ellipsis marks a cut', () => {
    assert.equal(clip('  one\nline\r\n\ttwo  ', 100), 'one line two');
    assert.equal(clip('a\u202eb\u2066c\u200fd\u0085e', 100), 'a b c d e');
    assert.equal(clip('x'.repeat(10), 10), 'x'.repeat(10), 'exactly max is not cut');
    assert.equal(clip('x'.repeat(11), 10), `${'x'.repeat(9)}…`);
    assert.equal(clip(`${'\n'.repeat(50)}ok`, 10), 'ok', 'a run of controls is one space, trimmed');
    // Only a bounded head of a huge text is flattened, long enough to fill the line after a
    // run of blank lines (an HTML page's leading newlines).
    assert.equal(clip('x'.repeat(100_000), 10), `${'x'.repeat(9)}…`);
    assert.equal(clip(`${'\n'.repeat(30)}ok${'x'.repeat(200)}`, 10), `okxxxxxxx…`);
    assert.equal(clip(`${'\r\n'.repeat(40)}${'y'.repeat(400)}`, 300), `${'y'.repeat(299)}…`);
    assert.equal(clip(`${'\n'.repeat(100)}${'y'.repeat(1000)}`, 100), `${'y'.repeat(99)}…`);
    // The bound is real: a head of nothing but controls (8 × max + 64 of them) reads as empty,
    // however much text follows (flattening all of a 50 MB page for one line costs seconds).
    assert.equal(clip(`${'\n'.repeat(10 * 8 + 64)}tail`, 10), '');
  });
});
