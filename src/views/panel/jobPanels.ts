// The open job panels, one per `connection/jobId` (opening an open job reveals its panel),
// and their restoration after a window reload (WebviewPanelSerializer, viewType jobdeck.job,
// state {connection, jobId, preview}).
//
// Like VS Code's preview editors: a click on a tree row shows the job in the preview panel,
// and the next click shows the next job in that same panel (a new `show` to the page that is
// already there: no webview starts, which is what made every job cost a second). A double
// click, or Keep Open in the panel, pins it: it keeps its job and the next click makes a new
// preview. workbench.editor.enablePreview off means every click gets a panel of its own.
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

/** Two opens of one row from the tree within this long are a double click (VS Code's own 500 ms). */
const DOUBLE_CLICK_MS = 500;

export interface OpenHow {
  /** A single click on a tree row: show it in the preview panel. */
  preview?: boolean;
}

export class JobPanels implements vscode.Disposable {
  private readonly panels = new Map<string, JobPanel>();
  /** The panel whose job the next click on a tree row replaces. */
  private previewPanel?: JobPanel;
  private lastPreviewOpen?: { key: string; at: number };
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
  open(connection: string, jobId: string, reveal?: string, how: OpenHow = {}): JobPanel {
    const key = panelKey(connection, jobId);
    const preview = how.preview === true && previewEnabled();
    const now = Date.now();
    const again = preview && this.lastPreviewOpen?.key === key && now - this.lastPreviewOpen.at < DOUBLE_CLICK_MS;
    this.lastPreviewOpen = preview && !again ? { key, at: now } : undefined;
    const existing = this.panels.get(key);
    // A preview keeps the focus in the tree (arrow keys go on through the jobs, as in the
    // Explorer); a double click moves it to the panel.
    const focus = !preview || again;
    if (existing) {
      if (again) this.pin(existing);
      existing.show(reveal, !focus);
      return existing;
    }
    const reuse = preview ? this.previewPanel : undefined;
    if (reuse) {
      this.panels.delete(panelKey(reuse.connection, reuse.jobId));
      this.panels.set(key, reuse);
      reuse.retarget(connection, jobId, reveal);
      reuse.show(undefined, !focus);
      return reuse;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      `Job ${jobId}`,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: !focus },
      webviewOptions(this.deps.extensionUri),
    );
    return this.adopt(panel, connection, jobId, reveal, preview);
  }

  /** Keeps a panel's job: the next click on a tree row opens a preview panel of its own. */
  pin(panel: JobPanel): void {
    if (this.previewPanel === panel) this.previewPanel = undefined;
    panel.setPreview(false);
  }

  /** The panel a click on a tree row shows its job in, if there is one. */
  get preview(): JobPanel | undefined {
    return this.previewPanel;
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
    this.adopt(panel, state.connection, state.jobId, undefined, state.preview === true && !this.previewPanel);
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

  private adopt(
    panel: vscode.WebviewPanel,
    connection: string,
    jobId: string,
    reveal?: string,
    preview = false,
  ): JobPanel {
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
        keepOpen: (panel) => this.pin(panel),
        jobKnown: this.deps.jobKnown,
        warn: this.deps.warn,
        log: this.deps.log,
      },
      (closed) => {
        const key = panelKey(closed.connection, closed.jobId);
        if (this.panels.get(key) === closed) this.panels.delete(key);
        if (this.previewPanel === closed) this.previewPanel = undefined;
      },
      reveal,
      preview,
    );
    this.panels.set(panelKey(connection, jobId), p);
    if (preview) this.previewPanel = p;
    return p;
  }
}

function previewEnabled(): boolean {
  return vscode.workspace.getConfiguration('workbench.editor').get<boolean>('enablePreview', true) !== false;
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
