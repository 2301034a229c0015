import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { sameData } from '../../../src/store/sameData';

describe('sameData: did the data change?', () => {
  it('agrees with comparing JSON on any JSON value and a copy or a variation of it (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const copy = JSON.parse(JSON.stringify(a)) as unknown;
        assert.equal(sameData(a, copy), true);
        assert.equal(sameData(a, b), JSON.stringify(a) === JSON.stringify(b) || sameKeysReordered(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts undefined fields as absent, NaN as equal to NaN, and tells arrays from objects', () => {
    assert.equal(sameData({ a: 1, b: undefined }, { a: 1 }), true);
    assert.equal(sameData({ a: 1 }, { a: 1, b: undefined }), true);
    assert.equal(sameData({ t: Number.NaN }, { t: Number.NaN }), true);
    assert.equal(sameData({ t: Number.NaN }, { t: 1 }), false);
    assert.equal(sameData([], {}), false);
    assert.equal(sameData({ 0: 'x', length: 1 }, ['x']), false);
    assert.equal(sameData({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] }), false);
    assert.equal(sameData({ a: 1 }, { b: 1 }), false);
    assert.equal(sameData(null, {}), false);
    assert.equal(sameData('1', 1), false);
  });
});

/** Objects whose keys only come in another order are the same data (JSON text differs). */
function sameKeysReordered(a: unknown, b: unknown): boolean {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}
