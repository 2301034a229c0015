// Starts the spec-file language server (dist/server.js, a Node process over IPC) the first time
// a `*.jobdeck.{yaml,yml,json}` file is open, and answers its questions: which connections
// exist, and a connection's token at the moment a request needs it. Tokens travel over the
// IPC channel only; the server never reads them from disk.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isJobdeckError } from '../client/errors';
import {
  CONNECTIONS_CHANGED_NOTIFICATION,
  CONNECTIONS_REQUEST,
  ConnectionsResult,
  RESOLVE_LAUNCHES_REQUEST,
  ResolveLaunchesParams,
  ResolveLaunchesResult,
  TOKEN_REQUEST,
  TokenParams,
  TokenResult,
  isSpecPath,
} from '../specfile/protocol';
import { log } from '../platform/log';
import { Disposable } from '../shared/lifecycle';
import type { TokenStore } from '../platform/tokens';
import type { JobStore } from '../store/jobStore';

interface SpecClientDeps {
  context: vscode.ExtensionContext;
  jobStore: JobStore;
  tokens: TokenStore;
}

export class SpecClient extends Disposable {
  private client?: LanguageClient;
  private starting?: Promise<LanguageClient>;
  /** Known to this process and the language server only: a lens click's arguments carry it. */
  readonly lensKey = randomBytes(18).toString('base64url');

  constructor(private readonly services: SpecClientDeps) {
    super();
    const maybeStart = (doc: vscode.TextDocument) => {
      if (doc.uri.scheme === 'file' && isSpecPath(doc.uri.path)) void this.start();
    };
    this.register(vscode.workspace.onDidOpenTextDocument(maybeStart));
    vscode.workspace.textDocuments.forEach(maybeStart);
    const changed = () => void this.client?.sendNotification(CONNECTIONS_CHANGED_NOTIFICATION);
    this.register(services.jobStore.subscribe({ connections: changed }));
    this.register(services.tokens.onDidChange(changed));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(changed));
  }

  /** Starts the server once; later calls return the same client. */
  start(): Promise<LanguageClient> {
    this.starting ??= this.launch().catch((e: unknown) => {
      this.starting = undefined;
      log.error(`Spec file language server did not start: ${(e as Error).message}`);
      throw e;
    });
    return this.starting;
  }

  async resolveLaunches(params: ResolveLaunchesParams): Promise<ResolveLaunchesResult> {
    const client = await this.start();
    return client.sendRequest<ResolveLaunchesResult>(RESOLVE_LAUNCHES_REQUEST, params);
  }

  override dispose(): void {
    super.dispose();
    const client = this.client;
    this.client = undefined;
    void client?.stop().catch(() => undefined);
  }

  private async launch(): Promise<LanguageClient> {
    // A runtime require of its own bundle: vscode-languageclient is most of Jobdeck's code.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createSpecLanguageClient } = require(
      this.services.context.asAbsolutePath('dist/languageClient.js'),
    ) as typeof import('./languageClient');
    const client = createSpecLanguageClient(this.services.context.asAbsolutePath('dist/server.js'));
    client.onRequest(CONNECTIONS_REQUEST, (): ConnectionsResult => ({
      connections: this.services.jobStore.all().map((s) => s.config),
      version: String((this.services.context.extension.packageJSON as { version?: string }).version ?? '0'),
      trusted: vscode.workspace.isTrusted,
      lensKey: this.lensKey,
    }));
    client.onRequest(TOKEN_REQUEST, (params: TokenParams) => answerTokenRequest(this.services, params));
    await client.start();
    this.client = client;
    log.info('Spec file language server started.');
    return client;
  }
}

/**
 * The language server asks for a connection's token, naming the origin its request goes to:
 * the answer is the token only when that origin is the one the token is bound to. Nothing in
 * Restricted Mode: a spec file in a workspace not trusted makes no authenticated request.
 */
export async function answerTokenRequest(
  services: Pick<SpecClientDeps, 'jobStore' | 'tokens'>,
  params: TokenParams,
): Promise<TokenResult> {
  if (!vscode.workspace.isTrusted) return { error: 'spec files make no requests until you trust this workspace' };
  const store = services.jobStore.get(String(params?.connection));
  if (!store) return { error: `no connection named ${String(params?.connection)}` };
  if (typeof params.origin !== 'string') return { error: 'the request named no destination' };
  try {
    // The provider refuses any origin but the one the token is bound to.
    return { token: await services.tokens.provider(store.config)(params.origin) };
  } catch (e) {
    return { error: isJobdeckError(e) ? e.shortMessage : (e as Error).message };
  }
}
