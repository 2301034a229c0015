import * as vscode from 'vscode';
import { inert } from '../shared/inertText';
import { oneLine } from '../shared/format';
import { reportMarkdown } from '../shared/jobReport/reportMarkdown';
import type { CommandContext } from './context';
import { reportFor } from './saveJobReport';

/** jobdeck.copyJobAsMarkdown: one job's report as Markdown on the clipboard (for a ticket or a chat). */
export function registerCopyJobAsMarkdown(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.copyJobAsMarkdown',
    async (arg?: unknown, selection?: unknown): Promise<string | undefined> => {
      const report = await reportFor(s, 'copyMarkdown', arg, selection, 'Copy which job as Markdown?');
      if (!report) return undefined;
      const text = reportMarkdown(report);
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(
        vscode.l10n.t('$(copy) Copied job {0} as Markdown', inert(oneLine(report.job.id, 40))),
        3000,
      );
      return text;
    },
  );
}
