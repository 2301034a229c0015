// A tree data provider that exists before the real one: activation hands it to createTreeView,
// and the first time VS Code asks it anything it loads the real provider (`load` binds it) and
// forwards from then on, change events included. With a preview, the first question for the
// root is answered from it instead, the real provider is loaded just after, and the root is
// asked again once it is bound: the first rows do not wait for the body to load.
import * as vscode from 'vscode';

type Change<T> = T | T[] | undefined | null | void;

/** Root rows shown before the real provider is loaded (cheap to make: no body needed). */
export interface TreePreview<P> {
  rows(): P[];
  item(row: P): vscode.TreeItem;
  isRow(e: unknown): e is P;
}

export class DeferredTreeProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private target?: vscode.TreeDataProvider<T>;
  private subscription?: vscode.Disposable;
  private previewed = false;
  private readonly changed = new vscode.EventEmitter<Change<T>>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly load: () => unknown,
    private readonly preview?: TreePreview<unknown>,
  ) {}

  bind(target: vscode.TreeDataProvider<T>): void {
    this.subscription?.dispose();
    this.target = target;
    this.subscription = target.onDidChangeTreeData?.((e) => this.changed.fire(e));
    // VS Code holds preview rows: the whole tree is asked again, and they are gone.
    if (this.previewed) this.changed.fire(undefined);
  }

  getChildren(element?: T): vscode.ProviderResult<T[]> {
    if (this.preview?.isRow(element)) return [];
    if (!element && !this.target && this.preview && !this.previewed) {
      this.previewed = true;
      setTimeout(() => this.target ?? this.load(), 0);
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
    this.subscription?.dispose();
    this.changed.dispose();
  }

  private real(): vscode.TreeDataProvider<T> {
    if (!this.target) this.load();
    if (!this.target) throw new Error('the Jobdeck tree did not load');
    return this.target;
  }
}
