// What Jobdeck knows of each dialect without talking to it: its title, how it sends the token,
// its launch fields, and what Add Connection suggests. No adapter and no HTTP: the spec-file
// language server reads this and stays free of the client (registry.ts adds the adapters).
import type { AuthStyle } from './config';
import { beaconLaunch } from './launch/beacon';
import { cdrouterLaunch } from './launch/cdrouter';
import type { LaunchTable } from './launch/fields';
import { puppetLaunch } from './launch/puppetOrchestrator';
import { stackJobsLaunch } from './launch/stackJobs';
import type { DialectKind } from './model';

export interface DialectInfo<K extends DialectKind = DialectKind> {
  kind: K;
  /** The product's name, as users know it. */
  title: string;
  auth: AuthStyle;
  /**
   * The launch fields, where Jobdeck launches jobs of this dialect: made when asked for, so
   * their words are in the display language configured by then (never fixed at module load).
   */
  launch?: () => LaunchTable<K>;
  /** Add Connection: an example server root, and the API path people paste with it (cut off). */
  exampleUrl: string;
  apiPath: RegExp;
}

/** One entry per dialect: a dialect declared in model.ts `Dialects` without one does not compile. */
export const DIALECT_INFO: { readonly [K in DialectKind]: DialectInfo<K> } = {
  'cnaas-nms': {
    kind: 'cnaas-nms',
    title: 'CNaaS-NMS',
    auth: 'bearer',
    exampleUrl: 'https://nms.example.net',
    apiPath: /\/api\/v1\.0(\/.*)?$/,
  },
  cdrouter: {
    kind: 'cdrouter',
    title: 'CDRouter',
    auth: 'bearer',
    launch: cdrouterLaunch,
    exampleUrl: 'https://cdrouter.example.net',
    apiPath: /\/api\/v1(\/.*)?$/,
  },
  'puppet-orchestrator': {
    kind: 'puppet-orchestrator',
    title: 'Puppet orchestrator',
    auth: 'x-authentication',
    launch: puppetLaunch,
    exampleUrl: 'https://puppet.example.net:8143',
    apiPath: /\/orchestrator\/v1(\/.*)?$/,
  },
  'stack-jobs': {
    kind: 'stack-jobs',
    title: 'stack-jobs',
    auth: 'bearer',
    launch: stackJobsLaunch,
    exampleUrl: 'https://stacks.example.net',
    apiPath: /\/jobs\/?$/,
  },
  beacon: {
    kind: 'beacon',
    title: 'beacon',
    auth: 'userkey',
    launch: beaconLaunch,
    exampleUrl: 'https://beacon.example.net',
    apiPath: /\/api(\/jobs.*)?$/,
  },
};

export { DIALECT_KINDS } from './dialectKinds';
