// The `jobdeck-diff:` documents: before/after texts rebuilt from a step's hunks (see
// shared/diffHunks.ts for how gaps are filled), read-only, for VS Code's own diff editor.
// They follow the job: when its detail changes, open documents are told to reload.
import * as vscode from 'vscode';
import { reconstruct } from '../../shared/diffHunks';
import { DIFF_SCHEME, parseDiffQuery } from '../../shared/diffUri';
import { diffText, outputText } from '../../shared/jobCompare/compareModel';
import { Disposable } from '../../shared/lifecycle';
import { findTarget } from '../../shared/protocol';
import type { DetailPoller } from '../../store/detailPoller';
import type { JobStore } from '../../store/jobStore';

export class DiffDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor(
    jobStore: JobStore,
    private readonly details: DetailPoller,
  ) {
    super();
    this.register(
      jobStore.subscribe({
        detail: (s, d) => {
          for (const doc of vscode.workspace.textDocuments) {
            if (doc.uri.scheme !== DIFF_SCHEME) continue;
            const ref = parseDiffQuery(doc.uri.query);
            if (ref && ref.connection === s.name && ref.jobId === d.id) this.changed.fire(doc.uri);
          }
        },
      }),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseDiffQuery(uri.query);
    if (!ref) return '(not a Jobdeck diff address)';
    const detail = await this.details.detail(ref.connection, ref.jobId);
    const target = detail ? findTarget(detail.targets, ref.path) : undefined;
    if (ref.side === 'diff' || ref.side === 'output') {
      // A run without this target (Compare Jobs) shows an empty side: all of the other is new.
      if (!target) return '';
      return ref.side === 'diff' ? diffText(target) : outputText(target);
    }
    if (!target?.diff) return `(job ${ref.jobId} of ${ref.connection} has no diff here any more)`;
    const docs = reconstruct(target.diff);
    return ref.side === 'before' ? docs.before : docs.after;
  }
}
