// The `jobdeck-compare:` documents (Compare Jobs): two runs side by side as Markdown, made from
// the store's details of both jobs (loaded through the detail poller when the store has
// none). They follow the jobs: when either job's detail changes, an open comparison reloads.
import * as vscode from 'vscode';
import { COMPARE_SCHEME, parseCompareQuery } from '../../shared/compareUri';
import { compareJobs } from '../../shared/jobCompare/compareModel';
import { compareMarkdown } from '../../shared/jobCompare/compareMarkdown';
import { mdText } from '../../shared/jobReport/markdownSafe';
import { Disposable } from '../../shared/lifecycle';
import type { DetailPoller } from '../../store/detailPoller';
import type { JobStore } from '../../store/jobStore';

export class CompareDocuments extends Disposable implements vscode.TextDocumentContentProvider {
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
            if (doc.uri.scheme !== COMPARE_SCHEME) continue;
            const ref = parseCompareQuery(doc.uri.query);
            if (ref && ref.connection === s.name && (ref.a === d.id || ref.b === d.id)) this.changed.fire(doc.uri);
          }
        },
      }),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseCompareQuery(uri.query);
    if (!ref) return '(not a Jobdeck comparison address)';
    try {
      const [a, b] = await Promise.all([
        this.details.detail(ref.connection, ref.a),
        this.details.detail(ref.connection, ref.b),
      ]);
      if (!a || !b) return `(the connection ${mdText(ref.connection, 100)} is not configured)`;
      return compareMarkdown(compareJobs(a, b), ref.connection);
    } catch (e) {
      return `(the jobs could not be read: ${mdText((e as Error).message, 500)})`;
    }
  }
}
