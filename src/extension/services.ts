// What commands and views share, built once in activate(). Commands get this object and
// nothing else, so each command file is a thin function of the user's intent.
import type * as vscode from 'vscode';
import type { JobStore } from '../store/jobStore';
import type { Poller } from '../store/poller';
import type { TokenStore } from '../platform/tokens';
import type { JobTreeProvider } from '../views/jobs/jobTreeProvider';
import type { TreeNode } from '../views/jobs/nodes';
import type { FinishNotifier } from '../views/finishNotifier';
import type { TailSessions } from '../store/tail/tailSessions';
import type { DetailPoller } from '../store/detailPoller';
import type { JobPanels } from '../views/panel/jobPanels';
import type { DiffDocuments } from '../views/diff/diffDocuments';

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
  /** Jobs being tailed (jobdeck.tailEvents), one output channel each. */
  tails: TailSessions;
  /** Re-reads settings and rebuilds connections. */
  reload(): void;
}
