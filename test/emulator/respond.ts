// Writing answers to the socket, including the broken ones: injected errors in each
// dialect's own error body, HTML pages, malformed or truncated JSON, dripped bodies.
import type { ServerResponse } from 'node:http';
import type { Reply } from './exchange';
import type { Action, BodyFault } from './faults';
import type { FaultSpec, Kind } from './types';

const REASONS: Record<number, string> = {
  200: 'OK',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** The dialect's own error body for an injected status. */
export function errorBody(kind: Kind, status: number, message: string): unknown {
  switch (kind) {
    case 'cnaas-nms':
      return { status: 'error', message };
    case 'puppet-orchestrator':
      return {
        kind: status === 429 ? 'puppetlabs.orchestrator/too-many-requests' : 'puppetlabs.orchestrator/unknown-error',
        msg: message,
        details: {},
      };
    case 'stack-jobs':
      return { detail: message };
    default:
      return { error: message };
  }
}

export function htmlPage(status: number): string {
  if (status === 200) {
    return '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form method="post" action="/login"><h1>Single sign-on</h1><input name="username"><input name="password" type="password"><button>Sign in</button></form></body></html>\n';
  }
  const title = `${status} ${REASONS[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n`;
}

/** The Reply an injected action produces (drop is handled by the caller). */
export function faultReply(kind: Kind, action: Exclude<Action, 'drop'>, spec: FaultSpec): Reply {
  const retry = String(spec.retryAfter ?? 1);
  switch (action) {
    case 'error401':
      return { status: 401, body: errorBody(kind, 401, 'authentication required (injected)') };
    case 'error403':
      return { status: 403, body: errorBody(kind, 403, 'permission denied (injected)') };
    case 'error404':
      return { status: 404, body: errorBody(kind, 404, 'not found (injected)') };
    case 'error429':
      return {
        status: 429,
        body: errorBody(kind, 429, 'rate limit exceeded, retry later'),
        headers: { 'Retry-After': retry },
      };
    case 'error500':
      return { status: 500, body: errorBody(kind, 500, 'internal server error (injected)') };
    case 'error502':
      return { status: 502, text: htmlPage(502), headers: { 'Content-Type': 'text/html' } };
    case 'error503':
      return {
        status: 503,
        body: errorBody(kind, 503, 'service unavailable, retry later'),
        headers: { 'Retry-After': retry },
      };
    case 'html': {
      const status = spec.htmlStatus ?? 502;
      return { status, text: htmlPage(status), headers: { 'Content-Type': 'text/html; charset=utf-8' } };
    }
  }
}

function bodyText(reply: Reply): string | undefined {
  if (reply.text !== undefined) return reply.text;
  if (reply.body === undefined) return undefined;
  return JSON.stringify(reply.body);
}

/** A raw NUL in the middle: invalid JSON whether it lands inside a string or not. */
export function malform(text: string): string {
  if (text.length < 2) return '{"data": [1, 2,, 3]';
  const half = Math.floor(text.length / 2);
  return text.slice(0, half) + '\u0000NaN,' + text.slice(half);
}

export function send(res: ServerResponse, reply: Reply, bodyFault: BodyFault | undefined, spec: FaultSpec): void {
  let text = bodyText(reply);
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (text !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['Content-Type'] = 'application/json';
  if (text === undefined || reply.status === 204) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  if (bodyFault === 'malformed') text = malform(text);
  const buf = Buffer.from(text, 'utf8');
  if (bodyFault === 'truncate') {
    // No Content-Length: the client sees a complete response whose JSON stops mid-way.
    headers.Connection = 'close';
    res.writeHead(reply.status, headers);
    res.end(buf.subarray(0, Math.floor(buf.length / 2)));
    return;
  }
  headers['Content-Length'] = String(buf.length);
  if (bodyFault === 'drip') {
    res.writeHead(reply.status, headers);
    drip(res, buf, spec.dripMs ?? 2000, spec.dripChunk ?? 16);
    return;
  }
  res.writeHead(reply.status, headers);
  res.end(buf);
}

/** Body bytes over `total` ms; chunks grow if there are too many to keep ticks ≥ 10 ms. */
function drip(res: ServerResponse, buf: Buffer, total: number, chunk: number): void {
  let size = Math.max(1, chunk);
  let n = Math.ceil(buf.length / size);
  if (n > 0 && total / n < 10) {
    n = Math.max(1, Math.floor(total / 10));
    size = Math.ceil(buf.length / n);
  }
  const tick = n > 0 ? total / n : total;
  let off = 0;
  const step = () => {
    if (res.destroyed) return;
    if (off >= buf.length) {
      res.end();
      return;
    }
    res.write(buf.subarray(off, off + size));
    off += size;
    setTimeout(step, tick);
  };
  res.flushHeaders();
  setTimeout(step, tick);
}
