// A job's life on the emulated clock: created, started, ended, with an outcome. Generated
// jobs get theirs from (seed, i); launched jobs store one. Everything a dialect shows
// (status words, progress, node states, events) is read off this and the current time.
import { rand } from './rng';

export type Outcome = 'ok' | 'fail' | 'stopped';
export type Phase = 'pending' | 'running' | 'done';

export interface Life {
  createdAt: number;
  startAt: number;
  endAt: number;
  outcome: Outcome;
}

/** Average gap between two generated jobs. Job n (the newest) is created just before start. */
export const SPACING_MS = 47_000;

/**
 * Life of generated job i (1-based) out of n, created before `base` (the emulator's start).
 * The mix at start (n = 200): mostly finished, ~10% running, ~12% failed/stopped, a few
 * still queued: queue delays and durations have long tails so the newest jobs overlap.
 */
export function generatedLife(seed: number, salt: string, i: number, n: number, base: number): Life {
  const createdAt = base - (n - i + 1) * SPACING_MS + Math.floor(rand(seed, i, salt + 'c') * SPACING_MS * 0.5);
  const q = rand(seed, i, salt + 'q');
  const delay =
    q < 0.85 ? 200 + q * 5_000 : q < 0.95 ? 5_000 + (q - 0.85) * 550_000 : 120_000 + (q - 0.95) * 45_000_000;
  const d = rand(seed, i, salt + 'd');
  const duration =
    d < 0.7 ? 20_000 + d * 230_000 : d < 0.95 ? 180_000 + (d - 0.7) * 4_000_000 : 3_600_000 + (d - 0.95) * 220_000_000;
  const o = rand(seed, i, salt + 'o');
  const outcome: Outcome = o < 0.84 ? 'ok' : o < 0.97 ? 'fail' : 'stopped';
  const startAt = createdAt + Math.floor(delay);
  return { createdAt, startAt, endAt: startAt + Math.floor(duration), outcome };
}

/** Life of a job launched now: queued briefly, runs 20 s to 3 min, usually succeeds. */
export function launchedLife(seed: number, id: number, now: number, salt: string): Life {
  const delay = 1_000 + Math.floor(rand(seed, id, salt + 'lq') * 4_000);
  const duration = 20_000 + Math.floor(rand(seed, id, salt + 'ld') * 160_000);
  const outcome: Outcome = rand(seed, id, salt + 'lo') < 0.85 ? 'ok' : 'fail';
  return { createdAt: now, startAt: now + delay, endAt: now + delay + duration, outcome };
}

export function phaseAt(life: Life, now: number): Phase {
  if (now < life.startAt) return 'pending';
  if (now < life.endAt) return 'running';
  return 'done';
}

/** Fraction of the run done at `now`, in [0, 1]. */
export function progressAt(life: Life, now: number): number {
  if (now <= life.startAt) return 0;
  if (now >= life.endAt) return 1;
  return (now - life.startAt) / (life.endAt - life.startAt);
}

/** The life after a stop at `at`: a pending job never starts, a running one ends now. */
export function stoppedLife(life: Life, at: number): Life {
  if (at >= life.endAt) return life;
  const startAt = Math.min(life.startAt, at);
  return { createdAt: life.createdAt, startAt, endAt: at, outcome: 'stopped' };
}
