// The `jobdeck-diff:` documents: before/after texts rebuilt from a step's hunks (see
// shared/diffHunks.ts for how gaps are filled), read-only, for VS Code's own diff editor.
// They follow the job: when its detail changes, open documents are told to reload.
import * as vscode from 'vscode';
import type { JobDetail, JobTarget } from '../../client/model';
import { reconstruct } from '../../shared/diffHunks';
import { findTarget } from '../../shared/protocol';
import type { JobStore } from '../../store/jobStore';
import { DIFF_SCHEME, diffUriParts, parseDiffQuery, type DiffRef } from '../../shared/diffUri';

export class DiffDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly onDetail: (s: { name: string }, d: JobDetail) => void;

  constructor(
    private readonly jobStore: JobStore,
    /** A detail some view already holds (an open panel keeps one when the store forgot it). */
    private readonly known: (connection: string, jobId: string) => JobDetail | undefined,
  ) {
    this.onDetail = (s, d) => {
      for (const doc of vscode.workspace.textDocuments) {
        if (doc.uri.scheme !== DIFF_SCHEME) continue;
        const ref = parseDiffQuery(doc.uri.query);
        if (ref && ref.connection === s.name && ref.jobId === d.id) this.changed.fire(doc.uri);
      }
    };
    jobStore.on('detail', this.onDetail);
  }

  static uri(ref: DiffRef, label: string): vscode.Uri {
    const p = diffUriParts(ref, label);
    return vscode.Uri.from({ scheme: DIFF_SCHEME, path: p.path, query: p.query });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseDiffQuery(uri.query);
    if (!ref) return '(not a Jobdeck diff address)';
    const target = await this.target(ref);
    if (!target?.diff) return `(job ${ref.jobId} of ${ref.connection} has no diff here any more)`;
    const docs = reconstruct(target.diff);
    return ref.side === 'before' ? docs.before : docs.after;
  }

  /** The target a diff address points at, loading the job's detail through the store if needed. */
  async target(ref: Pick<DiffRef, 'connection' | 'jobId' | 'path'>): Promise<JobTarget | undefined> {
    const store = this.jobStore.get(ref.connection);
    let detail = store?.detail(ref.jobId) ?? this.known(ref.connection, ref.jobId);
    if (!detail && store) detail = await store.loadDetail(ref.jobId);
    return detail ? findTarget(detail.targets, ref.path) : undefined;
  }

  dispose(): void {
    this.jobStore.off('detail', this.onDetail as never);
    this.changed.dispose();
  }
}
