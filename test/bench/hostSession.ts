// Runs the extension-host benchmarks: code-server (through test/vscode/launcher.mjs) with the
// production VSIX installed, Chromium showing the workbench, and test/bench/host as the
// extensionTestsPath. Serves the bridge the host entry calls (page observations, the tail's
// emitter, results) and checks the tail's output channel log at the end.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BRIDGE_ENV, type BridgeRequest, type HostConfig, type TailEmission } from './bridge';
import { FIGURES, measured, notMeasured, type Measurement } from './figures';
import { CLICKS_ARM, PANEL_JOB_ID, PANEL_PAINT_INIT, PANEL_PROBE_STATE, ROWS_ARM, rowsSeenScript } from './pageProbes';
import { countTailLines, emitTail, ownActivationLog, TAIL_STEADY, TAIL_TOTAL } from './tailDriver';
import { MAIN_ENV } from './host/activationHook';
import { SCALE_CONNECTIONS, conn, demoConnections, DIFF_LINES, findHugeDiffJob, launchPuppet, PANEL_NODES, TOKEN, TOKEN_ENV, TREE_BIG, TREE_SMALL, type Emulators } from './emulators';
import { sleep } from './stats';

// Minimal shapes of what the launcher and playwright-core hand back.
interface Evaluates {
  evaluate<T>(script: string): Promise<T>;
}
interface Frame extends Evaluates {
  parentFrame(): Frame | null;
}
interface Locator {
  first(): Locator;
  click(o?: { timeout?: number }): Promise<void>;
  dblclick(o?: { timeout?: number }): Promise<void>;
  scrollIntoViewIfNeeded(o?: { timeout?: number }): Promise<void>;
}
interface Page extends Evaluates {
  locator(selector: string): Locator;
  frames(): Frame[];
  isClosed(): boolean;
  screenshot(o: { path: string }): Promise<unknown>;
}
interface CdpSession {
  send<T>(method: string, params?: Record<string, unknown>): Promise<T>;
  detach(): Promise<void>;
}
interface Context {
  addInitScript(o: { content: string }): Promise<void>;
  newCDPSession(target: Frame): Promise<CdpSession>;
}
interface CodeServer {
  dataDir: string;
  extensionsDir: string;
  logFile: string;
  exited: Promise<unknown>;
  workbenchUrl(payload: [string, string][]): string;
  remoteUri(p: string): string;
}
interface Launcher {
  startCodeServer(o: Record<string, unknown>): Promise<CodeServer>;
  launchBrowser(): Promise<unknown>;
  openWorkbenchPage(browser: unknown, url: string): Promise<{ context: Context; page: Page; consoleLog: string[] }>;
  installExtension(vsix: string, extensionsDir: string, userDataDir?: string): string;
  tempDir(prefix: string): string;
  cleanupAll(): Promise<void>;
  readTail(file: string, lines: number): string;
  keepLogs(server: CodeServer, name: string): string;
}

export const HOST_TIMEOUT_MS = 10 * 60_000;
const HELLO_TIMEOUT_MS = 120_000;

export async function loadLauncher(repoRoot: string): Promise<Launcher> {
  // A real dynamic import: tsc would turn import() into require(), which cannot load .mjs here.
  const importEsm = new Function('u', 'return import(u)') as (u: string) => Promise<Launcher>;
  return importEsm(pathToFileURL(join(repoRoot, 'test', 'vscode', 'launcher.mjs')).href);
}

export interface HostSessionOptions {
  repoRoot: string;
  launcher: Launcher;
  emulators: Emulators;
  groups: string[];
  /** The VSIX to install, or else a staged extension folder to load in development mode. */
  vsix?: string;
  stageDir?: string;
  log: (m: string) => void;
  /** Called as each host benchmark group starts. */
  onPhase?: (name: string) => void;
}

export interface HostSessionResult {
  measurements: Measurement[];
  notes: string[];
}

export async function runHostSession(o: HostSessionOptions): Promise<HostSessionResult> {
  const { launcher, emulators: emu, log } = o;
  const notes: string[] = [];
  const pkg = JSON.parse(readFileSync(join(o.repoRoot, 'package.json'), 'utf8')) as { name: string; publisher: string; version: string };
  const extensionId = `${pkg.publisher}.${pkg.name}`;
  const dir = launcher.tempDir('jobdeck-bench-');
  const extensionsDir = join(dir, 'extensions');
  let mainPath: string;
  if (o.vsix) {
    launcher.installExtension(o.vsix, extensionsDir, join(dir, 'data'));
    mainPath = join(extensionsDir, `${extensionId}-${pkg.version}`, 'dist', 'extension.js');
  } else if (o.stageDir) {
    mainPath = join(o.stageDir, 'dist', 'extension.js');
    notes.push('No VSIX could be built: the host benchmarks ran the staged production build as an extension under development.');
  } else {
    throw new Error('neither a VSIX nor a production build to run');
  }

  // The scenarios' jobs.
  const diffJob = await findHugeDiffJob(emu.panel);
  const nodesJob = await launchPuppet(emu.panel, PANEL_NODES, 50, 2_200_000, 'bench: 5,000 nodes');
  const tailJob = await launchPuppet(emu.tail, 100, 1, 5_000, 'bench: tail');
  const scaleTailJob = await launchPuppet(emu.tail, 200, 1, 5_000, 'bench: scale tail');
  const activationConnections = demoConnections(emu.poll);
  const config: HostConfig = {
    extensionId,
    mainPath,
    groups: o.groups,
    activation: { connections: activationConnections },
    tree: { big: conn(emu.treeBig, 'cdrouter', 'bench-100k'), small: conn(emu.treeSmall, 'cdrouter', 'bench-2k'), bigTotal: TREE_BIG, smallTotal: TREE_SMALL, repeats: 9, pages: 20 },
    poll: { connections: activationConnections, naive: demoConnections(emu.naivePoll, 'naive-'), emulatorUrl: emu.poll.url, naiveEmulatorUrl: emu.naivePoll.url, intervalS: 2, phaseMs: 60_000 },
    tail: { connection: conn(emu.tail, 'puppet-orchestrator', 'bench-tail'), jobId: tailJob, steady: TAIL_STEADY, total: TAIL_TOTAL },
    panel: {
      connections: [conn(emu.panel, 'cnaas-nms', 'bench-cnaas'), conn(emu.panel, 'puppet-orchestrator', 'bench-puppet')],
      diff: { connection: 'bench-cnaas', jobId: diffJob.jobId, lines: diffJob.lines },
      nodes: { connection: 'bench-puppet', jobId: nodesJob, count: PANEL_NODES },
      repeats: 3,
    },
    scale: {
      profilePath: join(o.repoRoot, 'bench', 'scale.cpuprofile'),
      connections: Array.from({ length: SCALE_CONNECTIONS }, (_, k) => conn(emu.treeBig, 'cdrouter', `scale-${String(k + 1).padStart(2, '0')}`)),
      jobsPerServer: TREE_BIG,
      intervalS: 2,
      durationMs: 120_000,
      tail: { connection: conn(emu.tail, 'puppet-orchestrator', 'scale-tail'), jobId: scaleTailJob },
    },
    jobToJob: { connections: [conn(emu.panel, 'cnaas-nms', 'bench-cnaas'), conn(emu.panel, 'puppet-orchestrator', 'bench-puppet')], connection: 'bench-puppet', exclude: [nodesJob], jobs: 10 },
  };
  if (diffJob.lines < DIFF_LINES) throw new Error(`the diff job has ${diffJob.lines} lines`);

  // The bridge.
  let page: Page | undefined;
  let context: Context | undefined;
  let pageReady!: () => void;
  const ready = new Promise<void>((r) => (pageReady = r));
  let done!: (r: { measurements: Measurement[]; notes: string[] }) => void;
  const finished = new Promise<{ measurements: Measurement[]; notes: string[] }>((r) => (done = r));
  let emission: TailEmission | undefined;
  let greeted = false;
  const handle = async (req: BridgeRequest): Promise<unknown> => {
    switch (req.op) {
      case 'hello':
        greeted = true;
        await ready;
        return config;
      case 'log':
        log(`[host] ${req.msg}`);
        return null;
      case 'phase':
        o.onPhase?.(req.name);
        return null;
      case 'rows.arm':
        await (page as Page).evaluate(ROWS_ARM);
        return null;
      case 'rows.seen': {
        const deadline = Date.now() + req.timeoutMs;
        for (;;) {
          const t = await (page as Page).evaluate<number>(rowsSeenScript(req.index, req.label, req.after));
          if (t > 0) return { t };
          if (t < 0) throw new Error('the rows observer is not installed in the page');
          if (Date.now() > deadline) throw new Error(`no painted frame showed row ${req.index} as "${req.label}"`);
          await sleep(50);
        }
      }
      case 'paint.wait': {
        const deadline = Date.now() + req.timeoutMs;
        const key = req.kind === 'diff' ? 'diffAt' : 'nodesAt';
        let pages: number;
        for (;;) {
          const seen: { t: number; appAt: number }[] = [];
          pages = 0;
          for (const f of (page as Page).frames()) {
            const rec = await f.evaluate<Record<string, number> | null>('window.__jobdeckPaint && document.getElementById("app") ? { ...window.__jobdeckPaint } : null').catch(() => null);
            if (!rec) continue;
            pages++;
            if (rec[key] > req.after) seen.push({ t: rec[key], appAt: rec.appAt });
          }
          if (seen.length) return seen.reduce((a, b) => (b.t < a.t ? b : a));
          if (Date.now() > deadline) {
            const seen = await Promise.all((page as Page).frames().map((f) => f.evaluate<unknown>(PANEL_PROBE_STATE).catch(() => null)));
            const state = JSON.stringify(seen.filter(Boolean)).slice(0, 600);
            throw new Error(pages ? `the panel page never painted its ${req.kind === 'diff' ? 'diff rows' : 'node rows'} (probe: ${state})` : 'no panel page with the paint probe was found among the frames (init script not run in webviews?)');
          }
          await sleep(50);
        }
      }
      case 'panel.memory': {
        // code-server serves webviews from the workbench's own origin, so their pages run in the
        // workbench's renderer, in its V8 isolate: the heap there after a collection, read by the
        // caller before and after it opens the panels.
        const cdp = await (context as Context).newCDPSession(page as unknown as Frame);
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = await cdp.send<{ usedSize: number }>('Runtime.getHeapUsage');
        await cdp.detach();
        const pages = [];
        for (const f of (page as Page).frames()) {
          const jobId = await f.evaluate<string | null>(PANEL_JOB_ID).catch(() => null);
          if (jobId) pages.push(jobId);
        }
        return { usedBytes: usedSize, pages };
      }
      case 'click.row': {
        const p = page as Page;
        await p.evaluate(CLICKS_ARM);
        const before = await p.evaluate<number>('window.__jobdeckClicks.length');
        const row = p.locator(`[id="workbench.view.extension.jobdeck"] .pane-body .monaco-list-row[aria-label^=${JSON.stringify(req.label)}]`).first();
        if (req.double) await row.dblclick({ timeout: 20_000 });
        else await row.click({ timeout: 20_000 });
        const t = await p.evaluate<number>(`window.__jobdeckClicks[${before}] || 0`);
        if (!t) throw new Error('the click was not seen in the workbench page');
        return { t };
      }
      case 'jobPaint.wait': {
        const deadline = Date.now() + req.timeoutMs;
        for (;;) {
          let best = 0;
          for (const f of (page as Page).frames()) {
            const t = await f.evaluate<number>(`(window.__jobdeckPaint && window.__jobdeckPaint.jobs[${JSON.stringify(req.key)}]) || 0`).catch(() => 0);
            if (t > req.after && (!best || t < best)) best = t;
          }
          if (best) return { t: best };
          if (Date.now() > deadline) {
            const seen = await Promise.all((page as Page).frames().map((f) => f.evaluate<unknown>(`document.getElementById('app') ? { job: document.getElementById('app').dataset.job, rows: document.querySelectorAll('tr.row').length, header: !!document.querySelector('.job-header'), jobs: window.__jobdeckPaint && window.__jobdeckPaint.jobs } : null`).catch(() => null)));
            throw new Error(`no panel page painted job ${req.key} with its rows (pages: ${JSON.stringify(seen.filter(Boolean)).slice(0, 400)})`);
          }
          await sleep(20);
        }
      }
      case 'tail.emit':
        emission = await emitTail(emu.tail, req.jobId);
        return emission;
      case 'results':
        done({ measurements: req.measurements, notes: req.notes });
        return null;
    }
  };
  const bridge: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      void (async () => {
        let reply: unknown;
        try {
          reply = { ok: true, result: await handle(JSON.parse(body) as BridgeRequest) };
        } catch (e) {
          reply = { ok: false, error: (e as Error).message };
        }
        const text = JSON.stringify(reply);
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
        res.end(text);
      })();
    });
  });
  bridge.requestTimeout = 0;
  await new Promise<void>((r) => bridge.listen(0, '127.0.0.1', r));
  const bridgeUrl = `http://127.0.0.1:${(bridge.address() as AddressInfo).port}`;

  try {
    const server = await launcher.startCodeServer({
      dir,
      extensionsDir,
      settings: { 'jobdeck.connections': activationConnections },
      env: { [TOKEN_ENV]: TOKEN, [BRIDGE_ENV]: bridgeUrl, [MAIN_ENV]: mainPath },
    });
    const entry = join(o.repoRoot, 'out', 'test', 'bench', 'host', 'index');
    // VS Code runs extensionTestsPath only next to an extensionDevelopmentPath: that is the
    // folder the VSIX was installed to (the same files), or the staged build.
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', server.remoteUri(dirname(dirname(mainPath)))],
      ['extensionTestsPath', server.remoteUri(entry)],
      ['skipWelcome', 'true'],
    ];
    const browser = await launcher.launchBrowser();
    const opened = await launcher.openWorkbenchPage(browser, server.workbenchUrl(payload));
    page = opened.page;
    context = opened.context;
    await opened.context.addInitScript({ content: PANEL_PAINT_INIT });
    await page.evaluate(ROWS_ARM);
    log('workbench up; the extension host runs the benchmarks');
    pageReady();

    let timer: NodeJS.Timeout | undefined;
    let helloTimer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      finished,
      server.exited.then(() => 'code-server exited' as const),
      new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), HOST_TIMEOUT_MS))),
      new Promise<'no hello'>((r) => (helloTimer = setTimeout(() => !greeted && r('no hello'), HELLO_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    clearTimeout(helloTimer);
    if (typeof outcome === 'string') {
      const reason =
        outcome === 'timeout'
          ? `the extension host did not report within ${HOST_TIMEOUT_MS / 60_000} min`
          : outcome === 'no hello'
            ? `the bench entry did not start in the extension host within ${HELLO_TIMEOUT_MS / 1000} s`
            : outcome;
      log(`${reason}; code-server log:\n${launcher.readTail(server.logFile, 20)}\nbrowser console:\n${opened.consoleLog.slice(-10).join('\n')}`);
      log(`logs kept in ${launcher.keepLogs(server, 'bench')}`);
      return { measurements: FIGURES.filter((f) => f.where === 'host').map((f) => notMeasured(f.id, reason)), notes };
    }
    const measurements = [...outcome.measurements];
    notes.push(...outcome.notes);
    const logs = join(server.dataDir, 'logs');
    let own = ownActivationLog(logs);
    for (let i = 0; i < 10 && own === undefined; i++) {
      await sleep(300);
      own = ownActivationLog(logs);
    }
    if (own !== undefined) notes.push(`Activation: the extension's own log says "activated in ${own} ms" (Date.now() around activate()'s body).`);
    if (o.groups.includes('Tail')) measurements.push(...(await tailLines(emission, logs)));
    if (measurements.some((m) => m.notMeasured)) log(`logs kept in ${launcher.keepLogs(server, 'bench')}`);
    return { measurements, notes };
  } finally {
    bridge.close();
  }
}

/** Lost and duplicated lines in the tail's output channel log (written asynchronously: waits for it). */
async function tailLines(emission: TailEmission | undefined, logs: string): Promise<Measurement[]> {
  if (!emission) return [notMeasured('tail.lost', 'no events were emitted (the tail benchmark did not get that far)'), notMeasured('tail.duplicated', 'no events were emitted')];
  const total = emission.batches.reduce((n, b) => n + b.last - b.first + 1, 0);
  let counted: ReturnType<typeof countTailLines> | undefined;
  let error = '';
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      counted = countTailLines(logs, total);
      if (counted.lost === 0) break;
    } catch (e) {
      error = (e as Error).message;
    }
    await sleep(500);
  }
  if (!counted) return [notMeasured('tail.lost', error), notMeasured('tail.duplicated', error)];
  const note = `${total.toLocaleString('en-US')} emitted, ${emission.restarts.length} restarts; counted in the output channel's log file`;
  return [measured('tail.lost', counted.lost, { note }), measured('tail.duplicated', counted.duplicated)];
}
