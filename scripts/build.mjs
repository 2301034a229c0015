// Bundles the extension host code and the webview script with esbuild; `tsc --noEmit` does type checks.
import * as esbuild from 'esbuild';
import { mkdirSync, existsSync, rmSync } from 'node:fs';
import { writeCodiconSubset } from './codicons.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
// --maps: a release build with source maps beside it (not linked, and .vscodeignore leaves them
// out of the VSIX), so the benchmarks' CPU profiles of the minified bundles can be read.
const maps = process.argv.includes('--maps');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? (maps ? 'external' : false) : 'linked',
  logLevel: 'info',
  absWorkingDir: root,
  alias: { 'form-data': './scripts/shims/form-data.cjs', debug: './scripts/shims/debug.cjs' },
};

// axios's xhr and fetch adapters are never chosen in Node (see the shim): the Node bundles
// leave them out.
const noBrowserAdapters = {
  name: 'no-browser-adapters',
  setup(build) {
    build.onResolve({ filter: /^\.\/(xhr|fetch)\.js$/ }, (args) =>
      /[\\/]axios[\\/]lib[\\/]adapters$/.test(args.resolveDir)
        ? { path: join(root, 'scripts/shims/axios-no-adapter.mjs') }
        : undefined,
    );
  },
};

// Three extension-host bundles, each loaded only when needed (see src/extension/extension.ts):
// the activation entry, the body, and the spec files' language client. They share no module
// state: the entry reaches the body, and the body the client, through a runtime require().
const host = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  plugins: [noBrowserAdapters],
};
const entries = [
  { ...host, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  { ...host, entryPoints: ['src/extension/core.ts'], outfile: 'dist/core.js' },
  { ...host, entryPoints: ['src/extension/languageClient.ts'], outfile: 'dist/languageClient.js' },
];
if (existsSync(join(root, 'src/webview/main.ts'))) {
  entries.push({
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
  });
}
if (existsSync(join(root, 'src/server/server.ts'))) {
  entries.push({
    ...common,
    entryPoints: ['src/server/server.ts'],
    outfile: 'dist/server.js',
    plugins: [noBrowserAdapters],
    platform: 'node',
    format: 'cjs',
    target: 'node18',
  });
}

// A release build starts from an empty dist/ so no stale source map ends up in the VSIX.
if (production) rmSync(join(root, 'dist'), { recursive: true, force: true });
mkdirSync(join(root, 'dist'), { recursive: true });
// Codicons ship as a font + stylesheet, cut down to the glyphs the webview uses; the webview
// loads them from dist/ (inside localResourceRoots).
const subset = await writeCodiconSubset(root, join(root, 'dist'));
console.log(`  dist/codicon.ttf  ${subset.icons} icons, ${(subset.bytes / 1024).toFixed(1)}kb`);

if (watch) {
  for (const e of entries) (await esbuild.context(e)).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build(e)));
}
