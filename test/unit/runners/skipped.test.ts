// Every layer fails on a skipped or pending test. The layers' runners are run here as they run
// in `npm test`, each in a child process, over mocha files with one passing test, one it.skip and
// one it() without a body (test/fixtures/runners): the integration entry (extension host) and
// the UI runner count the two pending tests, runAndExit (how the integration, UI, VSIX and
// Electron runners end) fails on them and writes them into the closing line, and
// scripts/test.mjs reads that line back into a failed layer. The same files without the
// skipped tests pass, so each check can go either way.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'runners');
const SKIPPED = path.join(FIXTURES, 'skipped.spec.cjs');
const PASSING = path.join(FIXTURES, 'passing.spec.cjs');
const moduleUrl = (...p: string[]) => pathToFileURL(path.join(ROOT, ...p)).href;

interface Counts {
  passed: number;
  failed: number;
  pending: number;
}
interface Totals {
  parseTotals(out: string): Counts;
  parseMocha(out: string): Counts;
  problemsOf(counts: Counts): string[];
  totalsLine(counts: Counts): string;
}

// The runners are ES modules and this test compiles to CommonJS, where `import()` would become
// require(): this keeps it a real dynamic import.
const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;
const totals = () => importModule(moduleUrl('test', 'vscode', 'totals.mjs')) as Promise<Totals>;

function node(args: string[]): { code: number | null; stdout: string; lines: string[] } {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.error, undefined, String(r.error));
  const stdout = r.stdout ?? '';
  return { code: r.status, stdout, lines: stdout.trim().split('\n') };
}

/** The integration entry (out/test/integration/index.js) run over `file` outside VS Code. */
function integrationCounts(file: string): Counts {
  const script = `
    const results = { passed: 0, failed: 0, pending: 0, failures: [] };
    require(${JSON.stringify(path.join(ROOT, 'out', 'test', 'integration', 'index.js'))})
      .runMocha(results, undefined, [${JSON.stringify(file)}])
      .then(() => process.stdout.write('\\n' + JSON.stringify(results) + '\\n'));`;
  const r = node(['-e', script]);
  assert.equal(r.code, 0, r.stdout);
  return JSON.parse(r.lines.at(-1) ?? '') as Counts;
}

/** The UI runner's count (totals.countRun over a mocha run of `file`). */
function uiCounts(file: string): Counts {
  const script = `
    import { createRequire } from 'node:module';
    import { countRun } from ${JSON.stringify(moduleUrl('test', 'vscode', 'totals.mjs'))};
    const Mocha = createRequire(${JSON.stringify(path.join(ROOT, 'package.json'))})('mocha');
    const mocha = new Mocha({ reporter: 'dot' });
    mocha.addFile(${JSON.stringify(file)});
    await mocha.loadFilesAsync();
    const counts = await countRun(mocha);
    process.stdout.write('\\n' + JSON.stringify(counts) + '\\n');`;
  const r = node(['--input-type=module', '-e', script]);
  assert.equal(r.code, 0, r.stdout);
  return JSON.parse(r.lines.at(-1) ?? '') as Counts;
}

/** How a runner ends (launcher.runAndExit) when its tests counted `counts`. */
function runAndExit(counts: Counts) {
  const script = `
    import { runAndExit } from ${JSON.stringify(moduleUrl('test', 'vscode', 'launcher.mjs'))};
    await runAndExit('layer', async () => (${JSON.stringify(counts)}));`;
  return node(['--input-type=module', '-e', script]);
}

describe('runners: a skipped or pending test fails its layer', function () {
  this.timeout(120_000);

  it('the integration entry counts it.skip and a bodiless it() as pending', () => {
    assert.deepEqual(integrationCounts(SKIPPED), { passed: 1, failed: 0, pending: 2, failures: [] });
    assert.deepEqual(integrationCounts(PASSING), { passed: 1, failed: 0, pending: 0, failures: [] });
  });

  it('the UI runner counts them too', () => {
    assert.deepEqual(uiCounts(SKIPPED), { passed: 1, failed: 0, pending: 2 });
    assert.deepEqual(uiCounts(PASSING), { passed: 1, failed: 0, pending: 0 });
  });

  it('runAndExit exits 1 on a pending test and names it in the closing line; 0 without', () => {
    const skipped = runAndExit({ passed: 7, failed: 0, pending: 1 });
    assert.equal(skipped.code, 1, skipped.stdout);
    assert.equal(skipped.lines.at(-1), '7 passed, 0 failed, 1 skipped');
    assert.match(skipped.stdout, /layer: 1 skipped/);
    const clean = runAndExit({ passed: 7, failed: 0, pending: 0 });
    assert.equal(clean.code, 0, clean.stdout);
    assert.equal(clean.lines.at(-1), '7 passed, 0 failed, 0 skipped');
  });

  it('scripts/test.mjs reads a runner closing line with a skipped test as a failed layer', async () => {
    const { parseTotals, problemsOf } = await totals();
    const counts = parseTotals(runAndExit({ passed: 7, failed: 0, pending: 2 }).stdout);
    assert.deepEqual(counts, { passed: 7, failed: 0, pending: 2 });
    assert.deepEqual(problemsOf(counts), ['2 skipped (no skipped or pending tests allowed)']);
    assert.deepEqual(problemsOf(parseTotals(runAndExit({ passed: 7, failed: 0, pending: 0 }).stdout)), []);
    // The lint layer's line has no skipped part.
    assert.deepEqual(parseTotals('  ✔ eslint\n5 passed, 0 failed\n'), { passed: 5, failed: 0, pending: 0 });
  });

  it("scripts/test.mjs fails the unit layer on mocha's pending count", async () => {
    const { parseMocha, problemsOf } = await totals();
    // As the unit layer runs mocha, without the project's .mocharc.json (its spec is the whole layer).
    const mocha = (file: string) =>
      node([path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--reporter', 'spec', file]);
    const counts = parseMocha(mocha(SKIPPED).stdout);
    assert.deepEqual(counts, { passed: 1, failed: 0, pending: 2 });
    assert.equal(problemsOf(counts).length, 1);
    assert.deepEqual(problemsOf(parseMocha(mocha(PASSING).stdout)), []);
  });

  it('a layer that ran nothing or failed still fails', async () => {
    const { problemsOf } = await totals();
    assert.deepEqual(problemsOf({ passed: 0, failed: 0, pending: 0 }), ['ran no test']);
    assert.deepEqual(problemsOf({ passed: 3, failed: 1, pending: 0 }), ['1 failed']);
  });
});
