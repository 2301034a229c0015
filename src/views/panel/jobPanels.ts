// The open job panels, one per `connection/jobId` (opening an open job reveals its panel),
// and their restoration after a window reload (WebviewPanelSerializer, viewType jobdeck.job,
// state {connection, jobId}).
import * as vscode from 'vscode';
import type { Job } from '../../client/model';
import type { JobStore } from '../../store/jobStore';
import type { DetailPoller } from '../../store/detailPoller';
import { VIEW_TYPE, type PanelState } from '../../shared/protocol';
import { webviewOptions } from '../webviewHost/webviewHost';
import { JobPanel, panelKey, type PanelHooks } from './jobPanel';
import { openLink, vscodeLinkHooks, type LinkHooks } from '../../platform/openLink';

interface JobPanelsDeps {
  extensionUri: vscode.Uri;
  jobStore: JobStore;
  details: DetailPoller;
  /** Called when a panel first knows its job (Services.finish.watch). */
  jobKnown(connection: string, job: Job): void;
  warn(message: string): void;
  log?(message: string): void;
}

export class JobPanels implements vscode.Disposable {
  private readonly panels = new Map<string, JobPanel>();
  /** Link opening; tests replace it to see what would be opened. */
  linkHooks: LinkHooks = vscodeLinkHooks(vscode);
  /**
   * What the panels dispatch through. Tests wrap `executeCommand` to see which command id and
   * argument a button sends (a spy cannot be registered for ids that exist).
   */
  readonly hooks: PanelHooks = {
    executeCommand: (command, ...args) => vscode.commands.executeCommand(command, ...args),
    openUrl: (url, connectionUrl) => openLink(url, connectionUrl, this.linkHooks),
    writeClipboard: (text) => vscode.env.clipboard.writeText(text),
  };

  constructor(private readonly deps: JobPanelsDeps) {}

  /** Opens (or reveals) the panel of a job; `reveal` names a target to scroll to. */
  open(connection: string, jobId: string, reveal?: string): JobPanel {
    const existing = this.panels.get(panelKey(connection, jobId));
    if (existing) {
      existing.show(reveal);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      `Job ${jobId}`,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      webviewOptions(this.deps.extensionUri),
    );
    return this.adopt(panel, connection, jobId, reveal);
  }

  /** The serializer's half: a panel VS Code kept across a reload, with the state it saved. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (!isPanelState(state)) {
      panel.dispose();
      return;
    }
    const existing = this.panels.get(panelKey(state.connection, state.jobId));
    if (existing) {
      panel.dispose();
      existing.show();
      return;
    }
    this.adopt(panel, state.connection, state.jobId);
  }

  get(connection: string, jobId: string): JobPanel | undefined {
    return this.panels.get(panelKey(connection, jobId));
  }

  all(): JobPanel[] {
    return [...this.panels.values()];
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
  }

  private adopt(panel: vscode.WebviewPanel, connection: string, jobId: string, reveal?: string): JobPanel {
    const key = panelKey(connection, jobId);
    const p = new JobPanel(
      panel,
      connection,
      jobId,
      {
        extensionUri: this.deps.extensionUri,
        jobStore: this.deps.jobStore,
        details: this.deps.details,
        hooks: this.hooks,
        openJob: (c, j) => void this.open(c, j),
        jobKnown: this.deps.jobKnown,
        warn: this.deps.warn,
        log: this.deps.log,
      },
      (closed) => {
        if (this.panels.get(key) === closed) this.panels.delete(key);
      },
      reveal,
    );
    this.panels.set(key, p);
    return p;
  }
}

function isPanelState(v: unknown): v is PanelState {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as PanelState).connection === 'string' &&
    typeof (v as PanelState).jobId === 'string' &&
    (v as PanelState).jobId !== ''
  );
}
