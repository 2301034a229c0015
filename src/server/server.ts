// The spec-file language server: its own esbuild entry (dist/server.js), started by the
// extension in a Node process over IPC. It makes no HTTP requests: it asks the extension for
// connections and live values (custom requests), and needs neither `vscode` nor the client.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CONNECTIONS_CHANGED_NOTIFICATION,
  RESOLVE_LAUNCHES_REQUEST,
  ResolveLaunchesParams,
  ResolveLaunchesResult,
} from '../specfile/protocol';
import { ServerConnections } from './connections';
import { configureServerL10n } from './serverL10n';
import { SpecService } from './specService';
import { Validator } from './validator';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (message: string) => connection.console.log(message);
const service = new SpecService(new ServerConnections(connection, log));
const validator = new Validator(
  service,
  documents,
  (uri, diagnostics, version) => {
    void connection.sendDiagnostics({ uri, diagnostics, version });
  },
  log,
);

connection.onInitialize((params) => {
  configureServerL10n(params.initializationOptions);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [':', ' ', '-', '"', ',', '['], resolveProvider: false },
      hoverProvider: true,
      documentSymbolProvider: true,
      codeLensProvider: { resolveProvider: false },
    },
  };
});

documents.onDidOpen((e) => validator.schedule(e.document.uri, 0));
documents.onDidChangeContent((e) => validator.schedule(e.document.uri));
documents.onDidClose((e) => validator.forget(e.document.uri));

connection.onNotification(CONNECTIONS_CHANGED_NOTIFICATION, () => {
  service.reset();
  for (const d of documents.all()) validator.schedule(d.uri, 0);
  void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
});

connection.onCompletion(async (p) => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc) return [];
  return service.completion(doc.uri, doc.getText(), doc.offsetAt(p.position));
});

connection.onHover(async (p) => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc) return null;
  return (await service.hover(doc.uri, doc.getText(), doc.offsetAt(p.position))) ?? null;
});

connection.onDocumentSymbol(async (p) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? service.symbols(doc.uri, doc.getText()) : [];
});

connection.onCodeLens(async (p) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? service.codeLenses(doc.uri, doc.getText()) : [];
});

connection.onRequest(
  RESOLVE_LAUNCHES_REQUEST,
  async (params: ResolveLaunchesParams): Promise<ResolveLaunchesResult> => {
    const doc = documents.get(params.uri);
    const text = doc ? doc.getText() : await readFile(fileURLToPath(params.uri), 'utf8');
    return service.resolveLaunches(text, params);
  },
);

documents.listen(connection);
connection.listen();
