// The connection rows a window can show before the extension's body has loaded: the names and
// kinds from settings, the way an idle connection's row looks (jobTreeProvider's connectionItem).
// A reload with the Jobdeck view open then paints these rows right after activation, and the
// body's rows (status, jobs, menus) replace them when it has loaded (issue 20, Cold view).
import * as vscode from 'vscode';
import { readConnections } from '../../platform/settings';
import type { TreePreview } from './deferredTreeProvider';
import { connectionRowId } from './nodes';

class ConnectionPreviewRow {
  constructor(
    readonly name: string,
    readonly kind: string,
  ) {}
}

export const connectionPreview: TreePreview<ConnectionPreviewRow> = {
  rows: () => readConnections().connections.map((c) => new ConnectionPreviewRow(c.name, c.kind)),
  item: (row) => {
    const item = new vscode.TreeItem(row.name, vscode.TreeItemCollapsibleState.Collapsed);
    // The real row's id, so VS Code keeps its place (and expansion) when the body's row comes.
    item.id = connectionRowId(row.name);
    item.description = row.kind;
    item.iconPath = new vscode.ThemeIcon('server');
    return item;
  },
  isRow: (e): e is ConnectionPreviewRow => e instanceof ConnectionPreviewRow,
};
