// The real spec language server (out/src/server/server.js) forked over Node IPC, as the
// LanguageClient starts it, with "the extension" side answered by this test process from
// `jobStore` (the real stores and client). Shared by the process-level spec tests.
import { ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';

/** LSP's textDocument/publishDiagnostics parameters. */
export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}
import { answerConnections } from '../../../src/extension/specAnswers';
import { CHOICES_REQUEST, ChoicesParams, CONNECTIONS_REQUEST } from '../../../src/specfile/protocol';
import type { JobStore } from '../../../src/store/jobStore';

const SERVER = path.resolve(__dirname, '../../../src/server/server.js');

export interface SpecServerProcess {
  rpc: MessageConnection;
  /** Every publishDiagnostics the server sent, in order. */
  diagnostics: PublishDiagnosticsParams[];
  capabilities: Record<string, unknown>;
  /** shutdown, exit, and the process gone (killed after 2 s). */
  stop(): Promise<void>;
}

export async function startSpecServer(
  jobStore: JobStore,
  opts: { initializationOptions?: unknown; onChoices?: (p: ChoicesParams) => unknown } = {},
): Promise<SpecServerProcess> {
  const child: ChildProcess = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const rpc = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const diagnostics: PublishDiagnosticsParams[] = [];
  rpc.onRequest(CONNECTIONS_REQUEST, () => answerConnections(jobStore, true, 'k'));
  if (opts.onChoices) rpc.onRequest(CHOICES_REQUEST, opts.onChoices);
  rpc.onRequest('workspace/codeLens/refresh', () => null);
  rpc.onRequest('client/registerCapability', () => null);
  rpc.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.push(p);
  });
  rpc.onNotification('window/logMessage', () => undefined);
  rpc.listen();
  const init = await rpc.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    ...(opts.initializationOptions !== undefined ? { initializationOptions: opts.initializationOptions } : {}),
  });
  await rpc.sendNotification('initialized', {});
  const stop = async () => {
    await rpc.sendRequest('shutdown').catch(() => undefined);
    await rpc.sendNotification('exit').catch(() => undefined);
    rpc.dispose();
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        child.kill();
        resolve();
      }, 2000);
      child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  };
  return { rpc, diagnostics, capabilities: init.capabilities, stop };
}
