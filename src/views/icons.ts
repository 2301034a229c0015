// The single place that maps a normalized state to a codicon and a theme colour.
import * as vscode from 'vscode';
import type { JobState } from '../client/model';

const ICONS: Record<JobState, [string, string | undefined]> = {
  pending: ['clock', 'charts.yellow'],
  scheduled: ['calendar', 'charts.blue'],
  running: ['sync~spin', 'charts.blue'],
  stopping: ['loading~spin', 'charts.orange'],
  succeeded: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  stopped: ['circle-slash', 'disabledForeground'],
  disabled: ['debug-pause', 'disabledForeground'],
  deleting: ['trash', 'charts.orange'],
  unknown: ['question', undefined],
};

export function stateIcon(state: JobState): vscode.ThemeIcon {
  const [id, color] = ICONS[state] ?? ICONS.unknown;
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

/** Codicon id without the spin modifier (webview and status bar use it). */
export function stateCodicon(state: JobState): string {
  return (ICONS[state] ?? ICONS.unknown)[0].replace('~spin', '');
}
