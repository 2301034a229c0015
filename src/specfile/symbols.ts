// The outline of a spec file: one entry per launch, its fields below.
import * as l10n from '@vscode/l10n';
import { DocumentSymbol, SymbolKind } from './lsp';
import type { FileAnalysis } from './analyze';
import type { SpecFile, SpecNode } from './document';
import { DIALECT_TITLES } from './fields';

export function documentSymbols(file: SpecFile, analysis: FileAnalysis): DocumentSymbol[] {
  const range = (s: { start: number; end: number }) => file.lines.range(s);
  return file.launches.map((launch) => {
    const a = analysis.launches[launch.index];
    const children: DocumentSymbol[] = [...launch.fields.values()].map((e) => ({
      name: e.key,
      detail: brief(e.value),
      kind: SymbolKind.Property,
      range: range(e.span),
      selectionRange: range(e.keySpan),
    }));
    return {
      name: a?.title || l10n.t('Launch {0}', launch.index + 1),
      detail: a?.connection ? `${DIALECT_TITLES[a.connection.kind]} · ${a.connection.name}` : undefined,
      kind: SymbolKind.Event,
      range: range(launch.node.span),
      selectionRange: range(a?.anchor ?? launch.node.span),
      children,
    };
  });
}

function brief(v: SpecNode | undefined): string {
  if (!v) return '';
  if (v.type === 'scalar') return v.value === null ? '' : String(v.value);
  if (v.type === 'seq') return v.items.map((i) => (i.type === 'scalar' ? String(i.value) : '…')).join(', ');
  return v.entries.map((e) => e.key).join(', ');
}
