// The custom messages between the extension (LanguageClient) and the spec language server,
// beyond LSP itself. Plain types: the extension and the server both import this file.
import type { ConnectionConfig } from '../client/config';
import type { BulkLaunchSpec, LaunchSpec } from '../client/model';

/** server → client: the usable connections (settings, as the Jobs view reads them). */
export const CONNECTIONS_REQUEST = 'jobdeck/connections';
export interface ConnectionsResult {
  connections: ConnectionConfig[];
  /** Extension version, for the server's User-Agent. */
  version: string;
  /**
   * Whether the workspace is trusted. In Restricted Mode a spec file is a repository's text
   * the user has not vouched for: the server then makes no request at all.
   */
  trusted: boolean;
  /** Put into the launch lenses' arguments: only a real lens click launches without a question. */
  lensKey: string;
}

/**
 * server → client: a connection's token, at the moment it is needed. The server keeps it only
 * for the request it makes; nothing is written to disk.
 */
export const TOKEN_REQUEST = 'jobdeck/token';
export interface TokenParams {
  connection: string;
  /** The origin the request goes to: the extension answers only when it is the token's own. */
  origin: string;
}
export interface TokenResult {
  token?: string;
  /** Why there is no token to use (e.g. stored for another server). */
  error?: string;
}

/** client → server: connections, settings or tokens changed; drop caches and check again. */
export const CONNECTIONS_CHANGED_NOTIFICATION = 'jobdeck/connectionsChanged';

/** client → server: the launches of a spec file, checked against the live servers. */
export const RESOLVE_LAUNCHES_REQUEST = 'jobdeck/resolveLaunches';
export interface ResolveLaunchesParams {
  uri: string;
  /** One launch by its index in `launches:`; absent with `offset` absent = all launches. */
  index?: number;
  /** The launch that contains this offset (command palette, cursor position). */
  offset?: number;
}
export interface ResolvedLaunch {
  index: number;
  title: string;
  /** 0-based line of the launch, to reveal it. */
  line: number;
  connection?: string;
  /** What to launch (one of spec, bulk), set only when `problems` is empty. */
  spec?: LaunchSpec;
  /** CDRouter's native bulk launch (`packages:`). */
  bulk?: BulkLaunchSpec;
  problems: string[];
}
export interface ResolveLaunchesResult {
  launches: ResolvedLaunch[];
}

/** A spec file by its name (here, not in document.ts, so the extension bundle has no YAML parser). */
export function isSpecPath(uriOrPath: string): boolean {
  return /\.jobdeck\.(ya?ml|json)$/i.test(uriOrPath);
}

/** The CodeLens command arguments. */
export interface LaunchLensArgs {
  uri: string;
  index?: number;
  /** This session's lens key (ConnectionsResult.lensKey). */
  key?: string;
}

export const LAUNCH_COMMAND = 'jobdeck.launchSpec';
export const LAUNCH_ALL_COMMAND = 'jobdeck.launchSpecAll';
