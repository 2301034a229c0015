// The job commands in a real extension host against the jobs emulator: every command on every
// dialect that supports it, called the way the detail panel and tests call them
// ({connection, jobId} / a spec, marked confirmed through Jobdeck's API), and checked at
// the emulator's request log (method, path, query, count) and in the emulator's state.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { confirmed, control, EMULATOR, requestLog, services, until, writes, type LogEntry } from './emulatorControl';
import type { BulkDeleteOutcome } from '../../src/client/adapter';
import type { Job, JobEvent, LaunchSpec } from '../../src/client/model';
import type { Services } from '../../src/extension/services';
import type { ConnectionStore } from '../../src/store/connectionStore';
import type { JobNode, TreeNode } from '../../src/views/jobs/nodes';

function query(e: LogEntry): URLSearchParams {
  return new URLSearchParams(e.query);
}

function raw(job: Job): Record<string, unknown> {
  return job.raw as Record<string, unknown>;
}

describe('Commands', function () {
  this.timeout(180_000);
  let s: Services;

  const store = (name: string): ConnectionStore => {
    const c = s.jobStore.get(name);
    assert.ok(c, `connection ${name}`);
    return c;
  };

  /** Loads a connection's jobs (all of them, for small dialects) and returns them. */
  /** The first `atLeast` jobs (stack jobs list 10 per page: more pages are loaded). */
  async function jobsOf(name: string, atLeast = 1): Promise<Job[]> {
    const c = store(name);
    // From the first page again: a poll refreshes only the first page, so rows loaded by an
    // earlier test on later pages may be stale (a "running" job that has finished since).
    await c.query(c.filter);
    for (let i = 0; i < 20 && c.jobs.length < atLeast && c.hasMore; i++) await c.loadMore();
    return c.jobs;
  }

  async function find(name: string, what: string, match: (j: Job) => boolean): Promise<Job> {
    const c = store(name);
    await c.query(c.filter);
    for (let i = 0; i < 20 && !c.jobs.some(match) && c.hasMore; i++) await c.loadMore();
    const job = c.jobs.find(match);
    assert.ok(job, `${name} has ${what}`);
    return job;
  }

  before(async () => {
    assert.ok(EMULATOR, 'the launcher passes JOBDECK_EMULATOR_URL');
    s = await services();
    await vscode.commands.executeCommand('jobdeck.jobs.focus');
    await until('the view to be visible', () => s.treeView.visible);
    for (const c of s.jobStore.all()) await c.refresh();
  });

  beforeEach(async () => {
    await control('DELETE', 'faults');
    await control('DELETE', 'log');
  });

  after(async () => {
    await control('DELETE', 'faults');
    await control('POST', 'resume');
  });

  describe('jobdeck.launchJob with {connection, spec}', () => {
    it('CDRouter: one POST /api/v1/jobs/, the options arrive, the job is selected in the tree and its panel opens', async () => {
      const pkg = (await store('demo-cdrouter').connection.adapter.listChoices('package'))[0];
      assert.ok(pkg, 'the emulator lists packages');
      const spec: LaunchSpec = {
        kind: 'cdrouter',
        packageId: pkg.id,
        options: { tags: ['it-launch', 'nightly'], skipTests: ['3'], extraCliArgs: '-testvar lanInterface=eth9' },
      };
      const job = await vscode.commands.executeCommand<Job>(
        'jobdeck.launchJob',
        confirmed({ connection: 'demo-cdrouter', spec }),
      );
      assert.ok(job, 'the command answers the job');
      assert.equal(job.state, 'pending');
      const posts = await writes('cdrouter');
      assert.deepEqual(
        posts.map((e) => [e.method, e.path.replace(/^\/cdrouter/, ''), e.query]),
        [['POST', '/api/v1/jobs/', '']],
      );
      const fresh = await store('demo-cdrouter').connection.adapter.getJob(job.id);
      assert.equal(raw(fresh).package_id, pkg.id);
      assert.deepEqual(
        (raw(fresh).options as { tags: string[] }).tags,
        ['it-launch', 'nightly'],
        'the body carried the tags',
      );
      assert.ok(store('demo-cdrouter').job(job.id), 'the store has the new job');
      const selected = await until('the new row to be selected', () =>
        s.treeView.selection.find((n: TreeNode) => n.type === 'job' && (n as JobNode).job.id === job.id),
      );
      assert.equal((selected as JobNode).connection.store.name, 'demo-cdrouter');
      await until('the panel', () => s.panels.get('demo-cdrouter', job.id));
    });

    it('Puppet, stack jobs and beacon: one write each to the right endpoint, and the job comes back', async () => {
      const env = (await store('demo-puppet').connection.adapter.listChoices('environment'))[0]?.id ?? 'production';
      const cases: {
        connection: string;
        dialect: string;
        spec: LaunchSpec;
        path: RegExp;
        query: string;
        check: (j: Job) => void;
      }[] = [
        {
          connection: 'demo-puppet',
          dialect: 'puppet-orchestrator',
          spec: {
            kind: 'puppet-orchestrator',
            environment: env,
            scope: { nodes: ['web1.example.net', 'web2.example.net'] },
            noop: true,
            description: 'integration',
          },
          path: /\/orchestrator\/v1\/command\/deploy$/,
          query: '',
          check: (j) => assert.match(j.summary ?? '', new RegExp(`deploy ${env}`)),
        },
        {
          connection: 'demo-stack',
          dialect: 'stack-jobs',
          spec: { kind: 'stack-jobs', scheduleId: 1, stackId: 1, name: 'it-stack-job', enabled: true },
          path: /\/stack-jobs\/jobs$/,
          query: '',
          check: (j) => assert.equal(j.name, 'it-stack-job'),
        },
        {
          connection: 'demo-beacon',
          dialect: 'beacon',
          spec: {
            kind: 'beacon',
            name: 'it-beacon-job',
            beaconName: 'beacon-1',
            tasks: [{ command: 'ping', args: ['10.0.0.1'] }],
            queue: true,
          },
          path: /\/api\/jobs$/,
          query: 'action=create',
          check: (j) => {
            assert.equal(j.name, 'it-beacon-job');
            assert.equal(j.rawState, 'queued', 'q=1 queued it');
          },
        },
      ];
      for (const c of cases) {
        await control('DELETE', 'log');
        const job = await vscode.commands.executeCommand<Job>(
          'jobdeck.launchJob',
          confirmed({ connection: c.connection, spec: c.spec, openPanel: false }),
        );
        assert.ok(job, `${c.connection}: the command answers the job`);
        c.check(job);
        const w = await writes(c.dialect);
        assert.equal(w.length, 1, `${c.connection}: exactly one write, got ${JSON.stringify(w)}`);
        assert.equal(w[0].method, 'POST');
        assert.match(w[0].path, c.path);
        assert.equal(w[0].query, c.query);
        assert.ok(store(c.connection).job(job.id), `${c.connection}: in the store`);
      }
    });

    it('refuses a dialect without launch, and a spec of another dialect, without sending anything', async () => {
      const none = await vscode.commands.executeCommand(
        'jobdeck.launchJob',
        confirmed({ connection: 'demo-cnaas', spec: { kind: 'cdrouter', packageId: '1' } }),
      );
      assert.equal(none, undefined);
      const wrong = await vscode.commands.executeCommand(
        'jobdeck.launchJob',
        confirmed({ connection: 'demo-cdrouter', spec: { kind: 'beacon', name: 'x', tasks: ['y'] } }),
      );
      assert.equal(wrong, undefined);
      assert.deepEqual(await writes('cnaas-nms'), []);
      assert.deepEqual(await writes('cdrouter'), []);
    });

    it('a failed launch answers nothing and is not retried', async () => {
      // Every CDRouter request fails while the launch runs: a `{next: 1}` fault could be used up
      // by a background poll before the POST arrives.
      await control('PUT', 'faults/cdrouter', { error503: 1 });
      let job: unknown;
      try {
        job = await vscode.commands.executeCommand(
          'jobdeck.launchJob',
          confirmed({ connection: 'demo-cdrouter', spec: { kind: 'cdrouter', packageId: '1' }, openPanel: false }),
        );
      } finally {
        await control('DELETE', 'faults/cdrouter');
      }
      assert.equal(job, undefined);
      const w = await writes('cdrouter');
      assert.equal(w.length, 1, 'one POST, no automatic retry of a write');
      assert.equal(w[0].status, 503);
    });
  });

  describe('jobdeck.bulkLaunch (CDRouter ?bulk=launch)', () => {
    it('by picked packages with tags, by filter and all: one request each', async () => {
      const pkgs = (await store('demo-cdrouter').connection.adapter.listChoices('package')).slice(0, 2);
      const jobs = await vscode.commands.executeCommand<Job[]>(
        'jobdeck.bulkLaunch',
        confirmed({
          connection: 'demo-cdrouter',
          spec: { by: 'packages', jobs: pkgs.map((p) => ({ packageId: p.id, tags: ['bulk-it'] })) },
        }),
      );
      assert.equal(jobs?.length, 2);
      assert.deepEqual(
        jobs.map((j) => raw(j).package_id),
        pkgs.map((p) => p.id),
      );
      assert.ok(
        jobs.every((j) => (raw(j).options as { tags?: string[] }).tags?.includes('bulk-it')),
        'tags reached the server',
      );
      let w = await writes('cdrouter');
      assert.equal(w.length, 1);
      assert.equal(query(w[0]).get('bulk'), 'launch');

      await control('DELETE', 'log');
      const byFilter = await vscode.commands.executeCommand<Job[]>(
        'jobdeck.bulkLaunch',
        confirmed({
          connection: 'demo-cdrouter',
          spec: { by: 'filter', filters: [`name~${pkgs[0].label.slice(0, 4)}`] },
        }),
      );
      assert.ok(byFilter && byFilter.length >= 1);
      w = await writes('cdrouter');
      assert.equal(w.length, 1);
      assert.deepEqual(query(w[0]).getAll('filter'), [`name~${pkgs[0].label.slice(0, 4)}`]);

      await control('DELETE', 'log');
      const all = await vscode.commands.executeCommand<Job[]>(
        'jobdeck.bulkLaunch',
        confirmed({ connection: 'demo-cdrouter', spec: { by: 'all', tags: ['every'] } }),
      );
      assert.ok(all && all.length >= pkgs.length);
      w = await writes('cdrouter');
      assert.equal(w.length, 1);
      assert.equal(query(w[0]).get('all'), 'true');
    });

    it('is refused where the dialect has no bulk launch', async () => {
      const r = await vscode.commands.executeCommand(
        'jobdeck.bulkLaunch',
        confirmed({ connection: 'demo-puppet', spec: { by: 'all' } }),
      );
      assert.equal(r, undefined);
      assert.deepEqual(await writes('puppet-orchestrator'), []);
    });
  });

  describe('jobdeck.deleteJob and jobdeck.bulkDelete', () => {
    it('CDRouter: 1,000 jobs go in exactly one ?bulk=delete request', async () => {
      const pkg = (await store('demo-cdrouter').connection.adapter.listChoices('package'))[0];
      const tl = Date.now();
      const launched = await vscode.commands.executeCommand<Job[]>(
        'jobdeck.bulkLaunch',
        confirmed({
          connection: 'demo-cdrouter',
          spec: { by: 'packages', jobs: Array.from({ length: 1000 }, () => ({ packageId: pkg.id })) },
        }),
      );
      assert.equal(launched?.length, 1000);
      assert.ok(Date.now() - tl < 20_000, `bulk launch of 1,000 took ${Date.now() - tl} ms`);
      await control('DELETE', 'log');
      const ids = launched.map((j) => j.id);
      const t0 = Date.now();
      const outcome = await vscode.commands.executeCommand<BulkDeleteOutcome>(
        'jobdeck.bulkDelete',
        confirmed({ connection: 'demo-cdrouter', jobIds: ids }),
      );
      assert.ok(outcome);
      assert.equal(outcome.requests, 1);
      assert.equal(outcome.deleted.length, 1000);
      assert.deepEqual(outcome.failed, []);
      assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
      const w = await writes('cdrouter');
      assert.deepEqual(
        w.map((e) => [e.method, query(e).get('bulk'), e.status]),
        [['POST', 'delete', 204]],
        'one request for 1,000 jobs',
      );
      // The tree keeps its few launched-but-unlisted jobs live and the panel its job: a read of
      // those may fall in this window. A delete that read its jobs one by one reads 1,000.
      const reads = (await requestLog('cdrouter')).filter((e) => /\/api\/v1\/jobs\/\d+\/$/.test(e.path));
      assert.ok(reads.length <= 6, `the delete read jobs one by one: ${reads.length} reads`);
      const c = store('demo-cdrouter');
      assert.ok(
        ids.every((id) => !c.job(id)),
        'gone from the tree',
      );
      await assert.rejects(c.connection.adapter.getJob(ids[500]), /not found/);
    });

    it('CDRouter: a single delete is DELETE /api/v1/jobs/<id>/, once', async () => {
      const pkg = (await store('demo-cdrouter').connection.adapter.listChoices('package'))[0];
      const job = await vscode.commands.executeCommand<Job>(
        'jobdeck.launchJob',
        confirmed({ connection: 'demo-cdrouter', spec: { kind: 'cdrouter', packageId: pkg.id }, openPanel: false }),
      );
      assert.ok(job);
      await control('DELETE', 'log');
      const outcome = await vscode.commands.executeCommand<BulkDeleteOutcome>(
        'jobdeck.deleteJob',
        confirmed({ connection: 'demo-cdrouter', jobId: job.id }),
      );
      assert.deepEqual(outcome?.deleted, [{ id: job.id, outcome: 'deleted' }]);
      const w = await writes('cdrouter');
      assert.deepEqual(
        w.map((e) => [e.method, e.path.replace(/^\/cdrouter/, '')]),
        [['DELETE', `/api/v1/jobs/${job.id}/`]],
      );
      assert.equal(store('demo-cdrouter').job(job.id), undefined);
    });

    it('CDRouter: by the current filter is one request with the filter', async () => {
      const c = store('demo-cdrouter');
      await c.query({ states: ['stopped'] });
      await control('DELETE', 'log');
      const outcome = await vscode.commands.executeCommand<BulkDeleteOutcome>(
        'jobdeck.bulkDelete',
        confirmed({ connection: 'demo-cdrouter', selection: { by: 'filter', filter: c.filter } }),
      );
      assert.ok(outcome);
      const w = await writes('cdrouter');
      assert.equal(w.length, 1);
      assert.deepEqual(query(w[0]).getAll('filter'), ['status=stopped']);
      await c.query(undefined);
    });

    it('stack jobs: bounded fan-out, "deleted" vs "queued for deletion", partial failure reported exactly, Retry Failed deletes nothing twice', async () => {
      const all = await jobsOf('demo-stack', 60);
      const active = all.filter((j) => j.state === 'scheduled').slice(0, 12);
      const inactive = all.filter((j) => j.state === 'disabled').slice(0, 4);
      assert.ok(active.length === 12 && inactive.length >= 2, 'the emulator has active and inactive stack jobs');
      const ids = [...active, ...inactive].map((j) => j.id);
      await control('PUT', 'faults/stack-jobs', { latency: 150, error500: { next: 3 } });
      const outcome = await vscode.commands.executeCommand<BulkDeleteOutcome>(
        'jobdeck.bulkDelete',
        confirmed({ connection: 'demo-stack', jobIds: ids }),
      );
      await control('DELETE', 'faults/stack-jobs');
      assert.ok(outcome);
      const deletes = (await requestLog('stack-jobs')).filter((e) => e.method === 'DELETE');
      assert.equal(deletes.length, ids.length, 'one DELETE per job');
      assert.equal(outcome.requests, ids.length);
      const failedIds = outcome.failed.map((f) => f.id).sort();
      assert.deepEqual(
        failedIds,
        deletes
          .filter((e) => e.status === 500)
          .map((e) => e.path.split('/').filter(Boolean).pop())
          .sort(),
        'exactly the jobs the server failed',
      );
      assert.ok(failedIds.length >= 1 && failedIds.length <= 3, `the injected failures (${failedIds.length})`);
      assert.ok(
        outcome.failed.every((f) => /server error \(HTTP 500\)/.test(f.message)),
        JSON.stringify(outcome.failed),
      );
      // Fan-out bounded at 8: no more than 8 requests were in flight at any moment.
      const spans = deletes.map((e) => ({ from: Date.parse(e.time), to: Date.parse(e.time) + e.ms }));
      const overlap = Math.max(...spans.map((a) => spans.filter((b) => b.from <= a.from && b.to > a.from).length));
      assert.ok(overlap <= 8 && overlap >= 2, `at most 8 at once, and more than one (saw ${overlap})`);

      const c = store('demo-stack');
      for (const d of outcome.deleted) {
        const wasActive = active.some((j) => j.id === d.id);
        assert.equal(d.outcome, wasActive ? 'queued' : 'deleted', `job ${d.id}`);
        if (wasActive) assert.equal(c.job(d.id)?.state, 'deleting', 'queued jobs stay, marked deleting');
        else assert.equal(c.job(d.id), undefined, 'deleted jobs leave the tree');
      }

      // Retry Failed: exactly the failed ones again.
      await control('DELETE', 'log');
      const retry = await vscode.commands.executeCommand<BulkDeleteOutcome>(
        'jobdeck.bulkDelete',
        confirmed({ connection: 'demo-stack', jobIds: failedIds }),
      );
      assert.deepEqual(retry?.failed, []);
      const again = (await requestLog('stack-jobs')).filter((e) => e.method === 'DELETE');
      assert.deepEqual(
        again.map((e) => e.path.split('/').filter(Boolean).pop()).sort(),
        failedIds,
        'only the failed jobs were sent again',
      );
    });

    it('stack jobs: a job queued for deletion but not active offers Delete Now, and DELETE removes it at once', async () => {
      const c = store('demo-stack');
      // The jobs queued for deletion, read afresh from the server (the filter scans the pages).
      const queuedJobs = async () => {
        await c.query({ states: ['deleting'] });
        return c.jobs;
      };
      try {
        const queued = (await queuedJobs()).find((j) => !j.deletableNow);
        assert.ok(queued, 'a job queued for deletion');
        assert.ok(!c.actions(queued).includes('delete'), 'queued and active: it goes at its next run');
        // Disabled after it was queued (do_run false, do_del true), as another client may do.
        const res = await fetch(`${c.url.replace(/\/$/, '')}/jobs/${queued.id}`, {
          method: 'PUT',
          headers: { Authorization: `Bearer ${process.env.JOBDECK_DEMO_TOKEN}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ enabled: false }),
        });
        assert.equal(res.status, 200, await res.text());
        const idle = (await queuedJobs()).find((j) => j.id === queued.id);
        assert.ok(idle && idle.state === 'deleting' && idle.deletableNow, JSON.stringify(idle));
        assert.ok(c.actions(idle).includes('deleteNow'));
        await control('DELETE', 'log');
        const outcome = await vscode.commands.executeCommand<BulkDeleteOutcome>(
          'jobdeck.deleteJobNow',
          confirmed({ connection: 'demo-stack', jobId: queued.id }),
        );
        assert.deepEqual(outcome?.deleted, [{ id: queued.id, outcome: 'deleted' }]);
        const deletes = (await requestLog('stack-jobs')).filter((e) => e.method === 'DELETE');
        assert.deepEqual(
          deletes.map((e) => [e.path.split('/').pop(), e.status]),
          [[queued.id, 200]],
        );
        assert.equal(c.job(queued.id), undefined, 'gone from the tree');
        const gone = await fetch(`${c.url.replace(/\/$/, '')}/jobs/${queued.id}`, {
          headers: { Authorization: `Bearer ${process.env.JOBDECK_DEMO_TOKEN}` },
        });
        assert.equal(gone.status, 404, 'gone at the server');
      } finally {
        await c.query(undefined);
      }
    });

    it('"finished older than N days" deletes only finished jobs that ended before the cutoff', async () => {
      const c = store('demo-cdrouter');
      // The emulator's jobs ended within the last hours: half an hour is "old" here.
      const days = 0.02;
      const outcome = await vscode.commands.executeCommand<BulkDeleteOutcome>(
        'jobdeck.bulkDelete',
        confirmed({ connection: 'demo-cdrouter', selection: { by: 'olderThan', days } }),
      );
      assert.ok(outcome && outcome.deleted.length > 0, 'the emulator has old finished jobs');
      const w = await writes('cdrouter');
      assert.equal(w.length, 1, 'CDRouter: still one request');
      assert.equal(outcome.requests, 1);
      await c.refresh();
      const cutoff = Date.now() - days * 86_400_000;
      const left = await c.connection.adapter.listJobs({
        pageSize: 1000,
        filter: { states: ['succeeded', 'failed', 'stopped'] },
      });
      assert.ok(
        left.items.every((j) => (j.finishedAt ?? 0) >= cutoff - 60_000),
        'no old finished job is left',
      );
    });

    it('is refused where the dialect cannot delete', async () => {
      const job = (await jobsOf('demo-puppet'))[0];
      const r = await vscode.commands.executeCommand(
        'jobdeck.deleteJob',
        confirmed({ connection: 'demo-puppet', jobId: job.id }),
      );
      assert.equal(r, undefined);
      assert.deepEqual(await writes('puppet-orchestrator'), []);
    });
  });

  describe('jobdeck.stopJob', () => {
    afterEach(() => control('POST', 'resume'));

    it('Puppet: POST /command/stop with the job name, then the job reads stopping or stopped', async () => {
      // The clock stands still: the running job must not finish between being found and stopped.
      await control('POST', 'pause');
      const job = await find('demo-puppet', 'a running job', (j) => j.state === 'running');
      const r = await vscode.commands.executeCommand<{ stopped: string[] }>(
        'jobdeck.stopJob',
        confirmed({ connection: 'demo-puppet', jobId: job.id }),
      );
      assert.deepEqual(r?.stopped, [job.id]);
      const w = await writes('puppet-orchestrator');
      assert.equal(w.length, 1);
      assert.match(w[0].path, /\/orchestrator\/v1\/command\/stop$/);
      // The emulator enters "stopping" a moment after the stop: the clock moves on by a second,
      // and the list is read again.
      await control('POST', 'step', { ms: 1000 });
      await store('demo-puppet').refresh();
      assert.ok(
        ['stopping', 'stopped'].includes(store('demo-puppet').job(job.id)?.state ?? ''),
        store('demo-puppet').job(job.id)?.state,
      );
    });

    it('CDRouter: through the job’s result; stack jobs: disable (PUT enabled=false)', async () => {
      // The clock stands still: the running job must not complete between being found and stopped.
      await control('POST', 'pause');
      const cdr = await find(
        'demo-cdrouter',
        'a running job',
        (j) => j.state === 'running' && Boolean(raw(j).result_id),
      );
      await vscode.commands.executeCommand(
        'jobdeck.stopJob',
        confirmed({ connection: 'demo-cdrouter', jobId: cdr.id }),
      );
      const w = await writes('cdrouter');
      assert.deepEqual(
        w.map((e) => [e.method, e.path.replace(/^\/cdrouter/, '')]),
        [['POST', `/api/v1/results/${String(raw(cdr).result_id)}/stop/`]],
      );
      const after = store('demo-cdrouter').job(cdr.id);
      assert.ok(
        ['stopping', 'stopped'].includes(after?.state ?? ''),
        `job ${cdr.id} after the stop: ${after ? `${after.state} (${after.rawState})` : 'not in the list'}`,
      );

      const stack = await find('demo-stack', 'a scheduled job', (j) => j.state === 'scheduled');
      await vscode.commands.executeCommand('jobdeck.stopJob', confirmed({ connection: 'demo-stack', jobId: stack.id }));
      const sw = await writes('stack-jobs');
      assert.deepEqual(
        sw.map((e) => [e.method, e.path.replace(/^\/stack-jobs/, '')]),
        [['PUT', `/jobs/${stack.id}`]],
      );
      assert.equal(store('demo-stack').job(stack.id)?.state, 'disabled');
    });

    it('is refused for a finished job and for a dialect without stop', async () => {
      const done = await find('demo-cdrouter', 'a finished job', (j) => j.state === 'succeeded');
      assert.equal(
        await vscode.commands.executeCommand(
          'jobdeck.stopJob',
          confirmed({ connection: 'demo-cdrouter', jobId: done.id }),
        ),
        undefined,
      );
      const beacon = await find('demo-beacon', 'a running job', (j) => j.state === 'running');
      assert.equal(
        await vscode.commands.executeCommand(
          'jobdeck.stopJob',
          confirmed({ connection: 'demo-beacon', jobId: beacon.id }),
        ),
        undefined,
      );
      assert.deepEqual(await writes('cdrouter'), []);
      assert.deepEqual(await writes('beacon'), []);
    });
  });

  describe('relaunch, enable/disable, worker actions, copy id, open in browser', () => {
    it('jobdeck.relaunch launches the same package with the same options', async () => {
      const orig = await find(
        'demo-cdrouter',
        'a finished job with a package',
        (j) => j.state === 'succeeded' && Boolean(raw(j).package_id),
      );
      const job = await vscode.commands.executeCommand<Job>(
        'jobdeck.relaunch',
        confirmed({ connection: 'demo-cdrouter', jobId: orig.id }),
      );
      assert.ok(job && job.id !== orig.id);
      assert.equal(raw(job).package_id, raw(orig).package_id);
      const w = await writes('cdrouter');
      assert.deepEqual(
        w.map((e) => [e.method, e.path.replace(/^\/cdrouter/, ''), e.query]),
        [['POST', '/api/v1/jobs/', '']],
      );
    });

    it('stack jobs: enable and disable are PUT /jobs/<id>', async () => {
      const job = await find('demo-stack', 'a disabled job', (j) => j.state === 'disabled');
      const on = await vscode.commands.executeCommand<Job[]>(
        'jobdeck.enableJob',
        confirmed({ connection: 'demo-stack', jobId: job.id }),
      );
      assert.equal(on?.[0].state, 'scheduled');
      const off = await vscode.commands.executeCommand<Job[]>(
        'jobdeck.disableJob',
        confirmed({ connection: 'demo-stack', jobId: job.id }),
      );
      assert.equal(off?.[0].state, 'disabled');
      const w = await writes('stack-jobs');
      assert.deepEqual(
        w.map((e) => [e.method, e.path.replace(/^\/stack-jobs/, '')]),
        [
          ['PUT', `/jobs/${job.id}`],
          ['PUT', `/jobs/${job.id}`],
        ],
      );
    });

    it('beacon: disable/enable a scheduled job through action=update (schedule_active)', async () => {
      const adapter = store('demo-beacon').connection.adapter;
      const name = `it-scheduled-${Date.now()}`;
      const job = await vscode.commands.executeCommand<Job>(
        'jobdeck.launchJob',
        confirmed({
          connection: 'demo-beacon',
          spec: {
            kind: 'beacon',
            name,
            tasks: ['report'],
            schedule: { min: '0', hour: '2', dom: '*', dow: '*', month: '*' },
          },
          openPanel: false,
        }),
      );
      assert.ok(job);
      const active = async () => (await adapter.listScheduled!()).find((j) => j.name === name)?.active;
      assert.equal(await active(), true, 'schedule=1 scheduled it');
      await control('DELETE', 'log');
      await vscode.commands.executeCommand(
        'jobdeck.disableJob',
        confirmed({ connection: 'demo-beacon', jobId: job.id }),
      );
      assert.equal(await active(), false);
      await vscode.commands.executeCommand(
        'jobdeck.enableJob',
        confirmed({ connection: 'demo-beacon', jobId: job.id }),
      );
      assert.equal(await active(), true);
      const w = await writes('beacon');
      assert.deepEqual(
        w.map((e) => [e.method, e.path.replace(/^\/beacon/, ''), query(e).get('action')]),
        [
          ['POST', `/api/jobs/${job.id}`, 'update'],
          ['POST', `/api/jobs/${job.id}`, 'update'],
        ],
      );
    });

    it('beacon worker actions: pickup, start, end with results move a job through its lifecycle', async () => {
      const job = await vscode.commands.executeCommand<Job>(
        'jobdeck.launchJob',
        confirmed({
          connection: 'demo-beacon',
          // Not queued: no simulated beacon takes it, it waits for these worker calls.
          spec: { kind: 'beacon', name: 'it-worker', tasks: [{ command: 'a' }, { command: 'b' }] },
          openPanel: false,
        }),
      );
      assert.ok(job);
      await control('DELETE', 'log');
      const picked = await vscode.commands.executeCommand<Job>(
        'jobdeck.workerAction',
        confirmed({ connection: 'demo-beacon', jobId: job.id, action: 'pickup' }),
      );
      assert.equal(picked?.rawState, 'picked up');
      const started = await vscode.commands.executeCommand<Job>(
        'jobdeck.workerAction',
        confirmed({ connection: 'demo-beacon', jobId: job.id, action: 'start' }),
      );
      assert.equal(started?.rawState, 'running');
      const ended = await vscode.commands.executeCommand<Job>(
        'jobdeck.workerAction',
        confirmed({
          connection: 'demo-beacon',
          jobId: job.id,
          action: 'end',
          results: [{ status: 'ok' }, { status: 'failed', error: 'b broke' }],
        }),
      );
      assert.equal(ended?.state, 'failed');
      const w = await writes('beacon');
      assert.deepEqual(
        w.map((e) => query(e).get('action')),
        ['pickup', 'start', 'end'],
      );
      assert.equal(store('demo-beacon').job(job.id)?.state, 'failed');
    });

    it('jobdeck.copyJobId puts the id on the clipboard', async () => {
      const job = (await jobsOf('demo-puppet'))[0];
      const text = await vscode.commands.executeCommand<string>('jobdeck.copyJobId', {
        connection: 'demo-puppet',
        jobId: job.id,
      });
      assert.equal(text, job.id);
      assert.equal(await vscode.env.clipboard.readText(), job.id);
    });

    it('jobdeck.openInBrowser opens the web page where the dialect has one', async () => {
      const job = await find('demo-cdrouter', 'a job with a result', (j) => Boolean(raw(j).result_id));
      const urls = await vscode.commands.executeCommand<string[]>('jobdeck.openInBrowser', {
        connection: 'demo-cdrouter',
        jobId: job.id,
      });
      assert.equal(urls?.length, 1);
      assert.match(urls[0], new RegExp(`/results/${String(raw(job).result_id)}$`));
      const cnaas = (await jobsOf('demo-cnaas'))[0];
      assert.equal(
        await vscode.commands.executeCommand('jobdeck.openInBrowser', { connection: 'demo-cnaas', jobId: cnaas.id }),
        undefined,
      );
    });
  });

  describe('jobdeck.tailEvents and jobdeck.stopTailing', () => {
    afterEach(async () => {
      await s.tails.stopAll();
      await control('POST', 'resume');
    });

    it('Puppet: follows thousands of events through an emulator restart with no gap and no duplicate', async () => {
      // The clock stands still so the job keeps running while the test emits its events.
      await control('POST', 'pause');
      const job = await find('demo-puppet', 'a running job', (j) => j.state === 'running');
      const got: JobEvent[] = [];
      const listener = (session: { connection: string; jobId: string }, events: JobEvent[]) => {
        if (session.connection === 'demo-puppet' && session.jobId === job.id) got.push(...events);
      };
      s.tails.on('events', listener);
      try {
        const started = await vscode.commands.executeCommand<{ connection: string; jobId: string }[]>(
          'jobdeck.tailEvents',
          { connection: 'demo-puppet', jobId: job.id },
        );
        assert.deepEqual(started, [{ connection: 'demo-puppet', jobId: job.id }]);
        const session = s.tails.get('demo-puppet', job.id);
        assert.ok(session);
        assert.equal(session.follower.mode, 'events');
        await until('the events so far', () => got.length > 0);
        const first = (await control('POST', 'puppet/emit', { job: job.id, count: 2000 })) as { last: number };
        await until('half of them', () => got.length >= first.last / 2, 30_000);
        await control('POST', 'restart', { downMs: 1500 });
        await new Promise((r) => setTimeout(r, 200));
        const last = (await until('the emulator to be back', async () => {
          try {
            return (await control('POST', 'puppet/emit', { job: job.id, count: 2000 })) as { last: number };
          } catch {
            return undefined;
          }
        })) as { last: number };
        await until('every event', () => got.length >= last.last, 60_000);
        // Two more polls answered after the last event: had the server more, they would have brought it.
        const jobPolls = async () =>
          (await requestLog('puppet-orchestrator')).filter((e) => e.path.endsWith(`/jobs/${job.id}/events`)).length;
        const polled = await jobPolls();
        await until('two more polls', async () => (await jobPolls()) >= polled + 2, 30_000);
        const ids = got.map((e) => Number(e.id));
        assert.equal(ids.length, last.last, 'no duplicate and nothing extra');
        assert.ok(
          ids.every((id, i) => id === i + 1),
          'no gap: ids 1…N in order',
        );
        assert.ok(
          got.some((e) => e.node && e.message),
          'events carry node and message',
        );
        const log = (await requestLog('puppet-orchestrator')).filter((e) => e.path.endsWith(`/jobs/${job.id}/events`));
        assert.ok(log.length >= 2);
        assert.ok(
          log.every((e) => e.status === 200 || e.status === 0),
          'the restart dropped requests; no error answers',
        );
        assert.ok(
          s.tails.all().some((t) => t.jobId === job.id),
          'still following (the job is running)',
        );

        const stopped = await vscode.commands.executeCommand<number>('jobdeck.stopTailing', {
          connection: 'demo-puppet',
          jobId: job.id,
        });
        assert.equal(stopped, 1);
        assert.equal(s.tails.get('demo-puppet', job.id), undefined);
        const count = await jobPolls();
        // Another running job tailed at the same pace: once it has polled three times, the
        // stopped tail would have polled too. At most the request in flight at stop (aborted,
        // logged by the emulator when its response closes) comes after.
        const other = await find('demo-puppet', 'another running job', (j) => j.state === 'running' && j.id !== job.id);
        const otherPolls = async () =>
          (await requestLog('puppet-orchestrator')).filter((e) => e.path.endsWith(`/jobs/${other.id}/events`)).length;
        await vscode.commands.executeCommand('jobdeck.tailEvents', { connection: 'demo-puppet', jobId: other.id });
        await until('three polls of the other tail', async () => (await otherPolls()) >= 3, 30_000);
        assert.ok((await jobPolls()) <= count + 1, `${(await jobPolls()) - count} polls after stop`);
      } finally {
        s.tails.off('events', listener);
      }
    });

    it('two jobs of one connection share one tail channel, each line with one time', async () => {
      await control('POST', 'pause');
      const c = store('demo-puppet');
      await c.query(c.filter);
      for (let i = 0; i < 20 && c.jobs.filter((j) => j.state === 'running').length < 2 && c.hasMore; i++)
        await c.loadMore();
      const [a, b] = c.jobs.filter((j) => j.state === 'running');
      assert.ok(a && b, 'two running Puppet jobs');
      const before = s.tailOutput.channelNames().length;
      const got = new Map<string, number>();
      const listener = (session: { connection: string; jobId: string }, events: JobEvent[]) => {
        if (session.connection === 'demo-puppet') got.set(session.jobId, (got.get(session.jobId) ?? 0) + events.length);
      };
      s.tails.on('events', listener);
      try {
        await vscode.commands.executeCommand('jobdeck.tailEvents', { connection: 'demo-puppet', jobId: a.id });
        await vscode.commands.executeCommand('jobdeck.tailEvents', { connection: 'demo-puppet', jobId: b.id });
        await until('events of both jobs', () => (got.get(a.id) ?? 0) > 0 && (got.get(b.id) ?? 0) > 0, 30_000);
        const names = s.tailOutput.channelNames();
        assert.deepEqual(
          names.filter((n) => n.includes('demo-puppet')),
          ['Jobdeck Tail: demo-puppet'],
        );
        assert.ok(names.length <= before + 1, `${names.length - before} new channels for two tails`);
        // A plain channel: a LogOutputChannel would stamp its own time in front of the event's.
        const channel = s.tailOutput.channel('demo-puppet') as unknown as Record<string, unknown>;
        assert.ok(channel, 'the connection has a channel');
        assert.equal(typeof channel.info, 'undefined', 'not a LogOutputChannel');
        const [major, minor] = vscode.version.split('.').map(Number);
        // VS Code 1.93 (the floor) gives extensions no documents of the Output panel: there the
        // lines are read by the UI layer (commands.test.mjs reads the panel).
        if (major === 1 && minor < 100) return;
        const doc = await until('the channel as a document', () =>
          vscode.workspace.textDocuments.find(
            (d) =>
              d.uri.scheme === 'output' && d.getText().includes(`job ${a.id} `) && d.getText().includes(`job ${b.id} `),
          ),
        );
        const lines = doc.getText().split('\n').filter(Boolean);
        for (const id of [a.id, b.id])
          assert.ok(
            lines.some((l) => l.includes(`job ${id} [`)),
            `an event line of job ${id}`,
          );
        for (const l of lines)
          assert.match(l, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \[(info|warning|error)\] job \S+ (?!\d{4}-\d\d-\d\d)/, l);
      } finally {
        s.tails.off('events', listener);
      }
    });

    it('CNaaS (no events API): derives events from state changes by polling, and ends with the job', async () => {
      await control('POST', 'resume');
      const job = await find('demo-cnaas', 'a running job', (j) => j.state === 'running');
      const got: JobEvent[] = [];
      const ended = new Promise<string>((resolve) =>
        s.tails.on('ended', (session, end) => {
          if (session.jobId === job.id && session.connection === 'demo-cnaas') resolve(end.reason);
        }),
      );
      s.tails.on('events', (session, events) => {
        if (session.jobId === job.id && session.connection === 'demo-cnaas') got.push(...events);
      });
      await vscode.commands.executeCommand('jobdeck.tailEvents', { connection: 'demo-cnaas', jobId: job.id });
      assert.equal(s.tails.get('demo-cnaas', job.id)?.follower.mode, 'derived');
      await until('the first events', () => got.length > 0);
      assert.equal(got[0].message, `Job ${job.rawState}`);
      // Speed the emulator up so the job ends.
      await control('POST', 'speed', { speed: 2000 });
      try {
        assert.equal(
          await Promise.race([ended, new Promise((r) => setTimeout(() => r('timeout'), 60_000))]),
          'finished',
        );
      } finally {
        await control('POST', 'speed', { speed: 10 });
      }
      const ids = got.map((e) => Number(e.id));
      assert.deepEqual(
        ids,
        ids.map((_, i) => i + 1),
        'increasing, no duplicates',
      );
      assert.match(got[got.length - 1].message, /^Job (FINISHED|EXCEPTION|ABORTED)/);
    });
  });
});
