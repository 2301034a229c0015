// Turns parsed hunks into the rows the diff view draws, inline or side by side, with long
// runs of unchanged lines folded. Pure (no DOM), so the folding and pairing are unit-tested.
import { nextHunkHeader, parseHunks, type DiffLine, type ParsedDiff } from '../shared/diffHunks';

/** Unchanged lines kept visible on each side of a change. */
const CONTEXT = 3;

export type DiffRow =
  | { t: 'hunk'; header: string }
  /** Inline: one line; a replaced line knows its counterpart (for the finer highlight). */
  | { t: 'line'; line: DiffLine; partner?: DiffLine }
  | { t: 'pair'; left?: DiffLine; right?: DiffLine }
  | { t: 'fold'; rows: DiffRow[] };

export type DiffMode = 'inline' | 'split';

export function diffRows(parsed: ParsedDiff, mode: DiffMode, context = CONTEXT): DiffRow[] {
  const out: DiffRow[] = [];
  for (const h of parsed.hunks) {
    out.push({
      t: 'hunk',
      header: `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@${h.section ? ` ${h.section}` : ''}`,
    });
    const rows = mode === 'inline' ? inlineLines(h.lines) : pairLines(h.lines);
    out.push(...fold(rows, context));
  }
  return out;
}

/**
 * The rows of a diff's first hunks, hunk by hunk until there are at least `min` (fewer when
 * the diff has no more): the first screenful of a 20,000-line diff does not wait for the
 * whole parse. They are the first rows diffRows gives for the whole text (a hunk's rows
 * depend on that hunk alone).
 */
export function leadingRows(text: string, mode: DiffMode, min: number, context = CONTEXT): DiffRow[] {
  const out: DiffRow[] = [];
  let at = nextHunkHeader(text, 0);
  while (at >= 0 && out.length < min) {
    const lineEnd = text.indexOf('\n', at);
    const next = lineEnd < 0 ? -1 : nextHunkHeader(text, lineEnd + 1);
    out.push(...diffRows(parseHunks(text.slice(at, next < 0 ? text.length : next)), mode, context));
    at = next;
  }
  return out;
}

/** Inline rows; the k-th deletion of a block and its k-th addition are partners. */
function inlineLines(lines: readonly DiffLine[]): DiffRow[] {
  // Pairing decides partners; the order stays that of the hunk (all deletions, then additions).
  const partner = new Map<DiffLine, DiffLine>();
  for (const row of pairLines(lines)) {
    if (row.t === 'pair' && row.left && row.right && row.left !== row.right) {
      partner.set(row.left, row.right);
      partner.set(row.right, row.left);
    }
  }
  return lines.map((line): DiffRow => ({ t: 'line', line, partner: partner.get(line) }));
}

/** Deletions followed by additions side by side, line for line; the rest one-sided. */
export function pairLines(lines: readonly DiffLine[]): DiffRow[] {
  const out: DiffRow[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.kind === 'context') {
      out.push({ t: 'pair', left: line, right: line });
      i++;
      continue;
    }
    const dels: DiffLine[] = [];
    const adds: DiffLine[] = [];
    while (i < lines.length && lines[i].kind === 'del') dels.push(lines[i++]);
    while (i < lines.length && lines[i].kind === 'add') adds.push(lines[i++]);
    for (let k = 0; k < Math.max(dels.length, adds.length); k++) out.push({ t: 'pair', left: dels[k], right: adds[k] });
  }
  return out;
}

function unchanged(r: DiffRow): boolean {
  if (r.t === 'line') return r.line.kind === 'context';
  if (r.t === 'pair') return r.left?.kind === 'context';
  return false;
}

/** Folds runs of unchanged rows longer than 2·context+1, keeping `context` rows next to changes. */
export function fold(rows: DiffRow[], context = CONTEXT): DiffRow[] {
  const out: DiffRow[] = [];
  let i = 0;
  while (i < rows.length) {
    if (!unchanged(rows[i])) {
      out.push(rows[i++]);
      continue;
    }
    let j = i;
    while (j < rows.length && unchanged(rows[j])) j++;
    const keepBefore = i === 0 ? 0 : context;
    const keepAfter = j === rows.length ? 0 : context;
    const run = rows.slice(i, j);
    if (run.length > keepBefore + keepAfter + 1) {
      out.push(...run.slice(0, keepBefore));
      out.push({ t: 'fold', rows: run.slice(keepBefore, run.length - keepAfter) });
      out.push(...run.slice(run.length - keepAfter));
    } else {
      out.push(...run);
    }
    i = j;
  }
  return out;
}

/**
 * The changed middle of a replaced line (common prefix and suffix left out), for a finer
 * highlight. Undefined when the lines share nothing worth showing.
 */
export function changedRange(a: string, b: string): { start: number; endA: number; endB: number } | undefined {
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  if (start === 0 && endA === a.length && endB === b.length) return undefined;
  return { start, endA, endB };
}
