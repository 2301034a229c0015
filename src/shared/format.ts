// Plain formatting shared by the tree, the status bar and the webview (no VS Code import).
// Dates and numbers take the user's locale; reports and logs keep ISO times (isoTime), which
// travel and sort.
import type { JobFilter } from '../client/model';

/**
 * Intl formatters for the user's display language (VS Code's `env.language` on the host, the
 * page's `data-locale` in the webview), made once per locale and options. A tag Intl refuses
 * (a malformed setting) falls back to the runtime's default rather than breaking a render.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  kind: string,
  locale: string,
  make: (locale: string | undefined) => T,
): T {
  const key = `${kind}\u0000${locale}`;
  let f = formatters.get(key) as T | undefined;
  if (!f) {
    try {
      f = make(locale || undefined);
    } catch {
      f = make(undefined);
    }
    formatters.set(key, f);
  }
  return f;
}

const RELATIVE_UNITS: [number, Intl.RelativeTimeFormatUnit][] = [
  [365 * 86_400_000, 'year'],
  [30 * 86_400_000, 'month'],
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
];

/** "5m ago", "in 2h", "vor 5 Min." — short, in the user's language. */
export function relativeTime(ms: number | undefined, locale: string, now = Date.now()): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const diff = now - ms;
  const abs = Math.abs(diff);
  if (!Number.isFinite(abs)) return '';
  for (const [size, unit] of RELATIVE_UNITS) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      const f = formatter('rel', locale, (l) => new Intl.RelativeTimeFormat(l, { style: 'narrow', numeric: 'always' }));
      return f.format(diff < 0 ? n : -n, unit);
    }
  }
  return formatter('now', locale, (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' })).format(0, 'second');
}

/** A moment as the user's clock and language show it, seconds included. */
export function dateTime(ms: number, locale: string): string {
  if (!Number.isFinite(ms)) return '';
  return formatter('dt', locale, (l) => new Intl.DateTimeFormat(l, { dateStyle: 'short', timeStyle: 'medium' })).format(
    ms,
  );
}

/** Only the time of day when the day is the same as `ref`'s (in the user's time zone). */
export function shortTime(ms: number, locale: string, ref?: number): string {
  if (ref !== undefined && Number.isFinite(ms) && new Date(ms).toDateString() === new Date(ref).toDateString())
    return formatter('t', locale, (l) => new Intl.DateTimeFormat(l, { timeStyle: 'medium' })).format(ms);
  return dateTime(ms, locale);
}

/**
 * "5m 0s", "2h 3m", "3d 4h", "500 ms" in English; "5 Min. 0 Sek." in German: each part is a
 * number with its unit as Intl writes it, narrow (milliseconds short: "500ms" reads as a typo).
 * Reports keep English (no locale given): they travel.
 */
export function duration(ms: number | undefined, locale = 'en'): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '';
  const u = (n: number, unit: string) =>
    formatter(`dur-${unit}`, locale, (l) =>
      unit === 'millisecond'
        ? new Intl.NumberFormat(l, { style: 'unit', unit, unitDisplay: 'short' })
        : new Intl.NumberFormat(l, { style: 'unit', unit, unitDisplay: 'narrow' }),
    ).format(n);
  if (ms < 1000) return u(Math.round(ms), 'millisecond');
  const s = Math.round(ms / 1000);
  if (s < 60) return u(s, 'second');
  const m = Math.floor(s / 60);
  if (m < 60) return `${u(m, 'minute')} ${u(s % 60, 'second')}`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${u(h, 'hour')} ${u(m % 60, 'minute')}`;
  return `${u(Math.floor(h / 24), 'day')} ${u(h % 24, 'hour')}`;
}

export function isoTime(ms: number | undefined): string {
  return ms === undefined
    ? ''
    : new Date(ms)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d{3}Z$/, 'Z');
}

/** A whole number with the user's grouping ("1,234", "1.234"). */
export function count(n: number, locale: string): string {
  return formatter('n', locale, (l) => new Intl.NumberFormat(l)).format(n);
}

// eslint-disable-next-line no-control-regex -- terminal escape sequences in server text
const ESCAPE_SEQUENCES = /\u001b\[[0-9;]*[A-Za-z]/g;
// eslint-disable-next-line no-control-regex -- controls and bidi overrides a row must not show
const CONTROLS_AND_BIDI = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/** One line, bounded, without control or bidi characters: server text in a tree row. */
export function oneLine(text: string, max = 200): string {
  // Only a bounded head is cleaned (a 1 MB job name is shown as its first words anyway): escape
  // sequences and runs of controls shrink, so a head eight times `max` still fills it.
  const head = text.length > max * 8 + 64 ? text.slice(0, max * 8 + 64) : text;
  const flat = head.replace(ESCAPE_SEQUENCES, '').replace(CONTROLS_AND_BIDI, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** "running, failed · 'dns' · owner alice": the active filter, short enough for a row. */
export function describeFilter(f: JobFilter): string {
  const parts: string[] = [];
  if (f.states?.length) parts.push(f.states.join(', '));
  if (f.text) parts.push(`"${f.text}"`);
  if (f.owner) parts.push(`owner ${f.owner}`);
  for (const [field, value] of Object.entries(f.fields ?? {})) parts.push(`${field} = ${value}`);
  if (f.detailed) parts.push('detailed');
  return parts.join(' · ');
}
