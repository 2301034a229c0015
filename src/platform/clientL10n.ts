// The words src/client and src/store show (launch fields, validation messages, error texts,
// panel field labels) in VS Code's display language. Those layers never import `vscode`; they
// call @vscode/l10n's `l10n.t`, which this gives the extension's bundle (vscode.l10n.bundle;
// undefined in English) when the body starts, before any of them is asked for a word. Nothing
// in them calls `l10n.t` while its module loads, so no word is fixed before this runs.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { l10nBundleOf } from '../shared/l10nBundle';

export function configureClientL10n(): void {
  l10n.config({ contents: l10nBundleOf(vscode.l10n.bundle) });
}
