// A spec file (`*.jobdeck.yaml`, `*.jobdeck.yml`, `*.jobdeck.json`) parsed into a small tree
// whose every node keeps its offsets in the text. YAML 1.2 is a superset of JSON, so one parser
// (eemeli/yaml, error-tolerant) reads both; positions come from its node ranges.
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

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
  const doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: true, strict: false });
  const syntax: SyntaxProblem[] = [...doc.errors, ...doc.warnings].map((e) => ({
    message: firstLine(e.message),
    span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
  }));
  const root = doc.contents ? convert(doc.contents as Node, doc, 0) : undefined;
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

function convert(node: Node, doc: Document, depth: number): SpecNode {
  const span = spanOf(node);
  if (depth > MAX_DEPTH) return { type: 'scalar', span, value: null, quoted: false };
  if (isAlias(node)) {
    // An alias reads as its target, at the alias's own place in the text.
    const target = node.resolve(doc);
    const resolved = target ? convert(target as Node, doc, depth + 1) : undefined;
    return resolved ? { ...resolved, span } : { type: 'scalar', span, value: null, quoted: false };
  }
  if (isMap(node)) {
    const entries: SpecEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      const keySpan = keyNode ? spanOf(keyNode) : { start: span.start, end: span.start };
      const key = keyNode && isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode.toString()) : '';
      const value = valueNode ? convert(valueNode, doc, depth + 1) : undefined;
      entries.push({ key, keySpan, value, span: { start: keySpan.start, end: value ? value.span.end : keySpan.end } });
    }
    return { type: 'map', span, entries };
  }
  if (isSeq(node)) {
    const items: SpecNode[] = [];
    for (const item of node.items) {
      if (item === null || item === undefined) continue;
      items.push(convert(item as Node, doc, depth + 1));
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
