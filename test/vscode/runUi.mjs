// Runs the UI tests (test/ui/**/*.test.mjs) with mocha in plain Node. Each test file opens
// its own workbench(es) through test/ui/support/workbench.mjs. When a test fails, every
// workbench still open is screenshotted to test-results/screenshots/FAILED-<test>.png and
// its logs are kept. Prints `N passed, M failed` as the last line.
//
// Usage: node test/vscode/runUi.mjs [--grep PATTERN] [files...]
import { readdirSync, rmSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot, requireBuilt, runAndExit } from './launcher.mjs';
import { ensureInstalled } from './install.mjs';
import { countRun } from './totals.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
const Mocha = require('mocha');

function testFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.test.mjs'))
    .sort()
    .map((f) => join(dir, f));
}

async function main() {
  const t0 = Date.now();
  const args = process.argv.slice(2);
  const grepAt = args.indexOf('--grep');
  const grep = grepAt >= 0 ? args.splice(grepAt, 2)[1] : undefined;
  const files = args.length ? args.map((f) => resolve(f)) : testFiles(join(repoRoot, 'test', 'ui'));
  requireBuilt(['dist/extension.js', 'dist/core.js']);
  ensureInstalled();

  const { openWorkbenches, SCREENSHOTS } = await import('../ui/support/workbench.mjs');
  // Screenshots of earlier failures would read as failures of this run.
  if (existsSync(SCREENSHOTS))
    for (const f of readdirSync(SCREENSHOTS)) if (f.startsWith('FAILED-')) rmSync(join(SCREENSHOTS, f));
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: 120_000,
    color: process.stdout.isTTY === true,
    grep,
  });
  mocha.rootHooks({
    async afterEach() {
      if (this.currentTest?.state !== 'failed') return;
      const title = this.currentTest
        .fullTitle()
        .replace(/[^\w.-]+/g, '-')
        .slice(0, 100);
      for (const [i, wb] of openWorkbenches().entries()) {
        const path = await wb.screenshot(`FAILED-${title}${i ? `-${i}` : ''}`).catch(() => undefined);
        if (path) console.log(`      screenshot: ${relative(repoRoot, path)}`);
        console.log(`      logs: ${relative(repoRoot, wb.keepLogs(`ui-${title}`))}`);
        if (wb.consoleLog.length)
          console.log(`      browser console (last 5):\n        ${wb.consoleLog.slice(-5).join('\n        ')}`);
      }
    },
  });
  for (const f of files) mocha.addFile(f);
  await mocha.loadFilesAsync();
  // Pending tests are counted too: runAndExit fails the layer on a skipped test.
  const counts = await countRun(mocha);
  if (counts.passed + counts.failed === 0) {
    console.log(`no UI test ran (files: ${files.map((f) => relative(repoRoot, f)).join(', ') || 'none'})`);
    counts.failed = 1;
  }
  console.log(`ui: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return counts;
}

await runAndExit('ui', main);
