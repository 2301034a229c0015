// Token checks shared by the dialects; each dialect turns the verdict into its own error body.
import type { IncomingHttpHeaders } from 'node:http';

export type AuthVerdict = 'ok' | 'missing' | 'wrong' | 'readonly';

export interface TokenPair {
  token: string;
  readOnly: string;
}

export function verdict(given: string | undefined, tokens: TokenPair, write: boolean): AuthVerdict {
  if (!given) return 'missing';
  if (given === tokens.token) return 'ok';
  if (given === tokens.readOnly) return write ? 'readonly' : 'ok';
  return 'wrong';
}

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const h = headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(h.trim());
  return m ? m[1].trim() : undefined;
}

export function isWrite(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}
