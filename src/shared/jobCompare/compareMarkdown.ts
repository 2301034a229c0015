// A comparison of two runs (compareModel.ts) as Markdown, shown in VS Code's Markdown preview:
// the two jobs' facts side by side, then one row per device/node/task with its state in each
// run and what changed. Server text goes through markdownSafe.ts as in the job report.
import { duration, isoTime } from '../format';
import { mdCell, mdCode, mdText } from '../jobReport/markdownSafe';
import type { CompareRow, Comparison, TargetChange } from './compareModel';

const CHANGE_WORDS: Record<TargetChange, string> = {
  onlyA: 'only in the first run',
  onlyB: 'only in the second run',
  state: 'state',
  diff: 'diff',
  output: 'output',
  message: 'message',
};

const TITLES: Record<string, string> = { node: 'Nodes', device: 'Devices', step: 'Steps', task: 'Tasks' };

/** Rows of the per-target table (the counts above it cover all). */
export const COMPARE_ROWS = 1000;

export function compareMarkdown(c: Comparison, connection: string): string {
  const { a, b } = c;
  const out: string[] = [];
  out.push(`# Compare ${mdText(a.name || a.id, 120)} and ${mdText(b.name || b.id, 120)}`, '');
  out.push(`Connection ${mdText(connection, 100)}: the first run on the left, the second on the right.`, '');
  const span = (j: typeof a) =>
    j.startedAt !== undefined && j.finishedAt !== undefined ? duration(j.finishedAt - j.startedAt) : '';
  const facts: [string, string, string][] = [
    ['Id', mdCode(a.id), mdCode(b.id)],
    ['Name', mdCell(a.name, 200), mdCell(b.name, 200)],
    ['State', mdCell(a.rawState, 60), mdCell(b.rawState, 60)],
    ['Started', ours(isoTime(a.startedAt ?? a.createdAt)), ours(isoTime(b.startedAt ?? b.createdAt))],
    ['Finished', ours(isoTime(a.finishedAt)), ours(isoTime(b.finishedAt))],
    ['Duration', ours(span(a)), ours(span(b))],
  ];
  if (a.owner || b.owner) facts.push(['Owner', mdCell(a.owner, 100), mdCell(b.owner, 100)]);
  const labels = [...new Set([...(a.fields ?? []), ...(b.fields ?? [])].map((f) => f.label))];
  for (const label of labels) {
    const va = a.fields?.find((f) => f.label === label)?.value;
    const vb = b.fields?.find((f) => f.label === label)?.value;
    facts.push([mdText(label, 60), mdCell(va), mdCell(vb)]);
  }
  if (a.failure || b.failure) facts.push(['Failure', mdCell(a.failure?.message), mdCell(b.failure?.message)]);
  out.push('| | First run | Second run |', '| --- | --- | --- |');
  for (const [k, x, y] of facts) out.push(`| ${k}${x !== y ? ' ≠' : ''} | ${x} | ${y} |`);
  out.push('');

  const kind = a.targets[0]?.kind ?? b.targets[0]?.kind;
  const title = kind ? TITLES[kind] : 'Targets';
  out.push(`## ${title}: ${c.changed} of ${c.rows.length} changed`, '');
  if (!c.rows.length) out.push('Neither run reports any.', '');
  else {
    out.push('| Name | First run | Second run | What changed |', '| --- | --- | --- | --- |');
    for (const r of c.rows.slice(0, COMPARE_ROWS)) out.push(row(r));
    if (c.rows.length > COMPARE_ROWS) out.push('', `… and ${c.rows.length - COMPARE_ROWS} more.`);
    out.push('');
  }
  return out.join('\n');
}

/** Our own times and durations: nothing to escape, a dash when empty. */
function ours(text: string): string {
  return text || '–';
}

function row(r: CompareRow): string {
  const what = r.changes.length
    ? r.changes.map((x) => CHANGE_WORDS[x]).join(', ') +
      (r.steps.length
        ? ` (steps: ${r.steps
            .slice(0, 10)
            .map((s) => mdText(s, 60))
            .join(', ')})`
        : '')
    : 'same';
  const mark = r.changes.length ? '**' : '';
  return `| ${mark}${mdCell(r.name, 120)}${mark} | ${mdCell(r.a?.rawState, 40)} | ${mdCell(r.b?.rawState, 40)} | ${what} |`;
}
