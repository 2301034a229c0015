// Deleting many jobs: the store's half of jobdeck.bulkDelete (the command asks, confirms and
// reports; this deletes and keeps the store true). One job goes by the plain single delete,
// more by the dialect's bulk endpoint or its bounded fan-out. A job with a delete under way
// is not sent again by a second click. Deleted jobs leave the list; jobs the server only
// queued for deletion stay, shown as "deleting"; a delete by filter or "all" (the server does
// not say which jobs went) reads the list again.
import type { BulkDeleteOutcome } from '../client/adapter';
import { isJobdeckError } from '../client/errors';
import { jobTime } from '../client/localQuery';
import { FINAL_STATES, type BulkDeleteSelection, type Job, type JobFilter } from '../client/model';
import type { ConnectionStore } from './connectionStore';

/** Fan-out width for dialects without a bulk endpoint. */
const DELETE_CONCURRENCY = 8;
/** Pages read to find old finished jobs (100 jobs each). */
const MAX_SCAN_PAGES = 200;

interface DeleteRun {
  /** Jobs the caller read outside the list (a scan): queued ones among them join it as "deleting". */
  jobs?: readonly Job[];
  signal?: AbortSignal;
  onProgress?(settled: number, total: number): void;
}

export class BulkDeleter {
  /** Job ids with a delete request under way, per connection. */
  private readonly busy = new Map<string, Set<string>>();

  /** The selection without the jobs being deleted already; undefined when none is left. */
  unclaimed(store: ConnectionStore, selection: BulkDeleteSelection): BulkDeleteSelection | undefined {
    if (selection.by !== 'ids') return selection;
    const busy = this.busy.get(store.name);
    const ids = [...new Set(selection.ids)].filter((id) => !busy?.has(id));
    return ids.length ? { by: 'ids', ids } : undefined;
  }

  /** Deletes, then puts the outcome into the store. Throws when nothing is known to be deleted. */
  async run(store: ConnectionStore, selection: BulkDeleteSelection, o: DeleteRun = {}): Promise<BulkDeleteOutcome> {
    const ids = selection.by === 'ids' ? selection.ids : [];
    const busy = this.busy.get(store.name) ?? new Set<string>();
    this.busy.set(store.name, busy);
    for (const id of ids) busy.add(id);
    try {
      const outcome =
        ids.length === 1
          ? await deleteOne(store, ids[0], o.signal)
          : await store.bulkDelete(selection, {
              concurrency: DELETE_CONCURRENCY,
              signal: o.signal,
              onProgress: o.onProgress,
            });
      apply(store, outcome, selection, o.jobs ?? []);
      return outcome;
    } finally {
      for (const id of ids) busy.delete(id);
    }
  }
}

/** One job: the plain single delete (DELETE /jobs/<id>/ and the like); a refusal is an outcome. */
async function deleteOne(store: ConnectionStore, id: string, signal?: AbortSignal): Promise<BulkDeleteOutcome> {
  try {
    return { deleted: [await store.deleteJob(id, signal)], failed: [], requests: 1 };
  } catch (e) {
    if (isJobdeckError(e) && e.code !== 'cancelled' && e.code !== 'unsupported')
      return { deleted: [], failed: [{ id, message: e.shortMessage }], requests: 1 };
    throw e;
  }
}

function apply(
  store: ConnectionStore,
  outcome: BulkDeleteOutcome,
  selection: BulkDeleteSelection,
  known: readonly Job[],
): void {
  store.remove(outcome.deleted.filter((d) => d.outcome === 'deleted').map((d) => d.id));
  for (const d of outcome.deleted) {
    const job = d.outcome === 'queued' ? (store.job(d.id) ?? known.find((j) => j.id === d.id)) : undefined;
    if (job) store.upsert({ ...job, state: 'deleting', rawState: 'queued for deletion' });
  }
  if (selection.by !== 'ids') void store.refresh().catch(() => undefined);
}

/** Jobs in a final state whose end is before `cutoff`, read page by page from the server. */
export async function finishedBefore(store: ConnectionStore, cutoff: number): Promise<Job[]> {
  const filter: JobFilter = { states: [...FINAL_STATES] };
  const out: Job[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_SCAN_PAGES; page++) {
    const p = await store.scan({ pageSize: 100, cursor, filter, sort: { field: 'time', direction: 'asc' } });
    for (const j of p.items) {
      const ended = j.finishedAt ?? jobTime(j);
      if (FINAL_STATES.has(j.state) && ended > 0 && ended < cutoff) out.push(j);
    }
    // Oldest first: once a job started after the cutoff, every later one did too.
    if (store.capabilities.serverSort && p.items.some((j) => jobTime(j) >= cutoff)) break;
    cursor = p.nextCursor;
    if (!cursor) break;
  }
  return out;
}
