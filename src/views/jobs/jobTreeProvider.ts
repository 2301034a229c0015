// VS Code's tree API over the JobStore: renders rows from store state and fires change events
// for exactly the rows that changed, so expansion and selection survive updates. It never
// fetches: it asks the poller for a connection that was just expanded, and the detail poller
// to keep the details of expanded job rows. Jobs the user launched are selected.
import * as vscode from 'vscode';
import { contextWords } from '../../client/actions';
import type { Job } from '../../client/model';
import { Disposable, type IDisposable } from '../../shared/lifecycle';
import { count, describeFilter, duration, oneLine, relativeTime } from '../../shared/format';
import { FEW_TARGETS, orderRows } from '../../shared/rows';
import type { ConnectionStore } from '../../store/connectionStore';
import type { DetailPoller } from '../../store/detailPoller';
import type { JobStore } from '../../store/jobStore';
import { stateIcon } from '../icons';
import { ConnectionNode, connectionRowId, JobNode, MessageNode, TargetNode, TreeNode } from './nodes';
import { connectionTooltip, jobTooltip } from './tooltip';
import { inertMarkdown } from '../../platform/inertMarkdown';
import { displayLocale } from '../../platform/locale';

interface TreeHooks {
  /** A connection became visible/expanded: fetch it now if due. */
  wake(name: string): void;
  /** Connection-level problems from settings (bad entries, untrusted workspace). */
  problems(): string[];
  /** Selects a row in the view (without focus). */
  reveal(node: TreeNode): Thenable<void>;
  /** The ids of the rows selected in the view. */
  selection(): string[];
  /** Is a list poll on its way (its answer may change rows too)? */
  pollsInFlight(): boolean;
}

/** How long VS Code waits for a connection's rows before it is told "Loading jobs…". */
const LOADING_ANSWER_MS = 5000;
/** After answering with rows: long enough for them to be painted first. */
const ROW_REFRESH_AFTER_ANSWER_MS = 250;
/**
 * VS Code holds back a tree change that comes within 200 ms of the last one, and each change
 * starts those 200 ms again (extHostTreeViews: Event.debounce, leading). With twenty
 * connections polled, row changes come every 100 ms and could wait for a quiet moment for a
 * second or more. Row changes are therefore sent at most once per this long: each then goes
 * through at once, and none waits longer than this.
 */
const ROW_CHANGE_SPACING_MS = 210;
/**
 * Connections are polled in the same moment (store/poller.ts): a change that comes while other
 * polls of that moment are still on their way waits for them, up to this long, so that one tree
 * update carries them all instead of the first making the rest wait ROW_CHANGE_SPACING_MS.
 */
const COALESCE_MS = 80;
/** How often a held change looks whether the polls it waits for have answered. */
const COALESCE_CHECK_MS = 10;
/**
 * VS Code selects a revealed row only if its window side already has the row: a launched job's
 * row reaches it with the connection's next refresh, which may still be on its way when the
 * reveal comes, and then nothing is selected and nothing is said. So the reveal is tried again
 * this often, this long apart, until the row is selected or the user selects another.
 */
const SELECT_ATTEMPTS = 10;
const SELECT_CHECK_MS = 300;

export class JobTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly emitter = this.register(new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>());
  /**
   * Job rows whose children VS Code is waiting for, and changes to them held until it has them:
   * VS Code clears a row's children when it asks, and registers them when the answer comes, so
   * a change (the detail that load brought, the job finishing) fired while it waits makes it ask
   * again and register the same ids twice ("Element with id … is already registered").
   */
  private readonly childrenLoading = new Map<string, Promise<TreeNode[]>>();
  private readonly held = new Set<TreeNode>();
  /** Every change VS Code hears goes through here (the time of the last paces row changes). */
  private readonly changed = {
    fire: (what: TreeNode | TreeNode[] | undefined) => {
      if (what !== undefined && this.childrenLoading.size) {
        const list = Array.isArray(what) ? what : [what];
        const now = list.filter((n) => !this.childrenLoading.has(n.id));
        for (const n of list) if (this.childrenLoading.has(n.id)) this.held.add(n);
        if (!now.length) return;
        what = Array.isArray(what) ? now : now[0];
      }
      this.lastChange = Date.now();
      this.emitter.fire(what);
    },
  };
  private lastChange = 0;
  /** Row changes waiting for their turn (ROW_CHANGE_SPACING_MS), and since when. */
  private readonly pendingRows = new Set<TreeNode>();
  private pendingSince = 0;
  private rowTimer?: NodeJS.Timeout;
  readonly onDidChangeTreeData = this.emitter.event;
  private connectionNodes = new Map<string, ConnectionNode>();
  private readonly jobNodes = new Map<string, JobNode>();
  /** Connections and jobs the user has expanded (polled / detail-loaded only then). */
  readonly expanded = new Set<string>();
  /** The details kept for expanded job rows, by row id. */
  private readonly kept = new Map<string, IDisposable>();
  /** Connections whose rows VS Code is waiting for (a page is loading): the rows, and what answers them. */
  private readonly waiting = new Map<string, { rows: Promise<TreeNode[]>; answer(): void }>();
  /** Each connection row's description as VS Code last got it. */
  private readonly described = new Map<string, string>();

  constructor(
    private readonly store: JobStore,
    private readonly details: DetailPoller,
    private readonly hooks: TreeHooks,
  ) {
    super();
    const onConnections = () => {
      this.connectionNodes = new Map(
        store
          .all()
          .map((s) => [
            s.name,
            this.connectionNodes.get(s.name)?.store === s ? this.connectionNodes.get(s.name)! : new ConnectionNode(s),
          ]),
      );
      for (const key of [...this.jobNodes.keys()])
        if (!this.connectionNodes.has(key.split('\u0000')[0])) this.jobNodes.delete(key);
      for (const [name, w] of [...this.waiting]) if (!this.connectionNodes.has(name)) w.answer();
      this.changed.fire(undefined);
    };
    const onStructure = (s: ConnectionStore) => {
      const node = this.connectionNodes.get(s.name);
      if (!node) return;
      if (isLoading(s)) {
        // VS Code asks for the rows now and gets a promise (its own progress shows); the page
        // answers it when it arrives. Firing again on arrival would cost a round trip, and
        // VS Code holds back a change that follows another within 200 ms.
        if (!this.waiting.has(s.name)) this.changed.fire(node);
        return;
      }
      const w = this.waiting.get(s.name);
      if (!w) return this.rowsChanged([node]);
      w.answer();
      // The connection row's own description ("ok", "3 running"), if it changed, once the rows
      // are painted: a refresh sent at once would make VS Code fetch the children again first.
      setTimeout(() => {
        if (this.connectionNodes.get(s.name) === node && this.described.get(s.name) !== connectionDescription(s))
          this.changed.fire(node);
      }, ROW_REFRESH_AFTER_ANSWER_MS);
    };
    const onJobs = (s: ConnectionStore, jobs: { id: string }[]) => {
      const nodes: TreeNode[] = [];
      for (const job of jobs) {
        const node = this.jobNodes.get(key(s.name, job.id));
        const fresh = s.job(job.id);
        if (node && fresh) {
          node.job = fresh;
          nodes.push(node);
        }
      }
      if (nodes.length) this.rowsChanged(nodes);
    };
    const onDetail = (s: ConnectionStore, d: { id: string }) => {
      const node = this.jobNodes.get(key(s.name, d.id));
      // A detail that a children load brought is in that load's answer already.
      if (node && this.expanded.has(node.id) && !this.childrenLoading.has(node.id)) this.rowsChanged([node]);
    };
    const onLaunched = (s: ConnectionStore, jobs: Job[]) => void this.select(s, jobs[0]);
    this.register(
      store.subscribe({
        connections: onConnections,
        structure: onStructure,
        jobs: onJobs,
        detail: onDetail,
        launched: onLaunched,
      }),
    );
    this.register({ dispose: () => this.kept.forEach((k) => k.dispose()) });
    this.register({ dispose: () => clearTimeout(this.rowTimer) });
    onConnections();
  }

  connectionNode(name: string): ConnectionNode | undefined {
    return this.connectionNodes.get(name);
  }

  /**
   * Rows that changed (a job, its details, a connection's list): to VS Code once the polls of
   * the same moment have answered (COALESCE_MS at most) and ROW_CHANGE_SPACING_MS after the
   * last change it heard.
   */
  private rowsChanged(nodes: TreeNode[]): void {
    if (!this.pendingRows.size) this.pendingSince = Date.now();
    for (const n of nodes) this.pendingRows.add(n);
    if (!this.rowTimer) this.sendRows();
  }

  private sendRows(): void {
    this.rowTimer = undefined;
    if (this.isDisposed || !this.pendingRows.size) return;
    const now = Date.now();
    const spacing = this.lastChange + ROW_CHANGE_SPACING_MS - now;
    const coalescing = this.pendingSince + COALESCE_MS - now;
    if (coalescing > 0 && this.hooks.pollsInFlight()) {
      this.rowTimer = setTimeout(() => this.sendRows(), Math.min(coalescing, COALESCE_CHECK_MS));
      return;
    }
    if (spacing > 0) {
      this.rowTimer = setTimeout(() => this.sendRows(), spacing);
      return;
    }
    const rows = [...this.pendingRows];
    this.pendingRows.clear();
    this.changed.fire(rows);
  }

  jobNode(connection: string, jobId: string): JobNode | undefined {
    return this.jobNodes.get(key(connection, jobId));
  }

  /** The view expanded a row: its event comes as a message ahead of its request for the rows. */
  expandedInView(node: TreeNode): void {
    if (node instanceof ConnectionNode || node instanceof JobNode) this.expanded.add(node.id);
    // A connection never loaded is woken by that request (getChildren). Waking it here first
    // would announce "loading" as a change while VS Code waits for the rows, and it would
    // render every row twice, often before the first paint.
    if (node instanceof ConnectionNode && node.store.status !== 'idle') this.hooks.wake(node.store.name);
  }

  collapsedInView(node: TreeNode): void {
    if (node instanceof ConnectionNode || node instanceof JobNode) this.expanded.delete(node.id);
    this.kept.get(node.id)?.dispose();
    this.kept.delete(node.id);
  }

  isExpanded(connection: string): boolean {
    return this.expanded.has(connectionRowId(connection));
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node instanceof JobNode) return node.connection;
    if (node instanceof TargetNode) return node.jobNode;
    if (node instanceof MessageNode) return node.parent;
    return undefined;
  }

  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    if (!node) {
      const problems = this.hooks.problems().map((p) => new MessageNode(undefined, 'problem', p));
      return [...problems, ...this.connectionNodes.values()];
    }
    if (node instanceof ConnectionNode) return this.connectionChildren(node);
    if (node instanceof JobNode) return this.jobChildren(node);
    if (node instanceof TargetNode)
      return (node.target.children ?? []).map((t, i) => new TargetNode(node.jobNode, t, `${node.path}/${i}`));
    return [];
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node instanceof JobNode) item.tooltip = jobTooltip(node.job);
    return item;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node instanceof ConnectionNode) return this.connectionItem(node);
    if (node instanceof JobNode) return this.jobItem(node);
    if (node instanceof TargetNode) return targetItem(node);
    return messageItem(node);
  }

  override dispose(): void {
    for (const w of [...this.waiting.values()]) w.answer();
    super.dispose();
  }

  /** Selects a job's row (a launched job): its rows are made first if the tree has none yet. */
  private async select(s: ConnectionStore, job: Job | undefined): Promise<void> {
    if (!job) return;
    const before = this.hooks.selection().join('\n');
    for (let attempt = 0; attempt < SELECT_ATTEMPTS && !this.isDisposed; attempt++) {
      const connection = this.connectionNodes.get(s.name);
      if (connection?.store !== s) return;
      if (!this.jobNode(s.name, job.id)) await this.getChildren(connection);
      const node = this.jobNode(s.name, job.id);
      // Not among the rows (a filter that leaves it out): nothing to select.
      if (!node) return;
      await Promise.resolve(this.hooks.reveal(node)).catch(() => undefined);
      await new Promise((r) => setTimeout(r, SELECT_CHECK_MS));
      const now = this.hooks.selection();
      if (now.includes(node.id)) return;
      if (now.join('\n') !== before) return;
    }
  }

  private connectionChildren(node: ConnectionNode): TreeNode[] | Promise<TreeNode[]> {
    const s = node.store;
    // VS Code restores expanded rows without an expand event: being asked counts as expanded.
    this.expanded.add(node.id);
    if (s.status === 'idle') this.hooks.wake(s.name);
    return isLoading(s) ? this.whenLoaded(node) : this.connectionRows(node);
  }

  /**
   * The rows once the page being loaded is in. A page slower than LOADING_ANSWER_MS gets
   * "Loading jobs…" as an answer, and its arrival fires a change as usual.
   */
  private whenLoaded(node: ConnectionNode): Promise<TreeNode[]> {
    const name = node.store.name;
    const pending = this.waiting.get(name);
    if (pending) return pending.rows;
    let answer!: () => void;
    const rows = new Promise<TreeNode[]>((resolve) => {
      const timer = setTimeout(() => answer(), LOADING_ANSWER_MS);
      answer = () => {
        clearTimeout(timer);
        this.waiting.delete(name);
        resolve(this.connectionRows(node));
      };
    });
    this.waiting.set(name, { rows, answer });
    return rows;
  }

  private connectionRows(node: ConnectionNode): TreeNode[] {
    const s = node.store;
    if (s.status === 'idle' || s.status === 'loading') return [new MessageNode(node, 'loading', 'Loading jobs…')];
    if (s.status === 'error' && s.error) return [new MessageNode(node, 'error', s.error.shortMessage, s.error)];
    const rows: TreeNode[] = s.jobs.map((job) => {
      const k = key(s.name, job.id);
      let jn = this.jobNodes.get(k);
      if (!jn || jn.connection !== node) this.jobNodes.set(k, (jn = new JobNode(node, job)));
      jn.job = job;
      return jn;
    });
    if (!rows.length) rows.push(new MessageNode(node, 'empty', s.filter ? 'No jobs match the filter' : 'No jobs'));
    if (s.loadingMore) rows.push(new MessageNode(node, 'loadingMore', 'Loading more…'));
    else if (s.hasMore) rows.push(new MessageNode(node, 'loadMore', 'Load more…'));
    return rows;
  }

  private async jobChildren(node: JobNode): Promise<TreeNode[]> {
    const loading = this.loadJobChildren(node);
    this.childrenLoading.set(node.id, loading);
    try {
      return await loading;
    } finally {
      if (this.childrenLoading.get(node.id) === loading) {
        this.childrenLoading.delete(node.id);
        // VS Code registers the rows in the microtasks after this answer: changes held meanwhile go after.
        setTimeout(() => this.releaseHeld(), 0);
      }
    }
  }

  private releaseHeld(): void {
    if (this.isDisposed) return;
    const rows = [...this.held].filter((n) => !this.childrenLoading.has(n.id));
    for (const n of rows) this.held.delete(n);
    const current = rows.filter(
      (n) => !(n instanceof JobNode) || this.jobNodes.get(key(n.connection.store.name, n.job.id)) === n,
    );
    if (current.length) this.changed.fire(current);
  }

  private async loadJobChildren(node: JobNode): Promise<TreeNode[]> {
    const s = node.connection.store;
    this.expanded.add(node.id);
    if (!this.kept.has(node.id)) this.kept.set(node.id, this.details.keep(s.name, node.job.id));
    let detail = s.detail(node.job.id);
    if (!detail) {
      try {
        detail = await this.details.load(s.name, node.job.id);
      } catch (e) {
        const err = e as { shortMessage?: string; message?: string };
        return [new MessageNode(node, 'error', err.shortMessage ?? err.message ?? String(e), e as never)];
      }
    }
    const targets = detail.targets;
    const few = targets.length <= FEW_TARGETS;
    const rows: TreeNode[] = orderRows(targets, [], undefined).map(
      (i) => new TargetNode(node, targets[i], String(i), few),
    );
    if (detail.failure) rows.unshift(new MessageNode(node, 'error', oneLine(detail.failure.message, 300)));
    if (!rows.length) rows.push(new MessageNode(node, 'empty', 'No nodes'));
    return rows;
  }

  private connectionItem(node: ConnectionNode): vscode.TreeItem {
    const s = node.store;
    const item = new vscode.TreeItem(
      s.name,
      this.isExpanded(s.name) ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = node.id;
    item.description = connectionDescription(s);
    this.described.set(s.name, item.description);
    item.tooltip = connectionTooltip(s);
    item.iconPath = new vscode.ThemeIcon(
      s.status === 'error' ? 'warning' : 'server',
      s.status === 'error' ? new vscode.ThemeColor('list.errorForeground') : undefined,
    );
    const caps = s.capabilities;
    const words = ['connection'];
    if (s.filter) words.push('filtered');
    if (caps.launch) words.push('launch');
    if (caps.bulkLaunch) words.push('bulkLaunch');
    if (caps.delete || caps.bulkDelete) words.push('bulkDelete');
    if (s.getJobByName) words.push('byName');
    item.contextValue = words.join(' ');
    item.accessibilityInformation = { label: `${s.name}, ${item.description}` };
    return item;
  }

  private jobItem(node: JobNode): vscode.TreeItem {
    const { job } = node;
    const store = node.connection.store;
    const hasTargets = store.capabilities.nodes;
    const expanded = this.expanded.has(node.id);
    const item = new vscode.TreeItem(
      oneLine(job.name, 120) || job.id,
      hasTargets
        ? expanded
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    const locale = displayLocale();
    const when = relativeTime(job.finishedAt ?? job.startedAt ?? job.createdAt ?? job.nextRunAt, locale);
    const progress =
      job.progress && job.state === 'running'
        ? `${count(job.progress.done, locale)}/${count(job.progress.total, locale)}`
        : '';
    item.description = [oneLine(job.rawState, 40), progress, when].filter(Boolean).join(' · ');
    item.iconPath = stateIcon(job.state);
    // The tooltip waits for a hover (resolveTreeItem): a page of rows travels without it.
    item.contextValue = contextWords('job', store.actions(job));
    // No arguments: see commands/openRow.ts.
    item.command = { command: 'jobdeck.openRow', title: 'Open Job' };
    item.accessibilityInformation = { label: `${oneLine(job.name, 120)}, ${oneLine(job.rawState, 40)}, ${when}` };
    return item;
  }
}

function targetItem(node: TargetNode): vscode.TreeItem {
  const t = node.target;
  const item = new vscode.TreeItem(
    oneLine(t.name, 120) || t.id,
    t.children?.length
      ? node.openAtFirst
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.id;
  const d = t.durationMs ?? (t.startedAt && t.finishedAt ? t.finishedAt - t.startedAt : undefined);
  item.description = [oneLine(t.rawState, 40), duration(d, displayLocale()), t.message ? oneLine(t.message, 80) : '']
    .filter(Boolean)
    .join(' · ');
  item.iconPath = stateIcon(t.state);
  const md = inertMarkdown();
  md.appendText(`${t.name} — ${t.rawState}`);
  if (t.message) {
    md.appendMarkdown('\n\n');
    md.appendText(oneLine(t.message, 500));
  }
  item.tooltip = md;
  item.contextValue = ['target', t.kind, t.diff ? 'hasDiff' : ''].filter(Boolean).join(' ');
  item.command = { command: 'jobdeck.openRow', title: 'Open Job' };
  return item;
}

function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(oneLine(node.text, 300), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  switch (node.kind) {
    case 'error':
    case 'problem': {
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      const e = node.error;
      const words = ['error'];
      if (e && (e.code === 'auth' || e.code === 'forbidden')) words.push('setToken');
      if (e && e.code === 'untrusted') words.push('allowToken');
      if (e && e.hint === 'checkUrl') words.push('openSettings');
      item.contextValue = words.join(' ');
      item.tooltip = e ? [e.shortMessage, e.hintText].filter(Boolean).join('\n') : node.text;
      if (node.parent instanceof ConnectionNode) {
        // No arguments: see commands/openRow.ts.
        item.command = { command: 'jobdeck.openRow', title: vscode.l10n.t('Show Error') };
      }
      break;
    }
    case 'loading':
    case 'loadingMore':
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      break;
    case 'loadMore': {
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      const s = (node.parent as ConnectionNode).store;
      item.description =
        s.total !== undefined
          ? vscode.l10n.t('{0} of {1}', count(s.jobs.length, displayLocale()), count(s.total, displayLocale()))
          : vscode.l10n.t('{0} loaded', count(s.jobs.length, displayLocale()));
      item.command = { command: 'jobdeck.openRow', title: vscode.l10n.t('Load More') };
      item.contextValue = 'loadMore';
      break;
    }
    case 'empty':
      item.iconPath = new vscode.ThemeIcon('info');
      break;
  }
  return item;
}

function key(connection: string, jobId: string): string {
  return `${connection}\u0000${jobId}`;
}

function isLoading(s: ConnectionStore): boolean {
  return s.status === 'idle' || s.status === 'loading' || s.loadingMore;
}

function connectionDescription(s: ConnectionStore): string {
  const parts: string[] = [s.kind];
  if (s.status === 'error')
    parts.push(
      s.error?.code === 'auth' || s.error?.code === 'forbidden' ? vscode.l10n.t('needs token') : vscode.l10n.t('error'),
    );
  else if (s.status === 'loading') parts.push(vscode.l10n.t('loading…'));
  else if (s.status === 'ok') {
    const running = s.jobs.filter((j) => j.state === 'running').length;
    parts.push(running ? vscode.l10n.t('{0} running', running) : vscode.l10n.t('ok'));
  }
  if (s.filter) parts.push(vscode.l10n.t('filter: {0}', describeFilter(s.filter)));
  return parts.join(' · ');
}
