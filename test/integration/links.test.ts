// Links to jobs in the real extension host: the URI handler (services.openLink is what VS Code
// calls with the link) opens a known job's panel, refuses malformed and hostile links with one
// clear warning and nothing else (no panel, no request to any server, settings untouched), and
// offers an unknown server as a new connection only when the user says yes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Services } from '../../src/extension/services';
import { control, requestLog, services as getServices, until } from './emulatorControl';
import { recordNotifications, type Shown } from './notifications';

const AUTHORITY = 'jobdeck.jobdeck';
const PROBE = 'linkprobe';

function link(query: string, path = '/job'): vscode.Uri {
  return vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: AUTHORITY, path, query });
}

function q(params: [string, string][]): string {
  return params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

const config = () => vscode.workspace.getConfiguration('jobdeck');
const globalConnections = () => JSON.stringify(config().inspect<unknown[]>('connections')?.globalValue ?? null);

describe('links to jobs (URI handler)', function () {
  this.timeout(60_000);
  let s: Services;
  const shown: Shown[] = [];
  const answers: (string | undefined)[] = [];
  let restore: () => void;
  let cnaasUrl: string;

  before(async () => {
    s = await getServices();
    const store = await until('the demo CNaaS connection', () => s.jobStore.all().find((c) => c.kind === 'cnaas-nms'));
    cnaasUrl = store.url;
    restore = recordNotifications(shown, answers);
  });
  after(() => restore?.());
  beforeEach(() => {
    shown.length = 0;
    answers.length = 0;
  });
  afterEach(async () => {
    for (const p of s.panels.all()) p.dispose();
  });

  it("a link made by Copy Link to Job opens that job's panel, and carries no token", async () => {
    const store = s.jobStore.all().find((c) => c.kind === 'cnaas-nms')!;
    await store.refresh();
    const job = store.jobs[0];
    const copied = await vscode.commands.executeCommand<string>('jobdeck.copyJobLink', {
      connection: store.name,
      jobId: job.id,
    });
    assert.ok(copied?.startsWith(`${vscode.env.uriScheme}://${AUTHORITY}/job?`), copied);
    assert.equal(await vscode.env.clipboard.readText(), copied);
    const params = new URLSearchParams(vscode.Uri.parse(copied).query);
    assert.deepEqual([...params.keys()].sort(), ['connection', 'id', 'kind', 'url']);
    assert.equal(params.get('url'), store.url);
    assert.ok(!/token|demo-token/i.test(copied), 'no token in a link');

    const outcome = await s.openLink(vscode.Uri.parse(copied));
    assert.deepEqual(outcome, { opened: { connection: store.name, jobId: job.id } });
    assert.ok(s.panels.get(store.name, job.id), 'the panel is open');
    assert.equal(shown.length, 0);
  });

  const hostile: [string, () => vscode.Uri, RegExp][] = [
    [
      'another path',
      () =>
        link(
          q([
            ['id', PROBE],
            ['url', cnaasUrl],
          ]),
          '/settings',
        ),
      /not a link to a job/,
    ],
    [
      'a javascript: server',
      () =>
        link(
          q([
            ['id', PROBE],
            ['url', 'javascript:alert(1)'],
          ]),
        ),
      /not an http\(s\) address/,
    ],
    [
      'a file: server',
      () =>
        link(
          q([
            ['id', PROBE],
            ['url', 'file:///etc/passwd'],
          ]),
        ),
      /not an http\(s\) address/,
    ],
    [
      'a user name in the URL',
      () =>
        link(
          q([
            ['id', PROBE],
            ['url', 'https://admin:pw@evil.example'],
          ]),
        ),
      /user name or password/,
    ],
    [
      '"//" in the path',
      () =>
        link(
          q([
            ['id', PROBE],
            ['url', `${cnaasUrl}//evil.example`],
          ]),
        ),
      /"\/\/" in its path/,
    ],
    [
      'a backslash',
      () =>
        link(
          q([
            ['id', PROBE],
            ['url', 'https://good.example\\@evil.example'],
          ]),
        ),
      /backslash/,
    ],
    [
      'a token parameter',
      () =>
        link(
          q([
            ['id', PROBE],
            ['url', cnaasUrl],
            ['token', 'abc'],
          ]),
        ),
      /never a token or an action/,
    ],
    [
      'a command parameter',
      () =>
        link(
          q([
            ['id', PROBE],
            ['url', cnaasUrl],
            ['command', 'jobdeck.deleteJob'],
          ]),
        ),
      /never a token or an action/,
    ],
    [
      'an id twice',
      () =>
        link(
          q([
            ['id', PROBE],
            ['id', '2'],
            ['url', cnaasUrl],
          ]),
        ),
      /more than once/,
    ],
    ['no id', () => link(q([['url', cnaasUrl]])), /no job id/],
    [
      'a control character in the id',
      () =>
        link(
          q([
            ['id', `${PROBE}\n[x](command:jobdeck.deleteJob)`],
            ['url', cnaasUrl],
          ]),
        ),
      /not one a server gives/,
    ],
    [
      'an unknown kind',
      () =>
        link(
          q([
            ['id', PROBE],
            ['url', cnaasUrl],
            ['kind', 'evil'],
          ]),
        ),
      /kind is not one Jobdeck knows/,
    ],
    [
      'a huge query',
      () =>
        link(
          q([
            ['id', PROBE],
            ['url', cnaasUrl],
            ['connection', 'x'.repeat(5000)],
          ]),
        ),
      /too long/,
    ],
    [
      'a query in the server URL',
      () =>
        link(
          q([
            ['id', PROBE],
            ['url', `${cnaasUrl}?next=https://evil.example`],
          ]),
        ),
      /query or fragment/,
    ],
  ];

  for (const [what, make, reason] of hostile) {
    it(`refuses a link with ${what}: one warning that says why, no panel, no request, no setting`, async () => {
      await control('DELETE', 'log');
      const before = globalConnections();
      const panelsBefore = s.panels.all().length;
      const outcome = await s.openLink(make());
      assert.ok('refused' in outcome, JSON.stringify(outcome));
      assert.match(outcome.refused, reason);
      assert.equal(shown.length, 1, JSON.stringify(shown));
      assert.equal(shown[0].level, 'warning');
      assert.match(shown[0].message, /^Jobdeck did not open this link: /);
      assert.ok(shown[0].message.includes(outcome.refused));
      assert.equal(s.panels.all().length, panelsBefore, 'no panel opened');
      assert.equal(globalConnections(), before, 'settings untouched');
      const probes = (await requestLog()).filter((e) => `${e.path}?${e.query}`.includes(PROBE));
      assert.deepEqual(probes, [], 'no request for the linked job');
    });
  }

  it("does not use a connection of the link's name on another server; a declined offer changes nothing", async () => {
    const store = s.jobStore.all().find((c) => c.kind === 'cnaas-nms')!;
    await control('DELETE', 'log');
    const before = globalConnections();
    answers.push(undefined);
    const outcome = await s.openLink(
      link(
        q([
          ['connection', store.name],
          ['kind', 'cnaas-nms'],
          ['id', PROBE],
          ['url', 'https://jobs.unknown.example'],
        ]),
      ),
    );
    assert.deepEqual(outcome, { declined: true });
    assert.equal(shown.length, 1);
    assert.match(shown[0].message, /no connection to\. Add it as a connection\?/);
    assert.equal(s.panels.all().length, 0);
    assert.equal(globalConnections(), before);
    assert.deepEqual(
      (await requestLog()).filter((e) => `${e.path}?${e.query}`.includes(PROBE)),
      [],
    );
  });

  it('adds an unknown server as a connection (no token) when the user says so, and opens the job', async () => {
    const inspect = config().inspect<unknown[]>('connections');
    const before = inspect?.globalValue;
    // The emulator's CNaaS under another address of the same host: a server the settings do not name.
    const other = cnaasUrl.replace('127.0.0.1', 'localhost');
    assert.notEqual(other, cnaasUrl);
    answers.push('Add Connection');
    try {
      const outcome = await s.openLink(
        link(
          q([
            ['connection', 'from-a-link'],
            ['kind', 'cnaas-nms'],
            ['id', '1'],
            ['url', other],
          ]),
        ),
      );
      assert.deepEqual(outcome, { opened: { connection: 'from-a-link', jobId: '1' }, added: 'from-a-link' });
      const added = (config().inspect<unknown[]>('connections')?.globalValue ?? []).find(
        (c) => (c as { name?: string }).name === 'from-a-link',
      );
      assert.deepEqual(added, { name: 'from-a-link', kind: 'cnaas-nms', url: other });
      await until('the new connection', () => s.jobStore.get('from-a-link'));
      assert.ok(s.panels.get('from-a-link', '1'));
    } finally {
      await config().update('connections', before, vscode.ConfigurationTarget.Global);
    }
  });
});
