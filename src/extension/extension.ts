// Activation. VS Code blocks on require + activate(), so this file stays tiny: it creates the
// tree view, registers every contributed command, the panel serializer and the diff content
// provider as forwarders, and loads the body (dist/core.js: stores, client, axios, views) the
// first time one of them is used. A window where the Jobdeck view is closed and no spec file
// is open never pays for the body; one where it is open loads it right after activation, off
// the activation path.
import * as vscode from 'vscode';
import { join } from 'node:path';
import type { Core, TreeHost } from './core';
import type { Services } from './services';
import type { TreeNode } from '../views/jobs/nodes';
import { DeferredTreeProvider } from '../views/jobs/deferredTreeProvider';
import { connectionPreview } from '../views/jobs/connectionPreview';
import { busyShare } from '../platform/hostBusy';
import { COMPARE_SCHEME } from '../shared/compareUri';
import { DIFF_SCHEME } from '../shared/diffUri';
import { REPORT_SCHEME } from '../views/report/reportUri';
import { isSpecPath } from '../specfile/protocol';
import { VIEW_TYPE } from '../shared/protocol';

export interface JobdeckApi {
  /** For integration tests and benchmarks: the live services (loads the body if needed). */
  readonly services: Services;
  /**
   * For integration tests: the argument, marked as confirmed by the user already, so a job
   * command skips its question. Only code in the extension host can call this; a `command:`
   * link (JSON arguments) cannot make the mark.
   */
  confirmed<T extends object>(arg: T): T;
}

export function activate(context: vscode.ExtensionContext): JobdeckApi {
  const activatedAt = Date.now();
  const tree = new DeferredTreeProvider<TreeNode>(() => load(), connectionPreview, busyShare);
  const view = vscode.window.createTreeView<TreeNode>('jobdeck.jobs', {
    treeDataProvider: tree,
    canSelectMany: true,
    showCollapseAll: true,
  });
  const host: TreeHost = { view, bind: (p) => tree.bind(p) };
  const forwarders = contributedCommands(context).map((id) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => {
      load();
      // The body has replaced this forwarder with the real command by now.
      return vscode.commands.executeCommand(id, ...args);
    }),
  );
  const diffChanged = new vscode.EventEmitter<vscode.Uri>();
  const reportChanged = new vscode.EventEmitter<vscode.Uri>();
  const compareChanged = new vscode.EventEmitter<vscode.Uri>();
  let core: Core | undefined;
  const load = (): Core => {
    if (core) return core;
    for (const f of forwarders.splice(0)) f.dispose();
    const asked = Date.now();
    // A runtime require: esbuild bundles the body as its own file, loaded here and only here.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const body = require(join(__dirname, 'core.js')) as typeof import('./core');
    core = body.startCore(context, host, {
      afterActivation: asked - activatedAt,
      require: Date.now() - asked,
      previewAnswered: tree.previewedAt !== undefined ? tree.previewedAt - activatedAt : undefined,
    });
    context.subscriptions.push(
      core.diffs.onDidChange((uri) => diffChanged.fire(uri)),
      core.reports.onDidChange((uri) => reportChanged.fire(uri)),
      core.compares.onDidChange((uri) => compareChanged.fire(uri)),
    );
    return core;
  };
  const loadForSpec = (doc: vscode.TextDocument) => {
    if (!core && doc.uri.scheme === 'file' && isSpecPath(doc.uri.path)) load();
  };
  context.subscriptions.push(
    view,
    tree,
    diffChanged,
    reportChanged,
    { dispose: () => forwarders.forEach((f) => f.dispose()) },
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => load().restorePanel(panel, state),
    }),
    vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, {
      onDidChange: diffChanged.event,
      provideTextDocumentContent: (uri) => load().diffs.provideTextDocumentContent(uri),
    }),
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, {
      onDidChange: reportChanged.event,
      provideTextDocumentContent: (uri) => load().reports.provideTextDocumentContent(uri),
    }),
    compareChanged,
    vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, {
      onDidChange: compareChanged.event,
      provideTextDocumentContent: (uri) => load().compares.provideTextDocumentContent(uri),
    }),
    vscode.workspace.onDidOpenTextDocument(loadForSpec),
    // Links to jobs (jobdeck.copyJobLink); `onUri` activates for them.
    vscode.window.registerUriHandler({ handleUri: (uri) => void load().handleUri(uri) }),
  );
  // Spec files already open (a restored editor) start the language server through the body.
  vscode.workspace.textDocuments.forEach(loadForSpec);
  return {
    get services() {
      return load().services;
    },
    confirmed: (arg) => load().confirmed(arg),
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}

function contributedCommands(context: vscode.ExtensionContext): string[] {
  const pkg = context.extension.packageJSON as { contributes?: { commands?: { command?: unknown }[] } };
  return (pkg.contributes?.commands ?? []).map((c) => c.command).filter((c): c is string => typeof c === 'string');
}
