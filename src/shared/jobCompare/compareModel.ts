// Two runs of a job side by side: which targets (devices, nodes, tasks) each run had, their
// states, and what changed from the first run to the second. Targets are matched by name
// (a device, node or task keeps its name between runs; ids are per run), steps by name
// within their device. Pure (no VS Code): unit-tested; compareMarkdown.ts writes it.
import type { JobDetail, JobTarget } from '../../client/model';

export type TargetChange = 'onlyA' | 'onlyB' | 'state' | 'diff' | 'output' | 'message';

export interface CompareRow {
  name: string;
  a?: JobTarget;
  b?: JobTarget;
  /** What differs, in reading order; empty when the target did the same in both runs. */
  changes: TargetChange[];
  /** Steps (by name) whose state, diff or output differs. */
  steps: string[];
}

export interface Comparison {
  a: JobDetail;
  b: JobDetail;
  rows: CompareRow[];
  changed: number;
}

/** A target's diff: its own, else its steps' (a CNaaS device), each under the step's name. */
export function diffText(t: JobTarget | undefined): string {
  return collect(t, (x) => x.diff);
}

/** A target's text output (a generated config, a traceback): its own, else its steps'. */
export function outputText(t: JobTarget | undefined): string {
  return collect(t, (x) => x.resultText);
}

function collect(t: JobTarget | undefined, pick: (t: JobTarget) => string | undefined): string {
  if (!t) return '';
  const own = pick(t);
  if (own) return own;
  const parts = (t.children ?? [])
    .map((c) => [c.name, pick(c)] as const)
    .filter((p): p is readonly [string, string] => Boolean(p[1]));
  if (parts.length === 1) return parts[0][1];
  return parts.map(([name, text]) => `## ${name}\n${text.replace(/\n?$/, '\n')}`).join('');
}

function byName(targets: readonly JobTarget[] | undefined): Map<string, JobTarget> {
  const out = new Map<string, JobTarget>();
  for (const t of targets ?? []) {
    const key = t.name || t.id;
    if (!out.has(key)) out.set(key, t);
  }
  return out;
}

function stepChanges(a: JobTarget, b: JobTarget): string[] {
  const as = byName(a.children);
  const bs = byName(b.children);
  const names = [...new Set([...as.keys(), ...bs.keys()])];
  return names.filter((n) => {
    const x = as.get(n);
    const y = bs.get(n);
    return (
      !x ||
      !y ||
      x.rawState !== y.rawState ||
      (x.diff ?? '') !== (y.diff ?? '') ||
      (x.resultText ?? '') !== (y.resultText ?? '')
    );
  });
}

export function compareJobs(a: JobDetail, b: JobDetail): Comparison {
  const as = byName(a.targets);
  const bs = byName(b.targets);
  const names = [...new Set([...as.keys(), ...bs.keys()])];
  const rows = names.map((name): CompareRow => {
    const x = as.get(name);
    const y = bs.get(name);
    if (!x) return { name, b: y, changes: ['onlyB'], steps: [] };
    if (!y) return { name, a: x, changes: ['onlyA'], steps: [] };
    const changes: TargetChange[] = [];
    if (x.rawState !== y.rawState) changes.push('state');
    if (diffText(x) !== diffText(y)) changes.push('diff');
    if (outputText(x) !== outputText(y)) changes.push('output');
    if ((x.message ?? '') !== (y.message ?? '') && !changes.length) changes.push('message');
    return { name, a: x, b: y, changes, steps: changes.length ? stepChanges(x, y) : [] };
  });
  // What changed first (in the second run's order), then the rest.
  const ordered = [...rows.filter((r) => r.changes.length), ...rows.filter((r) => !r.changes.length)];
  return { a, b, rows: ordered, changed: ordered.filter((r) => r.changes.length).length };
}

/** The earlier run first, so "what changed" reads from the first run to the second. */
export function inRunOrder(x: JobDetail, y: JobDetail): [JobDetail, JobDetail] {
  const when = (j: JobDetail) => j.startedAt ?? j.createdAt ?? j.nextRunAt ?? 0;
  return when(x) <= when(y) ? [x, y] : [y, x];
}
