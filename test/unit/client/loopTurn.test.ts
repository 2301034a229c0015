import * as assert from 'node:assert/strict';
import { loopTurn } from '../../../src/client/loopTurn';

/** Counts turns of the event loop (one immediate per turn) while `work` runs. */
async function countingTurns<T>(work: (turn: () => number) => Promise<T>): Promise<T> {
  let turns = 0;
  let running = true;
  const tick = () => {
    turns++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return await work(() => turns);
  } finally {
    running = false;
  }
}

describe('loopTurn: one answer per turn of the event loop', () => {
  it('callers waiting together go on in different turns, in the order they asked', async () => {
    const seen = await countingTurns(async (turn) => {
      const order: [string, number][] = [];
      await Promise.all(['a', 'b', 'c', 'd'].map((name) => loopTurn().then(() => order.push([name, turn()]))));
      return order;
    });
    assert.deepEqual(
      seen.map(([name]) => name),
      ['a', 'b', 'c', 'd'],
    );
    const turns = seen.map(([, t]) => t);
    assert.equal(new Set(turns).size, 4, `each in a turn of its own: ${turns.join(', ')}`);
  });

  it('a timer due meanwhile runs between two waiting callers', async () => {
    const order: string[] = [];
    const first = loopTurn().then(() => {
      order.push('first');
      // Busy for 5 ms: the timer below is due before the second caller's turn.
      const end = Date.now() + 5;
      while (Date.now() < end);
    });
    const second = loopTurn().then(() => order.push('second'));
    setTimeout(() => order.push('timer'), 1);
    await Promise.all([first, second]);
    await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(order, ['first', 'timer', 'second']);
  });

  it('a caller alone goes on in the next turn, and again after the queue ran dry', async () => {
    await loopTurn();
    await loopTurn();
    const late = await countingTurns(async (turn) => {
      const before = turn();
      await loopTurn();
      return turn() - before;
    });
    assert.ok(late <= 2, `went on within two turns (${late})`);
  });
});
