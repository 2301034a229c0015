// The extension's body, loaded by extension.ts on first use (the view shown, a command, a panel
// to restore, a spec file opened), and its composition root: builds the layers bottom up
// (settings → connections → stores → pollers → views → commands) and wires them together.
// Everything created here is disposed with the extension.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../client/config';
import { connect } from '../client/registry';
import { registerCommands } from '../commands';
import type { CommandContext } from '../commands/context';
import { confirmedArg } from '../commands/confirmedArgs';
import { jobLinkHandler } from '../commands/jobLinkHandler';
import { configureClientL10n } from '../platform/clientL10n';
import { initLog, log } from '../platform/log';
import { pageSizeFor, pollIntervalMs, PROXY_SETTINGS, readConnections, readProxySettings } from '../platform/settings';
import { TokenStore } from '../platform/tokens';
import { BulkDeleter } from '../store/bulkDelete';
import { ConnectionStore } from '../store/connectionStore';
import { DetailPoller } from '../store/detailPoller';
import { JobStore } from '../store/jobStore';
import { LaunchWatcher } from '../store/launchWatcher';
import { Poller } from '../store/poller';
import { TailSessions } from '../store/tail/tailSessions';
import { CompareDocuments } from '../views/compare/compareDocuments';
import { DiffDocuments } from '../views/diff/diffDocuments';
import { ReportDocuments } from '../views/report/reportDocuments';
import { FinishNotifier } from '../views/finishNotifier';
import { JobTreeProvider } from '../views/jobs/jobTreeProvider';
import type { TreeNode } from '../views/jobs/nodes';
import { JobPanels } from '../views/panel/jobPanels';
import { LaunchStatusBar } from '../views/launchStatus';
import { JobsStatusBar, countJobs } from '../views/statusBar';
import { TailOutput } from '../views/tailOutput';
import type { Services } from './services';
import { SpecClient } from './specClient';
import { trackWalkthrough } from './walkthrough';
import { inert } from '../shared/inertText';

/** How long the badge and status bar wait after a store change. */
const SIGNAL_DELAY_MS = 150;

export interface Core {
  services: Services;
  /** Panels VS Code restores after a reload (the serializer is registered at activation). */
  restorePanel(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
  /** The URI handler's work (registered at activation, which forwards here). */
  handleUri(uri: vscode.Uri): Promise<unknown>;
  diffs: DiffDocuments;
  reports: ReportDocuments;
  /** Marks a command argument as confirmed by the user already (the body's own mark, see confirmedArgs.ts). */
  confirmed<T extends object>(arg: T): T;
  compares: CompareDocuments;
}

/** The tree view exists before the core: activation creates it with a provider that forwards here. */
export interface TreeHost {
  view: vscode.TreeView<TreeNode>;
  bind(provider: vscode.TreeDataProvider<TreeNode>): void;
}

/** When the body was first needed, after activation, and how long loading its file took (ms). */
export interface BodyTiming {
  afterActivation: number;
  require: number;
  /** When VS Code first asked for the root and got the rows from settings (ms after activation). */
  previewAnswered?: number;
}

export function startCore(context: vscode.ExtensionContext, host: TreeHost, timing?: BodyTiming): Core {
  const started = Date.now();
  const keep = <T extends vscode.Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };
  keep(initLog());
  configureClientL10n();
  const version = String((context.extension.packageJSON as { version?: string }).version ?? '0');
  const view = host.view;

  // Settings and connections.
  const tokens = keep(new TokenStore(context.secrets));
  const jobStore = new JobStore();
  keep({ dispose: () => jobStore.dispose() });
  let problems: string[] = [];
  let proxy = readProxySettings();
  const warnedInsecure = new Set<string>();
  const createStore = (config: ConnectionConfig): ConnectionStore => {
    const connection = connect(config, {
      proxy,
      token: tokens.provider(config),
      userAgent: `Jobdeck/${version} (VS Code ${vscode.version})`,
      log: (e) =>
        e.error
          ? log.warn(
              `${config.name} ${e.method} ${e.path} → ${e.status ?? 'failed'} in ${e.ms} ms (attempt ${e.attempt + 1}): ${e.error}`,
            )
          : log.debug(`${config.name} ${e.method} ${e.path} → ${e.status} in ${e.ms} ms`),
    });
    if (config.rejectUnauthorized === false && !warnedInsecure.has(config.name)) {
      warnedInsecure.add(config.name);
      void vscode.window.showWarningMessage(
        inert(
          vscode.l10n.t(
            'Jobdeck: TLS certificate checks are off for "{0}" (rejectUnauthorized: false). Anyone on the network path can read its token.',
            config.name,
          ),
        ),
      );
    }
    if (connection.http.proxy)
      log.info(
        `${config.name}: requests go through the proxy ${connection.http.proxy.url} (${connection.http.proxy.from}).`,
      );
    return new ConnectionStore(connection, pageSizeFor(config));
  };
  const reload = () => {
    const reading = readConnections();
    proxy = readProxySettings();
    problems = [...reading.problems];
    const usable: ConnectionConfig[] = [];
    for (const c of reading.connections) {
      try {
        connect(c, { token: async () => undefined, proxy });
        usable.push(c);
      } catch (e) {
        problems.push(`Connection "${c.name}": ${(e as Error).message}`);
      }
    }
    for (const p of problems) log.warn(p);
    // The proxy is part of the key: a changed http.proxy rebuilds the clients that use it.
    const proxyKey = JSON.stringify(proxy);
    jobStore.setConnections(usable, createStore, (c) => `${JSON.stringify(c)}|${pageSizeFor(c)}|${proxyKey}`);
    void vscode.commands.executeCommand('setContext', 'jobdeck.connectionCount', usable.length + problems.length);
  };

  // Pollers and the other store-side services.
  const details = keep(new DetailPoller(jobStore, { intervalMs: pollIntervalMs }));
  const poller = new Poller(
    jobStore,
    { intervalMs: pollIntervalMs, isWatched: (s): boolean => view.visible && tree.isExpanded(s.name) },
    (s, e) => log.warn(`${s.name}: ${(e as Error).message}`),
  );
  keep({ dispose: () => poller.dispose() });
  const tails = new TailSessions({ eventIntervalMs: 1000, pollIntervalMs });
  keep({ dispose: () => tails.dispose() });
  const deleter = new BulkDeleter();
  const launches = keep(new LaunchWatcher(jobStore, details, { intervalMs: pollIntervalMs }));

  // Views.
  const tree = keep(
    new JobTreeProvider(jobStore, details, {
      wake: (name) => poller.wake(name, true),
      problems: () => problems,
      reveal: (node) => view.reveal(node, { select: true, focus: false, expand: false }),
      selection: () => view.selection.map((n) => n.id),
      pollsInFlight: (): boolean => poller.busy(),
    }),
  );
  host.bind(tree);
  const statusBar = keep(new JobsStatusBar());
  const finish = keep(new FinishNotifier(jobStore));
  keep(new LaunchStatusBar(launches));
  const tailOutput = keep(new TailOutput(tails));
  const panels = keep(
    new JobPanels({
      extensionUri: context.extensionUri,
      jobStore,
      details,
      jobKnown: (c, job) => finish.watch(c, job),
      warn: (m) => void vscode.window.showWarningMessage(inert(m)),
      log: (m) => log.warn(m),
    }),
  );
  const diffs = keep(new DiffDocuments(jobStore, details));
  const compares = keep(new CompareDocuments(jobStore, details));
  const specs = keep(new SpecClient({ context, jobStore, tokens }));
  const walkthrough = keep(trackWalkthrough(jobStore, tokens));
  const reports = keep(new ReportDocuments(jobStore));

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
  keep({ dispose: () => clearTimeout(signalTimer) });
  keep(jobStore.subscribe({ structure: signal, jobs: signal, connections: signal }));

  // Commands.
  const commands: CommandContext = {
    memento: context.globalState,
    jobStore,
    poller,
    details,
    deleter,
    tokens,
    tails,
    selection: () => view.selection.map((n) => n.ref).filter((r) => r !== undefined),
    isShown: (name) => tree.isExpanded(name),
    openPanel: (connection, jobId, reveal, preview) => {
      walkthrough.jobOpened();
      void panels.open(connection, jobId, reveal, { preview });
    },
    lensKey: specs.lensKey,
    resolveLaunches: (params) => specs.resolveLaunches(params),
    openReport: (connection, jobId) => reports.open(connection, jobId),
    reload,
    extensionId: context.extension.id,
  };
  for (const d of registerCommands(commands)) keep(d);
  const openLink = jobLinkHandler(commands);

  keep(view.onDidChangeVisibility(() => poller.wakeAll()));
  keep(view.onDidExpandElement((e) => tree.expandedInView(e.element)));
  keep(view.onDidCollapseElement((e) => tree.collapsedInView(e.element)));
  keep(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (
        e.affectsConfiguration('jobdeck.connections') ||
        e.affectsConfiguration('jobdeck.pageSize') ||
        PROXY_SETTINGS.some((key) => e.affectsConfiguration(key))
      )
        reload();
      if (e.affectsConfiguration('jobdeck.pollInterval')) {
        poller.wakeAll();
        details.wakeAll();
      }
    }),
  );
  keep(vscode.workspace.onDidGrantWorkspaceTrust(() => reload()));
  keep(tokens.onDidChange((name) => poller.wake(name, true)));
  reload();
  // The cold path in the log, for the benchmark's Cold view row (where a reload's time goes).
  const loaded = timing
    ? `, first needed ${timing.afterActivation} ms after activation, its file loaded in ${timing.require} ms` +
      (timing.previewAnswered !== undefined
        ? ` (the first rows came from settings ${timing.previewAnswered} ms after activation)`
        : '')
    : '';
  log.info(
    `Jobdeck ${version} started in ${Date.now() - started} ms with ${jobStore.all().length} connection(s)${loaded}.`,
  );
  const services: Services = {
    context,
    jobStore,
    poller,
    tokens,
    tree,
    treeView: view,
    finish,
    details,
    deleter,
    panels,
    diffs,
    reports,
    tails,
    tailOutput,
    reload,
    openLink,
    launches,
    specs,
  };
  return {
    services,
    restorePanel: (panel, state) => panels.restore(panel, state),
    handleUri: openLink,
    diffs,
    compares,
    reports,
    confirmed: confirmedArg,
  };
}
