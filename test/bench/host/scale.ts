// Scale and stalls (issue 20): 20 connections, each on a server with 100,000 jobs, all
// expanded in the visible Jobs view, polled every 2 s for two minutes while a tail follows a
// running Puppet job. Measured in the extension host: HTTP requests per connection per interval
// and the pages they asked for (hooked HttpClient), the heap at start and end (after a forced
// gc), CPU time, the tree provider's answer after a poll (response → the last TreeItem VS Code
// asked for), and the event loop's delay (perf_hooks.monitorEventLoopDelay, 10 ms resolution).
// A CPU profile of the same window (node:inspector) says what ran during the longest busy stretch.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as inspector from 'node:inspector';
import * as vscode from 'vscode';
import type { Services } from '../../../src/extension/services';
import type { BenchConnection, HostConfig } from '../bridge';
import { measured, notMeasured, type Measurement } from '../figures';
import { median, now, round, sleep, until } from '../stats';
import { frameNamer, summarize, type Profile } from '../profile';
import { expand, heapAfterGc, hookHttp, setConnections, setSetting, showView, store, type HttpTimes } from './workbench';

/** How often a job is launched on the scale server while measuring. */
const LAUNCH_EVERY_MS = 15_000;
/** TreeItems recorded at most (about 20 connections × 50 rows per refresh). */
const ITEMS_KEPT = 400_000;

function post<T>(session: inspector.Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));
}

/**
 * A job launched on the scale server (plain HTTP, outside the hooked clients). A real server's
 * first page changes as jobs start and finish; the seeded jobs alone may all have settled
 * before the window (their last change came in the first minute), and then no poll would
 * change a row to time.
 */
async function launchOnServer(conn: BenchConnection): Promise<void> {
  const headers = { Authorization: `Bearer ${process.env[conn.tokenEnv] ?? ''}`, 'Content-Type': 'application/json' };
  const packages = (await (await fetch(`${conn.url}/api/v1/packages/?limit=1`, { headers })).json()) as { data: { id: string }[] };
  const res = await fetch(`${conn.url}/api/v1/jobs/`, { method: 'POST', headers, body: JSON.stringify({ package_id: packages.data[0].id }) });
  if (!res.ok) throw new Error(`launching a job on the scale server: HTTP ${res.status} ${await res.text()}`);
}

export async function scale(s: Services, c: HostConfig['scale'], log: (m: string) => void): Promise<Measurement[]> {
  const intervalMs = c.intervalS * 1000;
  await setSetting('pollInterval', c.intervalS);
  await setConnections(s, [...c.connections, c.tail.connection]);
  await showView(s);
  for (const conn of c.connections) await expand(s, conn.name);
  await until(() => c.connections.every((conn) => store(s, conn.name).status === 'ok' && store(s, conn.name).jobs.length > 0), 120_000, `all ${c.connections.length} connections to show their first page`);
  await vscode.commands.executeCommand('jobdeck.tailEvents', { connection: c.tail.connection.name, jobIds: [c.tail.jobId] });
  if (!s.tails.get(c.tail.connection.name, c.tail.jobId)) throw new Error('jobdeck.tailEvents did not start a tail');
  const shown = new Map(c.connections.map((conn) => [conn.name, store(s, conn.name).jobs.length]));
  const https = c.connections.map((conn) => hookHttp(store(s, conn.name)));
  // The tree provider's TreeItems, to time the answer to a poll that changed rows. Kept in
  // typed arrays allocated before the first heap figure: the hook's own records (tens of
  // thousands over the window) would otherwise count as the extension's heap growth.
  const tree = s.tree as unknown as Record<string, unknown>;
  const getTreeItem = tree.getTreeItem as (n: unknown) => vscode.TreeItem;
  const connectionIndex = new Map(c.connections.map((conn, k) => [conn.name, k]));
  const itemTime = new Float64Array(ITEMS_KEPT);
  const itemConnection = new Int16Array(ITEMS_KEPT);
  let itemCount = 0;
  tree.getTreeItem = function (this: unknown, node: unknown) {
    const item = getTreeItem.call(this, node);
    const n = node as { store?: { name: string }; ref?: { connection?: string } };
    const k = connectionIndex.get(n.ref?.connection ?? n.store?.name ?? '');
    if (k !== undefined && itemCount < ITEMS_KEPT) {
      itemTime[itemCount] = now();
      itemConnection[itemCount++] = k;
    }
    return item;
  };
  const session = new inspector.Session();
  session.connect();
  try {
    await sleep(intervalMs + 500);
    const h0 = heapAfterGc();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 1000 });
    await post(session, 'Profiler.start');
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const cpu0 = process.cpuUsage();
    const from = now();
    // One launched job every LAUNCH_EVERY_MS: each is a new row, then starts, then finishes.
    let launches = 0;
    const launching = setInterval(() => {
      launches++;
      launchOnServer(c.connections[0]).catch((e: Error) => log(`scale: ${e.message}`));
    }, LAUNCH_EVERY_MS);
    await sleep(c.durationMs);
    clearInterval(launching);
    const to = now();
    lag.disable();
    const cpu = process.cpuUsage(cpu0);
    // The profile stops before the forced gc, which would otherwise be its longest busy stretch;
    // its samples (one a millisecond, megabytes of JavaScript arrays) are summed up, written and
    // let go before that gc, so they do not count as heap growth either.
    const busy = await (async () => {
      const { profile } = await post<{ profile: Profile }>(session, 'Profiler.stop');
      mkdirSync(dirname(c.profilePath), { recursive: true });
      writeFileSync(c.profilePath, JSON.stringify(profile));
      return summarize(profile, frameNamer());
    })();
    const h1 = heapAfterGc();
    const intervals = (to - from) / intervalMs;
    // Half open: a poll on the grid at both ends is one interval's, not two.
    const inWindow = (h: HttpTimes) => h.start >= from && h.start < to;
    const perConn = https.map((h) => h.times.filter(inWindow).length / intervals);
    // Pages past the first are asked for only by Load More: a poll reads what is shown.
    const pageOf = (q: string) => Number(new URLSearchParams(q).get('page') ?? '1');
    const beyond = https.reduce((n, h) => n + h.times.filter((x) => inWindow(x) && pageOf(x.query) > 1).length, 0);
    // Response → the last TreeItem of that connection asked for in the burst that followed.
    const answers: number[] = [];
    c.connections.forEach((conn, k) => {
      const responses = https[k].times.filter(inWindow);
      responses.forEach((r, i) => {
        // Up to the next response of the same connection: what follows that is its answer.
        const until = Math.min(r.end + 2000, responses[i + 1]?.end ?? Infinity);
        const after: number[] = [];
        for (let i = 0; i < itemCount; i++)
          if (itemConnection[i] === k && itemTime[i] >= r.end && itemTime[i] < until) after.push(itemTime[i]);
        if (!after.length) return;
        let last = after[0];
        for (const t of after) if (t - last < 100) last = t;
        answers.push(last - r.end);
      });
    });
    const lagP99 = lag.percentile(99) / 1e6;
    const lagMax = lag.max / 1e6;
    const cpuShare = (cpu.user + cpu.system) / 1000 / (to - from);
    log(`scale: ${round(intervals)} intervals, requests/conn/interval max ${round(Math.max(...perConn), 2)}, pages beyond shown ${beyond}, heap ${round(h0 / 1048576, 1)} → ${round(h1 / 1048576, 1)} MB, CPU ${round(cpuShare * 100)} %, lag p99 ${round(lagP99)} ms max ${round(lagMax)} ms, jobs launched ${launches}, tree answers ${answers.length} from ${itemCount} TreeItems (median ${round(median(answers))} ms)`);
    log(`scale: longest busy stretch ${round(busy.busiestMs)} ms (the runner names the bundles' frames)`);
    const rows = [...shown.values()].reduce((a, b) => a + b, 0);
    return [
      measured('scale.requests', round(Math.max(...perConn), 2), { samples: perConn, note: `${c.connections.length} connections × ${c.jobsPerServer.toLocaleString('en-US')} jobs, ${rows} rows shown, poll every ${c.intervalS} s for ${round((to - from) / 1000)} s` }),
      measured('scale.pagesBeyond', beyond),
      measured('scale.heapStart', h0 / 1048576),
      measured('scale.heapGrowth', (h1 - h0) / 1048576, { note: `${round(h0 / 1048576, 1)} → ${round(h1 / 1048576, 1)} MB after a forced gc` }),
      measured('scale.cpu', cpuShare * 100, { note: 'extension host CPU time / wall time in the window' }),
      answers.length
        ? measured('scale.treeAnswer', median(answers), { samples: answers, note: `max ${round(Math.max(...answers))} ms over ${answers.length} polls that changed rows` })
        : notMeasured('scale.treeAnswer', 'no poll changed a row in the window'),
      measured('stall.p99', lagP99, { note: `mean ${round(lag.mean / 1e6, 1)} ms over ${round((to - from) / 1000)} s` }),
      measured('stall.max', lagMax, { note: `longest busy stretch in the CPU profile ${round(busy.busiestMs)} ms (bench/scale.cpuprofile)` }),
    ];
  } finally {
    delete tree.getTreeItem;
    for (const h of https) h.dispose();
    session.disconnect();
    await s.tails.stop(c.tail.connection.name, c.tail.jobId).catch(() => undefined);
    await setSetting('pollInterval', undefined);
  }
}
