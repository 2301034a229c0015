// The extension's l10n bundle (vscode.l10n.bundle) as the page and the spec language server get
// it: the messages of an object, nothing else. Anything else means no bundle: English.
export function l10nBundleOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}
