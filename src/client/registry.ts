// The dialects, one line each, and the adapter for a connection: the one place that knows
// which module speaks which dialect. A dialect that is declared (model.ts `Dialects`) but has
// no line here does not compile.
import * as l10n from '@vscode/l10n';
import type { DialectModule, JobsAdapter } from './adapter';
import type { ConnectionConfig } from './config';
import { HttpClient, HttpClientOptions, TokenProvider } from './http';
import { DIALECT_KINDS } from './dialectInfo';
import type { DialectKind } from './model';
import { dialect as cnaasNms } from './dialects/cnaasNms';
import { dialect as cdrouter } from './dialects/cdrouter';
import { dialect as puppetOrchestrator } from './dialects/puppetOrchestrator';
import { dialect as stackJobs } from './dialects/stackJobs';
import { dialect as beacon } from './dialects/beacon';

export const DIALECTS: { readonly [K in DialectKind]: DialectModule<K> } = {
  'cnaas-nms': cnaasNms,
  cdrouter,
  'puppet-orchestrator': puppetOrchestrator,
  'stack-jobs': stackJobs,
  beacon,
};

export { DIALECT_KINDS };

interface AdapterOptions extends Omit<HttpClientOptions, 'connection' | 'auth' | 'token'> {
  token: TokenProvider;
}

export interface Connection {
  config: ConnectionConfig;
  http: HttpClient;
  adapter: JobsAdapter;
}

export function connect(config: ConnectionConfig, options: AdapterOptions): Connection {
  const module = DIALECTS[config.kind];
  if (!module) throw new Error(l10n.t('unknown connection kind "{0}"', String(config.kind)));
  const http = new HttpClient({ ...options, connection: config, auth: module.auth });
  return { config, http, adapter: module.create(http) };
}
