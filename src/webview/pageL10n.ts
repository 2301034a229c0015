// The page's words in VS Code's display language. The host writes the extension's l10n bundle
// (vscode.l10n.bundle: none for English) into #app's `data-l10n` attribute, so the first paint
// is already translated and the strict CSP needs no inline script; @vscode/l10n reads it here.
// main.ts calls this before it draws anything, and no module calls l10n.t when it is loaded.
import * as l10n from '@vscode/l10n';
import { l10nBundleOf } from '../shared/l10nBundle';

export function configurePageL10n(root: HTMLElement | null): void {
  const raw = root?.dataset.l10n;
  let parsed: unknown;
  try {
    parsed = raw ? JSON.parse(raw) : undefined;
  } catch {
    parsed = undefined;
  }
  l10n.config({ contents: l10nBundleOf(parsed) });
}
