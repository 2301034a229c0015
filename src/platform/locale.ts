// The display language VS Code runs in ("en", "de", "zh-cn"): what shared/format.ts formats
// dates and numbers for on the host, and what the panel's page gets in its initial state.
import * as vscode from 'vscode';
import { count } from '../shared/format';

export function displayLocale(): string {
  return vscode.env.language;
}

/** A count grouped for the display language ("1,234", "1.234"): only digits and separators. */
export function localCount(n: number): string {
  return count(n, displayLocale());
}
