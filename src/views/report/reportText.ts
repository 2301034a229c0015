// A job report (Puppet's `/jobs/:id/report`) as a Markdown document: one section per node,
// its state and time, then what happened on it. The seed does not describe an event's
// fields, so the resource-change keys Puppet reports use are written as a line and anything
// else as JSON. Server text goes into a read-only text document (never rendered as HTML here).
import type { ReportEntry } from '../../client/model';

/** The keys of a Puppet resource event, in the order a line reads them. */
const CHANGE_KEYS = [
  'resource_type',
  'resource_title',
  'property',
  'old_value',
  'new_value',
  'status',
  'message',
] as const;

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** One line, so a value cannot start a Markdown block of its own. */
function flat(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').trim();
}

function eventLine(e: unknown): string {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return `- ${flat(text(e))}`;
  const o = e as Record<string, unknown>;
  if (!CHANGE_KEYS.some((k) => k in o)) return `- \`${flat(JSON.stringify(o))}\``;
  const what = [text(o.resource_type), o.resource_title !== undefined ? `[${text(o.resource_title)}]` : ''].join('');
  const change =
    o.property !== undefined ? `${text(o.property)}: ${text(o.old_value) || '∅'} → ${text(o.new_value) || '∅'}` : '';
  const parts = [what, change, o.status !== undefined ? `(${text(o.status)})` : '', text(o.message)]
    .filter(Boolean)
    .map(flat);
  return `- ${parts.join(' ')}`;
}

export function reportMarkdown(
  connection: string,
  jobId: string,
  entries: readonly ReportEntry[],
  now = Date.now(),
): string {
  const lines = [
    `# Report of job ${flat(jobId)} on ${flat(connection)}`,
    '',
    `${entries.length} node${entries.length === 1 ? '' : 's'} · read ${new Date(now).toISOString()}`,
    '',
  ];
  if (!entries.length) lines.push('The server reports no nodes for this job yet.');
  for (const e of entries) {
    lines.push(
      `## ${flat(e.node)}`,
      '',
      `State: ${flat(e.state)}${e.time !== undefined ? ` · ${new Date(e.time).toISOString()}` : ''}`,
      '',
    );
    if (!e.events.length) lines.push('No events.');
    else for (const ev of e.events) lines.push(eventLine(ev));
    lines.push('');
  }
  return lines.join('\n');
}
