// Starts the spec-file language server (dist/server.js, a Node process over IPC) the first time
// a `*.jobdeck.{yaml,yml,json}` file is open, and answers its questions: which connections
// exist, and a connection's choice lists. The lists are loaded here, through the Jobs view's
// client (one set of tokens, TLS options and proxy settings); the server makes no requests.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { SpecLanguageClient } from './languageClient';
import {
  CHOICES_REQUEST,
  ChoicesParams,
  CONNECTIONS_CHANGED_NOTIFICATION,
  CONNECTIONS_REQUEST,
  RESOLVE_LAUNCHES_REQUEST,
  ResolveLaunchesParams,
  ResolveLaunchesResult,
  isSpecPath,
} from '../specfile/protocol';
import { answerChoices, answerConnections } from './specAnswers';
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
  private client?: SpecLanguageClient;
  private starting?: Promise<SpecLanguageClient>;
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
  start(): Promise<SpecLanguageClient> {
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

  /** The server's process id while it runs (its output channel names it too). */
  get serverPid(): number | undefined {
    return this.client?.pid;
  }

  override dispose(): void {
    super.dispose();
    const client = this.client;
    this.client = undefined;
    void client?.stop().catch(() => undefined);
  }

  private async launch(): Promise<SpecLanguageClient> {
    // A runtime require of its own bundle: only spec files need it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createSpecLanguageClient } = require(
      this.services.context.asAbsolutePath('dist/languageClient.js'),
    ) as typeof import('./languageClient');
    const client = createSpecLanguageClient(this.services.context.asAbsolutePath('dist/server.js'), vscode.l10n.bundle);
    const trusted = () => vscode.workspace.isTrusted;
    client.onRequest(CONNECTIONS_REQUEST, () => answerConnections(this.services.jobStore, trusted(), this.lensKey));
    client.onRequest(CHOICES_REQUEST, (params: ChoicesParams, signal) =>
      answerChoices(this.services.jobStore, params, trusted(), signal),
    );
    await client.start();
    this.client = client;
    log.info('Spec file language server started.');
    return client;
  }
}
