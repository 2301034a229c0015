// What of a job's detail goes to the page, and in which message. Every row goes (chips,
// sorting and paging need them all), but the bulky parts (long messages, results, documents,
// diffs) only up to a budget, failed and running targets first: a 5,000-node job whose nodes
// carry megabytes of output must not be serialized, shipped and cloned before its first row
// can show. The page asks for the rest of a target when it opens it. A job with many targets
// goes in two messages: the first page of rows, then all of them. Pure, so it is unit-tested.
import type { JobTarget } from '../../client/model';
import { diffStat } from '../../shared/diffHunks';
import { MESSAGE_PREVIEW, PAGE, type PanelTarget, type PendingTargets } from '../../shared/protocol';
import { orderRows, stateChips } from '../../shared/rows';

/** Characters of bulky fields sent along with the rows (about as many bytes of JSON). */
const INLINE_BUDGET = 1_000_000;
/** The same for a big job's first screenful, which must be small to come fast. */
export const FIRST_SCREEN_BUDGET = 64_000;
/** Above this many targets, the first message carries only the first page of rows. */
export const SPLIT_ABOVE = 2 * PAGE;

/**
 * The page's copy of the targets: whole while their bulk fits in `budget` (in the table's
 * default order, so the failed targets the page shows first are whole), partial after that.
 */
export function pageTargets(targets: readonly JobTarget[], budget = INLINE_BUDGET): PanelTarget[] {
  const out: PanelTarget[] = new Array(targets.length);
  let left = budget;
  for (const i of orderRows(targets, [], undefined)) {
    const t = targets[i];
    const size = bulk(t, left);
    if (size <= left) {
      left -= size;
      out[i] = wholeTarget(t);
    } else {
      out[i] = partialTarget(t);
    }
  }
  return out;
}

/** A target with everything the page can show of it (what `loadTarget` answers). */
export function wholeTarget(t: JobTarget): PanelTarget {
  const out: PanelTarget = rowFields(t);
  if (t.message !== undefined) out.message = t.message;
  if (t.result !== undefined) out.result = t.result;
  if (t.resultText !== undefined) out.resultText = t.resultText;
  if (t.diff !== undefined) out.diff = t.diff;
  if (t.children) out.children = t.children.map(wholeTarget);
  return out;
}

/** What a row needs of a target (and of its steps, to find them by name). */
export function partialTarget(t: JobTarget): PanelTarget {
  const out: PanelTarget = rowFields(t);
  out.partial = true;
  if (t.message !== undefined)
    out.message = t.message.length > MESSAGE_PREVIEW ? t.message.slice(0, MESSAGE_PREVIEW) : t.message;
  if (t.diff && t.diff.trim()) out.diffStat = diffStat(t.diff);
  if (t.children) out.children = t.children.map(partialTarget);
  return out;
}

/**
 * The targets of a big job's first `show`: the first page of rows in the default order, and
 * the counts of all of them. Made from those rows only: the rest is not looked at yet.
 */
export function firstScreen(
  all: readonly JobTarget[],
  budget = FIRST_SCREEN_BUDGET,
): { targets: PanelTarget[]; pending: PendingTargets } | undefined {
  if (all.length <= SPLIT_ABOVE) return undefined;
  const first = orderRows(all, [], undefined)
    .slice(0, PAGE)
    .map((i) => all[i]);
  const chips = stateChips(all).map((c) => ({ rawState: c.rawState, state: c.state, count: c.count }));
  const failed = all.reduce((n, t) => n + (t.state === 'failed' ? 1 : 0), 0);
  return { targets: pageTargets(first, budget), pending: { total: all.length, chips, failed } };
}

// Explicit fields: whatever else an adapter hangs on a target does not travel.
function rowFields(t: JobTarget): PanelTarget {
  const out: PanelTarget = { id: t.id, name: t.name, kind: t.kind, state: t.state, rawState: t.rawState };
  if (t.startedAt !== undefined) out.startedAt = t.startedAt;
  if (t.finishedAt !== undefined) out.finishedAt = t.finishedAt;
  if (t.durationMs !== undefined) out.durationMs = t.durationMs;
  if (t.reportUrl !== undefined) out.reportUrl = t.reportUrl;
  return out;
}

/** Characters a target's bulky fields add over its partial form; stops counting past `limit`. */
export function bulk(t: JobTarget, limit: number): number {
  let n = 0;
  if (t.message && t.message.length > MESSAGE_PREVIEW) n += t.message.length;
  n += t.resultText?.length ?? 0;
  n += t.diff?.length ?? 0;
  if (t.result !== undefined && n <= limit) n += valueSize(t.result, limit - n);
  for (const c of t.children ?? []) {
    if (n > limit) break;
    n += bulk(c, limit - n);
  }
  return n;
}

/** About the length of a value's JSON, without making it; stops counting past `limit`. */
export function valueSize(v: unknown, limit: number): number {
  let n = 0;
  const stack: unknown[] = [v];
  while (stack.length && n <= limit) {
    const x = stack.pop();
    if (typeof x === 'string') n += x.length + 2;
    else if (x === null || typeof x !== 'object') n += 8;
    else if (Array.isArray(x)) {
      n += 2 + x.length;
      for (const e of x) stack.push(e);
    } else {
      n += 2;
      for (const [k, e] of Object.entries(x as Record<string, unknown>)) {
        n += k.length + 4;
        stack.push(e);
      }
    }
  }
  return n;
}
