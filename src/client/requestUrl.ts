// The one way a request URL is made. Every request of every dialect (the Jobs view, panels,
// commands and the spec-file language server, which all go through HttpClient) is built here,
// and its origin is checked after joining: the token is bound to a connection's origin, so a
// URL whose origin changes on the way (`https://prod.corp//evil.example` joined with
// `/api/jobs` is `https://evil.example/api/jobs` to `new URL`) must never be sent.
//
// Connection URLs are checked on their raw text too: WHATWG parsing turns `\` into `/` in
// http(s) URLs and drops tabs and newlines anywhere, so a parsed URL can hide what was typed.

import * as l10n from '@vscode/l10n';

/** Why a connection URL is refused (a phrase after "url"), or undefined when it is fine. */
export function connectionUrlProblem(raw: string): string | undefined {
  const url = raw.trim();
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f]/.test(url)) return l10n.t('contains spaces or control characters');
  if (url.includes('\\')) return l10n.t('contains a backslash ("\\")');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return l10n.t('must start with http:// or https://');
  if (!url.slice(scheme.length + 1).startsWith('//')) return l10n.t('must start with http:// or https://');
  const rest = url.slice(scheme.length + 3);
  const authorityEnd = firstOf(rest, '/?#');
  const authority = rest.slice(0, authorityEnd);
  if (authority.includes('@')) return l10n.t('carries a user name or password (put credentials in the token)');
  if (!authority) return l10n.t('has no host');
  const path = rest.slice(authorityEnd, authorityEnd + firstOf(rest.slice(authorityEnd), '?#'));
  if (path.includes('//')) return l10n.t('has "//" in its path');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return l10n.t('is not a URL');
  }
  // Defence in depth, unreachable today: the checks of the typed text above refuse every URL these
  // would (no `@` in the authority, no `//` in the path, a non-empty authority that parses).
  // Stryker disable ConditionalExpression,LogicalOperator,StringLiteral: equivalent (unreachable, see above)
  if (parsed.username || parsed.password)
    return l10n.t('carries a user name or password (put credentials in the token)');
  if (parsed.pathname.includes('//')) return l10n.t('has "//" in its path');
  if (!parsed.hostname) return l10n.t('has no host');
  // Stryker restore ConditionalExpression,LogicalOperator,StringLiteral
  return undefined;
}

/** A checked connection URL as the base of its requests (no query, no fragment). */
export function connectionBase(raw: string): URL | { problem: string } {
  const problem = connectionUrlProblem(raw);
  if (problem) return { problem };
  const base = new URL(raw.trim());
  base.search = '';
  base.hash = '';
  return base;
}

/** Thrown when a request would leave the connection's origin. */
export class ForeignOriginError extends Error {
  constructor(readonly target: string) {
    super(l10n.t('would go to {0}', target));
  }
}

/**
 * Path below the connection URL (`/api/v1/jobs/`), or an absolute URL, → the URL to send to.
 * Throws ForeignOriginError for anything that would not reach the base's origin.
 */
export function requestUrl(base: URL, pathOrUrl: string): URL {
  let target: URL;
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl);
  const path = absolute || pathOrUrl.startsWith('/') ? pathOrUrl : `/${pathOrUrl}`;
  // A path of our own never has these; refuse them rather than let the parser read a host.
  if (!absolute && (path.startsWith('//') || path.includes('\\')))
    throw new ForeignOriginError(`a path that names a host (${path.slice(0, 80)})`);
  try {
    target = absolute ? new URL(pathOrUrl) : new URL(base.pathname.replace(/\/+$/, '') + path, base.origin);
  } catch {
    throw new ForeignOriginError('an address that is not a URL');
  }
  assertSameOrigin(base, target);
  return target;
}

/** The check every URL passes just before it is sent: parsed again, it still has the base's origin. */
export function assertSameOrigin(base: URL, target: URL | string): void {
  // Stryker disable next-line ConditionalExpression: equivalent: new URL() of a URL object reads its href
  const href = typeof target === 'string' ? target : target.href;
  let origin: string;
  try {
    origin = new URL(href).origin;
  } catch {
    throw new ForeignOriginError('an address that is not a URL');
  }
  if (origin !== base.origin) throw new ForeignOriginError(origin);
}

function firstOf(text: string, chars: string): number {
  let at = text.length;
  for (const c of chars) {
    const i = text.indexOf(c);
    if (i >= 0 && i < at) at = i;
  }
  return at;
}
