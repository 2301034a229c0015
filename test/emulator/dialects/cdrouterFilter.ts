// CDRouter's `filter` query parameter: `field<op>value`, repeated and ANDed. Operators as in
// its API docs: = != < <= > >= ~ (case-insensitive contains) !~ @> (array contains all of
// {a,b}) <@ (array within).

export type FilterOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~' | '@>' | '<@';

export interface Filter {
  field: string;
  op: FilterOp;
  value: string;
}

const RE = /^([A-Za-z_][A-Za-z0-9_.]*)(!=|<=|>=|!~|@>|<@|=|~|<|>)(.*)$/;

export function parseFilters(raw: string[]): Filter[] | { error: string } {
  const out: Filter[] = [];
  for (const f of raw) {
    const m = RE.exec(f);
    if (!m) return { error: `invalid filter: ${f}` };
    out.push({ field: m[1], op: m[2] as FilterOp, value: m[3] });
  }
  return out;
}

function setOf(v: string): string[] {
  return v
    .replace(/^\{|\}$/g, '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function compare(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (/^\d{4}-\d\d-\d\d/.test(a) && /^\d{4}-\d\d-\d\d/.test(b) && !Number.isNaN(ta) && !Number.isNaN(tb))
    return ta - tb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Does a value (string, number, boolean, array or null) pass one filter? */
export function matches(value: unknown, f: Filter): boolean {
  if (Array.isArray(value)) {
    const have = value.map(String);
    const want = setOf(f.value);
    switch (f.op) {
      case '@>':
        return want.every((w) => have.includes(w));
      case '<@':
        return have.every((h) => want.includes(h));
      case '=':
        return have.length === want.length && want.every((w) => have.includes(w));
      case '!=':
        return !(have.length === want.length && want.every((w) => have.includes(w)));
      case '~':
        return have.some((h) => h.toLowerCase().includes(f.value.toLowerCase()));
      case '!~':
        return !have.some((h) => h.toLowerCase().includes(f.value.toLowerCase()));
      default:
        return false;
    }
  }
  const s = value === null || value === undefined ? '' : String(value);
  switch (f.op) {
    case '=':
      return s === f.value;
    case '!=':
      return s !== f.value;
    case '~':
      return s.toLowerCase().includes(f.value.toLowerCase());
    case '!~':
      return !s.toLowerCase().includes(f.value.toLowerCase());
    case '<':
      return compare(s, f.value) < 0;
    case '<=':
      return compare(s, f.value) <= 0;
    case '>':
      return compare(s, f.value) > 0;
    case '>=':
      return compare(s, f.value) >= 0;
    default:
      return false;
  }
}
