// The extension's body, loaded by extension.ts on first use (the view shown, a command, a panel
// to restore, a spec file opened): builds the services (settings → connections → stores →
// poller → views) and registers the real commands. Everything created here is disposed with
// the extension.
import * as vscode from 'vscode';
import { connect } from '../client/registry';
import type { ConnectionConfig } from '../client/config';
import { ConnectionStore } from '../store/connectionStore';
import { JobStore } from '../store/jobStore';
import { Poller } from '../store/poller';
import { TokenStore } from '../platform/tokens';
import { initLog, log } from '../platform/log';
import { pageSizeFor, pollIntervalMs, readConnections } from '../platform/settings';
import { JobTreeProvider } from '../views/jobs/jobTreeProvider';
import { JobsStatusBar, countJobs } from '../views/statusBar';
import { FinishNotifier } from '../views/finishNotifier';
import { TailSessions } from '../store/tail/tailSessions';
import type { Services } from './services';
import { registerCommands } from '../commands';
import { registerLaunchSpec } from '../commands/launchSpec';
import { SpecClient } from './specClient';
import type { TreeNode } from '../views/jobs/nodes';
import { DetailPoller } from '../store/detailPoller';
import { JobPanels } from '../views/panel/jobPanels';
import { DiffDocuments } from '../views/diff/diffDocuments';
import { isDetail } from '../views/panel/panelData';

/** How long the badge and status bar wait after a store change. */
const SIGNAL_DELAY_MS = 150;

export interface Core {
  services: Services;
  /** Panels VS Code restores after a reload (the serializer is registered at activation). */
  restorePanel(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
  diffs: DiffDocuments;
}

/** The tree view exists before the core: activation creates it with a provider that forwards here. */
export interface TreeHost {
  view: vscode.TreeView<TreeNode>;
  bind(provider: vscode.TreeDataProvider<TreeNode>): void;
}

export function startCore(context: vscode.ExtensionContext, host: TreeHost): Core {
  const started = Date.now();
  context.subscriptions.push(initLog());
  const version = String((context.extension.packageJSON as { version?: string }).version ?? '0');
  const tokens = new TokenStore(context.secrets);
  const jobStore = new JobStore();
  let problems: string[] = [];
  const warnedInsecure = new Set<string>();

  const createStore = (config: ConnectionConfig): ConnectionStore => {
    const connection = connect(config, {
      token: tokens.provider(config),
      userAgent: `Jobdeck/${version} (VS Code ${vscode.version})`,
      log: (e) =>
        e.error
          ? log.warn(`${config.name} ${e.method} ${e.path} → ${e.status ?? 'failed'} in ${e.ms} ms (attempt ${e.attempt + 1}): ${e.error}`)
          : log.debug(`${config.name} ${e.method} ${e.path} → ${e.status} in ${e.ms} ms`),
    });
    if (config.rejectUnauthorized === false && !warnedInsecure.has(config.name)) {
      warnedInsecure.add(config.name);
      void vscode.window.showWarningMessage(`Jobdeck: TLS certificate checks are off for "${config.name}" (rejectUnauthorized: false). Anyone on the network path can read its token.`);
    }
    return new ConnectionStore(connection, pageSizeFor(config));
  };

  const reload = () => {
    const reading = readConnections();
    problems = [...reading.problems];
    const usable: ConnectionConfig[] = [];
    for (const c of reading.connections) {
      try {
        connect(c, { token: async () => undefined });
        usable.push(c);
      } catch (e) {
        problems.push(`Connection "${c.name}": ${(e as Error).message}`);
      }
    }
    for (const p of problems) log.warn(p);
    jobStore.setConnections(usable, createStore, (c) => `${JSON.stringify(c)}|${pageSizeFor(c)}`);
    void vscode.commands.executeCommand('setContext', 'jobdeck.connectionCount', usable.length + problems.length);
  };

  let treeView: vscode.TreeView<unknown> | undefined;
  const tree = new JobTreeProvider(jobStore, { wake: (name) => poller.wake(name, true), problems: () => problems });
  const poller = new Poller(
    jobStore,
    { intervalMs: pollIntervalMs, isWatched: (s) => Boolean(treeView?.visible) && tree.isExpanded(s) },
    (s, e) => log.warn(`${s.name}: ${(e as Error).message}`),
  );
  const view = host.view;
  host.bind(tree);
  treeView = view as vscode.TreeView<unknown>;
  const statusBar = new JobsStatusBar();
  const finish = new FinishNotifier(jobStore);
  const tails = new TailSessions({ eventIntervalMs: 1000, pollIntervalMs });
  const details = new DetailPoller(jobStore, { intervalMs: pollIntervalMs });
  const panels = new JobPanels({ extensionUri: context.extensionUri, jobStore, details, jobKnown: (c, job) => finish.watch(c, job), warn: (m) => void vscode.window.showWarningMessage(m), log: (m) => log.warn(m) });
  const diffs = new DiffDocuments(jobStore, (c, id) => {
    const known = panels.get(c, id)?.current;
    return known && isDetail(known) ? known : undefined;
  });

  // Badge and status bar follow a moment later: sent with a page of rows, their re-layout in
  // the window would delay the rows' paint, and a burst of store events needs one update.
  let signalTimer: NodeJS.Timeout | undefined;
  const signal = () => {
    signalTimer ??= setTimeout(() => {
      signalTimer = undefined;
      const counts = countJobs(jobStore);
      statusBar.render(counts);
      view.badge = counts.running ? { value: counts.running, tooltip: `${counts.running} running` } : undefined;
    }, SIGNAL_DELAY_MS);
  };
  context.subscriptions.push({ dispose: () => clearTimeout(signalTimer) });
  jobStore.on('structure', signal);
  jobStore.on('jobs', signal);
  jobStore.on('connections', signal);

  const services: Services = { context, jobStore, poller, tokens, tree, treeView: view, finish, details, panels, diffs, tails, reload };
  context.subscriptions.push(
    tree,
    statusBar,
    finish,
    tails,
    tokens,
    panels,
    { dispose: () => details.dispose() },
    diffs,
    { dispose: () => poller.dispose() },
    { dispose: () => jobStore.dispose() },
    view.onDidChangeVisibility(() => poller.wakeAll()),
    view.onDidExpandElement((e) => tree.expandedInView(e.element)),
    view.onDidCollapseElement((e) => tree.collapsedInView(e.element)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('jobdeck.connections') || e.affectsConfiguration('jobdeck.pageSize')) reload();
      if (e.affectsConfiguration('jobdeck.pollInterval')) {
        poller.wakeAll();
        details.wakeAll();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => reload()),
    tokens.onDidChange((name) => poller.wake(name, true)),
    ...registerCommands(services),
  );
  const specs = new SpecClient(services);
  context.subscriptions.push(specs, ...registerLaunchSpec(specs));
  reload();
  log.info(`Jobdeck ${version} started in ${Date.now() - started} ms with ${jobStore.all().length} connection(s).`);
  return { services, restorePanel: (panel, state) => panels.restore(panel, state), diffs };
}
