// Filtering, sorting and paging done on the client, for what a dialect's server cannot do.
import type { Job, JobFilter, JobSort, JobState, Page } from './model';

const STATE_ORDER: Record<JobState, number> = {
  running: 0,
  stopping: 1,
  pending: 2,
  scheduled: 3,
  failed: 4,
  deleting: 5,
  stopped: 6,
  succeeded: 7,
  disabled: 8,
  unknown: 9,
};

export function matchesFilter(job: Job, filter: JobFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.states?.length && !filter.states.includes(job.state)) return false;
  if (filter.text) {
    const needle = filter.text.toLowerCase();
    const hay = `${job.name}\n${job.summary ?? ''}\n${job.id}`.toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  if (filter.owner && !(job.owner ?? '').toLowerCase().includes(filter.owner.toLowerCase())) return false;
  return true;
}

/** The time a job is sorted by: when it last did something. */
export function jobTime(job: Job): number {
  return job.startedAt ?? job.createdAt ?? job.nextRunAt ?? job.finishedAt ?? 0;
}

export function compareJobs(a: Job, b: Job, sort: JobSort): number {
  let c: number;
  if (sort.field === 'name') c = a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' });
  else if (sort.field === 'state') c = STATE_ORDER[a.state] - STATE_ORDER[b.state];
  else c = jobTime(a) - jobTime(b);
  if (c === 0) c = a.id.localeCompare(b.id, undefined, { numeric: true });
  return sort.direction === 'asc' ? c : -c;
}

/** Filter, sort and cut one page out of a complete list; the cursor is the next offset. */
export function pageLocally(
  all: readonly Job[],
  query: { pageSize: number; cursor?: string; filter?: JobFilter; sort?: JobSort },
): Page<Job> {
  const matched = all.filter((j) => matchesFilter(j, query.filter));
  if (query.sort) matched.sort((a, b) => compareJobs(a, b, query.sort as JobSort));
  // Stryker disable next-line StringLiteral: equivalent (parseInt of "" is NaN, and `|| 0` makes it 0)
  const offset = Math.max(0, Number.parseInt(query.cursor ?? '0', 10) || 0);
  const items = matched.slice(offset, offset + query.pageSize);
  const next = offset + items.length;
  return { items, total: matched.length, nextCursor: next < matched.length ? String(next) : undefined };
}
