// One job's panel: owns its WebviewPanel, its detail watch and its store listeners. It posts
// the page the job's data as soon as it has it (VS Code holds messages for a page that is
// still loading, so the data travels while the webview starts), again after `ready` if the
// page may have missed it, and whenever the store says the job changed (never an HTML
// reload); and turns the page's requests into commands, validated first.
import * as vscode from 'vscode';
import { JOB_STATES, type Job, type JobDetail, type JobState } from '../../client/model';
import type { JobStore, JobStoreEvents } from '../../store/jobStore';
import type { DetailPoller, DetailWatch } from '../../store/detailPoller';
import { isJobdeckError } from '../../client/errors';
import { stateCodicon } from '../icons';
import { PANEL_ACTIONS, isPanelActionId, type PanelActionId, type PanelJob, type PanelState, type ShowMessage, type TargetMessage, type WebviewMessage } from '../../shared/protocol';
import { isDetail, knownUrls, panelActions, panelTitle, toPanelJob } from './panelData';
import { makeNonce, panelHtml } from './panelHtml';
import { firstScreen, pageTargets, wholeTarget } from './panelPayload';

export interface PanelHooks {
  /** Every command the panel dispatches goes through here (tests wrap it). */
  executeCommand(command: string, ...args: unknown[]): Thenable<unknown>;
  openUrl(url: string, connectionUrl: string): Promise<unknown>;
  writeClipboard(text: string): Thenable<void>;
}

export interface PanelDeps {
  extensionUri: vscode.Uri;
  jobStore: JobStore;
  details: DetailPoller;
  hooks: PanelHooks;
  openJob(connection: string, jobId: string): void;
  /** Called once, when the job is first known (finish notifications). */
  jobKnown(connection: string, job: Job): void;
  warn(message: string): void;
  log?(message: string): void;
}

export type RenderedReport = Extract<WebviewMessage, { type: 'rendered' }>;

const ICONS = Object.fromEntries(JOB_STATES.map((s) => [s, stateCodicon(s)])) as Record<JobState, string>;
/** Copying more than this from the page is refused (a page cannot fill the clipboard). */
const MAX_COPY = 20_000_000;
/** How long a visible page may take to say `ready` before it is loaded again. */
const READY_TIMEOUT_MS = 8000;

export function panelKey(connection: string, jobId: string): string {
  return `${connection}/${jobId}`;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export class JobPanel implements vscode.Disposable {
  /** True between the page's `ready` and its going away (hidden or closed). */
  ready = false;
  /** What the page last said it drew. */
  lastRendered?: RenderedReport;
  /** `show` messages posted so far. */
  posted = 0;
  private readonly renderedEmitter = new vscode.EventEmitter<RenderedReport>();
  /** Fires after each render of the page. */
  readonly onDidRender = this.renderedEmitter.event;
  private job?: Job | JobDetail;
  private error?: string;
  private reveal?: string;
  /** The page's copy of `job`, made once per job object the store hands over. */
  private pageJob?: { of: Job | JobDetail; job: PanelJob };
  /**
   * Counts page loads: each HTML set starts one, hiding ends it (VS Code drops a hidden
   * webview's page). What was posted to an earlier load is gone with it.
   */
  private load = 0;
  /** The page is loading and visible: what is posted now waits for it in VS Code. */
  private loading = false;
  /** The current load's page said `ready` once (a second time, it was reloaded in place). */
  private readyInLoad = false;
  /** What the current page load was last sent, to post only changes. */
  private sent?: { load: number; key: ShowKey; whole: boolean };
  /** The load whose page is owed all the rows of a big job (once it drew the first screenful). */
  private owed?: number;
  private announced = false;
  private disposed = false;
  private readonly watch: DetailWatch;
  private watchdog?: NodeJS.Timeout;
  private reloads = 0;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly onDetail: (...a: JobStoreEvents['detail']) => void;
  private readonly onJobs: (...a: JobStoreEvents['jobs']) => void;
  private readonly onConnections: () => void;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly connection: string,
    readonly jobId: string,
    private readonly deps: PanelDeps,
    private readonly onClosed: (p: JobPanel) => void,
    reveal?: string,
  ) {
    this.reveal = reveal;
    const store = deps.jobStore.get(connection);
    this.job = store?.detail(jobId) ?? store?.job(jobId);
    if (!store) this.error = `The connection "${connection}" is not configured.`;
    panel.webview.options = webviewOptions(deps.extensionUri);
    this.setHtml();
    this.armWatchdog();
    this.updateTitle();
    this.announce();

    this.onDetail = (s, d) => {
      if (s.name !== connection || d.id !== jobId) return;
      this.job = d;
      this.error = undefined;
      this.changed();
    };
    this.onJobs = (s, jobs) => {
      if (s.name !== connection) return;
      const j = jobs.find((x) => x.id === jobId);
      if (!j) return;
      const known = this.job;
      if (!known || !isDetail(known)) {
        this.job = j;
        this.changed();
      }
      // The list saw the job move on: fetch its detail now rather than at the next tick.
      if (known && known.state !== j.state) void this.watch.refresh();
    };
    this.onConnections = () => {
      const s = deps.jobStore.get(connection);
      if (!s) {
        this.error = `The connection "${connection}" is no longer configured.`;
        this.changed();
      } else if (this.error) {
        void this.watch.refresh();
      }
    };
    deps.jobStore.on('detail', this.onDetail);
    deps.jobStore.on('jobs', this.onJobs);
    deps.jobStore.on('connections', this.onConnections);

    this.watch = deps.details.watch(
      connection,
      jobId,
      {
        onLoaded: (d) => {
          const hadError = this.error !== undefined;
          this.error = undefined;
          // The store emits `detail` only on change; a first load after an error still shows.
          if (hadError || !this.job || !isDetail(this.job)) {
            this.job = d;
            this.changed();
          }
        },
        onError: (e) => {
          this.error = describeError(e, jobId);
          this.changed();
        },
      },
      panel.visible,
    );

    this.subscriptions.push(
      this.renderedEmitter,
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      panel.onDidChangeViewState((e) => {
        // A hidden webview is torn down; it says `ready` again when shown.
        if (!e.webviewPanel.visible) {
          this.ready = false;
          this.loading = false;
          this.readyInLoad = false;
          this.load++;
        } else this.armWatchdog();
        this.watch.setVisible(e.webviewPanel.visible);
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    // What is known already (the list entry, or a kept detail) travels while the page loads.
    this.post(false);
  }

  get state(): PanelState {
    return { connection: this.connection, jobId: this.jobId };
  }

  /** The header buttons the job's state and the connection allow now. */
  get actions(): PanelActionId[] {
    const store = this.deps.jobStore.get(this.connection);
    return this.job && store ? panelActions(this.job, store.connection.adapter) : [];
  }

  /** The job as the panel last knew it. */
  get current(): Job | JobDetail | undefined {
    return this.job;
  }

  /** Brings the panel to the front; scrolls to a target if one is named. */
  show(reveal?: string): void {
    if (reveal) this.reveal = reveal;
    this.panel.reveal(undefined, false);
    if (reveal) this.post(true);
  }

  /** Handles a message from the page. Public so integration tests can play the page. */
  async receive(raw: unknown): Promise<void> {
    if (!raw || typeof raw !== 'object') return;
    const m = raw as WebviewMessage;
    switch (m.type) {
      case 'ready': {
        clearTimeout(this.watchdog);
        // What was posted while this load's page loaded reaches it. A page reloaded in place
        // (Developer: Reload Webviews) says `ready` again and gets everything again.
        const gotIt = !this.readyInLoad && this.sent?.load === this.load;
        this.ready = true;
        this.loading = false;
        this.readyInLoad = true;
        this.post(!gotIt);
        return;
      }
      case 'rendered':
        this.lastRendered = m;
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
        if (typeof m.jobId === 'string' && m.jobId && this.isLinkedJob(m.jobId)) this.deps.openJob(this.connection, m.jobId);
        return;
      case 'openUrl': {
        if (typeof m.url !== 'string' || !this.job || !knownUrls(this.job).has(m.url)) {
          this.deps.warn('Jobdeck opens only links that the job itself carries.');
          return;
        }
        const url = this.deps.jobStore.get(this.connection)?.connection.config.url ?? '';
        await this.deps.hooks.openUrl(m.url, url);
        return;
      }
      case 'openDiff':
        if (!Array.isArray(m.path) || !m.path.every((p) => typeof p === 'string')) return;
        await this.run('jobdeck.openDiff', { connection: this.connection, jobId: this.jobId, path: m.path });
        return;
      case 'copy': {
        if (typeof m.text !== 'string' || typeof m.seq !== 'number') return;
        if (m.text.length > MAX_COPY) {
          this.reply(m.seq, false, 'too large to copy');
          return;
        }
        try {
          await this.deps.hooks.writeClipboard(m.text);
          this.reply(m.seq, true);
        } catch (e) {
          this.reply(m.seq, false, (e as Error).message);
        }
        return;
      }
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.ready = false;
    clearTimeout(this.watchdog);
    this.watch.dispose();
    this.deps.jobStore.off('detail', this.onDetail);
    this.deps.jobStore.off('jobs', this.onJobs);
    this.deps.jobStore.off('connections', this.onConnections);
    for (const d of this.subscriptions) d.dispose();
    this.onClosed(this);
    this.panel.dispose();
  }

  private async dispatchAction(action: unknown): Promise<void> {
    const store = this.deps.jobStore.get(this.connection);
    if (!isPanelActionId(action) || !store || !this.job) return;
    // The page drew its buttons from an older state: ask again before acting.
    if (!this.actions.includes(action)) {
      this.deps.warn(`${PANEL_ACTIONS[action].label} does not apply to this job any more.`);
      return;
    }
    await this.run(PANEL_ACTIONS[action].command, { connection: this.connection, jobId: this.jobId });
  }

  private async run(command: string, arg: unknown): Promise<void> {
    try {
      await this.deps.hooks.executeCommand(command, arg);
    } catch (e) {
      this.deps.warn(`Jobdeck: ${command} failed: ${(e as Error).message}`);
    }
  }

  private isLinkedJob(jobId: string): boolean {
    return (this.job?.links ?? []).some((l) => l.jobId === jobId);
  }

  private changed(): void {
    if (this.disposed) return;
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
    this.panel.title = this.job ? panelTitle(this.job.name || this.job.id, this.job.rawState) : `Job ${this.jobId}`;
  }

  /**
   * Posts the page the job's data: when a page is there (or loading, visible) and something
   * changed. The store hands over a new job object only when the job changed, so comparing
   * the object (and the few other fields) says "changed" without serializing megabytes.
   */
  private post(force: boolean): void {
    if (this.disposed || !(this.ready || this.loading)) return;
    const key = this.key();
    const sent = this.sent?.load === this.load ? this.sent : undefined;
    if (!force && !this.reveal && sent && sameKey(sent.key, key)) return;
    const reveal = this.reveal;
    this.reveal = undefined;
    // A page without all the rows yet gets the first screenful of a big job first.
    const first = !sent?.whole && this.job && isDetail(this.job) ? firstScreen(this.job.targets) : undefined;
    if (this.job && first) {
      this.send({ ...this.message(key), job: { ...toPanelJob(this.job), targets: first.targets }, pending: first.pending, reveal });
      this.owed = this.load;
      this.sent = { load: this.load, key, whole: false };
    } else {
      this.send({ ...this.message(key), job: this.job ? this.toPage(this.job) : undefined, reveal });
      this.owed = undefined;
      this.sent = { load: this.load, key, whole: (sent?.whole ?? false) || key.detailLoaded };
    }
  }

  /** All the rows of a big job, for the page that drew their first screenful. */
  private payDebt(): void {
    if (this.owed !== this.load || this.disposed || !this.job) return;
    this.owed = undefined;
    const key = this.key();
    this.send({ ...this.message(key), job: this.toPage(this.job) });
    this.sent = { load: this.load, key, whole: true };
  }

  private key(): ShowKey {
    return { job: this.job, actions: this.actions.join(','), error: this.error, detailLoaded: this.job !== undefined && isDetail(this.job) };
  }

  private message(key: ShowKey): ShowMessage {
    return { type: 'show', connection: this.connection, jobId: this.jobId, detailLoaded: key.detailLoaded, actions: this.actions, icons: ICONS, error: this.error, now: Date.now() };
  }

  private send(msg: ShowMessage): void {
    this.posted++;
    const load = this.load;
    const delivered = Promise.resolve(this.panel.webview.postMessage(msg));
    // VS Code had no page to hold it for: the page that says `ready` gets everything then.
    delivered.then((ok) => !ok && !this.ready && this.sent?.load === load && (this.sent = undefined)).catch(() => undefined);
  }

  private toPage(job: Job | JobDetail): PanelJob {
    if (this.pageJob?.of !== job) this.pageJob = { of: job, job: isDetail(job) ? { ...toPanelJob(job), targets: pageTargets(job.targets) } : toPanelJob(job) };
    return this.pageJob.job;
  }

  private setHtml(): void {
    this.panel.webview.html = this.html();
    this.load++;
    this.ready = false;
    this.readyInLoad = false;
    this.loading = this.panel.visible;
  }

  /**
   * A visible page that never says `ready` did not load (seen in web workbenches when
   * webviews are created and disposed in quick succession): set its HTML again, twice at most.
   */
  private armWatchdog(): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      if (this.disposed || this.ready || !this.panel.visible || this.reloads >= 2) return;
      this.reloads++;
      this.deps.log?.(`job panel ${panelKey(this.connection, this.jobId)}: the page did not load; loading it again`);
      this.setHtml();
      this.post(true);
      this.armWatchdog();
    }, READY_TIMEOUT_MS);
  }

  private reply(seq: number, ok: boolean, message?: string): void {
    void this.panel.webview.postMessage({ type: 'reply', seq, ok, message });
  }

  private html(): string {
    const w = this.panel.webview;
    const uri = (...p: string[]) => w.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, ...p)).toString();
    return panelHtml({
      cspSource: w.cspSource,
      nonce: makeNonce(),
      scriptUri: uri('dist', 'webview.js'),
      styleUris: [uri('dist', 'codicon.css'), uri('media', 'panel.css')],
    });
  }
}

/** What a `show` depends on; the job by identity. */
interface ShowKey {
  job: Job | JobDetail | undefined;
  actions: string;
  error: string | undefined;
  detailLoaded: boolean;
}

function sameKey(a: ShowKey, b: ShowKey): boolean {
  return a.job === b.job && a.actions === b.actions && a.error === b.error && a.detailLoaded === b.detailLoaded;
}

function describeError(e: unknown, jobId: string): string {
  if (isJobdeckError(e)) {
    if (e.code === 'notFound') return `Job ${jobId} no longer exists on the server.`;
    return [e.shortMessage ?? e.message, e.hintText].filter(Boolean).join(' ');
  }
  return e instanceof Error ? e.message : String(e);
}
