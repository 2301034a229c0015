// The job report (Save Job Report…, Copy as Markdown) made from jobs the emulator serves in
// all five dialects, read through the real adapters: the Markdown is rendered with markdown-it
// as VS Code's preview and most ticket systems do (GFM tables, linkify), and what a reader
// would make of it is checked. With the emulator's hostile content (job names, messages and
// diffs like `[x](javascript:…)`, `<img onerror>`, bidi overrides), nothing may become a link,
// an image, HTML or an extra table column.
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { connect } from '../../../src/client/registry';
import type { DialectKind, JobDetail, JobTarget } from '../../../src/client/model';
import { mdBlock, mdCell, mdCode, mdText } from '../../../src/shared/jobReport/markdownSafe';
import { jobReport } from '../../../src/shared/jobReport/reportModel';
import { REPORT_FORMAT, reportJson } from '../../../src/shared/jobReport/reportJson';
import { BLOCK_BUDGET, reportMarkdown } from '../../../src/shared/jobReport/reportMarkdown';
import { DEFAULT_TOKEN, KINDS, type Emulator } from '../../emulator/index';
import { HOSTILE_STRINGS } from '../../emulator/hostile';
import { startFrozen, T0 } from '../emulator/harness';

const md = new MarkdownIt({ html: true, linkify: true });
const TITLES: Record<string, string> = { node: 'Nodes', device: 'Devices', task: 'Tasks', step: 'Steps' };

/** Details of up to `n` jobs of a dialect: failed ones and ones with targets first. */
async function details(emu: Emulator, kind: DialectKind, n: number): Promise<JobDetail[]> {
  const { adapter } = connect({ name: `emu-${kind}`, kind, url: emu.urls[kind] }, { token: async () => DEFAULT_TOKEN });
  const page = await adapter.listJobs({ pageSize: 40 });
  const ranked = [...page.items].sort(
    (a, b) =>
      Number(b.state === 'failed') - Number(a.state === 'failed') ||
      (b.targetCounts ? 1 : 0) - (a.targetCounts ? 1 : 0),
  );
  const out: JobDetail[] = [];
  for (const j of ranked.slice(0, n)) out.push(await adapter.getJob(j.id));
  return out;
}

function render(kind: DialectKind, url: string, d: JobDetail) {
  const report = jobReport({ name: `emu-${kind}`, kind, url }, d, T0);
  const text = reportMarkdown(report);
  return { report, text, html: md.render(text), tokens: md.parse(text, {}) };
}

/** The tokens markdown-it made of links, images and HTML anywhere in the document. */
function active(tokens: ReturnType<MarkdownIt['parse']>): string[] {
  const found: string[] = [];
  const walk = (ts: ReturnType<MarkdownIt['parse']>) => {
    for (const t of ts) {
      if (['link_open', 'image', 'html_inline', 'html_block'].includes(t.type)) found.push(`${t.type} ${t.content}`);
      if (t.children) walk(t.children);
    }
  };
  walk(tokens);
  return found;
}

/** Rows of the table under a heading, as markdown-it's cells (columns counted as read). */
function tableUnder(html: string, heading: RegExp): string[][] {
  const start = html.search(heading);
  assert.ok(start >= 0, `no heading ${heading}`);
  const rest = html.slice(start);
  const table = /<table>([\s\S]*?)<\/table>/.exec(rest)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => c[1]),
  );
}

function walkTargets(ts: readonly JobTarget[], fn: (t: JobTarget) => void): void {
  for (const t of ts) {
    fn(t);
    if (t.children) walkTargets(t.children, fn);
  }
}

for (const hostile of [false, true]) {
  describe(`job report per dialect on the emulator${hostile ? ' (hostile content)' : ''}`, function () {
    this.timeout(60_000);
    let emu: Emulator;
    before(async () => {
      emu = await startFrozen({ jobs: 60, seed: 7, hostile, hugeDiffBytes: 60_000 });
    });
    after(async () => emu?.stop());

    for (const kind of KINDS as readonly DialectKind[]) {
      it(`${kind}: sections, one row per target, failures and diffs, and no link, image or HTML from the server`, async () => {
        const jobs = await details(emu, kind, hostile ? 40 : 8);
        assert.ok(jobs.length > 0);
        let rowsSeen = 0;
        let hostileSeen = 0;
        for (const d of jobs) {
          {
            const seen = JSON.stringify({ ...d, raw: undefined });
            if ([...HOSTILE_STRINGS, 'x'.repeat(5000)].some((h) => seen.includes(JSON.stringify(h).slice(1, -1))))
              hostileSeen++;
          }
          const { report, text, html, tokens } = render(kind, emu.urls[kind], d);
          assert.deepEqual(active(tokens), [], `job ${d.id}: the server's text became active Markdown`);
          assert.ok(!/<(a|img|script|svg|style|link)\b/i.test(html), `job ${d.id}: HTML element in the rendering`);
          const headings = [...text.matchAll(/^(#{1,2}) (.*)$/gm)].map((m) => m[2]);
          assert.equal(headings.length, 5, `job ${d.id}: exactly our five headings, got ${headings.join(' | ')}`);
          assert.match(headings[0], /^Job /);
          assert.equal(headings[1], 'Timeline');
          const kindTitle = d.targets[0] ? TITLES[d.targets[0].kind] : 'Targets';
          assert.equal(headings[2], `${kindTitle} (${d.targets.length})`);
          assert.deepEqual(headings.slice(3), ['Failures', 'Changes']);

          // The facts table: two columns on every row whatever the server's text holds.
          const facts = tableUnder(html, /<h1>/);
          assert.ok(
            facts.every((r) => r.length === 2),
            `job ${d.id}: a facts row with a wrong column count`,
          );
          assert.ok(facts.some((r) => r[0] === 'Id'));

          if (d.targets.length) {
            const rows = tableUnder(html, /<h2>(Nodes|Devices|Tasks|Steps|Targets) \(/);
            assert.equal(rows.length, Math.min(d.targets.length, 1000), `job ${d.id}: one row per target`);
            assert.ok(
              rows.every((r) => r.length === 6),
              `job ${d.id}: a target row with a wrong column count`,
            );
            rowsSeen += rows.length;
          }
          if (d.timeline.length) {
            const rows = tableUnder(html, /<h2>Timeline/);
            assert.equal(rows.length, d.timeline.length);
            assert.ok(rows.every((r) => r.length === 3));
          }
          // Every failed target and every diff has its own section, in a fenced block that the
          // text cannot close (the block's content is the diff, to the budget).
          let failed = 0;
          let diffs = 0;
          walkTargets(d.targets, (t) => {
            if (t.state === 'failed') failed++;
            if (t.diff) diffs++;
          });
          assert.equal(report.failures.length, failed);
          assert.equal(report.diffs.length, diffs);
          const h3 = [...text.matchAll(/^### /gm)].length;
          assert.equal(h3, failed + diffs, `job ${d.id}: a section per failure and per diff`);
          const fences = tokens.filter((t) => t.type === 'fence');
          const diffFences = fences.filter((f) => f.info === 'diff');
          assert.equal(diffFences.length, diffs);
          report.diffs.forEach((x, i) => {
            const expected = x.target.diff!.replace(/\r\n?/g, '\n');
            const shown = diffFences[i].content;
            if (expected.length <= BLOCK_BUDGET)
              assert.equal(shown.replace(/\n$/, ''), stripControls(expected).replace(/\n$/, ''));
            else assert.ok(shown.startsWith(stripControls(expected.slice(0, 1000))));
          });
          if (d.failure) assert.match(text, /\*\*The job:\*\*/);
          if (!failed && !d.failure) assert.match(text, /## Failures\n\nNone\./);

          // JSON: the same content, whole, and no raw payload.
          const json = JSON.parse(reportJson(report));
          assert.equal(json.format, REPORT_FORMAT);
          assert.equal(json.job.id, d.id);
          assert.equal(json.job.name, d.name);
          assert.equal('raw' in json.job, false);
          assert.equal(json.targets.length, d.targets.length);
          assert.equal(json.failures.length, failed);
          assert.deepEqual(
            json.diffs.map((x: { diff: string }) => x.diff),
            report.diffs.map((x) => x.target.diff),
          );
        }
        if (hostile) assert.ok(hostileSeen > 0, `${kind}: no hostile text reached the report`);
        // CDRouter and stack jobs have no targets (client/dialects: neither API lists nodes or tasks).
        if (kind !== 'stack-jobs' && kind !== 'cdrouter')
          assert.ok(rowsSeen > 0, `${kind}: no job with targets was reported`);
      });
    }
  });
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** What mdBlock keeps of a text: the controls and bidi overrides go. */
function stripControls(s: string): string {
  return s.replace(ANSI, '').replace(CONTROLS, '');
}

describe('Markdown made safe for tickets', () => {
  const inline = (s: string) => md.renderInline(s);
  const HOSTILE = [
    '[x](javascript:alert(1))',
    '[x](command:jobdeck.deleteJob?{"confirm":true})',
    '![img](https://evil.example/x.png)',
    '<img src=x onerror=alert(1)>',
    '<a href="https://evil.example">x</a>',
    'https://evil.example/phish',
    'www.evil.example',
    'mail me@evil.example',
    '[ref]: https://evil.example',
    '`code` **bold** _it_ ~~s~~',
    '&lt;script&gt;',
  ];

  it('mdText leaves no link, image, HTML, emphasis or entity; the reader sees the text as it was', () => {
    for (const h of HOSTILE) {
      const html = inline(mdText(h));
      assert.ok(!/<(a|img|em|strong|code|s)\b/.test(html), `${h} → ${html}`);
      assert.equal(decode(html), h, `${h} does not read as itself`);
    }
  });

  it('mdText: one line without controls or bidi overrides; # - 1. + > at the start stay text', () => {
    assert.equal(mdText('a\nb\r\nc\u202ed\u0000e'), 'a b c d e');
    for (const s of ['# heading', '- item', '1. item', '+ item', '> quote', '---', '|a|b|'])
      assert.equal(md.render(mdText(s)).trim(), `<p>${s.replace(/>/g, '&gt;')}</p>`);
  });

  it('mdCell keeps a table to its columns: pipes and newlines in a cell', () => {
    const row = `| ${mdCell('a|b\n| c | d')} | ${mdCell(undefined)} |`;
    const html = md.render(`| x | y |\n| --- | --- |\n${row}\n`);
    const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
    assert.deepEqual(cells, ['a|b | c | d', '–']);
  });

  it('mdCode fences a span past the backticks in it and escapes pipes for tables', () => {
    assert.equal(mdCode('ab'), '`ab`');
    assert.equal(mdCode('a`b'), '``a`b``');
    assert.equal(mdCode('`a'), '`` `a ``');
    assert.equal(md.renderInline(mdCode('[x](javascript:1)')), '<code>[x](javascript:1)</code>');
    const html = md.render(`| x |\n| --- |\n| ${mdCode('a|b')} |\n`);
    assert.match(html, /<td><code>a\|b<\/code><\/td>/);
  });

  it('mdBlock: the text cannot close its fence, whatever backticks it holds', () => {
    const evil = 'line\n```\n# Not a heading\n````\n[x](javascript:1)';
    const tokens = md.parse(`${mdBlock(evil, 'diff')}\n\nafter`, {});
    const fence = tokens.find((t) => t.type === 'fence');
    assert.equal(fence?.content, `${evil}\n`);
    assert.equal(fence?.info, 'diff');
    assert.ok(!tokens.some((t) => t.type === 'heading_open'));
  });
});

/** The text a reader sees in markdown-it's inline HTML. */
function decode(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
