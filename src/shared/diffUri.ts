// Addresses of the read-only before/after documents of a step's diff:
// `jobdeck-diff:/<label> (before)?<json {connection, jobId, path, side}>`. The path part is
// only what the editor tab shows; the query says which diff. Sides `diff` and `output` are a
// target's diff text and text output themselves (a device's: its steps'), which Compare Jobs
// puts side by side for two runs. Pure (no VS Code), unit-tested.

export const DIFF_SCHEME = 'jobdeck-diff';

export type DiffSide = 'before' | 'after' | 'diff' | 'output';
const SIDES: readonly string[] = ['before', 'after', 'diff', 'output'];

export interface DiffRef {
  connection: string;
  jobId: string;
  /** Target ids from the top level down to the step with the diff. */
  path: string[];
  side: DiffSide;
}

interface DiffUriParts {
  path: string;
  query: string;
}

// eslint-disable-next-line no-control-regex -- the characters a tab title must not hold
const SLASHES_AND_CONTROLS = /[\\/\u0000-\u001f\u007f]+/g;

export function diffUriParts(ref: DiffRef, label: string): DiffUriParts {
  // A tab title, not a file: no slashes (they would read as folders), nothing invisible.
  const name = label.replace(SLASHES_AND_CONTROLS, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) || 'diff';
  return {
    path: `/${name} (${ref.side})`,
    query: JSON.stringify({ c: ref.connection, j: ref.jobId, p: ref.path, s: ref.side }),
  };
}

export function parseDiffQuery(query: string): DiffRef | undefined {
  try {
    const o = JSON.parse(query) as { c?: unknown; j?: unknown; p?: unknown; s?: unknown };
    if (
      typeof o.c !== 'string' ||
      typeof o.j !== 'string' ||
      !Array.isArray(o.p) ||
      !o.p.every((x) => typeof x === 'string')
    )
      return undefined;
    if (typeof o.s !== 'string' || !SIDES.includes(o.s)) return undefined;
    return { connection: o.c, jobId: o.j, path: o.p as string[], side: o.s as DiffSide };
  } catch {
    return undefined;
  }
}
