// How the job commands talk to the user: modal confirmations (which Jobdeck's own callers can
// pre-answer, confirmedArgs.ts), errors with Retry / Show Log, and the command's result. A
// notification's buttons are never awaited by the command itself, so a command ends when its
// work ends, not when someone dismisses a toast. Every text is shown through `inert`: job names
// and server messages are in it, and VS Code renders links in notifications and dialogs.
import * as vscode from 'vscode';
import { isJobdeckError } from '../client/errors';
import { log } from '../platform/log';
import { inert } from '../shared/inertText';
import { displayLocale } from '../platform/locale';
import { count } from '../shared/format';

/** A modal question with one action button; `preAnswered` skips it. */
export async function confirm(
  message: string,
  action: string,
  o: { detail?: string; preAnswered?: boolean } = {},
): Promise<boolean> {
  if (o.preAnswered) return true;
  const button = inert(action);
  const answer = await vscode.window.showWarningMessage(
    inert(message),
    { modal: true, detail: o.detail === undefined ? undefined : inert(o.detail) },
    button,
  );
  return answer === button;
}

/** The user-readable text of an error (JobdeckError messages are token-free already). */
function errorText(e: unknown): string {
  if (isJobdeckError(e)) return e.withHint();
  return e instanceof Error ? e.message : String(e);
}

/**
 * Shows an error with Retry (when given) and Show Log. Retry runs `retry` again only when the
 * user asks: writes are never repeated on their own.
 */
export function reportError(e: unknown, retry?: () => unknown): void {
  if (isJobdeckError(e) && e.code === 'cancelled') return;
  const text = errorText(e);
  log.error(text);
  const retryLabel = vscode.l10n.t('Retry');
  const showLog = vscode.l10n.t('Show Log');
  const shown = retry
    ? vscode.window.showErrorMessage(inert(text), retryLabel, showLog)
    : vscode.window.showErrorMessage(inert(text), showLog);
  void shown.then((choice) => {
    if (choice === retryLabel) void retry?.();
    else if (choice === showLog) log.show();
  });
}

/** An information message whose buttons run callbacks; not awaited. */
export function inform(
  text: string,
  actions: Record<string, () => unknown> = {},
  level: 'info' | 'warning' = 'info',
): void {
  const show = level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const labels = Object.keys(actions);
  const buttons = labels.map(inert);
  void show(inert(text), ...buttons).then((choice) => {
    const at = choice === undefined ? -1 : buttons.indexOf(choice);
    if (at >= 0) void actions[labels[at]]?.();
  });
}

/** "1 job" / "37 jobs". */
export function plural(n: number, word: string): string {
  return `${count(n, displayLocale())} ${word}${n === 1 ? '' : 's'}`;
}
