// What users type into the bulk commands (not launch fields: those are client/launch/): the
// days of "finished jobs older than", CDRouter's package filters, beacon's end results. Each
// answers a value or a sentence saying what is wrong (the input box's validation message).
import { parseJsonArray, parseList, type Parsed } from '../client/launch/rules';

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** CDRouter filters for bulk launch: `field=value`, `field~value` and friends, comma-separated. */
export function parseCdrouterFilters(text: string): Parsed<string[]> {
  const filters = parseList(text);
  if (!filters.length) return bad('enter at least one filter, e.g. name~dns');
  const wrong = filters.find((f) => !/^[A-Za-z_][\w.]*(=|!=|~|!~|<|<=|>|>=|@>|<@)\S/.test(f));
  if (wrong !== undefined) return bad(`"${wrong}" is not a filter: use field=value or field~text (e.g. name~dns)`);
  return ok(filters);
}

/** Days for "finished jobs older than N days". */
export function parseDays(text: string): Parsed<number> {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t) || Number(t) <= 0 || Number(t) > 36500)
    return bad('enter a number of days greater than 0');
  return ok(Number(t));
}

/** beacon end results: a JSON array, one result per task, in task order. */
export function parseResultsJson(text: string): Parsed<unknown[]> {
  const t = text.trim();
  return t ? parseJsonArray(t, 'results (one entry per task)') : ok([]);
}
