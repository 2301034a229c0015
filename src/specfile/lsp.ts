// The LSP types the spec-file features answer with, and the few constants they use. Types only
// come from vscode-languageserver-types: its runtime namespaces would put 28 KB into the
// server bundle for a dozen numbers (issue 20's VSIX size). The numbers are LSP 3.17's.
export type {
  CodeLens,
  CompletionItem,
  Diagnostic,
  DiagnosticSeverity as DiagnosticSeverityValue,
  DocumentSymbol,
  Hover,
  MarkupContent,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver-types';
import type { Range } from 'vscode-languageserver-types';

export const CompletionItemKind = { Text: 1, Module: 9, Property: 10, Value: 12 } as const;
export const InsertTextFormat = { PlainText: 1, Snippet: 2 } as const;
export const MarkupKind = { PlainText: 'plaintext', Markdown: 'markdown' } as const;
export const DiagnosticSeverity = { Error: 1, Warning: 2, Information: 3, Hint: 4 } as const;
export const SymbolKind = { Property: 7, Event: 24 } as const;
export const TextDocumentSyncKind = { None: 0, Full: 1, Incremental: 2 } as const;

/** textDocument/didOpen's parameters. */
export interface DidOpenParams {
  textDocument: { uri: string; languageId: string; version: number; text: string };
}

/** textDocument/didChange's parameters (incremental changes; a change without range is the whole text). */
export interface DidChangeParams {
  textDocument: { uri: string; version: number };
  contentChanges: ({ range: Range; rangeLength?: number; text: string } | { text: string })[];
}
