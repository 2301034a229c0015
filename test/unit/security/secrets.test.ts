// The token never leaves in anything but the request that authenticates: not in error
// messages, stacks or fields (even when a server echoes it back, raw or URL-encoded), not in
// the request log entries, not in results. Beacon's userkey, which travels in URLs and forms,
// is the hard case.
import * as assert from 'node:assert/strict';
import type { AuthStyle } from '../../../src/client/config';
import { HttpClient, RequestLogEntry } from '../../../src/client/http';
import { connect } from '../../../src/client/registry';
import type { DialectKind } from '../../../src/client/model';
import { RecordedRequest, RecordingServer, ScriptedResponse, startRecordingServer } from '../support/recordingServer';
import { assertNoSecret, rejection } from './support';

// Characters that URL and form encodings treat differently (space, +, /, =, &, !, *, ', ( ), ~).
const TOKENS = ['plain-T0ken-7c1f0a', "we!rd t*ken+/=&'(x)~9"];

/** Everything a server could echo: the token itself, and the URL and body that carried it. */
function echoes(r: RecordedRequest, token: string): string[] {
  const q = r.query.toString();
  return [
    token,
    `invalid key ${encodeURIComponent(token)}`,
    `bad request ${r.path}?${q}`,
    `body was ${r.body}`,
    `header ${String(r.headers.authorization ?? r.headers['x-authentication'] ?? '')}`,
  ];
}

function answers(r: RecordedRequest, token: string): ScriptedResponse[] {
  const out: ScriptedResponse[] = [];
  for (const text of echoes(r, token)) {
    out.push({ status: 401, body: { msg: text, kind: text } });
    out.push({ status: 400, body: { error: { message: text } } });
    out.push({ status: 500, body: { errors: [text, { detail: text }] } });
    out.push({ status: 403, body: text });
    out.push({ status: 502, headers: { 'Content-Type': 'text/html' }, body: `<html><title>${text}</title></html>` });
    out.push({ status: 200, body: `{"truncated": "${text}` });
    out.push({ status: 429, headers: { 'Retry-After': '3600' }, body: { message: text } });
  }
  return out;
}

describe('security: the token stays out of errors, logs and results', () => {
  let server: RecordingServer;
  beforeEach(async () => {
    server = await startRecordingServer();
  });
  afterEach(() => server.close());

  for (const auth of ['bearer', 'x-authentication', 'userkey'] as AuthStyle[]) {
    for (const token of TOKENS) {
      it(`${auth}, token ${JSON.stringify(token)}: a server echoing it in any error shape does not put it in the JobdeckError or the log`, async () => {
        const logged: RequestLogEntry[] = [];
        const http = new HttpClient({
          connection: { name: 'c', kind: 'beacon', url: server.url },
          auth,
          token: async () => token,
          maxRetries: 0,
          maxRetryAfterMs: 10,
          log: (e) => logged.push(e),
        });
        let i = 0;
        let total = 0;
        server.respond((r) => {
          const all = answers(r, token);
          total = all.length;
          return all[i % all.length];
        });
        // One round for GET (userkey in the query) and one for POST (userkey in the form).
        for (const method of ['GET', 'POST'] as const) {
          do {
            const e = await rejection(
              http.request({
                method,
                path: '/api/jobs',
                query: { action: 'list' },
                form: method === 'POST' ? { name: 'x' } : undefined,
                operation: 'list jobs',
              }),
              [token],
            );
            assert.ok(e.code !== 'untrusted');
            i++;
          } while (i % total !== 0);
        }
        assert.ok(i >= 70, `${i} error answers tried`);
        assert.ok(logged.length >= i);
        assertNoSecret(logged, [token], 'request log');
        // The server did get it, where the auth style puts it.
        const r = server.requests[0];
        const sent =
          auth === 'bearer'
            ? r.headers.authorization
            : auth === 'x-authentication'
              ? r.headers['x-authentication']
              : r.query.get('userkey');
        assert.equal(sent, auth === 'bearer' ? `Bearer ${token}` : token);
      });
    }
  }

  it('network failures and timeouts of a beacon GET (userkey in the URL) do not carry the token', async () => {
    const token = TOKENS[1];
    const dead = await startRecordingServer();
    const url = dead.url;
    await dead.close();
    const logged: RequestLogEntry[] = [];
    const refused = new HttpClient({
      connection: { name: 'b', kind: 'beacon', url },
      auth: 'userkey',
      token: async () => token,
      maxRetries: 1,
      retryBaseMs: 1,
      log: (e) => logged.push(e),
    });
    assert.equal(
      (
        await rejection(
          refused.request({ method: 'GET', path: '/api/jobs', query: { action: 'list' }, operation: 'list jobs' }),
          [token],
        )
      ).code,
      'network',
    );
    server.respond(() => ({ drop: true }));
    const dropped = new HttpClient({
      connection: { name: 'b', kind: 'beacon', url: server.url },
      auth: 'userkey',
      token: async () => token,
      maxRetries: 0,
      log: (e) => logged.push(e),
    });
    assert.equal(
      (await rejection(dropped.request({ method: 'GET', path: '/api/jobs', operation: 'list jobs' }), [token])).code,
      'network',
    );
    server.respond(() => ({ delayMs: 300, body: [] }));
    const slow = new HttpClient({
      connection: { name: 'b', kind: 'beacon', url: server.url },
      auth: 'userkey',
      token: async () => token,
      maxRetries: 0,
      timeoutMs: 50,
      log: (e) => logged.push(e),
    });
    assert.equal(
      (await rejection(slow.request({ method: 'GET', path: '/api/jobs', operation: 'list jobs' }), [token])).code,
      'timeout',
    );
    assertNoSecret(logged, [token], 'request log');
    assert.ok(
      logged.every((e) => !e.path.includes('?')),
      'log paths have no query string',
    );
  });

  const kinds: DialectKind[] = ['cnaas-nms', 'cdrouter', 'puppet-orchestrator', 'stack-jobs', 'beacon'];
  for (const kind of kinds) {
    it(`${kind}: every adapter call that fails on an echoing server rejects without the token`, async () => {
      const token = TOKENS[1];
      let i = 0;
      server.respond((r) => {
        const all = answers(r, token);
        return all[i++ % all.length];
      });
      const { adapter } = connect(
        { name: 'k', kind, url: server.url },
        { token: async () => token, maxRetries: 0, maxRetryAfterMs: 10 },
      );
      for (let n = 0; n < 35; n++) {
        await rejection(adapter.listJobs({ pageSize: 5 }), [token]);
        await rejection(adapter.getJob('1'), [token]);
      }
    });
  }

  it('cnaas-nms: a 200 answer {status: "error", message} echoing the token is redacted like any error (get and list)', async () => {
    const token = TOKENS[0];
    const { adapter } = connect(
      { name: 'nms', kind: 'cnaas-nms', url: server.url },
      { token: async () => token, maxRetries: 0 },
    );
    for (const message of [`token ${token} is not valid here`, `key=${encodeURIComponent(TOKENS[0])}`]) {
      server.respond(() => ({ status: 200, body: { status: 'error', message } }));
      const list = await rejection(adapter.listJobs({ pageSize: 5 }), [token]);
      assert.equal(list.code, 'server');
      assert.match(list.serverMessage ?? '', /\*\*\*/, 'the token is replaced, the rest kept');
      server.respond(() => ({ status: 200, body: { status: 'error', data: message } }));
      await rejection(adapter.getJob('5'), [token]);
    }
  });

  it('a token that a long server message puts across the clipping point is redacted before clipping: no piece of it is shown', async () => {
    const token = TOKENS[0];
    const http = new HttpClient({
      connection: { name: 'c', kind: 'cdrouter', url: server.url },
      auth: 'bearer',
      token: async () => token,
      maxRetries: 0,
    });
    const { adapter } = connect(
      { name: 'nms', kind: 'cnaas-nms', url: server.url },
      { token: async () => token, maxRetries: 0 },
    );
    // Messages are kept up to 500 characters and shown up to 300: put the token across both.
    for (const at of [290, 295, 299, 485, 490, 495, 499]) {
      const text = `${'x'.repeat(at)}${token} and more text after it`;
      for (const body of [{ error: text }, { msg: text, kind: text }, text]) {
        server.respond(() => ({ status: 400, body }));
        const e = await rejection(http.request({ method: 'GET', path: '/api/v1/jobs/', operation: 'list jobs' }), [
          token,
        ]);
        for (const shown of [e.message, e.serverMessage ?? '', e.serverKind ?? '', e.shortMessage])
          assert.ok(
            !shown.includes(token.slice(0, 6)),
            `a piece of the token at ${at}: …${shown.slice(at - 5, at + 12)}`,
          );
      }
      server.respond(() => ({ status: 200, body: { status: 'error', message: text } }));
      const e = await rejection(adapter.listJobs({ pageSize: 5 }), [token]);
      assert.ok(!`${e.message}${e.serverMessage}`.includes(token.slice(0, 6)), `cnaas: a piece of the token at ${at}`);
    }
  });
});
