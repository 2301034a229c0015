// The one way Jobdeck makes a MarkdownString (tooltips, hovers): trusting nothing. No command
// links run, no HTML renders, no `$(icon)` is read; our own markup goes in with appendMarkdown
// (literals only: a unit test checks the source), anything else with appendText, which escapes.
import * as vscode from 'vscode';

export function inertMarkdown(): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.supportThemeIcons = false;
  return md;
}

/**
 * Markdown that Jobdeck's own spec-file language server wrote (hovers, completion details): it
 * quotes every value from a file or a job server through markdownText/markdownCode, which
 * escape. Rendered trusting nothing, like any other.
 */
export function specServerMarkdown(markdown: string): vscode.MarkdownString {
  const md = inertMarkdown();
  md.appendMarkdown(markdown);
  return md;
}
