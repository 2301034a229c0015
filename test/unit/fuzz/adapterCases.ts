// What the adapter fuzz calls and what the loopback server answers with, per dialect: the
// adapters' public methods (reads and writes), and for each request path the seed payloads
// that are mutated into its answer.
import * as assert from 'node:assert/strict';
import type { JobsAdapter } from '../../../src/client/adapter';
import type { DialectKind, Job } from '../../../src/client/model';
import type { PuppetOrchestratorAdapter } from '../../../src/client/dialects/puppetOrchestrator';
import { checkDetail, checkEvents, checkJob, checkJobs, checkTarget, serializable } from './invariants';
import { fixtures } from './targets';

export interface Route {
  method: string;
  /** Matched against the path below the connection URL, with the query string after '?'. */
  path: RegExp;
  seeds: unknown[];
}

export interface Call {
  name: string;
  /** Sends something that changes the server (and is not idempotent unless `idempotent`). */
  write?: boolean;
  /** The write's own method: what must not be sent again silently. */
  writeMethod?: 'POST' | 'PUT' | 'DELETE';
  run(adapter: JobsAdapter): Promise<unknown>;
  check(result: unknown): void;
  /**
   * For writes that report per item: checks that what the result claims done was answered 2xx
   * (`okPaths`: paths of the writes the server answered 2xx). Default: some write was.
   */
  done?(result: unknown, okPaths: string[]): void;
}

export interface DialectCases {
  routes: Route[];
  calls: Call[];
}

const job = (id: string, raw: Record<string, unknown> = {}): Job => ({
  id,
  name: id,
  state: 'running',
  rawState: 'running',
  raw,
});

function page(v: unknown): void {
  const p = v as { items: Job[]; total?: number; nextCursor?: string };
  checkJobs(p.items, 'page.items');
  if (p.total !== undefined) assert.ok(Number.isFinite(p.total), `page.total = ${p.total}`);
  if (p.nextCursor !== undefined) assert.equal(typeof p.nextCursor, 'string');
}

const detail = (v: unknown) => checkDetail(v as Parameters<typeof checkDetail>[0]);
const one = (v: unknown) => {
  checkJob(v as Job);
  serializable(v, 'job');
};
const many = (v: unknown) => checkJobs(v as Job[]);
const targets = (v: unknown) => (v as Parameters<typeof checkTarget>[0][]).forEach((t) => checkTarget(t));
const choices = (v: unknown) => {
  assert.ok(Array.isArray(v));
  for (const c of v as { id: unknown; label: unknown }[]) {
    assert.equal(typeof c.id, 'string');
    assert.equal(typeof c.label, 'string');
  }
};
const deleted = (id: string) => (v: unknown) => {
  const r = v as { id: string; outcome: string };
  assert.equal(r.id, id);
  assert.ok(r.outcome === 'deleted' || r.outcome === 'queued', `outcome ${r.outcome}`);
};
const nothing = (v: unknown) => assert.equal(v, undefined);
const bulk = (ids: string[]) => (v: unknown) => {
  const r = v as { deleted: { id: string }[]; failed: { id: string; message: unknown }[]; requests: number };
  assert.ok(Array.isArray(r.deleted) && Array.isArray(r.failed));
  for (const f of r.failed) assert.equal(typeof f.message, 'string');
  assert.ok(Number.isInteger(r.requests));
  // Every job asked for is accounted for once: deleted (or queued) or failed.
  assert.deepEqual([...r.deleted, ...r.failed].map((x) => x.id).sort(), [...ids].sort());
};
/** Fan-out: a job is reported deleted only when its own DELETE was answered 2xx. */
const eachDeleted = (v: unknown, okPaths: string[]) => {
  for (const d of (v as { deleted: { id: string }[] }).deleted) {
    // `/jobs/<id>` (stack-jobs, the seed's form) or `/jobs/<id>/` (CDRouter's).
    assert.ok(
      okPaths.some((p) => p.endsWith(`/jobs/${d.id}`) || p.endsWith(`/jobs/${d.id}/`)),
      `job ${d.id} reported deleted, but its DELETE was not answered 2xx`,
    );
  }
};

export function casesFor(kind: DialectKind): DialectCases {
  const f = fixtures(kind);
  const seeds = (...names: string[]) =>
    names.map((n) => {
      assert.ok(f.has(n), `fixture ${kind}/${n}`);
      return f.get(n);
    });
  switch (kind) {
    case 'cnaas-nms':
      return {
        routes: [
          {
            method: 'GET',
            path: /^\/api\/v1\.0\/jobs\?/,
            seeds: seeds('list-jobs.response.json', 'list-jobs.current.json'),
          },
          {
            method: 'GET',
            path: /^\/api\/v1\.0\/job\//,
            seeds: seeds('get-job.response.json', 'get-job.old-exception.json', 'error.response.json'),
          },
        ],
        calls: [
          { name: 'listJobs', run: (a) => a.listJobs({ pageSize: 5 }), check: page },
          {
            name: 'listJobs page 2 filtered',
            run: (a) =>
              a.listJobs({
                pageSize: 3,
                cursor: 'l:2',
                filter: { states: ['failed', 'succeeded'], text: 'sync', owner: 'adm' },
                sort: { field: 'name', direction: 'asc' },
              }),
            check: page,
          },
          { name: 'getJob', run: (a) => a.getJob('45'), check: detail },
          { name: 'getTargets', run: (a) => a.getTargets('45'), check: targets },
        ],
      };
    case 'cdrouter':
      return {
        routes: [
          {
            method: 'GET',
            path: /^\/api\/v1\/jobs\/[^/?]+\//,
            seeds: seeds('get-job.response.json', 'get-job.404.json'),
          },
          { method: 'GET', path: /^\/api\/v1\/jobs\//, seeds: seeds('list-jobs.response.json') },
          {
            method: 'GET',
            path: /^\/api\/v1\/(packages|devices|configs)\//,
            seeds: [
              { data: [{ id: '1', name: 'dns', description: 'DNS tests' }, { id: 2 }], links: { total: 2, next: 0 } },
            ],
          },
          { method: 'POST', path: /bulk=launch/, seeds: seeds('bulk-launch.response.json') },
          { method: 'POST', path: /process=interfaces/, seeds: seeds('interfaces.response.json') },
          { method: 'POST', path: /bulk=delete/, seeds: [''] },
          { method: 'POST', path: /^\/api\/v1\/jobs\//, seeds: seeds('launch.response.json') },
          { method: 'POST', path: /^\/api\/v1\/results\//, seeds: ['', { timestamp: 'x' }] },
          { method: 'DELETE', path: /^\/api\/v1\/jobs\//, seeds: [''] },
        ],
        calls: [
          { name: 'listJobs', run: (a) => a.listJobs({ pageSize: 5, filter: { states: ['running'] } }), check: page },
          {
            name: 'listJobs (local states)',
            run: (a) =>
              a.listJobs({
                pageSize: 5,
                cursor: '2',
                filter: { states: ['running', 'failed'] },
                sort: { field: 'time', direction: 'desc' },
              }),
            check: page,
          },
          { name: 'getJob', run: (a) => a.getJob('1'), check: detail },
          { name: 'listChoices', run: (a) => a.listChoices('package'), check: choices },
          {
            name: 'previewInterfaces',
            run: (a) => a.previewInterfaces!({ kind: 'cdrouter', packageId: '58' }),
            check: choices,
          },
          {
            name: 'launch',
            write: true,
            writeMethod: 'POST',
            run: (a) => a.launch({ kind: 'cdrouter', packageId: '123', options: { tags: ['a'] } }),
            check: one,
          },
          {
            name: 'bulkLaunch',
            write: true,
            writeMethod: 'POST',
            run: (a) => a.bulkLaunch({ by: 'packages', jobs: [{ packageId: '1' }, { packageId: '2' }] }),
            check: many,
          },
          {
            name: 'stop',
            write: true,
            writeMethod: 'POST',
            run: (a) => a.stop(job('1', { result_id: '20160414111559' })),
            check: nothing,
          },
          { name: 'deleteJob', write: true, writeMethod: 'DELETE', run: (a) => a.deleteJob('7'), check: deleted('7') },
          {
            name: 'bulkDelete',
            write: true,
            writeMethod: 'POST',
            run: (a) => a.bulkDelete({ by: 'ids', ids: ['1', '2', '3'] }),
            check: bulk(['1', '2', '3']),
          },
        ],
      };
    case 'puppet-orchestrator':
      return {
        routes: [
          {
            method: 'GET',
            path: /\/jobs\/[^/?]+\/nodes/,
            seeds: seeds(
              'nodes.response.json',
              'nodes-failed.response.json',
              'nodes-running.response.json',
              'nodes-finished.response.json',
            ),
          },
          { method: 'GET', path: /\/jobs\/[^/?]+\/events/, seeds: seeds('events.page1.json', 'events.page2.json') },
          { method: 'GET', path: /\/jobs\/[^/?]+\/report/, seeds: seeds('report.response.json') },
          { method: 'GET', path: /\/jobs\/[^/?]+/, seeds: seeds('get-job.response.json', 'error.unknown-job.json') },
          { method: 'GET', path: /\/jobs/, seeds: seeds('list-jobs.response.json') },
          { method: 'POST', path: /\/command\/deploy/, seeds: seeds('deploy.response.json', 'error.validation.json') },
          { method: 'POST', path: /\/command\/stop/, seeds: seeds('stop.response.json') },
        ],
        calls: [
          { name: 'listJobs', run: (a) => a.listJobs({ pageSize: 5, filter: { text: 'deploy' } }), check: page },
          { name: 'getJob', run: (a) => a.getJob('1234'), check: detail },
          { name: 'getTargets', run: (a) => a.getTargets('1234'), check: targets },
          {
            name: 'getEvents (start)',
            run: (a) => a.getEvents('1234', undefined),
            check: (v) => checkEvents(v as Parameters<typeof checkEvents>[0]),
          },
          {
            name: 'getEvents (resume)',
            run: (a) => a.getEvents('1234', '5'),
            check: (v) => checkEvents(v as Parameters<typeof checkEvents>[0], 'events', 5),
          },
          {
            name: 'getReport',
            run: (a) => (a as PuppetOrchestratorAdapter).getReport('1234'),
            check: (v) => serializable(v, 'report'),
          },
          { name: 'listChoices', run: (a) => a.listChoices('environment'), check: choices },
          {
            name: 'launch',
            write: true,
            writeMethod: 'POST',
            run: (a) =>
              a.launch({
                kind: 'puppet-orchestrator',
                environment: 'production',
                scope: { nodes: ['web1'] },
                noop: true,
              }),
            check: one,
          },
          { name: 'stop', write: true, writeMethod: 'POST', run: (a) => a.stop(job('1234')), check: nothing },
        ],
      };
    case 'stack-jobs':
      return {
        routes: [
          { method: 'GET', path: /^\/jobs\/\?/, seeds: seeds('list-jobs.page1.json', 'list-jobs.page2.json') },
          { method: 'GET', path: /^\/jobs\/[^/?]+\//, seeds: seeds('get-job.response.json') },
          { method: 'GET', path: /^\/schedules\//, seeds: seeds('schedules.response.json') },
          { method: 'GET', path: /^\/stacks\//, seeds: seeds('stacks.response.json') },
          { method: 'POST', path: /^\/jobs\//, seeds: seeds('create.response.json') },
          { method: 'PUT', path: /^\/jobs\//, seeds: seeds('update.response.json') },
          {
            method: 'DELETE',
            path: /^\/jobs\//,
            seeds: seeds('delete-deleted.response.json', 'delete-queued.response.json'),
          },
        ],
        calls: [
          { name: 'listJobs', run: (a) => a.listJobs({ pageSize: 5 }), check: page },
          {
            name: 'listJobs filtered',
            run: (a) =>
              a.listJobs({
                pageSize: 4,
                cursor: '1:3',
                filter: { states: ['scheduled'] },
                sort: { field: 'state', direction: 'asc' },
              }),
            check: page,
          },
          { name: 'getJob', run: (a) => a.getJob('1'), check: detail },
          { name: 'listChoices', run: (a) => a.listChoices('schedule'), check: choices },
          {
            name: 'launch',
            write: true,
            writeMethod: 'POST',
            run: (a) => a.launch({ kind: 'stack-jobs', scheduleId: 2, stackId: 4, name: 'n' }),
            check: one,
          },
          {
            name: 'update',
            write: true,
            writeMethod: 'PUT',
            run: (a) => a.update('1', { enabled: false }),
            check: one,
          },
          { name: 'deleteJob', write: true, writeMethod: 'DELETE', run: (a) => a.deleteJob('3'), check: deleted('3') },
          {
            name: 'bulkDelete',
            write: true,
            writeMethod: 'DELETE',
            run: (a) => a.bulkDelete({ by: 'ids', ids: ['1', '2', '3'] }, { concurrency: 2 }),
            check: bulk(['1', '2', '3']),
            done: eachDeleted,
          },
        ],
      };
    case 'beacon':
      return {
        routes: [
          { method: 'GET', path: /^\/api\/jobs\/scheduled/, seeds: seeds('scheduled.response.json') },
          { method: 'GET', path: /^\/api\/jobs\/[^/?]+\/tasks/, seeds: seeds('tasks.response.json') },
          { method: 'GET', path: /^\/api\/jobs\/[^/?]+/, seeds: seeds('show-job.response.json') },
          { method: 'GET', path: /^\/api\/jobs/, seeds: seeds('list-jobs.response.json') },
          { method: 'POST', path: /^\/api\/jobs/, seeds: [...seeds('show-job.response.json'), { id: 104 }, {}] },
        ],
        calls: [
          {
            name: 'listJobs',
            run: (a) =>
              a.listJobs({
                pageSize: 2,
                cursor: '1',
                filter: { owner: 'alice' },
                sort: { field: 'time', direction: 'desc' },
              }),
            check: page,
          },
          { name: 'getJob', run: (a) => a.getJob('104'), check: detail },
          { name: 'listScheduled', run: (a) => a.listScheduled!(), check: (v) => serializable(v, 'scheduled') },
          { name: 'listChoices', run: (a) => a.listChoices('beacon'), check: choices },
          {
            name: 'launch',
            write: true,
            writeMethod: 'POST',
            run: (a) => a.launch({ kind: 'beacon', name: 'scan', tasks: [{ command: 'ls' }], queue: true }),
            check: one,
          },
          { name: 'update', write: true, writeMethod: 'POST', run: (a) => a.update('104', { curTask: 2 }), check: one },
          {
            name: 'workerAction end',
            write: true,
            writeMethod: 'POST',
            run: (a) => a.workerAction!('104', 'end', [{ status: 'ok' }]),
            check: one,
          },
        ],
      };
  }
}
