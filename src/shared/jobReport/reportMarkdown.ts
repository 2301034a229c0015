// A job report as Markdown for a change ticket: a facts table, the timeline, one row per
// node/device/task, the failures with their messages and output, and each diff as a ```diff
// block. Every text of the server goes through markdownSafe.ts (a job named
// `[x](https://evil)` or `<img onerror>` stays text in any Markdown reader); our own words and
// layout are the only Markdown in it. Bulky texts are cut at a budget each (the JSON report
// keeps them whole), so a 1 MB diff does not make a ticket unreadable.
import { duration, isoTime } from '../format';
import { mdBlock, mdCell, mdCode, mdText } from './markdownSafe';
import { reportDuration, type JobReport, type ReportTarget } from './reportModel';

/** Characters of one diff, output or traceback a Markdown report keeps. */
export const BLOCK_BUDGET = 20_000;
/** Rows of the targets table (the counts above it cover all). */
export const TABLE_ROWS = 1000;

export function reportMarkdown(r: JobReport): string {
  const { job, connection } = r;
  const out: string[] = [];
  out.push(`# Job ${mdText(job.name || job.id, 200)}`, '');
  const facts: [string, string][] = [
    ['Id', mdCode(job.id)],
    ['Connection', `${mdText(connection.name, 100)} (${mdText(connection.kind, 40)}, ${mdCode(connection.url)})`],
    ['State', `**${mdText(job.state, 20)}** (${mdText(job.rawState, 60)})`],
  ];
  const time = (label: string, ms: number | undefined) => ms !== undefined && facts.push([label, isoTime(ms)]);
  time('Created', job.createdAt);
  time('Started', job.startedAt);
  time('Finished', job.finishedAt);
  time('Next run', job.nextRunAt);
  if (job.startedAt !== undefined && job.finishedAt !== undefined)
    facts.push(['Duration', duration(job.finishedAt - job.startedAt)]);
  if (job.owner) facts.push(['Owner', mdText(job.owner, 100)]);
  if (job.progress) facts.push(['Progress', `${job.progress.done} of ${job.progress.total}`]);
  for (const f of job.fields ?? []) facts.push([mdText(f.label, 60), mdCell(f.value)]);
  for (const l of job.links ?? []) {
    if (l.url) facts.push([mdText(l.label, 60), mdCode(l.url)]);
    else if (l.jobId) facts.push([mdText(l.label, 60), `job ${mdCode(l.jobId)}`]);
  }
  out.push('| | |', '| --- | --- |', ...facts.map(([k, v]) => `| ${k} | ${v} |`), '');
  if (job.summary) out.push(mdText(job.summary, 1000), '');

  out.push('## Timeline', '');
  if (job.timeline.length) {
    out.push('| State | Entered | Left |', '| --- | --- | --- |');
    for (const t of job.timeline)
      out.push(
        `| ${mdCell(t.rawState || t.state, 60)} | ${ours(isoTime(t.enteredAt))} | ${ours(isoTime(t.exitedAt))} |`,
      );
  } else out.push('The server reports no state changes for this job.');
  out.push('');

  out.push(`## ${r.targetsTitle} (${job.targets.length})`, '');
  if (job.targets.length) {
    const counts = new Map<string, number>();
    for (const t of job.targets) counts.set(t.rawState, (counts.get(t.rawState) ?? 0) + 1);
    out.push([...counts].map(([word, n]) => `${n} ${mdText(word, 40)}`).join(', '), '');
    out.push('| Name | State | Started | Finished | Duration | Message |', '| --- | --- | --- | --- | --- | --- |');
    for (const t of job.targets.slice(0, TABLE_ROWS)) {
      const steps = t.children?.length ? ` (${t.children.length} steps)` : '';
      out.push(
        `| ${mdCell(t.name || t.id, 120)}${steps} | ${mdCell(t.rawState, 40)} | ${ours(isoTime(t.startedAt))} | ${ours(isoTime(t.finishedAt))} | ${ours(duration(reportDuration(t, r.generatedAt)))} | ${mdCell(t.message, 200)} |`,
      );
    }
    if (job.targets.length > TABLE_ROWS)
      out.push('', `… and ${job.targets.length - TABLE_ROWS} more (in the JSON report).`);
  } else out.push('No targets.');
  out.push('');

  out.push('## Failures', '');
  if (!job.failure && !r.failures.length) out.push('None.', '');
  if (job.failure) {
    out.push(`**The job:** ${mdText(job.failure.message, 1000)}`, '');
    if (job.failure.traceback) out.push(block(job.failure.traceback, 'text'), '');
  }
  for (const f of r.failures) {
    out.push(`### ${pathText(f)}`, '');
    if (f.target.message) out.push(mdText(f.target.message, 2000), '');
    if (f.target.resultText) out.push(block(f.target.resultText, 'text'), '');
  }

  out.push('## Changes', '');
  if (!r.diffs.length) out.push('No diffs.', '');
  for (const d of r.diffs) out.push(`### ${pathText(d)}`, '', block(d.target.diff ?? '', 'diff'), '');

  out.push('---', `Report made by Jobdeck on ${isoTime(r.generatedAt)}.`, '');
  return out.join('\n');
}

/** Our own words and numbers (times, durations) in a cell: nothing to escape, a dash when empty. */
function ours(text: string): string {
  return text || '–';
}

function pathText(t: ReportTarget): string {
  return t.path.map((p) => mdText(p, 120)).join(' › ');
}

function block(text: string, lang: string): string {
  const cut =
    text.length > BLOCK_BUDGET
      ? `${text.slice(0, BLOCK_BUDGET)}\n… ${text.length - BLOCK_BUDGET} more characters (in the JSON report)`
      : text;
  return mdBlock(cut, lang);
}
