// Tests what users get: `npm run package` → jobdeck-0.1.0.vsix, its size and file list
// (catches a bad .vscodeignore), then installs it into a clean code-server with
// `--install-extension` and checks in Chromium that the installed extension (no
// extensionDevelopmentPath) shows its activity-bar entry and its Jobs view.
// Prints `N passed, M failed` as the last line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'node:assert/strict';
import { repoRoot, installExtension, tempDir, runAndExit } from './launcher.mjs';
import { ensureInstalled } from './install.mjs';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const VSIX = join(repoRoot, `${pkg.name}-${pkg.version}.vsix`);
const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
const MAX_BYTES = 5 * 1024 * 1024;
// What may ship, relative to the VSIX's extension/ folder (vsce lower-cases readme.md and
// changelog.md).
const ALLOWED = [
  /^dist\//,
  /^media\//,
  /^readme\.md$/i,
  /^license(\.txt|\.md)?$/i,
  /^changelog\.md$/i,
  /^package\.json$/,
];
const CONNECTION = { name: 'vsix-check', kind: 'cdrouter', url: 'http://127.0.0.1:9' };

/** File names in a zip, from its central directory. */
function zipEntries(file) {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

const checks = [];
// A check without a body is pending, and fails the layer (runAndExit) like a failing one.
const check = (name, fn) => checks.push({ name, fn });
const state = {};

check(`npm run package produces ${pkg.name}-${pkg.version}.vsix`, () => {
  rmSync(VSIX, { force: true });
  const r = spawnSync('npm', ['run', 'package', '--silent'], { cwd: repoRoot, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0)
    throw new Error(
      `npm run package failed (exit ${r.status ?? r.signal}):\n${(r.stdout + r.stderr).trim().split('\n').slice(-15).join('\n')}`,
    );
  assert.ok(existsSync(VSIX), `${VSIX} missing after npm run package`);
});

check(`the VSIX is smaller than ${MAX_BYTES / 1024 / 1024} MB`, () => {
  const size = statSync(VSIX).size;
  state.size = size;
  assert.ok(size < MAX_BYTES, `VSIX is ${(size / 1024 / 1024).toFixed(2)} MB`);
});

check('the VSIX holds only dist/, media/, README.md, LICENSE, CHANGELOG.md, package.json', () => {
  const entries = zipEntries(VSIX);
  const files = entries
    .filter((e) => e.startsWith('extension/') && !e.endsWith('/'))
    .map((e) => e.slice('extension/'.length));
  const outside = entries.filter(
    (e) => !e.startsWith('extension/') && !['extension.vsixmanifest', '[Content_Types].xml'].includes(e),
  );
  state.files = files;
  assert.deepEqual(outside, [], 'unexpected entries outside extension/');
  assert.deepEqual(
    files.filter((f) => !ALLOWED.some((re) => re.test(f))),
    [],
    'files that must not ship',
  );
  assert.deepEqual(
    files.filter((f) => f.endsWith('.map')),
    [],
    'source maps must not ship',
  );
  const lower = files.map((f) => f.toLowerCase());
  // The entry loads the body, the body the language client and server, at run time: all must ship.
  for (const must of [
    'package.json',
    pkg.main.replace(/^\.\//, ''),
    'dist/core.js',
    'dist/languageClient.js',
    'dist/server.js',
    'dist/webview.js',
    'readme.md',
  ])
    assert.ok(lower.includes(must.toLowerCase()), `${must} missing from the VSIX`);
});

check('code-server --install-extension installs it into a clean extensions dir', () => {
  const dir = tempDir('jobdeck-vsix-');
  state.extensionsDir = join(dir, 'extensions');
  const out = installExtension(VSIX, state.extensionsDir, join(dir, 'data'));
  assert.match(out, /successfully installed/i, out);
  assert.ok(
    existsSync(join(state.extensionsDir, `${EXTENSION_ID}-${pkg.version}`, 'package.json')),
    'installed folder missing',
  );
});

check('the installed extension shows the Jobdeck activity-bar entry', async () => {
  assert.ok(state.extensionsDir, 'not installed');
  const { openWorkbench, sel } = await import('../ui/support/workbench.mjs');
  state.wb = await openWorkbench({
    dev: false,
    extensionsDir: state.extensionsDir,
    settings: { 'jobdeck.connections': [CONNECTION] },
    name: 'vsix',
  });
  const item = state.wb.page.locator(sel.jobdeckActivity).first();
  await item.waitFor({ state: 'visible', timeout: 60_000 });
});

check('it runs as an installed extension, not one under development', async () => {
  assert.ok(state.wb, 'no workbench');
  const title = await state.wb.page.title();
  assert.doesNotMatch(title, /Extension Development Host/, `window title: ${title}`);
});

check('its Jobs view opens and shows the configured connection (the extension activated)', async () => {
  assert.ok(state.wb, 'no workbench');
  await state.wb.openJobdeckView();
  await state.wb.waitForRow(CONNECTION.name, 60_000);
  await state.wb.screenshot('vsix-installed');
});

async function main() {
  const t0 = Date.now();
  ensureInstalled();
  let passed = 0;
  let failed = 0;
  let pending = 0;
  for (const c of checks) {
    if (typeof c.fn !== 'function') {
      pending++;
      console.log(`  - ${c.name} (pending)`);
      continue;
    }
    const started = Date.now();
    try {
      await c.fn();
      passed++;
      console.log(`  ✔ ${c.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(
        `  ✖ ${c.name}\n      ${String(e?.message ?? e)
          .split('\n')
          .join('\n      ')}`,
      );
      if (state.wb) {
        const shot = await state.wb.screenshot(`FAILED-vsix-${checks.indexOf(c)}`).catch(() => undefined);
        if (shot) console.log(`      screenshot: ${shot}`);
        console.log(`      logs: ${state.wb.keepLogs('vsix')}`);
      }
    }
  }
  if (state.size)
    console.log(
      `\nVSIX: ${(state.size / 1024).toFixed(0)} KB, ${state.files?.length ?? '?'} files${state.files ? `: ${state.files.join(', ')}` : ''}`,
    );
  await state.wb?.close();
  // npm run package leaves a minified bundle in dist/; put the development build back.
  spawnSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'ignore' });
  console.log(`vsix: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { passed, failed, pending };
}

await runAndExit('vsix', main);
