// A Puppet job's plan: when each node runs and how it ends, derived from the job's life,
// its concurrency and any stop. Nodes run in waves of `concurrency`; the last node of the
// last wave ends exactly at the job's end, so a job's state needs no plan unless stopped.
import { hash, rand } from '../rng';
import type { Life } from '../timeline';

export type NodeEnd = 'finished' | 'failed' | 'errored' | 'skipped';

export interface NodeRun {
  name: string;
  /** undefined: never started (skipped). */
  start?: number;
  end?: number;
  outcome: NodeEnd;
}

export interface PuppetPlanInput {
  id: number;
  seed: number;
  life: Life;
  nodes: string[];
  concurrency: number;
  /** When the job was asked to stop (a user's stop, or a generated "stopped" job). */
  stopAt?: number;
}

export interface Plan {
  nodes: NodeRun[];
  /** When the job reached its final state. */
  end: number;
  final: 'finished' | 'failed' | 'stopped';
  /** Post-stop events are placed 1 ms after the stop so already-seen events keep their ids. */
  stopAt?: number;
}

export function waves(n: number, concurrency: number): number {
  return Math.max(1, Math.ceil(n / Math.max(1, concurrency)));
}

export function plan(p: PuppetPlanInput): Plan {
  const { life, nodes, seed, id } = p;
  const conc = Math.max(1, p.concurrency);
  const w = waves(nodes.length, conc);
  const slot = (life.endAt - life.startAt) / w;
  const runs: NodeRun[] = nodes.map((name, k) => {
    const wave = Math.floor(k / conc);
    const start = Math.floor(life.startAt + wave * slot + Math.min(250, slot * 0.05) * (k % conc));
    const end =
      k === nodes.length - 1
        ? life.endAt
        : Math.max(
            start + 1,
            Math.floor(life.startAt + (wave + 1) * slot - rand(seed, id * 7919 + k, 'pgap') * slot * 0.2),
          );
    let outcome: NodeEnd = 'finished';
    if (life.outcome === 'fail' && rand(seed, id * 7919 + k, 'pfail') < 0.25)
      outcome = hash(seed, id * 7919 + k, 'perr') % 3 === 0 ? 'errored' : 'failed';
    return { name, start, end, outcome };
  });
  if (life.outcome === 'fail' && runs.length && !runs.some((r) => r.outcome !== 'finished'))
    runs[runs.length - 1].outcome = 'failed';

  if (p.stopAt === undefined || p.stopAt >= life.endAt) {
    const final = runs.some((r) => r.outcome === 'failed' || r.outcome === 'errored') ? 'failed' : 'finished';
    return { nodes: runs, end: life.endAt, final };
  }
  // Stopped: nodes already running finish their run; the rest are skipped.
  const stopAt = p.stopAt;
  let end = stopAt + 1;
  for (const r of runs) {
    if ((r.start as number) > stopAt) {
      r.start = undefined;
      r.end = undefined;
      r.outcome = 'skipped';
    } else if ((r.end as number) > stopAt) {
      end = Math.max(end, r.end as number);
    }
  }
  return { nodes: runs, end, final: 'stopped', stopAt };
}

export type NodeState = 'new' | 'ready' | 'running' | NodeEnd;

export function nodeState(r: NodeRun, life: Life, pl: Plan, now: number): NodeState {
  if (r.outcome === 'skipped')
    return pl.stopAt !== undefined && now > pl.stopAt ? 'skipped' : now < life.startAt ? 'new' : 'ready';
  if (now < (r.start as number)) return now < life.createdAt + 300 ? 'new' : 'ready';
  if (now < (r.end as number)) return 'running';
  return r.outcome;
}
