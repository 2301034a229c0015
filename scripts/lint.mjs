// The `lint` layer of `npm test`: each check below is one test of the layer. Ends with
// "N passed, M failed" like the other runners. `node scripts/lint.mjs --fix` lets ESLint and
// Prettier mend what they can.
//   eslint     typescript-eslint rules (eslint.config.mjs)
//   prettier   formatting (.prettierrc.json)
//   layers     imports only point down the layers (.dependency-cruiser.cjs, docs/architecture.md)
//   host types the extension host and server type-check without the DOM (src/tsconfig.json)
//   page types the page type-checks with the DOM and without Node (src/webview/tsconfig.json)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const fix = process.argv.includes('--fix');

const CHECKS = [
  ['eslint', bin('eslint'), ['--max-warnings', '0', ...(fix ? ['--fix'] : []), '.']],
  ['prettier', bin('prettier'), [fix ? '--write' : '--check', '--log-level', 'warn', '.']],
  ['layers', bin('depcruise'), ['src', 'test', '--config', '.dependency-cruiser.cjs', '--output-type', 'err']],
  ['host types', bin('tsc'), ['-p', 'src']],
  ['page types', bin('tsc'), ['-p', 'src/webview']],
];

let passed = 0;
let failed = 0;
for (const [name, cmd, args] of CHECKS) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  const ok = r.status === 0;
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? '✔' : '✘'} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (out && (!ok || name === 'layers'))
    console.log(
      out
        .split('\n')
        .map((l) => `      ${l}`)
        .join('\n'),
    );
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
