import * as vscode from 'vscode';
import type { Services } from '../services';
import { ReportDocuments } from '../../views/report/reportDocuments';
import { jobsFor } from './commandArgs';

/**
 * jobdeck.showReport: a job's report (Puppet's `/jobs/:id/report`: each node's state and the
 * events on it) as a read-only Markdown document beside the editor. Asked again, an open
 * report is read again.
 */
export function registerShowReport(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.showReport', async (arg?: unknown, selection?: unknown): Promise<vscode.Uri | undefined> => {
    const found = await jobsFor(s, 'report', arg, selection, { canPickMany: false, placeHolder: 'Show the report of which job?', verb: 'reported on' });
    const job = found?.jobs[0];
    if (!found || !job) return undefined;
    const uri = ReportDocuments.uri({ connection: found.store.name, jobId: job.id });
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) s.reports.reload(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    return uri;
  });
}
