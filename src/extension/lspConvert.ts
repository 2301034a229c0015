// LSP's answers as VS Code's objects, for the spec-file client (languageClient.ts). Only what the
// spec server sends: completion, hover, outline, CodeLens and diagnostics. Server text stays
// text: markdown is never trusted (no command links), never renders HTML or $(icons).
import * as vscode from 'vscode';
import { inertMarkdown, specServerMarkdown } from '../platform/inertMarkdown';
import type {
  CodeLens,
  Command,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  MarkedString,
  MarkupContent,
  Position,
  Range,
  SymbolInformation,
  TextEdit,
} from 'vscode-languageserver-types';

export const toPosition = (p: Position): vscode.Position => new vscode.Position(p.line, p.character);

export const toRange = (r: Range): vscode.Range => new vscode.Range(toPosition(r.start), toPosition(r.end));

export const fromPosition = (p: vscode.Position): Position => ({ line: p.line, character: p.character });

export const fromRange = (r: vscode.Range): Range => ({ start: fromPosition(r.start), end: fromPosition(r.end) });

/** LSP's kinds start at 1, VS Code's at 0 (same order); anything else is the fallback. */
function kind<T extends number>(value: number | undefined, max: number, fallback: T): T {
  return value !== undefined && value >= 1 && value <= max ? ((value - 1) as T) : fallback;
}

function plainText(text: string): vscode.MarkdownString {
  return inertMarkdown().appendText(text);
}

function documentation(value: string | MarkupContent | undefined): string | vscode.MarkdownString | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return value.kind === 'markdown' ? specServerMarkdown(value.value) : value.value;
}

/** A hover part: MarkupContent, or LSP's older MarkedString (a code block is shown as text). */
function markedString(value: MarkedString | MarkupContent): vscode.MarkdownString {
  if (typeof value === 'string') return specServerMarkdown(value);
  if ('kind' in value) return value.kind === 'markdown' ? specServerMarkdown(value.value) : plainText(value.value);
  return plainText(value.value);
}

export function toCommand(c: Command | undefined): vscode.Command | undefined {
  return c ? { title: c.title, command: c.command, arguments: c.arguments } : undefined;
}

const toTextEdit = (e: TextEdit): vscode.TextEdit => new vscode.TextEdit(toRange(e.range), e.newText);

export function toCompletionItem(item: CompletionItem): vscode.CompletionItem {
  const result = new vscode.CompletionItem(item.label, kind(item.kind, 25, vscode.CompletionItemKind.Text));
  const snippet = item.insertTextFormat === 2;
  const text = (value: string) => (snippet ? new vscode.SnippetString(value) : value);
  result.detail = item.detail;
  result.documentation = documentation(item.documentation);
  result.sortText = item.sortText;
  result.filterText = item.filterText;
  result.preselect = item.preselect;
  result.commitCharacters = item.commitCharacters;
  result.command = toCommand(item.command);
  if (item.tags?.includes(1)) result.tags = [vscode.CompletionItemTag.Deprecated];
  if (item.textEdit) {
    result.insertText = text(item.textEdit.newText);
    result.range =
      'range' in item.textEdit
        ? toRange(item.textEdit.range)
        : { inserting: toRange(item.textEdit.insert), replacing: toRange(item.textEdit.replace) };
  } else if (item.insertText !== undefined) result.insertText = text(item.insertText);
  if (item.additionalTextEdits) result.additionalTextEdits = item.additionalTextEdits.map(toTextEdit);
  return result;
}

export function toCompletionList(answer: CompletionItem[] | CompletionList | null): vscode.CompletionList {
  if (!answer) return new vscode.CompletionList([]);
  const list = Array.isArray(answer) ? { items: answer, isIncomplete: false } : answer;
  return new vscode.CompletionList(list.items.map(toCompletionItem), list.isIncomplete);
}

export function toHover(hover: Hover | null): vscode.Hover | undefined {
  if (!hover) return undefined;
  const parts = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return new vscode.Hover(parts.map(markedString), hover.range ? toRange(hover.range) : undefined);
}

export function toSymbols(
  answer: DocumentSymbol[] | SymbolInformation[] | null,
): vscode.DocumentSymbol[] | vscode.SymbolInformation[] {
  if (!answer?.length) return [];
  if ('location' in answer[0])
    return (answer as SymbolInformation[]).map(
      (s) =>
        new vscode.SymbolInformation(
          s.name,
          kind(s.kind, 26, vscode.SymbolKind.Property),
          s.containerName ?? '',
          new vscode.Location(vscode.Uri.parse(s.location.uri), toRange(s.location.range)),
        ),
    );
  const convert = (s: DocumentSymbol): vscode.DocumentSymbol => {
    const symbol = new vscode.DocumentSymbol(
      s.name,
      s.detail ?? '',
      kind(s.kind, 26, vscode.SymbolKind.Property),
      toRange(s.range),
      toRange(s.selectionRange),
    );
    symbol.children = (s.children ?? []).map(convert);
    return symbol;
  };
  return (answer as DocumentSymbol[]).map(convert);
}

export function toCodeLenses(answer: CodeLens[] | null): vscode.CodeLens[] {
  return (answer ?? []).map((l) => new vscode.CodeLens(toRange(l.range), toCommand(l.command)));
}

export function toDiagnostic(d: Diagnostic): vscode.Diagnostic {
  const result = new vscode.Diagnostic(
    toRange(d.range),
    typeof d.message === 'string' ? d.message : d.message.value,
    kind(d.severity, 4, vscode.DiagnosticSeverity.Error),
  );
  result.source = d.source;
  if (d.code !== undefined)
    result.code = d.codeDescription ? { value: d.code, target: vscode.Uri.parse(d.codeDescription.href) } : d.code;
  if (d.tags) result.tags = d.tags.filter((t) => t === 1 || t === 2) as vscode.DiagnosticTag[];
  if (d.relatedInformation)
    result.relatedInformation = d.relatedInformation.map(
      (r) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(vscode.Uri.parse(r.location.uri), toRange(r.location.range)),
          r.message,
        ),
    );
  return result;
}
