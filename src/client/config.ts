// A connection as the settings describe it, and how its dialect sends the token: what the
// HTTP client is built from (its own file, so http.ts and adapter.ts do not import each other).
import type { DialectKind } from './model';

/** A connection as configured in `jobdeck.connections`. */
export interface ConnectionConfig {
  name: string;
  kind: DialectKind;
  /** Server root without the API path. */
  url: string;
  tokenEnv?: string;
  caFile?: string;
  rejectUnauthorized?: boolean;
  pageSize?: number;
  headers?: Record<string, string>;
}

/** How a dialect sends its token. */
export type AuthStyle = 'bearer' | 'x-authentication' | 'userkey';
