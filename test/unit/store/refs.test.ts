import * as assert from 'node:assert/strict';
import { refOfRow, rowOf, type RowRef } from '../../../src/store/refs';

describe('Row refs (what a tree row hands a command)', () => {
  it('reads the ref of a row, and of the argument a command hands on', () => {
    const ref: RowRef = { connection: 'lab', jobId: '42' };
    assert.equal(refOfRow({ ref, label: 'job 42' }), ref);
    assert.equal(refOfRow(rowOf(ref)), ref);
    assert.deepEqual(rowOf({ connection: '' }), { ref: { connection: '' } });
    assert.deepEqual(refOfRow(rowOf({ connection: '' })), { connection: '' });
  });

  it('anything else is no row: no ref, a ref that is not an object, or one without a connection name', () => {
    for (const arg of [
      undefined,
      null,
      'lab',
      42,
      {},
      { ref: null },
      { ref: 'lab' },
      { ref: 7 },
      { ref: {} },
      { ref: { connection: 3, jobId: '1' } },
      { ref: { connection: null } },
      { connection: 'lab', jobId: '1' },
    ])
      assert.equal(refOfRow(arg), undefined, JSON.stringify(arg));
  });
});
