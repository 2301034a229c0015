// A checked spec-file launch → the LaunchSpec(s) the adapters take. The values arrive already
// validated and resolved (names → ids) by analyze.ts; this file only rearranges them.
import type { BulkLaunchSpec, DialectKind, LaunchSpec } from '../client/model';

/** Field key → value as read (text, number, boolean, list; choice fields hold resolved ids). */
export type ReadValues = Record<string, unknown>;

/** One launch of a spec file: a single job, or CDRouter's native bulk launch (`packages:`). */
export type SpecLaunch = { spec: LaunchSpec } | { bulk: BulkLaunchSpec };

export function buildLaunch(kind: DialectKind, v: ReadValues): SpecLaunch {
  if (kind === 'cdrouter' && v.packages !== undefined) {
    // `?bulk=launch` takes package ids and tags only; analyze.ts refuses other fields with it.
    const tags = v.tags as string[] | undefined;
    return { bulk: { by: 'packages', jobs: (v.packages as string[]).map((packageId) => (tags ? { packageId, tags } : { packageId })) } };
  }
  return { spec: buildLaunchSpec(kind, v) };
}

export function buildLaunchSpec(kind: DialectKind, v: ReadValues): LaunchSpec {
  switch (kind) {
    case 'cdrouter': {
      const options: Extract<LaunchSpec, { kind: 'cdrouter' }>['options'] = {};
      if (v.tags !== undefined) options.tags = v.tags as string[];
      if (v.skipTests !== undefined) options.skipTests = v.skipTests as string[];
      if (v.beginAt !== undefined) options.beginAt = v.beginAt as string;
      if (v.endAt !== undefined) options.endAt = v.endAt as string;
      if (v.extraCliArgs !== undefined) options.extraCliArgs = v.extraCliArgs as string;
      const spec: LaunchSpec = { kind: 'cdrouter', packageId: v.package as string };
      if (v.device !== undefined) spec.deviceId = v.device as string;
      if (v.config !== undefined) spec.configId = v.config as string;
      if (Object.keys(options).length) spec.options = options;
      return spec;
    }
    case 'puppet-orchestrator': {
      const scope =
        v.nodes !== undefined ? { nodes: v.nodes as string[] } : v.query !== undefined ? { query: v.query as string } : { nodeGroup: v.nodeGroup as string };
      const spec: LaunchSpec = { kind: 'puppet-orchestrator', environment: v.environment as string, scope };
      if (v.noop !== undefined) spec.noop = v.noop as boolean;
      if (v.concurrency !== undefined) spec.concurrency = v.concurrency as number;
      if (v.description !== undefined) spec.description = v.description as string;
      return spec;
    }
    case 'stack-jobs': {
      const spec: LaunchSpec = { kind: 'stack-jobs', scheduleId: wholeId(v.schedule, 'schedule'), stackId: wholeId(v.stack, 'stack') };
      if (v.name !== undefined) spec.name = v.name as string;
      if (v.enabled !== undefined) spec.enabled = v.enabled as boolean;
      return spec;
    }
    case 'beacon': {
      const spec: LaunchSpec = { kind: 'beacon', name: v.name as string, tasks: v.tasks as unknown[] };
      if (v.beacon !== undefined) spec.beaconName = v.beacon as string;
      if (v.queue !== undefined) spec.queue = v.queue as boolean;
      if (v.schedule !== undefined) {
        const s = v.schedule as Record<string, unknown>;
        const schedule: NonNullable<Extract<LaunchSpec, { kind: 'beacon' }>['schedule']> = {};
        if (s.start !== undefined) schedule.startDate = s.start as number;
        if (s.end !== undefined) schedule.endDate = s.end as number;
        for (const k of ['min', 'hour', 'dom', 'dow', 'month'] as const) if (s[k] !== undefined) schedule[k] = s[k] as string;
        spec.schedule = schedule;
      }
      return spec;
    }
    case 'cnaas-nms':
      throw new Error('CNaaS-NMS jobs cannot be launched from Jobdeck');
  }
}

/** stack-jobs ids are numbers on the wire. */
function wholeId(id: unknown, what: string): number {
  const n = Number(id);
  if (!Number.isInteger(n) || n < 0) throw new Error(`the ${what} id “${String(id)}” is not a number`);
  return n;
}
