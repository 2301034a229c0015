// One job's panel, on a WebviewHost (views/webviewHost/): it watches its job through the
// detail poller and posts the page what the watch knows as soon as it knows it (VS Code holds
// messages for a page that is still loading, so the data travels while the webview starts),
// again when the host says the page may have missed it, and whenever the watch says the job
// changed (never an HTML reload). It turns the page's requests into commands, checked first.
// The preview panel shows another job by `retarget`: a new watch, the same page.
import * as vscode from 'vscode';
import { isJobdeckError } from '../../client/errors';
import { JOB_STATES, isDetail, type Job, type JobDetail, type JobState } from '../../client/model';
import { Disposable } from '../../shared/lifecycle';
import {
  PANEL_ACTIONS,
  isPanelActionId,
  jobKey,
  type PanelActionId,
  type PanelJob,
  type PanelState,
  type ShowMessage,
  type TargetMessage,
  type WebviewMessage,
} from '../../shared/protocol';
import type { DetailPoller, DetailWatch } from '../../store/detailPoller';
import type { JobStore } from '../../store/jobStore';
import { stateCodicon } from '../icons';
import { actionLabel } from './actionLabel';
import { WebviewHost, type WebviewPage } from '../webviewHost/webviewHost';
import { knownUrls, panelActions, panelTitle, targetColumns, toPanelJob } from './panelData';
import { firstScreen, pageTargets, wholeTarget } from './panelPayload';

export interface PanelHooks {
  /** Every command the panel dispatches goes through here (tests wrap it). */
  executeCommand(command: string, ...args: unknown[]): Thenable<unknown>;
  openUrl(url: string, connectionUrl: string): Promise<unknown>;
  writeClipboard(text: string): Thenable<void>;
}

interface PanelDeps {
  extensionUri: vscode.Uri;
  jobStore: JobStore;
  details: DetailPoller;
  hooks: PanelHooks;
  openJob(connection: string, jobId: string): void;
  /** The user keeps this panel's job (Keep Open in the preview panel). */
  keepOpen(panel: JobPanel): void;
  /** Called once, when the job is first known (finish notifications). */
  jobKnown(connection: string, job: Job): void;
  warn(message: string): void;
  log?(message: string): void;
}

export type RenderedReport = Extract<WebviewMessage, { type: 'rendered' }>;

const ICONS = Object.fromEntries(JOB_STATES.map((s) => [s, stateCodicon(s)])) as Record<JobState, string>;
/** Copying more than this from the page is refused (a page cannot fill the clipboard). */
const MAX_COPY = 20_000_000;

export const panelKey = jobKey;

export class JobPanel extends Disposable implements WebviewPage {
  /** What the page last said it drew. */
  lastRendered?: RenderedReport;
  /** `show` messages posted so far. */
  posted = 0;
  private readonly renderedEmitter = this.register(new vscode.EventEmitter<RenderedReport>());
  /** Fires after each render of the page. */
  readonly onDidRender = this.renderedEmitter.event;
  private readonly host: WebviewHost;
  private watch: DetailWatch;
  private reveal?: string;
  /** The page's copy of the job, made once per job object the store hands over. */
  private pageJob?: { of: Job | JobDetail; job: PanelJob };
  /** What the current page load was last sent, to post only changes. */
  private sent?: { load: number; key: ShowKey; whole: boolean };
  /** The load whose page is owed all the rows of a big job (once it drew the first screenful). */
  private owed?: number;
  private announced = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private connectionName: string,
    private id: string,
    private readonly deps: PanelDeps,
    onClosed: (p: JobPanel) => void,
    reveal?: string,
    private previewing = false,
  ) {
    super();
    this.reveal = reveal;
    this.host = this.register(
      new WebviewHost(
        panel,
        {
          extensionUri: deps.extensionUri,
          script: ['dist', 'webview.js'],
          styles: [
            ['dist', 'codicon.css'],
            ['media', 'panel.css'],
          ],
          title: `Jobdeck job ${panelKey(connectionName, id)}`,
          log: deps.log,
        },
        this,
      ),
    );
    this.watch = this.watchJob();
    this.register({ dispose: () => this.watch.dispose() });
    this.register({ dispose: () => onClosed(this) });
    this.register(panel.onDidDispose(() => this.dispose()));
    this.updateTitle();
    this.announce();
    // What is known already (the list entry, or a kept detail) travels while the page loads.
    this.post(false);
  }

  get ready(): boolean {
    return this.host.ready;
  }

  get connection(): string {
    return this.connectionName;
  }

  get jobId(): string {
    return this.id;
  }

  /** The preview panel: the next click on a tree row shows its job here. */
  get preview(): boolean {
    return this.previewing;
  }

  get state(): PanelState {
    const state: PanelState = { connection: this.connection, jobId: this.jobId };
    if (this.previewing) state.preview = true;
    return state;
  }

  /**
   * Shows another job on the same page (the preview panel following the tree): a watch of the
   * new job, and a `show` the page takes as a new job (it drops the last one's rows and view).
   */
  retarget(connection: string, jobId: string, reveal?: string): void {
    if (this.isDisposed || (connection === this.connection && jobId === this.jobId)) return;
    this.watch.dispose();
    this.connectionName = connection;
    this.id = jobId;
    this.reveal = reveal;
    this.pageJob = undefined;
    this.sent = undefined;
    this.owed = undefined;
    this.lastRendered = undefined;
    this.announced = false;
    this.watch = this.watchJob();
    // The page's message first: the tab's title and the finish watch can follow it.
    this.post(true);
    this.updateTitle();
    this.announce();
  }

  /** Keeps (false) or makes this the preview panel; the page shows Keep Open only on a preview. */
  setPreview(preview: boolean): void {
    if (this.previewing === preview) return;
    this.previewing = preview;
    this.post(false);
  }

  /** The header buttons the job's state and the connection allow now. */
  get actions(): PanelActionId[] {
    const store = this.deps.jobStore.get(this.connection);
    return this.job && store ? panelActions(store.actions(this.job)) : [];
  }

  /** The job as the panel last knew it. */
  get current(): Job | JobDetail | undefined {
    return this.job;
  }

  private get job(): Job | JobDetail | undefined {
    return this.watch.job;
  }

  /** Brings the panel to the front; scrolls to a target if one is named. */
  show(reveal?: string, preserveFocus = false): void {
    if (reveal) this.reveal = reveal;
    this.panel.reveal(undefined, preserveFocus);
    if (reveal) this.post(true);
  }

  sync(all: boolean): void {
    this.post(all);
  }

  visible(visible: boolean): void {
    this.watch.setVisible(visible);
  }

  lost(): void {
    if (this.sent?.load === this.host.load) this.sent = undefined;
  }

  /** Handles a message from the page. Public so integration tests can play the page. */
  async receive(raw: unknown): Promise<void> {
    if (!raw || typeof raw !== 'object') return;
    const m = raw as WebviewMessage;
    // Said about the job this panel showed before (the preview moved on): not for this one.
    if (m.for !== undefined && m.for !== panelKey(this.connection, this.jobId)) return;
    switch (m.type) {
      case 'keepOpen':
        this.deps.keepOpen(this);
        return;
      case 'rendered':
        this.lastRendered = m;
        if (this.reveal !== undefined && (m.revealed === this.reveal || m.missed === this.reveal))
          this.reveal = undefined;
        this.renderedEmitter.fire(m);
        if (m.firstScreen) this.payDebt();
        return;
      case 'refresh':
        await this.watch.refresh();
        return;
      case 'loadTarget': {
        if (typeof m.id !== 'string') return;
        const t = this.job && isDetail(this.job) ? this.job.targets.find((x) => x.id === m.id) : undefined;
        const reply: TargetMessage = { type: 'target', id: m.id, target: t ? wholeTarget(t) : undefined };
        void this.panel.webview.postMessage(reply);
        return;
      }
      case 'action':
        return this.dispatchAction(m.action);
      case 'openJob':
        if (typeof m.jobId === 'string' && m.jobId && this.isLinkedJob(m.jobId))
          this.deps.openJob(this.connection, m.jobId);
        return;
      case 'openUrl': {
        if (typeof m.url !== 'string' || !this.job || !knownUrls(this.job).has(m.url)) {
          this.deps.warn(vscode.l10n.t('Jobdeck opens only links that the job itself carries.'));
          return;
        }
        await this.deps.hooks.openUrl(m.url, this.deps.jobStore.get(this.connection)?.url ?? '');
        return;
      }
      case 'openDiff':
        if (!Array.isArray(m.path) || !m.path.every((p) => typeof p === 'string')) return;
        await this.run('jobdeck.openDiff', { connection: this.connection, jobId: this.jobId, path: m.path });
        return;
      case 'copy': {
        if (typeof m.text !== 'string' || typeof m.seq !== 'number') return;
        if (m.text.length > MAX_COPY) return this.host.reply(m.seq, false, 'too large to copy');
        try {
          await this.deps.hooks.writeClipboard(m.text);
          this.host.reply(m.seq, true);
        } catch (e) {
          this.host.reply(m.seq, false, (e as Error).message);
        }
        return;
      }
    }
  }

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    this.panel.dispose();
  }

  private async dispatchAction(action: unknown): Promise<void> {
    const store = this.deps.jobStore.get(this.connection);
    if (!isPanelActionId(action) || !store || !this.job) return;
    // The page drew its buttons from an older state: ask again before acting.
    if (!this.actions.includes(action)) {
      this.deps.warn(vscode.l10n.t('{0} does not apply to this job any more.', actionLabel(action)));
      return;
    }
    await this.run(PANEL_ACTIONS[action].command, { connection: this.connection, jobId: this.jobId });
  }

  private async run(command: string, arg: unknown): Promise<void> {
    try {
      await this.deps.hooks.executeCommand(command, arg);
    } catch (e) {
      this.deps.warn(vscode.l10n.t('Jobdeck: {0} failed: {1}', command, (e as Error).message));
    }
  }

  private isLinkedJob(jobId: string): boolean {
    return (this.job?.links ?? []).some((l) => l.jobId === jobId);
  }

  private watchJob(): DetailWatch {
    return this.deps.details.watch(this.connection, this.jobId, () => this.changed(), this.panel.visible);
  }

  private changed(): void {
    if (this.isDisposed) return;
    this.updateTitle();
    this.announce();
    this.post(false);
  }

  private announce(): void {
    if (this.announced || !this.job) return;
    this.announced = true;
    this.deps.jobKnown(this.connection, this.job);
  }

  private updateTitle(): void {
    this.panel.title = this.job
      ? panelTitle(this.job.name || this.job.id, this.job.rawState)
      : vscode.l10n.t('Job {0}', this.jobId);
  }

  /**
   * Posts the page the job's data: when a page is there (or loading, visible) and something
   * changed. The store hands over a new job object only when the job changed, so comparing
   * the object (and the few other fields) says "changed" without serializing megabytes.
   */
  private post(force: boolean): void {
    if (!this.host.canPost) return;
    const load = this.host.load;
    const key = this.key();
    const sent = this.sent?.load === load ? this.sent : undefined;
    if (!force && !this.reveal && sent && sameKey(sent.key, key)) return;
    // Sent until the page says it scrolled there (or that the job has no such target): a
    // message to a page that was still loading can be lost with that load.
    const reveal = this.reveal;
    // A page without all the rows yet gets the first screenful of a big job first.
    const first = !sent?.whole && this.job && isDetail(this.job) ? firstScreen(this.job.targets) : undefined;
    if (this.job && first) {
      this.send({
        ...this.message(key),
        job: { ...toPanelJob(this.job), targets: first.targets },
        pending: first.pending,
        reveal,
      });
      this.owed = load;
      this.sent = { load, key, whole: false };
    } else {
      this.send({ ...this.message(key), job: this.job ? this.toPage(this.job) : undefined, reveal });
      this.owed = undefined;
      this.sent = { load, key, whole: (sent?.whole ?? false) || key.detailLoaded };
    }
  }

  /** All the rows of a big job, for the page that drew their first screenful. */
  private payDebt(): void {
    if (this.owed !== this.host.load || this.isDisposed || !this.job) return;
    this.owed = undefined;
    const key = this.key();
    this.send({ ...this.message(key), job: this.toPage(this.job) });
    this.sent = { load: this.host.load, key, whole: true };
  }

  private key(): ShowKey {
    return {
      job: this.job,
      actions: this.actions.join(','),
      error: this.errorText(),
      detailLoaded: this.job !== undefined && isDetail(this.job),
      preview: this.previewing,
    };
  }

  private errorText(): string | undefined {
    const e = this.watch.error;
    if (e === undefined) return undefined;
    if (isJobdeckError(e)) {
      if (e.code === 'notFound') return `Job ${this.jobId} no longer exists on the server.`;
      return e.withHint(e.shortMessage ?? e.message);
    }
    return e instanceof Error ? e.message : String(e);
  }

  private message(key: ShowKey): ShowMessage {
    const store = this.deps.jobStore.get(this.connection);
    return {
      type: 'show',
      connection: this.connection,
      jobId: this.jobId,
      detailLoaded: key.detailLoaded,
      actions: this.actions,
      icons: ICONS,
      columns: store ? targetColumns(store.capabilities) : undefined,
      error: key.error,
      now: Date.now(),
      preview: key.preview || undefined,
    };
  }

  private send(msg: ShowMessage): void {
    this.posted++;
    this.host.post(msg);
  }

  private toPage(job: Job | JobDetail): PanelJob {
    if (this.pageJob?.of !== job)
      this.pageJob = {
        of: job,
        job: isDetail(job) ? { ...toPanelJob(job), targets: pageTargets(job.targets) } : toPanelJob(job),
      };
    return this.pageJob.job;
  }
}

/** What a `show` depends on; the job by identity. */
interface ShowKey {
  job: Job | JobDetail | undefined;
  actions: string;
  error: string | undefined;
  detailLoaded: boolean;
  preview: boolean;
}

function sameKey(a: ShowKey, b: ShowKey): boolean {
  return (
    a.job === b.job &&
    a.actions === b.actions &&
    a.error === b.error &&
    a.detailLoaded === b.detailLoaded &&
    a.preview === b.preview
  );
}
