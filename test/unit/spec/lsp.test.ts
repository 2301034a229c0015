// The real server process (out/src/server/server.js) over Node IPC, as the LanguageClient starts
// it: LSP messages in, diagnostics/completion/CodeLens out, and the custom requests by which it
// asks "the extension" (this test, answering with the extension's real stores and client) for
// connections and live values. The server itself makes no HTTP request.
import * as assert from 'node:assert/strict';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { CompletionItem, CodeLens } from 'vscode-languageserver-types';
import type { PublishDiagnosticsParams } from './serverProcess';
import { connect } from '../../../src/client/registry';
import { answerChoices } from '../../../src/extension/specAnswers';
import {
  ChoicesParams,
  CONNECTIONS_CHANGED_NOTIFICATION,
  RESOLVE_LAUNCHES_REQUEST,
  ResolveLaunchesResult,
} from '../../../src/specfile/protocol';
import { ConnectionStore } from '../../../src/store/connectionStore';
import { JobStore } from '../../../src/store/jobStore';
import { RecordingServer, startRecordingServer } from '../support/recordingServer';
import { startSpecServer, type SpecServerProcess } from './serverProcess';
import { lines } from './support';

const URI = 'file:///tmp/lsp-test/nightly.jobdeck.yaml';
const TOKEN = 'ipc-token-0042';

describe('spec language server process (LSP over IPC)', function () {
  this.timeout(20_000);
  let jobs: RecordingServer;
  let server: SpecServerProcess;
  let rpc: MessageConnection;
  const jobStore = new JobStore();
  const choiceAsks: ChoicesParams[] = [];
  const setConnection = (name: string) =>
    jobStore.setConnections([{ name, kind: 'cdrouter', url: jobs.url }], (config) => {
      const c = connect(config, { token: async () => TOKEN, userAgent: 'Jobdeck/0.0.1 (extension side)' });
      return new ConnectionStore(c, 50);
    });
  let diagnostics: PublishDiagnosticsParams[];

  before(async () => {
    jobs = await startRecordingServer((r) => {
      if (r.path === '/api/v1/packages/')
        return {
          body: {
            data: [
              { id: '1034', name: 'dns' },
              { id: '1167', name: 'smoke' },
            ],
            links: { next: 0 },
          },
        };
      return { status: 404, body: { error: 'no such thing' } };
    });
    setConnection('lab');
    server = await startSpecServer(jobStore, {
      onChoices: (p) => {
        choiceAsks.push(p);
        return answerChoices(jobStore, p, true);
      },
    });
    ({ rpc, diagnostics } = server);
    const caps = server.capabilities;
    assert.ok(caps.completionProvider && caps.codeLensProvider && caps.hoverProvider && caps.documentSymbolProvider);
  });

  after(async () => {
    await server.stop();
    jobStore.dispose();
    await jobs.close();
  });

  async function until<T>(what: string, get: () => T | undefined, ms = 8000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = get();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  const text = lines(
    'launches:',
    '  - connection: lab',
    '    package: smok',
    '  - connection: lab',
    '    package: dns',
  );

  /** Opens the file once (whichever test runs first) and waits for its live diagnostics. */
  let opened: Promise<PublishDiagnosticsParams> | undefined;
  const openFile = () =>
    (opened ??= (async () => {
      await rpc.sendNotification('textDocument/didOpen', {
        textDocument: { uri: URI, languageId: 'yaml', version: 1, text },
      });
      return until('live diagnostics', () =>
        diagnostics.find((d) => d.uri === URI && d.diagnostics.some((x) => x.code === 'notOnServer')),
      );
    })());

  it('publishes diagnostics checked against lists the extension loaded for it', async () => {
    const live = await openFile();
    assert.deepEqual(
      live.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.message]),
      [['notOnServer', 2, 13, 'No package “smok” on lab (2 packages listed). Did you mean “smoke”?']],
    );
    assert.equal(live.version, 1);
    const req = jobs.requests.find((r) => r.path === '/api/v1/packages/');
    assert.equal(req?.headers.authorization, `Bearer ${TOKEN}`);
    assert.deepEqual(choiceAsks, [{ connection: 'lab', field: 'package' }]);
    assert.ok(
      jobs.requests.every((r) => r.headers['user-agent'] === 'Jobdeck/0.0.1 (extension side)'),
      'every request came from the extension side, none from the server process',
    );
  });

  it('completes live values, CodeLens and resolves launches over the same connection', async () => {
    await openFile();
    const items = await rpc.sendRequest<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line: 2, character: 17 },
    });
    assert.deepEqual(
      items.map((i) => i.label),
      ['dns', 'smoke'],
    );
    const lenses = await rpc.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['▶ Launch all (2)', '▶ Launch', '▶ Launch'],
    );
    const resolved = await rpc.sendRequest<ResolveLaunchesResult>(RESOLVE_LAUNCHES_REQUEST, { uri: URI });
    assert.deepEqual(
      resolved.launches.map((l) => [l.connection, l.spec, l.problems.length]),
      [
        ['lab', undefined, 1],
        ['lab', { kind: 'cdrouter', packageId: '1034' }, 0],
      ],
    );
  });

  it('checks again after an edit, and after the client says connections changed', async () => {
    diagnostics.length = 0;
    await rpc.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [
        { range: { start: { line: 2, character: 13 }, end: { line: 2, character: 17 } }, text: 'smoke' },
      ],
    });
    const fixed = await until('diagnostics of version 2', () => diagnostics.find((d) => d.version === 2));
    assert.deepEqual(fixed.diagnostics, []);
    diagnostics.length = 0;
    setConnection('lab-renamed');
    await rpc.sendNotification(CONNECTIONS_CHANGED_NOTIFICATION);
    const after = await until('diagnostics after the change', () => diagnostics.find((d) => d.diagnostics.length > 0));
    assert.deepEqual(
      after.diagnostics.map((d) => d.code),
      ['unknownConnection', 'unknownConnection'],
    );
  });
});
