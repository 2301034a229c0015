// Installs what a real VS Code needs on a machine that cannot download VS Code
// (see shared docs "vscode-offline"): Debian's Chromium and ripgrep, and code-server +
// playwright-core from npm into a cache dir OUTSIDE the repo (they are large and must
// never end up in the extension's node_modules or the VSIX).
//
// Idempotent: a marker file with the versions makes a warm call return in milliseconds.
// Usage as a script: `node test/vscode/install.mjs [--force]`.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
  rmSync,
  renameSync,
  copyFileSync,
  chmodSync,
  mkdtempSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const CODE_SERVER_VERSION = '4.100.3'; // = VS Code 1.100, the last line that runs on Node 20
// The floor: engines.vscode is ^1.93.0, and the integration layer runs on it too (npm test's
// "integration@1.93" layer). code-server 4.93.1 = VS Code 1.93, in its own folder of the cache.
export const FLOOR_CODE_SERVER_VERSION = '4.93.1';
// Its shrinkwrap pins @vscode/ripgrep 1.15.9, whose postinstall looks in its own cache.
const FLOOR_RIPGREP_CACHE = join(tmpdir(), 'vscode-ripgrep-cache-1.15.9');
export const PLAYWRIGHT_CORE_VERSION = '1.65.1';
export const CHROMIUM = '/usr/bin/chromium';
// The @vscode/ripgrep that code-server 4.100.3 depends on, and the rg asset it downloads.
const RIPGREP_CACHE = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const DEBIAN_PACKAGES = [
  { pkg: 'chromium', present: () => existsSync(CHROMIUM) },
  { pkg: 'ripgrep', present: () => which('rg') !== undefined },
  // kerberos (a native module of VS Code's server) compiles against it during npm install.
  { pkg: 'libkrb5-dev', present: () => existsSync('/usr/include/krb5.h') || existsSync('/usr/include/krb5/krb5.h') },
];

export function cacheDir() {
  return (
    process.env.JOBDECK_VSCODE_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'jobdeck-vscode')
  );
}

function paths(dir = cacheDir()) {
  const pkg = join(dir, 'pkg');
  return {
    dir,
    pkg,
    marker: join(dir, 'installed.json'),
    codeServer: join(pkg, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    playwrightCore: join(pkg, 'node_modules', 'playwright-core'),
  };
}

function wanted() {
  return {
    codeServer: CODE_SERVER_VERSION,
    playwrightCore: PLAYWRIGHT_CORE_VERSION,
    node: process.versions.node.split('.')[0],
  };
}

/** True when the cache holds exactly what this script would install (the fast path). */
export function isInstalled(dir = cacheDir()) {
  const p = paths(dir);
  try {
    const marker = JSON.parse(readFileSync(p.marker, 'utf8'));
    const w = wanted();
    return (
      marker.codeServer === w.codeServer &&
      marker.playwrightCore === w.playwrightCore &&
      marker.node === w.node &&
      existsSync(p.codeServer) &&
      existsSync(join(p.playwrightCore, 'package.json')) &&
      DEBIAN_PACKAGES.every((d) => d.present())
    );
  } catch {
    return false;
  }
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function ensureDebianPackages(log) {
  const missing = DEBIAN_PACKAGES.filter((d) => !d.present()).map((d) => d.pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env });
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
  const still = DEBIAN_PACKAGES.filter((d) => !d.present()).map((d) => d.pkg);
  if (still.length) throw new Error(`Debian packages still missing after apt-get install: ${still.join(' ')}`);
}

// @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here; it looks
// in this cache first, so a tarball of Debian's rg makes it succeed offline.
function seedRipgrepCache(log, cache = RIPGREP_CACHE) {
  const asset = join(cache, RIPGREP_ASSET);
  if (existsSync(asset)) return;
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep (rg) is not installed');
  log(`seeding ${asset} with ${rg}`);
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(join(tmpdir(), 'jobdeck-rg-'));
  try {
    copyFileSync(rg, join(staging, 'rg'));
    chmodSync(join(staging, 'rg'), 0o755);
    run('tar', ['-czf', `${asset}.tmp`, '-C', staging, 'rg']);
    renameSync(`${asset}.tmp`, asset);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

// One installer at a time (two runners started together must not both npm install).
function withLock(dir, log, fn) {
  const lock = join(dir, '.lock');
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        /* being written */
      }
      let alive = false;
      try {
        if (owner) {
          process.kill(owner, 0);
          alive = true;
        }
      } catch {
        /* dead */
      }
      if (owner && !alive) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`, { cause: e });
      log(`waiting for another install (pid ${owner || '?'})`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Makes sure Chromium, code-server and playwright-core are there; returns where they are.
 * @param {{ force?: boolean, log?: (msg: string) => void }} [opts]
 */
export function ensureInstalled(opts = {}) {
  const log = opts.log ?? ((m) => console.error(`[install] ${m}`));
  const p = paths();
  if (!opts.force && isInstalled()) return result(p);
  mkdirSync(p.dir, { recursive: true });
  withLock(p.dir, log, () => {
    if (!opts.force && isInstalled()) return;
    const started = Date.now();
    ensureDebianPackages(log);
    seedRipgrepCache(log);
    // Install into a staging folder and swap it in, so an interrupted install never leaves
    // a half-filled cache that looks complete.
    const staging = `${p.pkg}.staging`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    writeFileSync(
      join(staging, 'package.json'),
      JSON.stringify({ name: 'jobdeck-vscode-cache', private: true }, null, 2),
    );
    log(
      `npm install code-server@${CODE_SERVER_VERSION} playwright-core@${PLAYWRIGHT_CORE_VERSION} into ${p.dir} (about a minute)`,
    );
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        `code-server@${CODE_SERVER_VERSION}`,
        `playwright-core@${PLAYWRIGHT_CORE_VERSION}`,
      ],
      {
        cwd: staging,
        env: {
          ...process.env,
          npm_config_yes: 'true',
          npm_config_unsafe_perm: 'true',
          npm_config_update_notifier: 'false',
        },
      },
    );
    rmSync(p.pkg, { recursive: true, force: true });
    renameSync(staging, p.pkg);
    if (!existsSync(p.codeServer)) throw new Error(`code-server entry point missing after install: ${p.codeServer}`);
    writeFileSync(p.marker, JSON.stringify({ ...wanted(), installedAt: new Date().toISOString() }, null, 2));
    log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  return result(p);
}

function result(p) {
  return {
    cacheDir: p.dir,
    /** node script of code-server; run as `node <codeServer> …` with this Node. */
    codeServer: p.codeServer,
    chromium: CHROMIUM,
    /** require() bound to the cache, for playwright-core. */
    require: createRequire(join(p.pkg, 'node_modules', '.jobdeck')),
  };
}

/** Where the floor's code-server lives: its own folder beside the main install. */
function floorPaths(dir = cacheDir()) {
  const root = join(dir, `code-server-${FLOOR_CODE_SERVER_VERSION}`);
  return {
    dir: root,
    pkg: join(root, 'pkg'),
    marker: join(root, 'installed.json'),
    codeServer: join(root, 'pkg', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

function floorInstalled(p = floorPaths()) {
  try {
    const marker = JSON.parse(readFileSync(p.marker, 'utf8'));
    return marker.codeServer === FLOOR_CODE_SERVER_VERSION && marker.node === wanted().node && existsSync(p.codeServer);
  } catch {
    return false;
  }
}

/**
 * code-server at the floor version (VS Code 1.93), installed next to the main one; Chromium and
 * playwright-core come from the main install. Returns the same shape as ensureInstalled().
 */
export function ensureFloorInstalled(opts = {}) {
  const log = opts.log ?? ((m) => console.error(`[install] ${m}`));
  const main = ensureInstalled(opts);
  const p = floorPaths();
  if (!opts.force && floorInstalled(p))
    return { ...main, codeServer: p.codeServer, version: FLOOR_CODE_SERVER_VERSION };
  mkdirSync(p.dir, { recursive: true });
  withLock(p.dir, log, () => {
    if (!opts.force && floorInstalled(p)) return;
    const started = Date.now();
    seedRipgrepCache(log, FLOOR_RIPGREP_CACHE);
    const staging = `${p.pkg}.staging`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    writeFileSync(
      join(staging, 'package.json'),
      JSON.stringify({ name: 'jobdeck-vscode-floor', private: true }, null, 2),
    );
    log(`npm install code-server@${FLOOR_CODE_SERVER_VERSION} into ${p.dir} (about a minute)`);
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${FLOOR_CODE_SERVER_VERSION}`], {
      cwd: staging,
      env: {
        ...process.env,
        npm_config_yes: 'true',
        npm_config_unsafe_perm: 'true',
        npm_config_update_notifier: 'false',
      },
    });
    rmSync(p.pkg, { recursive: true, force: true });
    renameSync(staging, p.pkg);
    if (!existsSync(p.codeServer)) throw new Error(`code-server entry point missing after install: ${p.codeServer}`);
    writeFileSync(
      p.marker,
      JSON.stringify(
        { codeServer: FLOOR_CODE_SERVER_VERSION, node: wanted().node, installedAt: new Date().toISOString() },
        null,
        2,
      ),
    );
    log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  return { ...main, codeServer: p.codeServer, version: FLOOR_CODE_SERVER_VERSION };
}

/** The code-server the runners use: the floor one when JOBDECK_VSCODE_FLOOR=1 (runIntegration --floor). */
export function ensureCodeServer(opts = {}) {
  return process.env.JOBDECK_VSCODE_FLOOR === '1'
    ? ensureFloorInstalled(opts)
    : { ...ensureInstalled(opts), version: CODE_SERVER_VERSION };
}

/** playwright-core from the cache (installs first when needed). */
export function loadPlaywright(opts) {
  return ensureInstalled(opts).require('playwright-core');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const r = ensureInstalled({ force: process.argv.includes('--force') });
  const floor = ensureFloorInstalled({ force: process.argv.includes('--force') });
  console.log(
    `code-server ${CODE_SERVER_VERSION} (and ${FLOOR_CODE_SERVER_VERSION}, the floor: ${floor.codeServer}) and playwright-core ${PLAYWRIGHT_CORE_VERSION} ready in ${r.cacheDir} (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
}
