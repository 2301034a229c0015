// What a job link (client/jobLink.ts) does when VS Code hands it to Jobdeck's URI handler.
// A link comes from anywhere (a ticket, a chat, a web page), and VS Code does not say from
// where, so every link is treated as untrusted: it can only open a job's panel, a read-only
// view (its buttons ask before any write, like everywhere else); nothing in it is run or sent
// as is. The server in the link decides which connection: a connection of that name on another
// server is not used. A server that is not configured is offered as a new connection (the URL
// from the link, no token: the server asks for one if it wants one), only when the user says
// so in a modal that shows the URL. A malformed or hostile link is refused with one sentence,
// and nothing else happens.
import * as vscode from 'vscode';
import { inert } from '../shared/inertText';
import { parseJobLink, sameServer, type JobLink } from '../client/jobLink';
import type { DialectKind } from '../client/model';
import { DIALECT_KINDS, DIALECTS } from '../client/registry';
import { log } from '../platform/log';
import { oneLine } from '../shared/format';
import type { ConnectionStore } from '../store/connectionStore';
import type { CommandContext } from './context';

/** What the handler did with a link (for tests; the user sees it). */
export type LinkOutcome =
  { opened: { connection: string; jobId: string }; added?: string } | { refused: string } | { declined: true };

export function jobLinkHandler(s: CommandContext): (uri: vscode.Uri) => Promise<LinkOutcome> {
  return async (uri) => {
    const link = parseJobLink(uri.path, uri.query);
    if ('problem' in link) {
      log.warn(`A job link was refused: ${link.problem}.`);
      void vscode.window.showWarningMessage(vscode.l10n.t('Jobdeck did not open this link: {0}.', inert(link.problem)));
      return { refused: link.problem };
    }
    const store = connectionFor(s, link);
    if (store) return open(s, store.name, link.jobId);
    const added = await offerConnection(s, link);
    if (!added) return { declined: true };
    return { ...open(s, added, link.jobId), added };
  };
}

function open(s: CommandContext, connection: string, jobId: string): LinkOutcome {
  s.openPanel(connection, jobId);
  return { opened: { connection, jobId } };
}

/** The configured connection to the link's server (the link's name first, where several are). */
function connectionFor(s: CommandContext, link: JobLink): ConnectionStore | undefined {
  const same = s.jobStore.all().filter((c) => sameServer(c.url, link.url) && (!link.kind || c.kind === link.kind));
  return same.find((c) => c.name === link.connection) ?? same[0];
}

async function offerConnection(s: CommandContext, link: JobLink): Promise<string | undefined> {
  const add = 'Add Connection';
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t(
      'The link is to job {0} on a server Jobdeck has no connection to. Add it as a connection?',
      inert(oneLine(link.jobId, 60)),
    ),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Server: {0}\nKind: {1}\n\nOnly add servers you know. No token comes with a link: Jobdeck asks for one when the server wants it.',
        inert(oneLine(link.url, 200)),
        link.kind ?? 'not given',
      ),
    },
    add,
  );
  if (answer !== add) return undefined;
  const kind = link.kind ?? (await pickKind());
  if (!kind) return undefined;
  const config = vscode.workspace.getConfiguration('jobdeck');
  const current = config.inspect<unknown[]>('connections')?.globalValue ?? [];
  const taken = new Set(s.jobStore.all().map((c) => c.name));
  for (const e of current) if (typeof e === 'object' && e !== null) taken.add(String((e as { name?: unknown }).name));
  const base = oneLine(link.connection, 60) || new URL(link.url).host;
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base} (${i})`;
  await config.update('connections', [...current, { name, kind, url: link.url }], vscode.ConfigurationTarget.Global);
  s.reload();
  log.info(`Added connection ${name} (${kind}, ${link.url}) from a job link.`);
  return name;
}

async function pickKind(): Promise<DialectKind | undefined> {
  const picked = await vscode.window.showQuickPick(
    DIALECT_KINDS.map((k) => ({ label: inert(DIALECTS[k].title), description: k, dialect: k })),
    { placeHolder: vscode.l10n.t('Which kind of server is it?') },
  );
  return picked?.dialect;
}
