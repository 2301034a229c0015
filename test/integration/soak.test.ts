// Soak in the real extension host: five connections polling and a tail running against a
// jobs emulator whose faults change every phase (latency, 429 + Retry-After, 5xx, HTML bodies,
// truncated JSON, dropped connections, restarts, slow drip), with writes (launch, delete,
// bulk delete) sent through the commands all along. Then the faults stop and everything must
// recover. Checked: the host stays responsive, the heap stays flat, polling failures raise no
// notification (a failure is one error row in the tree, not a storm), each failed write is
// shown exactly once, no write (POST, PUT or DELETE) is sent twice to its target without a
// 429/redirect, no write is reported done unless the server took it, and the tail neither
// repeats nor skips events.
//
// Length: JOBDECK_SOAK_SECONDS (default 60, as in `npm test`; `npm run test:soak` runs 600).
// A summary goes to test-results/soak.json.
import { recordNotifications, type Shown } from './notifications';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { BulkDeleteOutcome } from '../../src/client/adapter';
import type { Job, JobEvent } from '../../src/client/model';
import type { JobdeckApi } from '../../src/extension/extension';
import type { Services } from '../../src/extension/services';
import type { TailSession } from '../../src/store/tail/tailSessions';
import type { TreeNode } from '../../src/views/jobs/nodes';
import { start } from '../emulator';
import type { Emulator, FaultSpec, Kind, LogEntry } from '../emulator/types';
import { confirmed, until } from './emulatorControl';

const SECONDS = Math.max(20, Number(process.env.JOBDECK_SOAK_SECONDS ?? 60) || 60);
const TOKEN_ENV = 'JOBDECK_DEMO_TOKEN';
const NAMES: Record<Kind, string> = {
  'cnaas-nms': 'soak-cnaas',
  cdrouter: 'soak-cdrouter',
  'puppet-orchestrator': 'soak-puppet',
  'stack-jobs': 'soak-stack',
  beacon: 'soak-beacon',
};
const KINDS = Object.keys(NAMES) as Kind[];
/** Faults for a phase, applied to every dialect. */
const PHASES: { name: string; spec?: FaultSpec; restart?: number }[] = [
  { name: 'latency', spec: { latency: 300, jitter: 700 } },
  { name: '429 + Retry-After', spec: { error429: 0.35, retryAfter: 1 } },
  { name: '5xx', spec: { error500: 0.15, error502: 0.15, error503: 0.15, retryAfter: 1 } },
  { name: 'HTML bodies', spec: { html: 0.3, htmlStatus: 200 } },
  { name: 'truncated JSON', spec: { truncate: 0.3, malformed: 0.1 } },
  { name: 'dropped connections', spec: { drop: 0.3 } },
  { name: 'restarts', restart: 1_500 },
  { name: 'slow drip', spec: { drip: 0.5, dripMs: 1_500, dripChunk: 64 } },
];

interface WriteRecord {
  what: string;
  ok: boolean;
  phase: string;
  writes: number;
  notified: number;
  /** The server did it, but the answer was spoiled (truncated, malformed): shown as failed. */
  takenButReportedFailed: boolean;
}

/**
 * Whether the server carried out a request: a 2xx that is not a fault answered instead of the
 * real handler (the emulator's drop/429/5xx/html faults). Body faults (truncate, malformed,
 * drip) spoil the answer of a request the server did carry out.
 */
function processed(e: LogEntry): boolean {
  return e.status >= 200 && e.status < 300 && !/^(drop|html|error\d+)$/.test(e.fault ?? '');
}

function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

function heapMb(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 1048576;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`soak (${SECONDS} s)`, function () {
  this.timeout((SECONDS + 240) * 1000);
  let s: Services;
  let emu: Emulator;
  let userBefore: unknown;
  let pollBefore: unknown;
  const shown: Shown[] = [];
  const restore: (() => void)[] = [];

  before(async () => {
    const ext = vscode.extensions.getExtension<JobdeckApi>('jobdeck.jobdeck');
    assert.ok(ext);
    s = (await ext.activate()).services;
    assert.ok(process.env[TOKEN_ENV], `${TOKEN_ENV} is set by the launcher`);
    // Enough jobs for a delete every few seconds for as long as the soak runs.
    emu = await start({ port: 0, jobs: Math.max(100, Math.ceil(SECONDS * 1.2)), seed: 11, logSize: 50_000 });
    // A still clock: running jobs stay running (the tail has a job to follow all along).
    emu.control.pause();
    restore.push(recordNotifications(shown));
    const config = vscode.workspace.getConfiguration('jobdeck');
    userBefore = config.inspect('connections')?.globalValue;
    pollBefore = config.inspect('pollInterval')?.globalValue;
    await config.update('pollInterval', 2, vscode.ConfigurationTarget.Global);
    await config.update(
      'connections',
      KINDS.map((k) => ({ name: NAMES[k], kind: k, url: emu.urls[k], tokenEnv: TOKEN_ENV })),
      vscode.ConfigurationTarget.Global,
    );
    await until('the soak connections', () => KINDS.every((k) => s.jobStore.get(NAMES[k])), 10_000);
  });

  after(async () => {
    await s?.tails.stopAll();
    for (const r of restore) r();
    const config = vscode.workspace.getConfiguration('jobdeck');
    await config.update('connections', userBefore, vscode.ConfigurationTarget.Global);
    await config.update('pollInterval', pollBefore, vscode.ConfigurationTarget.Global);
    await emu?.stop();
  });

  it('five connections polling and a tail survive every fault, writes stay honest, and everything recovers', async () => {
    // --- Watch: the view visible, every connection expanded and loaded. ---------------------
    await vscode.commands.executeCommand('jobdeck.jobs.focus');
    await until('the view to be visible', () => s.treeView.visible, 10_000);
    const connectionRow = async (name: string) =>
      ((await s.tree.getChildren(undefined)) ?? []).find(
        (n) => n.type === 'connection' && n.store.name === name,
      ) as TreeNode;
    for (const k of KINDS) await s.tree.getChildren(await connectionRow(NAMES[k]));
    await until(
      'every connection to load',
      () => KINDS.every((k) => s.jobStore.get(NAMES[k])?.status === 'ok'),
      30_000,
    );

    // What the writes act on, read before any fault.
    const cd = s.jobStore.get(NAMES.cdrouter)!;
    const packages = await cd.connection.adapter.listChoices('package');
    assert.ok(packages.length, 'the emulator offers packages');
    // Jobs to delete, oldest first (the tree shows the newest page; these need not be loaded).
    const deletable = async (name: string) => {
      const all: Job[] = [];
      let cursor: string | undefined;
      do {
        const p = await s.jobStore
          .get(name)!
          .connection.adapter.listJobs({ pageSize: 200, cursor, sort: { field: 'time', direction: 'asc' } });
        all.push(...p.items);
        cursor = p.nextCursor;
      } while (cursor && all.length < 2_000);
      return all.filter((j) => j.state !== 'running' && j.state !== 'pending').map((j) => j.id);
    };
    const cdIds = await deletable(NAMES.cdrouter);
    const stackIds = await deletable(NAMES['stack-jobs']);
    // The job the PUT writes (Edit Job) rename, kept out of the deletes.
    const editId = stackIds.pop();
    // About one write every 3 s, each taking 1–3 jobs of one of the two.
    const needed = Math.ceil((SECONDS / 3) * (3 / 5)) + 10;
    assert.ok(
      cdIds.length >= needed && stackIds.length >= needed,
      `jobs to delete: ${cdIds.length} cdrouter, ${stackIds.length} stack (need ${needed})`,
    );

    // --- The tail: a running Puppet job, fed new events all along. --------------------------
    const puppet = s.jobStore.get(NAMES['puppet-orchestrator'])!;
    const running = puppet.jobs.find((j) => j.state === 'running');
    assert.ok(running, 'a running Puppet job to tail');
    const received: JobEvent[] = [];
    const onEvents = (session: TailSession, events: JobEvent[]) => {
      if (session.connection === NAMES['puppet-orchestrator'] && session.jobId === running.id) received.push(...events);
    };
    s.tails.on('events', onEvents);
    restore.push(() => s.tails.off('events', onEvents));
    await vscode.commands.executeCommand('jobdeck.tailEvents', {
      connection: NAMES['puppet-orchestrator'],
      jobId: running.id,
    });
    await until('the tail to deliver the job’s events', () => received.length > 0, 20_000);
    let lastEmitted = Number(received[received.length - 1].id);

    // --- Meters. -------------------------------------------------------------------------------
    let lagMax = 0;
    let lagAt = Date.now();
    const lagTimer = setInterval(() => {
      const now = Date.now();
      lagMax = Math.max(lagMax, now - lagAt - 100);
      lagAt = now;
    }, 100);
    restore.push(() => clearInterval(lagTimer));
    const counts = { requests: 0, faulted: 0, dropped: 0, byFault: {} as Record<string, number> };
    const drain = (): LogEntry[] => {
      const entries = emu.control.log().filter((e) => e.dialect !== 'control');
      emu.control.clearLog();
      counts.requests += entries.length;
      for (const e of entries) {
        if (e.fault) {
          counts.faulted++;
          counts.byFault[e.fault] = (counts.byFault[e.fault] ?? 0) + 1;
        }
        if (e.status === 0) counts.dropped++;
      }
      return entries;
    };
    let errorEpisodes = 0;
    let maxErrorRows = 0;
    const inError = new Set<string>();
    const sampleTree = async () => {
      for (const k of KINDS) {
        const store = s.jobStore.get(NAMES[k])!;
        if (store.status === 'error' && !inError.has(store.name)) {
          inError.add(store.name);
          errorEpisodes++;
        } else if (store.status === 'ok') inError.delete(store.name);
        const rows = ((await s.tree.getChildren(await connectionRow(store.name))) ?? []).filter(
          (n) => n.type === 'message' && n.kind === 'error',
        );
        maxErrorRows = Math.max(maxErrorRows, rows.length);
      }
    };
    /** Until every connection shows `status`, sampling the tree and draining the log meanwhile. */
    // `code`: an error left from the phase before (a malformed page, say) is not yet this one.
    const everyConnection = (status: 'ok' | 'error', what: string, ms: number, code?: string) =>
      until(
        what,
        async () => {
          await sampleTree();
          drain();
          return KINDS.every((k) => {
            const store = s.jobStore.get(NAMES[k]);
            return store?.status === status && (code === undefined || store.error?.code === code);
          });
        },
        ms,
        100,
      );
    const heap: { t: number; mb: number }[] = [];
    const t0 = Date.now();
    const faultMs = SECONDS * 1000 * 0.8;
    const phaseMs = Math.max(3_000, faultMs / PHASES.length);
    const writes: WriteRecord[] = [];
    let phase = 'none';
    drain();

    // One write through the commands; checked at the emulator's request log.
    let turn = 0;
    const write = async () => {
      const before = shown.length;
      const started = Date.now();
      drain();
      const kind = turn++ % 6;
      let what: string;
      let ok: boolean;
      let method: string;
      let paths: RegExp;
      if (kind === 0) {
        what = 'launch (cdrouter, POST)';
        method = 'POST';
        paths = /\/api\/v1\/jobs\/$/;
        const job = (await vscode.commands.executeCommand(
          'jobdeck.launchJob',
          confirmed({
            connection: NAMES.cdrouter,
            spec: { kind: 'cdrouter', packageId: packages[turn % packages.length].id },
            openPanel: false,
          }),
        )) as Job | undefined;
        ok = job !== undefined;
      } else if (kind === 1) {
        what = 'delete (cdrouter, DELETE)';
        method = 'DELETE';
        paths = /\/api\/v1\/jobs\/[^/]+\/$/;
        const id = cdIds.shift();
        assert.ok(id, 'ran out of cdrouter jobs to delete');
        const out = (await vscode.commands.executeCommand(
          'jobdeck.deleteJob',
          confirmed({ connection: NAMES.cdrouter, jobId: id }),
        )) as BulkDeleteOutcome | undefined;
        ok = Boolean(out?.deleted.length);
      } else if (kind === 2) {
        what = 'bulk delete (cdrouter, one POST ?bulk=delete)';
        method = 'POST';
        paths = /\/api\/v1\/jobs\/$/;
        const ids = cdIds.splice(0, 2);
        const out = (await vscode.commands.executeCommand(
          'jobdeck.bulkDelete',
          confirmed({ connection: NAMES.cdrouter, jobIds: ids }),
        )) as BulkDeleteOutcome | undefined;
        ok = Boolean(out?.deleted.length);
      } else if (kind === 3) {
        what = 'bulk delete (stack-jobs, DELETE fan-out)';
        method = 'DELETE';
        paths = /\/stack-jobs\/jobs\/[^/]+$/;
        const ids = stackIds.splice(0, 3);
        const out = (await vscode.commands.executeCommand(
          'jobdeck.bulkDelete',
          confirmed({ connection: NAMES['stack-jobs'], jobIds: ids }),
        )) as BulkDeleteOutcome | undefined;
        ok = Boolean(out?.deleted.length);
        // Each job reported deleted had its own DELETE answered 2xx. The emulator logs a
        // request when its response closes, which can be just after the client has it: wait
        // for the entries (the positive signal), and let the assertion below name what is missing.
        const deletedLogged = (log: LogEntry[]) =>
          (out?.deleted ?? []).every((d) =>
            log.some((e) => e.method === 'DELETE' && e.path.endsWith(`/jobs/${d.id}`) && processed(e)),
          );
        const log = await loggedWhen(deletedLogged);
        for (const d of out?.deleted ?? []) {
          assert.ok(
            log.some((e) => e.method === 'DELETE' && e.path.endsWith(`/jobs/${d.id}`) && processed(e)),
            `stack job ${d.id} reported deleted without a 2xx DELETE: ${JSON.stringify(log.filter((e) => e.method !== 'GET'))}; outcome ${JSON.stringify(out)}`,
          );
        }
      } else if (kind === 4) {
        what = 'edit (stack-jobs, PUT)';
        method = 'PUT';
        paths = /\/stack-jobs\/jobs\/[^/]+$/;
        assert.ok(editId, 'a stack job to edit');
        const job = (await vscode.commands.executeCommand(
          'jobdeck.editJob',
          confirmed({ connection: NAMES['stack-jobs'], jobId: editId, name: `soak edit ${turn}` }),
        )) as Job | undefined;
        ok = job !== undefined;
      } else {
        what = 'launch (beacon, POST form)';
        method = 'POST';
        paths = /\/api\/jobs$/;
        const job = (await vscode.commands.executeCommand(
          'jobdeck.launchJob',
          confirmed({
            connection: NAMES.beacon,
            spec: { kind: 'beacon', name: `soak ${turn}`, tasks: [{ command: 'true' }], queue: true },
            openPanel: false,
          }),
        )) as Job | undefined;
        ok = job !== undefined;
      }
      // A write reported done shows as a processed entry; one that failed, as at least one
      // entry of its method and path (an attempt that was answered or dropped).
      const log = await loggedWhen((entries) =>
        entries.some((e) => e.method === method && paths.test(e.path) && (!ok || processed(e))),
      );
      // Only what arrived after this write began (an earlier write's request can close late).
      const sent = log.filter((e) => e.method === method && paths.test(e.path) && Date.parse(e.time) >= started);
      const taken = sent.filter(processed);
      // POST, PUT and DELETE alike go out again to the same target only after an answer that
      // refused them (429, or a redirect, which a write does not follow); a DELETE fan-out sends
      // one request per job, so each target is counted on its own.
      for (const target of new Set(sent.map((e) => e.path))) {
        const to = sent.filter((e) => e.path === target);
        const notTaken = to.filter((e) => e.status === 429 || (e.status >= 300 && e.status < 400)).length;
        assert.ok(
          to.length <= 1 + notTaken,
          `${what} in phase ${phase}: ${method} ${target} sent ${to.length} times for ${notTaken} answers that refused it — a write was re-sent: ${JSON.stringify(to)}`,
        );
      }
      if (ok)
        assert.ok(
          taken.length > 0,
          `${what} in phase ${phase} reported done, but the server took no ${method}: ${JSON.stringify(sent)}`,
        );
      const notified = shown.slice(before).filter((x) => x.level !== 'info').length;
      if (!ok)
        assert.equal(
          notified,
          1,
          `${what} in phase ${phase} failed and was shown ${notified} times: ${JSON.stringify(shown.slice(before))}`,
        );
      writes.push({ what, ok, phase, writes: sent.length, notified, takenButReportedFailed: !ok && taken.length > 0 });
    };
    /** When each write ran: notifications in these windows belong to a user action. */
    const writeWindows: [number, number][] = [];
    const timedWrite = async () => {
      windowLog = [];
      const w0 = Date.now();
      try {
        await write();
      } finally {
        writeWindows.push([w0, Date.now()]);
      }
    };
    let windowLog: LogEntry[] = [];
    function drainedForCheck(): LogEntry[] {
      windowLog = [...windowLog, ...drain()];
      return windowLog;
    }
    /**
     * The window's log once `ready` holds for it (the emulator logs a request when its response
     * closes, which can be just after the client has it), or after 10 s, when the caller's
     * assertion says what is missing.
     */
    async function loggedWhen(ready: (log: LogEntry[]) => boolean): Promise<LogEntry[]> {
      await until('the emulator to log the write', () => ready(drainedForCheck()), 10_000, 50).catch(() => undefined);
      return drainedForCheck();
    }

    // --- The faulty part. -------------------------------------------------------------------------
    const pollNotificationsBefore = shown.length;
    let nextHeap = t0 + 5_000;
    let nextWrite = t0 + 2_000;
    let nextEmit = t0;
    let nextSample = t0;
    for (let p = 0; Date.now() - t0 < faultMs; p = (p + 1) % PHASES.length) {
      const ph = PHASES[p];
      phase = ph.name;
      for (const k of KINDS) emu.control.setFaults(k, ph.spec ?? {});
      const phaseEnd = Date.now() + phaseMs;
      if (ph.restart) void emu.control.restart(ph.restart);
      while (Date.now() < phaseEnd && Date.now() - t0 < faultMs) {
        const now = Date.now();
        if (now >= nextEmit) {
          lastEmitted = emu.control.emitPuppetEvents(running.id, 2).last;
          nextEmit = now + 2_000;
        }
        if (now >= nextWrite) {
          await timedWrite();
          nextWrite = Date.now() + 3_000;
        }
        if (now >= nextSample) {
          await sampleTree();
          nextSample = now + 500;
        }
        if (now >= nextHeap) {
          heap.push({ t: Math.round((now - t0) / 1000), mb: heapMb() });
          nextHeap = now + Math.max(5_000, SECONDS * 50);
        }
        drain();
        await sleep(100);
      }
    }

    // --- An outage: every request fails until every connection shows its error. ---------------
    phase = 'outage';
    for (const k of KINDS) emu.control.setFaults(k, { error503: 1, retryAfter: 1 });
    await everyConnection('error', 'every connection to show the outage', 60_000, 'server');
    for (const k of KINDS) assert.equal(s.jobStore.get(NAMES[k])?.error?.code, 'server', `${NAMES[k]} shows the 503`);
    // A launch now fails, is shown once, and its POST is not sent again.
    turn = 0;
    await timedWrite();
    assert.equal(writes[writes.length - 1].ok, false, 'a launch during the outage fails');
    assert.equal(writes[writes.length - 1].writes, 1, 'one POST for the failed launch');

    // --- Recovery. ------------------------------------------------------------------------------
    phase = 'recovery';
    emu.control.clearFaults();
    const recoveryStarted = Date.now();
    // Poll backoff after repeated failures can reach 2^5 × 2 s before the next try.
    const recoveryMs = Math.max(SECONDS * 1000 * 0.2, 70_000);
    await everyConnection('ok', 'every connection to recover', recoveryMs);
    const recoveredIn = Date.now() - recoveryStarted;
    lastEmitted = emu.control.emitPuppetEvents(running.id, 3).last;
    await until(
      'the tail to catch up after the faults',
      () => received.some((e) => Number(e.id) === lastEmitted),
      30_000,
    );
    // A write after recovery goes through, once.
    turn = 0;
    await timedWrite();
    assert.equal(writes[writes.length - 1].ok, true, 'a launch after recovery succeeds');
    await sleep(3_000);
    drain();
    await sampleTree();
    const heapEnd = heapMb();

    // --- Verdict. ---------------------------------------------------------------------------------
    const ext = vscode.extensions.getExtension('jobdeck.jobdeck');
    assert.equal(ext?.isActive, true, 'the extension is still active');
    await vscode.commands.executeCommand('jobdeck.refresh');
    const ids = received.map((e) => Number(e.id));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
      'tail events in order',
    );
    assert.equal(new Set(ids).size, ids.length, 'no tail event twice');
    assert.deepEqual(
      ids,
      Array.from({ length: ids.length }, (_, i) => ids[0] + i),
      'no tail event skipped',
    );
    assert.ok(s.tails.get(NAMES['puppet-orchestrator'], running.id), 'the tail is still running');
    // Polling failures are tree rows, never notifications: whatever was shown belongs to a write.
    const outside = shown
      .slice(pollNotificationsBefore)
      .filter((x) => x.level !== 'info' && !writeWindows.some(([a, b]) => x.at >= a && x.at <= b + 50));
    assert.deepEqual(
      outside.map((x) => x.message),
      [],
      'notifications that no user action caused',
    );
    assert.ok(maxErrorRows <= 1, `a connection showed ${maxErrorRows} error rows at once`);
    const warm = heap.length > 2 ? heap[1].mb : (heap[0]?.mb ?? heapEnd);
    const growth = heapEnd - warm;
    const summary = {
      seconds: SECONDS,
      requests: counts.requests,
      faulted: counts.faulted,
      dropped: counts.dropped,
      byFault: counts.byFault,
      errorEpisodes,
      maxErrorRows,
      notifications: shown.length - pollNotificationsBefore,
      notificationsOutsideWrites: outside.length,
      writes: {
        total: writes.length,
        ok: writes.filter((w) => w.ok).length,
        failed: writes.filter((w) => !w.ok).length,
        takenButReportedFailed: writes.filter((w) => w.takenButReportedFailed).length,
      },
      tailEvents: received.length,
      recoveredInMs: recoveredIn,
      eventLoopLagMaxMs: lagMax,
      heapMb: { samples: heap, end: Math.round(heapEnd * 10) / 10, growthFromWarm: Math.round(growth * 10) / 10 },
    };
    const out = path.resolve(__dirname, '../../../test-results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'soak.json'), JSON.stringify({ ...summary, writeLog: writes }, null, 2));
    console.log(`      soak: ${JSON.stringify(summary)}`);
    assert.ok(counts.faulted > 20, `faults were injected (${counts.faulted})`);
    assert.ok(writes.some((w) => !w.ok) && writes.some((w) => w.ok), 'writes both failed and succeeded under faults');
    assert.ok(errorEpisodes > 0, 'some polls failed (the faults reached the connections)');
    assert.ok(lagMax < 3_000, `the extension host stalled for ${lagMax} ms`);
    assert.ok(
      growth < 24,
      `heap grew ${growth.toFixed(1)} MB over the soak (${JSON.stringify(heap)} → ${heapEnd.toFixed(1)})`,
    );
  });
});
