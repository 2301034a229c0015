// The exported parse functions of each dialect, with the seeds' payloads they read. Each
// target feeds a payload to one parser and checks the result against the model's promises.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DialectKind } from '../../../src/client/model';
import type { ParseContext } from '../../../src/client/parse';
import * as cnaas from '../../../src/client/dialects/cnaasNms';
import * as cdrouter from '../../../src/client/dialects/cdrouter';
import * as puppet from '../../../src/client/dialects/puppetOrchestrator';
import * as stack from '../../../src/client/dialects/stackJobs';
import * as beacon from '../../../src/client/dialects/beacon';
import { checkDetail, checkEvents, checkJob, checkTarget, serializable } from './invariants';
import * as assert from 'node:assert/strict';

export const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');

/** Every response fixture of a dialect, parsed (request bodies and non-JSON files left out). */
export function fixtures(kind: DialectKind): Map<string, unknown> {
  const dir = path.join(FIXTURES, kind);
  const out = new Map<string, unknown>();
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith('.json') || f.includes('.request.')) continue;
    try {
      out.set(f, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
    } catch {
      // A seed sample kept as the doc wrote it (not valid JSON): not a seed for mutations.
    }
  }
  return out;
}

export interface ParseTarget {
  name: string;
  seeds: unknown[];
  run(payload: unknown): void;
}

const ctx: ParseContext = { connection: 'fuzz', operation: 'fuzz' };

function pick(all: Map<string, unknown>, ...names: string[]): unknown[] {
  return names.map((n) => {
    assert.ok(all.has(n), `fixture ${n} is missing`);
    return all.get(n);
  });
}

/** `items`/`data`/`jobs` lists inside a fixture: single jobs to mutate. */
function inner(v: unknown, ...keys: string[]): unknown[] {
  let cur: unknown = v;
  for (const k of keys) cur = (cur as Record<string, unknown>)[k];
  return Array.isArray(cur) ? cur : [cur];
}

export function targets(kind: DialectKind): ParseTarget[] {
  const f = fixtures(kind);
  switch (kind) {
    case 'cnaas-nms': {
      const [list, current, get, old] = pick(
        f,
        'list-jobs.response.json',
        'list-jobs.current.json',
        'get-job.response.json',
        'get-job.old-exception.json',
      );
      const jobs = [
        ...inner(list, 'data', 'jobs'),
        ...inner(current, 'data', 'jobs'),
        ...inner(get, 'data', 'jobs'),
        ...inner(old, 'data', 'job'),
      ];
      return [
        {
          name: 'parseJob',
          seeds: jobs,
          run: (p) => {
            const { job, devices } = cnaas.parseJob(p, ctx, 'data.jobs[0]');
            checkJob(job);
            (devices ?? []).forEach((d) => checkTarget(d));
            serializable(job, 'job');
          },
        },
        { name: 'parseDetail', seeds: jobs, run: (p) => checkDetail(cnaas.parseDetail(p, ctx)) },
        {
          name: 'parseDevices',
          seeds: jobs.map((j) => (j as Record<string, unknown>).result),
          run: (p) => (cnaas.parseDevices(p, ctx) ?? []).forEach((d) => checkTarget(d)),
        },
        {
          name: 'parseFailure',
          seeds: jobs,
          run: (p) => {
            if (p === null || typeof p !== 'object' || Array.isArray(p)) return;
            const failure = cnaas.parseFailure(p as Record<string, unknown>);
            if (failure) assert.equal(typeof failure.message, 'string');
          },
        },
      ];
    }
    case 'cdrouter': {
      const [list, get, launch, bulk] = pick(
        f,
        'list-jobs.response.json',
        'get-job.response.json',
        'launch.response.json',
        'bulk-launch.response.json',
      );
      const jobs = [...inner(list, 'data'), ...inner(get, 'data'), ...inner(launch, 'data'), ...inner(bulk, 'data')];
      return [
        {
          name: 'parseJob',
          seeds: jobs,
          run: (p) => checkJob(cdrouter.parseJob(p, { ...ctx, webBase: 'http://127.0.0.1:9/cdrouter' })),
        },
        { name: 'parseJob (no web base)', seeds: jobs, run: (p) => checkJob(cdrouter.parseJob(p, ctx)) },
        {
          name: 'mapState',
          seeds: jobs.map((j) => (j as Record<string, unknown>).status),
          run: (p) => void (typeof p === 'string' && cdrouter.mapState(p)),
        },
      ];
    }
    case 'puppet-orchestrator': {
      const [list, get, nodes, nodesFailed, nodesRunning, nodesFinished, ev1, ev2, report] = pick(
        f,
        'list-jobs.response.json',
        'get-job.response.json',
        'nodes.response.json',
        'nodes-failed.response.json',
        'nodes-running.response.json',
        'nodes-finished.response.json',
        'events.page1.json',
        'events.page2.json',
        'report.response.json',
      );
      const jobs = [...inner(list, 'items'), get];
      const nodeLists = [nodes, nodesFailed, nodesRunning, nodesFinished];
      const nodeItems = nodeLists.flatMap((n) => inner(n, 'items'));
      return [
        { name: 'parseJob', seeds: jobs, run: (p) => checkJob(puppet.parseJob(p, ctx)) },
        {
          // Jobs without `name`: the number comes from the last segment of the `id` URL.
          name: 'parseJob (no name)',
          seeds: jobs.map((j) => ({ ...(j as Record<string, unknown>), name: undefined })),
          run: (p) => checkJob(puppet.parseJob(p, ctx)),
        },
        {
          name: 'parseTimeline',
          seeds: [(get as Record<string, unknown>).status],
          run: (p) => void puppet.parseTimeline(p, ctx),
        },
        { name: 'parseNode', seeds: nodeItems, run: (p) => checkTarget(puppet.parseNode(p, ctx, 'items[0]')) },
        { name: 'parseNodes', seeds: nodeLists, run: (p) => puppet.parseNodes(p, ctx).forEach((n) => checkTarget(n)) },
        {
          name: 'parseDetail',
          seeds: [get, ...jobs],
          run: (p) => checkDetail(puppet.parseDetail(p, puppet.parseNodes(nodesFailed, ctx), ctx)),
        },
        {
          name: 'parseEvents',
          seeds: [ev1, ev2],
          run: (p) => {
            checkEvents(puppet.parseEvents(p, ctx, undefined));
            checkEvents(puppet.parseEvents(p, ctx, 5), 'events from 5', 5);
          },
        },
        {
          name: 'parseReport',
          seeds: [report],
          run: (p) => serializable(puppet.parseReport(p, ctx), 'report'),
        },
      ];
    }
    case 'stack-jobs': {
      const [p1, p2, get, upd] = pick(
        f,
        'list-jobs.page1.json',
        'list-jobs.page2.json',
        'get-job.response.json',
        'update.response.json',
      );
      const jobs = [...inner(p1, 'jobs'), ...inner(p2, 'jobs'), get, upd];
      return [
        { name: 'parseJob', seeds: jobs, run: (p) => checkJob(stack.parseJob(p, ctx)) },
        {
          name: 'parseJob (update answer)',
          seeds: [upd],
          run: (p) => checkJob(stack.parseJob(p, ctx, '(response)', '7')),
        },
        {
          name: 'parseNextRun',
          seeds: jobs.map((j) => (j as Record<string, unknown>).next_run),
          run: (p) => {
            const t = stack.parseNextRun(p);
            if (t !== undefined)
              checkJob({ id: '1', name: '', state: 'scheduled', rawState: '', nextRunAt: t, raw: null });
          },
        },
      ];
    }
    case 'beacon': {
      const [list, show, tasks] = pick(f, 'list-jobs.response.json', 'show-job.response.json', 'tasks.response.json');
      const jobs = [...inner(list), show];
      const job = beacon.parseJob(show, ctx);
      return [
        { name: 'parseJob', seeds: jobs, run: (p) => checkJob(beacon.parseJob(p, ctx)) },
        {
          name: 'parseTasks',
          seeds: [tasks],
          run: (p) => {
            const out = beacon.parseTasks(p, job, ctx);
            out.forEach((t) => checkTarget(t));
            serializable(out, 'tasks');
          },
        },
        {
          name: 'parseTasks (mutated job)',
          seeds: jobs,
          run: (p) => {
            const j = beacon.parseJob(p, ctx);
            checkJob(j);
            const out = beacon.parseTasks(tasks, j, ctx);
            out.forEach((t) => checkTarget(t));
            serializable(out, 'tasks');
          },
        },
        {
          name: 'failureOf',
          seeds: inner(show, 'result'),
          run: (p) => {
            const why = beacon.failureOf(p);
            if (why !== undefined) assert.equal(typeof why, 'string');
          },
        },
      ];
    }
  }
}
