// The spec language server's words in VS Code's display language: the extension passes its
// l10n bundle (vscode.l10n.bundle; undefined in English) as `initializationOptions.l10n`, and
// @vscode/l10n takes it before the first file is checked (diagnostics, hover, completion and
// code lenses all come after `initialize`).
import * as l10n from '@vscode/l10n';
import { l10nBundleOf } from '../shared/l10nBundle';

export function configureServerL10n(initializationOptions: unknown): void {
  const options = initializationOptions as { l10n?: unknown } | null | undefined;
  l10n.config({ contents: l10nBundleOf(options?.l10n) });
}
