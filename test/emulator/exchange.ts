// What a dialect handler sees of a request and what it answers. Handlers are synchronous
// and pure over (request, data, clock): transport, faults and logging live elsewhere.
import type { IncomingHttpHeaders } from 'node:http';
import type { Kind } from './types';

export interface Ctx {
  kind: Kind;
  method: string;
  /** Path below the dialect prefix, always starting with '/'. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** Emulated now, epoch ms. */
  now: number;
  /** The dialect's base URL as the client addressed it, e.g. http://127.0.0.1:8700/cdrouter. */
  origin: string;
}

export interface Reply {
  status: number;
  /** JSON-serialised unless `text` is set; undefined = no body. */
  body?: unknown;
  /** A pre-built body (e.g. a streamed-together JSON array), sent as is. */
  text?: string;
  headers?: Record<string, string>;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

export function noContent(): Reply {
  return { status: 204 };
}

/**
 * A JSON request body, parsed as strictly as the real servers do (Go's encoding/json, Python's
 * json, Clojure's cheshire all refuse a trailing comma: the CDRouter doc example that has one
 * is a doc slip). undefined body → undefined value.
 */
export function readJson(ctx: Ctx): { ok: true; value: unknown } | { ok: false; error: string } {
  const text = ctx.body.trim();
  if (!text) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: `invalid JSON body: ${(e as Error).message}` };
  }
}

/** Form fields of an application/x-www-form-urlencoded body. */
export function readForm(ctx: Ctx): URLSearchParams {
  return new URLSearchParams(ctx.body);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A non-negative integer query value, the default when absent, NaN when malformed. */
export function intParam(q: URLSearchParams, name: string, dflt: number): number {
  const v = q.get(name);
  if (v === null || v === '') return dflt;
  return /^\d+$/.test(v.trim()) ? Number(v) : NaN;
}

/**
 * A path's segments exactly as sent: "/api/v1/jobs/3/" → ["api","v1","jobs","3",""]. Empty
 * segments (a trailing or doubled slash) are kept, so each dialect routes only the forms its
 * real server routes: a leniency the real server lacks would hide a client's wrong path.
 * A segment with a malformed escape comes back as undefined (no route matches it).
 */
export function segments(path: string): (string | undefined)[] {
  return path
    .split('/')
    .slice(1)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return undefined;
      }
    });
}

/** Segments of a path that must have no empty segment (no trailing or doubled slash); undefined otherwise. */
export function strictSegments(path: string): string[] | undefined {
  const seg = segments(path);
  return seg.every((s): s is string => s !== undefined && s !== '') ? seg : undefined;
}

/** Segments of a path that must end in exactly one slash (CDRouter's form); undefined otherwise. */
export function slashedSegments(path: string): string[] | undefined {
  if (!path.endsWith('/') || path === '/') return undefined;
  return strictSegments(path.slice(0, -1));
}
