// The same integration tests in desktop VS Code through @vscode/test-electron, for machines
// that can download VS Code (this project's own machines cannot: runIntegration.mjs runs
// them in code-server there). Same emulator, settings and environment as runIntegration.
//
// Usage: node test/vscode/runElectron.mjs [--version 1.100.3|stable|insiders]
import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot, startEmulator, tempDir, requireBuilt, runAndExit, DEMO_TOKEN, TOKEN_ENV } from './launcher.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
const { runTests } = require('@vscode/test-electron');

async function main() {
  requireBuilt(['dist/extension.js', 'dist/core.js', 'out/test/integration/index.js']);
  const at = process.argv.indexOf('--version');
  const version = at > 0 ? process.argv[at + 1] : '1.100.3';
  const dir = tempDir('jobdeck-electron-');
  const userDataDir = join(dir, 'data');
  const workspace = join(dir, 'workspace');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(workspace, { recursive: true });
  const emulator = await startEmulator({ jobs: 40, seed: 42, speed: 10 });
  const seedEmulator = await startEmulator({ mode: 'seed-exact' });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'jobdeck.connections': emulator?.connections ?? [],
      },
      null,
      2,
    ),
  );
  const resultsFile = join(dir, 'results.json');
  let exitCode;
  try {
    exitCode = await runTests({
      version,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'out', 'test', 'integration', 'index'),
      extensionTestsEnv: {
        [TOKEN_ENV]: DEMO_TOKEN,
        JOBDECK_EMULATOR_URL: emulator?.url ?? '',
        JOBDECK_SEED_EMULATOR_URL: seedEmulator?.url ?? '',
        JOBDECK_TEST_RESULTS: resultsFile,
        JOBDECK_TEST_LOG: join(dir, 'mocha.log'),
      },
      launchArgs: [workspace, '--disable-extensions', '--user-data-dir', userDataDir, '--disable-workspace-trust'],
    });
  } catch (e) {
    console.log(`VS Code run failed: ${e?.message ?? e}`);
    exitCode = 1;
  }
  if (!existsSync(resultsFile)) return { passed: 0, failed: 1 };
  const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  return { passed: r.passed, failed: r.failed || (exitCode ? 1 : 0), pending: r.pending ?? 0 };
}

await runAndExit('electron', main);
