// The cold-view bench places each reload's activation from the extension hosts' logs: lines as
// VS Code writes them, in the folders it writes them to.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activationIn, hostActivations, stampOf } from '../../bench/hostLog';

const at = (s: string) => new Date(s).getTime();

function host(logs: string, session: string, name: string, lines: string[]): void {
  mkdirSync(join(logs, session, name), { recursive: true });
  writeFileSync(join(logs, session, name, 'remoteexthost.log'), lines.join('\n') + '\n');
}

describe('bench: activations from the extension hosts’ logs', () => {
  let logs: string;
  beforeEach(() => {
    logs = mkdtempSync(join(tmpdir(), 'jobdeck-hostlog-'));
  });
  afterEach(() => rmSync(logs, { recursive: true, force: true }));

  it('reads a line’s local stamp to the millisecond, and nothing from a line without one', () => {
    assert.equal(stampOf('2026-12-03 02:09:39.060 [info] Extension host with pid 1 started'), at('2026-12-03T02:09:39.060'));
    assert.ok(Number.isNaN(stampOf('[info] no stamp')));
  });

  it('places an activation in the window whose host started between navigation and rows', () => {
    host(logs, '20261203T020746', 'exthost2', [
      '2026-12-03 02:09:39.060 [info] Extension host with pid 17235 started',
      "2026-12-03 02:09:39.270 [info] ExtensionService#_doActivateExtension bench.empty-view, startup: false, activationEvent: 'onView:jobdeckbench.jobs'",
      "2026-12-03 02:09:41.205 [info] ExtensionService#_doActivateExtension jobdeck.jobdeck, startup: false, activationEvent: 'onView:jobdeck.jobs'",
    ]);
    host(logs, '20261203T020746', 'exthost3', [
      '2026-12-03 02:09:50.000 [info] Extension host with pid 17300 started',
      "2026-12-03 02:09:50.200 [info] ExtensionService#_doActivateExtension jobdeck.jobdeck, startup: false, activationEvent: 'onView:jobdeck.jobs'",
      "2026-12-03 02:09:59.000 [info] ExtensionService#_doActivateExtension jobdeck.jobdeck, startup: false, activationEvent: 'onCommand:x'",
    ]);
    const hosts = hostActivations(logs);
    assert.equal(hosts.length, 2);
    assert.equal(activationIn(hosts, 'bench.empty-view', at('2026-12-03T02:09:38.000'), at('2026-12-03T02:09:40.000')), at('2026-12-03T02:09:39.270'));
    // The first activation line counts; the later window's host is not the earlier window's.
    assert.equal(activationIn(hosts, 'jobdeck.jobdeck', at('2026-12-03T02:09:49.000'), at('2026-12-03T02:09:51.000')), at('2026-12-03T02:09:50.200'));
    assert.equal(activationIn(hosts, 'jobdeck.jobdeck', at('2026-12-03T02:09:38.000'), at('2026-12-03T02:09:40.000')), at('2026-12-03T02:09:41.205'));
    // No host started in the window: nothing placed.
    assert.equal(activationIn(hosts, 'jobdeck.jobdeck', at('2026-12-03T02:10:00.000'), at('2026-12-03T02:10:05.000')), undefined);
  });

  it('skips a host whose log has no start line, and a folder with no logs', () => {
    host(logs, 's1', 'exthost1', ["2026-12-03 02:09:39.270 [info] ExtensionService#_doActivateExtension jobdeck.jobdeck, startup: false, activationEvent: 'onView:jobdeck.jobs'"]);
    assert.deepEqual(hostActivations(logs), []);
    assert.deepEqual(hostActivations(join(logs, 'absent')), []);
  });
});
