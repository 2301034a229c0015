// Event lag of jobdeck.tailEvents: emitted on the emulator (by the runner, in its process) →
// handed to the output channel here. Lost and duplicated lines are counted by the runner in
// the channel's log file afterwards; here only what reached the sink is recorded.
import * as vscode from 'vscode';
import type { Services } from '../../../src/extension/services';
import type { JobEvent } from '../../../src/client/model';
import { ask, type HostConfig } from '../bridge';
import { measured, notMeasured, type Measurement } from '../figures';
import { now, percentile, round, sleep } from '../stats';
import { setConnections } from './workbench';

export async function tail(s: Services, c: HostConfig['tail'], log: (m: string) => void, notes: string[]): Promise<Measurement[]> {
  await setConnections(s, [c.connection]);
  const name = c.connection.name;
  const received = new Map<number, number[]>();
  const onEvents = (session: { connection: string; jobId: string }, events: JobEvent[]) => {
    if (session.connection !== name || session.jobId !== c.jobId) return;
    const t = now();
    for (const e of events) {
      const id = Number(e.id);
      const list = received.get(id);
      if (list) list.push(t);
      else received.set(id, [t]);
    }
  };
  s.tails.on('events', onEvents);
  // What the follower waits between polls of a quiet stream: the lag target is this + 50 ms.
  const intervalMs = (s.tails as unknown as { timing?: { eventIntervalMs?: number } }).timing?.eventIntervalMs;
  try {
    await vscode.commands.executeCommand('jobdeck.tailEvents', { connection: name, jobIds: [c.jobId] });
    if (!s.tails.get(name, c.jobId)) throw new Error('jobdeck.tailEvents did not start a tail');
    // The job's own events so far arrive first; the bench's start after that.
    await sleep(2500);
    const emission = await ask({ op: 'tail.emit', jobId: c.jobId }, 600_000);
    const ids = (phase?: string) => emission.batches.filter((b) => !phase || b.phase === phase).flatMap((b) => Array.from({ length: b.last - b.first + 1 }, (_, k) => ({ id: b.first + k, t: b.t })));
    const all = ids();
    const deadline = Date.now() + 30_000;
    while (all.some((e) => !received.has(e.id)) && Date.now() < deadline) await sleep(100);
    await s.tails.stop(name, c.jobId);
    const lags = (list: { id: number; t: number }[]) => list.filter((e) => received.has(e.id)).map((e) => (received.get(e.id) as number[])[0] - e.t);
    const steady = lags(ids('steady'));
    const everything = lags(all);
    const lost = all.filter((e) => !received.has(e.id)).length;
    const dup = all.filter((e) => (received.get(e.id)?.length ?? 0) > 1).length;
    notes.push(`tail: ${all.length} events emitted, ${all.length - lost} reached the output channel's sink (${dup} more than once), ${emission.restarts.length} restarts`);
    log(`tail: steady p50 ${round(percentile(steady, 50))} ms, p95 ${round(percentile(steady, 95))} ms; with restarts p95 ${round(percentile(everything, 95))} ms; lost at sink ${lost}`);
    const target = intervalMs === undefined ? undefined : `poll interval ${intervalMs} ms + 50`;
    const out: Measurement[] = [measured('tail.p50', percentile(steady, 50), { note: `${steady.length} events` })];
    if (intervalMs !== 1000) out.push(notMeasured('tail.p95', `the tail's event poll interval is ${intervalMs ?? 'not readable'} (the target assumes 1000 ms + 50)`));
    else out.push(measured('tail.p95', percentile(steady, 95), { note: target }));
    out.push(measured('tail.p95restarts', percentile(everything, 95), { note: `max ${round(Math.max(...everything))} ms` }));
    return out;
  } finally {
    s.tails.off('events', onEvents);
  }
}
