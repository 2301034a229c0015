// Helpers for the security tests: a second origin, a TLS server with a throwaway certificate.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import * as assert from 'node:assert/strict';
import { JobdeckError } from '../../../src/client/errors';

/** A self-signed certificate for 127.0.0.1 (openssl, as on every CI image), in a temp dir. */
export function makeCertificate(): { dir: string; cert: string; key: string; certFile: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobdeck-tls-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'pipe' },
  );
  return { dir, cert: fs.readFileSync(certFile, 'utf8'), key: fs.readFileSync(keyFile, 'utf8'), certFile };
}

export interface TlsServer {
  url: string;
  /** Requests that got past the handshake, with their headers. */
  requests: { path: string; headers: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startTlsServer(cert: string, key: string, body: unknown = { ok: true }): Promise<TlsServer> {
  const requests: TlsServer['requests'] = [];
  const server = https.createServer({ cert, key }, (req, res) => {
    requests.push({ path: req.url ?? '', headers: { ...req.headers } });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  // Handshake failures are expected here; they must not surface as test errors.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Awaits a rejection and returns it as a JobdeckError that does not mention any secret. */
export async function rejection(p: Promise<unknown>, secrets: readonly string[]): Promise<JobdeckError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof JobdeckError, `expected a JobdeckError, got ${String(e)}`);
    assertNoSecret(e, secrets);
    return e;
  }
  assert.fail('expected a rejection');
}

/** Fails when any secret (raw, URL-encoded or form-encoded) occurs in the text of `v`. */
export function assertNoSecret(v: unknown, secrets: readonly string[], what = 'value'): void {
  const text =
    v instanceof Error
      ? `${v.message}\n${v.stack}\n${JSON.stringify({ ...v })}`
      : typeof v === 'string'
        ? v
        : (JSON.stringify(v) ?? String(v));
  for (const s of secrets) {
    for (const form of new Set([s, encodeURIComponent(s), new URLSearchParams({ k: s }).toString().slice(2)])) {
      assert.ok(
        !text.includes(form),
        `the token (${form === s ? 'raw' : 'encoded'}) is in the ${what}: …${text.slice(Math.max(0, text.indexOf(form) - 60), text.indexOf(form) + form.length + 20)}…`,
      );
    }
  }
}
