import * as vscode from 'vscode';
import type { BulkLaunchSpec, Job } from '../client/model';
import type { CommandContext } from './context';
import { parseList, parseTags, problemOf } from '../client/launch/rules';
import { parseCdrouterFilters } from './inputs';
import { log } from '../platform/log';
import { oneLine } from '../shared/format';
import { resolveConnection } from './pick';
import { confirm, inform, plural, reportError } from './feedback';
import { isBulkLaunchRef, preConfirmed } from './args';
import { inert } from '../shared/inertText';

/**
 * jobdeck.bulkLaunch: CDRouter's native `?bulk=launch` — picked packages, a package filter,
 * or every package, with tags. `{connection, spec, confirm?}` skips the questions. Answers the
 * launched jobs.
 */
export function registerBulkLaunch(s: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('jobdeck.bulkLaunch', async (arg?: unknown): Promise<Job[] | undefined> => {
    const store = isBulkLaunchRef(arg)
      ? s.jobStore.get(arg.connection)
      : await resolveConnection(s, arg, (c) => c.capabilities.bulkLaunch, 'Bulk launch on which connection?');
    if (!store) return undefined;
    if (!store.capabilities.bulkLaunch) {
      void vscode.window.showInformationMessage(inert(`${store.name} (${store.kind}) has no bulk launch.`));
      return undefined;
    }
    const spec = isBulkLaunchRef(arg) ? arg.spec : await askSpec(store.name, () => store.listChoices('package'));
    if (!spec) return undefined;
    const what = describe(spec);
    const tags = tagsOf(spec);
    if (
      !(await confirm(`Launch ${what} on ${store.name}?`, 'Launch', {
        preAnswered: preConfirmed(arg),
        detail: tags.length ? `Tags: ${tags.join(', ')}` : 'No tags.',
      }))
    ) {
      return undefined;
    }
    return run();

    async function run(): Promise<Job[] | undefined> {
      let jobs: Job[];
      try {
        jobs = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: inert(`Launching ${what} on ${store!.name}…`) },
          () => store!.bulkLaunch(spec!),
        );
      } catch (e) {
        reportError(e, run);
        return undefined;
      }
      log.info(
        `${store!.name}: bulk launch of ${what} started ${plural(jobs.length, 'job')}: ${jobs.map((j) => `${j.id} ${oneLine(j.name, 60)}`).join(', ')}`,
      );
      await store!.addLaunched(jobs);
      const names = jobs
        .slice(0, 5)
        .map((j) => oneLine(j.name, 40))
        .join(', ');
      inform(
        jobs.length
          ? `Launched ${plural(jobs.length, 'job')} on ${store!.name}: ${names}${jobs.length > 5 ? `, and ${jobs.length - 5} more` : ''}.`
          : `The bulk launch on ${store!.name} started no job (nothing matched).`,
        jobs.length ? { 'Show All in Log': () => log.show() } : {},
        jobs.length ? 'info' : 'warning',
      );
      return jobs;
    }
  });
}

function tagsOf(spec: BulkLaunchSpec): string[] {
  return (spec.by === 'packages' ? spec.jobs[0]?.tags : spec.tags) ?? [];
}

function describe(spec: BulkLaunchSpec): string {
  if (spec.by === 'packages')
    return spec.jobs.length === 1 ? `package ${spec.jobs[0].packageId}` : plural(spec.jobs.length, 'package');
  if (spec.by === 'filter') return `every package matching ${spec.filters.join(' and ')}`;
  return 'every package';
}

async function askSpec(
  connection: string,
  packages: () => Promise<{ id: string; label: string; description?: string }[]>,
): Promise<BulkLaunchSpec | undefined> {
  const title = inert(`Bulk launch on ${connection}`);
  const mode = await vscode.window.showQuickPick(
    [
      { label: '$(checklist) Pick packages…', value: 'packages' as const },
      { label: '$(filter) Packages matching a filter…', description: 'e.g. name~dns', value: 'filter' as const },
      { label: '$(run-all) All packages', value: 'all' as const },
    ],
    { title, placeHolder: 'Which packages should get a job?', ignoreFocusOut: true },
  );
  if (!mode) return undefined;
  let spec: BulkLaunchSpec;
  if (mode.value === 'packages') {
    let ids: string[];
    const list = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Loading packages…' },
      () => packages().catch(() => []),
    );
    if (list.length) {
      const picked = await vscode.window.showQuickPick(
        list.map((p) => ({
          label: inert(p.label),
          description: inert((p.label === p.id ? p.description : `id ${p.id}`) ?? ''),
          id: p.id,
        })),
        {
          title,
          placeHolder: 'Pick the packages (type to search)',
          canPickMany: true,
          matchOnDescription: true,
          ignoreFocusOut: true,
        },
      );
      if (!picked?.length) return undefined;
      ids = picked.map((p) => p.id);
    } else {
      const typed = await vscode.window.showInputBox({
        title,
        prompt: 'The server lists no packages: type package ids, separated by commas',
        ignoreFocusOut: true,
        validateInput: (v) => (parseList(v).length ? undefined : 'enter at least one package id'),
      });
      if (typed === undefined) return undefined;
      ids = parseList(typed);
    }
    spec = { by: 'packages', jobs: ids.map((packageId) => ({ packageId })) };
  } else if (mode.value === 'filter') {
    const typed = await vscode.window.showInputBox({
      title,
      prompt: 'Package filters, separated by commas (all must match): field=value or field~text',
      placeHolder: 'name~dns',
      ignoreFocusOut: true,
      validateInput: (v) => {
        const problem = problemOf(parseCdrouterFilters)(v);
        return problem === undefined ? undefined : inert(problem);
      },
    });
    if (typed === undefined) return undefined;
    const r = parseCdrouterFilters(typed);
    if (!r.ok) return undefined;
    spec = { by: 'filter', filters: r.value };
  } else spec = { by: 'all' };

  const tagText = await vscode.window.showInputBox({
    title,
    prompt: 'Tags for the results, separated by commas (optional)',
    ignoreFocusOut: true,
    validateInput: (v) => {
      const problem = problemOf(parseTags)(v);
      return problem === undefined ? undefined : inert(problem);
    },
  });
  if (tagText === undefined) return undefined;
  const tags = parseTags(tagText);
  if (tags.ok && tags.value.length) {
    if (spec.by === 'packages') spec = { by: 'packages', jobs: spec.jobs.map((j) => ({ ...j, tags: tags.value })) };
    else spec = { ...spec, tags: tags.value };
  }
  return spec;
}
