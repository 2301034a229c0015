// Text from servers, spec files and workspace settings, made inert for VS Code's own surfaces.
// VS Code renders `[label](command:…)` (and http/file links) in notification and dialog text
// and in input box prompts and validation messages, where a click runs the command with the
// link's arguments; it renders `$(icon)` in quick pick rows, quick input titles, prompts and
// the status bar. A job name is anyone's to choose on a shared server, so every such text goes
// through `inert` at the call that shows it (a unit test reads the source to hold us to it).
//
// The syntax is broken with U+2060 WORD JOINER, which shows nothing and breaks no line: the
// text reads the same, `](` and `$(` no longer match. A leading `(` and a trailing `]` or `$`
// are broken too, so no two inert texts, or an inert text and our own words, can be put
// together into a link or an icon. Markdown (hovers, tooltips) is the other case: there the
// text is escaped (`markdownText`, or MarkdownString.appendText) in a string that trusts nothing.
// No VS Code import: the language server (hovers) uses this file too.

const JOINER = '\u2060';

/** Longest text inert gives back: more than any of these surfaces shows (a notification shows 1,000). */
const MAX_SHOWN = 8_000;

/** Server (or workspace) text for a notification, dialog, quick pick, input box or status bar. */
export function inert(text: string): string {
  const s = String(text);
  return (s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN - 1)}…` : s)
    .replace(/\]\(/g, `]${JOINER}(`)
    .replace(/\$\(/g, `$${JOINER}(`)
    .replace(/^\(/, `${JOINER}(`)
    .replace(/[\]$]$/, `$&${JOINER}`);
}

/**
 * Text put into Markdown as text (hovers): one line of at most `max` characters, where every
 * character Markdown (or HTML in it) could read is escaped.
 */
export function markdownText(text: string, max = 500): string {
  const line = oneLine(text, max);
  // A hyphen starts a list only at the start of a line; elsewhere names are full of them.
  return line.replace(/[\\`*_{}[\]()#+.!|<>~$&:]/g, '\\$&').replace(/^-/, '\\-');
}

/** Text as a Markdown code span (an id): fenced by more backticks than it holds, so nothing in it is read. */
export function markdownCode(text: string, max = 200): string {
  const line = oneLine(text, max);
  if (!line) return '';
  let longest = 0;
  let run = 0;
  for (const c of line) {
    run = c === '`' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/** One line of at most `max` characters, without control or bidi characters (a bounded head is read). */
function oneLine(text: string, max: number): string {
  const head = String(text).slice(0, max * 8 + 64);
  // eslint-disable-next-line no-control-regex
  const flat = head.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
