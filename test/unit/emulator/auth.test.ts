import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/index';
import { call, formInit, jsonInit, startFrozen } from './harness';

describe('emulator auth per dialect', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startFrozen({ jobs: 5, tokens: { cdrouter: 'cdr-secret' } });
  });
  after(() => emu.stop());

  it('CNaaS: Bearer; 401 {status:"error", message}', async () => {
    const u = `${emu.urls['cnaas-nms']}/api/v1.0/jobs`;
    const none = await call(u);
    assert.equal(none.status, 401);
    assert.equal(none.json().status, 'error');
    assert.equal(typeof none.json().message, 'string');
    assert.equal((await call(u, { headers: { Authorization: 'Bearer nope' } })).status, 401);
    assert.equal((await call(u, { headers: { Authorization: 'Bearer demo-token' } })).status, 200);
    assert.equal(
      (await call(u, { headers: { Authorization: 'demo-token' } })).status,
      401,
      'the Bearer scheme is required',
    );
  });

  it('CDRouter: its own token; 401 {timestamp, error} (the web API overview); read-only token gets 403 on writes', async () => {
    const u = `${emu.urls.cdrouter}/api/v1/jobs/`;
    const wrong = await call(u, { headers: { Authorization: 'Bearer demo-token' } });
    assert.equal(wrong.status, 401);
    assert.deepEqual(Object.keys(wrong.json()), ['timestamp', 'error']);
    assert.equal((await call(u, { headers: { Authorization: 'Bearer cdr-secret' } })).status, 200);
    assert.equal((await call(u, { headers: { Authorization: 'Bearer demo-readonly' } })).status, 200);
    const ro = await call(u, jsonInit('POST', { package_id: '1027' }, { Authorization: 'Bearer demo-readonly' }));
    assert.equal(ro.status, 403);
    assert.ok(ro.json().error);
  });

  it('Puppet: X-Authentication; 401 kinds user-unauthenticated / token-revoked; 403 permission-denied', async () => {
    const u = `${emu.urls['puppet-orchestrator']}/orchestrator/v1/jobs`;
    const none = (await call(u)).json();
    assert.equal(none.kind, 'puppetlabs.rbac/user-unauthenticated');
    assert.ok(none.msg);
    assert.deepEqual(none.details, {});
    const bad = await call(u, { headers: { 'X-Authentication': 'nope' } });
    assert.equal(bad.status, 401);
    assert.equal(bad.json().kind, 'puppetlabs.rbac/token-revoked');
    assert.equal(
      (await call(u, { headers: { Authorization: 'Bearer demo-token' } })).status,
      401,
      'a Bearer header is not the RBAC header',
    );
    const ro = await call(
      `${emu.urls['puppet-orchestrator']}/orchestrator/v1/command/stop`,
      jsonInit('POST', { job: '1' }, { 'X-Authentication': 'demo-readonly' }),
    );
    assert.equal(ro.status, 403);
    assert.equal(ro.json().kind, 'puppetlabs.rbac/permission-denied');
  });

  it('stack-jobs: Bearer; 401 {detail}', async () => {
    const r = await call(`${emu.urls['stack-jobs']}/jobs`);
    assert.equal(r.status, 401);
    assert.deepEqual(r.json(), { detail: 'Authentication credentials were not provided.' });
    assert.equal(
      (await call(`${emu.urls['stack-jobs']}/jobs`, { headers: { Authorization: 'Bearer x' } })).json().detail,
      'Invalid token.',
    );
  });

  it('beacon: userkey in the query on GET, in the form on POST; 401 {error}', async () => {
    const r = await call(`${emu.urls.beacon}/api/jobs?action=list`);
    assert.equal(r.status, 401);
    assert.ok(r.json().error);
    assert.equal((await call(`${emu.urls.beacon}/api/jobs?action=list&userkey=wrong`)).status, 401);
    assert.equal(
      (await call(`${emu.urls.beacon}/api/jobs?action=list`, { headers: { Authorization: 'Bearer demo-token' } }))
        .status,
      401,
    );
    const post = await call(
      `${emu.urls.beacon}/api/jobs?action=create`,
      formInit({ userkey: 'demo-token', name: 'x' }),
    );
    assert.equal(post.status, 200);
    const noKey = await call(`${emu.urls.beacon}/api/jobs?action=create`, formInit({ name: 'x' }));
    assert.equal(noKey.status, 401);
  });

  it('the control API needs no token; unknown prefixes are 404', async () => {
    assert.equal((await call(`${emu.url}/_control/clock`)).status, 200);
    assert.equal((await call(`${emu.url}/nothing/here`)).status, 404);
  });
});
