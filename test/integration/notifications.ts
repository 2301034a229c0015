// What the extension shows, recorded for the integration tests: notifications replaced on the
// same vscode.window object the bundle uses, and modal questions answered from a queue.
import * as vscode from 'vscode';

export type Shown = { level: 'warning' | 'error' | 'info'; message: string; at: number };

/** Records into `shown`; a modal question gets the next of `answers` (none: dismissed). Returns the undo. */
export function recordNotifications(shown: Shown[], answers: (string | undefined)[] = []): () => void {
  const w = vscode.window as unknown as Record<string, unknown>;
  const restore: (() => void)[] = [];
  for (const [name, level] of [
    ['showWarningMessage', 'warning'],
    ['showErrorMessage', 'error'],
    ['showInformationMessage', 'info'],
  ] as const) {
    const original = w[name];
    w[name] = async (message: string, ...rest: unknown[]) => {
      shown.push({ level, message, at: Date.now() });
      const modal = rest.some((r) => typeof r === 'object' && r !== null && (r as { modal?: boolean }).modal);
      return modal ? answers.shift() : undefined;
    };
    restore.push(() => (w[name] = original));
  }
  return () => restore.forEach((r) => r());
}
