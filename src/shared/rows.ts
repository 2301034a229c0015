// The order of a job's targets, the same on both sides of the webview boundary: the page's
// table sorts and filters with it, and the host sends the rows the page shows first (failed
// first) whole before the rest. Also the chips of raw state words the table filters by.
import type { JobState, JobTarget } from '../client/model';
import type { SortKey } from './protocol';

/**
 * A job with this many targets or fewer shows its devices open, steps and generated config at
 * a glance (the panel's rows and the tree's device rows); with more, a click opens one.
 */
export const FEW_TARGETS = 3;

/** Failed first, then what is moving, then waiting, then done. */
const STATE_RANK: Record<JobState, number> = {
  failed: 0,
  running: 1,
  stopping: 2,
  deleting: 3,
  pending: 4,
  scheduled: 5,
  unknown: 6,
  stopped: 7,
  disabled: 8,
  succeeded: 9,
};

function stateRank(state: JobState): number {
  return STATE_RANK[state] ?? STATE_RANK.unknown;
}

interface Chip {
  rawState: string;
  state: JobState;
  count: number;
}

/** One chip per raw state word (what users know), ordered failed first, then by count. */
export function stateChips(targets: readonly JobTarget[]): Chip[] {
  const byWord = new Map<string, Chip>();
  for (const t of targets) {
    const chip = byWord.get(t.rawState);
    if (chip) chip.count++;
    else byWord.set(t.rawState, { rawState: t.rawState, state: t.state, count: 1 });
  }
  return [...byWord.values()].sort(
    (a, b) => stateRank(a.state) - stateRank(b.state) || b.count - a.count || a.rawState.localeCompare(b.rawState),
  );
}

export function targetDuration(t: JobTarget, now?: number): number | undefined {
  if (t.durationMs !== undefined) return t.durationMs;
  if (t.startedAt === undefined) return undefined;
  const end = t.finishedAt ?? (t.state === 'running' && now !== undefined ? now : undefined);
  return end === undefined ? undefined : Math.max(0, end - t.startedAt);
}

export interface RowSort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/**
 * Indexes of the rows to show, in order. Chips filter by raw state ([] = all). Without a
 * column sort: failed first, then running…, then server order. With one: that column, rows
 * without a value last in both directions, server order breaking ties.
 */
export function orderRows(
  targets: readonly JobTarget[],
  chips: readonly string[],
  sort: RowSort | undefined,
  now?: number,
): number[] {
  const on = new Set(chips);
  const idx: number[] = [];
  for (let i = 0; i < targets.length; i++) if (!on.size || on.has(targets[i].rawState)) idx.push(i);
  if (!sort) return idx.sort((a, b) => stateRank(targets[a].state) - stateRank(targets[b].state) || a - b);
  const value = sortValue(sort.key, now);
  const sign = sort.dir === 'asc' ? 1 : -1;
  const keyed = idx.map((i) => ({ i, v: value(targets[i]) }));
  keyed.sort((a, b) => {
    if (a.v === undefined || b.v === undefined) return a.v === b.v ? a.i - b.i : a.v === undefined ? 1 : -1;
    const c =
      typeof a.v === 'number' && typeof b.v === 'number'
        ? a.v - b.v
        : String(a.v).localeCompare(String(b.v), undefined, { numeric: true, sensitivity: 'base' });
    return c * sign || a.i - b.i;
  });
  return keyed.map((k) => k.i);
}

function sortValue(key: SortKey, now?: number): (t: JobTarget) => string | number | undefined {
  switch (key) {
    case 'name':
      return (t) => t.name;
    case 'state':
      // Rank first so "failed" groups sort together whatever the word; the word breaks ties.
      return (t) => `${String(stateRank(t.state)).padStart(2, '0')} ${t.rawState}`;
    case 'start':
      return (t) => t.startedAt;
    case 'finish':
      return (t) => t.finishedAt;
    case 'duration':
      return (t) => targetDuration(t, now);
    case 'message':
      return (t) => (t.message ? t.message : undefined);
  }
}
