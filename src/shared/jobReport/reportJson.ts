// A job report as JSON, for tools: the same sections as the Markdown report (reportModel.ts),
// whole (no budgets), without the server's raw payload (it can be megabytes and holds what
// the domain model chose not to show). `format` and `version` let a reader check what it got.
import type { JobReport } from './reportModel';

export const REPORT_FORMAT = 'jobdeck-job-report';

export function reportJson(r: JobReport): string {
  const { raw: _raw, timeline, targets, failure, ...job } = r.job;
  void _raw;
  return `${JSON.stringify(
    {
      format: REPORT_FORMAT,
      version: 1,
      generatedAt: new Date(r.generatedAt).toISOString(),
      connection: r.connection,
      job: { ...job, failure },
      timeline,
      targets,
      failures: r.failures.map((f) => ({ path: f.path, message: f.target.message, output: f.target.resultText })),
      diffs: r.diffs.map((d) => ({ path: d.path, diff: d.target.diff })),
    },
    null,
    2,
  )}\n`;
}
