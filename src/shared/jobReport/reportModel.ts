// What a job report says, whatever it is written as: the job's facts, its timeline, its
// targets (nodes, devices, tasks) with their states, what failed and why, and every diff.
// Both writers (reportMarkdown.ts, reportJson.ts) read this, so the two formats say the same.
// Pure (no VS Code): unit-tested with jobs the emulator's five dialects serve.
import type { JobDetail, JobTarget, TargetKind } from '../../client/model';
import { targetDuration } from '../rows';

export interface ReportConnection {
  name: string;
  kind: string;
  url: string;
}

/** A target somewhere in the job, with the names from the top level down to it. */
export interface ReportTarget {
  path: string[];
  target: JobTarget;
}

export interface JobReport {
  connection: ReportConnection;
  job: JobDetail;
  /** When the report was made (epoch ms). */
  generatedAt: number;
  /** What the job's top-level targets are called ("Devices"). */
  targetsTitle: string;
  /** Targets that failed (any level), and the job's own failure first in the writers. */
  failures: ReportTarget[];
  /** Targets with a diff (any level), in the job's order. */
  diffs: ReportTarget[];
}

const TITLES: Record<TargetKind, string> = { node: 'Nodes', device: 'Devices', step: 'Steps', task: 'Tasks' };

export function jobReport(connection: ReportConnection, job: JobDetail, generatedAt = Date.now()): JobReport {
  const failures: ReportTarget[] = [];
  const diffs: ReportTarget[] = [];
  const walk = (targets: readonly JobTarget[], path: string[]) => {
    for (const t of targets) {
      const here = [...path, t.name || t.id];
      if (t.state === 'failed') failures.push({ path: here, target: t });
      if (t.diff) diffs.push({ path: here, target: t });
      if (t.children) walk(t.children, here);
    }
  };
  walk(job.targets, []);
  const kind = job.targets[0]?.kind;
  return { connection, job, generatedAt, targetsTitle: kind ? TITLES[kind] : 'Targets', failures, diffs };
}

/** A target's duration as the panel shows it (its own, or from its times). */
export function reportDuration(t: JobTarget, now: number): number | undefined {
  return targetDuration(t, now);
}
