// Hover: a field's meaning on its key, and what a value resolved to on the server. Text from
// the file and from servers is escaped (markdownText): the hover is Markdown, and a package
// named `![x](https://tracker)` must stay text.
import * as l10n from '@vscode/l10n';
import type { DialectKind } from '../client/model';
import type { FileAnalysis, ConnectionInfo } from './analyze';
import { choiceNouns } from './choices';
import { contains, SpecFile, Span } from './document';
import { DIALECT_TITLES, FieldDef, dialectsWithField, fieldOf } from './fields';
import { markdownCode as code, markdownText as md } from '../shared/inertText';

/** How a hover names a field's type (made when asked: the words are in the display language). */
function typeWords(type: FieldDef['type']): string {
  const words: Record<FieldDef['type'], string> = {
    string: l10n.t('text'),
    choice: l10n.t('name or id'),
    choiceList: l10n.t('list of names or ids'),
    stringList: l10n.t('list of text'),
    boolean: l10n.t('true / false'),
    integer: l10n.t('whole number'),
    array: l10n.t('list'),
    block: l10n.t('block'),
    time: l10n.t('ISO date-time or unix seconds'),
    cron: l10n.t('cron field'),
  };
  return words[type];
}

/** A hover's first line: the key (a word of the file, not translated) and what it is. */
function keyLine(key: string, facts: string[]): string {
  return `**${key}** · ${facts.join(' · ')}`;
}

export function fieldMarkdown(f: FieldDef, kind: DialectKind | undefined): string {
  const facts = [typeWords(f.type), f.required ? l10n.t('required') : l10n.t('optional')];
  if (kind) facts.unshift(`${DIALECT_TITLES[kind]}`);
  let md = `${keyLine(f.key, facts)}\n\n${f.doc}`;
  if (f.sends) md += `\n\n${l10n.t('Sent as {0}.', `\`${f.sends}\``)}`;
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
          markdown: `${keyLine('launches', [l10n.t('list'), l10n.t('required')])}\n\n${l10n.t(
            "The launches of this file. Each item names a `connection` (or uses the one at the top) and the fields of that connection's kind. **▶ Launch** above an item launches it; **▶ Launch all** launches every item.",
          )}`,
        };
      if (e.key === 'connection')
        return {
          span: e.keySpan,
          markdown: `${keyLine('connection', [l10n.t('text'), l10n.t('optional')])}\n\n${l10n.t(
            'The default connection for every launch that does not name its own.',
          )}`,
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
      const where = a.connection ? ` ${l10n.t('on {0}', md(a.connection.name))}` : '';
      if (!v.choice)
        return {
          span: v.span,
          markdown: `**${md(v.written)}** · ${noun}${where}\n\n${l10n.t("Not found in the server's list.")}`,
        };
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
      markdown: `**${md(name)}** · ${l10n.t('unknown connection')}\n\n${l10n.t(
        'Add it to the `jobdeck.connections` setting (Jobdeck: Add Connection…).',
      )}`,
    };
  const launch = c.canLaunch
    ? ''
    : `\n\n${l10n.t('{0} jobs cannot be launched from Jobdeck.', DIALECT_TITLES[c.kind])}`;
  return {
    span,
    markdown: `**${md(c.name)}** · ${l10n.t('{0} connection', DIALECT_TITLES[c.kind])}${c.url ? `\n\n${md(c.url)}` : ''}${launch}`,
  };
}
