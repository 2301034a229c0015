// The Get Started walkthrough's progress: context keys that turn true when a person has done a
// step for real (a token stored, a job launched, a spec file open). The steps' completionEvents
// in package.json wait for these, or for the commands and settings VS Code sees itself.
import * as vscode from 'vscode';
import type { TokenStore } from '../platform/tokens';
import { isSpecPath } from '../specfile/protocol';
import type { JobStore } from '../store/jobStore';

export const WALKTHROUGH_KEYS = {
  tokenSet: 'jobdeck.walkthrough.tokenSet',
  launched: 'jobdeck.walkthrough.launched',
  specFile: 'jobdeck.walkthrough.specFile',
  jobOpened: 'jobdeck.walkthrough.jobOpened',
} as const;

export function trackWalkthrough(jobStore: JobStore, tokens: TokenStore): vscode.Disposable & { jobOpened(): void } {
  const done = (key: string) => void vscode.commands.executeCommand('setContext', key, true);
  const spec = (doc: vscode.TextDocument) => {
    if (doc.languageId === 'jobdeck-yaml' || doc.languageId === 'jobdeck-json' || isSpecPath(doc.uri.path))
      done(WALKTHROUGH_KEYS.specFile);
  };
  vscode.workspace.textDocuments.forEach(spec);
  const subscriptions = vscode.Disposable.from(
    tokens.onDidChange(() => done(WALKTHROUGH_KEYS.tokenSet)),
    jobStore.subscribe({ launched: () => done(WALKTHROUGH_KEYS.launched) }),
    vscode.workspace.onDidOpenTextDocument(spec),
  );
  return {
    /** A job's panel opened (a tree click, Enter, a command). */
    jobOpened: () => done(WALKTHROUGH_KEYS.jobOpened),
    dispose: () => subscriptions.dispose(),
  };
}
