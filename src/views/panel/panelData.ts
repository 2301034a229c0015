// What the host sends the page about a job: the detail without `raw`, the buttons the job's
// actions allow (the store asks client/actions.ts, the one place that knows), and the URLs the
// page may ask to open. Pure, so it is unit-tested.
import type { JobAction } from '../../client/actions';
import { isDetail, type Capabilities, type Job, type JobDetail, type JobTarget } from '../../client/model';
import { oneLine } from '../../shared/format';
import { isPanelActionId, type PanelActionId, type PanelJob, type SortKey } from '../../shared/protocol';

/** The job as the page gets it; a list entry without detail gets empty targets and timeline. */
export function toPanelJob(job: Job | JobDetail): PanelJob {
  const { raw: _raw, ...rest } = job as JobDetail;
  return isDetail(job) ? rest : { ...rest, timeline: [], targets: [] };
}

/** The header buttons, in the tree's order ("Delete Now" stands in for "Delete", as in the menu). */
export function panelActions(actions: readonly JobAction[]): PanelActionId[] {
  const now = actions.includes('deleteNow');
  return actions.filter(isPanelActionId).filter((a) => !(now && a === 'delete'));
}

/** The targets table's columns for a connection's kind: none that no job of it fills. */
export function targetColumns(caps: Capabilities): SortKey[] | undefined {
  return caps.targetTimes === false ? ['name', 'state', 'message'] : undefined;
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
