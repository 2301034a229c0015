import * as vscode from 'vscode';
import type { Job, JobDetail } from '../client/model';
import { COMPARE_SCHEME, compareUriParts } from '../shared/compareUri';
import { compareJobs, diffText, inRunOrder, outputText } from '../shared/jobCompare/compareModel';
import { oneLine } from '../shared/format';
import type { ConnectionStore } from '../store/connectionStore';
import { refOfRow } from '../store/refs';
import { isJobsRef } from './args';
import { diffDocUri, openChanges, type ChangePair } from './changesEditor';
import type { CommandContext } from './context';
import { reportError } from './feedback';
import { jobsFor, pickJobs } from './pick';

/**
 * jobdeck.compareJobs: two runs of one connection side by side, as a read-only Markdown
 * document in VS Code's Markdown preview (per device/node/task: the state in each run and
 * what changed). Where the dialect has diffs (CNaaS), each device whose diff or generated
 * config changed between the runs opens in the diff editor too (all in one multi-diff editor
 * where VS Code has it). Two rows selected in the tree (or `{connection, jobIds: [a, b]}`);
 * one row: the other job is picked; the palette: both are picked.
 */
export function registerCompareJobs(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    'jobdeck.compareJobs',
    async (arg?: unknown, selection?: unknown): Promise<CompareOutcome | undefined> => {
      const pair = await twoJobs(s, arg, selection);
      if (!pair) return undefined;
      const { store } = pair;
      let details: [JobDetail, JobDetail];
      try {
        details = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading both jobs…') },
          () => Promise.all([s.details.load(store.name, pair.jobs[0].id), s.details.load(store.name, pair.jobs[1].id)]),
        );
      } catch (e) {
        reportError(e);
        return undefined;
      }
      const [a, b] = inRunOrder(...details);
      const uri = vscode.Uri.from({
        scheme: COMPARE_SCHEME,
        ...compareUriParts({ connection: store.name, a: a.id, b: b.id }, a.name || a.id, b.name || b.id),
      });
      const pairs = store.capabilities.diffs ? devicePairs(store.name, a, b) : [];
      // The device diffs first, then the comparison in front of them (its table says what to look at).
      const opened = pairs.length
        ? await openChanges(`Devices: job ${oneLine(a.id, 40)} ↔ job ${oneLine(b.id, 40)}`, pairs)
        : undefined;
      await showComparison(uri);
      return { uri: uri.toString(), a: a.id, b: b.id, pairs: pairs.length, opened };
    },
  );
}

interface CompareOutcome {
  uri: string;
  a: string;
  b: string;
  /** Devices whose diff or config differ, opened in the diff editor. */
  pairs: number;
  opened?: 'multi' | number;
}

/** The comparison in VS Code's Markdown preview (its source where the preview is missing). */
async function showComparison(uri: vscode.Uri): Promise<void> {
  // Read before the preview asks for it: a slow read shows here, not as an empty preview.
  const doc = await vscode.workspace.openTextDocument(uri);
  if ((await vscode.commands.getCommands(true)).includes('markdown.showPreview')) {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return;
  }
  await vscode.window.showTextDocument(doc, { preview: true });
}

/** Per device, the two runs' diffs (or, where neither has one, generated configs), where they differ. */
function devicePairs(connection: string, a: JobDetail, b: JobDetail): ChangePair[] {
  const pairs: ChangePair[] = [];
  for (const row of compareJobs(a, b).rows) {
    if (!row.changes.some((c) => c === 'diff' || c === 'output' || c === 'onlyA' || c === 'onlyB')) continue;
    const hasDiff = Boolean(diffText(row.a) || diffText(row.b));
    const side = hasDiff ? 'diff' : 'output';
    if (!hasDiff && !outputText(row.a) && !outputText(row.b)) continue;
    const label = `${row.name} (${side === 'diff' ? 'diffs' : 'configs'} of both runs)`;
    // A device missing from a run has no path there: its side is empty (the provider says so).
    pairs.push({
      label,
      left: diffDocUri(
        { connection, jobId: a.id, path: [row.a?.id ?? `\u0000${row.name}`], side },
        `${label} · ${a.id}`,
      ),
      right: diffDocUri(
        { connection, jobId: b.id, path: [row.b?.id ?? `\u0000${row.name}`], side },
        `${label} · ${b.id}`,
      ),
    });
  }
  return pairs;
}

/** The two jobs to compare, of one connection. */
async function twoJobs(
  s: CommandContext,
  arg: unknown,
  selection: unknown,
): Promise<{ store: ConnectionStore; jobs: [Job, Job] } | undefined> {
  if (isJobsRef(arg) && arg.jobIds.length !== 2) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Compare Jobs compares two jobs.'));
    return undefined;
  }
  const rows = Array.isArray(selection) ? selection : [];
  const connections = new Set(rows.map((r) => refOfRow(r)?.connection));
  if (connections.size > 1) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Compare Jobs compares two jobs of one connection: select two of the same.'),
    );
    return undefined;
  }
  const found = await jobsFor(s, 'compare', arg, selection, {
    canPickMany: true,
    placeHolder: 'Pick the two jobs to compare',
    verb: 'compared',
  });
  if (!found) return undefined;
  const { store } = found;
  let jobs = found.jobs;
  if (jobs.length === 1) {
    const other = await pickJobs(store, {
      canPickMany: false,
      placeHolder: `Compare ${oneLine(jobs[0].name, 60) || jobs[0].id} with which job?`,
      filter: (j) => j.id !== jobs[0].id && store.can('compare', j),
    });
    if (!other) return undefined;
    jobs = [jobs[0], other.jobs[0]];
  }
  if (jobs.length !== 2) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Compare Jobs compares two jobs; {0} were chosen.', jobs.length),
    );
    return undefined;
  }
  return { store, jobs: [jobs[0], jobs[1]] };
}
