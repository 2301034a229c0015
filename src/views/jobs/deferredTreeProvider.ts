// A tree data provider that exists before the real one: activation hands it to createTreeView,
// and the first time VS Code asks it anything it loads the real provider (`load` binds it) and
// forwards from then on, change events included.
import * as vscode from 'vscode';

type Change<T> = T | T[] | undefined | null | void;

export class DeferredTreeProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private target?: vscode.TreeDataProvider<T>;
  private subscription?: vscode.Disposable;
  private readonly changed = new vscode.EventEmitter<Change<T>>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly load: () => unknown) {}

  bind(target: vscode.TreeDataProvider<T>): void {
    this.subscription?.dispose();
    this.target = target;
    this.subscription = target.onDidChangeTreeData?.((e) => this.changed.fire(e));
  }

  getChildren(element?: T): vscode.ProviderResult<T[]> {
    return this.real().getChildren(element);
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.real().getTreeItem(element);
  }

  resolveTreeItem(
    item: vscode.TreeItem,
    element: T,
    token: vscode.CancellationToken,
  ): vscode.ProviderResult<vscode.TreeItem> {
    const target = this.real();
    return target.resolveTreeItem ? target.resolveTreeItem(item, element, token) : item;
  }

  getParent(element: T): vscode.ProviderResult<T> {
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
