// First tree paint on a 100,000-job server, and the extension host's heap while pages load.
import * as vscode from 'vscode';
import type { Services } from '../../../src/extension/services';
import type { JobSort } from '../../../src/client/model';
import { ask, type HostConfig } from '../bridge';
import { measured, notMeasured, type Measurement } from '../figures';
import { median, now, round, sleep, until } from '../stats';
import { expand, heapAfterGc, hookHttp, hookTree, setConnections, setSetting, showView, store } from './workbench';

const SORTS: JobSort[] = [
  { field: 'time', direction: 'desc' },
  { field: 'time', direction: 'asc' },
];

interface Sample {
  provider: number;
  ui: number;
  requestToUi: number;
}

/**
 * One first page of `name`: `trigger` starts it (expanding a new connection, or a sort change);
 * times from the page's response to the provider's rows and to the painted UI row.
 */
async function sample(s: Services, name: string, trigger: () => Promise<unknown>, log: (m: string) => void, what: string): Promise<Sample> {
  const http = hookHttp(store(s, name));
  const tree = hookTree(s, name);
  try {
    await ask({ op: 'rows.arm' });
    const t0 = now();
    await trigger();
    const rows = await until(() => tree.done.find((d) => d.t > t0), 60_000, 'the tree provider to return the first page');
    const response = http.times.filter((h) => h.start >= t0 && h.end <= rows.t).at(-1);
    if (!response) throw new Error('no HTTP response of the first page was seen before the rows');
    const seen = await ask({ op: 'rows.seen', index: 1, label: rows.firstLabel, after: t0, timeoutMs: 20_000 }, 30_000);
    log(`${what}: response ${round(response.end - response.start)} ms, provider +${round(rows.t - response.end)} ms, UI +${round(seen.t - response.end)} ms (${rows.rows} rows)`);
    return { provider: rows.t - response.end, ui: seen.t - response.end, requestToUi: seen.t - response.start };
  } finally {
    http.dispose();
    tree.dispose();
  }
}

export async function treePaint(s: Services, c: HostConfig['tree'], log: (m: string) => void): Promise<Measurement[]> {
  // Polls would add requests of their own between samples: one poll a minute is enough here.
  await setSetting('pollInterval', 60);
  await showView(s);
  // A true first paint each time: a connection the extension has never loaded, expanded.
  const first: Sample[] = [];
  let big = c.big;
  for (let r = 0; r < c.repeats; r++) {
    big = { ...c.big, name: `${c.big.name}-${r + 1}` };
    await setConnections(s, [big, c.small]);
    await sleep(600);
    const name = big.name;
    first.push(await sample(s, name, () => expand(s, name), log, `first paint #${r + 1}`));
  }
  // The same after a sort change (the list starts over from its first page).
  const resort: Sample[] = [];
  for (let r = 0; r < 3; r++) {
    const st = store(s, big.name);
    await sleep(600);
    resort.push(await sample(s, big.name, async () => void st.query(st.filter, SORTS[(r + 1) % 2]).catch(() => undefined), log, `sort change #${r + 1}`));
  }
  const pick = (list: Sample[], k: keyof Sample) => list.map((x) => x[k]);
  const out: Measurement[] = [
    measured('tree.provider', median(pick(first, 'provider')), { samples: pick(first, 'provider') }),
    measured('tree.ui', median(pick(first, 'ui')), { samples: pick(first, 'ui') }),
    measured('tree.requestToUi', median(pick(first, 'requestToUi')), { samples: pick(first, 'requestToUi') }),
    measured('tree.sortUi', median(pick(resort, 'ui')), { samples: pick(resort, 'ui'), note: `provider +${round(median(pick(resort, 'provider')))} ms` }),
  ];
  try {
    out.push(...(await memory(s, { ...c, big }, log)));
  } catch (e) {
    const reason = (e as Error).message;
    out.push(notMeasured('memory.big', reason), notMeasured('memory.small', reason), notMeasured('memory.ratio', reason));
  }
  return out;
}

async function loadPages(s: Services, name: string, pages: number): Promise<number> {
  const st = store(s, name);
  for (let p = 1; p < pages; p++) {
    if (!st.hasMore) throw new Error(`${name} has no page ${p + 1}`);
    await vscode.commands.executeCommand('jobdeck.loadMore', name);
  }
  return st.jobs.length;
}

async function memory(s: Services, c: HostConfig['tree'], log: (m: string) => void): Promise<Measurement[]> {
  const big = store(s, c.big.name);
  await big.query(undefined, SORTS[0]);
  await sleep(500);
  const h0 = heapAfterGc();
  const bigRows = await loadPages(s, c.big.name, c.pages);
  await sleep(500);
  const h1 = heapAfterGc();

  const small = store(s, c.small.name);
  const tree = hookTree(s, c.small.name);
  try {
    const t0 = now();
    await expand(s, c.small.name);
    await until(() => tree.done.find((d) => d.t > t0), 60_000, 'the second connection to show its first page');
  } finally {
    tree.dispose();
  }
  await sleep(500);
  const h2 = heapAfterGc();
  const smallRows = await loadPages(s, c.small.name, c.pages);
  await sleep(500);
  const h3 = heapAfterGc();
  const mb = (b: number) => b / 1024 / 1024;
  const dBig = mb(h1 - h0);
  const dSmall = mb(h3 - h2);
  log(`memory: ${bigRows} rows of ${c.bigTotal}: +${round(dBig, 2)} MB; ${smallRows} rows of ${c.smallTotal}: +${round(dSmall, 2)} MB`);
  if (bigRows !== small.jobs.length) throw new Error(`loaded ${bigRows} and ${small.jobs.length} rows: not comparable`);
  const perRow = (d: number, rows: number) => `${round((d * 1024 * 1024) / Math.max(1, rows - rows / c.pages) / 1024, 2)} KB/row`;
  const out = [
    measured('memory.big', dBig, { note: `${bigRows} rows shown, ${perRow(dBig, bigRows)}` }),
    measured('memory.small', dSmall, { note: `${smallRows} rows shown, ${perRow(dSmall, smallRows)}` }),
  ];
  // A growth under 0.1 MB is within gc noise: the ratio would mean nothing.
  if (dSmall < 0.1) out.push(notMeasured('memory.ratio', `growth with the small server (${round(dSmall, 3)} MB) is within gc noise`));
  else out.push(measured('memory.ratio', dBig / dSmall, { note: `if memory followed the server's total this would be ~${Math.round(c.bigTotal / c.smallTotal)}` }));
  return out;
}
