// Unified diff bodies as CNaaS sends them: hunks (`@@ -15,7 +15,7 @@` …) without file
// headers. Parsed into numbered lines for the panel, and turned back into read-only
// before/after documents for VS Code's diff editor. Pure: shared by the host and the webview.
//
// Reconstruction can only know the lines inside hunks. The lines between hunks (and before
// the first) are filled so that every line keeps its real number: the first filler line of a
// gap holds GAP_MARKER, the rest are empty, and both sides get the same filler so the diff
// editor sees no change there. Nothing is added after the last hunk.

export type DiffLineKind = 'context' | 'add' | 'del';

export interface DiffLine {
  kind: DiffLineKind;
  /** The line without its one-character prefix. */
  text: string;
  /** Line number in the old document (context and deletions). */
  oldNo?: number;
  /** Line number in the new document (context and additions). */
  newNo?: number;
  /** Followed by "\ No newline at end of file". */
  noNewline?: boolean;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Text after the closing `@@` (often a function or section name). */
  section: string;
  lines: DiffLine[];
}

export interface ParsedDiff {
  hunks: Hunk[];
  added: number;
  removed: number;
  /** What did not look like a well-formed hunk body (the parse goes on leniently). */
  warnings: string[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

export function parseHunks(text: string): ParsedDiff {
  const out: ParsedDiff = { hunks: [], added: 0, removed: 0, warnings: [] };
  const lines = text.split(/\r?\n/);
  // A diff that ends with a newline leaves one empty string that is not a line.
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  let hunk: Hunk | undefined;
  let oldNo = 0;
  let newNo = 0;
  let oldLeft = 0;
  let newLeft = 0;
  let overrun = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const header = HUNK_HEADER.exec(line);
    if (header) {
      finish();
      hunk = {
        oldStart: Number(header[1]),
        oldLines: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newLines: header[4] === undefined ? 1 : Number(header[4]),
        section: header[5] ?? '',
        lines: [],
      };
      out.hunks.push(hunk);
      oldNo = hunk.oldStart;
      newNo = hunk.newStart;
      oldLeft = hunk.oldLines;
      newLeft = hunk.newLines;
      overrun = false;
      continue;
    }
    if (!hunk) {
      // File headers some servers add anyway; anything else before the first hunk is noted.
      if (!/^(---|\+\+\+|diff |index )/.test(line) && line.trim() !== '')
        out.warnings.push(`line ${i + 1}: text before the first hunk`);
      continue;
    }
    if (line.startsWith('\\')) {
      const prev = hunk.lines[hunk.lines.length - 1];
      if (prev) prev.noNewline = true;
      continue;
    }
    // Some tools strip the space of an empty context line; past the counts it is trailing noise.
    if (line === '' && oldLeft <= 0 && newLeft <= 0) continue;
    const prefix = line === '' ? ' ' : line[0];
    const body = line.slice(1);
    if (oldLeft <= 0 && newLeft <= 0 && !overrun) {
      overrun = true;
      out.warnings.push(`hunk @@ -${hunk.oldStart} +${hunk.newStart} @@ has more lines than its header says`);
    }
    if (prefix === '+') {
      hunk.lines.push({ kind: 'add', text: body, newNo: newNo++ });
      newLeft--;
      out.added++;
    } else if (prefix === '-') {
      hunk.lines.push({ kind: 'del', text: body, oldNo: oldNo++ });
      oldLeft--;
      out.removed++;
    } else {
      if (prefix !== ' ') out.warnings.push(`line ${i + 1}: unknown prefix, read as context`);
      hunk.lines.push({ kind: 'context', text: prefix === ' ' ? body : line, oldNo: oldNo++, newNo: newNo++ });
      oldLeft--;
      newLeft--;
    }
  }
  finish();
  if (!out.hunks.length && text.trim() !== '') out.warnings.push('no hunk header (@@ -a,b +c,d @@) found');
  return out;

  function finish(): void {
    if (hunk && (oldLeft > 0 || newLeft > 0))
      out.warnings.push(`hunk @@ -${hunk.oldStart} +${hunk.newStart} @@ has fewer lines than its header says`);
  }
}

/**
 * The +/− counts parseHunks would give, without building a line per line: a summary row of
 * a 50 MB diff must not cost its full parse. Same rules: only lines after the first hunk
 * header count, "+…" is added and "-…" removed.
 */
export function diffStat(text: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  let inHunk = false;
  let at = 0;
  const end = text.length;
  while (at < end) {
    let next = text.indexOf('\n', at);
    if (next < 0) next = end;
    // Only a well-formed header opens a hunk; any other "@@…" line counts as neither.
    if (isHunkHeader(text, at, next)) inHunk = true;
    else if (inHunk) {
      const c = text.charCodeAt(at);
      if (c === 0x2b /* + */) added++;
      else if (c === 0x2d /* - */) removed++;
    }
    at = next + 1;
  }
  return { added, removed };
}

/** Where the first hunk header at or after `from` (a line start) begins, or -1. */
export function nextHunkHeader(text: string, from: number): number {
  let at = from;
  while (at < text.length) {
    let next = text.indexOf('\n', at);
    if (next < 0) next = text.length;
    if (isHunkHeader(text, at, next)) return at;
    at = next + 1;
  }
  return -1;
}

/** Whether the line [at, next) (its "\r" left out) is a well-formed hunk header. */
function isHunkHeader(text: string, at: number, next: number): boolean {
  if (text.charCodeAt(at) !== 0x40 || text.charCodeAt(at + 1) !== 0x40) return false;
  const lineEnd = next > at && text.charCodeAt(next - 1) === 0x0d ? next - 1 : next;
  return HUNK_HEADER.test(text.slice(at, lineEnd));
}

export const GAP_MARKER = '⋯ lines not in the diff ⋯';

interface Gap {
  /** First filler line (1-based) on the old side and on the new side. */
  oldLine: number;
  newLine: number;
  count: number;
}

interface Reconstructed {
  before: string;
  after: string;
  /** Where filler stands in for lines the diff does not contain. */
  gaps: Gap[];
}

/** Before/after documents whose line numbers are those of the hunk headers. */
export function reconstruct(diff: ParsedDiff | string): Reconstructed {
  const parsed = typeof diff === 'string' ? parseHunks(diff) : diff;
  const before: string[] = [];
  const after: string[] = [];
  const gaps: Gap[] = [];
  let beforeNoNewline = false;
  let afterNoNewline = false;
  for (const hunk of parsed.hunks) {
    // A hunk without old (new) lines names the line after which it inserts (removes).
    const oldFirst = hunk.oldLines === 0 ? hunk.oldStart + 1 : hunk.oldStart;
    const newFirst = hunk.newLines === 0 ? hunk.newStart + 1 : hunk.newStart;
    const oldFill = Math.max(0, oldFirst - 1 - before.length);
    const newFill = Math.max(0, newFirst - 1 - after.length);
    const count = Math.max(oldFill, newFill);
    if (count > 0) {
      gaps.push({ oldLine: before.length + 1, newLine: after.length + 1, count });
      fill(before, oldFill);
      fill(after, newFill);
    }
    for (const line of hunk.lines) {
      if (line.kind !== 'add') {
        before.push(line.text);
        beforeNoNewline = line.noNewline === true;
      }
      if (line.kind !== 'del') {
        after.push(line.text);
        afterNoNewline = line.noNewline === true;
      }
    }
  }
  return {
    before: before.join('\n') + (before.length && !beforeNoNewline ? '\n' : ''),
    after: after.join('\n') + (after.length && !afterNoNewline ? '\n' : ''),
    gaps,
  };
}

function fill(lines: string[], n: number): void {
  for (let i = 0; i < n; i++) lines.push(i === 0 ? GAP_MARKER : '');
}
