// The spec files' language client, bundled as its own file (dist/languageClient.js): SpecClient
// requires it when the first spec file opens, so nobody else loads it. It starts dist/server.js
// in a Node process over IPC, keeps the open spec files in sync with it, and puts its
// completion, hover, outline, CodeLens and diagnostics into VS Code. It speaks LSP through
// specfile/rpc.ts rather than vscode-languageclient, which was 100 KB of the VSIX for these
// five features (issue 20: VSIX ≤ 250 KB).
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { fork, type ChildProcess } from 'node:child_process';
import type {
  CodeLens,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
} from 'vscode-languageserver-types';
import type { DidChangeParams, DidOpenParams } from '../specfile/lsp';
import { ipcPort, RpcEndpoint } from '../specfile/rpc';
import { l10nBundleOf } from '../shared/l10nBundle';
import {
  fromPosition,
  fromRange,
  toCodeLenses,
  toCompletionList,
  toDiagnostic,
  toHover,
  toSymbols,
} from './lspConvert';

export const SPEC_DOCUMENT_SELECTOR: vscode.DocumentFilter[] = [
  { scheme: 'file', pattern: '**/*.jobdeck.{yaml,yml,json}' },
];

/** As vscode-languageclient does: a server that exits 5 times in 3 minutes is left stopped. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;

type RequestHandler = (params: never, signal: AbortSignal) => unknown;

interface ServerCapabilities {
  completionProvider?: { triggerCharacters?: string[] };
  hoverProvider?: boolean;
  documentSymbolProvider?: boolean;
  codeLensProvider?: object;
}

export class SpecLanguageClient {
  private child?: ChildProcess;
  private rpc?: RpcEndpoint;
  private readonly handlers = new Map<string, RequestHandler>();
  private readonly output: vscode.OutputChannel;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('jobdeck.spec');
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  /** The documents the server has open (didOpen sent), by URI. */
  private readonly synced = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private providersRegistered = false;
  /** initialize answered: documents may be sent. */
  private ready = false;
  private crashes: number[] = [];
  private stopping = false;

  constructor(
    private readonly serverModule: string,
    private readonly l10nBundle?: Record<string, string>,
  ) {
    this.output = vscode.window.createOutputChannel('Jobdeck Spec Files');
    // This bundle's own copy of @vscode/l10n (specfile/rpc.ts's messages) speaks the display language.
    l10n.config({ contents: l10nBundleOf(l10nBundle) });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Answers a request the server sends (connections, choice lists). */
  onRequest<P>(method: string, handler: (params: P, signal: AbortSignal) => unknown): void {
    this.handlers.set(method, handler as RequestHandler);
    this.rpc?.onRequest(method, handler);
  }

  sendRequest<R>(method: string, params?: unknown, signal?: AbortSignal): Promise<R> {
    if (!this.rpc) return Promise.reject(new Error('The spec file language server is not running.'));
    return this.rpc.sendRequest<R>(method, params, signal);
  }

  sendNotification(method: string, params?: unknown): void {
    this.rpc?.sendNotification(method, params);
  }

  async start(): Promise<void> {
    this.stopping = false;
    this.ready = false;
    this.synced.clear();
    const child = fork(this.serverModule, ['--node-ipc', `--clientProcessId=${process.pid}`], {
      // The extension host may be Electron: this makes it run the server as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr?.setEncoding('utf8').on('data', (text: string) => this.output.append(text));
    const rpc = new RpcEndpoint(ipcPort(child), (message) => this.output.appendLine(message));
    for (const [method, handler] of this.handlers) rpc.onRequest(method, handler);
    rpc.onNotification('window/logMessage', (p: { message?: string }) => this.output.appendLine(String(p?.message)));
    rpc.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) =>
      this.diagnostics.set(vscode.Uri.parse(p.uri), p.diagnostics.map(toDiagnostic)),
    );
    rpc.onRequest('workspace/codeLens/refresh', () => {
      this.lensesChanged.fire();
      return null;
    });
    child.once('exit', (code, signal) => this.exited(child, code, signal));
    this.child = child;
    this.rpc = rpc;
    rpc.listen();
    const init = await rpc.sendRequest<{ capabilities: ServerCapabilities }>('initialize', {
      processId: process.pid,
      clientInfo: { name: 'Jobdeck', version: vscode.version },
      rootUri: null,
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false },
          completion: {
            completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          codeLens: {},
          publishDiagnostics: {},
        },
        workspace: { codeLens: { refreshSupport: true } },
      },
      initializationOptions: { l10n: this.l10nBundle },
    });
    rpc.sendNotification('initialized', {});
    this.registerProviders(init.capabilities ?? {});
    this.ready = true;
    this.output.appendLine(`Server started (pid ${String(child.pid)}).`);
    for (const doc of vscode.workspace.textDocuments) this.open(doc);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.ready = false;
    const { rpc, child } = this;
    this.rpc = undefined;
    this.child = undefined;
    for (const d of this.subscriptions.splice(0)) d.dispose();
    this.providersRegistered = false;
    this.diagnostics.dispose();
    this.lensesChanged.dispose();
    if (rpc && child && child.exitCode === null) {
      const gone = new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          child.kill();
          resolve();
        }, 2000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      await rpc.sendRequest('shutdown').catch(() => undefined);
      rpc.sendNotification('exit');
      await gone;
    }
    rpc?.dispose();
    this.output.dispose();
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child || this.stopping) return;
    this.rpc?.dispose();
    this.rpc = undefined;
    this.child = undefined;
    this.ready = false;
    this.diagnostics.clear();
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < RESTART_WINDOW_MS), now];
    const why = signal ? `signal ${signal}` : `code ${String(code)}`;
    if (this.crashes.length > MAX_RESTARTS) {
      this.output.appendLine(`The server exited (${why}) ${this.crashes.length} times in 3 minutes: not restarted.`);
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'The Jobdeck spec file server stopped {0} times in 3 minutes and is not started again. Its output is in "Jobdeck Spec Files".',
          this.crashes.length,
        ),
      );
      return;
    }
    this.output.appendLine(`The server exited (${why}); starting it again.`);
    void this.start().catch((e: unknown) => this.output.appendLine(`Restart failed: ${(e as Error).message}`));
  }

  private matches(doc: vscode.TextDocument): boolean {
    return vscode.languages.match(SPEC_DOCUMENT_SELECTOR, doc) > 0;
  }

  private open(doc: vscode.TextDocument): void {
    const uri = doc.uri.toString();
    if (!this.rpc || !this.ready || this.synced.has(uri) || !this.matches(doc)) return;
    this.synced.add(uri);
    const params: DidOpenParams = {
      textDocument: { uri, languageId: doc.languageId, version: doc.version, text: doc.getText() },
    };
    this.rpc.sendNotification('textDocument/didOpen', params);
  }

  private registerProviders(caps: ServerCapabilities): void {
    if (this.providersRegistered) return;
    this.providersRegistered = true;
    const selector = SPEC_DOCUMENT_SELECTOR;
    const at = (doc: vscode.TextDocument, position: vscode.Position) => ({
      textDocument: { uri: doc.uri.toString() },
      position: fromPosition(position),
    });
    const ask = async <R>(method: string, params: unknown, token: vscode.CancellationToken): Promise<R | null> => {
      if (!this.rpc || token.isCancellationRequested) return null;
      const abort = new AbortController();
      const cancelled = token.onCancellationRequested(() => abort.abort());
      try {
        return await this.rpc.sendRequest<R>(method, params, abort.signal);
      } catch (e) {
        if (!token.isCancellationRequested) this.output.appendLine(`${method} failed: ${(e as Error).message}`);
        return null;
      } finally {
        cancelled.dispose();
      }
    };
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.open(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        const uri = e.document.uri.toString();
        if (!this.rpc || !this.synced.has(uri) || !e.contentChanges.length) return;
        const params: DidChangeParams = {
          textDocument: { uri, version: e.document.version },
          contentChanges: e.contentChanges.map((c): DidChangeParams['contentChanges'][number] => ({
            range: fromRange(c.range),
            rangeLength: c.rangeLength,
            text: c.text,
          })),
        };
        this.rpc.sendNotification('textDocument/didChange', params);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const uri = doc.uri.toString();
        if (!this.synced.delete(uri)) return;
        this.rpc?.sendNotification('textDocument/didClose', { textDocument: { uri } });
        this.diagnostics.delete(doc.uri);
      }),
    );
    if (caps.completionProvider)
      this.subscriptions.push(
        vscode.languages.registerCompletionItemProvider(
          selector,
          {
            provideCompletionItems: async (doc, position, token, context) =>
              toCompletionList(
                await ask<CompletionItem[] | CompletionList>(
                  'textDocument/completion',
                  {
                    ...at(doc, position),
                    context: { triggerKind: context.triggerKind + 1, triggerCharacter: context.triggerCharacter },
                  },
                  token,
                ),
              ),
          },
          ...(caps.completionProvider.triggerCharacters ?? []),
        ),
      );
    if (caps.hoverProvider)
      this.subscriptions.push(
        vscode.languages.registerHoverProvider(selector, {
          provideHover: async (doc, position, token) =>
            toHover(await ask<Hover>('textDocument/hover', at(doc, position), token)),
        }),
      );
    if (caps.documentSymbolProvider)
      this.subscriptions.push(
        vscode.languages.registerDocumentSymbolProvider(
          selector,
          {
            provideDocumentSymbols: async (doc, token) =>
              toSymbols(
                await ask<DocumentSymbol[]>(
                  'textDocument/documentSymbol',
                  { textDocument: { uri: doc.uri.toString() } },
                  token,
                ),
              ),
          },
          { label: 'Jobdeck' },
        ),
      );
    if (caps.codeLensProvider)
      this.subscriptions.push(
        vscode.languages.registerCodeLensProvider(selector, {
          onDidChangeCodeLenses: this.lensesChanged.event,
          provideCodeLenses: async (doc, token) =>
            toCodeLenses(
              await ask<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: doc.uri.toString() } }, token),
            ),
        }),
      );
  }
}

/**
 * A client for the language server in `serverModule` (dist/server.js), over IPC. `l10n` is the
 * extension's bundle (vscode.l10n.bundle): the server's messages speak the display language.
 */
export function createSpecLanguageClient(serverModule: string, l10n?: Record<string, string>): SpecLanguageClient {
  return new SpecLanguageClient(serverModule, l10n);
}
