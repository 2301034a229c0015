// What a tree row hands a command: which connection, job and target it stands for. The rows
// carry one (`ref`), and so do the `{connection, jobId}` arguments of panels, notifications
// and tests; commands read refs and never need to know the tree's classes.
import type { Job, JobTarget } from '../client/model';

export interface RowRef {
  connection: string;
  /** Set on a job's row and on its targets' rows. */
  jobId?: string;
  /** On a job's row: the job as the row shows it. */
  job?: Job;
  /** Set on a target's row: the target object itself (its path is found in the detail). */
  target?: JobTarget;
  /** Set on a message row that does something when clicked: what it does to its connection. */
  action?: 'loadMore' | 'showError';
}

/** The ref of a tree row, or undefined for anything else. */
export function refOfRow(arg: unknown): RowRef | undefined {
  const ref = typeof arg === 'object' && arg !== null ? (arg as { ref?: unknown }).ref : undefined;
  return typeof ref === 'object' && ref !== null && typeof (ref as RowRef).connection === 'string'
    ? (ref as RowRef)
    : undefined;
}

/** An argument that reads as a row of this ref (a command handing its connection on). */
export function rowOf(ref: RowRef): { ref: RowRef } {
  return { ref };
}
