// Reads `jobdeck.*` settings. Connections from user settings are used as they are. Connections
// from workspace settings are used only in a trusted workspace, and never with `tokenEnv`,
// `headers` or `caFile` of their own: a repository must not be able to make Jobdeck read an
// environment variable, or send extra headers, to a host the repository names. Nor may a
// workspace lower TLS checks (`rejectUnauthorized: false`): only a user's own settings can,
// and only for the user's own origin; a workspace may make them stricter.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../client/config';
import type { DialectKind } from '../client/model';
import { DIALECT_KINDS } from '../client/dialectKinds';
import type { ProxySettings } from '../client/proxy';
import { connectionUrlProblem } from '../client/requestUrl';

export interface ConnectionsReading {
  connections: ConnectionConfig[];
  /** Problems to show (duplicate names, bad entries, ignored workspace fields). */
  problems: string[];
}

const USER_ONLY_FIELDS = ['tokenEnv', 'headers', 'caFile'] as const;

export function readConnections(): ConnectionsReading {
  const inspected = vscode.workspace.getConfiguration('jobdeck').inspect<unknown[]>('connections');
  const problems: string[] = [];
  const byName = new Map<string, ConnectionConfig>();
  const userEntries = [...asList(inspected?.globalValue)];
  for (const entry of userEntries) add(entry, 'user');
  if (vscode.workspace.isTrusted) {
    for (const entry of [...asList(inspected?.workspaceValue), ...asList(inspected?.workspaceFolderValue)])
      add(entry, 'workspace');
  } else if (asList(inspected?.workspaceValue).length || asList(inspected?.workspaceFolderValue).length) {
    problems.push('Connections in workspace settings are not used until you trust this workspace.');
  }
  return { connections: [...byName.values()], problems };

  function add(entry: unknown, from: 'user' | 'workspace'): void {
    const c = toConnection(entry, from);
    if (typeof c === 'string') {
      problems.push(c);
      return;
    }
    const user = byName.get(c.name);
    if (from === 'workspace') {
      const dropped = USER_ONLY_FIELDS.filter((f) => c[f] !== undefined);
      if (dropped.length)
        problems.push(`Workspace connection "${c.name}": ${dropped.join(', ')} ignored (set them in user settings).`);
      for (const f of USER_ONLY_FIELDS) delete c[f];
      if (c.rejectUnauthorized === false) {
        problems.push(
          `Workspace connection "${c.name}": rejectUnauthorized: false ignored (only user settings may turn TLS checks off).`,
        );
        delete c.rejectUnauthorized;
      }
      // A workspace may point a known name elsewhere; the user's own env/headers/CA and TLS
      // choice stay with the user's URL only (the token store asks before a token follows a
      // URL change). A workspace's `rejectUnauthorized: true` wins: stricter is fine.
      if (user && new URL(user.url).origin === safeOrigin(c.url)) {
        c.tokenEnv = user.tokenEnv;
        c.headers = user.headers;
        c.caFile = user.caFile;
        if (user.rejectUnauthorized === false && c.rejectUnauthorized === undefined) c.rejectUnauthorized = false;
      }
      for (const f of USER_ONLY_FIELDS) if (c[f] === undefined) delete c[f];
    } else if (user) {
      problems.push(`Two connections are named "${c.name}"; the first is used.`);
      return;
    }
    byName.set(c.name, c);
  }
}

export function pollIntervalMs(): number {
  const s = vscode.workspace.getConfiguration('jobdeck').get<number>('pollInterval', 10);
  return Math.max(2, Number.isFinite(s) ? s : 10) * 1000;
}

export function pageSizeFor(c: ConnectionConfig): number {
  const s = c.pageSize ?? vscode.workspace.getConfiguration('jobdeck').get<number>('pageSize', 50);
  return Math.min(1000, Math.max(1, Math.floor(s)));
}

export function notifyOnFinish(): boolean {
  return vscode.workspace.getConfiguration('jobdeck').get<boolean>('notifyOnFinish', true);
}

/** The VS Code settings that say how to reach servers through a proxy (all of them application-wide). */
export const PROXY_SETTINGS = [
  'http.proxy',
  'http.proxyStrictSSL',
  'http.noProxy',
  'http.proxyAuthorization',
  'http.proxySupport',
] as const;

/** VS Code's proxy settings, as plain data for the client (which never imports vscode). */
export function readProxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  const text = (key: string) => {
    const v = http.get<unknown>(key);
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  const noProxy = http.get<unknown>('noProxy');
  const support = text('proxySupport');
  return {
    proxy: text('proxy'),
    strictSSL: http.get<boolean>('proxyStrictSSL', true) !== false,
    noProxy: Array.isArray(noProxy) ? noProxy.filter((x): x is string => typeof x === 'string') : [],
    authorization: text('proxyAuthorization'),
    support:
      support === 'off' || support === 'on' || support === 'fallback' || support === 'override' ? support : undefined,
  };
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** A settings entry → a connection, or a sentence saying what is wrong with it. */
export function toConnection(entry: unknown, from: 'user' | 'workspace' = 'user'): ConnectionConfig | string {
  if (typeof entry !== 'object' || entry === null) return 'A jobdeck.connections entry is not an object.';
  const e = entry as Record<string, unknown>;
  const name = typeof e.name === 'string' ? e.name.trim() : '';
  if (!name) return 'A jobdeck.connections entry has no name.';
  if (!DIALECT_KINDS.includes(e.kind as DialectKind))
    return `Connection "${name}": kind must be one of ${DIALECT_KINDS.join(', ')}.`;
  if (typeof e.url !== 'string') return `Connection "${name}": url must be an http(s) server root.`;
  // The same check HttpClient makes: one function decides which URLs may carry a token.
  const problem = connectionUrlProblem(e.url);
  if (problem)
    return `Connection "${name}" (jobdeck.connections in ${from} settings): its url ${problem}; it is not used.`;
  const c: ConnectionConfig = { name, kind: e.kind as DialectKind, url: e.url.trim() };
  if (typeof e.tokenEnv === 'string' && e.tokenEnv) c.tokenEnv = e.tokenEnv;
  if (typeof e.caFile === 'string' && e.caFile) c.caFile = e.caFile;
  if (typeof e.rejectUnauthorized === 'boolean') c.rejectUnauthorized = e.rejectUnauthorized;
  if (typeof e.pageSize === 'number' && e.pageSize >= 1) c.pageSize = Math.floor(e.pageSize);
  if (typeof e.headers === 'object' && e.headers !== null && !Array.isArray(e.headers)) {
    c.headers = Object.fromEntries(
      Object.entries(e.headers as Record<string, unknown>).filter(
        (kv): kv is [string, string] => typeof kv[1] === 'string',
      ),
    );
  }
  return c;
}
