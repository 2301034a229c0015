// Requests per connection per poll interval, Jobs view visible and hidden, against a naive
// poller (every connection every interval, whatever the user sees) running in the same window.
import type { Services } from '../../../src/extension/services';
import { connect } from '../../../src/client/registry';
import { ConnectionStore } from '../../../src/store/connectionStore';
import type { ConnectionConfig } from '../../../src/client/config';
import type { BenchConnection, HostConfig } from '../bridge';
import { measured, type Measurement } from '../figures';
import { now, round, sleep, until } from '../stats';
import { expand, hideView, setConnections, setSetting, showView, store } from './workbench';

interface LogEntry {
  time: string;
  dialect: string | null;
}

async function control(base: string, method: string, path: string): Promise<unknown> {
  const res = await fetch(`${base}/_control/${path}`, { method, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`emulator control ${method} ${path}: HTTP ${res.status}`);
  return res.json();
}

/** Requests per connection (= per dialect on its emulator) in [from, to]. */
async function counts(base: string, conns: BenchConnection[], from: number, to: number): Promise<number[]> {
  const { entries } = (await control(base, 'GET', 'log')) as { entries: LogEntry[] };
  return conns.map((c) => entries.filter((e) => e.dialect === c.kind && Date.parse(e.time) >= from && Date.parse(e.time) <= to).length);
}

/** Times a method of one object is called (instance property over the prototype's). */
function countCalls(target: object, method: string): { times: number[]; dispose(): void } {
  const obj = target as Record<string, unknown>;
  const original = obj[method] as (...a: unknown[]) => unknown;
  const times: number[] = [];
  obj[method] = function (this: unknown, ...args: unknown[]) {
    times.push(now());
    return original.apply(this, args);
  };
  return { times, dispose: () => delete obj[method] };
}

/** The naive design: a timer refreshes every connection every interval, visible or not. */
function naivePoller(conns: BenchConnection[], intervalMs: number): { stop(): void } {
  const stores = conns.map((c) => {
    const config: ConnectionConfig = { name: c.name, kind: c.kind as ConnectionConfig['kind'], url: c.url };
    return new ConnectionStore(connect(config, { token: async () => process.env[c.tokenEnv] }), 50);
  });
  const tick = () => {
    for (const st of stores) void st.refresh().catch(() => undefined);
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      for (const st of stores) st.dispose();
    },
  };
}

export async function polling(s: Services, c: HostConfig['poll'], log: (m: string) => void): Promise<Measurement[]> {
  const intervalMs = c.intervalS * 1000;
  await setSetting('pollInterval', c.intervalS);
  await setConnections(s, c.connections);
  await showView(s);
  for (const conn of c.connections) await expand(s, conn.name);
  await until(() => c.connections.every((conn) => store(s, conn.name).status === 'ok'), 60_000, 'all five connections to load');
  // List refreshes too (one may take several requests: stack-jobs' server pages hold 10 jobs).
  const refreshes = c.connections.map((conn) => countCalls(store(s, conn.name), 'refresh'));
  const naive = naivePoller(c.naive, intervalMs);
  const watchStart = s.launches.requests;
  const watchedAtStart = s.launches.size;
  try {
    await sleep(intervalMs + 500);
    const phase = async (label: string) => {
      const from = now();
      await sleep(c.phaseMs);
      const to = now();
      const intervals = (to - from) / intervalMs;
      const ours = await counts(c.emulatorUrl, c.connections, from, to);
      const base = await counts(c.naiveEmulatorUrl, c.naive, from, to);
      const ticks = refreshes.map((r) => r.times.filter((t) => t >= from && t <= to).length);
      log(`polling ${label}: ${ours.join('/')} requests and ${ticks.join('/')} refreshes per connection, naive ${base.join('/')} requests, over ${round(intervals)} intervals`);
      return { ours: ours.map((n) => n / intervals), naive: base.map((n) => n / intervals), ticks: ticks.map((n) => n / intervals), from };
    };
    const visible = await phase('visible');
    const hiddenAt = now();
    await hideView(s);
    // A refresh under way when the view was hidden may still read its remaining pages.
    await sleep(intervalMs);
    const hidden = await phase('hidden');
    const settling = await counts(c.emulatorUrl, c.connections, hiddenAt, hidden.from);
    const watchReads = s.launches.requests - watchStart;
    log(`polling: the launch watch made ${watchReads} reads (${watchedAtStart} → ${s.launches.size} jobs watched)`);
    const worst = (v: number[]) => Math.max(...v);
    const fmt = (v: number[]) => v.map((x) => round(x, 2)).join(' / ');
    const order = c.connections.map((x) => x.kind).join(' / ');
    return [
      measured('poll.visible', round(worst(visible.ours), 2), {
        baseline: { name: 'poll all, always', value: round(worst(visible.naive), 2) },
        note: `requests per connection ${fmt(visible.ours)} (${order}); list refreshes ${fmt(visible.ticks)}`,
        samples: visible.ours,
      }),
      measured('poll.hidden', round(worst(hidden.ours), 2), {
        baseline: { name: 'poll all, always', value: round(worst(hidden.naive), 2) },
        note: `requests per connection ${fmt(hidden.ours)}; in the first interval after hiding (not counted) ${settling.join(' / ')} requests finished refreshes already under way`,
        samples: hidden.ours,
      }),
      measured('poll.launchWatchIdle', watchReads, {
        note: `reads the launch watch started over both windows; jobs watched ${watchedAtStart} at the start, ${s.launches.size} at the end`,
      }),
    ];
  } finally {
    naive.stop();
    for (const r of refreshes) r.dispose();
    await setSetting('pollInterval', undefined);
  }
}
