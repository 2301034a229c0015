// What a command gets from the composition root (extension/core.ts), and nothing else: the
// stores and pollers it acts on, the tokens, and the few doors into the views it may ask
// through without knowing them. Commands change the store; the views follow the store.
import type * as vscode from 'vscode';
import type { TokenStore } from '../platform/tokens';
import type { ResolveLaunchesParams, ResolveLaunchesResult } from '../specfile/protocol';
import type { BulkDeleter } from '../store/bulkDelete';
import type { DetailPoller } from '../store/detailPoller';
import type { JobStore } from '../store/jobStore';
import type { Poller } from '../store/poller';
import type { RowRef } from '../store/refs';
import type { TailSessions } from '../store/tail/tailSessions';

export interface CommandContext {
  /** Where the launch wizard remembers each connection's last launch. */
  memento: vscode.Memento;
  jobStore: JobStore;
  poller: Poller;
  details: DetailPoller;
  deleter: BulkDeleter;
  tokens: TokenStore;
  tails: TailSessions;
  /** The Jobs tree's selected rows. */
  selection(): RowRef[];
  /** Whether the user has a connection's rows open (a refresh of all reads only those). */
  isShown(connection: string): boolean;
  /**
   * Opens (or reveals) a job's panel; `reveal` names a target to scroll to. `preview`: a click
   * on a tree row, shown in the preview panel the way VS Code shows a file clicked once.
   */
  openPanel(connection: string, jobId: string, reveal?: string, preview?: boolean): void;
  /** This session's spec-lens key: a lens click's arguments carry it, a `command:` link cannot. */
  lensKey: string;
  /** The spec-file server's check of a file's launches. */
  resolveLaunches(params: ResolveLaunchesParams): Promise<ResolveLaunchesResult>;
  /** Opens (or reads again, when open) a job's report as a Markdown document beside the editor. */
  openReport(connection: string, jobId: string): Promise<vscode.Uri>;
  /** Re-reads settings and rebuilds connections. */
  reload(): void;
  /** `publisher.name` from package.json: the authority of links to jobs. */
  extensionId: string;
}
