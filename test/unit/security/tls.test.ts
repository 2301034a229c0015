// TLS verification is on unless a connection turns it off explicitly: a self-signed server is
// refused (and gets no request, so no token), the connection's caFile makes it trusted with
// verification still on, and only `rejectUnauthorized: false` skips the check.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { HttpClient } from '../../../src/client/http';
import { connect } from '../../../src/client/registry';
import { makeCertificate, rejection, startTlsServer, TlsServer } from './support';

const TOKEN = 'tls-T0ken-55aa01';

describe('security: TLS', () => {
  let cert: ReturnType<typeof makeCertificate>;
  let server: TlsServer;
  before(async () => {
    cert = makeCertificate();
    server = await startTlsServer(cert.cert, cert.key, { data: [], links: { total: 0, next: 0 } });
  });
  after(async () => {
    await server.close();
    fs.rmSync(cert.dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('verifies certificates by default: a self-signed server is a tls error and never sees the token', async () => {
    const http = new HttpClient({
      connection: { name: 'lab', kind: 'cdrouter', url: server.url },
      auth: 'bearer',
      token: async () => TOKEN,
      maxRetries: 2,
      retryBaseMs: 1,
    });
    const e = await rejection(http.request({ method: 'GET', path: '/api/v1/jobs/', operation: 'list jobs' }), [TOKEN]);
    assert.equal(e.code, 'tls');
    assert.equal(e.hint, 'checkTls');
    assert.match(e.message, /self[- ]signed|certificate/i);
    assert.equal(server.requests.length, 0);
  });

  it('rejectUnauthorized: true (explicit) is the same as the default', async () => {
    const { adapter } = connect(
      { name: 'lab', kind: 'cdrouter', url: server.url, rejectUnauthorized: true },
      { token: async () => TOKEN, maxRetries: 0 },
    );
    assert.equal((await rejection(adapter.listJobs({ pageSize: 5 }), [TOKEN])).code, 'tls');
    assert.equal(server.requests.length, 0);
  });

  it("the connection's caFile makes a private CA trusted, with verification on", async () => {
    const { adapter } = connect(
      { name: 'lab', kind: 'cdrouter', url: server.url, caFile: cert.certFile },
      { token: async () => TOKEN, maxRetries: 0 },
    );
    const page = await adapter.listJobs({ pageSize: 5 });
    assert.deepEqual(page.items, []);
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0].headers.authorization, `Bearer ${TOKEN}`);
  });

  it('a caFile that cannot be read is a tls error naming the problem, before anything is sent', () => {
    assert.throws(
      () =>
        connect(
          { name: 'lab', kind: 'cdrouter', url: server.url, caFile: `${cert.dir}/missing.pem` },
          { token: async () => TOKEN },
        ),
      (e: Error & { code?: string }) => e.code === 'tls' && /cannot read caFile/.test(e.message),
    );
  });

  it('only rejectUnauthorized: false skips the check', async () => {
    const { adapter } = connect(
      { name: 'lab', kind: 'cdrouter', url: server.url, rejectUnauthorized: false },
      { token: async () => TOKEN, maxRetries: 0 },
    );
    await adapter.listJobs({ pageSize: 5 });
    assert.equal(server.requests.length, 1);
  });
});
