// A Puppet job's events, with exact ids. Ids are positions in one time-ordered sequence:
// events already visible never move, because everything that changes later (a stop, an
// emitted batch) only adds events at or after the moment it happens, and ties go to the
// events that existed first. So ids are strictly increasing, never reused, and survive
// restarts (the data lives in the process, not in the connection).
import { puppetTime } from '../timefmt';
import type { DialectEnv } from './dialect';
import { type EmitBatch, type PuppetCore, nodeMessage, planOf } from './puppetData';

export interface PuppetEvent {
  id: string;
  type: string;
  timestamp: string;
  details: { node: string | null; detail: Record<string, unknown> };
  message: string;
}

interface Raw {
  t: number;
  /** 0: from the job's timeline, 1: emitted; ties at one time keep this order. */
  pri: number;
  seq: number;
  make: (id: number) => PuppetEvent;
}

/** All events visible at `now`, in id order (ids from 1). */
export function eventsAt(env: DialectEnv, c: PuppetCore, batches: readonly EmitBatch[], now: number): PuppetEvent[] {
  const pl = planOf(env, c);
  const raw: Raw[] = [];
  let seq = 0;
  const add = (
    t: number,
    pri: number,
    type: string,
    node: string | null,
    detail: Record<string, unknown>,
    message: string,
  ) => {
    if (t > now) return;
    raw.push({
      t,
      pri,
      seq: seq++,
      make: (id) => ({ id: String(id), type, timestamp: puppetTime(t), details: { node, detail }, message }),
    });
  };
  const started = pl.nodes.some((r) => r.start !== undefined);
  if (started)
    add(c.life.startAt, 0, 'job_running', null, { job_id: String(c.id) }, `Started ${c.command} job ${c.id}`);
  pl.nodes.forEach((r, k) => {
    if (r.start !== undefined && r.end !== undefined) {
      add(r.start, 0, 'node_running', r.name, { state: 'running' }, nodeMessage(env, c, r, k, 'running'));
      add(r.end, 0, `node_${r.outcome}`, r.name, { state: r.outcome }, nodeMessage(env, c, r, k, r.outcome));
    } else if (pl.stopAt !== undefined) {
      add(
        pl.stopAt + 1,
        0,
        'node_skipped',
        r.name,
        { state: 'skipped', detail: 'job was stopped' },
        nodeMessage(env, c, r, k, 'skipped'),
      );
    }
  });
  const endT = pl.final === 'stopped' ? Math.max(pl.end, (pl.stopAt as number) + 2) : pl.end;
  if (pl.final === 'stopped')
    add(endT, 0, 'job_stopped', null, { job_id: String(c.id), state: 'stopped' }, `Job ${c.id} stopped`);
  else
    add(
      endT,
      0,
      'job_finished',
      null,
      { job_id: String(c.id), state: pl.final },
      `Finished ${c.command} job ${c.id}: ${pl.final}`,
    );

  let n = 0;
  for (const b of batches) {
    for (let k = 0; k < b.count; k++, n++) {
      const node = c.nodes.length ? c.nodes[n % c.nodes.length] : null;
      const type = n % 2 === 0 ? 'node_running' : 'node_finished';
      add(
        b.at,
        1,
        type,
        node,
        { state: type.slice(5), emitted: n + 1 },
        `Emitted event ${n + 1}${node ? ` on ${node}` : ''}`,
      );
    }
  }
  raw.sort((a, b) => a.t - b.t || a.pri - b.pri || a.seq - b.seq);
  return raw.map((r, k) => r.make(k + 1));
}
