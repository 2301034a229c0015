// Bulk delete of 1,000 jobs through the real adapters (src/client) against the emulator with
// 50 ms latency: CDRouter's native bulk endpoint, and stack jobs' bounded fan-out against a
// sequential loop. Requests and in-flight counts come from the emulator's request log.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '../../src/client/registry';
import type { ConnectionConfig } from '../../src/client/config';
import { start, type Emulator, type LogEntry } from '../emulator';
import { measured, notMeasured, type Measurement } from './figures';
import { maxOverlap, now, round } from './stats';

export const BULK_JOBS = 1_000;
export const BULK_LATENCY_MS = 50;

/** The fan-out the bulk delete command asks for (src/store/bulkDelete.ts). */
export function commandConcurrency(repoRoot: string): number {
  const text = readFileSync(join(repoRoot, 'src', 'store', 'bulkDelete.ts'), 'utf8');
  const m = /DELETE_CONCURRENCY\s*=\s*(\d+)/.exec(text);
  if (!m) throw new Error('DELETE_CONCURRENCY not found in src/store/bulkDelete.ts');
  return Number(m[1]);
}

function connectionFor(emu: Emulator, kind: ConnectionConfig['kind']) {
  return connect({ name: `bench-${kind}`, kind, url: emu.urls[kind] }, { token: async () => 'demo-token' });
}

function adapterFor(emu: Emulator, kind: ConnectionConfig['kind']) {
  return connectionFor(emu, kind).adapter;
}

/** Exact requests in flight at the client: HttpClient's transport call, open until its answer. */
function trackInFlight(http: object): { most(): number } {
  const obj = http as Record<string, unknown>;
  const send = obj.send;
  if (typeof send !== 'function') throw new Error('HttpClient has no send() to count (src/client/http.ts changed?)');
  let open = 0;
  let most = 0;
  obj.send = function (this: unknown, ...args: unknown[]) {
    most = Math.max(most, ++open);
    return (send as (...a: unknown[]) => Promise<unknown>).apply(this, args).finally(() => open--);
  };
  return { most: () => most };
}

async function ids(emu: Emulator, kind: ConnectionConfig['kind'], count: number): Promise<string[]> {
  const adapter = adapterFor(emu, kind);
  // Jobs already queued for deletion (stack jobs) vanish at their next run, possibly while the
  // benchmark runs: a 404 for one of them would count against the fan-out. A Set, because an
  // offset-paged list can show a job on two pages when the server's list changes meanwhile.
  const out = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await adapter.listJobs({ pageSize: 500, cursor });
    for (const j of page.items) if (j.state !== 'deleting') out.add(j.id);
    cursor = page.nextCursor;
  } while (cursor && out.size < count);
  if (out.size < count) throw new Error(`the emulator lists ${out.size} ${kind} jobs, ${count} needed`);
  return [...out].slice(0, count);
}

function writes(log: LogEntry[], kind: string, from: number): LogEntry[] {
  return log.filter((e) => e.dialect === kind && e.method !== 'GET' && Date.parse(e.time) >= Math.floor(from));
}

export async function bulkDelete(repoRoot: string, log: (m: string) => void): Promise<Measurement[]> {
  const latency = { latency: BULK_LATENCY_MS };
  const emu = await start({
    port: 0,
    seed: 7,
    jobs: 10,
    jobsPerDialect: { cdrouter: BULK_JOBS + 50, 'stack-jobs': 2 * BULK_JOBS + 200 },
    faults: { cdrouter: latency, 'stack-jobs': latency },
    logSize: 10_000,
  });
  const out: Measurement[] = [];
  try {
    // CDRouter: one native request for all ids.
    try {
      const list = await ids(emu, 'cdrouter', BULK_JOBS);
      emu.control.clearLog();
      const t0 = now();
      const res = await adapterFor(emu, 'cdrouter').bulkDelete({ by: 'ids', ids: list });
      const ms = now() - t0;
      const sent = writes(emu.control.log(), 'cdrouter', t0);
      if (res.failed.length) throw new Error(`${res.failed.length} of ${BULK_JOBS} failed: ${res.failed[0].message}`);
      log(`bulk delete CDRouter: ${sent.length} request(s) in ${round(ms)} ms`);
      out.push(measured('bulk.cdrouter.requests', sent.length, { note: `adapter counted ${res.requests}` }), measured('bulk.cdrouter.ms', ms));
    } catch (e) {
      out.push(notMeasured('bulk.cdrouter.requests', (e as Error).message), notMeasured('bulk.cdrouter.ms', (e as Error).message));
    }

    // Stack jobs: sequential baseline on one half, the command's bounded fan-out on the other.
    try {
      const concurrency = commandConcurrency(repoRoot);
      const list = await ids(emu, 'stack-jobs', 2 * BULK_JOBS);
      const connection = connectionFor(emu, 'stack-jobs');
      const adapter = connection.adapter;
      emu.control.clearLog();
      const s0 = now();
      for (const id of list.slice(0, BULK_JOBS)) await adapter.deleteJob(id);
      const sequential = now() - s0;
      log(`bulk delete stack jobs, sequential: ${round(sequential)} ms`);
      emu.control.clearLog();
      const tracked = trackInFlight(connection.http);
      const f0 = now();
      const res = await adapter.bulkDelete({ by: 'ids', ids: list.slice(BULK_JOBS) }, { concurrency });
      const fanout = now() - f0;
      const sent = writes(emu.control.log(), 'stack-jobs', f0);
      if (res.failed.length) throw new Error(`${res.failed.length} of ${BULK_JOBS} failed: ${res.failed[0].message}`);
      if (sent.length !== BULK_JOBS) throw new Error(`the emulator logged ${sent.length} deletes, ${BULK_JOBS} expected (log too small?)`);
      const inFlight = tracked.most();
      // The emulator's log has whole milliseconds: back-to-back requests can look overlapped.
      const serverView = maxOverlap(sent.map((e) => ({ start: Date.parse(e.time), end: Date.parse(e.time) + e.ms })));
      log(`bulk delete stack jobs, fan-out ${concurrency}: ${round(fanout)} ms, ${inFlight} in flight at most (server log, ms resolution: ${serverView})`);
      out.push(
        measured('bulk.stack.ms', fanout, { baseline: { name: 'sequential', value: sequential }, note: `concurrency ${concurrency}, ${sent.length} requests` }),
        measured('bulk.stack.speedup', sequential / fanout),
        measured('bulk.stack.inFlight', inFlight, { note: `counted at the HttpClient; the emulator's log (whole ms, so back-to-back requests may touch) says ${serverView}` }),
      );
    } catch (e) {
      for (const id of ['bulk.stack.ms', 'bulk.stack.speedup', 'bulk.stack.inFlight']) out.push(notMeasured(id, (e as Error).message));
    }
  } finally {
    await emu.stop();
  }
  return out;
}
