// Plain formatting shared by the tree, the status bar and the webview (no VS Code import).
import type { JobFilter } from '../client/model';

export function relativeTime(ms: number | undefined, now = Date.now()): string {
  if (ms === undefined) return '';
  const diff = now - ms;
  const abs = Math.abs(diff);
  const future = diff < 0;
  const units: [number, string][] = [
    [365 * 86_400_000, 'y'],
    [30 * 86_400_000, 'mo'],
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
  ];
  if (abs < 45_000) return future ? 'in a moment' : 'just now';
  for (const [size, unit] of units) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      return future ? `in ${n}${unit}` : `${n}${unit} ago`;
    }
  }
  return future ? 'in a moment' : 'just now';
}

export function duration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

export function isoTime(ms: number | undefined): string {
  return ms === undefined
    ? ''
    : new Date(ms)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d{3}Z$/, 'Z');
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
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
