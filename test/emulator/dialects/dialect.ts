// The shape every dialect module has, and what it is built from.
import type { TokenPair } from '../auth';
import type { Ctx, Reply } from '../exchange';
import type { Kind } from '../types';

export interface DialectEnv {
  seed: number;
  /** Generated jobs (ids 1..jobs). */
  jobs: number;
  /** Emulated time at start: generated histories end here. */
  base: number;
  hostile: boolean;
  hugeDiffBytes: number;
  tokens: TokenPair;
  cnaasResultShape: 'seed' | 'current';
}

export interface Dialect {
  readonly kind: Kind;
  handle(ctx: Ctx): Reply;
  /** Forgets every write. */
  reset(): void;
}
