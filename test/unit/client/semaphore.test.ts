// The bound on requests per connection and on bulk fan-out: never more than the limit at once,
// a finished or failed task hands its slot on, results keep the input order.
import * as assert from 'node:assert/strict';
import { mapBounded, Semaphore } from '../../../src/client/semaphore';

/** A task that runs until released, noting when it starts. */
function held(log: string[], name: string) {
  let release!: (ok: boolean) => void;
  const done = new Promise<boolean>((r) => (release = r));
  const task = async () => {
    log.push(`start ${name}`);
    if (!(await done)) throw new Error(`${name} failed`);
    return name;
  };
  return { task, release };
}

const turn = () => new Promise<void>((r) => setImmediate(r));

describe('Semaphore', () => {
  it('with a limit of 1 runs one task at a time, in the order they came', async () => {
    const sem = new Semaphore(1);
    const log: string[] = [];
    const a = held(log, 'a');
    const b = held(log, 'b');
    const c = held(log, 'c');
    const settled = Promise.allSettled([sem.run(a.task), sem.run(b.task), sem.run(c.task)]);
    await turn();
    assert.deepEqual(log, ['start a']);
    assert.equal(sem.inFlight, 1);
    a.release(true);
    await turn();
    assert.deepEqual(log, ['start a', 'start b']);
    assert.equal(sem.inFlight, 1, 'the slot went straight to the next task');
    b.release(false);
    await turn();
    assert.deepEqual(log, ['start a', 'start b', 'start c'], 'a failed task frees its slot too');
    c.release(true);
    assert.deepEqual(
      (await settled).map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message)),
      ['a', 'b failed', 'c'],
    );
    assert.equal(sem.inFlight, 0, 'every slot is back');
  });

  it('runs up to its limit at once and no more', async () => {
    const sem = new Semaphore(2);
    const log: string[] = [];
    const tasks = ['a', 'b', 'c'].map((n) => held(log, n));
    const runs = tasks.map((t) => sem.run(t.task));
    await turn();
    assert.deepEqual(log, ['start a', 'start b']);
    assert.equal(sem.inFlight, 2);
    tasks[1].release(true);
    await turn();
    assert.deepEqual(log, ['start a', 'start b', 'start c']);
    assert.equal(sem.inFlight, 2);
    tasks[0].release(true);
    tasks[2].release(true);
    assert.deepEqual(await Promise.all(runs), ['a', 'b', 'c']);
    assert.equal(sem.inFlight, 0);
  });

  it('refuses a limit under 1 or not a number', () => {
    for (const limit of [0, 0.5, -1, Number.NaN])
      assert.throws(
        () => new Semaphore(limit),
        { name: 'RangeError', message: 'limit must be at least 1' },
        String(limit),
      );
  });

  it('mapBounded keeps the input order and reports each failure in its place', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapBounded([30, 10, 20, -1, 5], 2, async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, Math.abs(ms)));
      running--;
      if (ms < 0) throw new Error(`item ${i}`);
      return ms * 2;
    });
    assert.equal(peak, 2);
    assert.deepEqual(
      results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
      [60, 20, 40, 'item 3', 10],
    );
  });
});
