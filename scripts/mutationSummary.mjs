// Reads StrykerJS's JSON report (reports/mutation/mutation.json, written by
// `npm run test:mutation`) and prints, as Markdown, the score per file and every mutant that
// survived or had no test, for docs/mutation.md. With `--before <report.json>` (an earlier run,
// kept under another name), the table has both runs side by side. With `--over <full.json>`, the
// files a slice did not mutate are taken from that (whole-set) report, so a slice run after a
// full one gives the whole set's score.
//
// Usage: node scripts/mutationSummary.mjs [report.json] [--before earlier.json] [--over full.json] [--survivors]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const beforeFile = option('--before');
const overFile = option('--over');
const file =
  args.find((a, i) => !a.startsWith('--') && !['--before', '--over'].includes(args[i - 1])) ??
  'reports/mutation/mutation.json';

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Per file: detected, undetected and the mutants left. */
function tally(path) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const files = new Map();
  for (const [name, f] of Object.entries(report.files)) {
    const lines = f.source.split('\n');
    const row = { d: 0, u: 0, left: [] };
    for (const m of f.mutants) {
      if (DETECTED.has(m.status)) row.d++;
      else if (UNDETECTED.has(m.status)) {
        row.u++;
        const line = m.location.start.line;
        row.left.push({
          file: name,
          line,
          status: m.status,
          mutator: m.mutatorName,
          replacement: (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80),
          code: (lines[line - 1] ?? '').trim().slice(0, 100),
        });
      }
    }
    files.set(name, row);
  }
  return files;
}

const pct = (d, u) => (d + u ? ((100 * d) / (d + u)).toFixed(1) : 'n/a');
const now = tally(file);
if (overFile) for (const [name, row] of tally(overFile)) if (!now.has(name)) now.set(name, row);
const before = beforeFile ? tally(beforeFile) : undefined;
const names = [...new Set([...now.keys(), ...(before?.keys() ?? [])])].sort((a, b) => a.localeCompare(b));
const sum = (m) => [...m.values()].reduce((t, r) => ({ d: t.d + r.d, u: t.u + r.u }), { d: 0, u: 0 });

if (before) {
  console.log('| file | before: detected | before: undetected | before % | detected | undetected | % |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const n of names) {
    const b = before.get(n) ?? { d: 0, u: 0 };
    const a = now.get(n) ?? { d: 0, u: 0 };
    console.log(`| ${n} | ${b.d} | ${b.u} | ${pct(b.d, b.u)} | ${a.d} | ${a.u} | ${pct(a.d, a.u)} |`);
  }
  const b = sum(before);
  const a = sum(now);
  console.log(`| **all** | ${b.d} | ${b.u} | **${pct(b.d, b.u)}** | ${a.d} | ${a.u} | **${pct(a.d, a.u)}** |`);
} else {
  console.log('| file | killed | survived or not covered | score % |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const n of names) {
    const r = now.get(n);
    console.log(`| ${n} | ${r.d} | ${r.u} | ${pct(r.d, r.u)} |`);
  }
  const t = sum(now);
  console.log(`| **all** | ${t.d} | ${t.u} | **${pct(t.d, t.u)}** |`);
}
if (args.includes('--survivors')) {
  console.log('\n| where | status | mutator | replaced by | code |');
  console.log('| --- | --- | --- | --- | --- |');
  const cell = (t) => String(t).replace(/\|/g, '\\|').replace(/`/g, "'");
  for (const n of names)
    for (const m of now.get(n)?.left ?? [])
      console.log(
        `| ${m.file}:${m.line} | ${m.status} | ${m.mutator} | \`${cell(m.replacement)}\` | \`${cell(m.code)}\` |`,
      );
}
