// `mode: 'seed-exact'`: the five dialects serving the seeds' own example payloads (docs/seeds/),
// exactly as printed (after the repairs seedExamples.ts lists) and only the fields the seeds
// show, instead of the living, generated data. Integration tests run the tree, panel and
// commands against both.
import type { Dialect, DialectEnv } from '../dialects/dialect';
import type { Kind } from '../types';
import { SeedBeacon } from './beacon';
import { SeedCdrouter } from './cdrouter';
import { SeedCnaas } from './cnaas';
import { SeedPuppet } from './puppet';
import { SeedStackJobs } from './stackJobs';

export function seedExactDialects(envFor: (kind: Kind) => DialectEnv): Record<Kind, Dialect> {
  return {
    'cnaas-nms': new SeedCnaas(envFor('cnaas-nms')),
    cdrouter: new SeedCdrouter(envFor('cdrouter')),
    'puppet-orchestrator': new SeedPuppet(envFor('puppet-orchestrator')),
    'stack-jobs': new SeedStackJobs(envFor('stack-jobs')),
    beacon: new SeedBeacon(envFor('beacon')),
  };
}
