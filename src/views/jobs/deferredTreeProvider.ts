// A tree data provider that exists before the real one: activation hands it to createTreeView,
// and the first time VS Code asks it anything it loads the real provider (`load` binds it) and
// forwards from then on, change events included. With a preview, the first question for the
// root is answered from it instead, the real provider is loaded just after, and the root is
// asked again once it is bound: the first rows do not wait for the body to load.
import * as vscode from 'vscode';
import type { BusyShare } from '../../platform/hostBusy';

type Change<T> = T | T[] | undefined | null | void;

/** How long after the preview rows the body loads at the soonest when nothing asks for it first. */
export const BODY_AFTER_PREVIEW_MS = 600;

/** After the preview rows, the body waits for a quiet extension host no longer than this. */
export const BODY_AT_LATEST_MS = 3000;

/** A quiet extension host: busy less than this share of the last QUIET_SPAN_MS. */
export const QUIET_SHARE = 0.25;
export const QUIET_SPAN_MS = 100;

/** Root rows shown before the real provider is loaded (cheap to make: no body needed). */
export interface TreePreview<P> {
  rows(): P[];
  item(row: P): vscode.TreeItem;
  isRow(e: unknown): e is P;
}

export class DeferredTreeProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private target?: vscode.TreeDataProvider<T>;
  private subscription?: vscode.Disposable;
  /** When the root was answered from the preview (Date.now()); unset until then. Also in the cold-path log line. */
  previewedAt?: number;
  private loadTimer?: ReturnType<typeof setTimeout>;
  private readonly changed = new vscode.EventEmitter<Change<T>>();
  readonly onDidChangeTreeData = this.changed.event;

  /** @param hostBusy starts measuring how busy the extension host is (none: the wait alone). */
  constructor(
    private readonly load: () => unknown,
    private readonly preview?: TreePreview<unknown>,
    private readonly hostBusy?: () => BusyShare,
  ) {}

  bind(target: vscode.TreeDataProvider<T>): void {
    this.subscription?.dispose();
    this.target = target;
    this.subscription = target.onDidChangeTreeData?.((e) => this.changed.fire(e));
    // VS Code holds preview rows: the whole tree is asked again, and they are gone.
    if (this.previewedAt !== undefined) this.changed.fire(undefined);
  }

  getChildren(element?: T): vscode.ProviderResult<T[]> {
    if (this.preview?.isRow(element)) {
      // An expanded row restored: its jobs are wanted now (they come when the body binds).
      this.loadSoon(0);
      return [];
    }
    if (!element && !this.target && this.preview && this.previewedAt === undefined) {
      this.previewedAt = Date.now();
      // Not at once: the body's start (100–400 ms of loading, then a burst of registrations
      // VS Code's window must process) held the first rows' paint back by 300–400 ms in the
      // reload bench (extension-host logs beside the paint times). Anything that needs the
      // body sooner (a command, a panel, an expanded row, a spec file) loads it at once.
      this.loadWhenQuiet();
      // VS Code hands preview rows back only to this provider (getTreeItem, getChildren).
      return this.preview.rows() as T[];
    }
    return this.real().getChildren(element);
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    if (this.preview?.isRow(element)) return this.preview.item(element);
    return this.real().getTreeItem(element);
  }

  resolveTreeItem(
    item: vscode.TreeItem,
    element: T,
    token: vscode.CancellationToken,
  ): vscode.ProviderResult<vscode.TreeItem> {
    if (this.preview?.isRow(element)) return item;
    const target = this.real();
    return target.resolveTreeItem ? target.resolveTreeItem(item, element, token) : item;
  }

  getParent(element: T): vscode.ProviderResult<T> {
    if (this.preview?.isRow(element)) return undefined;
    return this.real().getParent?.(element);
  }

  dispose(): void {
    clearTimeout(this.loadTimer);
    this.subscription?.dispose();
    this.changed.dispose();
  }

  /**
   * Loads the body BODY_AFTER_PREVIEW_MS after the preview rows, or later, once the extension
   * host is quiet (at the latest BODY_AT_LATEST_MS). The wait alone was not enough: while a
   * window starts, the built-ins that activate with it (git, GitHub, TypeScript, JSON) keep
   * both the host and the window busy, the rows are painted when they are done, and in 15 of
   * 40 reloads of the bench the body had loaded before the paint (14 of them among the slower
   * half of the paints).
   */
  private loadWhenQuiet(): void {
    if (!this.hostBusy) return this.loadSoon(BODY_AFTER_PREVIEW_MS);
    const latest = Date.now() + BODY_AT_LATEST_MS;
    const busy = this.hostBusy();
    const check = () => {
      if (busy() < QUIET_SHARE || Date.now() >= latest) this.loadSoon(0);
      else this.loadTimer = setTimeout(check, QUIET_SPAN_MS);
    };
    // The first share read covers the last QUIET_SPAN_MS of the wait.
    this.loadTimer = setTimeout(() => {
      busy();
      this.loadTimer = setTimeout(check, QUIET_SPAN_MS);
    }, BODY_AFTER_PREVIEW_MS - QUIET_SPAN_MS);
  }

  /** Loads the body after the current answer has left (a timer, then an immediate: after either kind of flush). */
  private loadSoon(delayMs: number): void {
    if (this.target) return;
    clearTimeout(this.loadTimer);
    this.loadTimer = setTimeout(() => setImmediate(() => this.target ?? this.load()), delayMs);
  }

  private real(): vscode.TreeDataProvider<T> {
    if (!this.target) this.load();
    if (!this.target) throw new Error('the Jobdeck tree did not load');
    return this.target;
  }
}
