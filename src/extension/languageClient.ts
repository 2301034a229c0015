// The spec files' LanguageClient, bundled as its own file (dist/languageClient.js, ~400 KB with
// vscode-languageclient): SpecClient requires it when the first spec file opens, so nobody
// else loads it.
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

export const SPEC_DOCUMENT_SELECTOR = [{ scheme: 'file', pattern: '**/*.jobdeck.{yaml,yml,json}' }];

/**
 * A client for the language server in `serverModule` (dist/server.js), over IPC. `l10n` is the
 * extension's bundle (vscode.l10n.bundle): the server's messages speak the display language.
 */
export function createSpecLanguageClient(serverModule: string, l10n?: Record<string, string>): LanguageClient {
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6019'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SPEC_DOCUMENT_SELECTOR,
    outputChannelName: 'Jobdeck Spec Files',
    initializationOptions: { l10n },
  };
  return new LanguageClient('jobdeck.spec', 'Jobdeck Spec Files', serverOptions, clientOptions);
}
