// The spec files' words arrive in the display language: the extension passes its l10n bundle
// (vscode.l10n.bundle) as initializationOptions.l10n, the server configures @vscode/l10n with it,
// and diagnostics, hovers and completions are made from it. Shown once in this process (the
// analyzer with the server's own configure step) and once through the real server process.
import * as assert from 'node:assert/strict';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from './serverProcess';
import { configureServerL10n } from '../../../src/server/serverL10n';
import { analyzeSpec } from '../../../src/specfile/analyze';
import { parseSpec } from '../../../src/specfile/document';
import { hoverAt } from '../../../src/specfile/hover';
import { JobStore } from '../../../src/store/jobStore';
import { startSpecServer, type SpecServerProcess } from './serverProcess';
import { CONNECTIONS, lines } from './support';

const GERMAN = {
  'Unknown top-level key “{0}”; expected {1}.': 'Unbekannter Schlüssel „{0}“ auf oberster Ebene; erwartet: {1}.',
  'Map keys must be unique': 'Schlüssel einer Map müssen eindeutig sein',
  'unknown connection': 'unbekannte Verbindung',
};

// A key that looks like a placeholder: text of the file is an argument, never a template.
const TEXT = lines('launches: []', 'owner: a', 'owner: b', '"{1} {0}": x', 'connection: nowhere');

describe('spec files in the display language (@vscode/l10n)', () => {
  afterEach(() => configureServerL10n(undefined));

  it('diagnostics and hovers use the bundle the server was given; file text stays text', () => {
    configureServerL10n({ l10n: GERMAN });
    const file = parseSpec(TEXT);
    const a = analyzeSpec(file, { connections: CONNECTIONS });
    const messages = a.problems.map((p) => p.message);
    assert.ok(messages.includes('Schlüssel einer Map müssen eindeutig sein'), messages.join('\n'));
    assert.ok(
      messages.includes('Unbekannter Schlüssel „owner“ auf oberster Ebene; erwartet: connection, launches.'),
      messages.join('\n'),
    );
    assert.ok(
      messages.includes('Unbekannter Schlüssel „{1} {0}“ auf oberster Ebene; erwartet: connection, launches.'),
      messages.join('\n'),
    );
    const hover = hoverAt(file, a, CONNECTIONS, TEXT.indexOf('nowhere') + 1);
    assert.match(hover?.markdown ?? '', /^\*\*nowhere\*\* · unbekannte Verbindung\n/);
  });

  it('says it in English without a bundle (English VS Code), or with one that is not a bundle', () => {
    for (const options of [undefined, {}, { l10n: undefined }, { l10n: 'Knoten' }, { l10n: ['x'] }]) {
      configureServerL10n(options);
      const a = analyzeSpec(parseSpec(TEXT), { connections: CONNECTIONS });
      assert.ok(
        a.problems.some((p) => p.message === 'Unknown top-level key “owner”; expected connection, launches.'),
        JSON.stringify(options),
      );
      assert.ok(a.problems.some((p) => p.message === 'Map keys must be unique'));
    }
  });

  describe('the server process, given the bundle in initializationOptions', function () {
    this.timeout(20_000);
    let server: SpecServerProcess;
    let rpc: MessageConnection;
    const jobStore = new JobStore();
    let diagnostics: PublishDiagnosticsParams[];

    before(async () => {
      server = await startSpecServer(jobStore, { initializationOptions: { l10n: GERMAN } });
      ({ rpc, diagnostics } = server);
    });

    after(async () => {
      await server.stop();
      jobStore.dispose();
    });

    it('publishes its diagnostics in the bundle’s words', async () => {
      const uri = 'file:///tmp/l10n-test/de.jobdeck.yaml';
      await rpc.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'jobdeck-yaml', version: 1, text: TEXT },
      });
      const end = Date.now() + 8000;
      let published: PublishDiagnosticsParams | undefined;
      while (!(published = diagnostics.find((d) => d.uri === uri)) && Date.now() < end)
        await new Promise((r) => setTimeout(r, 25));
      const messages = published?.diagnostics.map((d) => d.message) ?? [];
      assert.ok(messages.includes('Schlüssel einer Map müssen eindeutig sein'), messages.join('\n'));
      assert.ok(
        messages.includes('Unbekannter Schlüssel „owner“ auf oberster Ebene; erwartet: connection, launches.'),
        messages.join('\n'),
      );
    });
  });
});
