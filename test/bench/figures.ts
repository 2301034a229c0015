// Every figure `npm run bench` reports: where it is measured, its target, and how. The one
// place that names them, so the runner can tell a figure that was never reported (the
// extension host died, a part is missing) from one that was, and say so.

export type Where = 'static' | 'host' | 'node';
export type Unit = 'ms' | 'KB' | 'MB' | 'req' | '×' | 'count' | 'req/conn/interval' | 'ratio';

export interface Target {
  op: '<=' | '>=' | '==';
  value: number;
}

export interface Figure {
  id: string;
  group: string;
  name: string;
  unit: Unit;
  where: Where;
  target?: Target;
}

/** How each group measures, printed under the table and written to results.json. */
export const HOW: Record<string, string> = {
  Activation:
    'Production bundle installed from the VSIX into code-server (VS Code 1.100, real Node extension host), five emulator connections configured. ' +
    'The bench entry hooks Node\'s CommonJS loader before Jobdeck loads: "require" is the load of dist/extension.js (compile + top level), "activate()" the call itself; one cold activation per run. ' +
    'dist/extension.js is only the activation entry: the body (dist/core.js) loads on first use (the view shown, a command, a panel restored, a spec file opened), timed separately as "body on first use" (here: the bench asking for the services right after activation).',
  Size: 'node scripts/build.mjs --production in a staging copy of the working tree (the shared dist/ is left alone), then vsce package with the flags of `npm run package`.',
  'Tree paint':
    'CDRouter connection on an emulator with 100,000 jobs. Start = the first page\'s HTTP response fully received by the HttpClient (hooked in the host); "provider" = the tree provider has returned the rows and VS Code has asked it for every row\'s TreeItem; ' +
    '"UI" = the first animation frame painted in Chromium with the first job row in the Jobs view (MutationObserver + rAF, same wall clock). Median of 9 first expansions (the first is cold), each of a connection the extension has not loaded yet; then 3 sort changes (first page again). ' +
    'Naive baseline: fetching all 100,000 jobs (1,000 per page) before painting.',
  Memory:
    'Extension host heap (after a forced gc) before and after loading 20 pages (1,000 rows) with "Load More", on a server with 100,000 jobs and on one with 2,000. ' +
    'Proportional to rows shown means both grow by about the same; naive baseline: heap of all 100,000 jobs held in memory.',
  Polling:
    'Five emulator connections, all expanded, jobdeck.pollInterval = 2 s; 60 s with the Jobs view visible, then the view hidden (Explorer shown) and, after one interval for refreshes already under way, 60 s more. ' +
    'HTTP requests counted in the emulator\'s request log per connection (worst connection shown), divided by the intervals in the window; list refreshes counted in the host. The launch watch (jobs launched from Jobdeck, watched until they end even with the view hidden) counts the reads it started over both windows, with no launched job running. Naive baseline in the same windows: a timer that refreshes every connection every interval regardless of visibility (same ConnectionStore code).',
  Tail:
    'Tail of a running Puppet job (events API) through jobdeck.tailEvents. The bench emits 10,000 events from the emulator in batches; lag = time the batch was emitted (emulator) to the time the extension handed the lines to the output channel. ' +
    'p50/p95 over the first 2,000 events (no restarts); then 8,000 more with 3 emulator restarts (1 s down each). Lost/duplicated are counted in the output channel\'s log file.',
  'Bulk delete':
    'adapter.bulkDelete from src/client against the emulator with 50 ms latency per request. CDRouter: 1,000 ids, native bulk endpoint. Stack jobs: 1,000 ids with the bounded fan-out the command uses, ' +
    'vs a sequential loop of deleteJob over another 1,000 ids. Requests counted in the emulator\'s log; in-flight = most HTTP exchanges open at once in the adapter\'s HttpClient (the emulator\'s log, in whole ms, is shown beside it).',
  'Detail panel':
    'jobdeck.openJob on a CNaaS job with a 20,000-line diff and on a Puppet job with 5,000 nodes (emulator). Start = the later of the job\'s detail in the store (the fetch the panel starts, parsed) and the page\'s document appearing in its frame (seen by the probe); end = the first animation frame painted in the webview with the diff rows / node rows ' +
    '(init script in every frame: MutationObserver + rAF). The webview\'s own start-up (command → page document: iframe, service worker; the same for a one-line job; in this code-server build every webview after the first waits ~1 s for its service worker before its page is fetched) is reported on its own, and the last figures start at the command, so include the fetch (the emulator takes 1–3 s to serve 5,000 nodes) and the start-up. Detail refetched each time; median of 3.',
};

HOW['Cold view'] =
  'A workbench of its own (code-server, Chromium) with the production VSIX and a minimal extension that contributes a container and a Jobs view whose rows are the same five connection names, static; five emulator connections configured. ' +
  'Each round: the Explorer shown, the window reloaded (both extension hosts and views cold), then a click on each activity-bar entry in turn (the order alternates) → the first animation frame in which the view shows all five connection rows (pointerdown in the page → rAF poll). ' +
  'Then window reload with each view open (each round’s order drawn at random, seed logged: every third or fourth reload here is ≈ 0.9 s slower, which a fixed alternation put on one view) → its rows painted, from the new document\'s navigation start; the part each extension owns starts when the extension host\'s log says its activation began. Medians of the rounds (3, or JOBDECK_COLD_ROUNDS; the reloads JOBDECK_RELOAD_ROUNDS, as many by default); "−" rows are the median of the per-round differences. ' +
  'JOBDECK_COLD_QUIET=1 turns off the built-in extensions that activate as a window starts (git, GitHub, TypeScript, JSON, Emmet, …) for both.';
HOW.Scale =
  '20 CDRouter connections on one emulator with 100,000 jobs, all expanded in the visible Jobs view, jobdeck.pollInterval = 2 s, and a tail (jobdeck.tailEvents) of a running Puppet job; 120 s measured after one interval, during which a job is launched on the server every 15 s (plain HTTP, not counted) so that polls find rows that changed: a new row, then its start and finish. ' +
  'Requests per connection per interval and the page each asked for come from the HttpClient hooked in the host (page > 1 = beyond what is shown); heap after a forced gc at the start and end of the window; CPU share = the host process\'s CPU time / wall time (VS Code\'s own extensions run in the same host). ' +
  '"Tree rows answered" = a poll\'s response received → the last TreeItem VS Code asked the provider for in the burst that followed (polls that changed no row ask for none), median; the painted UI follows within a frame (Tree paint group).';
HOW.Stalls =
  'The same window as Scale: perf_hooks.monitorEventLoopDelay (10 ms resolution) in the extension host, p99 and max; a CPU profile (node:inspector, 1 ms sampling) of the window names what ran in the longest stretch without idle (notes).';
HOW['Panel memory'] =
  'The Detail panel\'s two jobs (a CNaaS job with a 20,000-line diff, a Puppet job with 5,000 nodes) opened with jobdeck.openJob, each in a panel of its own, the second moved beside the first, both painted. ' +
  'code-server serves webviews from the workbench\'s own origin, so both pages run in the workbench\'s renderer and V8 isolate: each figure is that heap\'s growth (CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage, 3 s after the page painted) when the page opened, from no editor open. ' +
  'It holds the page\'s script, its DOM wrappers, the job\'s data and VS Code\'s webview host frame.';
HOW['Job to job'] =
  'The bench\'s puppet connection on the panel emulator, the Jobs view showing its rows; 11 finished jobs whose details are in the store. Real clicks on their rows in the Jobs tree (Playwright; the time is the pointerdown\'s, in the workbench page), 0.7 s apart; ' +
  'the end is the first animation frame painted in a panel page with that job\'s header and rows (#app[data-job], MutationObserver + rAF, same wall clock). The first click opens the panel and is not counted; median and p95 of the next 10. ' +
  'Baseline in the same run: the same clicks with workbench.editor.enablePreview off, so every click opens a panel (a webview) of its own, as every click did before issue 20.';

/**
 * The stated heap figure for the two panel pages together (issue 20, item 6): the first
 * measurement was 8.1 MB (4.05 + 4.06, 2026-12-02); twice that leaves room for a long session.
 */
const PANEL_MEMORY_TARGET_MB = 16;

const f = (id: string, group: string, name: string, unit: Unit, where: Where, target?: Target): Figure => ({ id, group, name, unit, where, target });

export const FIGURES: Figure[] = [
  f('activation.total', 'Activation', 'require bundle + activate()', 'ms', 'host', { op: '<=', value: 15 }),
  f('activation.require', 'Activation', 'require bundle (load + top level)', 'ms', 'host'),
  f('activation.activate', 'Activation', 'activate() call', 'ms', 'host'),
  f('activation.core', 'Activation', 'body dist/core.js on first use (off the activation path)', 'ms', 'host'),
  f('activation.extActivate', 'Activation', 'ext.activate() incl. VS Code\'s own work', 'ms', 'host'),
  f('size.extension', 'Size', 'activation entry dist/extension.js', 'KB', 'static'),
  f('size.core', 'Size', 'extension body dist/core.js', 'KB', 'static'),
  f('size.languageClient', 'Size', 'spec language client dist/languageClient.js', 'KB', 'static'),
  f('size.server', 'Size', 'spec language server dist/server.js', 'KB', 'static'),
  f('size.webview', 'Size', 'webview script dist/webview.js', 'KB', 'static'),
  f('size.vsix', 'Size', 'VSIX', 'KB', 'static', { op: '<=', value: 250 }),
  f('tree.provider', 'Tree paint', 'response → rows from tree provider', 'ms', 'host', { op: '<=', value: 100 }),
  f('tree.ui', 'Tree paint', 'response → rows visible in UI', 'ms', 'host', { op: '<=', value: 100 }),
  f('tree.requestToUi', 'Tree paint', 'request → rows visible (vs fetch all)', 'ms', 'host'),
  f('tree.sortUi', 'Tree paint', 'after a sort change: response → UI', 'ms', 'host'),
  f('memory.big', 'Memory', 'heap growth, 20 pages of 100,000', 'MB', 'host'),
  f('memory.small', 'Memory', 'heap growth, 20 pages of 2,000', 'MB', 'host'),
  f('memory.ratio', 'Memory', 'growth 100,000 / growth 2,000', 'ratio', 'host', { op: '<=', value: 1.5 }),
  f('poll.visible', 'Polling', 'view visible', 'req/conn/interval', 'host', { op: '<=', value: 1 }),
  f('poll.hidden', 'Polling', 'view hidden', 'req/conn/interval', 'host', { op: '==', value: 0 }),
  f('poll.launchWatchIdle', 'Polling', 'launch watch, nothing launched running', 'req', 'host', { op: '==', value: 0 }),
  f('tail.p50', 'Tail', 'event lag p50', 'ms', 'host'),
  f('tail.p95', 'Tail', 'event lag p95', 'ms', 'host', { op: '<=', value: 1050 }),
  f('tail.p95restarts', 'Tail', 'event lag p95 incl. restarts', 'ms', 'host'),
  f('tail.lost', 'Tail', 'lost of 10,000 (3 restarts)', 'count', 'host', { op: '==', value: 0 }),
  f('tail.duplicated', 'Tail', 'duplicated of 10,000', 'count', 'host', { op: '==', value: 0 }),
  f('bulk.cdrouter.requests', 'Bulk delete', 'CDRouter 1,000: requests', 'req', 'node', { op: '==', value: 1 }),
  f('bulk.cdrouter.ms', 'Bulk delete', 'CDRouter 1,000: wall time', 'ms', 'node'),
  f('bulk.stack.ms', 'Bulk delete', 'stack jobs 1,000: wall (vs sequential)', 'ms', 'node'),
  f('bulk.stack.speedup', 'Bulk delete', 'stack jobs: speed-up over sequential', '×', 'node', { op: '>=', value: 6 }),
  f('bulk.stack.inFlight', 'Bulk delete', 'stack jobs: most in flight', 'req', 'node', { op: '<=', value: 8 }),
  f('jobToJob.median', 'Job to job', 'click → next job painted, median', 'ms', 'host', { op: '<=', value: 150 }),
  f('jobToJob.p95', 'Job to job', 'click → next job painted, p95', 'ms', 'host', { op: '<=', value: 300 }),
  f('jobToJob.newPanel', 'Job to job', 'baseline: new panel per job, median', 'ms', 'host'),
  f('cold.jobdeck', 'Cold view', 'activity-bar click → connection rows painted', 'ms', 'node'),
  f('cold.delta', 'Cold view', 'the same, Jobdeck − minimal extension (median of pairs)', 'ms', 'node', { op: '<=', value: 100 }),
  f('reload.jobdeck', 'Cold view', 'window reload → rows painted, view open', 'ms', 'node'),
  f('reload.delta', 'Cold view', 'the same, Jobdeck − minimal extension (median of pairs)', 'ms', 'node', { op: '<=', value: 100 }),
  f('reload.owned', 'Cold view', 'the same from each extension’s activation (the part it owns), Jobdeck − minimal', 'ms', 'node'),
  f('scale.requests', 'Scale', '20 × 100,000: requests per connection per interval', 'req/conn/interval', 'host', { op: '<=', value: 1 }),
  f('scale.pagesBeyond', 'Scale', 'pages fetched beyond those shown', 'count', 'host', { op: '==', value: 0 }),
  f('scale.heapStart', 'Scale', 'extension host heap at start', 'MB', 'host'),
  f('scale.heapGrowth', 'Scale', 'heap growth over 2 minutes', 'MB', 'host', { op: '<=', value: 5 }),
  f('scale.cpu', 'Scale', 'extension host CPU share, %', 'ratio', 'host'),
  f('scale.treeAnswer', 'Scale', 'poll response → tree rows answered', 'ms', 'host', { op: '<=', value: 100 }),
  f('stall.p99', 'Stalls', 'event loop delay p99 (polling 20 + tail)', 'ms', 'host'),
  f('stall.max', 'Stalls', 'event loop delay max (polling 20 + tail)', 'ms', 'host', { op: '<=', value: 100 }),
  f('panel.diff', 'Detail panel', 'first paint, 20,000-line diff', 'ms', 'host', { op: '<=', value: 300 }),
  f('panel.nodes', 'Detail panel', 'first paint, 5,000 nodes', 'ms', 'host', { op: '<=', value: 300 }),
  f('panel.diffWebviewStart', 'Detail panel', 'diff: webview start-up (command → page)', 'ms', 'host'),
  f('panel.nodesWebviewStart', 'Detail panel', 'nodes: webview start-up (command → page)', 'ms', 'host'),
  f('panel.diffCommand', 'Detail panel', 'diff: from the command (incl. fetch + start-up)', 'ms', 'host'),
  f('panel.nodesCommand', 'Detail panel', 'nodes: from the command (incl. fetch + start-up)', 'ms', 'host'),
  f('panelMemory.diff', 'Panel memory', 'page heap, 20,000-line diff', 'MB', 'host'),
  f('panelMemory.nodes', 'Panel memory', 'page heap, 5,000 nodes', 'MB', 'host'),
  f('panelMemory.both', 'Panel memory', 'both pages, side by side', 'MB', 'host', { op: '<=', value: PANEL_MEMORY_TARGET_MB }),
];

export function figure(id: string): Figure {
  const found = FIGURES.find((x) => x.id === id);
  if (!found) throw new Error(`unknown figure ${id}`);
  return found;
}

/** One reported figure. `value` is absent exactly when `notMeasured` says why. */
export interface Measurement {
  id: string;
  value?: number;
  notMeasured?: string;
  baseline?: { name: string; value: number };
  note?: string;
  /** Raw samples, for results.json. */
  samples?: number[];
}

export function measured(id: string, value: number, extra: Omit<Measurement, 'id' | 'value'> = {}): Measurement {
  figure(id);
  if (!Number.isFinite(value)) return { id, notMeasured: `the measurement gave ${String(value)}` };
  return { id, value, ...extra };
}

export function notMeasured(id: string, reason: string): Measurement {
  figure(id);
  return { id, notMeasured: reason };
}

export function meets(t: Target, v: number): boolean {
  if (t.op === '<=') return v <= t.value;
  if (t.op === '>=') return v >= t.value;
  return v === t.value;
}
