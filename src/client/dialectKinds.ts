// The dialects' kinds and nothing else: what reading the settings needs, small enough for the
// activation entry (dialectInfo.ts carries the launch tables).
import type { DialectKind } from './model';

const KINDS = ['cnaas-nms', 'cdrouter', 'puppet-orchestrator', 'stack-jobs', 'beacon'] as const;
// A dialect declared in model.ts `Dialects` but missing here does not compile.
const complete: [Exclude<DialectKind, (typeof KINDS)[number]>] extends [never] ? true : never = true;
void complete;

export const DIALECT_KINDS: readonly DialectKind[] = KINDS;
