// The request pipeline: prefix → dialect or control API; read the body; roll faults; let
// the dialect answer; write it (possibly broken); log one line per request.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Clock } from './clock';
import type { Dialect } from './dialects/dialect';
import type { Ctx, Reply } from './exchange';
import type { Faults } from './faults';
import type { RequestLog } from './requestLog';
import { errorBody, faultReply, send } from './respond';
import { KINDS, type Kind, type LogEntry } from './types';

/** Request bodies above this are refused: nothing in the dialects needs more. */
const MAX_BODY = 20 * 1024 * 1024;

export interface RouterDeps {
  dialects: Record<Kind, Dialect>;
  faults: Faults;
  clock: Clock;
  log: RequestLog;
  control: (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
    body: string,
  ) => Promise<void>;
  realNow: () => number;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function router(deps: RouterDeps): RequestListener {
  return (req, res) => {
    const t0 = performance.now();
    const url = new URL(req.url ?? '/', 'http://emulator');
    const first = url.pathname.split('/')[1] ?? '';
    const kind = (KINDS as readonly string[]).includes(first) ? (first as Kind) : undefined;
    const entry: LogEntry = {
      time: new Date(deps.realNow()).toISOString(),
      dialect: kind ?? (first === '_control' ? 'control' : null),
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      status: 0,
      ms: 0,
    };
    res.on('close', () => {
      entry.status = res.headersSent ? res.statusCode : 0;
      entry.ms = Math.round(performance.now() - t0);
      deps.log.add(entry);
    });
    void handle(deps, req, res, url, kind, entry).catch((e: unknown) => {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: `emulator error: ${(e as Error).message}` }));
    });
  };
}

async function handle(
  deps: RouterDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  kind: Kind | undefined,
  entry: LogEntry,
): Promise<void> {
  const body = await readBody(req);
  if (entry.dialect === 'control') {
    await deps.control(req, res, url.pathname.slice('/_control'.length) || '/', url.searchParams, body);
    return;
  }
  if (!kind) {
    send(
      res,
      {
        status: 404,
        body: { error: `no dialect at ${url.pathname}; use one of ${KINDS.map((k) => '/' + k).join(', ')}` },
      },
      undefined,
      {},
    );
    return;
  }
  const plan = deps.faults.plan(kind);
  if (plan.delay) await sleep(plan.delay);
  const spec = deps.faults.spec(kind);
  if (plan.action === 'drop') {
    entry.fault = 'drop';
    req.socket.destroy();
    return;
  }
  if (plan.action) {
    entry.fault = plan.action;
    send(res, faultReply(kind, plan.action, spec), undefined, spec);
    return;
  }
  const ctx: Ctx = {
    kind,
    method: req.method ?? 'GET',
    path: url.pathname.slice(kind.length + 1) || '/',
    query: url.searchParams,
    headers: req.headers,
    body,
    now: deps.clock.now(),
    origin: `http://${req.headers.host ?? 'localhost'}/${kind}`,
  };
  let reply: Reply;
  try {
    reply = deps.dialects[kind].handle(ctx);
  } catch (e) {
    reply = { status: 500, body: errorBody(kind, 500, `emulator bug: ${(e as Error).stack ?? String(e)}`) };
  }
  if (plan.body) entry.fault = plan.body;
  send(res, reply, plan.body, spec);
}
