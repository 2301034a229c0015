// The emulator routes exactly the paths the real servers route, and nothing near them: a
// client that adds or drops a trailing slash must see the real server's 404, not a leniency.
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/index';
import { bearer, call, formInit, jsonInit, startFrozen, xauth } from './harness';

describe('emulator routes only the real forms of each path', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startFrozen({ jobs: 30 });
  });
  after(() => emu.stop());

  async function status(url: string, init: RequestInit = {}): Promise<number> {
    return (await call(url, init)).status;
  }

  it('stack-jobs: /jobs and /jobs/<id> as the seed writes DELETE /jobs/<job id>; no trailing slash', async () => {
    const u = emu.urls['stack-jobs'];
    assert.equal(await status(`${u}/jobs`, { headers: bearer() }), 200);
    assert.equal(await status(`${u}/jobs/1`, { headers: bearer() }), 200);
    for (const p of ['/jobs/', '/jobs/1/', '/jobs//1', '/jobs/1/x', '/schedules/'])
      assert.equal(await status(`${u}${p}`, { headers: bearer() }), 404, p);
    assert.equal(await status(`${u}/jobs/1/`, { method: 'DELETE', headers: bearer() }), 404);
    assert.equal(await status(`${u}/jobs/1`, { headers: bearer() }), 200, 'the refused DELETE deleted nothing');
  });

  it('CDRouter: every path ends in one slash (cdrouter.py get_id: base + id + "/")', async () => {
    const u = `${emu.urls.cdrouter}/api/v1`;
    assert.equal(await status(`${u}/jobs/`, { headers: bearer() }), 200);
    assert.equal(await status(`${u}/jobs/1/`, { headers: bearer() }), 200);
    for (const p of ['/jobs', '/jobs/1', '/jobs//', '/jobs/1//', '/packages'])
      assert.equal(await status(`${u}${p}`, { headers: bearer() }), 404, p);
    assert.equal(await status(`${u}/jobs/1`, { method: 'DELETE', headers: bearer() }), 404);
    assert.equal(await status(`${u}/jobs/1/`, { headers: bearer() }), 200);
  });

  it('Puppet: no trailing slash (orchestrator_client-ruby: "jobs/#{id}/nodes")', async () => {
    const u = `${emu.urls['puppet-orchestrator']}/orchestrator/v1`;
    for (const p of ['/jobs', '/jobs/1', '/jobs/1/nodes', '/jobs/1/report', '/jobs/1/events'])
      assert.equal(await status(`${u}${p}`, { headers: xauth() }), 200, p);
    for (const p of ['/jobs/', '/jobs/1/', '/jobs/1/nodes/', '/jobs/1/x'])
      assert.equal(await status(`${u}${p}`, { headers: xauth() }), 404, p);
    assert.equal(await status(`${u}/command/stop/`, jsonInit('POST', { job: '1' }, xauth())), 404);
  });

  it('CNaaS: Flask routes /api/v1.0/jobs and /api/v1.0/job/<int>; anything else is its HTML 404', async () => {
    const u = `${emu.urls['cnaas-nms']}/api/v1.0`;
    assert.equal(await status(`${u}/jobs`, { headers: bearer() }), 200);
    assert.equal(await status(`${u}/job/1`, { headers: bearer() }), 200);
    for (const p of ['/jobs/', '/job/1/', '/job/x', '/job/', '/jobs/1']) {
      const r = await call(`${u}${p}`, { headers: bearer() });
      assert.equal(r.status, 404, p);
      assert.match(r.text, /<title>404 Not Found<\/title>/);
    }
    // app.py's handle_error answers routing's 405 with 401 and the reason.
    const put = await call(`${u}/jobs`, jsonInit('PUT', {}, bearer()));
    assert.deepEqual([put.status, put.json()], [401, { status: 'error', message: 'Method Not Allowed' }]);
  });

  it('beacon: /api/jobs and /api/jobs/ (both in the seed); no trailing slash elsewhere; tasks take action=list, not show', async () => {
    const u = `${emu.urls.beacon}/api/jobs`;
    assert.equal(await status(`${u}?action=list&userkey=demo-token`), 200);
    assert.equal(await status(`${u}/?action=list&userkey=demo-token`), 200);
    assert.equal(await status(`${u}/1?action=show&userkey=demo-token`), 200);
    assert.equal(await status(`${u}/1/tasks?action=list&userkey=demo-token`), 200);
    assert.equal(await status(`${u}/1/tasks?userkey=demo-token`), 200, "list is the tasks endpoint's only action");
    const show = await call(`${u}/1/tasks?action=show&userkey=demo-token`);
    assert.deepEqual([show.status, show.json()], [400, { error: 'Unknown action: show' }]);
    for (const p of ['/1/?action=show', '/1/tasks/?action=list', '/scheduled/?action=list', '//1?action=show'])
      assert.equal(await status(`${u}${p}&userkey=demo-token`), 404, p);
    assert.equal(await status(`${u}/1/?action=update`, formInit({ userkey: 'demo-token', curtask: '1' })), 404);
  });
});
