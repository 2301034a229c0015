// The cold-view bench draws each reload round's order: reproducible from its seed, and fair
// enough that a period in the reloads' own timing cannot land on one view.
import * as assert from 'node:assert/strict';
import { coinFlips } from '../../bench/coldView';

describe('bench: the reload order’s coin', () => {
  it('gives the same flips for the same seed, other flips for another', () => {
    const draw = (seed: number) => {
      const coin = coinFlips(seed);
      return Array.from({ length: 64 }, () => coin());
    };
    assert.deepEqual(draw(7), draw(7));
    assert.notDeepEqual(draw(7), draw(8));
  });

  it('comes up either way about half the time, with no period of two or four', () => {
    const coin = coinFlips(20261203);
    const flips = Array.from({ length: 4000 }, () => coin());
    const heads = flips.filter(Boolean).length;
    assert.ok(heads > 1800 && heads < 2200, `${heads} of 4000`);
    for (const period of [2, 3, 4]) {
      const same = flips.slice(period).filter((f, i) => f === flips[i]).length;
      assert.ok(same > 1750 && same < 2250, `period ${period}: ${same} repeats`);
    }
  });
});
