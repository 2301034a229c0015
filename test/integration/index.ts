// Entry point that VS Code loads in the extension host for integration tests (the
// `extensionTestsPath` contract @vscode/test-electron uses, and code-server via the
// workbench payload): runs every out/test/integration/**/*.test.js with mocha.
//
// The launcher cannot see the extension host's exit code in code-server, so results go to
// the file named by JOBDECK_TEST_RESULTS (JSON counts + failures) and the reporter's output
// to JOBDECK_TEST_LOG (appended line by line so the launcher can stream it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';

export interface TestResults {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
}

export async function run(): Promise<void> {
  const resultsFile = process.env.JOBDECK_TEST_RESULTS;
  const logFile = process.env.JOBDECK_TEST_LOG ?? (resultsFile ? `${resultsFile}.log` : undefined);
  const results: TestResults = { passed: 0, failed: 0, pending: 0, failures: [] };
  try {
    await runMocha(results, logFile);
  } catch (e) {
    // A suite that cannot even load (syntax error, missing module) must count as a failure.
    results.failed++;
    results.failures.push({ title: 'loading the integration tests', error: errorText(e) });
    appendLog(logFile, `loading the integration tests failed: ${errorText(e)}`);
  } finally {
    if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  }
  if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed`);
}

/** Runs the files (every integration test by default) and adds up passed, failed and pending. */
export async function runMocha(
  results: TestResults,
  logFile: string | undefined,
  files: string[] = testFiles(__dirname),
): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Mocha = require('mocha') as typeof import('mocha');
  const grep = process.env.JOBDECK_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  // JOBDECK_TEST_GREP runs only the matching tests (while working on one suite).
  if (process.env.JOBDECK_TEST_GREP) mocha.grep(process.env.JOBDECK_TEST_GREP);
  // The spec reporter prints through Base.consoleLog; mirror it into the log file.
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const original = base.consoleLog;
  base.consoleLog = (...args: unknown[]) => {
    appendLog(logFile, util.format(...args));
    original(...args);
  };
  try {
    for (const file of files) mocha.addFile(file);
    await mocha.loadFilesAsync();
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', () => results.passed++);
      // The launcher fails the layer on any pending test (test/vscode/totals.mjs).
      runner.on('pending', () => results.pending++);
      runner.on('fail', (test, err) => {
        results.failed++;
        results.failures.push({ title: test.fullTitle(), error: errorText(err) });
      });
    });
  } finally {
    base.consoleLog = original;
  }
}

function testFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

function appendLog(logFile: string | undefined, line: string): void {
  if (logFile) fs.appendFileSync(logFile, `${line}\n`);
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  return String(e);
}
