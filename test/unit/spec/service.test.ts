// The language server's logic against a real loopback HTTP server (test/unit/support/
// recordingServer): live values asked from the extension (whose real stores and client load
// them with the token), caching, CodeLens, launches.
import * as assert from 'node:assert/strict';
import type { ConnectionConfig } from '../../../src/client/config';
import { JobdeckError } from '../../../src/client/errors';
import { connect } from '../../../src/client/registry';
import { answerChoices, answerConnections } from '../../../src/extension/specAnswers';
import { ExtensionChannel, ServerConnections } from '../../../src/server/connections';
import { SpecService } from '../../../src/server/specService';
import { Validator } from '../../../src/server/validator';
import { CHOICES_REQUEST, ChoicesParams, CONNECTIONS_REQUEST } from '../../../src/specfile/protocol';
import { ConnectionStore } from '../../../src/store/connectionStore';
import { JobStore } from '../../../src/store/jobStore';
import { RecordedRequest, RecordingServer, ScriptedResponse, startRecordingServer } from '../support/recordingServer';
import { lines } from './support';
import { until } from '../support/until';

const TOKEN = 'spec-token-4711';
const URI = 'file:///work/nightly.jobdeck.yaml';

function cdrouterList(items: { id: string; name: string }[]): ScriptedResponse {
  return {
    body: {
      timestamp: '2026-01-01T00:00:00Z',
      data: items,
      links: { current: 1, first: 1, last: 1, limit: 100, next: 0, total: items.length },
    },
  };
}

const PACKAGES = [
  { id: '1034', name: 'dns' },
  { id: '1069', name: 'nightly performance' },
];
const DEVICES = [{ id: '12', name: 'Device Foo' }];

const LENS_KEY = 'lens-key-of-this-session';

/** The extension's side, as specClient.ts wires it: real stores, each with its own HTTP client. */
class FakeExtension implements ExtensionChannel {
  /** Why the token store refuses to give the token (undefined: it gives TOKEN). */
  tokenError?: string;
  tokenAsks = 0;
  /** The origins the token was asked for. */
  tokenOrigins: string[] = [];
  trusted = true;
  asked: string[] = [];
  readonly jobStore = new JobStore();
  constructor(connections: ConnectionConfig[]) {
    this.connections = connections;
  }
  set connections(configs: ConnectionConfig[]) {
    const token = async (origin: string) => {
      this.tokenAsks++;
      this.tokenOrigins.push(origin);
      if (this.tokenError)
        throw new JobdeckError({
          code: 'untrusted',
          connection: 'lab',
          operation: 'get token',
          detail: this.tokenError,
        });
      return TOKEN;
    };
    const make = (config: ConnectionConfig) => connect(config, { userAgent: 'Jobdeck/9.9.9 (VS Code test)', token });
    // As core.ts does: a connection the client refuses (a bad URL) is not used at all.
    const usable = configs.filter((c) => {
      try {
        make(c);
        return true;
      } catch {
        return false;
      }
    });
    this.jobStore.setConnections(usable, (config) => new ConnectionStore(make(config), 50));
  }
  async sendRequest<R>(method: string, params?: unknown): Promise<R> {
    this.asked.push(method);
    if (method === CONNECTIONS_REQUEST) return answerConnections(this.jobStore, this.trusted, LENS_KEY) as R;
    if (method === CHOICES_REQUEST)
      return (await answerChoices(this.jobStore, params as ChoicesParams, this.trusted)) as R;
    throw new Error(`unexpected request ${method}`);
  }
}

describe('spec language server: live values', () => {
  let server: RecordingServer;
  let ext: FakeExtension;
  let service: SpecService;
  let status: number;
  let delayMs: number;

  const choiceRequests = () =>
    server.requests.filter((r) => r.path.startsWith('/api/v1/packages/') || r.path.startsWith('/api/v1/devices/'));

  beforeEach(async () => {
    status = 200;
    delayMs = 0;
    server = await startRecordingServer((r: RecordedRequest) => {
      if (status !== 200) return { status, body: { error: 'token rejected' } };
      if (r.path === '/api/v1/packages/') return { ...cdrouterList(PACKAGES), delayMs };
      if (r.path === '/api/v1/devices/') return { ...cdrouterList(DEVICES), delayMs };
      if (r.path === '/api/v1/configs/') return cdrouterList([]);
      return { status: 404, body: { error: 'no such thing' } };
    });
    ext = new FakeExtension([
      { name: 'lab', kind: 'cdrouter', url: server.url },
      { name: 'nms', kind: 'cnaas-nms', url: server.url },
    ]);
    service = new SpecService(new ServerConnections(ext), { ttlMs: 60_000, errorTtlMs: 60_000 });
  });

  afterEach(async () => {
    ext.jobStore.dispose();
    await server.close();
  });

  it('checks values against the server, loaded by the extension with its token and client', async () => {
    const text = lines('launches:', '  - connection: lab', '    package: nightly perfomance', '    device: Device Foo');
    const a = await service.analyzeLive(URI, text);
    const d = service.diagnostics(URI, a);
    assert.deepEqual(
      d.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.character, x.range.end.character]),
      [['notOnServer', 1, 2, 13, 31]],
    );
    assert.match(String(d[0].message), /Did you mean “nightly performance”\?/);
    assert.equal(d[0].source, 'jobdeck');
    const reqs = choiceRequests();
    assert.deepEqual(reqs.map((r) => r.path).sort(), ['/api/v1/devices/', '/api/v1/packages/']);
    for (const r of reqs) {
      assert.equal(r.headers.authorization, `Bearer ${TOKEN}`);
      assert.match(String(r.headers['user-agent']), /^Jobdeck\/9\.9\.9 \(VS Code test\)/);
    }
    assert.deepEqual(ext.asked.filter((m) => m === CONNECTIONS_REQUEST).length, 1);
    assert.equal(ext.asked.filter((m) => m === CHOICES_REQUEST).length, 2, 'one question per list');
    assert.ok(ext.tokenAsks >= 2, 'the token is read for each request, not kept');
    // Each read names the origin the request goes to (the token store checks it).
    assert.deepEqual([...new Set(ext.tokenOrigins)], [new URL(server.url).origin]);
  });

  it("the extension's requests for the server: a connection URL that re-points its path reaches no other host", async () => {
    const elsewhere = await startRecordingServer(() => cdrouterList(PACKAGES));
    try {
      const other = new URL(elsewhere.url).host;
      for (const url of [`${server.url}//${other}`, `${server.url}/.//${other}`, `${server.url}\\${other}`]) {
        const lost = new SpecService(
          new ServerConnections(new FakeExtension([{ name: 'lab', kind: 'cdrouter', url }])),
        );
        await lost.analyzeLive(URI, lines('launches:', '  - connection: lab', '    package: dns'));
        await lost.completion(URI, lines('launches:', '  - connection: lab', '    package: '), 40);
      }
      assert.equal(elsewhere.requests.length, 0, 'the other host heard nothing');
    } finally {
      await elsewhere.close();
    }
  });

  it('Restricted Mode: no request reaches any server and no token is read; values are reported unchecked, saying why', async () => {
    ext.trusted = false;
    const restricted = new SpecService(new ServerConnections(ext));
    const text = lines('launches:', '  - connection: lab', '    package: dns', '    device: Device Foo');
    const a = await restricted.analyzeLive(URI, text);
    const d = restricted.diagnostics(URI, a);
    assert.deepEqual(
      d.map((x) => x.code),
      ['listUnavailable', 'listUnavailable'],
    );
    assert.match(
      String(d[0].message),
      /Could not check packages on lab: spec files ask no server until you trust this workspace/,
    );
    await restricted.completion(URI, text.replace('package: dns', 'package: '), text.indexOf('package: ') + 9);
    await restricted.resolveLaunches(text, { uri: URI });
    assert.equal(server.requests.length, 0, 'nothing was sent');
    assert.equal(ext.asked.filter((m) => m === CHOICES_REQUEST).length, 0, 'the server asked for no list');
    assert.equal(ext.tokenAsks, 0);
    // And the extension refuses too, should a server ask anyway.
    assert.match(
      String((await answerChoices(ext.jobStore, { connection: 'lab', field: 'package' }, false)).error),
      /trust/,
    );
    assert.equal(server.requests.length, 0);
  });

  it('caches lists: typing again sends nothing; concurrent checks share one request', async () => {
    delayMs = 100;
    const text = lines('launches:', '  - connection: lab', '    package: dns');
    await Promise.all([
      service.analyzeLive(URI, text),
      service.analyzeLive(URI, text),
      service.analyzeLive(URI, text + '# edit\n'),
    ]);
    assert.equal(choiceRequests().length, 1);
    await service.analyzeLive(URI, text.replace('dns', 'dn'));
    assert.equal(choiceRequests().length, 1, 'cached');
    const c = await service.completion(URI, text.replace('package: dns', 'package: '), text.indexOf('package: ') + 9);
    assert.deepEqual(
      c.map((i) => i.label),
      ['dns', 'nightly performance'],
    );
    assert.equal(choiceRequests().length, 1, 'completion uses the cache too');
  });

  it('loads again after the time to live, and after connections change', async () => {
    const short = new SpecService(new ServerConnections(ext), { ttlMs: 30 });
    const text = lines('launches:', '  - connection: lab', '    package: dns');
    await short.analyzeLive(URI, text);
    await new Promise((r) => setTimeout(r, 60));
    await short.analyzeLive(URI, text);
    assert.equal(choiceRequests().length, 2);
    // A renamed connection: reset() asks the extension again.
    ext.connections = [{ name: 'lab2', kind: 'cdrouter', url: server.url }];
    short.reset();
    const a = await short.analyzeLive(URI, text);
    assert.deepEqual(
      a.analysis.problems.map((p) => p.code),
      ['unknownConnection'],
    );
    assert.equal(ext.asked.filter((m) => m === CONNECTIONS_REQUEST).length, 2);
  });

  it('a rejected token: one warning on the first value, and no launch by name', async () => {
    status = 401;
    const text = lines('launches:', '  - connection: lab', '    package: dns', '    device: 12');
    const a = await service.analyzeLive(URI, text);
    const d = service.diagnostics(URI, a);
    assert.deepEqual(
      d.map((x) => [x.code, x.severity, x.range.start.line]),
      [
        ['listUnavailable', 2, 2],
        ['listUnavailable', 2, 3],
      ],
    );
    assert.match(String(d[0].message), /Could not check packages on lab: .*not authorized.*401/);
    const r = await service.resolveLaunches(text, { uri: URI });
    assert.equal(r.launches[0].spec, undefined);
    assert.match(r.launches[0].problems.join(' '), /cannot resolve the package “dns” on lab/);
  });

  it('a token the extension refuses to give never reaches the server', async () => {
    ext.tokenError = 'the stored token was saved for https://old.example';
    const text = lines('launches:', '  - connection: lab', '    package: dns');
    const d = service.diagnostics(URI, await service.analyzeLive(URI, text));
    assert.deepEqual(
      d.map((x) => x.code),
      ['listUnavailable'],
    );
    assert.match(String(d[0].message), /saved for https:\/\/old\.example/);
    assert.equal(choiceRequests().length, 0);
  });

  it('resolves launches: by index, by cursor offset, or all; errors block only their own launch', async () => {
    const text = lines(
      'launches:',
      '  - connection: lab',
      '    package: nightly performance',
      '    device: Device Foo',
      '    tags: [n]',
      '  - connection: lab',
      '    package: nope',
      '  - connection: lab',
      '    packages: [dns, 1069]',
    );
    const all = await service.resolveLaunches(text, { uri: URI });
    assert.deepEqual(
      all.launches.map((l) => ({
        index: l.index,
        line: l.line,
        spec: l.spec,
        bulk: l.bulk,
        problems: l.problems.length,
      })),
      [
        {
          index: 0,
          line: 1,
          spec: { kind: 'cdrouter', packageId: '1069', deviceId: '12', options: { tags: ['n'] } },
          bulk: undefined,
          problems: 0,
        },
        { index: 1, line: 5, spec: undefined, bulk: undefined, problems: 1 },
        {
          index: 2,
          line: 7,
          spec: undefined,
          bulk: { by: 'packages', jobs: [{ packageId: '1034' }, { packageId: '1069' }] },
          problems: 0,
        },
      ],
    );
    assert.match(all.launches[1].problems[0], /^line 7: No package “nope” on lab/);
    const one = await service.resolveLaunches(text, { uri: URI, index: 2 });
    assert.deepEqual(
      one.launches.map((l) => l.index),
      [2],
    );
    const at = await service.resolveLaunches(text, { uri: URI, offset: text.indexOf('nope') });
    assert.deepEqual(
      at.launches.map((l) => l.index),
      [1],
    );
    const none = await service.resolveLaunches(text, { uri: URI, offset: 3 });
    assert.deepEqual(none.launches, []);
  });

  it('CodeLens: "▶ Launch all" on launches:, "▶ Launch" on each launch, with their arguments', async () => {
    const text = lines(
      'launches:',
      '  - connection: lab',
      '    package: dns',
      '  - label: both',
      '    connection: lab',
      '    packages: [dns, 1069]',
    );
    await service.analyzeLive(URI, text);
    const lenses = await service.codeLenses(URI, text);
    assert.deepEqual(
      lenses.map((l) => [
        l.range.start.line,
        l.command?.title,
        l.command?.command,
        JSON.stringify(l.command?.arguments),
      ]),
      [
        [0, '▶ Launch all (2)', 'jobdeck.launchSpecAll', JSON.stringify([{ uri: URI, key: LENS_KEY }])],
        [1, '▶ Launch', 'jobdeck.launchSpec', JSON.stringify([{ uri: URI, index: 0, key: LENS_KEY }])],
        [3, '▶ Launch (2 packages)', 'jobdeck.launchSpec', JSON.stringify([{ uri: URI, index: 1, key: LENS_KEY }])],
      ],
    );
    assert.deepEqual(await service.codeLenses(URI, 'launches: []\n'), []);
  });

  it('hover shows what a name resolved to on the server, and outline lists the launches', async () => {
    const text = lines('launches:', '  - connection: lab', '    package: dns', '  - connection: nms');
    await service.analyzeLive(URI, text);
    const h = await service.hover(URI, text, text.indexOf('dns') + 1);
    assert.equal((h?.contents as { value: string }).value, '**dns** · package `1034` on lab');
    const hc = await service.hover(URI, text, text.indexOf('nms') + 1);
    assert.match(
      (hc?.contents as { value: string }).value,
      /\*\*nms\*\* · CNaaS-NMS connection[\s\S]*cannot be launched/,
    );
    const symbols = await service.symbols(URI, text);
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail, s.range.start.line, s.children?.map((c) => `${c.name}=${c.detail}`)]),
      [
        ['lab: dns', 'CDRouter · lab', 1, ['connection=lab', 'package=dns']],
        ['nms', 'CNaaS-NMS · nms', 3, ['connection=nms']],
      ],
    );
  });

  it('JSON documents: schema-covered problems are left out', async () => {
    const json = 'file:///w/x.jobdeck.json';
    const text = '{"launches": [{"connection": "lab", "package": "dns", "tags": "x", "bogus": 1}]}';
    const d = service.diagnostics(json, await service.analyzeLive(json, text));
    assert.deepEqual(d, []);
    const yaml = service.diagnostics(URI, await service.analyzeLive(URI, text));
    assert.deepEqual(yaml.map((x) => x.code).sort(), ['unknownField', 'wrongType']);
  });

  describe('debounced diagnostics (Validator)', () => {
    it('publishes once after typing stops: structure first, then live values, only for the current version', async () => {
      const docs = new Map<string, { uri: string; version: number; getText(): string }>();
      const set = (version: number, text: string) => docs.set(URI, { uri: URI, version, getText: () => text });
      const published: { version?: number; codes: string[] }[] = [];
      const markers: (number | undefined)[] = [];
      const MARKER = 'file:///w/marker.jobdeck.yaml';
      const v = new Validator(
        service,
        { get: (u) => (u === MARKER ? { uri: u, version: 1, getText: () => 'launches: []' } : docs.get(u)) },
        (u, diagnostics, version) =>
          u === MARKER
            ? markers.push(version)
            : published.push({ version, codes: diagnostics.map((x) => String(x.code)) }),
        undefined,
        40,
      );
      /** Waits for `n` publishes, then for one of a document scheduled after them: any later publish would have come first. */
      const settled = async (n: number) => {
        await until(() => published.length >= n, `${n} publishes`);
        const seen = markers.length;
        v.schedule(MARKER);
        await until(() => markers.length > seen, 'the marker document');
      };
      const typed = ['n', 'no', 'nop', 'nope'];
      typed.forEach((word, i) => {
        set(i + 1, lines('launches:', '  - connection: lab', `    package: ${word}`));
        v.schedule(URI);
      });
      await settled(2);
      assert.deepEqual(published, [
        { version: 4, codes: [] },
        { version: 4, codes: ['notOnServer'] },
      ]);
      assert.equal(choiceRequests().length, 1);
      // Cached now: one publish, with the live result straight away.
      set(5, lines('launches:', '  - connection: lab', '    package: nop'));
      v.schedule(URI, 0);
      await settled(4);
      assert.deepEqual(published.slice(2), [
        { version: 5, codes: ['notOnServer'] },
        { version: 5, codes: ['notOnServer'] },
      ]);
      v.forget(URI);
      assert.deepEqual(published.at(-1), { version: undefined, codes: [] });
    });
  });
});
