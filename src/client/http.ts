// HTTP core shared by all dialects: base URL, auth, timeouts, cancellation, retries with
// backoff and Retry-After, bounded concurrency, TLS options and tolerant body parsing.
// Every failure leaves as a JobdeckError; the token never enters a message or a log line.
import * as l10n from '@vscode/l10n';
import axios, { AxiosError, AxiosInstance, AxiosResponse } from 'axios';
import * as tls from 'node:tls';
import { readFileSync } from 'node:fs';
import type { AuthStyle, ConnectionConfig } from './config';
import { clip, ErrorCode, JobdeckError } from './errors';
import { loopTurn } from './loopTurn';
import { agentsFor, type Environment, type ProxyChoice, type ProxySettings } from './proxy';
import { assertSameOrigin, connectionBase, ForeignOriginError, requestUrl } from './requestUrl';
import { Semaphore } from './semaphore';

/**
 * The token for a request to `destination` (an origin). A provider answers only for the origin
 * its token is bound to: the destination is what the request really goes to, checked after
 * the URL was built.
 */
export type TokenProvider = (destination: string) => Promise<string | undefined>;
export type QueryValue = string | number | boolean | undefined | readonly (string | number)[];
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface HttpRequest {
  method: Method;
  /** Path below the connection URL (`/api/v1/jobs/`), or an absolute URL of the same origin. */
  path: string;
  query?: Record<string, QueryValue>;
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded; arrays repeat the key. */
  form?: Record<string, string | readonly string[] | undefined>;
  /** What the user was doing, for error messages ("list jobs", "delete job 12"). */
  operation: string;
  /**
   * Only GET is retried by default. PUT and DELETE are idempotent in HTTP terms, but a retry
   * after a lost answer turns "deleted" into a 404 the user would read as a failure: writes
   * are sent once and their outcome reported as it is. Dry runs may opt in.
   */
  idempotent?: boolean;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Parsed JSON, or undefined for an empty body (204). */
  data: unknown;
  headers: Record<string, string>;
}

export interface RequestLogEntry {
  method: Method;
  /** Path without the query string (which may carry a beacon userkey). */
  path: string;
  status?: number;
  ms: number;
  attempt: number;
  error?: string;
}

export interface HttpClientOptions {
  connection: ConnectionConfig;
  auth: AuthStyle;
  token: TokenProvider;
  userAgent?: string;
  /** Whole-request deadline (headers and body), per attempt. */
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseMs?: number;
  /** Longest Retry-After we wait before giving up and telling the user. */
  maxRetryAfterMs?: number;
  concurrency?: number;
  maxBodyBytes?: number;
  log?: (entry: RequestLogEntry) => void;
  /** VS Code's proxy settings; the environment's HTTP(S)_PROXY and NO_PROXY apply where they name none. */
  proxy?: ProxySettings;
  /** Where HTTP(S)_PROXY and NO_PROXY are read (tests); the process's environment by default. */
  env?: Environment;
}

const RETRY_STATUS = new Set([429, 502, 503, 504]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_BAD_RESPONSE',
  'ERR_NETWORK',
]);
const MAX_REDIRECTS = 5;
/**
 * Deepest JSON a server may send. JSON.parse is iterative, but JSON.stringify, structured
 * clone and webview messages recurse: a 100,000-deep body would throw RangeError later, far
 * from here. Real job payloads are under 20 deep.
 */
export const MAX_JSON_DEPTH = 512;
/**
 * GET bodies up to this size are kept, by URL, with what they parsed to: a poll that gets the
 * same text back gets the same (frozen) objects, so neither JSON.parse nor the adapters' parse
 * nor the store's change check runs again. Most polls of most servers change nothing; parsing
 * them anew was most of the garbage the collector paused the extension host for.
 */
const REUSE_MAX_CHARS = 512 * 1024;
/** How many GET URLs of a connection keep their last body (its pages shown, a few details). */
const REUSE_MAX_URLS = 64;

export class HttpClient {
  readonly connection: ConnectionConfig;
  private readonly base: URL;
  private readonly axios: AxiosInstance;
  private readonly limiter: Semaphore;
  private readonly opts: Required<Omit<HttpClientOptions, 'log' | 'userAgent' | 'proxy' | 'env'>> &
    Pick<HttpClientOptions, 'log' | 'userAgent' | 'proxy' | 'env'>;
  /** The proxy this connection's requests go through (credentials removed), if any. */
  readonly proxy?: ProxyChoice;
  /** Proxy credentials, kept out of every message like the token. */
  private readonly proxySecrets: string[];
  /**
   * The last token a request carried, so errors the adapters build from a 2xx body (CNaaS's
   * `{status: "error"}`) are redacted like those built here. Held only in memory, like the
   * token provider's own copy.
   */
  private lastToken?: string;
  /** The last GET body per URL and what it parsed to (REUSE_MAX_CHARS), oldest first. */
  private readonly lastBodies = new Map<string, { text: string; value: unknown }>();

  constructor(options: HttpClientOptions) {
    this.opts = {
      timeoutMs: 30_000,
      maxRetries: 3,
      retryBaseMs: 300,
      maxRetryAfterMs: 60_000,
      concurrency: 8,
      maxBodyBytes: 128 * 1024 * 1024,
      ...options,
    };
    this.connection = options.connection;
    this.base = parseBase(options.connection);
    this.limiter = new Semaphore(this.opts.concurrency);
    let agents: ReturnType<typeof agentsFor>;
    try {
      agents = agentsFor(
        this.base,
        {
          keepAlive: true,
          maxSockets: this.opts.concurrency,
          rejectUnauthorized: options.connection.rejectUnauthorized !== false,
          ca: options.connection.caFile ? [...tls.rootCertificates, readCa(options.connection)] : undefined,
        },
        options.proxy,
        options.env,
      );
    } catch (e) {
      if (e instanceof JobdeckError) throw e;
      throw new JobdeckError({
        code: 'invalid',
        connection: options.connection.name,
        operation: l10n.t('connect'),
        detail: (e as Error).message,
      });
    }
    this.proxy = agents.proxy;
    this.proxySecrets = proxySecretsOf(options.proxy, options.env);
    this.axios = axios.create({
      httpAgent: agents.httpAgent,
      httpsAgent: agents.httpsAgent,
      // The agents above are the only proxy handling: axios's own reads the environment and
      // sends https requests to the proxy in the clear instead of through CONNECT.
      proxy: false,
      maxRedirects: 0,
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
      maxContentLength: this.opts.maxBodyBytes,
      maxBodyLength: this.opts.maxBodyBytes,
      decompress: true,
    });
  }

  get origin(): string {
    return this.base.origin;
  }

  /**
   * An error about this connection, for adapters (wrong shapes, unsupported calls, errors a
   * server reports inside a 2xx body): redacted of the token like every error built here.
   */
  error(code: ErrorCode, operation: string, detail?: string, field?: string, serverMessage?: string): JobdeckError {
    return new JobdeckError({
      code,
      connection: this.connection.name,
      operation,
      detail,
      field,
      serverMessage,
      secrets: [this.lastToken, ...this.proxySecrets],
    });
  }

  /** What a dialect cannot do, as the rejected promise its adapter method returns. */
  unsupported(operation: string, hint?: string): Promise<never> {
    return Promise.reject(this.error('unsupported', operation, hint));
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const idempotent = req.idempotent ?? req.method === 'GET';
    let url = this.resolve(req.path, req.operation);
    const token = await this.opts.token(url.origin);
    if (token) this.lastToken = token;
    for (let attempt = 0, redirects = 0; ; attempt++) {
      if (req.signal?.aborted) throw this.fail(req, 'cancelled', token);
      const started = Date.now();
      let res: AxiosResponse<string>;
      try {
        res = await this.limiter.run(() => this.send(req, url, token));
      } catch (e) {
        const err = this.fromTransport(e, req, token);
        this.log(req, url, started, attempt, undefined, err.message);
        if (err.code !== 'cancelled' && err.code !== 'untrusted' && idempotent && attempt < this.opts.maxRetries) {
          await sleep(this.backoff(attempt), req.signal);
          continue;
        }
        throw err;
      }
      this.log(req, url, started, attempt, res.status);
      if (res.status >= 300 && res.status < 400 && res.headers.location) {
        // Followed by hand so a redirect can never carry the token to another origin.
        if (++redirects > MAX_REDIRECTS)
          throw this.fail(req, 'badResponse', token, { status: res.status, detail: l10n.t('too many redirects') });
        let target: string;
        try {
          target = new URL(String(res.headers.location), url).toString();
        } catch {
          throw this.fail(req, 'badResponse', token, {
            status: res.status,
            detail: l10n.t('a redirect to an address that is not a URL'),
          });
        }
        const next = this.resolve(target, req.operation, l10n.t('redirected to'));
        // A write is not sent again to another address (a 301/302 turns it into a GET in
        // many clients, and whether the server acted is unclear): the user is told instead.
        if (req.method !== 'GET') {
          throw this.fail(req, 'badResponse', token, {
            status: res.status,
            detail: l10n.t(
              'the server redirected this {0} to {1}; writes are not followed to another address',
              req.method,
              clip(next.pathname, 200),
            ),
          });
        }
        url = next;
        attempt--;
        continue;
      }
      if (res.status >= 200 && res.status < 300) {
        await loopTurn();
        return { status: res.status, data: this.bodyOf(res, req, url, token), headers: flatHeaders(res) };
      }
      const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
      const retryable = RETRY_STATUS.has(res.status) && (idempotent || res.status === 429);
      if (retryable && attempt < this.opts.maxRetries && (retryAfterMs ?? 0) <= this.opts.maxRetryAfterMs) {
        // 429 means "not processed", so even a write may be sent again after the server's wait.
        await sleep(retryAfterMs ?? this.backoff(attempt), req.signal);
        continue;
      }
      throw this.statusError(res, req, token, retryAfterMs);
    }
  }

  /** Path (or same-origin absolute URL) → URL. Another origin is refused: the token stays home. */
  resolve(pathOrUrl: string, operation: string, verb = l10n.t('asked to call')): URL {
    try {
      return requestUrl(this.base, pathOrUrl);
    } catch (e) {
      if (!(e instanceof ForeignOriginError)) throw e;
      throw this.foreign(operation, verb, e.target);
    }
  }

  private foreign(operation: string, verb: string, target: string): JobdeckError {
    return new JobdeckError({
      code: 'untrusted',
      connection: this.connection.name,
      operation,
      detail: l10n.t("{0} {1}, which is not this connection's server ({2})", verb, target, this.base.origin),
    });
  }

  private send(req: HttpRequest, url: URL, token: string | undefined): Promise<AxiosResponse<string>> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': this.opts.userAgent ?? 'Jobdeck',
      ...(this.connection.headers ?? {}),
    };
    const target = new URL(url.toString());
    appendQuery(target, req.query);
    let body: string | undefined;
    if (this.opts.auth === 'bearer' && token) headers.Authorization = `Bearer ${token}`;
    if (this.opts.auth === 'x-authentication' && token) headers['X-Authentication'] = token;
    if (req.form !== undefined || (this.opts.auth === 'userkey' && req.method !== 'GET' && req.json === undefined)) {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(req.form ?? {})) {
        if (v === undefined) continue;
        for (const item of typeof v === 'string' ? [v] : v) form.append(k, item);
      }
      if (this.opts.auth === 'userkey' && token) form.set('userkey', token);
      body = form.toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['Content-Type'] = 'application/json';
    }
    if (this.opts.auth === 'userkey' && token && req.method === 'GET') target.searchParams.set('userkey', token);
    // The last look before anything leaves: the exact text handed to axios, parsed again.
    const href = target.toString();
    try {
      assertSameOrigin(this.base, href);
    } catch (e) {
      if (e instanceof ForeignOriginError)
        return Promise.reject(this.foreign(req.operation, l10n.t('asked to call'), e.target));
      throw e;
    }

    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new TimeoutSignal()), this.opts.timeoutMs);
    const onAbort = () => deadline.abort(req.signal?.reason);
    req.signal?.addEventListener('abort', onAbort, { once: true });
    return this.axios
      .request<string>({ method: req.method, url: href, headers, data: body, signal: deadline.signal })
      .finally(() => {
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
      })
      .catch((e: unknown) => {
        if (deadline.signal.reason instanceof TimeoutSignal) throw new TimeoutSignal();
        throw e;
      });
  }

  /** The parsed body; for a GET whose text is the same as last time, the same frozen objects. */
  private bodyOf(res: AxiosResponse<string>, req: HttpRequest, url: URL, token: string | undefined): unknown {
    if (req.method !== 'GET' || typeof res.data !== 'string' || res.data.length > REUSE_MAX_CHARS)
      return this.parseBody(res, req, token);
    const target = new URL(url.href);
    appendQuery(target, req.query);
    const key = target.href;
    const last = this.lastBodies.get(key);
    if (last && last.text === res.data) return last.value;
    const value = deepFreeze(this.parseBody(res, req, token));
    this.lastBodies.delete(key);
    this.lastBodies.set(key, { text: res.data, value });
    if (this.lastBodies.size > REUSE_MAX_URLS) this.lastBodies.delete(this.lastBodies.keys().next().value!);
    return value;
  }

  private parseBody(res: AxiosResponse<string>, req: HttpRequest, token: string | undefined): unknown {
    const text = typeof res.data === 'string' ? res.data : '';
    if (res.status === 204 || text.trim() === '') return undefined;
    if (looksLikeHtml(String(res.headers['content-type'] ?? ''), text)) {
      throw this.fail(req, 'badResponse', token, {
        status: res.status,
        detail: htmlTitle(text)
          ? l10n.t(
              'the server sent an HTML page instead of JSON ("{0}"); is the URL the server root of a {1} server?',
              htmlTitle(text),
              this.connection.kind,
            )
          : l10n.t(
              'the server sent an HTML page instead of JSON; is the URL the server root of a {0} server?',
              this.connection.kind,
            ),
      });
    }
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      throw this.fail(req, 'badResponse', token, {
        status: res.status,
        detail: l10n.t('the JSON is nested more than {0} levels deep', MAX_JSON_DEPTH),
      });
    }
    try {
      return JSON.parse(text);
    } catch (e) {
      throw this.fail(req, 'badResponse', token, {
        status: res.status,
        detail: l10n.t('malformed JSON from the server ({0}; {1} bytes)', (e as Error).message, text.length),
      });
    }
  }

  private statusError(
    res: AxiosResponse<string>,
    req: HttpRequest,
    token: string | undefined,
    retryAfterMs?: number,
  ): JobdeckError {
    if (res.status === 407 && this.proxy)
      return this.fail(req, 'network', token, {
        status: 407,
        detail: l10n.t(
          'the proxy {0} (from {1}) asks for credentials: set http.proxyAuthorization, or put them in the proxy URL',
          this.proxy.url,
          this.proxy.from,
        ),
      });
    const code: ErrorCode =
      res.status === 401
        ? 'auth'
        : res.status === 403
          ? 'forbidden'
          : res.status === 404
            ? 'notFound'
            : res.status === 429
              ? 'rateLimited'
              : res.status >= 500
                ? 'server'
                : res.status >= 300 && res.status < 400
                  ? 'badResponse'
                  : 'client';
    const { message, kind } = serverSaid(res);
    return this.fail(req, code, token, {
      status: res.status,
      serverMessage: message,
      serverKind: kind,
      retryAfterMs,
      detail: retryAfterMs !== undefined ? l10n.t('retry after {0} s', Math.ceil(retryAfterMs / 1000)) : undefined,
    });
  }

  private fromTransport(e: unknown, req: HttpRequest, token: string | undefined): JobdeckError {
    if (e instanceof JobdeckError) return e;
    if (e instanceof TimeoutSignal)
      return this.fail(req, 'timeout', token, {
        detail: l10n.t('no complete answer within {0} s', Math.round(this.opts.timeoutMs / 1000)),
      });
    if (req.signal?.aborted || axios.isCancel(e)) return this.fail(req, 'cancelled', token);
    const ax = e as AxiosError;
    const code = ax.code ?? (ax.cause as NodeJS.ErrnoException | undefined)?.code ?? '';
    const msg = String(ax.message ?? e);
    if (code === 'ERR_BAD_RESPONSE' && /maxContentLength/i.test(msg)) {
      return this.fail(req, 'badResponse', token, {
        detail: l10n.t('the response is larger than {0} MB', Math.round(this.opts.maxBodyBytes / 1048576)),
      });
    }
    if (/CERT|SSL|TLS|self[- ]signed|certificate/i.test(code + ' ' + msg))
      return this.fail(req, 'tls', token, { detail: `${code} ${msg}`.trim() });
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      return this.fail(req, 'network', token, {
        detail: l10n.t('host {0} not found (DNS)', this.base.hostname),
        neverSent: true,
      });
    if (code === 'ECONNREFUSED')
      return this.fail(req, 'network', token, {
        detail: this.proxy
          ? l10n.t('connection refused by the proxy {0} (from {1})', this.proxy.url, this.proxy.from)
          : l10n.t('connection refused by {0}', this.base.host),
        neverSent: true,
      });
    if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return this.fail(req, 'timeout', token, { detail: msg });
    if (NETWORK_CODES.has(code) || /socket hang up|aborted/i.test(msg))
      return this.fail(req, 'network', token, { detail: `${code || l10n.t('connection dropped')}: ${msg}` });
    return this.fail(req, 'network', token, { detail: msg });
  }

  private fail(
    req: HttpRequest,
    code: ErrorCode,
    token: string | undefined,
    /** `neverSent`: the request cannot have reached the server (no connection was made). */
    extra: {
      status?: number;
      serverMessage?: string;
      serverKind?: string;
      detail?: string;
      retryAfterMs?: number;
      neverSent?: boolean;
    } = {},
  ): JobdeckError {
    const secrets = [token, ...this.proxySecrets];
    // A write whose answer was lost or spoiled after the server got it may have happened: say
    // so, so nobody retries a launch blindly (writes are never retried here).
    const maybeDone =
      req.method !== 'GET' &&
      (code === 'timeout' ||
        (code === 'network' && !extra.neverSent) ||
        (code === 'badResponse' && extra.status !== undefined && extra.status < 300));
    if (maybeDone)
      extra = {
        ...extra,
        detail: `${extra.detail ? `${extra.detail}; ` : ''}${l10n.t('the server may have done it anyway: refresh before trying again')}`,
      };
    return new JobdeckError({
      code,
      connection: this.connection.name,
      operation: req.operation,
      status: extra.status,
      serverMessage: extra.serverMessage,
      serverKind: extra.serverKind,
      detail: extra.detail,
      retryAfterMs: extra.retryAfterMs,
      secrets,
    });
  }

  private backoff(attempt: number): number {
    // Full jitter: spreads the retries of many clients hitting the same sick server.
    const cap = Math.min(10_000, this.opts.retryBaseMs * 2 ** attempt);
    return Math.round(cap / 2 + Math.random() * (cap / 2));
  }

  private log(req: HttpRequest, url: URL, started: number, attempt: number, status?: number, error?: string): void {
    this.opts.log?.({ method: req.method, path: url.pathname, status, ms: Date.now() - started, attempt, error });
  }
}

class TimeoutSignal extends Error {
  constructor() {
    super('timeout');
  }
}

function parseBase(c: ConnectionConfig): URL {
  const base = connectionBase(String(c.url));
  if ('problem' in base) {
    throw new JobdeckError({
      code: 'invalid',
      connection: c.name,
      operation: l10n.t('connect'),
      detail: l10n.t(
        'its url in jobdeck.connections {0} ("{1}"); nothing is sent to it',
        base.problem,
        clip(String(c.url), 100),
      ),
    });
  }
  return base;
}

/** The proxy credentials a message could carry: the header value and a URL's user and password. */
function proxySecretsOf(settings: ProxySettings | undefined, env: Environment = process.env): string[] {
  const out: string[] = [];
  if (settings?.authorization) out.push(settings.authorization, settings.authorization.replace(/^\S+\s+/, ''));
  for (const value of [settings?.proxy, env.https_proxy, env.HTTPS_PROXY, env.http_proxy, env.HTTP_PROXY]) {
    if (!value) continue;
    try {
      const u = new URL(/:\/\//.test(value) ? value : `http://${value}`);
      if (u.password) out.push(u.password, decodeURIComponent(u.password));
      if (u.username && u.password) out.push(`${u.username}:${u.password}`);
    } catch {
      // Not a URL: agentsFor already refused it.
    }
  }
  return out.filter((s) => s.length >= 4);
}

function readCa(c: ConnectionConfig): string {
  try {
    return readFileSync(c.caFile as string, 'utf8');
  } catch (e) {
    throw new JobdeckError({
      code: 'tls',
      connection: c.name,
      operation: l10n.t('connect'),
      detail: l10n.t('cannot read caFile: {0}', (e as Error).message),
    });
  }
}

function appendQuery(url: URL, query: Record<string, QueryValue> | undefined): void {
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) url.searchParams.append(k, String(item));
    else url.searchParams.append(k, String(v));
  }
}

function flatHeaders(res: AxiosResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers ?? {}))
    if (v !== undefined && v !== null) out[k.toLowerCase()] = String(v);
  return out;
}

export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  // No header (undefined), null or '' read as words neither pattern nor date takes.
  const s = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(parseFloat(s) * 1000);
  const at = Date.parse(s);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Whether brackets outside strings nest deeper than `max` (one pass, no parse). Strings are
 * jumped over with indexOf: they are most of a big body (node output, diffs), and looking at
 * them a character at a time cost 250 ms per 50 MB.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(text, i);
      if (end < 0) return false; // unterminated: nothing after it is outside a string
      i = end;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The quote that closes the string opened at `open`: the next one no odd run of backslashes escapes. */
function stringEnd(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

/**
 * An HTML (or XML) page instead of JSON, whatever the Content-Type says: proxies and login
 * walls answer `text/plain` or even `application/json` with a page. JSON never starts with
 * `<`, so the first non-blank character decides; only the head of the body is looked at.
 */
export function looksLikeHtml(contentType: string, text: string): boolean {
  if (/text\/html|application\/xhtml/i.test(contentType)) return true;
  const head = text.slice(0, 1024).replace(/^\uFEFF/, '');
  return head.trimStart().startsWith('<');
}

/** How far into a page its title is looked for: error pages name themselves early. */
const TITLE_SEARCH_CHARS = 64 * 1024;

/**
 * The page's `<title>` (or first `<h1>`), found with indexOf in a bounded head: no regex
 * backtracks over a body of repeated `<title` (a quadratic search froze the extension host).
 */
export function htmlTitle(text: string): string {
  const head = text.slice(0, TITLE_SEARCH_CHARS);
  const lower = head.toLowerCase();
  const inner = elementText(head, lower, 'title') ?? elementText(head, lower, 'h1');
  return inner === undefined ? '' : clip(stripTags(inner), 120);
}

/** The text of the first `<tag …>…</tag>` whose content is at most 300 characters. */
function elementText(head: string, lower: string, tag: string): string | undefined {
  const open = `<${tag}`;
  const close = `</${tag}>`;
  for (let at = lower.indexOf(open); at >= 0; at = lower.indexOf(open, at + open.length)) {
    const next = lower.charAt(at + open.length);
    if (next !== '>' && next !== ' ' && next !== '\t' && next !== '\n' && next !== '\r' && next !== '/') continue;
    const start = lower.indexOf('>', at + open.length);
    if (start < 0) return undefined;
    const end = lower.indexOf(close, start + 1);
    if (end < 0) return undefined;
    if (end - start - 1 <= 300) return head.slice(start + 1, end);
    // A title too long to be a title: the next one is looked at only after this one's end.
    at = end;
  }
  return undefined;
}

/** Drops `<…>` tags in one pass (bounded input; no regex). */
function stripTags(text: string): string {
  let out = '';
  let inTag = false;
  for (const c of text) {
    if (c === '<') inTag = true;
    else if (c === '>' && inTag) inTag = false;
    else if (!inTag) out += c;
  }
  return out;
}

/** The server's own words from an error body, whatever the dialect calls them. */
function serverSaid(res: AxiosResponse<string>): { message?: string; kind?: string } {
  const text = typeof res.data === 'string' ? res.data : '';
  if (!text.trim()) return {};
  if (looksLikeHtml(String(res.headers['content-type'] ?? ''), text))
    return { message: htmlTitle(text) ? l10n.t('HTML error page: {0}', htmlTitle(text)) : l10n.t('HTML error page') };
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const b = body as Record<string, unknown>;
      const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
      const message =
        str(b.msg) ??
        str(b.error) ??
        str(b.message) ??
        str(b.detail) ??
        (b.error && typeof b.error === 'object' ? str((b.error as Record<string, unknown>).message) : undefined) ??
        (Array.isArray(b.errors)
          ? b.errors.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('; ')
          : undefined) ??
        (typeof b.data === 'string' ? b.data : undefined);
      // Not clipped here: the error redacts the token first, then clips.
      return { message, kind: str(b.kind) };
    }
    if (typeof body === 'string') return { message: body };
  } catch {
    // Not JSON: a plain text error body.
  }
  return { message: text };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Parsed JSON made read-only, so a body handed out twice cannot be changed by its first reader. */
function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const child of Object.values(v)) stack.push(child);
  }
  return value;
}
