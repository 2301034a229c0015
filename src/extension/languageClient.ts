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

/** A client for the language server in `serverModule` (dist/server.js), over IPC. */
export function createSpecLanguageClient(serverModule: string): LanguageClient {
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
  };
  return new LanguageClient('jobdeck.spec', 'Jobdeck Spec Files', serverOptions, clientOptions);
}
