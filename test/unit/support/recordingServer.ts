// A real HTTP server on loopback that records every request and answers with scripted
// responses: for asserting exactly what an adapter sends (path, method, query, headers, body).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless a string (then as is). */
  body?: unknown;
  /** Destroy the socket instead of answering. */
  drop?: boolean;
  delayMs?: number;
}

export type Responder = (req: RecordedRequest) => ScriptedResponse | Promise<ScriptedResponse>;

export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  respond(responder: Responder): void;
  close(): Promise<void>;
}

export async function startRecordingServer(
  responder: Responder = () => ({ status: 200, body: {} }),
): Promise<RecordingServer> {
  let current = responder;
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const u = new URL(req.url ?? '/', 'http://localhost');
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(rec);
      const out = await current(rec);
      if (out.delayMs) await new Promise((r) => setTimeout(r, out.delayMs));
      if (out.drop) {
        req.socket.destroy();
        return;
      }
      const body = out.body === undefined ? '' : typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
      res.writeHead(out.status ?? 200, {
        'Content-Type': typeof out.body === 'string' ? 'text/plain' : 'application/json',
        ...(out.headers ?? {}),
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond(r) {
      current = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
