// Turns measurements into the printed table and bench/results.json, and decides the exit code:
// a figure that could not be measured always fails the run; a miss only with --strict.
import { FIGURES, HOW, meets, type Figure, type Measurement, type Target, type Unit } from './figures';

export type Status = 'ok' | 'miss' | 'info' | 'not measured';

export interface Row extends Figure {
  value?: number;
  status: Status;
  reason?: string;
  baseline?: { name: string; value: number };
  note?: string;
  samples?: number[];
}

export function rows(measurements: Measurement[]): Row[] {
  const byId = new Map<string, Measurement>();
  for (const m of measurements) byId.set(m.id, { ...byId.get(m.id), ...m });
  return FIGURES.map((f) => {
    const m = byId.get(f.id);
    if (!m || m.value === undefined || m.notMeasured) {
      return { ...f, status: 'not measured', reason: m?.notMeasured ?? 'no measurement was reported' };
    }
    const status: Status = f.target ? (meets(f.target, m.value) ? 'ok' : 'miss') : 'info';
    return { ...f, value: m.value, status, baseline: m.baseline, note: m.note, samples: m.samples };
  });
}

export function formatValue(v: number, unit: Unit): string {
  const n = (d: number) => v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  switch (unit) {
    case 'ms':
      return `${Math.abs(v) >= 100 ? n(0) : n(1)} ms`;
    case 'KB':
      return `${n(1)} KB`;
    case 'MB':
      return `${n(2)} MB`;
    case 'ratio':
      return n(2);
    case '×':
      return `${n(1)}×`;
    case 'req/conn/interval':
      return n(2);
    case 'req':
    case 'count':
      return n(0);
  }
}

function formatTarget(t: Target | undefined, unit: Unit): string {
  if (!t) return '';
  const op = t.op === '<=' ? '≤' : t.op === '>=' ? '≥' : '=';
  return `${op} ${formatValue(t.value, unit)}`;
}

function pad(s: string, n: number): string {
  const len = [...s].length;
  return len >= n ? s : s + ' '.repeat(n - len);
}

export function table(list: Row[]): string {
  const head = ['Figure', 'Measured', 'Target', 'Naive baseline', 'Result'];
  const body: string[][] = [];
  let group = '';
  const groupRows: number[] = [];
  for (const r of list) {
    if (r.group !== group) {
      group = r.group;
      groupRows.push(body.length);
      body.push([`${group}`, '', '', '', '']);
    }
    const result = r.status === 'ok' ? 'ok' : r.status === 'miss' ? 'MISS' : r.status === 'info' ? '' : `NOT MEASURED: ${r.reason}`;
    const baseline = r.baseline ? `${formatValue(r.baseline.value, r.unit)} (${r.baseline.name})` : '';
    body.push([`  ${r.name}`, r.value === undefined ? '—' : formatValue(r.value, r.unit), formatTarget(r.target, r.unit), baseline, result]);
  }
  const widths = head.map((h, i) => Math.max([...h].length, ...body.map((b) => (i === 4 ? 0 : [...b[i]].length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]))).join('  ').trimEnd();
  const out = [line(head), line(widths.map((w, i) => '─'.repeat(i === 4 ? 6 : w)))];
  body.forEach((b, i) => out.push(groupRows.includes(i) ? b[0] : line(b)));
  return out.join('\n');
}

export function notesOf(list: Row[]): string[] {
  return list.filter((r) => r.note && r.value !== undefined).map((r) => `${r.group} / ${r.name}: ${r.note}`);
}

export function summary(list: Row[], strict: boolean): { exitCode: number; lines: string[] } {
  const missing = list.filter((r) => r.status === 'not measured');
  const misses = list.filter((r) => r.status === 'miss');
  const lines: string[] = [];
  lines.push(`${list.filter((r) => r.status === 'ok').length} on target, ${misses.length} missed, ${list.filter((r) => r.status === 'info').length} for information, ${missing.length} not measured.`);
  if (misses.length) lines.push(`Missed: ${misses.map((r) => `${r.group} / ${r.name}`).join('; ')}.`);
  lines.push(
    strict
      ? 'Mode --strict: a miss fails the run (exit 1), as does a figure that could not be measured.'
      : 'Misses are reported, not fatal (exit 0 with misses; run with --strict to fail on them). A figure that could not be measured always fails the run.',
  );
  const exitCode = missing.length || (strict && misses.length) ? 1 : 0;
  return { exitCode, lines };
}

export function resultsJson(list: Row[], extra: Record<string, unknown>): unknown {
  return {
    ...extra,
    figures: list.map((r) => ({
      id: r.id,
      group: r.group,
      name: r.name,
      unit: r.unit,
      value: r.value,
      target: r.target,
      baseline: r.baseline,
      status: r.status,
      reason: r.reason,
      note: r.note,
      samples: r.samples,
    })),
    how: HOW,
  };
}
