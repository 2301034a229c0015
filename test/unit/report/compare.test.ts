// Compare Jobs' model and document: targets matched by name across two runs, what changed
// (state, presence, diff, output, message; which steps), and the Markdown the preview shows,
// read with markdown-it (a fixed number of columns, nothing active from the server), on pairs
// of runs the emulator serves in every dialect with targets, hostile content included.
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { connect } from '../../../src/client/registry';
import type { DialectKind, JobDetail, JobTarget } from '../../../src/client/model';
import { compareJobs, diffText, inRunOrder, outputText } from '../../../src/shared/jobCompare/compareModel';
import { compareMarkdown } from '../../../src/shared/jobCompare/compareMarkdown';
import { DEFAULT_TOKEN, type Emulator } from '../../emulator/index';
import { startFrozen } from '../emulator/harness';

const md = new MarkdownIt({ html: true, linkify: true });

function target(name: string, rawState: string, extra: Partial<JobTarget> = {}): JobTarget {
  return {
    id: `${name}-id`,
    name,
    kind: 'device',
    state: rawState === 'failed' ? 'failed' : 'succeeded',
    rawState,
    ...extra,
  };
}

function job(id: string, startedAt: number, targets: JobTarget[]): JobDetail {
  return {
    id,
    name: `sync ${id}`,
    state: 'succeeded',
    rawState: 'FINISHED',
    startedAt,
    timeline: [],
    targets,
    raw: {},
  };
}

function step(name: string, extra: Partial<JobTarget> = {}): JobTarget {
  return { id: name, name, kind: 'step', state: 'succeeded', rawState: 'ok', ...extra };
}

describe('Compare Jobs: the model', () => {
  it('matches targets by name and says what changed, changed rows first', () => {
    const a = job('1', 100, [
      target('r1', 'ok', { children: [step('sync', { diff: '@@ -1 +1 @@\n-a\n+b\n' })] }),
      target('r2', 'ok'),
      target('r3', 'ok'),
      target('gone', 'ok'),
    ]);
    const b = job('2', 200, [
      target('r3', 'ok'),
      target('r2', 'failed', { message: 'timeout' }),
      target('r1', 'ok', { children: [step('sync', { diff: '@@ -1 +1 @@\n-a\n+c\n' }), step('verify')] }),
      target('new', 'ok'),
    ]);
    const c = compareJobs(a, b);
    const byName = Object.fromEntries(c.rows.map((r) => [r.name, r]));
    assert.deepEqual(byName.r1.changes, ['diff']);
    assert.deepEqual(byName.r1.steps, ['sync', 'verify']);
    assert.deepEqual(byName.r2.changes, ['state']);
    assert.deepEqual(byName.r3.changes, []);
    assert.deepEqual(byName.gone.changes, ['onlyA']);
    assert.deepEqual(byName.new.changes, ['onlyB']);
    assert.equal(c.changed, 4);
    assert.equal(c.rows[c.rows.length - 1].name, 'r3', 'the unchanged row comes last');
  });

  it("a device's diff and output are its steps', each under the step's name when there are several", () => {
    const d = target('r1', 'ok', {
      children: [step('a', { diff: 'D1\n', resultText: 'cfg' }), step('b', { diff: 'D2' }), step('c')],
    });
    assert.equal(diffText(d), '## a\nD1\n## b\nD2\n');
    assert.equal(outputText(d), 'cfg');
    assert.equal(diffText(target('x', 'ok', { diff: 'own' })), 'own');
    assert.equal(diffText(undefined), '');
  });

  it('puts the earlier run first', () => {
    const [x, y] = inRunOrder(job('late', 500, []), job('early', 100, []));
    assert.deepEqual([x.id, y.id], ['early', 'late']);
  });
});

for (const hostile of [false, true]) {
  describe(`Compare Jobs on emulator runs${hostile ? ' (hostile content)' : ''}`, function () {
    this.timeout(60_000);
    let emu: Emulator;
    before(async () => {
      emu = await startFrozen({ jobs: 60, seed: 5, hostile, hugeDiffBytes: 50_000 });
    });
    after(async () => emu?.stop());

    for (const kind of ['cnaas-nms', 'puppet-orchestrator', 'beacon'] as DialectKind[]) {
      it(`${kind}: every target of either run has one row of four columns; nothing active in the document`, async () => {
        const { adapter } = connect({ name: 'emu', kind, url: emu.urls[kind] }, { token: async () => DEFAULT_TOKEN });
        const page = await adapter.listJobs({ pageSize: 30 });
        const details: JobDetail[] = [];
        for (const j of page.items.slice(0, 12)) details.push(await adapter.getJob(j.id));
        const withTargets = details.filter((d) => d.targets.length);
        assert.ok(withTargets.length >= 2, `${kind}: two runs with targets`);
        for (let i = 0; i + 1 < withTargets.length; i++) {
          const [a, b] = inRunOrder(withTargets[i], withTargets[i + 1]);
          const c = compareJobs(a, b);
          const names = new Set([...a.targets, ...b.targets].map((t) => t.name || t.id));
          assert.equal(c.rows.length, names.size);
          const text = compareMarkdown(c, 'emu');
          const tokens = md.parse(text, {});
          const active: string[] = [];
          const walk = (ts: typeof tokens) =>
            ts.forEach((t) => {
              if (['link_open', 'image', 'html_inline', 'html_block'].includes(t.type)) active.push(t.type);
              if (t.children) walk(t.children);
            });
          walk(tokens);
          assert.deepEqual(active, [], `${a.id} ↔ ${b.id}`);
          const html = md.render(text);
          const tables = [...html.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].map((m) => m[1]);
          assert.equal(tables.length, 2);
          const cols = (t: string) =>
            [...t.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<td>/g)].length);
          assert.ok(cols(tables[0]).every((n) => n === 3));
          const rows = cols(tables[1]);
          assert.equal(rows.length, Math.min(c.rows.length, 1000));
          assert.ok(rows.every((n) => n === 4));
          assert.match(text, new RegExp(`## \\w+: ${c.changed} of ${c.rows.length} changed`));
        }
      });
    }
  });
}
