// Runs a real VS Code (code-server = VS Code web workbench + a real Node extension host)
// with Jobdeck loaded, and Debian's Chromium driven by playwright-core. Shared by the
// integration, UI and VSIX runners, `npm start`, and UI tests (through test/ui/support).
//
// Every process started here is registered for cleanup: code-server runs in its own
// process group and the whole group is killed on stop, on failure, on Ctrl-C and on exit,
// so no extension host or watcher outlives a run.
import { spawn, spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  cpSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { ensureCodeServer, ensureInstalled } from './install.mjs';
import { problemsOf, totalsLine } from './totals.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEMO_TOKEN = 'demo-token';
export const TOKEN_ENV = 'JOBDECK_DEMO_TOKEN';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

const BASE_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'window.restoreWindows': 'none',
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // code-server windows are remote ones: VS Code looks for ports to forward every 2 s or so, in
  // the extension host, by running `ls -l /proc/*/fd/*` and reading every process's /proc entry.
  // The emulators' ports here are test servers on this machine, not something to forward, and
  // the scan's exec and walk took 10–60 ms of the host's loop at a time (bench/scale.cpuprofile).
  // The scan runs while either is on (code-server has a tunnel provider of its own): "output"
  // leaves only the terminal's output to look at.
  'remote.autoForwardPorts': false,
  'remote.autoForwardPortsSource': 'output',
};

// ---------------------------------------------------------------------------------------
// Cleanup: async steps in reverse order for normal stops and signals, plus a synchronous
// last resort on 'exit' (process groups can be killed synchronously).

const cleanups = [];
const syncKills = new Set();
const tempDirs = new Set();
let signalsHooked = false;
let stoppingBySignal = false;

/** True once Ctrl-C (or SIGTERM/SIGHUP) started the shutdown: exits after that are expected. */
export function stopping() {
  return stoppingBySignal;
}

/** Registers an async cleanup step; returns a function that unregisters it. */
export function onCleanup(fn) {
  cleanups.push(fn);
  hookSignals();
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

/** Runs every registered cleanup step (newest first); never throws. */
export async function cleanupAll() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await withTimeout(Promise.resolve().then(fn), 15_000, 'cleanup step');
    } catch (e) {
      console.error(`[launcher] cleanup: ${e?.message ?? e}`);
    }
  }
}

function hookSignals() {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      if (stoppingBySignal) return;
      stoppingBySignal = true;
      console.error(`\n[launcher] ${sig}: stopping`);
      cleanupAll().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
    });
  }
  process.on('exit', () => {
    for (const pgid of syncKills) killGroup(pgid, 'SIGKILL');
    if (process.env.JOBDECK_KEEP_TEMP !== '1')
      for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });
}

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

function groupAlive(pgid) {
  return killGroup(pgid, 0);
}

// ---------------------------------------------------------------------------------------
// Small async helpers.

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Rejects with a clear message when `promise` takes longer than `ms`. */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Polls `check` (sync or async) until it returns a truthy value or `ms` pass. */
export async function waitFor(check, ms, what, every = 250) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what} timed out after ${Math.round(ms / 1000)} s${last ? ` (last error: ${last.message})` : ''}`,
      );
    await sleep(every);
  }
}

export async function freePort(host = '127.0.0.1') {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/** A temp dir removed at cleanup (kept when JOBDECK_KEEP_TEMP=1, for debugging). */
export function tempDir(prefix = 'jobdeck-vscode-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  onCleanup(() => {
    if (process.env.JOBDECK_KEEP_TEMP === '1') console.error(`[launcher] kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
    tempDirs.delete(dir);
  });
  return dir;
}

// ---------------------------------------------------------------------------------------
// Build freshness: the runners load dist/extension.js (the bundle) and out/ (compiled tests).

function newestMtime(dir, filter) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const f of readdirRecursive(dir)) {
    if (filter(f)) newest = Math.max(newest, statSync(join(dir, f)).mtimeMs);
  }
  return newest;
}

function readdirRecursive(dir) {
  try {
    return spawnSync('find', ['.', '-type', 'f'], { cwd: dir, encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean)
      .map((f) => f.slice(2));
  } catch {
    return [];
  }
}

/** Which of dist/ and out/ are missing or older than the sources they come from. */
export function staleBuild() {
  const isTs = (f) => f.endsWith('.ts');
  const src = newestMtime(join(repoRoot, 'src'), isTs);
  const tests = newestMtime(join(repoRoot, 'test'), isTs);
  const dist = existsSync(join(repoRoot, 'dist', 'extension.js'))
    ? statSync(join(repoRoot, 'dist', 'extension.js')).mtimeMs
    : 0;
  const out = newestMtime(join(repoRoot, 'out'), (f) => f.endsWith('.js'));
  const stale = [];
  if (!dist || dist < src) stale.push('dist');
  if (!out || out < Math.max(src, tests)) stale.push('out');
  return stale;
}

/** Fails with the command to run when the bundle or compiled tests are missing. */
export function requireBuilt(files) {
  const missing = files.filter((f) => !existsSync(join(repoRoot, f)));
  if (missing.length) {
    throw new Error(
      `missing ${missing.join(', ')}: run \`npm run build && npm run compile\` first (npm test does it in pretest)`,
    );
  }
}

// ---------------------------------------------------------------------------------------
// The jobs emulator (test/emulator, compiled to out/test/emulator). Optional: until it
// exists, runs go on without it.

export const EMULATOR_MODULE = join(repoRoot, 'out', 'test', 'emulator', 'index.js');

export function emulatorAvailable() {
  return existsSync(EMULATOR_MODULE);
}

/**
 * Starts the emulator in this process on a free loopback port.
 * @returns {Promise<undefined | { url: string, urls: Record<string,string>, control: any, stop: () => Promise<void>, connections: object[] }>}
 */
export async function startEmulator({ jobs = 40, seed = 42, speed = 10, port = 0, host, mode } = {}) {
  if (!emulatorAvailable()) return undefined;
  if (stoppingBySignal) throw new Error('stopping');
  const mod = createRequire(import.meta.url)(EMULATOR_MODULE);
  const opts = { port, jobs, seed, speed };
  if (host) opts.host = host;
  // 'seed-exact': the seeds' own example payloads instead of generated jobs.
  if (mode) opts.mode = mode;
  const emu = await mod.start(opts);
  let stopping;
  const stop = () => (stopping ??= Promise.resolve().then(() => emu.stop()));
  const unregister = onCleanup(stop);
  const connections = mod.connectionsFor(emu.urls, TOKEN_ENV);
  return {
    ...emu,
    connections,
    stop: () => {
      unregister();
      return stop();
    },
  };
}

// ---------------------------------------------------------------------------------------
// code-server.

/**
 * Starts code-server with a fresh user-data-dir and extensions-dir.
 * @param {{
 *   settings?: Record<string, unknown>,   // merged over BASE_SETTINGS into User/settings.json
 *   env?: Record<string, string>,         // extra env; the extension host inherits it
 *   host?: string, port?: number,         // bind address (default 127.0.0.1, free port)
 *   extensionsDir?: string,               // default: a fresh empty one
 *   workspace?: string,                   // folder to open; default: a fresh empty one
 *   dir?: string,                         // parent temp dir (default: a new one)
 *   log?: (msg: string) => void,
 *   timeoutMs?: number,
 * }} [opts]
 */
export async function startCodeServer(opts = {}) {
  if (stoppingBySignal) throw new Error('stopping');
  // The floor's code-server when JOBDECK_VSCODE_FLOOR=1 (runIntegration.mjs --floor).
  const inst = ensureCodeServer();
  const log = opts.log ?? ((m) => console.error(`[launcher] ${m}`));
  const dir = opts.dir ?? tempDir();
  const dataDir = join(dir, 'data');
  const extensionsDir = opts.extensionsDir ?? join(dir, 'extensions');
  const workspace = opts.workspace ?? join(dir, 'workspace');
  const host = opts.host ?? '127.0.0.1';
  for (const d of [join(dataDir, 'User'), extensionsDir, workspace, join(dir, 'xdg-data'), join(dir, 'xdg-config')])
    mkdirSync(d, { recursive: true });
  writeFileSync(
    join(dataDir, 'User', 'settings.json'),
    JSON.stringify({ ...BASE_SETTINGS, ...(opts.settings ?? {}) }, null, 2),
  );
  const configFile = join(dir, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');

  const env = cleanEnv({
    ...opts.env,
    // Keep code-server's own state (coder.json, logs) out of the user's home.
    XDG_DATA_HOME: join(dir, 'xdg-data'),
    XDG_CONFIG_HOME: join(dir, 'xdg-config'),
  });
  const logFile = join(dir, 'code-server.log');

  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = opts.port || (await freePort(host));
    const args = [
      inst.codeServer,
      '--config',
      configFile,
      '--auth',
      'none',
      '--bind-addr',
      `${host}:${port}`,
      '--user-data-dir',
      dataDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...(process.env.JOBDECK_CODE_SERVER_LOG ? ['--log', process.env.JOBDECK_CODE_SERVER_LOG] : []),
      workspace,
    ];
    const out = createWriteStream(logFile, { flags: 'a' });
    // Own process group (detached): stop() kills code-server with its extension host,
    // pty host and file watcher in one go.
    const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    syncKills.add(child.pid);
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    let exited = null;
    const exitedP = new Promise((r) =>
      child.on('exit', (code, sig) => {
        exited = { code, sig };
        r(exited);
      }),
    );
    const stop = async () => {
      if (groupAlive(child.pid)) {
        killGroup(child.pid, 'SIGTERM');
        try {
          await waitFor(() => !groupAlive(child.pid), 5000, 'code-server exit', 100);
        } catch {
          killGroup(child.pid, 'SIGKILL');
          await waitFor(() => !groupAlive(child.pid), 5000, 'code-server kill', 100).catch(() => {});
        }
      }
      syncKills.delete(child.pid);
      out.end();
    };
    const unregister = onCleanup(stop);
    const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    try {
      await waitFor(
        async () => {
          if (exited)
            throw Object.assign(new Error(`code-server exited (${exited.code ?? exited.sig})`), { fatal: true });
          const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
          return res.ok;
        },
        opts.timeoutMs ?? 60_000,
        'code-server start',
        200,
      );
    } catch (e) {
      lastError = e;
      unregister();
      await stop();
      const tail = readTail(logFile, 30);
      const inUse = /EADDRINUSE/.test(tail);
      log(`code-server did not start (attempt ${attempt}): ${e.message}\n${tail}`);
      if (inUse && !opts.port) continue;
      throw e;
    }
    log(`code-server ${url} (pid ${child.pid}, dir ${dir})`);
    return {
      url,
      host,
      port,
      dir,
      dataDir,
      extensionsDir,
      workspace,
      logFile,
      pid: child.pid,
      exited: exitedP,
      /** The workbench URL with this folder and payload entries ([key, value] pairs). */
      workbenchUrl(payload = []) {
        const q = new URLSearchParams({ folder: workspace });
        if (payload.length) q.set('payload', JSON.stringify(payload));
        return `${url}/?${q}`;
      },
      /** vscode-remote URI of a local path, as the workbench payload wants it. */
      remoteUri(p) {
        return `vscode-remote://${url.replace(/^https?:\/\//, '')}${p}`;
      },
      stop: async () => {
        unregister();
        await stop();
      },
    };
  }
  throw lastError;
}

/** The payload that loads the repo as the extension under development (and tests). */
export function devPayload(server, { extensionTestsPath } = {}) {
  const payload = [
    ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
    ['skipWelcome', 'true'],
  ];
  if (extensionTestsPath) payload.push(['extensionTestsPath', server.remoteUri(extensionTestsPath)]);
  return payload;
}

// Drop variables that would make code-server talk to an outer VS Code (when run from a VS
// Code terminal) or run as plain Node.
function cleanEnv(extra) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(VSCODE_|ELECTRON_)/.test(k) || k === 'PORT' || k === 'PASSWORD' || k === 'HASHED_PASSWORD') delete env[k];
  }
  return { ...env, ...extra };
}

export function readTail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Installs a VSIX (or extension id) into an extensions dir with code-server's CLI. */
export function installExtension(vsix, extensionsDir, userDataDir) {
  const inst = ensureInstalled();
  mkdirSync(extensionsDir, { recursive: true });
  const args = [inst.codeServer, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'];
  if (userDataDir) args.push('--user-data-dir', userDataDir);
  const r = spawnSync(process.execPath, args, { env: cleanEnv({}), encoding: 'utf8', timeout: 120_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0)
    throw new Error(`code-server --install-extension failed (exit ${r.status ?? r.signal}):\n${output}`);
  return output;
}

// ---------------------------------------------------------------------------------------
// Chromium.

/** Launches Debian's Chromium headless through playwright-core. */
export async function launchBrowser({ headless = true } = {}) {
  const inst = ensureInstalled();
  const { chromium } = inst.require('playwright-core');
  const browser = await withTimeout(
    chromium.launch({ executablePath: inst.chromium, headless, args: CHROMIUM_ARGS, timeout: 60_000 }),
    90_000,
    'Chromium launch',
  );
  onCleanup(() => browser.close().catch(() => {}));
  return browser;
}

/**
 * Opens the workbench in a new page and waits for `.monaco-workbench`.
 * Browser console errors go to `consoleLog` (array) for failure reports.
 */
export async function openWorkbenchPage(
  browser,
  url,
  { timeoutMs = 90_000, viewport = { width: 1400, height: 900 } } = {},
) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const consoleLog = [];
  // First line only: the workbench logs long minified stacks.
  const short = (t) => t.split('\n')[0].slice(0, 300);
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleLog.push(`[${m.type()}] ${short(m.text())}`);
  });
  page.on('pageerror', (e) => consoleLog.push(`[pageerror] ${short(e.message)}`));
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.locator('.monaco-workbench').first().waitFor({ state: 'attached', timeout: timeoutMs });
  return { context, page, consoleLog };
}

// ---------------------------------------------------------------------------------------
// Failure artefacts.

/** Copies code-server's and the extension host's logs into test-results/<name>/ for CI. */
export function keepLogs(server, name) {
  const target = join(repoRoot, 'test-results', 'logs', name);
  try {
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    if (existsSync(server.logFile)) cpSync(server.logFile, join(target, 'code-server.log'));
    const logs = join(server.dataDir, 'logs');
    if (existsSync(logs)) cpSync(logs, join(target, 'vscode'), { recursive: true });
    return target;
  } catch (e) {
    return `(could not copy logs: ${e.message})`;
  }
}

/**
 * How every runner ends: its main() counts the tests ({ passed, failed, pending }); whatever
 * happens, what it started is stopped, the totals are the last line, and the exit code says
 * whether anything failed, ran nothing or was skipped (totals.mjs).
 */
export async function runAndExit(name, main) {
  let outcome = { passed: 0, failed: 1, pending: 0 };
  try {
    outcome = await main();
  } catch (e) {
    console.log(`${name} run failed: ${e?.stack ?? e}`);
  } finally {
    await cleanupAll();
  }
  const problems = problemsOf(outcome);
  if (problems.length) console.log(`${name}: ${problems.join(', ')}`);
  console.log(totalsLine(outcome));
  process.exit(problems.length ? 1 : 0);
}
