// What the host sends the page about a job: the detail without `raw`, the buttons the job's
// actions allow (asked of client/actions.ts, the one place that knows), and the URLs the page
// may ask to open. Pure, so it is unit-tested.
import type { JobsAdapter } from '../../client/adapter';
import { jobActions } from '../../client/actions';
import type { Job, JobDetail, JobTarget } from '../../client/model';
import { oneLine } from '../../shared/format';
import { isPanelActionId, type PanelActionId, type PanelJob } from '../../shared/protocol';

export function isDetail(job: Job | JobDetail): job is JobDetail {
  return Array.isArray((job as JobDetail).targets) && Array.isArray((job as JobDetail).timeline);
}

/** The job as the page gets it; a list entry without detail gets empty targets and timeline. */
export function toPanelJob(job: Job | JobDetail): PanelJob {
  const { raw: _raw, ...rest } = job as JobDetail;
  return isDetail(job) ? rest : { ...rest, timeline: [], targets: [] };
}

/** The header buttons, in the tree's order. */
export function panelActions(job: Job, adapter: JobsAdapter): PanelActionId[] {
  return jobActions(job, adapter).filter(isPanelActionId);
}

/** Every http(s) URL the job's data carries: the page may only ask for these. */
export function knownUrls(job: Job | JobDetail): Set<string> {
  const out = new Set<string>();
  for (const l of job.links ?? []) if (l.url) out.add(l.url);
  const walk = (ts: readonly JobTarget[] | undefined) => {
    for (const t of ts ?? []) {
      if (t.reportUrl) out.add(t.reportUrl);
      walk(t.children);
    }
  };
  if (isDetail(job)) walk(job.targets);
  return out;
}

/** Panel tab title: "<name> · <rawState>". */
export function panelTitle(name: string, rawState: string): string {
  return `${oneLine(name, 60)} · ${oneLine(rawState, 30)}`;
}
