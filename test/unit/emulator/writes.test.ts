import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/index';
import { bearer, call, formInit, jsonInit, startFrozen, xauth } from './harness';

describe('emulator writes change state', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startFrozen({ jobs: 40 });
  });
  afterEach(() => emu.stop());

  describe('CDRouter', () => {
    const jobs = () => `${emu.urls.cdrouter}/api/v1/jobs/`;
    const list = async (q = 'limit=1000') => (await call(`${jobs()}?${q}`, { headers: bearer() })).json();

    it('launch returns a pending job that later reads see; delete removes it (204, then 404)', async () => {
      const r = await call(
        jobs(),
        jsonInit(
          'POST',
          {
            package_id: '1034',
            device_id: '12',
            config_id: '34',
            options: {
              tags: ['one', 'two'],
              skip_tests: ['cdrouter_basic_1'],
              begin_at: 'cdrouter_nat_1',
              end_at: '',
              extra_cli_args: '',
            },
          },
          bearer(),
        ),
      );
      assert.equal(r.status, 200);
      const job = r.json().data;
      assert.equal(job.status, 'pending');
      assert.equal(job.id, '41');
      assert.equal(job.package_name, 'dns');
      assert.equal(job.device_name, 'Device Foo');
      assert.deepEqual(job.options.tags, ['one', 'two']);
      assert.equal((await list()).links.total, 41);
      const got = (await call(`${jobs()}41/`, { headers: bearer() })).json().data;
      assert.equal(got.package_id, '1034');
      const del = await call(`${jobs()}41/`, { method: 'DELETE', headers: bearer() });
      assert.equal(del.status, 204);
      assert.equal(del.text, '');
      const gone = await call(`${jobs()}41/`, { headers: bearer() });
      assert.equal(gone.status, 404);
      assert.deepEqual(gone.json(), { error: 'no such job' });
      const unknown = await call(jobs(), jsonInit('POST', { package_id: '999999' }, bearer()));
      assert.equal(unknown.status, 404);
    });

    it('bulk launch by a jobs list, by filter and all=true; a bare list and bulk=edit are refused', async () => {
      const a = await call(
        `${jobs()}?bulk=launch`,
        jsonInit(
          'POST',
          { jobs: [{ package_id: '1027' }, { package_id: '1034', options: { tags: ['red'] } }] },
          bearer(),
        ),
      );
      assert.equal(a.status, 200);
      assert.deepEqual(
        a.json().data.map((j: any) => [j.id, j.status]),
        [
          ['41', 'pending'],
          ['42', 'pending'],
        ],
      );
      assert.deepEqual(a.json().data[1].options.tags, ['red']);
      // cdrouter.py always sends {jobs: [...]}; the doc's one `bulk=edit` launch is a slip.
      assert.equal(
        (await call(`${jobs()}?bulk=launch`, jsonInit('POST', [{ package_id: '1027' }], bearer()))).status,
        400,
      );
      assert.equal(
        (await call(`${jobs()}?bulk=edit&filter=name~DHCP`, jsonInit('POST', { fields: {} }, bearer()))).status,
        400,
      );
      const f = await call(
        `${jobs()}?bulk=launch&filter=name~DHCP`,
        jsonInit('POST', { fields: { options: { tags: ['monday'] } } }, bearer()),
      );
      const launched = f.json().data as any[];
      assert.ok(launched.length >= 2);
      assert.ok(launched.every((j) => /dhcp/i.test(j.package_name) && j.options.tags[0] === 'monday'));
      const all = await call(`${jobs()}?bulk=launch&all=true`, jsonInit('POST', { fields: {} }, bearer()));
      assert.equal(all.json().data.length, 24);
      assert.equal((await list()).links.total, 40 + 2 + launched.length + 24);
    });

    it("bulk delete by ids, by filter, and all=true spares running jobs; the doc's trailing comma and a bare list are 400s", async () => {
      const comma = await call(`${jobs()}?bulk=delete`, {
        method: 'POST',
        headers: { ...bearer(), 'Content-Type': 'application/json' },
        body: '{"jobs": [{ "id": "1" }, { "id": "2" }, { "id": "3" },]}',
      });
      assert.equal(comma.status, 400, 'a real server refuses the doc example as printed');
      assert.equal((await call(`${jobs()}?bulk=delete`, jsonInit('POST', [{ id: '4' }], bearer()))).status, 400);
      assert.equal((await list()).links.total, 40, 'neither deleted anything');
      const r1 = await call(
        `${jobs()}?bulk=delete`,
        jsonInit('POST', { jobs: [{ id: '1' }, { id: '2' }, { id: '3' }, { id: '4' }] }, bearer()),
      );
      assert.equal(r1.status, 204);
      let ids = (await list()).data.map((j: any) => j.id);
      assert.ok(!['1', '2', '3', '4'].some((x) => ids.includes(x)));
      assert.equal(ids.length, 36);
      const dnsBefore = (await list('limit=1000&filter=package_name~dns')).links.total;
      assert.ok(dnsBefore > 0);
      assert.equal(
        (await call(`${jobs()}?bulk=delete&filter=package_name~dns`, { method: 'POST', headers: bearer() })).status,
        204,
      );
      assert.equal((await list('limit=1000&filter=package_name~dns')).links.total, 0);
      const runningBefore = (await list('limit=1000')).data.filter(
        (j: any) => j.status === 'running' || j.status === 'paused',
      ).length;
      assert.ok(runningBefore >= 1);
      assert.equal((await call(`${jobs()}?bulk=delete&all=true`, { method: 'POST', headers: bearer() })).status, 204);
      ids = (await list()).data.map((j: any) => j.status);
      assert.equal(ids.length, runningBefore);
      assert.ok(ids.every((s: string) => s === 'running' || s === 'paused'));
    });

    it('a stop reaches every running job sharing the result id (launched in the same second), and not finished ones', async () => {
      const launched = (
        await call(
          `${jobs()}?bulk=launch`,
          jsonInit('POST', { jobs: [{ package_id: '1027' }, { package_id: '1034' }] }, bearer()),
        )
      ).json().data as any[];
      emu.control.step(5_001);
      const read = async (id: string) => (await call(`${jobs()}${id}/`, { headers: bearer() })).json().data;
      const [a, b] = await Promise.all(launched.map((j) => read(j.id)));
      assert.deepEqual([a.status, b.status], ['running', 'running']);
      assert.equal(a.result_id, b.result_id, 'started in the same second: one result id');
      const finished = (await list('limit=1000&filter=status=completed')).data[0];
      const stop = await call(`${emu.urls.cdrouter}/api/v1/results/${a.result_id}/stop/`, {
        method: 'POST',
        headers: bearer(),
      });
      assert.equal(stop.status, 204);
      assert.deepEqual(
        (await Promise.all(launched.map((j) => read(j.id)))).map((j) => j.status),
        ['stopped', 'stopped'],
      );
      const again = await call(`${emu.urls.cdrouter}/api/v1/results/${a.result_id}/stop/`, {
        method: 'POST',
        headers: bearer(),
      });
      assert.equal(again.status, 400, 'nothing left running under that id');
      assert.ok(finished?.result_id);
      assert.equal(
        (
          await call(`${emu.urls.cdrouter}/api/v1/results/${finished.result_id}/stop/`, {
            method: 'POST',
            headers: bearer(),
          })
        ).status,
        400,
      );
      assert.equal((await read(finished.id)).status, 'completed');
    });

    it('stop through the result id; interfaces preview', async () => {
      const running = (await list('limit=1000&filter=status=running')).data[0];
      assert.ok(running?.result_id);
      const stop = await call(`${emu.urls.cdrouter}/api/v1/results/${running.result_id}/stop/`, {
        method: 'POST',
        headers: bearer(),
      });
      assert.equal(stop.status, 204);
      const after = (await call(`${jobs()}${running.id}/`, { headers: bearer() })).json().data;
      assert.equal(after.status, 'stopped');
      assert.equal(after.active, false);
      const none = await call(`${emu.urls.cdrouter}/api/v1/results/19990101000000/stop/`, {
        method: 'POST',
        headers: bearer(),
      });
      assert.equal(none.status, 404);
      const ifs = (
        await call(
          `${jobs()}?process=interfaces`,
          jsonInit('POST', { package_id: '1027', options: { extra_cli_args: '-testvar lanInterface=eth2' } }, bearer()),
        )
      ).json();
      assert.equal(ifs.data[0].value, 'eth2');
      assert.ok(ifs.data.every((x: any) => typeof x.is_wireless === 'boolean' && typeof x.is_ics === 'boolean'));
      const pk = (
        await call(`${emu.urls.cdrouter}/api/v1/packages/?limit=5&filter=name~dns`, { headers: bearer() })
      ).json();
      assert.ok(pk.data.length >= 2 && pk.data.every((p: any) => /dns/i.test(p.name) && typeof p.id === 'string'));
      assert.equal(pk.links.total, pk.data.length);
      for (const what of ['devices', 'configs']) {
        const c = (await call(`${emu.urls.cdrouter}/api/v1/${what}/`, { headers: bearer() })).json();
        assert.ok(c.data.length >= 3 && c.data.every((x: any) => x.id && x.name));
      }
    });
  });

  describe('Puppet', () => {
    const base = () => `${emu.urls['puppet-orchestrator']}/orchestrator/v1`;
    it('deploy creates a job; stop moves it to stopping then stopped, skipping nodes not started', async () => {
      const nodes = Array.from({ length: 12 }, (_, k) => `node${k}.example.com`);
      const d = await call(
        `${base()}/command/deploy`,
        jsonInit(
          'POST',
          { environment: 'production', scope: { nodes }, concurrency: 2, description: 'test run' },
          xauth(),
        ),
      );
      assert.equal(d.status, 202);
      const { id, name } = d.json().job;
      assert.equal(id, `${base()}/jobs/${name}`);
      emu.control.step(3_500);
      const stop = await call(`${base()}/command/stop`, jsonInit('POST', { job: name }, xauth()));
      assert.equal(stop.status, 202);
      assert.equal(stop.json().job.name, name);
      assert.equal(stop.json().job.nodes.skipped, 10);
      assert.equal(stop.json().job.nodes.running, 2);
      // The list item has state and node_states (the detail, as in the seed, has neither).
      const item = async () =>
        (
          (await call(`${base()}/jobs?limit=1&order_by=name&order=desc`, { headers: xauth() })).json().items as any[]
        )[0];
      emu.control.step(1);
      let j = await item();
      assert.equal(j.name, name);
      assert.equal(j.state, 'stopping');
      emu.control.step(600_000);
      j = await item();
      assert.equal(j.state, 'stopped');
      assert.deepEqual(j.node_states, { finished: 2, skipped: 10 });
      const history = (await call(`${base()}/jobs/${name}`, { headers: xauth() }))
        .json()
        .status.map((x: any) => x.state);
      assert.deepEqual(history.slice(-2), ['stopping', 'stopped']);
      const nodesRes = (await call(`${base()}/jobs/${name}/nodes`, { headers: xauth() })).json();
      assert.equal(nodesRes.items.filter((n: any) => n.state === 'skipped').length, 10);
      const unknown = await call(`${base()}/command/stop`, jsonInit('POST', { job: '999999' }, xauth()));
      assert.equal(unknown.status, 404);
      assert.equal(unknown.json().kind, 'puppetlabs.orchestrator/unknown-job');
      const bad = await call(`${base()}/command/deploy`, jsonInit('POST', { scope: { nodes } }, xauth()));
      assert.equal(bad.status, 400);
      assert.equal(bad.json().kind, 'puppetlabs.orchestrator/validation-error');
    });
  });

  describe('stack-jobs', () => {
    const url = (p: string) => `${emu.urls['stack-jobs']}${p}`;
    it('create → {id}; PUT updates only what is sent and returns the job with owner', async () => {
      const c = await call(
        url('/jobs'),
        jsonInit('POST', { schedule_id: 2, stack_id: 3, name: 'my backup', enabled: true }, bearer()),
      );
      assert.equal(c.status, 201);
      const { id } = c.json();
      assert.equal(id, 41);
      const got = (await call(url(`/jobs/${id}`), { headers: bearer() })).json();
      assert.deepEqual(
        { ...got, next_run: undefined },
        { id: 41, name: 'my backup', stack: 3, schedule: 2, next_run: undefined, do_run: true, do_del: false },
      );
      assert.match(got.next_run, /^\d{4}-\d\d-\d\dT02:00:00Z$/);
      const byName = (await call(url('/jobs/my%20backup'), { headers: bearer() })).json();
      assert.equal(byName.id, 41);
      // The seed's form only: a trailing slash is not routed, for reads and writes alike.
      for (const [method, path] of [
        ['GET', '/jobs/'],
        ['GET', `/jobs/${id}/`],
        ['PUT', `/jobs/${id}/`],
        ['DELETE', `/jobs/${id}/`],
        ['POST', '/jobs/'],
        ['GET', '/jobs//1'],
      ]) {
        const r = await call(
          url(path),
          method === 'GET' || method === 'DELETE'
            ? { method, headers: bearer() }
            : jsonInit(method, { enabled: true }, bearer()),
        );
        assert.equal(r.status, 404, `${method} ${path}`);
      }
      assert.equal(
        (await call(url(`/jobs/${id}`), { headers: bearer() })).json().do_run,
        true,
        'the refused PUT changed nothing',
      );
      const u = await call(url(`/jobs/${id}`), jsonInit('PUT', { enabled: false }, bearer()));
      assert.equal(u.status, 200);
      assert.deepEqual(
        { ...u.json(), next_run: undefined },
        { owner: 42, name: 'my backup', stack: 3, schedule: 2, next_run: undefined, do_run: false, do_del: false },
      );
      const missing = await call(url('/jobs'), jsonInit('POST', { stack_id: 3 }, bearer()));
      assert.equal(missing.status, 400);
      assert.ok(missing.json().detail);
    });

    it('DELETE: {deleted} for an inactive job, {queued_for_deletion} for an active one, gone after its next run', async () => {
      const inactive = (await call(url('/jobs'), jsonInit('POST', { schedule_id: 1, stack_id: 1 }, bearer()))).json()
        .id;
      const active = (
        await call(url('/jobs'), jsonInit('POST', { schedule_id: 1, stack_id: 1, enabled: true }, bearer()))
      ).json().id;
      assert.deepEqual((await call(url(`/jobs/${inactive}`), { method: 'DELETE', headers: bearer() })).json(), {
        deleted: inactive,
      });
      assert.equal((await call(url(`/jobs/${inactive}`), { headers: bearer() })).status, 404);
      assert.deepEqual((await call(url(`/jobs/${active}`), { method: 'DELETE', headers: bearer() })).json(), {
        queued_for_deletion: active,
      });
      const queued = (await call(url(`/jobs/${active}`), { headers: bearer() })).json();
      assert.equal(queued.do_del, true);
      const nextRun = Date.parse(queued.next_run);
      emu.control.step(nextRun - emu.control.clock().now - 1);
      assert.equal((await call(url(`/jobs/${active}`), { headers: bearer() })).status, 200);
      emu.control.step(1);
      assert.equal((await call(url(`/jobs/${active}`), { headers: bearer() })).status, 404);
      const sched = (await call(url('/schedules'), { headers: bearer() })).json();
      assert.equal(sched.count, sched.schedules.length);
      const stacks = (await call(url('/stacks'), { headers: bearer() })).json();
      assert.ok(stacks.stacks.every((s: any) => Number.isInteger(s.id) && typeof s.name === 'string'));
    });
  });

  describe('beacon', () => {
    const url = (p: string) => `${emu.urls.beacon}${p}`;
    const show = async (id: number) => (await call(url(`/api/jobs/${id}?action=show&userkey=demo-token`))).json();

    it('create (form, tasks as JSON), pickup, pickup again, start, update curtask, end with result[]', async () => {
      const c = await call(
        url('/api/jobs?action=create'),
        formInit({
          userkey: 'demo-token',
          name: 'probe',
          beacon_name: 'lab-2',
          tasks: JSON.stringify([{ name: 'a', command: 'true' }, { name: 'b' }, { type: 'shell' }]),
        }),
      );
      assert.equal(c.status, 200);
      const job = c.json();
      assert.equal(job.id, 41);
      assert.equal(job.total_tasks, 3);
      assert.equal(job.beacon_name, 'lab-2');
      assert.deepEqual([job.q_time, job.pickup_time, job.start_time, job.end_time, job.result], [0, 0, 0, 0, null]);
      const tasks = (await call(url('/api/jobs/41/tasks?action=list&userkey=demo-token'))).json();
      assert.deepEqual(
        tasks.map((t: any) => [t.seq, t.job_id]),
        [
          [1, 41],
          [2, 41],
          [3, 41],
        ],
      );
      const p1 = (await call(url('/api/jobs/41?action=pickup'), formInit({ userkey: 'demo-token' }))).json();
      assert.ok(p1.pickup_time > 0);
      assert.equal(p1.start_time, 0);
      emu.control.step(5_000);
      const p2 = (await call(url('/api/jobs/41?action=pickup'), formInit({ userkey: 'demo-token' }))).json();
      assert.equal(p2.pickup_time, p1.pickup_time + 5, 'a second pickup is just a pickup');
      assert.equal(p2.start_time, 0);
      assert.equal(p2.end_time, 0);
      const s = (await call(url('/api/jobs/41?action=start'), formInit({ userkey: 'demo-token' }))).json();
      assert.equal(s.start_time, p2.pickup_time);
      const u = (
        await call(url('/api/jobs/41?action=update'), formInit({ userkey: 'demo-token', curtask: '2' }))
      ).json();
      assert.equal(u.cur_task, 2);
      const e = (
        await call(
          url('/api/jobs/41?action=end'),
          formInit({
            userkey: 'demo-token',
            'result[]': ['{"status":"ok"}', '{"status":"failed","error":"x"}', 'plain'],
          }),
        )
      ).json();
      assert.ok(e.end_time > 0);
      assert.equal(e.cur_task, 3);
      assert.deepEqual(JSON.parse(e.result), [{ status: 'ok' }, { status: 'failed', error: 'x' }, 'plain']);
      assert.deepEqual((await show(41)).result, e.result);
      const t2 = (await call(url('/api/jobs/41/tasks?action=list&userkey=demo-token'))).json();
      assert.deepEqual(t2[1].result, { status: 'failed', error: 'x' });
    });

    it('a queued job is picked up and run by the simulated beacon; schedules list and schedule_active', async () => {
      const job = (
        await call(
          url('/api/jobs?action=create'),
          formInit({ userkey: 'demo-token', name: 'q', q: '1', tasks: '[{"name":"x"},{"name":"y"}]' }),
        )
      ).json();
      assert.ok(job.q_time > 0);
      emu.control.step(400_000);
      const done = await show(job.id);
      assert.ok(done.end_time > 0 && done.start_time > 0 && done.pickup_time > 0);
      assert.ok(done.result !== null);
      const sch = (
        await call(
          url('/api/jobs?action=create'),
          formInit({ userkey: 'demo-token', name: 'nightly thing', schedule: '1', hour: '2', min: '0' }),
        )
      ).json();
      let list = (await call(url('/api/jobs/scheduled?action=list&userkey=demo-token'))).json() as any[];
      const entry = list.find((s) => s.name === 'nightly thing');
      assert.equal(entry.active, true);
      await call(url(`/api/jobs/${sch.id}?action=update`), formInit({ userkey: 'demo-token', schedule_active: '0' }));
      list = (await call(url('/api/jobs/scheduled?action=list&userkey=demo-token'))).json();
      assert.equal(list.find((s) => s.name === 'nightly thing').active, false);
      const bad = await call(url('/api/jobs/1?action=explode'), formInit({ userkey: 'demo-token' }));
      assert.equal(bad.status, 400);
      assert.ok(bad.json().error);
      assert.equal((await call(url('/api/jobs/9999?action=show&userkey=demo-token'))).status, 404);
    });
  });

  describe('CNaaS', () => {
    const job = (id: number) => `${emu.urls['cnaas-nms']}/api/v1.0/job/${id}`;
    const read = async (id: number) => (await call(job(id), { headers: bearer() })).json().data.jobs[0];
    const first = async (status: string) =>
      (
        await call(`${emu.urls['cnaas-nms']}/api/v1.0/jobs?per_page=100&filter[status]=${status}`, {
          headers: bearer(),
        })
      ).json().data.jobs[0];

    it('PUT /job/<id> {action: ABORT}: a RUNNING job is ABORTING until its task notices, then ABORTED (api/jobs.py)', async () => {
      const id = (await first('RUNNING')).id;
      const a = await call(
        job(id),
        jsonInit('PUT', { action: 'abort', abort_reason: 'change window closed' }, bearer()),
      );
      assert.equal(a.status, 200);
      assert.equal(a.json().status, 'success');
      assert.equal(a.json().data.jobs[0].status, 'ABORTING', 'the answer is the job as it is now');
      assert.equal((await read(id)).status, 'ABORTING');
      assert.equal(
        (await call(job(id), jsonInit('PUT', { action: 'ABORT' }, bearer()))).json().message,
        `Job id ${id} is in state JobStatus.ABORTING, must be SCHEDULED or RUNNING to abort`,
      );
      emu.control.step(5_000);
      const j = await read(id);
      assert.equal(j.status, 'ABORTED');
      assert.ok(j.finish_time);
      const again = await call(job(id), jsonInit('PUT', { action: 'ABORT' }, bearer()));
      assert.equal(again.status, 400);
    });

    it('a SCHEDULED job ends ABORTED at once with the reason as its result; bad requests answer as CNaaS does', async () => {
      const id = (await first('SCHEDULED')).id;
      const a = await call(job(id), jsonInit('PUT', { action: 'ABORT', abort_reason: 'not tonight' }, bearer()));
      assert.equal(a.status, 200);
      const j = await read(id);
      assert.equal(j.status, 'ABORTED');
      assert.equal(j.start_time, null);
      assert.deepEqual(j.result, { message: 'not tonight (aborted by admin)' });
      const fin = (await first('FINISHED')).id;
      assert.deepEqual(
        [
          (await call(job(fin), jsonInit('PUT', { action: 'PAUSE' }, bearer()))).status,
          (await call(job(fin), jsonInit('PUT', { action: 'PAUSE' }, bearer()))).json().message,
        ],
        [400, 'Unknown action: PAUSE'],
      );
      assert.deepEqual((await call(job(fin), jsonInit('PUT', {}, bearer()))).json(), {
        status: 'error',
        message: 'Action must be specified',
      });
      assert.deepEqual((await call(job(99999), { headers: bearer() })).json(), {
        status: 'error',
        message: 'No job with id 99999 found',
      });
      // Flask's routing: no trailing slash, an int id; anything else is its HTML 404 page.
      for (const path of ['/api/v1.0/job/abc', `/api/v1.0/job/${fin}/`, '/api/v1.0/jobs/']) {
        const r = await call(`${emu.urls['cnaas-nms']}${path}`, { headers: bearer() });
        assert.equal(r.status, 404, path);
        assert.match(r.headers.get('content-type') ?? '', /text\/html/);
      }
    });
  });

  it('reset forgets every write', async () => {
    await call(`${emu.urls.cdrouter}/api/v1/jobs/1/`, { method: 'DELETE', headers: bearer() });
    await call(`${emu.urls['stack-jobs']}/jobs`, jsonInit('POST', { schedule_id: 1, stack_id: 1 }, bearer()));
    assert.equal((await call(`${emu.urls['stack-jobs']}/jobs/41`, { headers: bearer() })).status, 200);
    emu.control.reset();
    assert.equal((await call(`${emu.urls.cdrouter}/api/v1/jobs/1/`, { headers: bearer() })).status, 200);
    assert.equal((await call(`${emu.urls['stack-jobs']}/jobs/41`, { headers: bearer() })).status, 404);
  });
});
