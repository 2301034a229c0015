// What commands accept besides a tree row, the multi-selection or nothing: references such as
// `{connection, jobId}` (detail panel, notifications, tests). One guard builder checks every shape, so each argument type is one line.
import type { BulkDeleteSelection, BulkLaunchSpec, LaunchSpec } from '../client/model';

type Kind = 'string' | 'array' | 'object';

/** A guard for an object argument whose fields have these kinds. */
function shaped<T>(fields: Partial<Record<keyof T, Kind>>): (v: unknown) => v is T {
  return (v: unknown): v is T => {
    if (typeof v !== 'object' || v === null) return false;
    return Object.entries(fields).every(([k, kind]) => {
      const x = (v as Record<string, unknown>)[k];
      return kind === 'array'
        ? Array.isArray(x)
        : kind === 'object'
          ? typeof x === 'object' && x !== null
          : typeof x === kind;
    });
  };
}

interface JobRef {
  connection: string;
  jobId: string;
  /** openJob: a target to scroll to. */
  target?: unknown;
}

interface JobsRef {
  connection: string;
  jobIds: string[];
}

/** `{connection, spec}`: launch this spec without the wizard (job-spec files, relaunch). */
interface LaunchRef {
  connection: string;
  spec: LaunchSpec;
  /** Open the detail panel afterwards (default: the jobdeck.openPanelOnLaunch setting). */
  openPanel?: boolean;
}

interface BulkLaunchRef {
  connection: string;
  spec: BulkLaunchSpec;
}

/** What a bulk delete acts on, as callers (and tests) may pass it. */
export type DeleteChoice = BulkDeleteSelection | { by: 'olderThan'; days: number };

interface BulkDeleteRef {
  connection: string;
  selection: DeleteChoice;
}

/** A step's diff: target ids from the top level down to the step. */
interface DiffArg {
  connection: string;
  jobId: string;
  path: string[];
}

export const isJobRef = shaped<JobRef>({ connection: 'string', jobId: 'string' });
export const isJobsRef = shaped<JobsRef>({ connection: 'string', jobIds: 'array' });
export const isBulkDeleteRef = shaped<BulkDeleteRef>({ connection: 'string', selection: 'object' });
const launchRef = shaped<LaunchRef>({ connection: 'string', spec: 'object' });
const bulkLaunchRef = shaped<BulkLaunchRef>({ connection: 'string', spec: 'object' });
const diffArg = shaped<DiffArg>({ connection: 'string', jobId: 'string', path: 'array' });

export const isLaunchRef = (v: unknown): v is LaunchRef => launchRef(v) && typeof v.spec.kind === 'string';
export const isBulkLaunchRef = (v: unknown): v is BulkLaunchRef => bulkLaunchRef(v) && typeof v.spec.by === 'string';
export const isDiffArg = (v: unknown): v is DiffArg => diffArg(v) && v.path.every((p) => typeof p === 'string');

/** `{fromTree: true}`: the keybindings' argument (package.json), meaning the tree's selection. */
export function isFromTree(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as { fromTree?: unknown }).fromTree === true;
}

// Such an argument skips the confirmation only when Jobdeck's own code marked it
// (confirmedArgs.ts): a `confirm: true` in JSON from a `command:` link does not.
export { preConfirmed } from './confirmedArgs';
