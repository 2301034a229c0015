import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { openLink, vscodeLinkHooks } from '../platform/openLink';
import { inert } from '../shared/inertText';
import type { Job } from '../client/model';
import type { ConnectionStore } from '../store/connectionStore';
import { jobsFor } from './pick';

const MAX_TABS = 10;

/**
 * jobdeck.openInBrowser: the job's page in the product's web console, where it has one. The
 * link can come from the server (Puppet's report-url), so it goes through the panel's link
 * policy: http(s) only, no credentials in it, and a question first when it leaves the
 * connection's origin. Answers the URLs opened.
 */
export function registerOpenInBrowser(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.openInBrowser',
    async (arg?: unknown, selection?: unknown): Promise<string[] | undefined> => {
      // The link may be in the job's detail only (Puppet's report-url comes with its nodes), or
      // only in the list's fresher entry (a detail kept from before CDRouter gave the job a result).
      const pageOf = (job: Job, store: ConnectionStore) =>
        store.webUrl(store.detail(job.id) ?? job) ?? store.webUrl(store.job(job.id) ?? job) ?? store.webUrl(job);
      const hasPage = (job: Job, store: ConnectionStore) => Boolean(pageOf(job, store));
      const found = await jobsFor(s, hasPage, arg, selection, {
        canPickMany: false,
        placeHolder: 'Open which job in the browser?',
        verb: 'opened in a browser',
      });
      if (!found) return undefined;
      const urls = found.jobs
        .map((j) => pageOf(j, found.store))
        .filter((u): u is string => typeof u === 'string' && u.trim() !== '')
        .slice(0, MAX_TABS);
      if (!urls.length) {
        void vscode.window.showInformationMessage(
          inert(vscode.l10n.t('{0} gives no web page for this job.', found.store.name)),
        );
        return undefined;
      }
      const opened: string[] = [];
      const vscodeHooks = vscodeLinkHooks(vscode);
      const hooks = {
        ...vscodeHooks,
        openExternal: (url: string) => (opened.push(url), vscodeHooks.openExternal(url)),
      };
      for (const url of urls) await openLink(url, found.store.url, hooks);
      return opened;
    },
  );
}
