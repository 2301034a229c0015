// The spec-file language server: its own esbuild entry (dist/server.js), started by the
// extension in a Node process over IPC. It makes no HTTP requests: it asks the extension for
// connections and live values (custom requests), and needs neither `vscode` nor the client.
// LSP's lifecycle and document sync are answered here over specfile/rpc.ts; the documents'
// incremental edits are applied by vscode-languageserver-textdocument.
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CONNECTIONS_CHANGED_NOTIFICATION,
  RESOLVE_LAUNCHES_REQUEST,
  ResolveLaunchesParams,
  ResolveLaunchesResult,
} from '../specfile/protocol';
import type { DidChangeParams, DidOpenParams, Position } from '../specfile/lsp';
import { TextDocumentSyncKind } from '../specfile/lsp';
import { ipcPort, RpcEndpoint } from '../specfile/rpc';
import { ServerConnections } from './connections';
import { configureServerL10n } from './serverL10n';
import { SpecService } from './specService';
import { Validator } from './validator';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

interface DocumentId {
  textDocument: { uri: string };
}
interface PositionParams extends DocumentId {
  position: Position;
}

const rpc = new RpcEndpoint(ipcPort(process), (message) => process.stderr.write(`${message}\n`));
const documents = new Map<string, TextDocument>();
// LSP's MessageType.Log (4): the client writes it to the output channel.
const log = (message: string) => rpc.sendNotification('window/logMessage', { type: 4, message });
const service = new SpecService(new ServerConnections(rpc, log));
const validator = new Validator(
  service,
  documents,
  (uri, diagnostics, version) => rpc.sendNotification('textDocument/publishDiagnostics', { uri, diagnostics, version }),
  log,
);
let shutDown = false;

rpc.onRequest('initialize', (params: { initializationOptions?: unknown }) => {
  configureServerL10n(params.initializationOptions);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [':', ' ', '-', '"', ',', '['], resolveProvider: false },
      hoverProvider: true,
      documentSymbolProvider: true,
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'jobdeck-spec' },
  };
});
rpc.onNotification('initialized', () => undefined);
rpc.onRequest('shutdown', () => {
  shutDown = true;
  return null;
});
rpc.onNotification('exit', () => process.exit(shutDown ? 0 : 1));
// The extension host went away without a word: nothing is left to serve.
rpc.onClose(() => process.exit(shutDown ? 0 : 1));

rpc.onNotification('textDocument/didOpen', ({ textDocument: d }: DidOpenParams) => {
  documents.set(d.uri, TextDocument.create(d.uri, d.languageId, d.version, d.text));
  validator.schedule(d.uri, 0);
});
rpc.onNotification('textDocument/didChange', (p: DidChangeParams) => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc) return;
  TextDocument.update(doc, p.contentChanges, p.textDocument.version);
  validator.schedule(doc.uri);
});
rpc.onNotification('textDocument/didClose', (p: DocumentId) => {
  documents.delete(p.textDocument.uri);
  validator.forget(p.textDocument.uri);
});

rpc.onNotification(CONNECTIONS_CHANGED_NOTIFICATION, () => {
  service.reset();
  for (const d of documents.values()) validator.schedule(d.uri, 0);
  void rpc.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
});

rpc.onRequest('textDocument/completion', async (p: PositionParams) => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc) return [];
  return service.completion(doc.uri, doc.getText(), doc.offsetAt(p.position));
});

rpc.onRequest('textDocument/hover', async (p: PositionParams) => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc) return null;
  return (await service.hover(doc.uri, doc.getText(), doc.offsetAt(p.position))) ?? null;
});

rpc.onRequest('textDocument/documentSymbol', async (p: DocumentId) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? service.symbols(doc.uri, doc.getText()) : [];
});

rpc.onRequest('textDocument/codeLens', async (p: DocumentId) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? service.codeLenses(doc.uri, doc.getText()) : [];
});

rpc.onRequest(RESOLVE_LAUNCHES_REQUEST, async (params: ResolveLaunchesParams): Promise<ResolveLaunchesResult> => {
  const doc = documents.get(params.uri);
  const text = doc ? doc.getText() : await readFile(fileURLToPath(params.uri), 'utf8');
  return service.resolveLaunches(text, params);
});

rpc.listen();
