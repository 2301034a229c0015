// Sizes of what users get: the production build and the VSIX. Built in a staging copy of the
// working tree, because `build.mjs --production` empties dist/ first and other people's test
// runs load dist/ from the shared tree at the same time.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measured, notMeasured, type Measurement } from './figures';

// package.nls.json: without it the manifest's %…% titles stay unresolved in the staged VSIX
// (the activity-bar entry was "%viewsContainer.jobdeck.title%", and Cold view could not click it).
const COPY = ['package.json', 'package.nls.json', 'scripts', 'src', 'media', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'tsconfig.json', 'tsconfig.base.json'];

export interface StaticResult {
  measurements: Measurement[];
  /** The staged extension (production dist/), and the VSIX built from it. */
  stageDir?: string;
  vsix?: string;
}

function run(cmd: string, args: string[], cwd: string, what: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 240_000 });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-12).join('\n');
    throw new Error(`${what} failed (exit ${r.status ?? r.signal}): ${tail || r.error?.message || ''}`);
  }
}

/** The vsce arguments of `npm run package`, with the output file replaced. */
export function vscePackageArgs(pkg: { scripts?: Record<string, string> }, out: string): string[] {
  const script = pkg.scripts?.package ?? '';
  const m = /vsce package([^&|;]*)/.exec(script);
  if (!m) throw new Error(`package.json's "package" script does not run vsce package: ${script}`);
  const args = m[1].trim().split(/\s+/).filter(Boolean);
  const o = args.findIndex((a) => a === '-o' || a === '--out');
  if (o >= 0) args.splice(o, 2);
  return ['package', ...args, '-o', out];
}

export function staticSizes(repoRoot: string, log: (m: string) => void): StaticResult {
  const ids = ['size.extension', 'size.core', 'size.languageClient', 'size.server', 'size.webview', 'size.vsix'];
  const stageDir = mkdtempSync(join(tmpdir(), 'jobdeck-bench-stage-'));
  try {
    for (const entry of COPY) if (existsSync(join(repoRoot, entry))) cpSync(join(repoRoot, entry), join(stageDir, entry), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules'), join(stageDir, 'node_modules'), 'dir');
    log('production build (staging copy of the working tree)…');
    run(process.execPath, ['scripts/build.mjs', '--production', '--maps'], stageDir, 'node scripts/build.mjs --production --maps');
  } catch (e) {
    const reason = (e as Error).message;
    return { measurements: ids.map((id) => notMeasured(id, reason)) };
  }
  const kb = (file: string) => statSync(join(stageDir, file)).size / 1024;
  const size = (id: string, file: string): Measurement =>
    existsSync(join(stageDir, file)) ? measured(id, kb(file), { note: `${statSync(join(stageDir, file)).size.toLocaleString('en-US')} bytes` }) : notMeasured(id, `${file} was not built (not part of the build yet?)`);
  const measurements = [
    size('size.extension', 'dist/extension.js'),
    size('size.core', 'dist/core.js'),
    size('size.languageClient', 'dist/languageClient.js'),
    size('size.server', 'dist/server.js'),
    size('size.webview', 'dist/webview.js'),
  ];
  const vsix = join(stageDir, 'bench.vsix');
  try {
    log('vsce package…');
    const pkg = JSON.parse(readFileSync(join(stageDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    run(join(repoRoot, 'node_modules', '.bin', 'vsce'), vscePackageArgs(pkg, vsix), stageDir, 'vsce package');
    measurements.push(measured('size.vsix', kb('bench.vsix'), { note: `${statSync(vsix).size.toLocaleString('en-US')} bytes` }));
    return { measurements, stageDir, vsix };
  } catch (e) {
    measurements.push(notMeasured('size.vsix', (e as Error).message));
    return { measurements, stageDir };
  }
}
