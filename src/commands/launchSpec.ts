// "▶ Launch" / "▶ Launch all" (CodeLens in spec files, and the command palette with the cursor
// in a spec file): the language server checks the launches against the live servers and turns
// them into LaunchSpecs; each one goes to `jobdeck.launchJob` (a CDRouter `packages:` list to
// `jobdeck.bulkLaunch`), which launches, selects the job in the tree and opens its panel.
// Nothing launches while the file shows an error.
//
// A spec file comes with a repository: in Restricted Mode nothing launches from it (and the
// language server asks no server about it). A lens click is the user's go-ahead; the lens's
// arguments carry this session's key (SpecClient.lensKey), which a `command:` link cannot know,
// so any other invocation (the palette, a link) asks first, naming what would launch where.
import * as vscode from 'vscode';
import type { Job } from '../client/model';
import {
  LAUNCH_ALL_COMMAND,
  LAUNCH_COMMAND,
  LaunchLensArgs,
  ResolveLaunchesParams,
  ResolvedLaunch,
  isSpecPath,
} from '../specfile/protocol';
import type { CommandContext } from './context';
import { confirmedArg } from './confirmedArgs';
import { confirm } from './feedback';
import { inert } from '../shared/inertText';

const LAUNCH_JOB = 'jobdeck.launchJob';
const BULK_LAUNCH = 'jobdeck.bulkLaunch';

export function registerLaunchSpec(s: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(LAUNCH_COMMAND, (args?: LaunchLensArgs) => launchFromSpec(s, args, false)),
    vscode.commands.registerCommand(LAUNCH_ALL_COMMAND, (args?: LaunchLensArgs) => launchFromSpec(s, args, true)),
  ];
}

/** Returns the launched jobs (for callers such as tests); undefined when nothing was launched. */
async function launchFromSpec(
  s: CommandContext,
  args: LaunchLensArgs | undefined,
  all: boolean,
): Promise<Job[] | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window
      .showWarningMessage('Jobdeck launches from spec files only in a trusted workspace.', 'Manage Workspace Trust')
      .then((pick) => {
        if (pick) void vscode.commands.executeCommand('workbench.trust.manage');
      });
    return undefined;
  }
  const fromLens = typeof args?.key === 'string' && args.key === s.lensKey;
  let params: ResolveLaunchesParams;
  if (args?.uri) {
    params = all || args.index === undefined ? { uri: args.uri } : { uri: args.uri, index: args.index };
  } else {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isSpecPath(editor.document.uri.path)) {
      void vscode.window.showInformationMessage(
        'Jobdeck: open a *.jobdeck.yaml or *.jobdeck.json file to launch from it.',
      );
      return undefined;
    }
    const uri = editor.document.uri.toString();
    params = all ? { uri } : { uri, offset: editor.document.offsetAt(editor.selection.active) };
  }

  const { launches } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Jobdeck: checking launches…' },
    () => s.resolveLaunches(params),
  );
  if (!launches.length) {
    void vscode.window.showInformationMessage(
      all ? 'Jobdeck: this file has no launches.' : 'Jobdeck: the cursor is not in a launch.',
    );
    return undefined;
  }
  const blocked = launches.filter((l) => l.problems.length || !l.connection);
  if (blocked.length) {
    const first = blocked[0];
    const more = blocked.reduce((n, l) => n + l.problems.length, 0) - 1;
    const text = `Jobdeck: cannot launch ${first.title}: ${first.problems[0] ?? 'no connection'}${more > 0 ? ` (+${more} more)` : ''}`;
    void vscode.window.showErrorMessage(inert(text), 'Show Problems').then((pick) => {
      if (pick) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return undefined;
  }
  const commands = await vscode.commands.getCommands(true);
  const missing = [LAUNCH_JOB, ...(launches.some((l) => l.bulk) ? [BULK_LAUNCH] : [])].filter(
    (c) => !commands.includes(c),
  );
  if (missing.length) {
    void vscode.window.showErrorMessage(inert(`Jobdeck: the launch command (${missing.join(', ')}) is not available.`));
    return undefined;
  }
  if (!fromLens) {
    const where = [...new Set(launches.map((l) => l.connection))].join(', ');
    const file = vscode.Uri.parse(params.uri).path.split('/').pop() ?? params.uri;
    const what = launches.length === 1 ? launches[0].title : `${launches.length} launches`;
    if (
      !(await confirm(`Launch ${what} from ${file} on ${where}?`, 'Launch', {
        detail: launches.map((l) => `line ${l.line + 1}: ${l.title}`).join('\n'),
      }))
    )
      return undefined;
  }
  return launchAll(launches);
}

async function launchAll(launches: ResolvedLaunch[]): Promise<Job[]> {
  const jobs: Job[] = [];
  const failed: string[] = [];
  // One after another, in file order: each launch selects its job(s) in the tree.
  for (const l of launches) {
    try {
      // The user has agreed (lens click or question above): the commands' own questions are pre-answered.
      const launched = l.bulk
        ? await vscode.commands.executeCommand<Job[] | undefined>(
            BULK_LAUNCH,
            confirmedArg({ connection: l.connection, spec: l.bulk }),
          )
        : await vscode.commands.executeCommand<Job | undefined>(
            LAUNCH_JOB,
            confirmedArg({ connection: l.connection, spec: l.spec }),
          );
      // undefined: the command has told the user why already.
      if (!launched) failed.push(l.title);
      else jobs.push(...(Array.isArray(launched) ? launched : [launched]));
    } catch (e) {
      failed.push(`${l.title}: ${(e as Error).message}`);
    }
  }
  if (failed.length && launches.length > 1) {
    void vscode.window.showWarningMessage(
      inert(
        `Jobdeck: ${launches.length - failed.length} of ${launches.length} launches started; not started: ${failed.join('; ')}`,
      ),
    );
  }
  return jobs;
}
