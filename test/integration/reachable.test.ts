// The endpoints users could not reach before, each from its place in the UI, in a real
// extension host against a living emulator of its own (its clock stopped, so the jobs each
// test needs are where it expects them: the shared one has been sped through by then):
// Puppet's report, CNaaS's abort with a reason, CDRouter's stop at the end of the test,
// stack-jobs' Edit Job and Open Job by Name, beacon's current task and list filters,
// CDRouter's detailed rows and exact-match filters.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Job } from '../../src/client/model';
import type { Services } from '../../src/extension/services';
import type { ConnectionStore } from '../../src/store/connectionStore';
import { confirmed, services, until } from './emulatorControl';
import { type Emulator, type LogEntry, start as startEmulator } from '../emulator';

const raw = (j: Job) => j.raw as Record<string, unknown>;
const NAMES = {
  'cnaas-nms': 'r-cnaas',
  cdrouter: 'r-cdrouter',
  'puppet-orchestrator': 'r-puppet',
  'stack-jobs': 'r-stack',
  beacon: 'r-beacon',
} as const;
type Kind = keyof typeof NAMES;

describe('endpoints reached from the UI (living emulator)', function () {
  this.timeout(120_000);
  let s: Services;
  let emu: Emulator;
  let before_: unknown[] = [];
  const settings = () => vscode.workspace.getConfiguration('jobdeck');
  const store = (kind: Kind): ConnectionStore => {
    const c = s.jobStore.get(NAMES[kind]);
    assert.ok(c, NAMES[kind]);
    return c;
  };
  /** A job of a dialect, straight from its adapter (no store filter in the way). */
  async function find(kind: Kind, what: string, match: (j: Job) => boolean): Promise<Job> {
    const job = (await store(kind).connection.adapter.listJobs({ pageSize: 500 })).items.find(match);
    assert.ok(job, `${NAMES[kind]} has ${what}`);
    return job;
  }
  const log = (kind: Kind): LogEntry[] => emu.control.log().filter((e) => e.dialect === kind);
  const writes = (kind: Kind) => log(kind).filter((e) => e.method !== 'GET');

  before(async () => {
    s = await services();
    emu = await startEmulator({ port: 0, jobs: 60, seed: 11 });
    emu.control.pause();
    before_ = settings().inspect<unknown[]>('connections')?.globalValue ?? [];
    const mine = (Object.keys(NAMES) as Kind[]).map((kind) => ({
      name: NAMES[kind],
      kind,
      url: emu.urls[kind],
      tokenEnv: 'JOBDECK_DEMO_TOKEN',
    }));
    await settings().update('connections', [...before_, ...mine], vscode.ConfigurationTarget.Global);
    await until('the connections', () => Object.values(NAMES).every((n) => s.jobStore.get(n)));
  });
  beforeEach(() => emu.control.clearLog());
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await settings().update('connections', before_, vscode.ConfigurationTarget.Global);
    await until('the connections to go', () => Object.values(NAMES).every((n) => !s.jobStore.get(n)));
    await emu.stop();
  });

  it('Show Report opens the Puppet report as a read-only document naming every node', async () => {
    const job = await find('puppet-orchestrator', 'a finished job', (j) => j.rawState === 'finished');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('jobdeck.showReport', {
      connection: NAMES['puppet-orchestrator'],
      jobIds: [job.id],
    });
    assert.ok(uri);
    assert.equal(uri.scheme, 'jobdeck-report');
    const doc = await until('the report document', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()),
    );
    const text = await until('the report text', () => (doc.getText().includes('## ') ? doc.getText() : undefined));
    assert.match(text, new RegExp(`^# Report of job ${job.id} on ${NAMES['puppet-orchestrator']}`));
    const detail = await store('puppet-orchestrator').loadDetail(job.id);
    for (const t of detail.targets) assert.ok(text.includes(`## ${t.name}`), `the report names ${t.name}`);
    assert.equal(doc.languageId, 'markdown');
    const gets = log('puppet-orchestrator').filter((e) => e.path.endsWith(`/jobs/${job.id}/report`));
    assert.ok(gets.length >= 1 && gets.every((e) => e.status === 200));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Stop Job on CNaaS is the abort, with the reason given: PUT /job/<id>, ABORTING, then ABORTED', async () => {
    const job = await find('cnaas-nms', 'a running job', (j) => j.rawState === 'RUNNING');
    const out = await vscode.commands.executeCommand<{ stopped: string[] }>(
      'jobdeck.stopJob',
      confirmed({
        connection: NAMES['cnaas-nms'],
        jobIds: [job.id],
        reason: 'integration test',
      }),
    );
    assert.deepEqual(out?.stopped, [job.id]);
    assert.deepEqual(
      writes('cnaas-nms').map((e) => [e.method, e.path.replace(/^\/cnaas-nms/, ''), e.status]),
      [['PUT', `/api/v1.0/job/${job.id}`, 200]],
    );
    const now = await store('cnaas-nms').loadDetail(job.id);
    assert.deepEqual([now.state, now.rawState], ['stopping', 'ABORTING']);
    emu.control.step(5_000);
    const later = await store('cnaas-nms').loadDetail(job.id);
    assert.deepEqual([later.state, later.rawState], ['stopped', 'ABORTED']);
  });

  it('Stop Job on CDRouter at the end of the test: ?when=end-of-test, and the job runs on', async () => {
    const job = await find('cdrouter', 'a running job', (j) => j.rawState === 'running' && Boolean(raw(j).result_id));
    await vscode.commands.executeCommand(
      'jobdeck.stopJob',
      confirmed({
        connection: NAMES.cdrouter,
        jobIds: [job.id],
        when: 'end-of-test',
      }),
    );
    assert.deepEqual(
      writes('cdrouter').map((e) => [e.method, e.path.replace(/^\/cdrouter/, ''), e.query, e.status]),
      [['POST', `/api/v1/results/${String(raw(job).result_id)}/stop/`, 'when=end-of-test', 204]],
    );
    assert.equal((await store('cdrouter').loadDetail(job.id)).rawState, 'running');
    emu.control.step(10_000);
    assert.equal((await store('cdrouter').loadDetail(job.id)).rawState, 'stopped', 'stopped at the end of its test');
  });

  it("Edit Job… changes a stack job's name, schedule and stack with one PUT /jobs/<id>; Open Job by Name finds it", async () => {
    const job = await find('stack-jobs', 'a job not queued for deletion', (j) => j.state !== 'deleting');
    const name = `edited ${Date.now()}`;
    const edited = await vscode.commands.executeCommand<Job>(
      'jobdeck.editJob',
      confirmed({
        connection: NAMES['stack-jobs'],
        jobIds: [job.id],
        name,
        scheduleId: 3,
        stackId: 2,
      }),
    );
    assert.equal(edited?.name, name);
    assert.deepEqual([raw(edited!).schedule, raw(edited!).stack], [3, 2]);
    assert.deepEqual(
      writes('stack-jobs').map((e) => [e.method, e.path.replace(/^\/stack-jobs/, ''), e.status]),
      [['PUT', `/jobs/${job.id}`, 200]],
    );
    const opened = await vscode.commands.executeCommand<{ jobId: string }>('jobdeck.openJobByName', {
      connection: NAMES['stack-jobs'],
      name,
    });
    assert.equal(opened?.jobId, job.id);
    assert.ok(s.panels.get(NAMES['stack-jobs'], job.id), 'its panel opens');
    assert.equal(
      log('stack-jobs').find((e) => e.path === `/stack-jobs/jobs/${encodeURIComponent(name)}`)?.status,
      200,
      'GET /jobs/<name>',
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Set Current Task… on a running beacon job: POST action=update curtask, and the task rows follow', async () => {
    const job = await find(
      'beacon',
      'a running job with 3+ tasks',
      (j) => j.rawState === 'running' && (j.progress?.total ?? 0) >= 3,
    );
    const updated = await vscode.commands.executeCommand<Job>(
      'jobdeck.setCurrentTask',
      confirmed({
        connection: NAMES.beacon,
        jobIds: [job.id],
        task: 2,
      }),
    );
    assert.equal(raw(updated!).cur_task, 2);
    assert.deepEqual(
      writes('beacon').map((e) => [e.method, e.path.replace(/^\/beacon/, ''), e.query]),
      [['POST', `/api/jobs/${job.id}`, 'action=update']],
    );
    const d = await store('beacon').loadDetail(job.id);
    assert.deepEqual(
      d.targets.slice(0, 3).map((t) => t.state),
      ['succeeded', 'running', 'pending'],
    );
  });

  it("the filter's server fields: beacon_name on beacon, device_name and detailed rows on CDRouter, sent as the servers read them", async () => {
    await store('beacon').query({ fields: { beacon_name: 'lab-2' } });
    assert.ok(store('beacon').jobs.length > 0 && store('beacon').jobs.every((j) => raw(j).beacon_name === 'lab-2'));
    const bq = log('beacon')
      .filter((e) => e.method === 'GET' && e.path === '/beacon/api/jobs')
      .pop();
    assert.match(bq?.query ?? '', /(^|&)beacon_name=lab-2(&|$)/);
    const cdr = store('cdrouter');
    const device = String(
      raw(await find('cdrouter', 'a job on a device', (j) => Boolean(raw(j).device_name))).device_name,
    );
    await cdr.query({ fields: { device_name: device }, detailed: true });
    assert.ok(cdr.jobs.length > 0 && cdr.jobs.every((j) => raw(j).device_name === device));
    const cq = log('cdrouter')
      .filter((e) => e.method === 'GET' && e.path === '/cdrouter/api/v1/jobs/' && e.query.includes('detailed'))
      .pop();
    const q = new URLSearchParams(cq?.query ?? '');
    assert.equal(q.get('detailed'), 'true');
    assert.deepEqual(q.getAll('filter'), [`device_name=${device}`]);
    assert.equal(cq?.status, 200);
  });
});
