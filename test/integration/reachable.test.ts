// The endpoints users could not reach before, each from its place in the UI, in a real
// extension host against the living emulator: Puppet's report, CNaaS's abort with a reason,
// CDRouter's stop at the end of the test, stack-jobs' Edit Job and Open Job by Name, beacon's
// current task and list filters, CDRouter's detailed rows and exact-match filters.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Job } from '../../src/client/model';
import type { Services } from '../../src/extension/services';
import { control, EMULATOR, requestLog, services, until, writes } from './emulatorControl';

const raw = (j: Job) => j.raw as Record<string, unknown>;

describe('endpoints reached from the UI (living emulator)', function () {
  this.timeout(120_000);
  let s: Services;
  const store = (name: string) => {
    const c = s.jobStore.get(name);
    assert.ok(c, name);
    return c;
  };
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
  });
  beforeEach(async () => {
    await control('POST', 'resume');
    await control('DELETE', 'log');
  });
  after(async () => {
    await control('POST', 'resume');
    for (const name of ['demo-beacon', 'demo-cdrouter']) await store(name).query(undefined);
  });

  it('Show Report opens the Puppet report as a read-only document naming every node', async () => {
    const job = await find('demo-puppet', 'a finished job', (j) => j.rawState === 'finished');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('jobdeck.showReport', { connection: 'demo-puppet', jobIds: [job.id] });
    assert.ok(uri);
    assert.equal(uri.scheme, 'jobdeck-report');
    const doc = await until('the report document', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()));
    const text = await until('the report text', () => (doc.getText().includes('## ') ? doc.getText() : undefined));
    assert.match(text, new RegExp(`^# Report of job ${job.id} on demo-puppet`));
    const detail = await store('demo-puppet').loadDetail(job.id);
    for (const t of detail.targets) assert.ok(text.includes(`## ${t.name}`), `the report names ${t.name}`);
    assert.equal(doc.languageId, 'markdown');
    const gets = (await requestLog('puppet-orchestrator')).filter((e) => e.path.endsWith(`/jobs/${job.id}/report`));
    assert.ok(gets.length >= 1 && gets.every((e) => e.status === 200));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Stop Job on CNaaS is the abort, with the reason given: PUT /job/<id>; RUNNING goes ABORTING then ABORTED, SCHEDULED ABORTED', async () => {
    await control('POST', 'pause');
    // Whichever the emulator has now (the clock has run for a while): both can be aborted.
    const all = (await store('demo-cnaas').connection.adapter.listJobs({ pageSize: 1000 })).items;
    const job = all.find((j) => j.rawState === 'RUNNING') ?? all.find((j) => j.rawState === 'SCHEDULED');
    assert.ok(job, 'demo-cnaas has a running or scheduled job');
    const out = await vscode.commands.executeCommand<{ stopped: string[] }>('jobdeck.stopJob', { connection: 'demo-cnaas', jobIds: [job.id], reason: 'integration test', confirm: true });
    assert.deepEqual(out?.stopped, [job.id]);
    const w = await writes('cnaas-nms');
    assert.deepEqual(w.map((e) => [e.method, e.path.replace(/^\/cnaas-nms/, ''), e.status]), [['PUT', `/api/v1.0/job/${job.id}`, 200]]);
    const now = await store('demo-cnaas').loadDetail(job.id);
    if (job.rawState === 'RUNNING') {
      assert.deepEqual([now.state, now.rawState], ['stopping', 'ABORTING']);
      await control('POST', 'step', { ms: 5_000 });
      const later = await store('demo-cnaas').loadDetail(job.id);
      assert.deepEqual([later.state, later.rawState], ['stopped', 'ABORTED']);
    } else {
      assert.deepEqual([now.state, now.rawState], ['stopped', 'ABORTED']);
      assert.deepEqual(now.fields?.find((f) => f.label === 'Message'), { label: 'Message', value: 'integration test (aborted by admin)' });
    }
  });

  it('Stop Job on CDRouter at the end of the test: ?when=end-of-test, and the job runs on', async () => {
    await control('POST', 'pause');
    const job = await find('demo-cdrouter', 'a running job', (j) => j.rawState === 'running' && Boolean(raw(j).result_id));
    await vscode.commands.executeCommand('jobdeck.stopJob', { connection: 'demo-cdrouter', jobIds: [job.id], when: 'end-of-test', confirm: true });
    const w = await writes('cdrouter');
    assert.deepEqual(w.map((e) => [e.method, e.path.replace(/^\/cdrouter/, ''), e.query, e.status]), [['POST', `/api/v1/results/${String(raw(job).result_id)}/stop/`, 'when=end-of-test', 204]]);
    assert.equal((await store('demo-cdrouter').loadDetail(job.id)).rawState, 'running');
  });

  it('Edit Job… changes a stack job\'s name, schedule and stack with one PUT /jobs/<id>; Open Job by Name finds it', async () => {
    const job = await find('demo-stack', 'a job not queued for deletion', (j) => j.state !== 'deleting');
    const name = `edited ${Date.now()}`;
    const edited = await vscode.commands.executeCommand<Job>('jobdeck.editJob', { connection: 'demo-stack', jobIds: [job.id], name, scheduleId: 3, stackId: 2, confirm: true });
    assert.equal(edited?.name, name);
    assert.deepEqual([raw(edited!).schedule, raw(edited!).stack], [3, 2]);
    const w = await writes('stack-jobs');
    assert.deepEqual(w.map((e) => [e.method, e.path.replace(/^\/stack-jobs/, ''), e.status]), [['PUT', `/jobs/${job.id}`, 200]]);
    assert.equal(store('demo-stack').job(job.id)?.name, name, 'the row shows the new name');
    const opened = await vscode.commands.executeCommand<{ jobId: string }>('jobdeck.openJobByName', { connection: 'demo-stack', name });
    assert.equal(opened?.jobId, job.id);
    assert.ok(s.panels.get('demo-stack', job.id), 'its panel opens');
    const byName = (await requestLog('stack-jobs')).find((e) => e.path === `/stack-jobs/jobs/${encodeURIComponent(name)}`);
    assert.equal(byName?.status, 200, 'GET /jobs/<name>');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Set Current Task… on a running beacon job: POST action=update curtask, and the task rows follow', async () => {
    await control('POST', 'pause');
    const job = await find('demo-beacon', 'a running job with 3+ tasks', (j) => j.rawState === 'running' && (j.progress?.total ?? 0) >= 3);
    const updated = await vscode.commands.executeCommand<Job>('jobdeck.setCurrentTask', { connection: 'demo-beacon', jobIds: [job.id], task: 2, confirm: true });
    assert.equal(raw(updated!).cur_task, 2);
    const w = await writes('beacon');
    assert.deepEqual(w.map((e) => [e.method, e.path.replace(/^\/beacon/, ''), e.query]), [['POST', `/api/jobs/${job.id}`, 'action=update']]);
    const d = await store('demo-beacon').loadDetail(job.id);
    assert.deepEqual(d.targets.slice(0, 3).map((t) => t.state), ['succeeded', 'running', 'pending']);
  });

  it('the filter\'s server fields: beacon_name on beacon, device_name and detailed rows on CDRouter, sent as the servers read them', async () => {
    await store('demo-beacon').query({ fields: { beacon_name: 'lab-2' } });
    assert.ok(store('demo-beacon').jobs.length > 0 && store('demo-beacon').jobs.every((j) => raw(j).beacon_name === 'lab-2'));
    const bq = (await requestLog('beacon')).filter((e) => e.method === 'GET' && e.path === '/beacon/api/jobs').pop();
    assert.match(bq?.query ?? '', /(^|&)beacon_name=lab-2(&|$)/);
    const cdr = store('demo-cdrouter');
    await cdr.query(undefined);
    const device = String(raw(cdr.jobs.find((j) => raw(j).device_name)!).device_name);
    await cdr.query({ fields: { device_name: device }, detailed: true });
    assert.ok(cdr.jobs.length > 0 && cdr.jobs.every((j) => raw(j).device_name === device));
    const cq = (await requestLog('cdrouter')).filter((e) => e.method === 'GET' && e.path === '/cdrouter/api/v1/jobs/').pop();
    const q = new URLSearchParams(cq?.query ?? '');
    assert.equal(q.get('detailed'), 'true');
    assert.deepEqual(q.getAll('filter'), [`device_name=${device}`]);
    assert.equal(cq?.status, 200);
  });
});
