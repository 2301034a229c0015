// Tolerant readers for wire payloads. Missing optional fields are fine; a field with the wrong
// shape where the adapter cannot do without it becomes a JobdeckError naming the field, so
// nothing fails later with a TypeError deep inside a view.
import * as l10n from '@vscode/l10n';
import { shapeError } from './errors';
import type { JobState } from './model';

/** Where a payload came from, for error messages. */
export interface ParseContext {
  connection: string;
  operation: string;
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asObj(v: unknown, ctx: ParseContext, field: string): Obj {
  if (!isObj(v)) throw shapeError(ctx.connection, ctx.operation, field, l10n.t('an object'));
  return v;
}

export function asArray(v: unknown, ctx: ParseContext, field: string): unknown[] {
  if (!Array.isArray(v)) throw shapeError(ctx.connection, ctx.operation, field, l10n.t('a list'));
  return v;
}

/** An id: servers send strings or numbers for the same field. */
export function reqId(v: unknown, ctx: ParseContext, field: string): string {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw shapeError(ctx.connection, ctx.operation, field, l10n.t('an id (string or number)'));
}

export function optString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function optNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function optBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === '1' || v === 'true') return true;
  if (v === 0 || v === '0' || v === 'false') return false;
  return undefined;
}

/**
 * ISO-8601 or "YYYY-MM-DD HH:MM:SS[.ffffff]". A time without a zone is UTC (CNaaS sends
 * naive UTC times). Nanosecond fractions (CDRouter) are cut to milliseconds.
 */
export function parseTime(v: unknown): number | undefined {
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(v.trim());
  if (m) {
    const frac = m[3] ? `.${m[3].slice(0, 3).padEnd(3, '0')}` : '';
    const zone = m[4] ? (m[4].toUpperCase() === 'Z' ? 'Z' : m[4].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : 'Z';
    const t = Date.parse(`${m[1]}T${m[2]}${frac}${zone}`);
    return Number.isNaN(t) ? undefined : t;
  }
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/** The latest epoch ms a Date can hold: beyond it `new Date(t).toISOString()` throws. */
const MAX_TIME_MS = 8.64e15;

/** Unix seconds (number or numeric string) → epoch ms; 0 and null mean "not yet". */
export function parseUnixSeconds(v: unknown): number | undefined {
  const n = optNumber(v);
  if (n === undefined || n <= 0) return undefined;
  const ms = Math.round(n * 1000);
  return ms <= MAX_TIME_MS ? ms : undefined;
}

/**
 * A server's state word looked up in a dialect's table. Own keys only: "__proto__" or
 * "constructor" from a server must not become a state.
 */
export function stateFromTable(table: Record<string, JobState>, word: string): JobState {
  return Object.hasOwn(table, word) ? table[word] : 'unknown';
}
