// Fuzz through the adapters' public methods against a real loopback server: every answer is
// a mutated seed payload, a truncated or HTML body, an error status (with odd Retry-After), a
// body nested deeper than any parser should recurse, a redirect, or a dropped connection.
// Each call must resolve to well-formed model objects or reject with a JobdeckError that
// does not carry the token; writes must never be re-sent silently, never be reported done
// when the server did not say so, and nothing may reach another origin.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { connect } from '../../../src/client/registry';
import { MAX_JSON_DEPTH } from '../../../src/client/http';
import { ADAPTER_RUNS_PER_DIALECT, KINDS, params, SEED, TOTAL_RUNS } from './config';
import { checkError } from './invariants';
import { applyEdits, Edit, editArb } from './mutate';
import { casesFor, Route } from './adapterCases';
import { RecordedRequest, RecordingServer, ScriptedResponse, startRecordingServer } from '../support/recordingServer';

const TOKEN = 'fuzz-5ecret-T0ken-9f3b';
/** Hostile payload URLs name this host; the responder points them at a second loopback server. */
const EVIL = 'https://evil.example';
const PREFIX = '/srv';

type AnswerKind = 'json' | 'seed' | 'truncated' | 'html' | 'text' | 'deep' | 'empty' | 'status' | 'redirect' | 'drop';

interface Answer {
  kind: AnswerKind;
  seed: number;
  edits: Edit[];
  status: number;
  cut: number;
  retryAfter: string | undefined;
  deep: number;
  html200: boolean;
}

const answerArb: fc.Arbitrary<Answer> = fc.record({
  kind: fc.constantFrom<AnswerKind>(
    'json',
    'json',
    'json',
    'json',
    'json',
    'seed',
    'seed',
    'truncated',
    'html',
    'text',
    'deep',
    'empty',
    'status',
    'status',
    'redirect',
    'drop',
  ),
  seed: fc.nat(),
  edits: fc.array(editArb(false), { maxLength: 4 }),
  status: fc.constantFrom(301, 304, 400, 401, 403, 404, 405, 409, 418, 422, 429, 429, 500, 502, 503, 503, 504),
  cut: fc.double({ min: 0, max: 1, noNaN: true }),
  retryAfter: fc.constantFrom(
    undefined,
    '0',
    '0.01',
    '1',
    '86400',
    'soon',
    '-5',
    'Wed, 21 Oct 2015 07:28:00 GMT',
    'Fri, 31 Dec 9999 23:59:59 GMT',
  ),
  deep: fc.constantFrom(MAX_JSON_DEPTH + 1, 5_000, 200_000),
  html200: fc.boolean(),
});

interface Outcome {
  request: RecordedRequest;
  answer: ScriptedResponse;
}

function isOk(o: Outcome): boolean {
  const s = o.answer.status ?? 200;
  return !o.answer.drop && s >= 200 && s < 300;
}

describe(`fuzz: adapters over HTTP (${ADAPTER_RUNS_PER_DIALECT} calls per dialect, seed ${SEED})`, () => {
  let server: RecordingServer;
  let elsewhere: RecordingServer;
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);

  before(async () => {
    server = await startRecordingServer();
    elsewhere = await startRecordingServer(() => ({ status: 200, body: { stolen: true } }));
    process.on('unhandledRejection', onUnhandled);
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await server.close();
    await elsewhere.close();
  });

  for (const kind of KINDS) {
    it(`${kind}: public methods resolve to model objects or reject with a JobdeckError`, async function () {
      this.timeout(60_000 + ADAPTER_RUNS_PER_DIALECT * 250);
      const { routes, calls } = casesFor(kind);
      const { adapter } = connect(
        { name: 'fuzz', kind, url: `${server.url}${PREFIX}` },
        {
          token: async () => TOKEN,
          maxRetries: 2,
          retryBaseMs: 1,
          maxRetryAfterMs: 20,
          timeoutMs: 5_000,
          concurrency: 4,
        },
      );
      const stats = new Map<string, { ok: number; rejected: number }>(
        calls.map((c) => [c.name, { ok: 0, rejected: 0 }]),
      );
      /** Cases where a PUT or DELETE went out more than once (each after a 429 or redirect). */
      const resent: Record<string, number> = { POST: 0, PUT: 0, DELETE: 0 };
      let requests = 0;

      const property = fc.asyncProperty(
        fc.nat({ max: calls.length - 1 }),
        fc.array(answerArb, { minLength: 1, maxLength: 4 }),
        async (which, answers) => {
          const call = calls[which];
          const outcomes: Outcome[] = [];
          server.requests.length = 0;
          server.respond((req) => {
            const answer = respond(req, routes, answers[outcomes.length % answers.length], elsewhere.url, server.url);
            outcomes.push({ request: req, answer });
            return answer;
          });
          let result: unknown;
          let failed: unknown;
          try {
            result = await call.run(adapter);
          } catch (e) {
            failed = e;
          }
          requests += outcomes.length;
          const s = stats.get(call.name)!;
          if (failed !== undefined) {
            s.rejected++;
            checkError(failed, [TOKEN]);
          } else {
            s.ok++;
            call.check(result);
            assert.ok(!(JSON.stringify(result) ?? '').includes(TOKEN), 'the token is in a result');
          }
          if (call.write) {
            const writes = outcomes.filter((o) => o.request.method === call.writeMethod);
            // Done only when the server said so.
            if (failed === undefined) {
              if (call.done)
                call.done(
                  result,
                  writes.filter(isOk).map((o) => o.request.path),
                );
              else
                assert.ok(writes.some(isOk), `${call.name} reported done, but no ${call.writeMethod} was answered 2xx`);
            }
            // A write (POST, PUT or DELETE alike: an idempotent verb is still not re-sent, a lost
            // answer to a DELETE would read as a 404) goes out again only after an answer that says
            // it was not taken: 429. A redirect is not followed for a write.
            {
              const notTaken = writes.filter((o) => o.answer.status === 429).length;
              const perTarget = new Map<string, number>();
              for (const w of writes) perTarget.set(w.request.path, (perTarget.get(w.request.path) ?? 0) + 1);
              for (const [p, n] of perTarget)
                assert.ok(
                  n <= 1 + notTaken,
                  `${call.name}: ${call.writeMethod} ${p} sent ${n} times (${notTaken} answered 429): a write was retried`,
                );
              if (call.writeMethod !== 'POST')
                resent[call.writeMethod ?? 'POST'] += writes.length > perTarget.size ? 1 : 0;
            }
          }
          assert.equal(
            elsewhere.requests.length,
            0,
            `a request went to another origin: ${elsewhere.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`,
          );
        },
      );

      await fc.assert(property, params(kind, 'adapter', ADAPTER_RUNS_PER_DIALECT));
      assert.deepEqual(unhandled.map(String), [], 'unhandled rejections');
      const summary = [...stats].map(([n, s]) => `${n} ${s.ok}/${s.rejected}`).join(', ');
      if (process.env.JOBDECK_FUZZ_VERBOSE || TOTAL_RUNS >= 10_000)
        console.log(
          `    ${kind}: ${requests} requests; resolved/rejected: ${summary}; PUT/DELETE sent again after 429: ${resent.PUT}/${resent.DELETE}`,
        );
      // Both outcomes must be reached, or the fuzz is not testing much.
      const totals = [...stats.values()].reduce((a, s) => ({ ok: a.ok + s.ok, rejected: a.rejected + s.rejected }), {
        ok: 0,
        rejected: 0,
      });
      if (ADAPTER_RUNS_PER_DIALECT >= 40) {
        assert.ok(totals.ok > 0, `${kind}: no call ever resolved`);
        assert.ok(totals.rejected > 0, `${kind}: no call ever rejected`);
      }
    });
  }
});

function respond(
  req: RecordedRequest,
  routes: Route[],
  a: Answer,
  elsewhereUrl: string,
  selfUrl: string,
): ScriptedResponse {
  const below = req.path.startsWith(PREFIX) ? req.path.slice(PREFIX.length) : req.path;
  const query = req.query.toString();
  const target = `${below}?${query}`;
  const route = routes.find((r) => r.method === req.method && r.path.test(target));
  const seed = route ? route.seeds[a.seed % route.seeds.length] : {};
  const json = (v: unknown) => (v === undefined ? '' : JSON.stringify(v).split(EVIL).join(elsewhereUrl));
  const headers = { 'Content-Type': 'application/json' };
  switch (a.kind) {
    case 'seed':
      return { status: 200, headers, body: json(seed) };
    case 'json':
      return { status: 200, headers, body: json(applyEdits(seed, a.edits)) };
    case 'truncated': {
      const text = json(applyEdits(seed, a.edits));
      return { status: 200, headers, body: text.slice(0, Math.floor(text.length * a.cut)) };
    }
    case 'html':
      return {
        status: a.html200 ? 200 : 502,
        headers: { 'Content-Type': 'text/html' },
        body: `<!DOCTYPE html><html><head><title>Sign in <script>alert(1)</script></title></head><body><h1>${TOKEN_FREE_HTML}</h1></body></html>`,
      };
    case 'text':
      return {
        status: 200,
        headers: { 'Content-Type': 'text/plain' },
        body: `\u0000\u001b[31mnot json ${'\u202e'.repeat(5)}`,
      };
    case 'deep': {
      // A value nested `deep` levels, somewhere inside an otherwise valid payload (or as all of it).
      const marker = '\u0001DEEP\u0001';
      const placed = applyEdits(seed, [
        {
          at: a.seed,
          kind: 'replace',
          key: '',
          text: '',
          times: 2,
          value: { make: () => marker, toString: () => 'deep' },
        },
      ]);
      const deepText = `${'['.repeat(a.deep)}${']'.repeat(a.deep)}`;
      return { status: 200, headers, body: json(placed).replace(JSON.stringify(marker), deepText) };
    }
    case 'empty':
      return { status: a.html200 ? 200 : 204, headers, body: '' };
    case 'status': {
      const h: Record<string, string> = { ...headers };
      if (a.retryAfter !== undefined) h['Retry-After'] = a.retryAfter;
      return {
        status: a.status,
        headers: h,
        body: json(a.edits.length ? applyEdits(seed, a.edits) : { error: `status ${a.status}`, msg: 'no' }),
      };
    }
    case 'redirect':
      // To another origin (must be refused), or to the same place (must end, not loop).
      return {
        status: a.html200 ? 302 : 307,
        headers: { Location: a.html200 ? `${elsewhereUrl}${req.path}` : `${selfUrl}${req.path}?${query}` },
        body: '',
      };
    case 'drop':
      return { drop: true };
  }
}

const TOKEN_FREE_HTML = '502 Bad Gateway <img src=x onerror=alert(1)>';
