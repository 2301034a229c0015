// Every endpoint the seeds document has a place in the UI: the capability words jobActions
// gives a job (package.json's menus match them), and the report a user opens as a document.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { jobActions } from '../../../src/client/actions';
import { connect } from '../../../src/client/registry';
import type { DialectKind, Job, JobState } from '../../../src/client/model';
import { reportMarkdown } from '../../../src/views/report/reportText';
import { PANEL_ACTIONS } from '../../../src/shared/protocol';
import { panelActions } from '../../../src/views/panel/panelData';

const adapter = (kind: DialectKind) =>
  connect({ name: kind, kind, url: 'http://127.0.0.1:9' }, { token: async () => 't' }).adapter;
const job = (state: JobState, rawState: string = state, raw: object = {}): Job => ({
  id: '1',
  name: 'j',
  state,
  rawState,
  raw,
});

describe('job actions reach every documented endpoint', () => {
  it('Puppet: every job shows its report; CNaaS: stop (its abort) for scheduled and running jobs only', () => {
    for (const s of ['pending', 'running', 'succeeded', 'failed'] as const)
      assert.ok(jobActions(job(s), adapter('puppet-orchestrator')).includes('report'), s);
    const cnaas = adapter('cnaas-nms');
    assert.deepEqual(
      (['scheduled', 'running', 'stopping', 'succeeded', 'failed', 'stopped'] as const).map((s) =>
        jobActions(job(s), cnaas).includes('stop'),
      ),
      [true, true, false, false, false, false],
    );
    assert.ok(!jobActions(job('running'), adapter('cdrouter')).includes('report'));
  });

  it('stack-jobs: Edit Job for any job not queued for deletion; beacon: Set Current Task for jobs under way', () => {
    const stack = adapter('stack-jobs');
    assert.ok(jobActions(job('scheduled'), stack).includes('edit'));
    assert.ok(jobActions(job('disabled'), stack).includes('edit'));
    assert.ok(!jobActions(job('deleting'), stack).includes('edit'));
    // Queued for deletion but not active: "Delete Now" (seed 003: DELETE deletes it at once).
    assert.ok(!jobActions(job('deleting'), stack).includes('deleteNow'));
    assert.ok(!jobActions(job('deleting'), stack).includes('delete'));
    assert.deepEqual(
      jobActions({ ...job('deleting'), deletableNow: true }, stack).filter((a) => a.startsWith('delete')),
      ['delete', 'deleteNow'],
    );
    assert.deepEqual(
      panelActions(jobActions({ ...job('deleting'), deletableNow: true }, stack)).filter((a) => a.startsWith('delete')),
      ['deleteNow'],
      'the panel shows Delete Now instead of Delete',
    );
    const beacon = adapter('beacon');
    assert.deepEqual(
      (['pending', 'running', 'succeeded', 'unknown'] as const).map((s) =>
        jobActions(job(s), beacon).includes('setTask'),
      ),
      [true, true, false, false],
    );
    assert.ok(!jobActions(job('running'), adapter('puppet-orchestrator')).includes('setTask'));
  });

  it('every new action has a menu entry matching its word, a palette entry, and a panel button', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8'));
    // Titles are %keys% of package.nls.json (l10n).
    const nls = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.nls.json'), 'utf8')) as Record<
      string,
      string
    >;
    const menus = pkg.contributes.menus;
    for (const [word, command] of [
      ['report', 'jobdeck.showReport'],
      ['edit', 'jobdeck.editJob'],
      ['setTask', 'jobdeck.setCurrentTask'],
      ['deleteNow', 'jobdeck.deleteJobNow'],
    ] as const) {
      const entry = menus['view/item/context'].find((m: { command: string }) => m.command === command);
      assert.ok(entry, command);
      assert.ok(
        new RegExp(entry.when.match(/viewItem =~ \/(.*)\//)[1]).test(`job open copyId ${word}`),
        `${command}: ${entry.when}`,
      );
      assert.ok(
        !new RegExp(entry.when.match(/viewItem =~ \/(.*)\//)[1]).test('job open copyId'),
        `${command} needs its word`,
      );
      if (word === 'deleteNow') {
        // The menu shows "Delete Now" instead of "Delete Job", not both.
        const del = menus['view/item/context'].find((m: { command: string }) => m.command === 'jobdeck.deleteJob');
        const re = new RegExp(del.when.match(/viewItem =~ \/(.*)\//)[1]);
        assert.ok(re.test('job open delete tail'), del.when);
        assert.ok(!re.test('job open delete deleteNow tail'), del.when);
      }
      assert.ok(menus.commandPalette.some((m: { command: string }) => m.command === command));
      assert.equal(PANEL_ACTIONS[word].command, command);
    }
    assert.ok(
      menus['view/item/context'].some(
        (m: { command: string; when: string }) => m.command === 'jobdeck.openJobByName' && /byName/.test(m.when),
      ),
    );
    assert.ok(
      pkg.contributes.commands.some(
        (c: { command: string; title: string }) =>
          c.command === 'jobdeck.editJob' && (nls[c.title.replace(/^%|%$/g, '')] ?? c.title) === 'Edit Job…',
      ),
    );
  });
});

describe('the report document', () => {
  it("reads the seed's report example and Puppet's resource events, one line each, JSON for the rest", () => {
    const text = reportMarkdown(
      'pe',
      '1234',
      [
        { node: 'wss6c3w9wngpycg.example.com', state: 'running', time: Date.UTC(2015, 6, 13, 20, 37, 1), events: [] },
        {
          node: 'web-01.example.com',
          state: 'finished',
          events: [
            {
              resource_type: 'Service',
              resource_title: 'ntpd',
              property: 'ensure',
              old_value: 'stopped',
              new_value: 'running',
              status: 'success',
              message: "ensure changed 'stopped' to 'running'",
            },
            { something: 'else', n: 1 },
            'a line\nwith a break',
          ],
        },
      ],
      Date.UTC(2024, 0, 1),
    );
    const lines = text.split('\n');
    assert.equal(lines[0], '# Report of job 1234 on pe');
    assert.ok(lines.includes('## wss6c3w9wngpycg.example.com'));
    assert.ok(lines.includes('State: running · 2015-07-13T20:37:01.000Z'));
    assert.ok(lines.includes('No events.'));
    assert.ok(
      lines.includes("- Service[ntpd] ensure: stopped → running (success) ensure changed 'stopped' to 'running'"),
      text,
    );
    assert.ok(lines.includes('- `{"something":"else","n":1}`'));
    assert.ok(lines.includes('- a line with a break'), 'server text cannot start a block of its own');
    assert.match(reportMarkdown('pe', '9', []), /reports no nodes/);
  });
});
