// Addresses of Compare Jobs' documents: `jobdeck-compare:/<a> ↔ <b>.md?<json {c, a, b}>`,
// read-only Markdown made from the two jobs' details. The path is only the tab's title (and
// its `.md` makes VS Code treat it as Markdown); the query says which jobs. Pure.

export const COMPARE_SCHEME = 'jobdeck-compare';

export interface CompareRef {
  connection: string;
  /** The first run's job id. */
  a: string;
  /** The second run's job id. */
  b: string;
}

// eslint-disable-next-line no-control-regex
const NOT_IN_TITLE = /[\\/\u0000-\u001f\u007f]+/g;

export function compareUriParts(ref: CompareRef, titleA: string, titleB: string): { path: string; query: string } {
  const clean = (t: string) => t.replace(NOT_IN_TITLE, ' ').replace(/\s+/g, ' ').trim().slice(0, 60) || 'job';
  return {
    path: `/Compare ${clean(titleA)} ↔ ${clean(titleB)}.md`,
    query: JSON.stringify({ c: ref.connection, a: ref.a, b: ref.b }),
  };
}

export function parseCompareQuery(query: string): CompareRef | undefined {
  try {
    const o = JSON.parse(query) as { c?: unknown; a?: unknown; b?: unknown };
    if (typeof o.c !== 'string' || typeof o.a !== 'string' || typeof o.b !== 'string') return undefined;
    return { connection: o.c, a: o.a, b: o.b };
  } catch {
    return undefined;
  }
}
