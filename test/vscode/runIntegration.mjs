// Runs the integration tests (out/test/integration/index.js → run()) inside a real VS Code
// extension host: code-server + headless Chromium, with the jobs emulator when it exists.
// Streams mocha's output, then prints `N passed, M failed` as the last line.
//
// Usage: node test/vscode/runIntegration.mjs [--grep PATTERN]
// Env: JOBDECK_INTEGRATION_TIMEOUT (seconds, default 600).
import { existsSync, readFileSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import {
  repoRoot,
  startCodeServer,
  launchBrowser,
  openWorkbenchPage,
  devPayload,
  startEmulator,
  tempDir,
  requireBuilt,
  keepLogs,
  readTail,
  runAndExit,
  sleep,
  DEMO_TOKEN,
  TOKEN_ENV,
} from './launcher.mjs';

const TIMEOUT_MS = Number(process.env.JOBDECK_INTEGRATION_TIMEOUT ?? 600) * 1000;
const grepAt = process.argv.indexOf('--grep');
const GREP = grepAt > 0 ? process.argv[grepAt + 1] : undefined;
const ENTRY = join(repoRoot, 'out', 'test', 'integration', 'index');
// --floor: the same tests on the oldest VS Code engines.vscode allows (code-server 4.93.1).
const FLOOR = process.argv.includes('--floor');
if (FLOOR) process.env.JOBDECK_VSCODE_FLOOR = '1';

async function main() {
  const t0 = Date.now();
  requireBuilt(['dist/extension.js', 'dist/core.js', 'out/test/integration/index.js']);
  const dir = tempDir('jobdeck-integration-');
  const resultsFile = join(dir, 'results.json');
  const logFile = join(dir, 'mocha.log');

  const emulator = await startEmulator({ jobs: 120, seed: 42, speed: 10 });
  console.log(
    emulator
      ? `emulator: ${emulator.url}`
      : 'emulator: not built yet (out/test/emulator/index.js missing), running without it',
  );
  // A second one serving the seeds' example payloads as printed (seedExact.test.ts).
  const seedEmulator = await startEmulator({ mode: 'seed-exact' });
  if (seedEmulator) console.log(`seed-exact emulator: ${seedEmulator.url}`);

  const server = await startCodeServer({
    dir,
    settings: { 'jobdeck.connections': emulator?.connections ?? [] },
    env: {
      [TOKEN_ENV]: DEMO_TOKEN,
      JOBDECK_EMULATOR_URL: emulator?.url ?? '',
      JOBDECK_SEED_EMULATOR_URL: seedEmulator?.url ?? '',
      JOBDECK_TEST_RESULTS: resultsFile,
      JOBDECK_TEST_LOG: logFile,
      ...(GREP ? { JOBDECK_TEST_GREP: GREP } : {}),
      // activation.test.ts checks the extension host runs this VS Code.
      JOBDECK_EXPECT_VSCODE: FLOOR ? '1.93' : '1.100',
    },
  });
  const browser = await launchBrowser();
  const { page, consoleLog } = await openWorkbenchPage(
    browser,
    server.workbenchUrl(devPayload(server, { extensionTestsPath: ENTRY })),
  );
  console.log(`workbench up in ${((Date.now() - t0) / 1000).toFixed(1)} s; running tests`);

  // Stream the reporter output while waiting for the results file.
  let offset = 0;
  const pump = () => {
    if (!existsSync(logFile)) return;
    const size = statSync(logFile).size;
    if (size <= offset) return;
    const fd = openSync(logFile, 'r');
    const buf = Buffer.alloc(size - offset);
    readSync(fd, buf, 0, buf.length, offset);
    closeSync(fd);
    offset = size;
    process.stdout.write(buf.toString('utf8'));
  };
  const deadline = Date.now() + TIMEOUT_MS;
  let results;
  while (!results) {
    pump();
    if (existsSync(resultsFile)) {
      try {
        results = JSON.parse(readFileSync(resultsFile, 'utf8'));
      } catch {
        /* being written */
      }
    }
    if (!results) {
      if (Date.now() > deadline) break;
      if (page.isClosed()) break;
      await sleep(250);
    }
  }
  await sleep(100);
  pump();

  let passed = 0;
  let failed;
  let pending = 0;
  if (!results) {
    failed = 1;
    console.log(
      `\nintegration tests produced no results within ${TIMEOUT_MS / 1000} s (did the extension host start? see logs below)`,
    );
  } else {
    passed = results.passed;
    failed = results.failed;
    // A pending test (it.skip, describe.skip, an it() without a body) fails the layer in runAndExit.
    pending = results.pending ?? 0;
    for (const f of results.failures) console.log(`\nFAILED ${f.title}\n${f.error}`);
    if (passed + failed === 0) {
      failed = 1;
      console.log('\nno integration test ran');
    }
  }
  if (failed) {
    console.log(`\n--- code-server log (tail) ---\n${readTail(server.logFile, 30)}`);
    if (consoleLog.length) console.log(`--- browser console (last 15) ---\n${consoleLog.slice(-15).join('\n')}`);
    console.log(`logs kept in ${keepLogs(server, 'integration')}`);
  }
  console.log(`integration${FLOOR ? ' (VS Code 1.93)' : ''}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { passed, failed, pending };
}

await runAndExit('integration', main);
