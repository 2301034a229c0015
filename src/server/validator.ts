// Diagnostics per open document, debounced: a pause in typing runs one check. The structural
// result (and whatever live values are cached) is published at once; when lists had to be
// loaded from the servers, the complete result follows, unless the text changed meanwhile.
import type { Diagnostic } from '../specfile/lsp';
import type { SpecService } from './specService';

interface DocumentSource {
  get(uri: string): { uri: string; version: number; getText(): string } | undefined;
}

type Publish = (uri: string, diagnostics: Diagnostic[], version?: number) => void;

export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Bumped on every schedule: a run whose stamp is old publishes nothing. */
  private readonly stamps = new Map<string, number>();

  constructor(
    private readonly service: SpecService,
    private readonly documents: DocumentSource,
    private readonly publish: Publish,
    private readonly onLog: (message: string) => void = () => undefined,
    private readonly delayMs = 300,
  ) {}

  schedule(uri: string, delayMs = this.delayMs): void {
    clearTimeout(this.timers.get(uri));
    const stamp = (this.stamps.get(uri) ?? 0) + 1;
    this.stamps.set(uri, stamp);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.run(uri, stamp).catch((e: unknown) =>
          this.onLog(`checking ${uri} failed: ${(e as Error).stack ?? String(e)}`),
        );
      }, delayMs),
    );
  }

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.stamps.delete(uri);
    this.publish(uri, []);
  }

  /** Resolves when the document's current check (if any) has published its final result. */
  async run(uri: string, stamp = this.stamps.get(uri) ?? 0): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const text = doc.getText();
    const current = () => this.stamps.get(uri) === stamp && this.documents.get(uri)?.version === doc.version;
    const quick = await this.service.analyzeCached(uri, text);
    if (!current()) return;
    this.publish(uri, this.service.diagnostics(uri, quick), doc.version);
    if (!quick.analysis.needs.length) return;
    const full = await this.service.analyzeLive(uri, text);
    if (!current()) return;
    this.publish(uri, this.service.diagnostics(uri, full), doc.version);
  }
}
