// The display language VS Code runs in ("en", "de", "zh-cn"): what shared/format.ts formats
// dates and numbers for on the host, and what the panel's page gets in its initial state.
import * as vscode from 'vscode';

export function displayLocale(): string {
  return vscode.env.language;
}
