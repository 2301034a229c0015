// A spec file (`*.jobdeck.yaml`, `*.jobdeck.yml`, `*.jobdeck.json`) parsed into a small tree
// whose every node keeps its offsets in the text. YAML 1.2 is a superset of JSON, so one parser
// (eemeli/yaml, error-tolerant) reads both; positions come from its node ranges.
//
// A spec file is untrusted input (a repository ships it), and the language server reads it on
// every keystroke, so reading it is linear in its size:
// - aliases are expanded into the tree (an alias reads as its target), but only up to a
//   budget: a few hundred bytes of nested aliases expand to billions of nodes (the "billion
//   laughs"), as the yaml library's own `maxAliasCount` guards against in toJS;
// - an alias finds its anchor in a map built in one pass (yaml's Alias.resolve walks the whole
//   document for each alias);
// - duplicate keys are found with a Set per map (yaml's `uniqueKeys` compares every key with
//   every other: 1 MB of keys took minutes).
import * as l10n from '@vscode/l10n';
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node,
} from 'yaml';
import { count } from '../shared/format';

/** Offsets into the text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export type SpecNode = SpecMap | SpecSeq | SpecScalar;

export interface SpecMap {
  type: 'map';
  span: Span;
  entries: SpecEntry[];
}

export interface SpecSeq {
  type: 'seq';
  span: Span;
  items: SpecNode[];
}

export interface SpecScalar {
  type: 'scalar';
  span: Span;
  value: string | number | boolean | null;
  /** Written in quotes (a quoted "12" is a name, not a number). */
  quoted: boolean;
}

export interface SpecEntry {
  key: string;
  keySpan: Span;
  /** Undefined only for a key without a value node at all (YAML `key` with no colon). */
  value?: SpecNode;
  /** Key through value. */
  span: Span;
}

export interface SyntaxProblem {
  message: string;
  span: Span;
}

/** One element of `launches:`. */
export interface LaunchNode {
  index: number;
  /** The item as written; a non-map item is reported by validation. */
  node: SpecNode;
  /** Field entries by key (first occurrence; duplicates are syntax errors in YAML). */
  fields: Map<string, SpecEntry>;
}

export interface SpecFile {
  text: string;
  format: 'yaml' | 'json';
  root?: SpecNode;
  /** Top-level `connection:`, the default for launches without one. */
  connection?: SpecEntry;
  launchesEntry?: SpecEntry;
  launches: LaunchNode[];
  /** Top-level keys other than the known ones. */
  otherTopLevel: SpecEntry[];
  syntax: SyntaxProblem[];
  lines: LineIndex;
}

export const TOP_LEVEL_KEYS = ['connection', 'launches', '$schema'] as const;

export function formatOf(uriOrPath: string): 'yaml' | 'json' {
  return /\.json$/i.test(uriOrPath) ? 'json' : 'yaml';
}

export function parseSpec(text: string, format: 'yaml' | 'json' = 'yaml'): SpecFile {
  const doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false, strict: false });
  const syntax: SyntaxProblem[] = [...doc.errors, ...doc.warnings].map((e) => ({
    message: firstLine(e.message),
    span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
  }));
  const root = doc.contents ? new Converter(doc, syntax).convert(doc.contents as Node, 0) : undefined;
  syntax.sort((a, b) => a.span.start - b.span.start);
  const file: SpecFile = { text, format, root, launches: [], otherTopLevel: [], syntax, lines: new LineIndex(text) };
  if (root?.type === 'map') {
    for (const entry of root.entries) {
      if (entry.key === 'connection') file.connection ??= entry;
      else if (entry.key === 'launches') file.launchesEntry ??= entry;
      else if (entry.key !== '$schema') file.otherTopLevel.push(entry);
    }
  }
  const list = file.launchesEntry?.value;
  if (list?.type === 'seq') {
    list.items.forEach((node, index) => {
      const fields = new Map<string, SpecEntry>();
      if (node.type === 'map') for (const e of node.entries) if (!fields.has(e.key)) fields.set(e.key, e);
      file.launches.push({ index, node, fields });
    });
  }
  return file;
}

const MAX_DEPTH = 64;
/** Nodes aliases may add to the tree, over the whole file (a real spec file's aliases add dozens). */
export const MAX_ALIAS_NODES = 10_000;
/** Nodes the tree may hold in all: far above any real spec file, a bound on memory for any text. */
export const MAX_NODES = 200_000;
/**
 * The spec-file checks' sentences are English (the language server does not localize them
 * yet), so their numbers are grouped as English groups them.
 */
const PROBLEM_LOCALE = 'en';

class Converter {
  private nodes = 0;
  private aliasNodes = 0;
  /** Set while converting an alias's target: its nodes count against the alias budget. */
  private inAlias = 0;
  private reported = new Set<string>();
  /** Each alias's anchor: the last node before it with that anchor, in document order. */
  private readonly targets = new Map<Alias, Node>();

  constructor(
    doc: Document,
    private readonly syntax: SyntaxProblem[],
  ) {
    const anchors = new Map<string, Node>();
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) {
          const target = anchors.get(node.source);
          if (target) this.targets.set(node, target);
        } else if (node.anchor) anchors.set(node.anchor, node);
      },
    });
  }

  convert(node: Node, depth: number): SpecNode {
    const span = spanOf(node);
    if (depth > MAX_DEPTH) return nothing(span);
    if (!this.take(span)) return nothing(span);
    if (isAlias(node)) {
      // An alias reads as its target, at the alias's own place in the text.
      const target = this.targets.get(node);
      if (!target) return nothing(span);
      if (this.aliasNodes >= MAX_ALIAS_NODES) {
        this.take(span, true); // reports the spent budget, once
        return nothing(span);
      }
      this.inAlias++;
      try {
        return { ...this.convert(target, depth + 1), span };
      } finally {
        this.inAlias--;
      }
    }
    if (isMap(node)) {
      const entries: SpecEntry[] = [];
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (this.spent(span)) break;
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const valueNode = pair.value as Node | null;
        const keySpan = keyNode ? spanOf(keyNode) : { start: span.start, end: span.start };
        const key = keyNode && isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode.toString()) : '';
        if (seen.has(key)) {
          if (!this.inAlias)
            this.syntax.push({
              message: l10n.t('Map keys must be unique'),
              span: { start: keySpan.start, end: Math.max(keySpan.end, keySpan.start + 1) },
            });
        } else seen.add(key);
        const value = valueNode ? this.convert(valueNode, depth + 1) : undefined;
        entries.push({
          key,
          keySpan,
          value,
          span: { start: keySpan.start, end: value ? value.span.end : keySpan.end },
        });
      }
      return { type: 'map', span, entries };
    }
    if (isSeq(node)) {
      const items: SpecNode[] = [];
      for (const item of node.items) {
        if (this.spent(span)) break;
        if (item === null || item === undefined) continue;
        items.push(this.convert(item as Node, depth + 1));
      }
      return { type: 'seq', span, items };
    }
    if (isScalar(node)) {
      const v = node.value;
      const value =
        typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
          ? v
          : v === null || v === undefined
            ? null
            : String(v);
      const quoted =
        node.type === 'QUOTE_DOUBLE' ||
        node.type === 'QUOTE_SINGLE' ||
        node.type === 'BLOCK_LITERAL' ||
        node.type === 'BLOCK_FOLDED';
      return { type: 'scalar', span, value, quoted };
    }
    return nothing(span);
  }

  /** Whether the items left of a map or list can no longer be read (a budget is spent; said once). */
  private spent(span: Span): boolean {
    if (this.nodes >= MAX_NODES) return !this.take(span);
    if (this.inAlias > 0 && this.aliasNodes >= MAX_ALIAS_NODES) return !this.take(span);
    return false;
  }

  /** Counts one node against the budgets; false (and one problem) once a budget is spent. */
  private take(span: Span, alias = this.inAlias > 0): boolean {
    if (alias && ++this.aliasNodes > MAX_ALIAS_NODES) {
      this.report(
        'aliases',
        l10n.t(
          'Aliases in this file expand to more than {0} values (an alias bomb?): the rest of what they point to is not read.',
          count(MAX_ALIAS_NODES, PROBLEM_LOCALE),
        ),
        span,
      );
      return false;
    }
    if (++this.nodes > MAX_NODES) {
      this.report(
        'nodes',
        l10n.t('This file holds more than {0} values: the rest is not read.', count(MAX_NODES, PROBLEM_LOCALE)),
        span,
      );
      return false;
    }
    return true;
  }

  private report(kind: string, message: string, span: Span): void {
    if (this.reported.has(kind)) return;
    this.reported.add(kind);
    // Where reading stopped: the start of the node (a whole list would underline megabytes).
    this.syntax.push({ message, span: { start: span.start, end: span.start + 1 } });
  }
}

function nothing(span: Span): SpecScalar {
  return { type: 'scalar', span, value: null, quoted: false };
}

function spanOf(node: Node): Span {
  const r = node.range;
  if (!r) return { start: 0, end: 0 };
  return { start: r[0], end: r[1] };
}

function firstLine(message: string): string {
  return message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
}

/** Offset ↔ line/character (UTF-16 code units, as LSP counts them). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offset(position: { line: number; character: number }): number {
    if (position.line >= this.starts.length) return this.text.length;
    const lineStart = this.starts[Math.max(0, position.line)];
    const lineEnd = position.line + 1 < this.starts.length ? this.starts[position.line + 1] - 1 : this.text.length;
    return Math.min(lineStart + Math.max(0, position.character), lineEnd);
  }

  range(span: Span): { start: { line: number; character: number }; end: { line: number; character: number } } {
    return { start: this.position(span.start), end: this.position(span.end) };
  }
}

export function contains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}
