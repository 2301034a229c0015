import * as vscode from 'vscode';
import { inert } from '../shared/inertText';
import { JOB_LINK_PATH, jobLinkQuery } from '../client/jobLink';
import { oneLine } from '../shared/format';
import type { CommandContext } from './context';
import { jobsFor } from './pick';

/**
 * jobdeck.copyJobLink: a `vscode://jobdeck.jobdeck/job?…` link (this VS Code's own scheme) to
 * the job on the clipboard. It opens the job's panel in any VS Code with Jobdeck (see
 * jobLinkHandler.ts) and names the connection's server, never its token.
 */
export function registerCopyJobLink(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.copyJobLink',
    async (arg?: unknown, selection?: unknown): Promise<string | undefined> => {
      const found = await jobsFor(s, 'copyLink', arg, selection, {
        canPickMany: false,
        placeHolder: 'Copy a link to which job?',
        verb: 'linked to',
      });
      const job = found?.jobs[0];
      if (!found || !job) return undefined;
      const link = vscode.Uri.from({
        scheme: vscode.env.uriScheme,
        authority: s.extensionId,
        path: JOB_LINK_PATH,
        query: jobLinkQuery({
          connection: found.store.name,
          kind: found.store.kind,
          jobId: job.id,
          url: found.store.url,
        }),
      }).toString(true);
      await vscode.env.clipboard.writeText(link);
      vscode.window.setStatusBarMessage(
        vscode.l10n.t('$(link) Copied a link to job {0}', inert(oneLine(job.id, 40))),
        3000,
      );
      return link;
    },
  );
}
