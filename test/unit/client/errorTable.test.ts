// Issue 22's table: every fault a user can meet (401, 403, 404, 429, 5xx, an HTML page, bad
// JSON, a timeout, a TLS failure, a huge body, a cancel) through one read and one write of each
// dialect, against the jobs emulator's fault injection and a real TLS server on loopback. Each
// row checks the error kind and the hint the user is shown, that the token stays out of it,
// and that a write is sent once (never again on its own).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { HttpClient, type HttpClientOptions } from '../../../src/client/http';
import { type ErrorCode, type ErrorHint, JobdeckError } from '../../../src/client/errors';
import type { JobsAdapter } from '../../../src/client/adapter';
import type { DialectKind, Job } from '../../../src/client/model';
import { DIALECTS } from '../../../src/client/registry';
import { DEFAULT_READONLY_TOKEN, DEFAULT_TOKEN, type Emulator, type FaultSpec, start } from '../../emulator';
import { makeCertificate, startTlsServer, type TlsServer } from '../security/support';

type Fault = '401' | '403' | '404' | '429' | '5xx' | 'html' | 'malformed' | 'timeout' | 'tls' | 'huge' | 'cancel';

/** What the user sees for each fault: the error kind and the hint under it. */
const EXPECT: Record<Fault, { code: ErrorCode; hint: ErrorHint; message: RegExp }> = {
  '401': { code: 'auth', hint: 'setToken', message: /not authorized/ },
  '403': { code: 'forbidden', hint: 'setToken', message: /forbidden/ },
  '404': { code: 'notFound', hint: 'checkUrl', message: /not found/ },
  '429': { code: 'rateLimited', hint: 'retry', message: /rate limited/ },
  '5xx': { code: 'server', hint: 'retry', message: /server error \(HTTP 50[03]\)/ },
  html: { code: 'badResponse', hint: 'checkUrl', message: /HTML page instead of JSON/ },
  malformed: { code: 'badResponse', hint: 'checkUrl', message: /malformed JSON/ },
  timeout: { code: 'timeout', hint: 'retry', message: /timed out/ },
  tls: { code: 'tls', hint: 'checkTls', message: /TLS error/ },
  huge: { code: 'badResponse', hint: 'checkUrl', message: /larger than/ },
  cancel: { code: 'cancelled', hint: 'none', message: /cancelled/ },
};

const HINT_TEXT: Record<ErrorHint, RegExp> = {
  setToken: /Set a valid token/,
  checkUrl: /Check the connection's URL/,
  retry: /Try again later/,
  checkTls: /caFile/,
  checkInput: /Check the values/,
  none: /^$/,
};

const FAULTS = Object.keys(EXPECT) as Fault[];
/** How the emulator (or the client) makes each fault. */
const SPEC: Partial<Record<Fault, FaultSpec>> = {
  '401': { error401: { next: 1 } },
  '403': { error403: { next: 1 } },
  '404': { error404: { next: 1 } },
  '429': { error429: { next: 1 }, retryAfter: 1 },
  '5xx': { error503: { next: 1 } },
  html: { html: { next: 1 }, htmlStatus: 200 },
  malformed: { malformed: { next: 1 } },
  timeout: { latency: 1_500 },
  cancel: { latency: 1_500 },
};

interface Case {
  kind: DialectKind;
  /** Path of the write in the emulator's log (to count how often it was sent). */
  writePath: RegExp;
  read(a: JobsAdapter, signal?: AbortSignal): Promise<unknown>;
  /** Reads what the write needs, before any fault is set. */
  prepare(a: JobsAdapter): Promise<Job>;
  write(a: JobsAdapter, job: Job, signal?: AbortSignal): Promise<unknown>;
}

const CASES: Case[] = [
  {
    kind: 'cnaas-nms',
    writePath: /\/api\/v1\.0\/job\/\d+$/,
    read: (a, signal) => a.listJobs({ pageSize: 10 }, signal),
    prepare: async (a) => (await a.listJobs({ pageSize: 1, filter: { states: ['scheduled'] } })).items[0],
    write: (a, job, signal) => a.stop(job, { reason: 'error table' }, signal),
  },
  {
    kind: 'cdrouter',
    writePath: /\/api\/v1\/jobs\/$/,
    read: (a, signal) => a.listJobs({ pageSize: 10 }, signal),
    prepare: async (a) => ({
      id: (await a.listChoices('package'))[0].id,
      name: 'package',
      state: 'unknown',
      rawState: '',
      raw: {},
    }),
    write: (a, pkg, signal) => a.launch({ kind: 'cdrouter', packageId: pkg.id }, signal),
  },
  {
    kind: 'puppet-orchestrator',
    writePath: /\/command\/stop$/,
    read: (a, signal) => a.listJobs({ pageSize: 10 }, signal),
    prepare: async (a) => (await a.listJobs({ pageSize: 100 })).items.find((j) => j.state === 'running') as Job,
    write: (a, job, signal) => a.stop(job, {}, signal),
  },
  {
    kind: 'stack-jobs',
    writePath: /\/jobs\/\d+$/,
    read: (a, signal) => a.listJobs({ pageSize: 10 }, signal),
    prepare: async (a) => (await a.listJobs({ pageSize: 10 })).items[0],
    write: (a, job, signal) => a.update(job.id, { name: 'renamed by the error table' }, signal),
  },
  {
    kind: 'beacon',
    writePath: /\/api\/jobs\/\d+$/,
    read: (a, signal) => a.listJobs({ pageSize: 10 }, signal),
    prepare: async (a) => (await a.listJobs({ pageSize: 100 })).items.find((j) => j.state === 'running') as Job,
    write: (a, job, signal) => a.update(job.id, { curTask: 1 }, signal),
  },
];

function adapter(
  kind: DialectKind,
  url: string,
  extra: Partial<HttpClientOptions> = {},
  token = DEFAULT_TOKEN,
): JobsAdapter {
  const module = DIALECTS[kind];
  return module.create(
    new HttpClient({
      connection: { name: `table-${kind}`, kind, url },
      auth: module.auth,
      token: async () => token,
      maxRetries: 0,
      retryBaseMs: 1,
      timeoutMs: 5_000,
      ...extra,
    }),
  );
}

async function failure(p: Promise<unknown>): Promise<JobdeckError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof JobdeckError, `expected a JobdeckError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected an error');
}

describe('error table: every fault through a read and a write of each dialect', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let cert: ReturnType<typeof makeCertificate>;
  let tlsServer: TlsServer;

  before(async () => {
    emu = await start({ port: 0, jobs: 60, seed: 21 });
    emu.control.pause();
    cert = makeCertificate();
    tlsServer = await startTlsServer(cert.cert, cert.key, {});
  });
  after(async () => {
    await emu.stop();
    await tlsServer.close();
    fs.rmSync(cert.dir, { recursive: true, force: true });
  });
  afterEach(() => emu.control.clearFaults());

  for (const c of CASES) {
    for (const op of ['read', 'write'] as const) {
      for (const fault of FAULTS) {
        it(`${c.kind} ${op}: ${fault} → ${EXPECT[fault].code}, hint ${EXPECT[fault].hint}`, async () => {
          const url = emu.urls[c.kind];
          // Writes earlier rows let through (a spoiled answer after the server acted) are forgotten.
          emu.control.reset();
          const job = op === 'write' ? await c.prepare(adapter(c.kind, url)) : undefined;
          assert.ok(op === 'read' || job, `the emulator has a job to write to on ${c.kind}`);
          const run = (a: JobsAdapter, signal?: AbortSignal) =>
            op === 'read' ? c.read(a, signal) : c.write(a, job as Job, signal);
          emu.control.clearLog();
          let e: JobdeckError;
          if (fault === 'tls') {
            e = await failure(run(adapter(c.kind, tlsServer.url)));
          } else if (fault === 'huge') {
            e = await failure(run(adapter(c.kind, url, { maxBodyBytes: 64 })));
          } else if (fault === '403' && op === 'write') {
            // The server's own 403: a read-only token writing.
            e = await failure(run(adapter(c.kind, url, {}, DEFAULT_READONLY_TOKEN)));
          } else if (fault === 'cancel') {
            emu.control.setFaults(c.kind, SPEC.cancel as FaultSpec);
            const ac = new AbortController();
            const p = run(adapter(c.kind, url), ac.signal);
            setTimeout(() => ac.abort(), 100);
            e = await failure(p);
          } else {
            emu.control.setFaults(c.kind, SPEC[fault] as FaultSpec);
            e = await failure(run(adapter(c.kind, url, fault === 'timeout' ? { timeoutMs: 200 } : {})));
          }
          const want = EXPECT[fault];
          assert.equal(e.code, want.code, e.message);
          assert.equal(e.hint, want.hint);
          assert.match(e.message, want.message);
          assert.match(e.hintText, HINT_TEXT[want.hint]);
          assert.ok(!e.message.includes(DEFAULT_TOKEN), 'the token is not in what the user reads');
          if (op === 'write') {
            const sent = emu.control.log().filter((l) => l.method !== 'GET' && c.writePath.test(l.path));
            assert.ok(sent.length <= 1, `the write went out ${sent.length} times`);
            if (fault === 'tls') assert.equal(sent.length, 0);
            // An answer lost or spoiled after the server got it: the user is told it may have happened.
            if (fault === 'timeout' || fault === 'html' || fault === 'malformed')
              assert.match(e.message, /may have done it anyway/);
          }
        });
      }
    }
  }
});
