// What commands and views share, built once in activate(). Commands get this object and
// nothing else, so each command file is a thin function of the user's intent.
import type * as vscode from 'vscode';
import type { JobStore } from './store/jobStore';
import type { Poller } from './store/poller';
import type { TokenStore } from './tokens';
import type { JobTreeProvider } from '../views/jobs/jobTreeProvider';
import type { TreeNode } from '../views/jobs/nodes';
import type { FinishNotifier } from './finishNotifier';
import type { TailSessions } from './tail/tailSessions';
import type { DetailPoller } from './store/detailPoller';
import type { JobPanels } from '../views/panel/jobPanels';
import type { DiffDocuments } from '../views/diff/diffDocuments';
import type { ReportDocuments } from '../views/report/reportDocuments';

export interface Services {
  context: vscode.ExtensionContext;
  jobStore: JobStore;
  poller: Poller;
  tokens: TokenStore;
  tree: JobTreeProvider;
  treeView: vscode.TreeView<TreeNode>;
  finish: FinishNotifier;
  /** Keeps the details of jobs with an open, visible panel fresh. */
  details: DetailPoller;
  /** The job detail panels, one per connection/jobId. */
  panels: JobPanels;
  /** The jobdeck-diff: documents (before/after of a step's diff). */
  diffs: DiffDocuments;
  /** The jobdeck-report: documents (a job's per-node report). */
  reports: ReportDocuments;
  /** Jobs being tailed (jobdeck.tailEvents), one output channel each. */
  tails: TailSessions;
  /** Re-reads settings and rebuilds connections. */
  reload(): void;
}
