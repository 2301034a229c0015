// The naive tree load the real one is compared with: fetch every page of the 100,000-job
// server before showing anything (1,000 jobs a page, the most jobdeck.pageSize allows), through
// the same adapter. Its wall time and the heap the jobs take once held.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { connect } from '../../src/client/registry';
import type { Job } from '../../src/client/model';
import type { BenchConnection } from './bridge';
import { now, sleep } from './stats';

export interface NaiveLoad {
  ms: number;
  requests: number;
  jobs: number;
  heapMb: number;
}

let gc: (() => void) | undefined;
function heapAfterGc(): number {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  let least = Infinity;
  for (let i = 0; i < 3; i++) {
    gc();
    least = Math.min(least, process.memoryUsage().heapUsed);
  }
  return least;
}

async function load(c: BenchConnection): Promise<{ jobs: Job[]; requests: number }> {
  const { adapter } = connect({ name: c.name, kind: c.kind as 'cdrouter', url: c.url }, { token: async () => process.env[c.tokenEnv] ?? 'demo-token' });
  let jobs: Job[] = [];
  let cursor: string | undefined;
  let requests = 0;
  do {
    const page = await adapter.listJobs({ pageSize: 1000, cursor, sort: { field: 'time', direction: 'desc' } });
    jobs = jobs.concat(page.items);
    cursor = page.nextCursor;
    requests++;
  } while (cursor);
  return { jobs, requests };
}

/**
 * Timed on the first load; the heap on a second one, so what the emulator (in this process)
 * keeps after serving the pages is not counted as the jobs' memory.
 */
export async function fetchAll(c: BenchConnection): Promise<NaiveLoad> {
  heapAfterGc();
  const t0 = now();
  let first: { jobs: Job[]; requests: number } | undefined = await load(c);
  const ms = now() - t0;
  const result = { ms, requests: first.requests, jobs: first.jobs.length };
  // eslint-disable-next-line no-useless-assignment -- drops the only reference, so the GC can free the first load
  first = undefined;
  await sleep(100);
  const before = heapAfterGc();
  const second = await load(c);
  await sleep(100);
  const heapMb = (heapAfterGc() - before) / 1024 / 1024;
  if (second.jobs.length !== result.jobs) throw new Error(`two loads gave ${result.jobs} and ${second.jobs.length} jobs`);
  return { ...result, heapMb };
}
