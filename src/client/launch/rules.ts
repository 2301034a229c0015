// The value rules of launch fields, and the reading of what users type into the wizard. Every
// function answers a value or a sentence saying what is wrong (the wizard's validation message,
// a spec file's problem). The field table (fields.ts) says which rule a field follows.

import * as l10n from '@vscode/l10n';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(error: string): Parsed<T> => ({ ok: false, error });

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** What each item of a list field must be. */
export type ItemRule = 'tag' | 'certname' | 'text' | 'task';

const ITEMS: Record<
  ItemRule,
  { test(item: unknown): boolean; noun(): string; wrong(item: unknown, i: number): string }
> = {
  tag: {
    test: (t) => typeof t === 'string' && /^[\w.:+-]+$/.test(t),
    noun: () => l10n.t('tag'),
    wrong: (t) => l10n.t('"{0}" is not a tag: use letters, digits, _ . : + - and separate tags with commas', String(t)),
  },
  certname: {
    test: (t) => typeof t === 'string' && /^[A-Za-z0-9_.:-]+$/.test(t),
    noun: () => l10n.t('node'),
    wrong: (t) => l10n.t('"{0}" is not a node name', String(t)),
  },
  text: {
    test: (t) => typeof t === 'string' && t.trim() !== '' && !CONTROL.test(t),
    noun: () => l10n.t('item'),
    wrong: () => l10n.t('an item is empty or has control characters'),
  },
  task: {
    test: (t) => (typeof t === 'string' ? t.trim() !== '' : typeof t === 'object' && t !== null && !Array.isArray(t)),
    noun: () => l10n.t('task'),
    wrong: (_t, i) => l10n.t('task {0} must be an object (or a command string)', i + 1),
  },
};

/** The problem with a list's items, or undefined; `atLeastOne` refuses an empty list. */
export function checkItems(items: readonly unknown[], rule: ItemRule = 'text', atLeastOne = false): string | undefined {
  const r = ITEMS[rule];
  if (atLeastOne && items.length === 0) return l10n.t('needs at least one {0}', r.noun());
  const i = items.findIndex((t) => !r.test(t));
  return i < 0 ? undefined : r.wrong(items[i], i);
}

/** The problem with a text value, or undefined. */
export function checkText(text: string, maxLength = 2000): string | undefined {
  if (!text.trim()) return l10n.t('is empty');
  if (text.length > maxLength) return l10n.t('is longer than {0} characters', maxLength);
  if (CONTROL.test(text)) return l10n.t('cannot contain control characters');
  return undefined;
}

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

/** A typed list whose items follow `rule`. */
export function parseItems(
  text: string,
  rule: ItemRule,
  o: { spaces?: boolean; atLeastOne?: boolean } = {},
): Parsed<string[]> {
  const items = parseList(text, o.spaces);
  const problem = checkItems(items, rule, o.atLeastOne);
  return problem ? bad(problem) : ok(items);
}

/** CDRouter tags: comma-separated words (letters, digits, `_ . : + -`). */
export function parseTags(text: string): Parsed<string[]> {
  return parseItems(text, 'tag');
}

/** A whole number in a range; '' means none when the field is optional. */
export function parseWholeNumber(text: string, min = 1, max = 100_000, optional = true): Parsed<number | undefined> {
  const t = text.trim();
  if (!t && optional) return ok(undefined);
  if (!/^\d+$/.test(t) || Number(t) < min || Number(t) > max)
    return bad(
      optional
        ? l10n.t('enter a whole number from {0} to {1}, or leave it empty', min, max)
        : l10n.t('enter a whole number from {0} to {1}', min, max),
    );
  return ok(Number(t));
}

/** A required id that the API takes as a number (stack-jobs schedule and stack ids). */
export function parseNumericId(text: string, what: string): Parsed<number> {
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) < 1 || !Number.isSafeInteger(Number(t)))
    return bad(l10n.t('the {0} is a positive whole number (its id)', what));
  return ok(Number(t));
}

/** Free text, required or not, checked by the text rule. */
export function parseText(
  text: string,
  what: string,
  o: { required?: boolean; maxLength?: number } = {},
): Parsed<string> {
  const t = text.trim();
  if (!t) return o.required ? bad(l10n.t('enter a {0}', what)) : ok('');
  const problem = checkText(t, o.maxLength);
  return problem ? bad(l10n.t('the {0} {1}', what, problem)) : ok(t);
}

/** A JSON array typed as text; `what` names it in the message when it is something else. */
export function parseJsonArray(text: string, what: string): Parsed<unknown[]> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return bad(l10n.t('not valid JSON: {0}', (e as Error).message));
  }
  return Array.isArray(value) ? ok(value) : bad(l10n.t('the {0} must be a JSON array [ … ]', what));
}

/** A non-empty JSON array typed as text, its items following `rule` (beacon tasks). */
export function parseJsonItems(text: string, rule: ItemRule): Parsed<unknown[]> {
  const t = text.trim();
  if (!t) return bad(l10n.t('enter the tasks as a JSON array, e.g. [{"command": "ping", "args": ["10.0.0.1"]}]'));
  const r = parseJsonArray(t, 'tasks');
  const problem = r.ok ? checkItems(r.value, rule, true) : undefined;
  return problem ? bad(problem) : r;
}

/** An input box's validateInput from a parser: its problem, or undefined. */
export function problemOf<T>(parse: (text: string) => Parsed<T>): (text: string) => string | undefined {
  return (text) => {
    const r = parse(text);
    return r.ok ? undefined : r.error;
  };
}

/**
 * One field of a cron-like schedule: `*`, a number, a range `a-b`, a step `*\/n` or `a-b/n`,
 * or a comma list of those, within `lo`..`hi`.
 */
export function checkCron(text: string, lo: number, hi: number, name: string): Parsed<string> {
  // Blanks around commas go; one inside a value ("2 3") is refused, not read as 23.
  const t = text.trim().replace(/\s*,\s*/g, ',');
  if (!t) return bad(l10n.t('enter the {0} ({1}–{2}), or * for every {3}', name, lo, hi, name));
  for (const part of t.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m)
      return bad(
        l10n.t('"{0}" is not a {1}: use *, {2}–{3}, a range a-b, a step */n, or a comma list', part, name, lo, hi),
      );
    const nums = [m[2], m[3]].filter((n): n is string => n !== undefined).map(Number);
    if (nums.some((n) => n < lo || n > hi)) return bad(l10n.t('the {0} must be between {1} and {2}', name, lo, hi));
    if (nums.length === 2 && nums[0] > nums[1]) return bad(l10n.t('the range {0} runs backwards', part));
    if (m[4] !== undefined && Number(m[4]) < 1) return bad(l10n.t('the step in {0} must be at least 1', part));
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
  if (!m) return bad(l10n.t('use YYYY-MM-DD or YYYY-MM-DD HH:MM (local time), or leave it empty'));
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number);
  const date = new Date(y, mo - 1, d, h, mi);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d || h > 23 || mi > 59)
    return bad(l10n.t('{0} is not a date', t));
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
  return start !== undefined && end !== undefined && end <= start
    ? l10n.t('the end date must be after the start date')
    : undefined;
}
