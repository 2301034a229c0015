// One error type for everything that can go wrong talking to a job server. It carries what a
// user needs (which connection, what was being done, what the server said, what to do next)
// and never the token: the constructor redacts every text it is given of the `secrets` it is
// given, before anything is clipped (a token cut in half by clipping is no longer found).
// Its words are in the display language (@vscode/l10n, configured by the host); its code and
// hint stay English words for the code that decides by them.
import * as l10n from '@vscode/l10n';

export type ErrorCode =
  | 'auth' // 401: token missing or wrong
  | 'forbidden' // 403
  | 'notFound' // 404
  | 'rateLimited' // 429
  | 'server' // 5xx
  | 'client' // other 4xx (validation errors…)
  | 'badResponse' // HTML page, malformed JSON, wrong shape
  | 'network' // refused, reset, DNS
  | 'timeout'
  | 'tls'
  | 'cancelled'
  | 'unsupported' // the dialect has no such operation
  | 'invalid' // bad input from the user, refused before sending
  | 'untrusted'; // refused to send a token somewhere it does not belong

export type ErrorHint = 'setToken' | 'checkUrl' | 'retry' | 'checkTls' | 'checkInput' | 'none';

interface JobdeckErrorInit {
  code: ErrorCode;
  connection: string;
  operation: string;
  status?: number;
  serverMessage?: string;
  /** The server's own error kind (Puppet `kind`). */
  serverKind?: string;
  /** A field that had the wrong shape (parsing errors). */
  field?: string;
  retryAfterMs?: number;
  detail?: string;
  /** Tokens to take out of every text above (raw, URL- and form-encoded) before it is kept. */
  secrets?: readonly (string | undefined)[];
}

/** Longest server message or kind an error keeps (the message shows less). */
const MAX_SERVER_TEXT = 500;

const HINTS: Record<ErrorCode, ErrorHint> = {
  auth: 'setToken',
  forbidden: 'setToken',
  notFound: 'checkUrl',
  rateLimited: 'retry',
  server: 'retry',
  client: 'checkInput',
  badResponse: 'checkUrl',
  network: 'checkUrl',
  timeout: 'retry',
  tls: 'checkTls',
  cancelled: 'none',
  unsupported: 'none',
  invalid: 'checkInput',
  untrusted: 'none',
};

/** What the user can do about it, as a sentence: asked for when shown, in the display language. */
function hintSentence(hint: ErrorHint): string {
  switch (hint) {
    case 'setToken':
      return l10n.t('Set a valid token for this connection.');
    case 'checkUrl':
      return l10n.t("Check the connection's URL and kind.");
    case 'retry':
      return l10n.t('Try again later.');
    case 'checkTls':
      return l10n.t("Check the server's certificate, or the connection's caFile.");
    case 'checkInput':
      return l10n.t('Check the values you entered.');
    default:
      return '';
  }
}

export class JobdeckError extends Error {
  readonly code: ErrorCode;
  readonly connection: string;
  readonly operation: string;
  readonly status?: number;
  readonly serverMessage?: string;
  readonly serverKind?: string;
  readonly field?: string;
  readonly retryAfterMs?: number;
  readonly detail?: string;
  readonly hint: ErrorHint;

  constructor(given: JobdeckErrorInit) {
    const init = redacted(given);
    super(describe(init));
    this.name = 'JobdeckError';
    this.code = init.code;
    this.connection = init.connection;
    this.operation = init.operation;
    this.status = init.status;
    this.serverMessage = init.serverMessage;
    this.serverKind = init.serverKind;
    this.field = init.field;
    this.retryAfterMs = init.retryAfterMs;
    this.detail = init.detail;
    this.hint = HINTS[init.code];
  }

  /** What the user can do about it, as a sentence ('' when nothing). */
  get hintText(): string {
    return hintSentence(this.hint);
  }

  /** The message and the hint as two sentences (the message ends in a server's words, unpunctuated). */
  withHint(message = this.message): string {
    const hint = this.hintText;
    if (!hint) return message;
    return `${message}${/[.!?…]$/.test(message) ? '' : '.'} ${hint}`;
  }

  /** Message without the connection prefix, for places that already show the connection. */
  get shortMessage(): string {
    return describe({ ...this, connection: '' });
  }
}

/** The init with every text redacted first, then server texts bounded. */
function redacted(init: JobdeckErrorInit): JobdeckErrorInit {
  // Stryker disable next-line ArrayDeclaration: equivalent: a made-up default secret is in no text
  const secrets = init.secrets ?? [];
  const clean = (text: string | undefined, max?: number) => {
    if (text === undefined) return undefined;
    const r = redact(text, secrets);
    return max === undefined ? r : clip(r, max);
  };
  return {
    ...init,
    secrets: undefined,
    serverMessage: clean(init.serverMessage, MAX_SERVER_TEXT),
    serverKind: clean(init.serverKind, MAX_SERVER_TEXT),
    detail: clean(init.detail),
    field: clean(init.field),
  };
}

/** What went wrong, in the display language (the code stays the machine's word). */
function whatHappened(code: ErrorCode): string {
  switch (code) {
    case 'auth':
      return l10n.t('not authorized (token missing or rejected)');
    case 'forbidden':
      return l10n.t('forbidden (the token lacks permission)');
    case 'notFound':
      return l10n.t('not found');
    case 'rateLimited':
      return l10n.t('rate limited by the server');
    case 'server':
      return l10n.t('server error');
    case 'client':
      return l10n.t('request rejected');
    case 'badResponse':
      return l10n.t('unexpected response');
    case 'network':
      return l10n.t('cannot reach the server');
    case 'timeout':
      return l10n.t('timed out');
    case 'tls':
      return l10n.t('TLS error');
    case 'cancelled':
      return l10n.t('cancelled');
    case 'unsupported':
      return l10n.t('not supported by this server type');
    case 'invalid':
      return l10n.t('invalid input');
    case 'untrusted':
      return l10n.t('refused');
  }
}

function describe(e: JobdeckErrorInit): string {
  let text = l10n.t('{0} failed: {1}', e.operation, whatHappened(e.code));
  if (e.status !== undefined) text += ` (HTTP ${e.status})`;
  const said = [e.serverKind, e.serverMessage].filter((s) => s && s.trim()).join(': ');
  if (said) text += ` — ${clip(said, 300)}`;
  if (e.detail) text += ` — ${clip(e.detail, 300)}`;
  return e.connection ? `${e.connection}: ${text}` : text;
}

/**
 * Single line, bounded, without control characters: server text ends up in notifications.
 * Redact before clipping, never after: a clipped token is no longer found.
 */
export function clip(text: string, max: number): string {
  // Only a bounded head is flattened: runs of controls shrink to one space, so a head this long
  // still fills `max` unless it is nearly all controls (then it is shorter, never wrong).
  const head = text.slice(0, max * 8 + 64);
  // eslint-disable-next-line no-control-regex
  const flat = head.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Replaces every occurrence of each secret with `***`: as is, URL-encoded, and form-encoded
 * (how a beacon userkey travels in a query or form, which servers echo in their errors).
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s), new URLSearchParams({ k: s }).toString().slice(2)]))
      out = out.split(form).join('***');
  }
  return out;
}

export function isJobdeckError(e: unknown): e is JobdeckError {
  return e instanceof JobdeckError;
}

/** Thrown by adapter parsers when a payload has the wrong shape. */
export function shapeError(connection: string, operation: string, field: string, expected: string): JobdeckError {
  return new JobdeckError({
    code: 'badResponse',
    connection,
    operation,
    field,
    detail: l10n.t('field "{0}" is not {1}', clip(field, 80), expected),
  });
}
