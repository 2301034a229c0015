// Hover: a field's meaning on its key, and what a value resolved to on the server. Text from
// the file and from servers is escaped (markdownText): the hover is Markdown, and a package
// named `![x](https://tracker)` must stay text.
import type { DialectKind } from '../client/model';
import type { FileAnalysis, ConnectionInfo } from './analyze';
import { choiceNouns } from './choices';
import { contains, SpecFile, Span } from './document';
import { DIALECT_TITLES, FieldDef, dialectsWithField, fieldOf } from './fields';
import { markdownCode as code, markdownText as md } from '../shared/inertText';

const TYPE_WORDS: Record<FieldDef['type'], string> = {
  string: 'text',
  choice: 'name or id',
  choiceList: 'list of names or ids',
  stringList: 'list of text',
  boolean: 'true / false',
  integer: 'whole number',
  array: 'list',
  block: 'block',
  time: 'ISO date-time or unix seconds',
  cron: 'cron field',
};

export function fieldMarkdown(f: FieldDef, kind: DialectKind | undefined): string {
  const facts = [TYPE_WORDS[f.type], f.required ? 'required' : 'optional'];
  if (kind) facts.unshift(`${DIALECT_TITLES[kind]}`);
  let md = `**${f.key}** · ${facts.join(' · ')}\n\n${f.doc}`;
  if (f.sends) md += `\n\nSent as \`${f.sends}\`.`;
  return md;
}

interface HoverResult {
  markdown: string;
  span: Span;
}

export function hoverAt(
  file: SpecFile,
  analysis: FileAnalysis,
  connections: readonly ConnectionInfo[],
  offset: number,
  keys = true,
): HoverResult | undefined {
  const root = file.root;
  if (root?.type !== 'map') return undefined;
  for (const e of root.entries) {
    if (keys && contains(e.keySpan, offset)) {
      if (e.key === 'launches')
        return {
          span: e.keySpan,
          markdown:
            "**launches** · list · required\n\nThe launches of this file. Each item names a `connection` (or uses the one at the top) and the fields of that connection's kind. **▶ Launch** above an item launches it; **▶ Launch all** launches every item.",
        };
      if (e.key === 'connection')
        return {
          span: e.keySpan,
          markdown:
            '**connection** · text · optional\n\nThe default connection for every launch that does not name its own.',
        };
    }
    if (e.key === 'connection' && e.value && contains(e.value.span, offset))
      return connectionHover(e.value.span, file, connections);
  }
  for (const launch of file.launches) {
    if (!contains(launch.node.span, offset)) continue;
    const a = analysis.launches[launch.index];
    const kind = a?.connection?.kind;
    for (const [key, entry] of launch.fields) {
      if (keys && contains(entry.keySpan, offset)) {
        const def = fieldOf(kind, key);
        if (def) return { span: entry.keySpan, markdown: fieldMarkdown(def, kind) };
        const owners = dialectsWithField(key);
        if (owners.length) {
          const md = owners.map((k) => fieldMarkdown(fieldOf(k, key) as FieldDef, k)).join('\n\n---\n\n');
          return { span: entry.keySpan, markdown: md };
        }
        return undefined;
      }
      if (key === 'connection' && entry.value && contains(entry.value.span, offset))
        return connectionHover(entry.value.span, file, connections);
      const def = fieldOf(kind, key);
      if (keys && def?.fields && entry.value?.type === 'map') {
        for (const sub of entry.value.entries) {
          const subDef = def.fields.find((f) => f.key === sub.key);
          if (subDef && contains(sub.keySpan, offset))
            return { span: sub.keySpan, markdown: fieldMarkdown(subDef, kind) };
        }
      }
    }
    for (const v of a?.values ?? []) {
      if (!contains(v.span, offset)) continue;
      const noun = choiceNouns(v.field).one;
      const where = a.connection ? ` on ${md(a.connection.name)}` : '';
      if (!v.choice)
        return { span: v.span, markdown: `**${md(v.written)}** · ${noun}${where}\n\nNot found in the server's list.` };
      let text = `**${md(v.choice.label)}** · ${noun} ${code(v.choice.id)}${where}`;
      if (v.choice.description) text += `\n\n${md(v.choice.description)}`;
      return { span: v.span, markdown: text };
    }
  }
  return undefined;
}

function connectionHover(span: Span, file: SpecFile, connections: readonly ConnectionInfo[]): HoverResult | undefined {
  const name = file.text.slice(span.start, span.end).replace(/^["']|["']$/g, '');
  const c = connections.find((x) => x.name === name);
  if (!c)
    return {
      span,
      markdown: `**${md(name)}** · unknown connection\n\nAdd it to the \`jobdeck.connections\` setting (Jobdeck: Add Connection…).`,
    };
  const launch = c.canLaunch ? '' : `\n\n${DIALECT_TITLES[c.kind]} jobs cannot be launched from Jobdeck.`;
  return {
    span,
    markdown: `**${md(c.name)}** · ${DIALECT_TITLES[c.kind]} connection${c.url ? `\n\n${md(c.url)}` : ''}${launch}`,
  };
}
