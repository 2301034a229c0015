// `npm start`: the one-command demo. Installs the offline VS Code if needed (code-server +
// Debian's Chromium into ~/.cache/jobdeck-vscode), builds Jobdeck if dist/ or out/ are
// missing or stale, starts the jobs emulator with sample data for all five dialects, and
// code-server with Jobdeck loaded from this folder and connected to the emulator. Prints the
// URL to open; Ctrl-C stops everything.
//
// Options: --host 127.0.0.1   bind address of code-server (0.0.0.0 to reach it from elsewhere)
//          --port 8080        code-server port (default: 8080, or a free one if taken)
//          --jobs 60 --seed 42 --speed 1   emulator sample data and clock speed
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { ensureInstalled } from '../test/vscode/install.mjs';
import {
  repoRoot,
  startCodeServer,
  startEmulator,
  emulatorAvailable,
  devPayload,
  staleBuild,
  freePort,
  onCleanup,
  cleanupAll,
  stopping,
  DEMO_TOKEN,
  TOKEN_ENV,
} from '../test/vscode/launcher.mjs';

const KINDS = ['cnaas-nms', 'cdrouter', 'puppet-orchestrator', 'stack-jobs', 'beacon'];

const { values: opts } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string' },
    jobs: { type: 'string', default: '60' },
    seed: { type: 'string', default: '42' },
    speed: { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opts.help) {
  console.log('npm start -- [--host 127.0.0.1] [--port 8080] [--jobs 60] [--seed 42] [--speed 1]');
  process.exit(0);
}

const say = (m) => console.log(`[start] ${m}`);

function npmRun(script) {
  say(`npm run ${script}`);
  const r = spawnSync('npm', ['run', script, '--silent'], { cwd: repoRoot, stdio: 'inherit' });
  return r.status === 0;
}

async function portIsFree(port, host) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

// Until the emulator is built, a stand-in answers every dialect with 503 and says why, so
// the tree shows five connections with a clear error instead of nothing.
async function startPlaceholder() {
  const server = createServer((req, res) => {
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ error: 'the Jobdeck emulator is not built: run `npm run compile` and restart `npm start`' }),
    );
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  onCleanup(() => new Promise((r) => server.close(r)));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    connections: KINDS.map((kind) => ({ name: `demo-${kind}`, kind, url: `${url}/${kind}`, tokenEnv: TOKEN_ENV })),
  };
}

async function main() {
  const t0 = Date.now();
  onCleanup(() => {}); // hooks Ctrl-C from the start, so a stop during the build is clean too
  ensureInstalled({ log: (m) => say(m) });

  const stale = staleBuild();
  if (stale.includes('dist') && !npmRun('build')) throw new Error('npm run build failed');
  // tsc emits even with type errors elsewhere in the tree; the demo only needs the emulator.
  if (stale.includes('out') && !npmRun('compile'))
    say('npm run compile reported errors (see above); going on with what it emitted');

  // The emulator only has to be reachable from the extension host, which runs next to it.
  const emulator = emulatorAvailable()
    ? await startEmulator({ jobs: Number(opts.jobs), seed: Number(opts.seed), speed: Number(opts.speed) })
    : await startPlaceholder();
  say(
    emulatorAvailable()
      ? `emulator on ${emulator.url} (${opts.jobs} jobs per dialect, seed ${opts.seed})`
      : `emulator not built: placeholder on ${emulator.url}`,
  );

  let port = opts.port ? Number(opts.port) : 8080;
  if (!opts.port && !(await portIsFree(port, opts.host))) port = await freePort(opts.host);
  const server = await startCodeServer({
    host: opts.host,
    port,
    settings: { 'jobdeck.connections': emulator.connections, 'workbench.colorTheme': 'Default Dark Modern' },
    env: { [TOKEN_ENV]: DEMO_TOKEN, JOBDECK_EMULATOR_URL: emulator.url },
    log: (m) => say(m),
  });
  const url = server.workbenchUrl(devPayload(server));
  const shown = opts.host === '0.0.0.0' ? url.replace('://127.0.0.1:', `://${hostname()}:`) : url;
  console.log(
    `\nJobdeck is running in VS Code (ready in ${((Date.now() - t0) / 1000).toFixed(0)} s). Open:\n\n  ${shown}\n`,
  );
  console.log(
    'Click the Jobdeck icon in the activity bar. After a rebuild (npm run build), run "Developer: Reload Window".',
  );
  console.log('Press Ctrl-C to stop.\n');

  const exited = await server.exited;
  if (stopping()) return new Promise(() => {}); // the signal handler cleans up and exits
  throw new Error(`code-server exited unexpectedly (${exited.code ?? exited.sig}); log: ${server.logFile}`);
}

try {
  await main();
} catch (e) {
  if (stopping()) await new Promise(() => {}); // the signal handler is cleaning up and exits
  console.error(`[start] ${e?.message ?? e}`);
  await cleanupAll();
  process.exit(1);
}
