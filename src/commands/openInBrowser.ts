import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { jobsFor } from './pick';

const MAX_TABS = 10;

/** jobdeck.openInBrowser: the job's page in the product's web console, where it has one. */
export function registerOpenInBrowser(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.openInBrowser',
    async (arg?: unknown, selection?: unknown): Promise<string[] | undefined> => {
      const found = await jobsFor(s, 'openInBrowser', arg, selection, {
        canPickMany: false,
        placeHolder: 'Open which job in the browser?',
        verb: 'opened in a browser',
      });
      if (!found) return undefined;
      const urls = found.jobs
        .map((j) => found.store.webUrl(j))
        // Only web pages: a server-sent link must not open a file or another scheme.
        .filter((u): u is string => typeof u === 'string' && /^https?:\/\//i.test(u))
        .slice(0, MAX_TABS);
      for (const url of urls) await vscode.env.openExternal(vscode.Uri.parse(url, true));
      if (!urls.length)
        void vscode.window.showInformationMessage(`${found.store.name} gives no web page for this job.`);
      return urls;
    },
  );
}
