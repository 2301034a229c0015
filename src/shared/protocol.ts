// The messages between the job panel's host (src/views/panel/) and its webview program
// (src/webview/). The one contract both sides compile against. The host sends the picture with
// `show` as soon as it has it (while the page still loads, VS Code holds the message for it)
// and again after the page's `ready` when the page may have missed it; while the job changes,
// `show` again with the new data (the page keeps its scroll, expanded rows, sort and filter).
// Bulky parts of big jobs stay on the host until the page asks for them (`loadTarget`).
// Requests that want an answer carry `seq`; the host answers with `reply`.
import type { JobDetail, JobState, JobTarget } from '../client/model';

export const VIEW_TYPE = 'jobdeck.job';

/**
 * A target as the page gets it. A `partial` one carries only what its row shows (its message
 * cut to MESSAGE_PREVIEW characters, no result, document or diff, partial children): the page
 * asks for the whole top-level target when it opens it.
 */
export interface PanelTarget extends Omit<JobTarget, 'children'> {
  children?: PanelTarget[];
  partial?: true;
  /** The +/− counts of a diff left out of a partial target (the diff itself comes on request). */
  diffStat?: { added: number; removed: number };
}

/** A job's detail without `raw` (the untouched payload is never sent to the page). */
export type PanelJob = Omit<JobDetail, 'raw' | 'targets'> & { targets: PanelTarget[] };

/** Characters of a message a partial target keeps (the row shows at most 300 of its first line). */
export const MESSAGE_PREVIEW = 1000;

/** Rows per page of the targets table. */
export const PAGE = 100;

/**
 * With a big job's first `show`: `job.targets` holds only the first page of rows in the default
 * order (failed first); all rows follow in the next `show`, once the page says it drew this
 * one (`rendered` with `firstScreen`): cloning megabytes must not hold up the first paint.
 * What the table's frame needs of the rest (counts per chip, how many failed) comes along.
 */
export interface PendingTargets {
  total: number;
  chips: { rawState: string; state: JobState; count: number }[];
  failed: number;
}

/** The header buttons; each maps to one command the tree uses too. */
export const PANEL_ACTIONS = {
  stop: { command: 'jobdeck.stopJob', label: 'Stop', icon: 'debug-stop' },
  delete: { command: 'jobdeck.deleteJob', label: 'Delete', icon: 'trash' },
  deleteNow: { command: 'jobdeck.deleteJobNow', label: 'Delete Now', icon: 'trash' },
  relaunch: { command: 'jobdeck.relaunch', label: 'Relaunch', icon: 'debug-restart' },
  tail: { command: 'jobdeck.tailEvents', label: 'Tail Events', icon: 'output' },
  copyId: { command: 'jobdeck.copyJobId', label: 'Copy Id', icon: 'copy' },
  openInBrowser: { command: 'jobdeck.openInBrowser', label: 'Open in Browser', icon: 'link-external' },
  report: { command: 'jobdeck.showReport', label: 'Report', icon: 'report' },
  edit: { command: 'jobdeck.editJob', label: 'Edit…', icon: 'edit' },
  setTask: { command: 'jobdeck.setCurrentTask', label: 'Set Current Task…', icon: 'list-ordered' },
  allChanges: { command: 'jobdeck.openAllChanges', label: 'All Changes', icon: 'diff-multiple' },
  copyLink: { command: 'jobdeck.copyJobLink', label: 'Copy Link', icon: 'link' },
  saveReport: { command: 'jobdeck.saveJobReport', label: 'Save Report…', icon: 'save' },
} as const;
export type PanelActionId = keyof typeof PANEL_ACTIONS;

export function isPanelActionId(v: unknown): v is PanelActionId {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(PANEL_ACTIONS, v);
}

/** What the serializer stores and the page keeps with setState. */
export interface PanelState {
  connection: string;
  jobId: string;
  ui?: UiState;
  /** The preview panel (the next click on a tree row shows its job here). */
  preview?: boolean;
}

/** One job across connections: `connection/jobId`. */
export function jobKey(connection: string, jobId: string): string {
  return `${connection}/${jobId}`;
}

/** The page's own state: survives updates, hiding and window reloads. */
export interface UiState {
  expanded: string[];
  /** Raw state words whose chips are on ([] = all rows). */
  chips: string[];
  sort?: { key: SortKey; dir: 'asc' | 'desc' };
  page: number;
  diffMode: 'inline' | 'split';
  /** Rows of a job with few targets that the user closed (they open by themselves). */
  collapsed?: string[];
  /** Diffs in the Changes section the user opened or closed (path → open). */
  diffOpen?: Record<string, boolean>;
  scrollY: number;
}

export type SortKey = 'name' | 'state' | 'start' | 'finish' | 'duration' | 'message';

export interface ShowMessage {
  type: 'show';
  connection: string;
  jobId: string;
  /** Undefined until the job is known (first load, or the job is gone). */
  job?: PanelJob;
  /** False while only the list entry is known and the detail is loading. */
  detailLoaded: boolean;
  actions: PanelActionId[];
  /** State → codicon id, from the one place that decides (views/icons.ts). */
  icons: Record<JobState, string>;
  /** A problem to show above everything (load failed, connection gone). */
  error?: string;
  /** A target to scroll to and expand (by name), once. */
  reveal?: string;
  /** Host clock, so durations of running jobs count from the same "now". */
  now: number;
  /**
   * The targets table's columns, where the connection's kind never fills some (CNaaS has no
   * per-device times); all of them when absent.
   */
  columns?: SortKey[];
  /** Set when `job.targets` is only the first screenful; the whole list comes next. */
  pending?: PendingTargets;
  /**
   * This is the preview panel: the next click on a tree row shows another job here (the page
   * starts that job afresh) unless the user keeps it open.
   */
  preview?: boolean;
}

/** The whole of a top-level target the page asked for (undefined: not in the job any more). */
export interface TargetMessage {
  type: 'target';
  id: string;
  target?: PanelTarget;
}

export interface ReplyMessage {
  type: 'reply';
  seq: number;
  ok: boolean;
  message?: string;
}

export type HostMessage = ShowMessage | ReplyMessage | TargetMessage;

/**
 * What the page says, tagged `for` the job it showed then (jobKey): in the preview panel the
 * job changes under the page, and a click meant for the last job must not act on the next.
 */
export type WebviewMessage = PageMessage & { for?: string };

type PageMessage =
  | { type: 'ready' }
  /** Keep this panel's job (the preview panel becomes a panel of its own). */
  | { type: 'keepOpen' }
  | { type: 'action'; action: PanelActionId }
  | { type: 'openJob'; jobId: string }
  | { type: 'openUrl'; url: string }
  /** Ids from the top-level target down to the step that holds the diff. */
  | { type: 'openDiff'; path: string[] }
  | { type: 'copy'; seq: number; text: string }
  | { type: 'refresh' }
  /** The whole of a partial top-level target (answered with `target`). */
  | { type: 'loadTarget'; id: string }
  /** After each render: what the page shows (integration tests read it). */
  | {
      type: 'rendered';
      version: number;
      rawState?: string;
      rows: number;
      diffs: number;
      actions: PanelActionId[];
      /** Ids of the rows drawn open (opened by the user, or by themselves in a job of few targets). */
      expanded: string[];
      /** The targets table's column heads, as drawn. */
      columns: string[];
      revealed?: string;
      /** A target the host asked to scroll to that this job does not have. */
      missed?: string;
      error?: string;
      firstScreen?: boolean;
      progress?: string;
    };

/** Walks a target path (ids from the top level down). */
export function findTarget<T extends { id: string; children?: T[] }>(
  targets: readonly T[],
  path: readonly string[],
): T | undefined {
  let level: readonly T[] | undefined = targets;
  let found: T | undefined;
  for (const id of path) {
    found = level?.find((t) => t.id === id);
    if (!found) return undefined;
    level = found.children;
  }
  return found;
}
