// `npm test` (after pretest: build + compile): runs every test layer in order, streams its
// output, prints a summary table and, as the very last line, the totals as
// `N passed, M failed`. Exits non-zero if any layer failed or ran no test.
//
// Usage: node scripts/test.mjs [lint] [unit] [integration] [ui] [vsix]   (default: all, in order)
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMocha, parseTotals, problemsOf, totalsLine } from '../test/vscode/totals.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;

const LAYERS = {
  lint: { cmd: node, args: ['scripts/lint.mjs'], parse: parseTotals },
  unit: {
    cmd: node,
    args: [join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--config', '.mocharc.json'],
    parse: parseMocha,
  },
  integration: { cmd: node, args: ['test/vscode/runIntegration.mjs'], parse: parseTotals },
  // The same integration tests on VS Code 1.93 (code-server 4.93.1), the floor engines.vscode declares.
  'integration@1.93': { cmd: node, args: ['test/vscode/runIntegration.mjs', '--floor'], parse: parseTotals },
  // The UI layer is most of CI (≈ 10 minutes on two cores): its own, longer bound.
  ui: { cmd: node, args: ['test/vscode/runUi.mjs'], parse: parseTotals, timeoutS: 1200 },
  vsix: { cmd: node, args: ['test/vscode/runVsix.mjs'], parse: parseTotals },
};
// A layer that hangs must not hold CI: generous, bounded.
const timeoutOf = (layer) => Number(process.env.JOBDECK_LAYER_TIMEOUT ?? layer.timeoutS ?? 900) * 1000;

function runLayer(name) {
  const layer = LAYERS[name];
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(layer.cmd, layer.args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    }, timeoutOf(layer));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const counts = layer.parse(out);
      const seconds = (Date.now() - started) / 1000;
      const problems = [];
      if (timedOut) problems.push(`timed out after ${timeoutOf(layer) / 1000} s`);
      if (code !== 0) problems.push(`exit ${code ?? signal}`);
      // Failures, no test at all, and skipped tests (the runners' closing lines carry them).
      problems.push(...problemsOf(counts));
      // A layer that died without counting any failure still counts as one failure.
      const failed = counts.failed || (problems.length ? 1 : 0);
      resolve({
        name,
        passed: counts.passed,
        failed,
        pending: counts.pending,
        seconds,
        ok: problems.length === 0,
        problems,
      });
    });
  });
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((l) => !(l in LAYERS));
if (unknown.length) {
  console.error(`unknown layer(s): ${unknown.join(', ')}; known: ${Object.keys(LAYERS).join(', ')}`);
  process.exit(2);
}
const order = Object.keys(LAYERS).filter((l) => wanted.length === 0 || wanted.includes(l));

const t0 = Date.now();
const results = [];
for (const name of order) {
  console.log(`\n=== ${name} ${'='.repeat(60 - name.length)}`);
  results.push(await runLayer(name));
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
console.log(`\n${pad('layer', 13)}${lpad('passed', 8)}${lpad('failed', 8)}${lpad('time', 9)}  result`);
for (const r of results) {
  console.log(
    `${pad(r.name, 13)}${lpad(r.passed, 8)}${lpad(r.failed, 8)}${lpad(`${r.seconds.toFixed(1)}s`, 9)}  ${r.ok ? 'ok' : `FAILED: ${r.problems.join(', ')}`}`,
  );
}
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
const pending = results.reduce((s, r) => s + r.pending, 0);
console.log(
  `${pad('total', 13)}${lpad(passed, 8)}${lpad(failed, 8)}${lpad(`${((Date.now() - t0) / 1000).toFixed(1)}s`, 9)}`,
);
console.log(totalsLine({ passed, failed, pending }));
process.exit(results.every((r) => r.ok) ? 0 : 1);
