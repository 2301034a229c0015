// The runner's half of the tail benchmark: emits the events on the emulator (in this process,
// so events keep coming while the listener is down), restarts it three times, and afterwards
// counts the lines of the tail's output channel in VS Code's log folder.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TailEmission } from './bridge';
import { now, sleep } from './stats';

interface EmulatorLike {
  control: {
    emitPuppetEvents(job: string, count: number): { first: number; last: number };
    restart(downMs?: number): Promise<void>;
  };
}

export const TAIL_STEADY = 2_000;
export const TAIL_TOTAL = 10_000;
const STEADY_BATCH = 20;
const RESTART_BATCH = 40;
const EVERY_MS = 100;
const RESTARTS = 3;
const DOWN_MS = 1_000;

export async function emitTail(emu: EmulatorLike, jobId: string): Promise<TailEmission> {
  const out: TailEmission = { batches: [], restarts: [] };
  const restarts: Promise<void>[] = [];
  let emitted = 0;
  let tick = 0;
  const restartEvery = Math.floor((TAIL_TOTAL - TAIL_STEADY) / RESTART_BATCH / (RESTARTS + 1));
  while (emitted < TAIL_TOTAL) {
    const steady = emitted < TAIL_STEADY;
    const count = Math.min(steady ? STEADY_BATCH : RESTART_BATCH, (steady ? TAIL_STEADY : TAIL_TOTAL) - emitted);
    const t = now();
    const r = emu.control.emitPuppetEvents(jobId, count);
    out.batches.push({ first: r.first, last: r.last, t, phase: steady ? 'steady' : 'restarts' });
    emitted += count;
    if (!steady && out.restarts.length < RESTARTS && ++tick % restartEvery === 0) {
      out.restarts.push({ t: now(), downMs: DOWN_MS });
      restarts.push(emu.control.restart(DOWN_MS));
    }
    await sleep(EVERY_MS);
  }
  await Promise.all(restarts);
  return out;
}

/** Files under `dir` whose name starts with `prefix` (VS Code's log folder layout varies). */
function findFiles(dir: string, test: (name: string) => boolean): string[] {
  const found: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return found;
  }
  for (const e of entries) if (test(e.split(/[\\/]/).pop() ?? '')) found.push(join(dir, e));
  return found;
}

/**
 * Counts "Emitted event N" lines of the tail's output channel log: numbers 1..total that are
 * missing, and that appear more than once.
 */
export function countTailLines(logsDir: string, total: number): { lost: number; duplicated: number; file: string } {
  const files = findFiles(logsDir, (n) => n.startsWith('Jobdeck Tail') && n.endsWith('.log'));
  if (!files.length) throw new Error(`no "Jobdeck Tail …" output channel log under ${logsDir}`);
  const seen = new Map<number, number>();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/Emitted event (\d+)\b/g)) {
      const n = Number(m[1]);
      seen.set(n, (seen.get(n) ?? 0) + 1);
    }
  }
  let lost = 0;
  let duplicated = 0;
  for (let n = 1; n <= total; n++) {
    const c = seen.get(n) ?? 0;
    if (c === 0) lost++;
    if (c > 1) duplicated++;
  }
  return { lost, duplicated, file: files.join(', ') };
}

/** "activated in N ms" from the extension's own log, when it is there. */
export function ownActivationLog(logsDir: string): number | undefined {
  for (const file of findFiles(logsDir, (n) => n === 'Jobdeck.log')) {
    const m = /activated in (\d+) ms/.exec(readFileSync(file, 'utf8'));
    if (m) return Number(m[1]);
  }
  return undefined;
}
