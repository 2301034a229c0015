// The address of a job report document: `jobdeck-report:/Report of job <id>.md?{connection,
// jobId}`. Kept free of the vscode module so activation can name the scheme cheaply.
export const REPORT_SCHEME = 'jobdeck-report';

export interface ReportRef {
  connection: string;
  jobId: string;
}

export function reportUriParts(ref: ReportRef): { path: string; query: string } {
  // The path is what the editor tab shows; the query is what the document is of.
  return {
    path: `/Report of job ${ref.jobId.replace(/[/\\]/g, '_')}.md`,
    query: JSON.stringify({ connection: ref.connection, jobId: ref.jobId }),
  };
}

export function parseReportQuery(query: string): ReportRef | undefined {
  try {
    const v = JSON.parse(query) as unknown;
    if (typeof v !== 'object' || v === null) return undefined;
    const { connection, jobId } = v as Record<string, unknown>;
    return typeof connection === 'string' && typeof jobId === 'string' ? { connection, jobId } : undefined;
  } catch {
    return undefined;
  }
}
