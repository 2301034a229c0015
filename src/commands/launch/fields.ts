// Parsing and validation of what users type into the launch wizard (and the bulk commands).
// No VS Code here: every function answers either a value or a sentence saying what is wrong,
// which the wizard shows as the input box's validation message.

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(error: string): Parsed<T> => ({ ok: false, error });

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A list typed as text: commas, semicolons or line breaks separate items; with `spaces` a
 * space does too (node names never contain one). Empty items and repeats are dropped.
 */
export function parseList(text: string, spaces = false): string[] {
  const parts = text.split(spaces ? /[\s,;]+/ : /[,;\r\n]+/);
  const out: string[] = [];
  for (const p of parts) {
    const t = p.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** CDRouter tags: comma-separated words (letters, digits, `_ . : + -`). */
export function parseTags(text: string): Parsed<string[]> {
  const tags = parseList(text);
  const wrong = tags.find((t) => !/^[\w.:+-]+$/.test(t));
  if (wrong !== undefined) return bad(`"${wrong}" is not a tag: use letters, digits, _ . : + - and separate tags with commas`);
  return ok(tags);
}

/** Test names or numbers to skip, comma-separated; anything without control characters. */
export function parseTestList(text: string): Parsed<string[]> {
  const items = parseList(text);
  if (items.some((t) => CONTROL.test(t))) return bad('test names cannot contain control characters');
  return ok(items);
}

/** Puppet node names (certnames): separated by commas or spaces. */
export function parseNodes(text: string): Parsed<string[]> {
  const nodes = parseList(text, true);
  if (!nodes.length) return bad('name at least one node');
  const wrong = nodes.find((n) => !/^[A-Za-z0-9_.:-]+$/.test(n));
  if (wrong !== undefined) return bad(`"${wrong}" is not a node name`);
  return ok(nodes);
}

/** Optional positive integer (concurrency): '' means "server default". */
export function parseOptionalPositiveInt(text: string, max = 100_000): Parsed<number | undefined> {
  const t = text.trim();
  if (!t) return ok(undefined);
  if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > max) return bad(`enter a whole number from 1 to ${max}, or leave it empty`);
  return ok(Number(t));
}

/** A required id that the API takes as a number (stack-jobs schedule and stack ids). */
export function parseNumericId(text: string, what: string): Parsed<number> {
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) < 1 || !Number.isSafeInteger(Number(t))) return bad(`the ${what} is a positive whole number (its id)`);
  return ok(Number(t));
}

/** Free text that must not be empty (names). */
export function parseRequired(text: string, what: string, max = 200): Parsed<string> {
  const t = text.trim();
  if (!t) return bad(`enter a ${what}`);
  if (t.length > max) return bad(`the ${what} is longer than ${max} characters`);
  if (CONTROL.test(t)) return bad(`the ${what} cannot contain control characters`);
  return ok(t);
}

/** beacon tasks: a non-empty JSON array of task objects (or command strings). */
export function parseTasksJson(text: string): Parsed<unknown[]> {
  const t = text.trim();
  if (!t) return bad('enter the tasks as a JSON array, e.g. [{"command": "ping", "args": ["10.0.0.1"]}]');
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch (e) {
    return bad(`not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(value)) return bad('the tasks must be a JSON array [ … ]');
  if (!value.length) return bad('add at least one task');
  const i = value.findIndex((task) => !(typeof task === 'string' ? task.trim() : typeof task === 'object' && task !== null && !Array.isArray(task)));
  if (i >= 0) return bad(`task ${i + 1} must be an object (or a command string)`);
  return ok(value);
}

/** One field of a cron-like schedule, as beacon takes them. */
export type ScheduleField = 'min' | 'hour' | 'dom' | 'month' | 'dow';

const RANGES: Record<ScheduleField, [number, number, string]> = {
  min: [0, 59, 'minute'],
  hour: [0, 23, 'hour'],
  dom: [1, 31, 'day of month'],
  month: [1, 12, 'month'],
  dow: [0, 7, 'day of week'],
};

/** `*`, a number, a range `a-b`, a step `*\/n` or `a-b/n`, or a comma list of those. */
export function parseScheduleField(field: ScheduleField, text: string): Parsed<string> {
  const t = text.trim().replace(/\s+/g, '');
  const [lo, hi, name] = RANGES[field];
  if (!t) return bad(`enter the ${name} (${lo}–${hi}), or * for every ${name}`);
  for (const part of t.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) return bad(`"${part}" is not a ${name}: use *, ${lo}–${hi}, a range a-b, a step */n, or a comma list`);
    const nums = [m[2], m[3]].filter((n): n is string => n !== undefined).map(Number);
    if (nums.some((n) => n < lo || n > hi)) return bad(`the ${name} must be between ${lo} and ${hi}`);
    if (nums.length === 2 && nums[0] > nums[1]) return bad(`the range ${part} runs backwards`);
    if (m[4] !== undefined && Number(m[4]) < 1) return bad(`the step in ${part} must be at least 1`);
  }
  return ok(t);
}

/**
 * An optional date or date and time in local time: `2026-05-01`, `2026-05-01 14:30` or
 * `2026-05-01T14:30`; '' means none. Answers epoch ms.
 */
export function parseDateTime(text: string): Parsed<number | undefined> {
  const t = text.trim();
  if (!t) return ok(undefined);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(t);
  if (!m) return bad('use YYYY-MM-DD or YYYY-MM-DD HH:MM (local time), or leave it empty');
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number);
  const date = new Date(y, mo - 1, d, h, mi);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d || h > 23 || mi > 59) return bad(`${t} is not a date`);
  return ok(date.getTime());
}

/** The way back from epoch ms to what parseDateTime reads (wizard defaults). */
export function formatDateTime(ms: number | undefined): string {
  if (ms === undefined) return '';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The end of a schedule must come after its start. */
export function checkScheduleWindow(start: number | undefined, end: number | undefined): string | undefined {
  return start !== undefined && end !== undefined && end <= start ? 'the end date must be after the start date' : undefined;
}

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
  if (!/^\d+(\.\d+)?$/.test(t) || Number(t) <= 0 || Number(t) > 36500) return bad('enter a number of days greater than 0');
  return ok(Number(t));
}

/** beacon end results: a JSON array, one result per task, in task order. */
export function parseResultsJson(text: string): Parsed<unknown[]> {
  const t = text.trim();
  if (!t) return ok([]);
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch (e) {
    return bad(`not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(value)) return bad('the results must be a JSON array, one entry per task');
  return ok(value);
}
