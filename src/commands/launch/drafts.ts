// What each dialect's wizard asks for (a draft the steps fill in) and the LaunchSpec it
// makes; also the way back from a remembered spec to a draft. No VS Code here (unit-tested).
import type { LaunchSpec } from '../../client/model';
import { parseNumericId, parseTasksJson } from './fields';

/** A picked (or typed) value and how to show it. */
export interface Picked {
  id: string;
  label: string;
}

export type CdrouterSpec = Extract<LaunchSpec, { kind: 'cdrouter' }>;

export interface CdrouterDraft {
  pkg?: Picked;
  device?: Picked;
  config?: Picked;
  tags: string[];
  skipTests: string[];
  beginAt: string;
  endAt: string;
  extraCliArgs: string;
}

export function cdrouterDraft(previous: CdrouterSpec | undefined): CdrouterDraft {
  const o = previous?.options ?? {};
  const picked = (id: string | undefined) => (id ? { id, label: id } : undefined);
  return {
    pkg: picked(previous?.packageId),
    device: picked(previous?.deviceId),
    config: picked(previous?.configId),
    tags: o.tags ?? [],
    skipTests: o.skipTests ?? [],
    beginAt: o.beginAt ?? '',
    endAt: o.endAt ?? '',
    extraCliArgs: o.extraCliArgs ?? '',
  };
}

export function cdrouterSpec(d: CdrouterDraft): CdrouterSpec {
  if (!d.pkg) throw new Error('a package is required');
  const options: NonNullable<CdrouterSpec['options']> = {};
  if (d.tags.length) options.tags = d.tags;
  if (d.skipTests.length) options.skipTests = d.skipTests;
  if (d.beginAt.trim()) options.beginAt = d.beginAt.trim();
  if (d.endAt.trim()) options.endAt = d.endAt.trim();
  if (d.extraCliArgs.trim()) options.extraCliArgs = d.extraCliArgs.trim();
  const spec: CdrouterSpec = { kind: 'cdrouter', packageId: d.pkg.id };
  if (d.device) spec.deviceId = d.device.id;
  if (d.config) spec.configId = d.config.id;
  if (Object.keys(options).length) spec.options = options;
  return spec;
}


export type PuppetSpec = Extract<LaunchSpec, { kind: 'puppet-orchestrator' }>;
export type ScopeKind = 'nodes' | 'query' | 'nodeGroup';

export interface PuppetDraft {
  environment?: Picked;
  scopeKind: ScopeKind;
  nodes: string[];
  query: string;
  nodeGroup?: Picked;
  noop: boolean;
  concurrency?: number;
  description: string;
}

export function puppetDraft(previous: PuppetSpec | undefined): PuppetDraft {
  const s = previous?.scope;
  return {
    environment: previous ? { id: previous.environment, label: previous.environment } : undefined,
    scopeKind: s ? ('nodes' in s ? 'nodes' : 'query' in s ? 'query' : 'nodeGroup') : 'nodes',
    nodes: s && 'nodes' in s ? s.nodes : [],
    query: s && 'query' in s ? s.query : '',
    nodeGroup: s && 'nodeGroup' in s ? { id: s.nodeGroup, label: s.nodeGroup } : undefined,
    noop: previous?.noop ?? false,
    concurrency: previous?.concurrency,
    description: previous?.description ?? '',
  };
}

export function puppetSpec(d: PuppetDraft): PuppetSpec {
  if (!d.environment) throw new Error('an environment is required');
  const scope: PuppetSpec['scope'] =
    d.scopeKind === 'nodes' ? { nodes: d.nodes } : d.scopeKind === 'query' ? { query: d.query } : { nodeGroup: d.nodeGroup?.id ?? '' };
  const spec: PuppetSpec = { kind: 'puppet-orchestrator', environment: d.environment.id, scope, noop: d.noop };
  if (d.concurrency !== undefined) spec.concurrency = d.concurrency;
  if (d.description.trim()) spec.description = d.description.trim();
  return spec;
}

export function describeScope(d: PuppetDraft): string {
  if (d.scopeKind === 'nodes') return `${d.nodes.length} node${d.nodes.length === 1 ? '' : 's'}: ${d.nodes.slice(0, 5).join(', ')}${d.nodes.length > 5 ? ', …' : ''}`;
  if (d.scopeKind === 'query') return `query ${d.query}`;
  return `node group ${d.nodeGroup?.label ?? ''}`;
}


export type StackSpec = Extract<LaunchSpec, { kind: 'stack-jobs' }>;

export interface StackDraft {
  schedule?: Picked;
  stack?: Picked;
  name: string;
  enabled: boolean;
}

export function stackDraft(previous: StackSpec | undefined): StackDraft {
  return {
    schedule: previous ? { id: String(previous.scheduleId), label: String(previous.scheduleId) } : undefined,
    stack: previous ? { id: String(previous.stackId), label: String(previous.stackId) } : undefined,
    // A name is per job: it is not carried over.
    name: '',
    enabled: previous?.enabled ?? true,
  };
}

export function stackSpec(d: StackDraft): StackSpec {
  const schedule = parseNumericId(d.schedule?.id ?? '', 'schedule');
  const stack = parseNumericId(d.stack?.id ?? '', 'stack');
  if (!schedule.ok) throw new Error(schedule.error);
  if (!stack.ok) throw new Error(stack.error);
  const spec: StackSpec = { kind: 'stack-jobs', scheduleId: schedule.value, stackId: stack.value, enabled: d.enabled };
  if (d.name.trim()) spec.name = d.name.trim();
  return spec;
}


export type BeaconSpec = Extract<LaunchSpec, { kind: 'beacon' }>;
export type When = 'queue' | 'schedule' | 'create';

export interface BeaconDraft {
  name: string;
  beacon?: Picked;
  tasks: string;
  when: When;
  startDate?: number;
  endDate?: number;
  min: string;
  hour: string;
  dom: string;
  dow: string;
  month: string;
}

export function beaconDraft(previous: BeaconSpec | undefined): BeaconDraft {
  const s = previous?.schedule;
  return {
    name: previous?.name ?? '',
    beacon: previous?.beaconName ? { id: previous.beaconName, label: previous.beaconName } : undefined,
    tasks: previous ? JSON.stringify(previous.tasks) : '',
    when: s ? 'schedule' : previous && !previous.queue ? 'create' : 'queue',
    startDate: s?.startDate,
    endDate: s?.endDate,
    min: s?.min ?? '0',
    hour: s?.hour ?? '*',
    dom: s?.dom ?? '*',
    dow: s?.dow ?? '*',
    month: s?.month ?? '*',
  };
}

export function beaconSpec(d: BeaconDraft): BeaconSpec {
  const tasks = parseTasksJson(d.tasks);
  if (!tasks.ok) throw new Error(tasks.error);
  const spec: BeaconSpec = { kind: 'beacon', name: d.name.trim(), tasks: tasks.value };
  if (d.beacon) spec.beaconName = d.beacon.id;
  if (d.when === 'queue') spec.queue = true;
  if (d.when === 'schedule') spec.schedule = { startDate: d.startDate, endDate: d.endDate, min: d.min, hour: d.hour, dom: d.dom, dow: d.dow, month: d.month };
  return spec;
}

