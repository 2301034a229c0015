// Everything the body builds, handed to integration tests and benchmarks through the
// extension's API (JobdeckApi.services). Commands get less: commands/context.ts.
import type * as vscode from 'vscode';
import type { LinkOutcome } from '../commands/jobLinkHandler';
import type { TokenStore } from '../platform/tokens';
import type { SpecClient } from './specClient';
import type { BulkDeleter } from '../store/bulkDelete';
import type { DetailPoller } from '../store/detailPoller';
import type { JobStore } from '../store/jobStore';
import type { LaunchWatcher } from '../store/launchWatcher';
import type { Poller } from '../store/poller';
import type { TailSessions } from '../store/tail/tailSessions';
import type { DiffDocuments } from '../views/diff/diffDocuments';
import type { FinishNotifier } from '../views/finishNotifier';
import type { JobTreeProvider } from '../views/jobs/jobTreeProvider';
import type { TreeNode } from '../views/jobs/nodes';
import type { TailOutput } from '../views/tailOutput';
import type { JobPanels } from '../views/panel/jobPanels';
import type { ReportDocuments } from '../views/report/reportDocuments';

export interface Services {
  context: vscode.ExtensionContext;
  jobStore: JobStore;
  poller: Poller;
  tokens: TokenStore;
  tree: JobTreeProvider;
  treeView: vscode.TreeView<TreeNode>;
  finish: FinishNotifier;
  /** Keeps the details of jobs with an open panel or an expanded row fresh. */
  details: DetailPoller;
  deleter: BulkDeleter;
  /** The job detail panels, one per connection/jobId. */
  panels: JobPanels;
  /** The jobdeck-diff: documents (before/after of a step's diff). */
  diffs: DiffDocuments;
  /** The jobdeck-report: documents (a job's per-node report). */
  reports: ReportDocuments;
  /** Jobs being tailed (jobdeck.tailEvents). */
  tails: TailSessions;
  /** The tails' output: one channel per connection. */
  tailOutput: TailOutput;
  /** Re-reads settings and rebuilds connections. */
  reload(): void;
  /** What the URI handler does with a link (tests call it with links VS Code would pass). */
  openLink(uri: vscode.Uri): Promise<LinkOutcome>;
  /** Jobs launched from Jobdeck, watched until they end. */
  launches: LaunchWatcher;
  /** The spec files' language server and its client, started with the first spec file. */
  specs: SpecClient;
}
