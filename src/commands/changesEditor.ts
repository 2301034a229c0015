// Several diffs at once: VS Code's multi-file diff editor (`vscode.changes`, VS Code 1.86 and
// later) where the running VS Code has it, else one diff editor per pair (the first few; the
// rest are a pick away in the panel). Used by Open All Changes and Compare Jobs.
import * as vscode from 'vscode';
import { DIFF_SCHEME, diffUriParts, type DiffRef } from '../shared/diffUri';

export interface ChangePair {
  label: string;
  left: vscode.Uri;
  right: vscode.Uri;
}

// eslint-disable-next-line no-control-regex -- what a file name in a tab must not hold
const TITLE_UNSAFE = /[\\/\u0000-\u001f\u007f]+/g;

/** Diff editors opened one by one when there is no multi-diff editor. */
export const ONE_BY_ONE_MAX = 10;

export function diffDocUri(ref: DiffRef, label: string): vscode.Uri {
  return vscode.Uri.from({ scheme: DIFF_SCHEME, ...diffUriParts(ref, label) });
}

export async function hasMultiDiffEditor(): Promise<boolean> {
  return (await vscode.commands.getCommands(true)).includes('vscode.changes');
}

/** Opens the pairs; answers how: 'multi' (one editor), or the number opened one by one. */
export async function openChanges(title: string, pairs: readonly ChangePair[]): Promise<'multi' | number> {
  if (await hasMultiDiffEditor()) {
    // Both sides under one name (the documents are found by their query): the editor then
    // shows each pair as a change of one file, not as a rename of one into the other.
    const entries = pairs.map((p) => {
      const path = `/${p.label.replace(TITLE_UNSAFE, ' ').trim().slice(0, 120) || 'diff'}`;
      const right = p.right.with({ path });
      return [right, p.left.with({ path }), right];
    });
    await vscode.commands.executeCommand('vscode.changes', title, entries);
    return 'multi';
  }
  const shown = pairs.slice(0, ONE_BY_ONE_MAX);
  for (const p of shown)
    await vscode.commands.executeCommand('vscode.diff', p.left, p.right, p.label, { preview: false });
  if (pairs.length > shown.length)
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        "Opened {0} of {1} diffs (this VS Code has no multi-diff editor). The job's panel lists them all.",
        shown.length,
        pairs.length,
      ),
    );
  return shown.length;
}
