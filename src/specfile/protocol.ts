// The custom messages between the extension (languageClient.ts) and the spec language server,
// beyond LSP itself. Plain types: the extension and the server both import this file.
import type { ChoiceField } from '../client/launch/fields';
import type { BulkLaunchSpec, Choice, LaunchSpec } from '../client/model';
import type { ConnectionInfo } from './analyze';

/**
 * server → client: the usable connections (settings, as the Jobs view reads them). The server
 * makes no HTTP requests of its own: live values come from the extension (CHOICES_REQUEST), so
 * one client with one set of tokens, TLS options and proxy settings talks to the job servers.
 */
export const CONNECTIONS_REQUEST = 'jobdeck/connections';
export interface ConnectionsResult {
  connections: ConnectionInfo[];
  /**
   * Whether the workspace is trusted. In Restricted Mode a spec file is a repository's text
   * the user has not vouched for: the server then asks for no live value at all.
   */
  trusted: boolean;
  /** Put into the launch lenses' arguments: only a real lens click launches without a question. */
  lensKey: string;
}

/** server → client: a choice list (packages, environments…) of a connection, as its server lists it. */
export const CHOICES_REQUEST = 'jobdeck/choices';
export interface ChoicesParams {
  connection: string;
  field: ChoiceField;
}
export interface ChoicesResult {
  choices?: Choice[];
  /** Why there is no list (no such connection, 401, timeout…), as the user should read it. */
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
