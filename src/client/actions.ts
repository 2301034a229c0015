// Which actions apply to a job: the connection's capabilities and the job's state decide.
// The one place that knows; menus (contextValue), the detail panel's buttons and the
// commands' own checks all ask here.
import type { JobsAdapter } from './adapter';
import { FINAL_STATES, isDetail, type Job, type JobTarget } from './model';

export type JobAction =
  | 'open'
  | 'stop'
  | 'delete'
  | 'deleteNow'
  | 'tail'
  | 'relaunch'
  | 'copyId'
  | 'openInBrowser'
  | 'enable'
  | 'disable'
  | 'worker'
  | 'report'
  | 'edit'
  | 'setTask'
  | 'copyLink'
  | 'saveReport'
  | 'copyMarkdown'
  | 'compare'
  | 'allChanges';

export function jobActions(job: Job, adapter: JobsAdapter): JobAction[] {
  const caps = adapter.capabilities;
  const out: JobAction[] = ['open', 'copyId'];
  const final = FINAL_STATES.has(job.state);
  if (caps.stop && !final && job.state !== 'stopping' && job.state !== 'disabled' && job.state !== 'deleting')
    out.push('stop');
  if (caps.delete && job.state !== 'deleting') out.push('delete');
  // Queued for deletion at a next run that will not come: delete it now (the menus and the
  // panel show "Delete Now" instead of "Delete"; every delete path accepts it as `delete`).
  if (caps.delete && job.state === 'deleting' && job.deletableNow) out.push('delete', 'deleteNow');
  // Every job can be followed: dialects without an events API are followed by polling.
  if (!final || caps.events) out.push('tail');
  if (caps.launch && adapter.relaunchSpec(job)) out.push('relaunch');
  if (adapter.webUrl(job)) out.push('openInBrowser');
  if (caps.update && job.state === 'disabled') out.push('enable');
  // Where stop already means "disable" (stack jobs), one menu entry is enough.
  if (caps.update && job.state === 'scheduled' && !out.includes('stop')) out.push('disable');
  if (adapter.workerAction && !final) out.push('worker');
  // Every job has a report (it says what each node did so far, or nothing yet).
  if (adapter.getReport) out.push('report');
  if (caps.update && caps.editable?.length && job.state !== 'deleting') out.push('edit');
  // The task being processed is a worker's word about a job under way.
  if (caps.update && caps.currentTask && (job.state === 'running' || job.state === 'pending')) out.push('setTask');
  // A link, a report and a comparison only read: every job that can be read has them.
  out.push('copyLink');
  if (caps.get) out.push('saveReport', 'copyMarkdown', 'compare');
  // A list entry does not say whether there are diffs (the detail does): the command tells.
  if (caps.diffs && (!isDetail(job) || hasDiff(job.targets))) out.push('allChanges');
  return out;
}

/** Space-separated words for `viewItem =~ /\bstop\b/` menu clauses. */
export function contextWords(kind: string, actions: readonly string[]): string {
  return [kind, ...actions].join(' ');
}

function hasDiff(targets: readonly JobTarget[]): boolean {
  return targets.some((t) => Boolean(t.diff) || (t.children !== undefined && hasDiff(t.children)));
}
