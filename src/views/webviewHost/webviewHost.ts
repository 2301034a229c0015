// The host side of any Jobdeck webview: its HTML under a strict CSP with a nonce per load, the
// loads themselves, the `ready` handshake, a watchdog for pages that never load, and replies
// to the page's numbered requests. What the page is for lives in its owner (a `WebviewPage`,
// such as the job panel); the owner posts through here and hears the page through here.
//
// A load begins with each HTML set and ends when the panel is hidden (VS Code drops a hidden
// webview's page; it loads again when shown). A message posted while a visible page loads
// waits for it in VS Code; one posted to an earlier load is gone with it. So the owner learns
// at `ready` whether the page may have missed what was posted.
import * as vscode from 'vscode';
import { Disposable } from '../../shared/lifecycle';
import { makeNonce, webviewHtml } from './webviewHtml';
import { displayLocale } from '../../platform/locale';

/** How long a visible page may take to say `ready` before it is loaded again. */
const READY_TIMEOUT_MS = 8000;
/** Loads a page that never says `ready` gets, after the first. */
const MAX_RELOADS = 2;

export interface WebviewPage {
  /**
   * Post what the page should show: at `ready` (all of it when the page may have missed what
   * was posted before) and after a reload of the page.
   */
  sync(all: boolean): void;
  /** Any other message from the page (unchecked: the page is untrusted). */
  receive(message: unknown): void | Promise<void>;
  /** The panel was shown or hidden. */
  visible(visible: boolean): void;
  /** Posts VS Code could not deliver (no page held them): post again at the next `ready`. */
  lost(): void;
}

interface WebviewFiles {
  extensionUri: vscode.Uri;
  /** The page's script, a path inside the extension. */
  script: string[];
  styles: string[][];
  title: string;
  log?(message: string): void;
}

/** Scripts on, find widget on, and resources only from the extension's dist/ and media/. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export class WebviewHost extends Disposable {
  /** True between the page's `ready` and its going away (hidden or closed). */
  ready = false;
  /** The current load; what was posted to an earlier one is gone. */
  private loadNo = 0;
  /** The page is loading and visible: what is posted now waits for it in VS Code. */
  private loading = false;
  /** The current load's page said `ready` once (a second time, it was reloaded in place). */
  private readyInLoad = false;
  /** Something was posted to the current load. */
  private postedInLoad = false;
  private watchdog?: NodeJS.Timeout;
  private reloads = 0;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly files: WebviewFiles,
    private readonly page: WebviewPage,
  ) {
    super();
    panel.webview.options = webviewOptions(files.extensionUri);
    this.register({ dispose: () => clearTimeout(this.watchdog) });
    this.register(panel.webview.onDidReceiveMessage((m: unknown) => this.received(m)));
    this.register(
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) this.unload();
        else this.armWatchdog();
        page.visible(e.webviewPanel.visible);
      }),
    );
    this.setHtml();
    this.armWatchdog();
  }

  get load(): number {
    return this.loadNo;
  }

  /** A page is there, or loading where VS Code holds messages for it. */
  get canPost(): boolean {
    return !this.isDisposed && (this.ready || this.loading);
  }

  post(message: unknown): void {
    if (this.isDisposed) return;
    this.postedInLoad = true;
    const load = this.loadNo;
    const delivered = Promise.resolve(this.panel.webview.postMessage(message));
    // VS Code had no page to hold it for: the page that says `ready` gets everything then.
    delivered
      .then((ok) => {
        if (ok || this.ready || load !== this.loadNo) return;
        this.postedInLoad = false;
        this.page.lost();
      })
      .catch(() => undefined);
  }

  /** The answer to the page's request number `seq`. */
  reply(seq: number, ok: boolean, message?: string): void {
    void this.panel.webview.postMessage({ type: 'reply', seq, ok, message });
  }

  override dispose(): void {
    this.ready = false;
    super.dispose();
  }

  private received(m: unknown): void {
    if (this.isDisposed || !m || typeof m !== 'object') return;
    if ((m as { type?: unknown }).type !== 'ready') {
      void this.page.receive(m);
      return;
    }
    clearTimeout(this.watchdog);
    // What was posted while this load's page loaded reaches it. A page reloaded in place
    // (Developer: Reload Webviews) says `ready` again and gets everything again.
    const missed = this.readyInLoad || !this.postedInLoad;
    this.ready = true;
    this.loading = false;
    this.readyInLoad = true;
    this.page.sync(missed);
  }

  private unload(): void {
    this.ready = false;
    this.loading = false;
    this.readyInLoad = false;
    this.postedInLoad = false;
    this.loadNo++;
  }

  private setHtml(): void {
    const w = this.panel.webview;
    const uri = (p: string[]) => w.asWebviewUri(vscode.Uri.joinPath(this.files.extensionUri, ...p)).toString();
    w.html = webviewHtml({
      cspSource: w.cspSource,
      nonce: makeNonce(),
      scriptUri: uri(this.files.script),
      styleUris: this.files.styles.map(uri),
      title: this.files.title,
      locale: displayLocale(),
      l10n: vscode.l10n.bundle,
    });
    this.unload();
    this.loading = this.panel.visible;
  }

  /**
   * A visible page that never says `ready` did not load (seen in web workbenches when
   * webviews are created and disposed in quick succession): set its HTML again, twice at most.
   */
  private armWatchdog(): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      if (this.isDisposed || this.ready || !this.panel.visible || this.reloads >= MAX_RELOADS) return;
      this.reloads++;
      this.files.log?.(`${this.files.title}: the page did not load; loading it again`);
      this.setHtml();
      this.page.sync(true);
      this.armWatchdog();
    }, READY_TIMEOUT_MS);
  }
}
