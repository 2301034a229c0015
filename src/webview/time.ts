// Dates and numbers on the page, in VS Code's display language: the host writes it into the
// page's initial state (`data-locale` on #app, see views/webviewHost/webviewHtml.ts) and the
// shared formatters take it as their locale.
import { count, dateTime, duration as durationIn, shortTime as shortDateTime } from '../shared/format';

function pageLocale(): string {
  return document.getElementById('app')?.dataset.locale ?? '';
}

/** A moment as the user's clock and language show it. */
export function localTime(ms: number): string {
  return dateTime(ms, pageLocale());
}

/** Only the time of day when the day is the same as `ref`'s. */
export function shortTime(ms: number, ref?: number): string {
  return shortDateTime(ms, pageLocale(), ref);
}

/** A count with the user's digit grouping. */
export function num(n: number): string {
  return count(n, pageLocale());
}

/** A length of time with the language's units ("5m 0s", "5 Min. 0 Sek."). */
export function duration(ms: number | undefined): string {
  return durationIn(ms, pageLocale());
}
