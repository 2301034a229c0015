// Completion in spec files. The text under the cursor is replaced by a placeholder and parsed
// again: where the placeholder lands in the tree (a key of a launch, the value of `package:`, an
// item of `packages:`…) says what to offer, however unfinished the rest of the line is.
import * as l10n from '@vscode/l10n';
import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind } from './lsp';
import type { ChoiceField } from '../client/launch/fields';
import type { DialectKind } from '../client/model';
import type { ChoiceState, ConnectionInfo } from './analyze';
import { insertValueOf } from './choices';
import { LineIndex, parseSpec, SpecEntry, SpecNode, Span } from './document';
import { commonFields, DIALECT_TITLES, FieldDef, fieldOf, fieldsOf } from './fields';
import { fieldMarkdown } from './hover';
import { markdownText } from '../shared/inertText';

const PLACEHOLDER = 'jobdeck__cursor__';
const STOP = new Set(['\n', '\r', ',', '[', ']', '{', '}', ':', '"', "'", '#']);

type CompletionContext =
  | { at: 'rootKey'; replace: Span; present: string[] }
  | { at: 'launchKey'; replace: Span; present: string[]; connection?: string }
  | { at: 'blockKey'; replace: Span; present: string[]; key: string; connection?: string }
  | {
      at: 'value';
      replace: Span;
      key: string;
      connection?: string;
      quote?: '"' | "'";
      inList: boolean;
      space?: boolean;
    };

/** What the cursor is on, or undefined where nothing can be offered (comments, inside tasks). */
export function completionContext(
  text: string,
  format: 'yaml' | 'json',
  offset: number,
): CompletionContext | undefined {
  let start = offset;
  while (start > 0 && !STOP.has(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && !STOP.has(text[end])) end++;
  // Leading blanks and `- ` list markers are not part of the word; trailing blanks neither.
  const lead = /^(?:[ \t]*-(?=[ \t]|$))*[ \t]*/.exec(text.slice(start, offset));
  start += lead ? lead[0].length : 0;
  while (end > offset && /[ \t]/.test(text[end - 1])) end--;
  if (inComment(text, start)) return undefined;
  const quote = text[start - 1] === '"' || text[start - 1] === "'" ? (text[start - 1] as '"' | "'") : undefined;
  // `key:|` in YAML: a value needs a blank after the colon, so the probe (and the insert) get one.
  const space = format === 'yaml' && text[start - 1] === ':' ? ' ' : '';
  const probe = parseSpec(text.slice(0, start) + space + PLACEHOLDER + text.slice(end), format);
  const replace = { start, end };
  const root = probe.root;
  if (!root) return undefined;
  if (root.type === 'scalar' && root.value === PLACEHOLDER) return { at: 'rootKey', replace, present: [] };
  if (root.type !== 'map') return undefined;

  const value = (key: string, connection: string | undefined, inList: boolean): CompletionContext => ({
    at: 'value',
    replace,
    key,
    connection,
    quote,
    inList,
    space: Boolean(space),
  });
  const keys = (m: { entries: SpecEntry[] }) => m.entries.map((e) => e.key).filter((k) => k !== PLACEHOLDER);
  const rootConnection = textOf(probe.connection?.value);
  for (const e of root.entries) {
    if (e.key === PLACEHOLDER) return { at: 'rootKey', replace, present: keys(root) };
    if (e.key === 'connection' && isPlaceholder(e.value)) return value('connection', undefined, false);
  }
  const list = probe.launchesEntry?.value;
  if (list?.type !== 'seq') return undefined;
  for (const item of list.items) {
    if (isPlaceholder(item)) return { at: 'launchKey', replace, present: [], connection: rootConnection };
    if (item.type !== 'map' || !within(item.span, start)) continue;
    const own = item.entries.find((e) => e.key === 'connection');
    const connection = own ? textOf(own.value) : rootConnection;
    for (const e of item.entries) {
      if (e.key === PLACEHOLDER) return { at: 'launchKey', replace, present: keys(item), connection };
      if (isPlaceholder(e.value)) return value(e.key, connection, false);
      if (e.value?.type === 'seq' && e.value.items.some(isPlaceholder)) return value(e.key, connection, true);
      if (e.value?.type === 'map' && e.value.entries.some((sub) => sub.key === PLACEHOLDER)) {
        return { at: 'blockKey', replace, present: keys(e.value), key: e.key, connection };
      }
    }
  }
  return undefined;
}

export interface CompletionEnv {
  connections: readonly ConnectionInfo[];
  /** Live values of a connection (fetched or from the cache). */
  choices(connection: string, field: ChoiceField): Promise<ChoiceState>;
}

export async function complete(
  text: string,
  format: 'yaml' | 'json',
  offset: number,
  env: CompletionEnv,
): Promise<CompletionItem[]> {
  const ctx = completionContext(text, format, offset);
  if (!ctx) return [];
  const lines = new LineIndex(text);
  const range = lines.range(ctx.replace);
  const json = format === 'json';
  const kindOf = (name: string | undefined): DialectKind | undefined =>
    env.connections.find((c) => c.name === name)?.kind;

  if (ctx.at === 'rootKey' || ctx.at === 'launchKey' || ctx.at === 'blockKey') {
    // In JSON files the JSON Schema (jsonValidation) completes keys; offering them twice helps no one.
    if (json) return [];
    const kind = ctx.at === 'rootKey' ? undefined : kindOf(ctx.connection);
    let defs: readonly FieldDef[];
    if (ctx.at === 'rootKey') defs = rootFields();
    else if (ctx.at === 'blockKey') defs = fieldOf(kind, ctx.key)?.fields ?? [];
    else defs = kind ? fieldsOf(kind) : commonFields();
    return defs
      .filter((f) => !ctx.present.includes(f.key))
      .map((f, i) => {
        const item: CompletionItem = {
          label: f.key,
          kind: CompletionItemKind.Property,
          detail: kind
            ? f.required
              ? l10n.t('{0} launch · required', DIALECT_TITLES[kind])
              : l10n.t('{0} launch', DIALECT_TITLES[kind])
            : f.required
              ? l10n.t('required')
              : undefined,
          documentation: { kind: MarkupKind.Markdown, value: fieldMarkdown(f, kind) },
          sortText: `${f.key === 'connection' || f.required ? '0' : '1'}${String(i).padStart(2, '0')}`,
          textEdit: { range, newText: `${f.key}: ${f.snippet ?? ''}` },
          insertTextFormat: InsertTextFormat.Snippet,
        };
        if (!f.snippet && (f.choice || f.key === 'connection'))
          item.command = { title: l10n.t('Suggest'), command: 'editor.action.triggerSuggest' };
        return item;
      });
  }

  const written = (value: string): string => (ctx.space ? ' ' : '') + quoted(value);
  const quoted = (value: string): string => {
    if (ctx.quote) return json || ctx.quote === '"' ? JSON.stringify(value).slice(1, -1) : value.replace(/'/g, "''");
    return json ? JSON.stringify(value) : yamlPlain(value);
  };
  if (ctx.key === 'connection' && !ctx.inList) {
    return env.connections.map((c) => ({
      label: c.name,
      kind: CompletionItemKind.Module,
      detail: c.canLaunch ? DIALECT_TITLES[c.kind] : l10n.t('{0} (cannot launch)', DIALECT_TITLES[c.kind]),
      documentation: c.url
        ? {
            kind: MarkupKind.Markdown,
            value: l10n.t('{0} connection at {1}', DIALECT_TITLES[c.kind], markdownText(c.url)),
          }
        : undefined,
      textEdit: { range, newText: written(c.name) },
    }));
  }
  const kind = kindOf(ctx.connection);
  const def = fieldOf(kind, ctx.key);
  if (!def || !ctx.connection) return [];
  if (def.type === 'boolean' && !ctx.inList) {
    return ['true', 'false'].map((b) => ({
      label: b,
      kind: CompletionItemKind.Value,
      textEdit: { range, newText: (ctx.space ? ' ' : '') + b },
    }));
  }
  if (!def.choice || (def.type === 'choiceList') !== ctx.inList) return [];
  const state = await env.choices(ctx.connection, def.choice);
  if (state.status !== 'ok') {
    // One inert entry that says why the list is empty, instead of an empty list.
    return [
      {
        label: state.status === 'error' ? l10n.t('(could not read from {0})', ctx.connection) : l10n.t('(loading…)'),
        kind: CompletionItemKind.Text,
        detail: state.status === 'error' ? state.message : undefined,
        textEdit: { range, newText: text.slice(ctx.replace.start, ctx.replace.end) },
        filterText: text.slice(ctx.replace.start, ctx.replace.end),
        sortText: 'zz',
      },
    ];
  }
  return state.choices.map((c, i) => {
    const insert = insertValueOf(c, state.choices);
    return {
      label: c.label,
      kind: CompletionItemKind.Value,
      detail: c.id !== c.label ? `${def.choice} ${c.id}` : def.choice,
      documentation: c.description ? { kind: MarkupKind.PlainText, value: c.description } : undefined,
      labelDetails: c.id !== c.label ? { description: l10n.t('id {0}', c.id) } : undefined,
      filterText: c.id !== c.label ? `${c.label} ${c.id}` : c.label,
      sortText: String(i).padStart(5, '0'),
      textEdit: { range, newText: written(insert) },
    };
  });
}

/** The keys at the top of a file (made when asked: the words are in the display language). */
function rootFields(): readonly FieldDef[] {
  return [
    {
      key: 'launches',
      type: 'array',
      required: true,
      label: l10n.t('Launches'),
      doc: l10n.t('The launches of this file, one list item each (`- connection: …` and the fields of its kind).'),
      snippet: '\n  - connection: $0',
    },
    { ...commonFields()[0], doc: l10n.t('The default connection for every launch that does not name its own.') },
  ];
}

/** A YAML plain scalar when it reads back as the same string, else a double-quoted one. */
export function yamlPlain(value: string): string {
  const plain =
    /^[A-Za-z0-9_./@][A-Za-z0-9_ ./@()+-]*$/.test(value) &&
    !/\s$/.test(value) &&
    !/^(true|false|yes|no|on|off|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)(e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan)$/i.test(
      value,
    );
  // A numeric id stays unquoted: it is read back as the same number, which resolves as an id.
  return plain || /^\d+$/.test(value) ? value : JSON.stringify(value);
}

function isPlaceholder(n: SpecNode | undefined): boolean {
  return n?.type === 'scalar' && n.value === PLACEHOLDER;
}

function textOf(n: SpecNode | undefined): string | undefined {
  return n?.type === 'scalar' && n.value !== null && typeof n.value !== 'boolean' ? String(n.value) : undefined;
}

function within(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

function inComment(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  // A # that starts a comment: at line start or after a blank, outside quotes (good enough here).
  let quote: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const ch = before[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(before[i - 1]))) return true;
  }
  return false;
}
