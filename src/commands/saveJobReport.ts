import * as vscode from 'vscode';
import { inert } from '../shared/inertText';
import { oneLine } from '../shared/format';
import { jobReport, type JobReport } from '../shared/jobReport/reportModel';
import { reportJson } from '../shared/jobReport/reportJson';
import { reportMarkdown } from '../shared/jobReport/reportMarkdown';
import type { CommandContext } from './context';
import { inform, reportError } from './feedback';
import { jobsFor } from './pick';

/**
 * jobdeck.saveJobReport: a job's report (summary, timeline, node/device table, failures,
 * diffs) written where the user says in the save dialog, as Markdown or JSON by the name's
 * extension. Only the dialog chooses the file: no argument can name one (a `command:` link
 * must not write files). Answers the file's URI.
 */
export function registerSaveJobReport(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.saveJobReport',
    async (arg?: unknown, selection?: unknown): Promise<string | undefined> => {
      const report = await reportFor(s, 'saveReport', arg, selection, 'Save the report of which job?');
      if (!report) return undefined;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = `job-${fileSafe(report.job.id)}-report.md`;
      const uri = await vscode.window.showSaveDialog({
        title: `Save the report of job ${inert(oneLine(report.job.id, 60))}`,
        saveLabel: 'Save Report',
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        filters: { Markdown: ['md'], JSON: ['json'] },
      });
      if (!uri) return undefined;
      const json = /\.json$/i.test(uri.path);
      const text = json ? reportJson(report) : reportMarkdown(report);
      try {
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      } catch (e) {
        reportError(e);
        return undefined;
      }
      inform(vscode.l10n.t('Saved the report of job {0} to {1}.', oneLine(report.job.id, 60), uri.fsPath || uri.path), {
        Open: () => vscode.window.showTextDocument(uri),
      });
      return uri.toString();
    },
  );
}

/** The report of the job an argument names (or the user picks), from a fresh read of its detail. */
export async function reportFor(
  s: CommandContext,
  action: 'saveReport' | 'copyMarkdown',
  arg: unknown,
  selection: unknown,
  placeHolder: string,
): Promise<JobReport | undefined> {
  const found = await jobsFor(s, action, arg, selection, { canPickMany: false, placeHolder, verb: 'reported on' });
  const job = found?.jobs[0];
  if (!found || !job) return undefined;
  try {
    const detail = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Window,
        title: vscode.l10n.t('Reading job {0}…', inert(oneLine(job.id, 60))),
      },
      () => s.details.load(found.store.name, job.id),
    );
    return jobReport({ name: found.store.name, kind: found.store.kind, url: found.store.url }, detail);
  } catch (e) {
    reportError(e);
    return undefined;
  }
}

/** A job id as part of a file name (ids are the server's: anything may be in them). */
function fileSafe(id: string): string {
  return id.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'job';
}
