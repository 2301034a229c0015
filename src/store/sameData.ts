// Structural equality of data parsed from JSON (plain objects, arrays, strings, numbers,
// booleans, null; undefined fields count as absent, as JSON.stringify drops them). Deciding
// "did this job's detail change?" this way stops at the first difference and builds nothing,
// where comparing JSON.stringify results serializes megabytes twice per poll.

export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // A date that did not parse is NaN on both sides ("null" in JSON): no change.
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k in x) {
    if (!Object.prototype.hasOwnProperty.call(x, k) || x[k] === undefined) continue;
    keys++;
    if (!Object.prototype.hasOwnProperty.call(y, k) || !sameData(x[k], y[k])) return false;
  }
  for (const k in y) if (Object.prototype.hasOwnProperty.call(y, k) && y[k] !== undefined) keys--;
  return keys === 0;
}
