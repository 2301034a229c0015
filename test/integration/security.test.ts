// Security in the real extension host: where tokens go (proven at loopback servers' request
// logs, headers included), what workspace settings may not do, the TLS warning, and a scan of
// everything Jobdeck wrote (log channel, settings files, VS Code's state, store errors, thrown
// errors, webview HTML and messages) for the tokens it used.
import { recordNotifications, type Shown } from './notifications';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { JobdeckApi } from '../../src/extension/extension';
import type { Services } from '../../src/extension/services';
import type { JobdeckError } from '../../src/client/errors';
import type { MessageNode, TreeNode } from '../../src/views/jobs/nodes';
import { RecordedRequest, RecordingServer, startRecordingServer } from '../unit/support/recordingServer';
import { EMULATOR, until } from './emulatorControl';

const ENV_TOKEN = process.env.JOBDECK_DEMO_TOKEN ?? '';
/** Stored with jobdeck.setToken's store: unique, so a hit anywhere is this test's token. */
const STORED = `sec-STORED-${Date.now().toString(36)}-q8Zr`;

interface Manifest {
  capabilities?: { untrustedWorkspaces?: { supported: unknown; restrictedConfigurations?: string[] } };
  contributes: {
    configuration?: {
      properties?: Record<string, { items?: { properties?: Record<string, { description?: string }> } }>;
    };
  };
}

let services: Services;
let home: RecordingServer;
let attacker: RecordingServer;
const shown: Shown[] = [];
const thrown: unknown[] = [];
/** Answers for modal prompts, in order (undefined = the user closed it). */
const answers: (string | undefined)[] = [];
const restore: (() => void)[] = [];

function carriesToken(r: RecordedRequest, token: string): boolean {
  return [r.headers.authorization, r.headers['x-authentication'], r.query.get('userkey'), r.body].some(
    (v) => typeof v === 'string' && v.includes(token),
  );
}

/** How long a setting change may take to show in the extension. */
const SETTLE_MS = 15_000;

const config = () => vscode.workspace.getConfiguration('jobdeck');

async function setConnections(target: vscode.ConfigurationTarget, value: unknown[] | undefined): Promise<void> {
  await config().update('connections', value, target);
  // The extension reloads on the configuration event; wait until it has.
  await new Promise((r) => setTimeout(r, 200));
}

async function problems(): Promise<string[]> {
  const roots = ((await services.tree.getChildren(undefined)) ?? []) as TreeNode[];
  return roots.filter((n): n is MessageNode => n.type === 'message' && n.kind === 'problem').map((n) => n.text);
}

/** Refreshes a connection and returns its error (undefined when it loaded). */
async function refresh(name: string): Promise<JobdeckError | undefined> {
  const store = await until(`connection ${name}`, () => services.jobStore.get(name), SETTLE_MS);
  try {
    await store.refresh();
  } catch (e) {
    thrown.push(e);
  }
  return store.error;
}

describe('security', function () {
  this.timeout(60_000);
  let userBefore: unknown;
  let workspaceBefore: unknown;

  before(async () => {
    const ext = vscode.extensions.getExtension<JobdeckApi>('jobdeck.jobdeck');
    assert.ok(ext);
    services = (await ext.activate()).services;
    home = await startRecordingServer(() => ({ body: { data: [], links: { total: 0, next: 0 } } }));
    attacker = await startRecordingServer(() => ({ body: { data: [], links: { total: 0, next: 0 } } }));
    const inspected = config().inspect<unknown[]>('connections');
    userBefore = inspected?.globalValue;
    workspaceBefore = inspected?.workspaceValue;
    // Watch what the extension shows and answer its modal prompts.
    restore.push(recordNotifications(shown, answers));
  });

  after(async () => {
    for (const r of restore) r();
    await setConnections(vscode.ConfigurationTarget.Workspace, workspaceBefore as unknown[] | undefined);
    await setConnections(vscode.ConfigurationTarget.Global, userBefore as unknown[] | undefined);
    for (const name of ['sec-known', 'sec-env', 'sec-redirect', 'sec-insecure']) await services.tokens.delete(name);
    await home.close();
    await attacker.close();
  });

  beforeEach(() => {
    home.requests.length = 0;
    attacker.requests.length = 0;
    shown.length = 0;
  });

  it('declares limited support for untrusted workspaces, with jobdeck.connections restricted', () => {
    const manifest = vscode.extensions.getExtension('jobdeck.jobdeck')!.packageJSON as Manifest;
    const u = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(u?.supported, 'limited');
    assert.deepEqual(u?.restrictedConfigurations, ['jobdeck.connections']);
    const fields = manifest.contributes.configuration?.properties?.['jobdeck.connections']?.items?.properties ?? {};
    for (const f of ['tokenEnv', 'caFile', 'headers'])
      assert.match(fields[f]?.description ?? '', /user settings only/, f);
    // This run's workspace is trusted: its connections are in use (the untrusted case is unit-tested).
    assert.equal(vscode.workspace.isTrusted, true);
  });

  it('a user-settings connection sends its tokenEnv token to its own server', async () => {
    assert.ok(ENV_TOKEN, 'the launcher sets JOBDECK_DEMO_TOKEN');
    await setConnections(vscode.ConfigurationTarget.Global, [
      ...((userBefore as unknown[]) ?? []),
      {
        name: 'sec-env',
        kind: 'cdrouter',
        url: home.url,
        tokenEnv: 'JOBDECK_DEMO_TOKEN',
        headers: { 'X-Site': 'lab' },
      },
    ]);
    assert.equal(await refresh('sec-env'), undefined);
    assert.ok(home.requests.length > 0);
    for (const r of home.requests) {
      assert.equal(r.headers.authorization, `Bearer ${ENV_TOKEN}`);
      assert.equal(r.headers['x-site'], 'lab');
    }
  });

  it('a workspace connection cannot name an environment variable, headers or a CA file: none is used', async () => {
    await setConnections(vscode.ConfigurationTarget.Workspace, [
      {
        name: 'ws-steal',
        kind: 'cdrouter',
        url: attacker.url,
        tokenEnv: 'JOBDECK_DEMO_TOKEN',
        headers: { Authorization: 'Bearer x', 'X-Leak': 'HOME' },
        caFile: '/etc/hostname',
      },
    ]);
    const store = await until('ws-steal', () => services.jobStore.get('ws-steal'), SETTLE_MS);
    assert.equal(store.connection.config.tokenEnv, undefined);
    assert.equal(store.connection.config.headers, undefined);
    assert.equal(store.connection.config.caFile, undefined);
    await refresh('ws-steal');
    assert.ok(attacker.requests.length > 0, 'the workspace connection is used (trusted workspace)');
    for (const r of attacker.requests) {
      assert.equal(r.headers.authorization, undefined, 'no token from the environment');
      assert.equal(r.headers['x-leak'], undefined);
      assert.ok(!carriesToken(r, ENV_TOKEN));
    }
    assert.ok(
      (await problems()).some((p) => /ws-steal.*tokenEnv, headers, caFile ignored/.test(p)),
      `problems: ${(await problems()).join(' | ')}`,
    );
  });

  it('a workspace that points a known connection name at another host gets neither its tokenEnv token nor its stored token', async () => {
    const user = [
      ...((userBefore as unknown[]) ?? []),
      { name: 'sec-env', kind: 'cdrouter', url: home.url, tokenEnv: 'JOBDECK_DEMO_TOKEN' },
      { name: 'sec-known', kind: 'cdrouter', url: home.url },
    ];
    await setConnections(vscode.ConfigurationTarget.Global, user);
    const known = await until('sec-known', () => services.jobStore.get('sec-known'), SETTLE_MS);
    await services.tokens.set(known.connection.config, STORED);
    assert.equal(await refresh('sec-known'), undefined);
    assert.ok(
      home.requests.some((r) => r.headers.authorization === `Bearer ${STORED}`),
      'the stored token goes home',
    );

    // The repository's settings reuse both names with its own host.
    await setConnections(vscode.ConfigurationTarget.Workspace, [
      { name: 'sec-known', kind: 'cdrouter', url: attacker.url },
      { name: 'sec-env', kind: 'cdrouter', url: attacker.url },
    ]);
    await until(
      'sec-known to point elsewhere',
      () => services.jobStore.get('sec-known')?.connection.config.url === attacker.url,
      SETTLE_MS,
    );
    const refused = await refresh('sec-known');
    assert.equal(refused?.code, 'untrusted');
    assert.match(refused?.message ?? '', /saved for http:\/\/127\.0\.0\.1:\d+, but the connection now points to/);
    await refresh('sec-env');
    // Nothing at all for sec-known (the token provider refuses before a request exists);
    // sec-env's requests go out without any token.
    assert.ok(attacker.requests.length > 0);
    for (const r of attacker.requests) {
      assert.ok(!carriesToken(r, STORED), 'stored token sent to the new host');
      assert.ok(!carriesToken(r, ENV_TOKEN), 'env token sent to the new host');
      assert.equal(r.headers.authorization, undefined);
    }
    // The tree offers "Allow Token for This Server…" on the error row.
    const conn = ((await services.tree.getChildren(undefined)) ?? []).find(
      (n) => n.type === 'connection' && n.store.name === 'sec-known',
    )!;
    const errorRow = ((await services.tree.getChildren(conn)) ?? []).find(
      (n): n is MessageNode => n.type === 'message' && n.kind === 'error',
    );
    assert.ok(errorRow, 'an error row');
    assert.match(String((await services.tree.getTreeItem(errorRow)).contextValue), /\ballowToken\b/);

    // Asked, the user says no: still nothing is sent.
    answers.push(undefined);
    await vscode.commands.executeCommand('jobdeck.allowTokenOrigin', 'sec-known');
    const prompt = shown.find((s) => s.level === 'warning' && /Send the token there\?/.test(s.message));
    assert.ok(prompt, `asked first: ${JSON.stringify(shown)}`);
    assert.ok(
      prompt.message.includes(new URL(home.url).origin) && prompt.message.includes(new URL(attacker.url).origin),
      'the prompt names both origins',
    );
    assert.equal((await refresh('sec-known'))?.code, 'untrusted');
    assert.ok(!attacker.requests.some((r) => carriesToken(r, STORED)));

    // The user agrees: from now on the token goes there (and only there).
    answers.push('Send Token');
    await vscode.commands.executeCommand('jobdeck.allowTokenOrigin', 'sec-known');
    assert.equal(await refresh('sec-known'), undefined);
    assert.ok(attacker.requests.some((r) => r.headers.authorization === `Bearer ${STORED}`));
    assert.equal(
      await services.tokens.foreignOrigin({ name: 'sec-known', kind: 'cdrouter', url: home.url }),
      new URL(attacker.url).origin,
      'the token is now bound to the new origin',
    );
  });

  it('a workspace that re-points a user connection through its URL path (//host, /.//host, a backslash) sends nothing to the other host', async () => {
    const user = [
      ...((userBefore as unknown[]) ?? []),
      {
        name: 'sec-known',
        kind: 'cdrouter',
        url: home.url,
        tokenEnv: 'JOBDECK_DEMO_TOKEN',
        headers: { 'X-Site': 'lab' },
      },
    ];
    await setConnections(vscode.ConfigurationTarget.Workspace, []);
    await setConnections(vscode.ConfigurationTarget.Global, user);
    const known = await until(
      'sec-known at home',
      () =>
        services.jobStore.get('sec-known')?.connection.config.url === home.url && services.jobStore.get('sec-known'),
      SETTLE_MS,
    );
    await services.tokens.set(known.connection.config, STORED);
    const other = new URL(attacker.url).host;
    // Each keeps home's origin as a string (so the token binding and the origin checks pass),
    // while `new URL(path, origin)` of every request would go to the attacker.
    for (const url of [`${home.url}//${other}`, `${home.url}/.//${other}/`, `${home.url}\\\\${other}`]) {
      home.requests.length = 0;
      attacker.requests.length = 0;
      await setConnections(vscode.ConfigurationTarget.Workspace, [{ name: 'sec-known', kind: 'cdrouter', url }]);
      await until(
        `the problem with ${url}`,
        async () =>
          (await problems()).some((p) =>
            p.startsWith('Connection "sec-known" (jobdeck.connections in workspace settings): its url'),
          ),
        SETTLE_MS,
      );
      const said = (await problems()).find((p) => p.startsWith('Connection "sec-known"'));
      assert.match(said ?? '', /its url (has "\/\/" in its path|contains a backslash).*it is not used/, said);
      // The user's own entry stays in use, and its requests go home only.
      assert.equal(services.jobStore.get('sec-known')?.connection.config.url, home.url);
      assert.equal(await refresh('sec-known'), undefined);
      assert.ok(home.requests.length > 0 && home.requests.every((r) => r.headers.authorization === `Bearer ${STORED}`));
      assert.equal(attacker.requests.length, 0, `the other host got ${attacker.requests.length} request(s) for ${url}`);
    }
    // Even asked directly (a connection config that never passed the settings), the client refuses it.
    const direct = await services.tokens
      .provider({ name: 'sec-known', kind: 'cdrouter', url: home.url })(new URL(attacker.url).origin)
      .then(
        () => undefined,
        (e: JobdeckError) => e,
      );
    assert.equal(direct?.code, 'untrusted', 'the token is given only for its own origin');
    // The language server's ask names the destination; only the token's origin gets an answer.
    const { answerTokenRequest } = await import('../../src/extension/specClient');
    assert.deepEqual(
      await answerTokenRequest(services, { connection: 'sec-known', origin: new URL(home.url).origin }),
      { token: STORED },
    );
    const refused = await answerTokenRequest(services, {
      connection: 'sec-known',
      origin: new URL(attacker.url).origin,
    });
    assert.equal(refused.token, undefined);
    assert.match(refused.error ?? '', /asked for the token of a connection to/);
    assert.equal(attacker.requests.length, 0);
  });

  it('a workspace cannot turn TLS checks off, for its own connection or one that reuses a user name', async () => {
    const base = [...((userBefore as unknown[]) ?? [])];
    await setConnections(vscode.ConfigurationTarget.Global, [
      ...base,
      { name: 'sec-known', kind: 'cdrouter', url: home.url.replace('http:', 'https:') },
    ]);
    await setConnections(vscode.ConfigurationTarget.Workspace, [
      { name: 'sec-known', kind: 'cdrouter', url: home.url.replace('http:', 'https:'), rejectUnauthorized: false },
      { name: 'sec-ws-tls', kind: 'cdrouter', url: 'https://127.0.0.1:9', rejectUnauthorized: false },
    ]);
    await until(
      'the problems',
      async () => (await problems()).filter((p) => /rejectUnauthorized: false ignored/.test(p)).length === 2,
      SETTLE_MS,
    );
    for (const name of ['sec-known', 'sec-ws-tls'])
      assert.notEqual(services.jobStore.get(name)?.connection.config.rejectUnauthorized, false, name);
    assert.equal(
      shown.filter((s) => /TLS certificate checks are off/.test(s.message)).length,
      0,
      'no connection runs without checks',
    );
    await setConnections(vscode.ConfigurationTarget.Workspace, []);
  });

  it('a redirect to another origin is refused before the token follows it', async () => {
    await setConnections(vscode.ConfigurationTarget.Workspace, []);
    await setConnections(vscode.ConfigurationTarget.Global, [
      ...((userBefore as unknown[]) ?? []),
      { name: 'sec-redirect', kind: 'cdrouter', url: home.url, tokenEnv: 'JOBDECK_DEMO_TOKEN' },
    ]);
    home.respond((r) => ({ status: 302, headers: { Location: `${attacker.url}${r.path}` }, body: '' }));
    try {
      const e = await refresh('sec-redirect');
      assert.equal(e?.code, 'untrusted');
      assert.equal(attacker.requests.length, 0);
      assert.ok(home.requests.every((r) => r.headers.authorization === `Bearer ${ENV_TOKEN}`));
    } finally {
      home.respond(() => ({ body: { data: [], links: { total: 0, next: 0 } } }));
    }
  });

  it('TLS checks are on unless a connection turns them off, which shows one warning', async () => {
    const base = [...((userBefore as unknown[]) ?? [])];
    await setConnections(vscode.ConfigurationTarget.Global, [
      ...base,
      { name: 'sec-env', kind: 'cdrouter', url: home.url.replace('http:', 'https:') },
    ]);
    const store = await until('sec-env', () => services.jobStore.get('sec-env'), SETTLE_MS);
    assert.notEqual(store.connection.config.rejectUnauthorized, false);
    assert.equal(shown.filter((s) => /TLS certificate checks are off/.test(s.message)).length, 0);
    await setConnections(vscode.ConfigurationTarget.Global, [
      ...base,
      { name: 'sec-insecure', kind: 'cdrouter', url: 'https://127.0.0.1:9', rejectUnauthorized: false },
    ]);
    await until(
      'the warning',
      () =>
        shown.some((s) => s.level === 'warning' && /TLS certificate checks are off for "sec-insecure"/.test(s.message)),
      SETTLE_MS,
    );
    // Settings reloads do not repeat it.
    await setConnections(vscode.ConfigurationTarget.Global, [
      ...base,
      { name: 'sec-insecure', kind: 'cdrouter', url: 'https://127.0.0.1:9', rejectUnauthorized: false, pageSize: 7 },
    ]);
    assert.equal(shown.filter((s) => /TLS certificate checks are off/.test(s.message)).length, 1);
  });

  it('reads a stored token from SecretStorage once, and again after it changed, also from outside Jobdeck', async () => {
    const conn = { name: 'sec-cache', kind: 'cdrouter' as const, url: 'http://127.0.0.1:9/' };
    const key = `jobdeck.token:${conn.name}`;
    const secrets = services.context.secrets;
    const get = secrets.get;
    let reads = 0;
    secrets.get = function (this: vscode.SecretStorage, k: string) {
      if (k === key) reads++;
      return get.call(this, k);
    };
    try {
      const ask = services.tokens.provider(conn);
      const token = () => ask(new URL(conn.url).origin);
      await services.tokens.set(conn, 'cache-one');
      for (let i = 0; i < 5; i++) assert.equal(await token(), 'cache-one');
      assert.equal(reads, 1, 'five requests, one read');
      // Another window (or anything else) writes the secret: its change event drops the copy.
      await secrets.store(key, JSON.stringify({ token: 'cache-two', origin: new URL(conn.url).origin }));
      await until('the new token to be used', async () => (await token()) === 'cache-two');
      await services.tokens.delete(conn.name);
      assert.equal(await token(), undefined);
    } finally {
      secrets.get = get;
      await services.tokens.delete(conn.name);
    }
  });

  it('secret scan: no token in the log channel, settings, VS Code state, store errors, thrown errors or webview HTML and messages', async function () {
    this.timeout(120_000);
    const tokens = [STORED, ENV_TOKEN].filter((t) => t.length >= 8);
    assert.ok(tokens.includes(STORED));
    // Give the webview something to render: a panel of a demo job, if the emulator is there.
    const webview: string[] = [];
    if (EMULATOR) {
      const store = services.jobStore.get('demo-puppet');
      if (store) {
        await store.refresh().catch((e) => thrown.push(e));
        const job = store.jobs[0];
        if (job) {
          await vscode.commands.executeCommand('jobdeck.openJob', { connection: 'demo-puppet', jobId: job.id });
          const panel = services.panels.get('demo-puppet', job.id);
          if (panel) {
            await until('the panel to render', () => panel.lastRendered, 30_000).catch(() => undefined);
            webview.push(panel.panel.webview.html, String((panel as unknown as { lastSent?: string }).lastSent ?? ''));
            panel.dispose();
          }
        }
      }
    }
    if (EMULATOR) assert.equal(webview.length, 2, 'a panel rendered: its HTML and last message are scanned');
    const logsRoot = path.resolve(services.context.logUri.fsPath, '..', '..', '..');
    const userDir = path.resolve(services.context.globalStorageUri.fsPath, '..', '..');
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(workspace, 'a workspace folder is open');
    const scan = (): { files: string[]; hits: string[] } => {
      const files: string[] = [];
      for (const root of [logsRoot, userDir, path.join(workspace, '.vscode')])
        if (fs.existsSync(root)) files.push(...walk(root));
      const hits: string[] = [];
      for (const f of files) {
        const bytes = fs.readFileSync(f);
        for (const t of tokens)
          if (bytes.includes(t) || bytes.includes(Buffer.from(t, 'utf16le')))
            hits.push(`${f} holds ${t === STORED ? 'the stored token' : 'the env token'}`);
      }
      return { files, hits };
    };
    // The scanner finds a token where one is: a canary file, found, then removed.
    const canary = path.join(workspace, '.vscode', 'jobdeck-scan-canary.txt');
    fs.mkdirSync(path.dirname(canary), { recursive: true });
    fs.writeFileSync(canary, `x${STORED}x`);
    try {
      assert.deepEqual(scan().hits, [`${canary} holds the stored token`]);
    } finally {
      fs.rmSync(canary, { force: true });
    }
    const { files, hits } = scan();
    assert.ok(
      files.some((f) => /Jobdeck\.log$/.test(f)),
      `the Jobdeck log channel's file is among ${files.length} files scanned`,
    );
    assert.ok(
      files.some((f) => f.endsWith(`${path.sep}User${path.sep}settings.json`)),
      'user settings scanned',
    );
    const texts: [string, string][] = [
      ...services.jobStore
        .all()
        .map((s): [string, string] => [
          `error of ${s.name}`,
          s.error ? `${s.error.message}\n${s.error.stack}\n${JSON.stringify({ ...s.error })}` : '',
        ]),
      ...thrown.map((e, i): [string, string] => [
        `thrown error ${i}`,
        e instanceof Error ? `${e.message}\n${e.stack}\n${JSON.stringify({ ...e })}` : String(e),
      ]),
      ...shown.map((s, i): [string, string] => [`notification ${i}`, s.message]),
      ...webview.map((w, i): [string, string] => [`webview ${i}`, w]),
    ];
    for (const [what, text] of texts)
      for (const t of tokens)
        if (text.includes(t) || text.includes(encodeURIComponent(t))) hits.push(`${what} holds a token`);
    assert.deepEqual(hits, [], 'token found');
    assert.ok(files.length > 3 && texts.length > 3, `scanned ${files.length} files and ${texts.length} texts`);
  });
});

/** Files under a directory (no symlinks followed), skipping anything over 64 MB. */
function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile() && fs.statSync(p).size < 64 * 1024 * 1024) out.push(p);
  }
  return out;
}
