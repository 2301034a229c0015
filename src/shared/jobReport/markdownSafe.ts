// Server text written into Markdown that people paste into change tickets (GitHub, GitLab,
// Jira's Markdown, Azure DevOps). A job name is anyone's to choose on a shared server, so no
// text of the server may become a link, an image, HTML, a heading, a list or a table column:
// every character a Markdown or HTML reader could act on is backslash-escaped (CommonMark
// allows the escape before any ASCII punctuation), lines are joined, and control and bidi
// characters go. Bulky text (a diff, a traceback) goes into a fenced block whose fence is
// longer than any run of its fence character inside, so the text cannot close it.
// Pure (no VS Code): unit-tested.

// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\u001b\[[0-9;]*[A-Za-z]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+/g;
// eslint-disable-next-line no-control-regex
const CONTROL_IN_BLOCK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/**
 * ASCII punctuation a Markdown reader acts on: emphasis, code, links and images, headings, lists,
 * tables, HTML and entities, math (`$`), and what an autolinker looks for (`www.`, `x:`, `a@b`).
 */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#.!|<>~$&:@]/g;

/** Text as one Markdown line of at most `max` characters, with nothing in it a reader acts on. */
export function mdText(text: string, max = 500): string {
  const flat = String(text)
    .slice(0, max * 4 + 64)
    .replace(ANSI_ESCAPE, '')
    .replace(CONTROL_OR_BIDI, ' ');
  const line = flat.replace(/\s+/g, ' ').trim();
  const cut = line.length > max ? `${line.slice(0, max - 1)}…` : line;
  // `-` and `+` start a list (or a rule) only at the start of a line.
  return cut.replace(MARKDOWN_PUNCTUATION, '\\$&').replace(/^[-+]/, '\\$&');
}

/**
 * A table cell: as `mdText`, so a pipe is `\|` (GFM reads an escaped pipe as text in a cell)
 * and a newline a space; an empty cell shows a dash rather than collapsing.
 */
export function mdCell(text: string | undefined, max = 300): string {
  const t = text === undefined ? '' : mdText(text, max);
  return t || '–';
}

/** An id or a URL as a code span: fenced by more backticks than it holds, one line. */
export function mdCode(text: string, max = 300): string {
  const line = String(text)
    .slice(0, max * 4 + 64)
    .replace(CONTROL_OR_BIDI, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = line.length > max ? `${line.slice(0, max - 1)}…` : line;
  if (!cut) return '';
  // A pipe ends a table cell even inside a code span (GFM): it is escaped there too.
  const body = cut.replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestRun(body, '`') + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced block (info string `lang`, ours) that nothing inside can close. */
export function mdBlock(text: string, lang = ''): string {
  const body = String(text).replace(ANSI_ESCAPE, '').replace(/\r\n?/g, '\n').replace(CONTROL_IN_BLOCK, '');
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${fence}${lang}\n${body.replace(/\n$/, '')}\n${fence}`;
}

function longestRun(text: string, c: string): number {
  let longest = 0;
  let run = 0;
  for (const x of text) {
    run = x === c ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}
