// `npm run test:soak`: the soak (test/integration/soak.test.ts) alone, for 10 minutes by
// default, in the real extension host (the integration runner, code-server + Chromium).
// `npm test` runs the same test for 60 s inside the integration layer.
//
// Env: JOBDECK_SOAK_SECONDS (default 600). Results: test-results/soak.json.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const seconds = Number(process.env.JOBDECK_SOAK_SECONDS ?? 600) || 600;
const env = {
  ...process.env,
  JOBDECK_SOAK_SECONDS: String(seconds),
  JOBDECK_TEST_GREP: 'soak',
  // The runner's own deadline: the soak, its recovery wait and start-up, with room to spare.
  JOBDECK_INTEGRATION_TIMEOUT: String(seconds + 600),
};
console.log(`soak: ${seconds} s in the extension host`);
const child = spawn(process.execPath, [join(root, 'test', 'vscode', 'runIntegration.mjs')], {
  cwd: root,
  env,
  stdio: 'inherit',
});
child.on('exit', (code, signal) => {
  try {
    const summary = JSON.parse(readFileSync(join(root, 'test-results', 'soak.json'), 'utf8'));
    delete summary.writeLog;
    console.log(`soak summary: ${JSON.stringify(summary)}`);
  } catch {
    console.log('soak: no test-results/soak.json (the soak did not finish)');
  }
  process.exit(code ?? (signal ? 1 : 0));
});
