// Reads StrykerJS's JSON report (reports/mutation/mutation.json, written by
// `npm run test:mutation`) and prints, as Markdown, the score per file and every mutant that
// survived or had no test, for docs/mutation.md.
//
// Usage: node scripts/mutationSummary.mjs [report.json] [--survivors]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? 'reports/mutation/mutation.json';
const report = JSON.parse(readFileSync(file, 'utf8'));

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const rows = [];
const left = [];
let detected = 0;
let undetected = 0;
for (const [name, f] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const lines = f.source.split('\n');
  let d = 0;
  let u = 0;
  for (const m of f.mutants) {
    if (DETECTED.has(m.status)) d++;
    else if (UNDETECTED.has(m.status)) {
      u++;
      const line = m.location.start.line;
      left.push({
        file: name,
        line,
        status: m.status,
        mutator: m.mutatorName,
        replacement: (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80),
        code: (lines[line - 1] ?? '').trim().slice(0, 100),
      });
    }
  }
  detected += d;
  undetected += u;
  const score = d + u ? ((100 * d) / (d + u)).toFixed(1) : 'n/a';
  rows.push(`| ${name} | ${d} | ${u} | ${score} |`);
}
console.log('| file | killed | survived or not covered | score % |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of rows) console.log(r);
console.log(
  `| **all** | ${detected} | ${undetected} | **${((100 * detected) / (detected + undetected)).toFixed(1)}** |`,
);
if (args.includes('--survivors')) {
  console.log('\n| where | status | mutator | replaced by | code |');
  console.log('| --- | --- | --- | --- | --- |');
  const cell = (t) => String(t).replace(/\|/g, '\\|').replace(/`/g, "'");
  for (const m of left)
    console.log(
      `| ${m.file}:${m.line} | ${m.status} | ${m.mutator} | \`${cell(m.replacement)}\` | \`${cell(m.code)}\` |`,
    );
}
