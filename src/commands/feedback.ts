// How the job commands talk to the user: modal confirmations (which tests and callers such as
// the detail panel can pre-answer with `confirm: true`), errors with Retry / Show Log, and the
// command's result. A notification's buttons are never awaited by the command itself, so a
// command ends when its work ends, not when someone dismisses a toast.
import * as vscode from 'vscode';
import { isJobdeckError } from '../client/errors';
import { log } from '../platform/log';

/** A modal question with one action button; `preAnswered` skips it. */
export async function confirm(
  message: string,
  action: string,
  o: { detail?: string; preAnswered?: boolean } = {},
): Promise<boolean> {
  if (o.preAnswered) return true;
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail: o.detail }, action);
  return answer === action;
}

/** The user-readable text of an error (JobdeckError messages are token-free already). */
function errorText(e: unknown): string {
  if (isJobdeckError(e)) return [e.message, e.hintText].filter(Boolean).join(' ');
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
  const actions = retry ? ['Retry', 'Show Log'] : ['Show Log'];
  void vscode.window.showErrorMessage(text, ...actions).then((choice) => {
    if (choice === 'Retry') void retry?.();
    else if (choice === 'Show Log') log.show();
  });
}

/** An information message whose buttons run callbacks; not awaited. */
export function inform(
  text: string,
  actions: Record<string, () => unknown> = {},
  level: 'info' | 'warning' = 'info',
): void {
  const show = level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(text, ...Object.keys(actions)).then((choice) => {
    if (choice) void actions[choice]?.();
  });
}

/** "1 job" / "37 jobs". */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
