// What the language server answers, as functions of a document's text: diagnostics, completion,
// hover, outline, CodeLens and the launches behind "▶ Launch". server.ts only wires these to
// the LSP connection, so unit tests can drive this class directly.
import * as l10n from '@vscode/l10n';
import {
  CodeLens,
  CompletionItem,
  Diagnostic,
  DiagnosticSeverity,
  type DiagnosticSeverityValue,
  DocumentSymbol,
  Hover,
  MarkupKind,
} from '../specfile/lsp';
import type { ChoiceField } from '../client/launch/fields';
import {
  analyzeSpec,
  ChoiceState,
  ConnectionInfo,
  coveredBySchema,
  FileAnalysis,
  LaunchAnalysis,
  Severity,
} from '../specfile/analyze';
import { complete } from '../specfile/complete';
import { formatOf, parseSpec, SpecFile } from '../specfile/document';
import { hoverAt } from '../specfile/hover';
import {
  LAUNCH_ALL_COMMAND,
  LAUNCH_COMMAND,
  LaunchLensArgs,
  ResolvedLaunch,
  ResolveLaunchesParams,
  ResolveLaunchesResult,
} from '../specfile/protocol';
import { documentSymbols } from '../specfile/symbols';
import { ChoiceCache } from './choiceCache';
import type { ServerConnections } from './connections';

interface Analyzed {
  file: SpecFile;
  analysis: FileAnalysis;
  connections: ConnectionInfo[];
}

const SEVERITY: Record<Severity, DiagnosticSeverityValue> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export class SpecService {
  readonly cache: ChoiceCache;

  constructor(
    private readonly connections: ServerConnections,
    options: { ttlMs?: number; errorTtlMs?: number; completionWaitMs?: number } = {},
  ) {
    this.cache = new ChoiceCache((name, field, signal) => this.connections.choices(name, field, signal), options);
    this.completionWaitMs = options.completionWaitMs ?? 5_000;
  }

  private readonly completionWaitMs: number;

  /** Connections or tokens changed. */
  reset(): void {
    this.connections.invalidate();
    this.cache.clear();
  }

  /** With what is known now: structure, and live values already in the cache. */
  async analyzeCached(uri: string, text: string): Promise<Analyzed> {
    const file = parseSpec(text, formatOf(uri));
    const connections = await this.connections.infos();
    const analysis = analyzeSpec(file, { connections, choices: (c, f) => this.cache.peek(c, f) });
    return { file, analysis, connections };
  }

  /** After loading every list the file refers to (cached ones are not asked again). */
  async analyzeLive(uri: string, text: string): Promise<Analyzed> {
    const first = await this.analyzeCached(uri, text);
    if (!first.analysis.needs.length) return first;
    await Promise.all(first.analysis.needs.map((n) => this.cache.get(n.connection, n.field)));
    return this.analyzeCached(uri, text);
  }

  diagnostics(uri: string, a: Analyzed): Diagnostic[] {
    const json = formatOf(uri) === 'json';
    return a.analysis.problems
      .filter((p) => !(json && coveredBySchema(p)))
      .map((p) => ({
        range: a.file.lines.range(p.span),
        severity: SEVERITY[p.severity],
        message: p.message,
        source: 'jobdeck',
        code: p.code,
      }));
  }

  async completion(uri: string, text: string, offset: number): Promise<CompletionItem[]> {
    const connections = await this.connections.infos();
    return complete(text, formatOf(uri), offset, {
      connections,
      choices: (c, f) => this.choicesWithin(c, f, this.completionWaitMs),
    });
  }

  async hover(uri: string, text: string, offset: number): Promise<Hover | undefined> {
    const a = await this.analyzeCached(uri, text);
    // In JSON files the schema's descriptions already show on keys.
    const h = hoverAt(a.file, a.analysis, a.connections, offset, formatOf(uri) !== 'json');
    if (!h) return undefined;
    return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: a.file.lines.range(h.span) };
  }

  async symbols(uri: string, text: string): Promise<DocumentSymbol[]> {
    const a = await this.analyzeCached(uri, text);
    return documentSymbols(a.file, a.analysis);
  }

  async codeLenses(uri: string, text: string): Promise<CodeLens[]> {
    const a = await this.analyzeCached(uri, text);
    const lenses: CodeLens[] = [];
    const launches = a.file.launches;
    const key = await this.connections.lensKey();
    if (launches.length && a.file.launchesEntry) {
      const args: LaunchLensArgs = { uri, key };
      lenses.push({
        range: a.file.lines.range(a.file.launchesEntry.keySpan),
        command: {
          title: `▶ ${launches.length > 1 ? l10n.t('Launch all ({0})', launches.length) : l10n.t('Launch all')}`,
          command: LAUNCH_ALL_COMMAND,
          arguments: [args],
        },
      });
    }
    for (const launch of a.analysis.launches) {
      const args: LaunchLensArgs = { uri, index: launch.index, key };
      // Counted from the text, not from the resolved launch: lenses do not wait for live values.
      const packages = a.file.launches[launch.index]?.fields.get('packages')?.value;
      const bulk = packages?.type === 'seq' ? packages.items.length : 0;
      lenses.push({
        range: a.file.lines.range(launch.anchor),
        command: {
          title: `▶ ${bulk ? l10n.t('Launch ({0} packages)', bulk) : l10n.t('Launch')}`,
          command: LAUNCH_COMMAND,
          arguments: [args],
        },
      });
    }
    return lenses;
  }

  async resolveLaunches(text: string, params: ResolveLaunchesParams): Promise<ResolveLaunchesResult> {
    const a = await this.analyzeLive(params.uri, text);
    let chosen: LaunchAnalysis[] = a.analysis.launches;
    if (params.index !== undefined) chosen = chosen.filter((l) => l.index === params.index);
    else if (params.offset !== undefined) {
      const at = params.offset;
      chosen = chosen.filter((l) => at >= l.span.start && at <= l.span.end).slice(0, 1);
    }
    // File-level errors (a bad top-level connection, syntax) stop every launch.
    const fileErrors = a.analysis.problems
      .filter((p) => p.severity === 'error' && !a.analysis.launches.some((l) => l.problems.includes(p)))
      .map((p) => l10n.t('line {0}: {1}', a.file.lines.position(p.span.start).line + 1, p.message));
    return {
      launches: chosen.map((l): ResolvedLaunch => {
        const problems = [
          ...fileErrors,
          ...l.problems
            .filter((p) => p.severity === 'error')
            .map((p) => l10n.t('line {0}: {1}', a.file.lines.position(p.span.start).line + 1, p.message)),
          ...l.blockers,
        ];
        const out: ResolvedLaunch = {
          index: l.index,
          title: l.title,
          line: a.file.lines.position(l.anchor.start).line,
          connection: l.connection?.name,
          problems,
        };
        if (!problems.length && l.launch) Object.assign(out, l.launch);
        else if (!problems.length) problems.push(l10n.t('nothing to launch'));
        return out;
      }),
    };
  }

  private choicesWithin(connection: string, field: ChoiceField, ms: number): Promise<ChoiceState> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<ChoiceState>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'pending' }), ms);
    });
    return Promise.race([this.cache.get(connection, field), late]).finally(() => clearTimeout(timer));
  }
}
