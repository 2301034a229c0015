// The `jobdeck-report:` documents: a job's report read through its store when the document
// opens, read-only. Asking for the report again (Show Report) reloads an open one.
import * as vscode from 'vscode';
import { isJobdeckError } from '../../client/errors';
import type { JobStore } from '../../store/jobStore';
import { reportMarkdown } from './reportText';
import { parseReportQuery, REPORT_SCHEME, reportUriParts, type ReportRef } from './reportUri';

export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly jobStore: JobStore) {}

  static uri(ref: ReportRef): vscode.Uri {
    const p = reportUriParts(ref);
    return vscode.Uri.from({ scheme: REPORT_SCHEME, path: p.path, query: p.query });
  }

  /** Reads the report again for a document that is open. */
  reload(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  /** Shows a job's report beside the editor, read-only Markdown; an open one is read again. */
  async open(connection: string, jobId: string): Promise<vscode.Uri> {
    const uri = ReportDocuments.uri({ connection, jobId });
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) this.reload(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    return uri;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseReportQuery(uri.query);
    if (!ref) return '(not a Jobdeck report address)';
    const store = this.jobStore.get(ref.connection);
    if (!store) return `The connection "${ref.connection}" is not configured.`;
    try {
      return reportMarkdown(ref.connection, ref.jobId, await store.loadReport(ref.jobId));
    } catch (e) {
      const message = isJobdeckError(e) ? [e.message, e.hintText].filter(Boolean).join('\n\n') : String(e);
      return `# Report of job ${ref.jobId} on ${ref.connection}\n\nThe report could not be read: ${message}\n`;
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
