// Pure decisions of the job panel (no DOM): the table's page of rows, timeline segments, the
// list of diffs, failed targets (the row order itself is shared/rows.ts). Unit-tested on plain Node.
import type { JobState, JobTarget, StateTransition } from '../client/model';
import type { PanelTarget, PendingTargets } from '../shared/protocol';
import { FEW_TARGETS, orderRows, type RowSort } from '../shared/rows';

interface TableView {
  /** Indexes of the rows on the page; undefined while the view needs rows not here yet. */
  rows?: number[];
  /** Rows that match the chips (all pages). */
  matching: number;
  pages: number;
  /** The page shown, brought into range. */
  page: number;
}

/**
 * The table's page of rows. While only the first screenful is here (`pending`), it is the
 * first page of the default view: another view (a chip, a sort, another page) waits for the
 * rest, and the counts come from `pending`.
 */
export function tableView(
  targets: readonly JobTarget[],
  pending: PendingTargets | undefined,
  ui: { chips: readonly string[]; sort?: RowSort; page: number },
  pageSize: number,
  now?: number,
): TableView {
  if (!pending) {
    const order = orderRows(targets, ui.chips, ui.sort, now);
    const { pages, page } = paging(order.length, ui.page, pageSize);
    return { rows: order.slice(page * pageSize, page * pageSize + pageSize), matching: order.length, pages, page };
  }
  const on = new Set(ui.chips);
  const matching = on.size ? pending.chips.reduce((n, c) => n + (on.has(c.rawState) ? c.count : 0), 0) : pending.total;
  const { pages, page } = paging(matching, ui.page, pageSize);
  const firstPage = !on.size && !ui.sort && page === 0;
  return { rows: firstPage ? targets.slice(0, pageSize).map((_, i) => i) : undefined, matching, pages, page };
}

function paging(rows: number, page: number, pageSize: number): { pages: number; page: number } {
  const pages = Math.max(1, Math.ceil(rows / pageSize));
  return { pages, page: Math.min(Math.max(0, page), pages - 1) };
}

interface Segment {
  state: JobState;
  rawState: string;
  start: number;
  end: number;
  /** True when the job is still in this state (the end is "now"). */
  open: boolean;
  /** Share of the whole timeline, 0..1. */
  fraction: number;
}

/** The timeline's bars: each transition from its enter to its exit (or the next one, or now). */
export function timelineSegments(timeline: readonly StateTransition[], now: number): Segment[] {
  const known = timeline.filter((t) => t.enteredAt !== undefined);
  const segs: Segment[] = [];
  for (let i = 0; i < known.length; i++) {
    const t = known[i];
    const start = t.enteredAt as number;
    const next = known[i + 1]?.enteredAt;
    const open = t.exitedAt === undefined && next === undefined;
    // A final state has no duration of its own: it is where the job ended.
    const end = t.exitedAt ?? next ?? (open && isFinal(t.state) ? start : Math.max(start, now));
    segs.push({
      state: t.state,
      rawState: t.rawState,
      start,
      end: Math.max(start, end),
      open: open && !isFinal(t.state),
      fraction: 0,
    });
  }
  const total = segs.reduce((s, g) => s + (g.end - g.start), 0);
  for (const g of segs) g.fraction = total > 0 ? (g.end - g.start) / total : 1 / segs.length;
  return segs;
}

function isFinal(state: JobState): boolean {
  return state === 'succeeded' || state === 'failed' || state === 'stopped';
}

export interface DiffEntry {
  path: string[];
  /** "device › step". */
  label: string;
  /** Undefined when the host left it out (the target is partial): `target.diffStat` counts it. */
  diff?: string;
  target: PanelTarget;
}

/** Every target (at any depth) that carries a diff, failed ones first. */
export function diffEntries(targets: readonly PanelTarget[]): DiffEntry[] {
  const out: DiffEntry[] = [];
  const walk = (list: readonly PanelTarget[], path: string[], names: string[]) => {
    for (const t of list) {
      const p = [...path, t.id];
      const n = [...names, t.name];
      if (t.diff && t.diff.trim()) out.push({ path: p, label: n.join(' › '), diff: t.diff, target: t });
      else if (t.diffStat) out.push({ path: p, label: n.join(' › '), target: t });
      if (t.children) walk(t.children, p, n);
    }
  };
  walk(targets, [], []);
  return out
    .map((e, i) => ({ e, i }))
    .sort((a, b) => Number(b.e.target.state === 'failed') - Number(a.e.target.state === 'failed') || a.i - b.i)
    .map((x) => x.e);
}

/** Failed targets (any depth) with their message, for the failure section. */
export function failedTargets(targets: readonly JobTarget[]): { path: string[]; label: string; target: JobTarget }[] {
  const out: { path: string[]; label: string; target: JobTarget }[] = [];
  for (const t of targets) {
    if (t.state !== 'failed') continue;
    const step = t.children?.find((c) => c.state === 'failed');
    out.push({ path: [t.id], label: step ? `${t.name} › ${step.name}` : t.name, target: step ?? t });
  }
  return out;
}

interface OpenState {
  expanded: readonly string[];
  collapsed?: readonly string[];
}

/**
 * Whether a row is open: the user opened it, or the job has few targets and this one has
 * steps (a device: its steps and generated config at a glance) and the user did not close it.
 */
export function isOpen(t: { id: string; children?: readonly unknown[] }, ui: OpenState, total: number): boolean {
  if (ui.expanded.includes(t.id)) return true;
  return total <= FEW_TARGETS && Boolean(t.children?.length) && !ui.collapsed?.includes(t.id);
}

/** The open state after a click on a row that is `open` now. */
export function toggled(ui: OpenState, id: string, open: boolean): { expanded: string[]; collapsed?: string[] } {
  const expanded = ui.expanded.filter((x) => x !== id);
  const collapsed = (ui.collapsed ?? []).filter((x) => x !== id);
  if (open) collapsed.push(id);
  else expanded.push(id);
  return { expanded, collapsed: collapsed.length ? collapsed : undefined };
}

/** The targets table's columns: all, or those the connection's kind fills. */
export function tableColumns<K extends string>(all: readonly { key: K }[], shown: readonly K[] | undefined): K[] {
  return all.map((c) => c.key).filter((k) => !shown || shown.includes(k));
}

/** Where the row of a target stands among the ordered rows (to page to it). */
export function rowPosition(targets: readonly JobTarget[], order: readonly number[], name: string): number {
  const direct = order.findIndex((i) => targets[i].name === name || targets[i].id === name);
  if (direct >= 0) return direct;
  return order.findIndex((i) => targets[i].children?.some((c) => c.name === name || c.id === name) ?? false);
}

/**
 * The last lines of a long text (a traceback's end says what went wrong). Node output can be
 * megabytes: only the tail is split, the rest is counted. trimEnd, not /\s+$/: that regex
 * tries every run of blanks to its end, quadratic on 80 k spaces.
 */
export function lastLines(text: string, n: number): { tail: string; hidden: number } {
  const body = text.trimEnd();
  let count = 1;
  for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) count++;
  if (count <= n) return { tail: body.split(/\r?\n/).join('\n'), hidden: 0 };
  // The tail starts after the n-th newline from the end.
  let at = body.length;
  for (let k = 0; k < n; k++) at = body.lastIndexOf('\n', at - 1);
  return {
    tail: body
      .slice(at + 1)
      .split(/\r?\n/)
      .join('\n'),
    hidden: count - n,
  };
}
