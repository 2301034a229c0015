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
const nls = JSON.parse(readFileSync(join(repoRoot, 'package.nls.json'), 'utf8'));
/** A manifest string as VS Code shows it (its %key% looked up in package.nls.json). */
const shown = (v) => (/^%(.+)%$/.test(v) ? nls[v.slice(1, -1)] : v);
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
  // VS Code reads the manifest's %keys% from it: without it every title reads %command.x.title%.
  /^package\.nls(\.[\w-]+)?\.json$/,
];
const CONNECTION = { name: 'vsix-check', kind: 'cdrouter', url: 'http://127.0.0.1:9' };
// vsce turns the README's relative image paths into the repository's raw URLs.
const RAW_PREFIX = `${pkg.repository.url.replace(/\.git$/, '')}/raw/HEAD/`;

/** The working-tree file behind a raw URL of the repository, or undefined for other URLs. */
function repositoryFile(url) {
  if (!url.startsWith(RAW_PREFIX)) return undefined;
  return join(repoRoot, decodeURIComponent(url.slice(RAW_PREFIX.length).split(/[?#]/)[0]));
}

async function waitForCondition(check, what, timeout = 60_000) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

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
    'package.nls.json',
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

check('the installed README links its images by absolute URLs to files of the repository', () => {
  assert.ok(state.extensionsDir, 'not installed');
  const dir = join(state.extensionsDir, `${EXTENSION_ID}-${pkg.version}`);
  const readme = readFileSync(join(dir, 'readme.md'), 'utf8');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  assert.ok(images.length >= 2, `images in the installed README: ${images.join(', ')}`);
  for (const src of images) {
    const local = repositoryFile(src);
    assert.ok(local, `${src} is not an absolute URL into ${pkg.repository.url}`);
    assert.ok(existsSync(local), `${src}: ${local} does not exist in the repository`);
  }
  state.readmeImages = images;
  assert.ok(existsSync(join(dir, pkg.icon)), `icon ${pkg.icon} not shipped`);
});

check("the installed extension's details page shows the README, its images and its icon", async () => {
  assert.ok(state.wb && state.readmeImages, 'no workbench or README');
  const { page } = state.wb;
  // This machine is offline: the repository's raw URLs are answered from the working tree,
  // which is what GitHub will serve for them once pushed.
  const served = [];
  await page.context().route(`${RAW_PREFIX}**`, (route) => {
    const file = repositoryFile(route.request().url());
    served.push(route.request().url());
    return file && existsSync(file) ? route.fulfill({ path: file }) : route.fulfill({ status: 404, body: 'missing' });
  });
  await state.wb.runCommand('Extensions: Show Enabled Extensions');
  const entry = page
    .locator('.extensions-viewlet .monaco-list-row')
    .filter({ hasText: shown(pkg.displayName) })
    .first();
  await entry.waitFor({ state: 'visible', timeout: 60_000 });
  await entry.click();
  const editor = page.locator('.extension-editor');
  await editor.waitFor({ state: 'visible' });
  const icon = editor.locator('.header .icon-container img.icon').first();
  await waitForCondition(
    () => icon.evaluate((img) => img.complete && img.naturalWidth === 128),
    'the icon (128 px) to load',
  );
  // The README is rendered in a webview: find the frame that holds it.
  let frame;
  await waitForCondition(async () => {
    for (const f of page.frames()) {
      if (
        await f
          .locator('h1', { hasText: 'Jobdeck' })
          .count()
          .catch(() => 0)
      ) {
        frame = f;
        return true;
      }
    }
    return false;
  }, 'the README in the details page');
  const imgs = frame.locator('img');
  await waitForCondition(
    async () =>
      (await imgs.evaluateAll((els) => els.filter((i) => i.complete && i.naturalWidth > 0).length)) ===
      state.readmeImages.length,
    `all ${state.readmeImages.length} README images to load`,
  );
  const loaded = await imgs.evaluateAll((els) => els.map((i) => ({ src: i.getAttribute('src'), w: i.naturalWidth })));
  assert.deepEqual(
    loaded.map((i) => i.src),
    state.readmeImages,
  );
  assert.ok(
    loaded.every((i) => i.w > 100),
    JSON.stringify(loaded),
  );
  assert.ok(served.length >= state.readmeImages.length, `fetched: ${served.join(', ')}`);
  await state.wb.screenshot('vsix-details-readme');
  await frame.locator('h2', { hasText: 'Settings' }).first().scrollIntoViewIfNeeded();
  await state.wb.screenshot('vsix-details-readme-settings');
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
