import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { nextHunkHeader, parseHunks } from '../../../src/shared/diffHunks';
import { changedRange, diffRows, fold, leadingRows, pairLines, type DiffRow } from '../../../src/webview/diffRows';

const SEED_HUNK2 =
  '@@ -23,7 +23,7 @@\n    ip address 22.0.0.100/24\n !\n interface Ethernet2\n-   description bajs\n+   description UPLINK2\n    no switchport\n    ip address 10.0.2.100/24\n !';

describe('diffRows', () => {
  it('side by side: a deletion and its addition share a row, numbered from the header', () => {
    const rows = diffRows(parseHunks(SEED_HUNK2), 'split');
    assert.equal(rows[0].t, 'hunk');
    const pairs = rows.slice(1) as Extract<DiffRow, { t: 'pair' }>[];
    assert.equal(pairs.length, 7);
    const changed = pairs[3];
    assert.equal(changed.left?.text, '   description bajs');
    assert.equal(changed.left?.oldNo, 26);
    assert.equal(changed.right?.text, '   description UPLINK2');
    assert.equal(changed.right?.newNo, 26);
    assert.equal(pairs[0].left, pairs[0].right, 'context is the same line on both sides');
  });

  it('inline: every line in hunk order, a replaced line knows its partner', () => {
    const rows = diffRows(parseHunks(SEED_HUNK2), 'inline').slice(1) as Extract<DiffRow, { t: 'line' }>[];
    assert.deepEqual(
      rows.map((r) => r.line.kind),
      ['context', 'context', 'context', 'del', 'add', 'context', 'context', 'context'],
    );
    assert.equal(rows[3].partner, rows[4].line);
    assert.equal(rows[4].partner, rows[3].line);
    assert.equal(rows[0].partner, undefined);
  });

  it('pairs unequal blocks line for line and leaves the rest one-sided', () => {
    const rows = pairLines(parseHunks('@@ -1,3 +1,1 @@\n-a\n-b\n-c\n+x\n').hunks[0].lines) as Extract<
      DiffRow,
      { t: 'pair' }
    >[];
    assert.deepEqual(
      rows.map((r) => [r.left?.text, r.right?.text]),
      [
        ['a', 'x'],
        ['b', undefined],
        ['c', undefined],
      ],
    );
  });

  it('folds long unchanged runs, keeping 3 lines next to each change', () => {
    const ctx = Array.from({ length: 20 }, (_, i) => ` l${i + 1}`).join('\n');
    const text = `@@ -1,41 +1,41 @@\n${ctx}\n-old\n+new\n${ctx.replace(/l(\d+)/g, 'm$1')}`;
    const rows = diffRows(parseHunks(text), 'inline');
    const kinds = rows.map((r) => (r.t === 'fold' ? `fold${r.rows.length}` : r.t === 'line' ? r.line.kind[0] : r.t));
    // 20 leading context lines: 17 folded, 3 kept; change; 3 kept, 17 folded.
    assert.deepEqual(kinds, ['hunk', 'fold17', 'c', 'c', 'c', 'd', 'a', 'c', 'c', 'c', 'fold17']);
    const lastKept = rows[4] as Extract<DiffRow, { t: 'line' }>;
    assert.equal(lastKept.line.oldNo, 20);
  });

  it('does not fold a run that is barely longer than what it keeps', () => {
    const line = (t: string): DiffRow => ({ t: 'line', line: { kind: 'context', text: t, oldNo: 1, newNo: 1 } });
    const change: DiffRow = { t: 'line', line: { kind: 'add', text: 'x', newNo: 1 } };
    const rows = [change, ...'abcdefg'.split('').map(line), change];
    assert.equal(fold(rows).length, 9, '7 lines between two changes stay (3 + 1 + 3)');
    const longer = [change, ...'abcdefgh'.split('').map(line), change];
    assert.equal(fold(longer).filter((r) => r.t === 'fold').length, 1);
  });

  it('finds the changed middle of a replaced line', () => {
    assert.deepEqual(changedRange('   description bajs', '   description UPLINK2'), { start: 15, endA: 19, endB: 22 });
    assert.equal(changedRange('abc', 'xyz'), undefined);
    assert.deepEqual(changedRange('same', 'same'), { start: 4, endA: 4, endB: 4 });
  });
});

describe('diffRows: a big diff’s first rows before its whole parse', () => {
  it('finds hunk headers only where a line starts with a well-formed one', () => {
    const text = 'noise @@ -1 +1 @@\n@@ nope\n@@ -3,2 +3,2 @@ fn\r\n-a\n';
    assert.equal(nextHunkHeader(text, 0), text.indexOf('@@ -3'));
    assert.equal(nextHunkHeader(text, text.indexOf('@@ -3') + 1), -1);
    assert.equal(nextHunkHeader('', 0), -1);
  });

  it('are the first rows of the whole diff, inline and side by side (property)', () => {
    const line = fc.constantFrom('+add', '-del', ' ctx', '', '\\ No newline at end of file', '@@ stray', 'noise');
    const hunk = fc
      .tuple(fc.nat(50), fc.array(line, { maxLength: 30 }))
      .map(([n, ls]) => [`@@ -${n + 1},3 +${n + 1},3 @@ s`, ...ls].join('\n'));
    fc.assert(
      fc.property(
        fc.array(hunk, { maxLength: 8 }),
        fc.constantFrom('', 'before\n'),
        fc.constantFrom<'inline' | 'split'>('inline', 'split'),
        fc.integer({ min: 1, max: 60 }),
        (hunks, before, mode, min) => {
          const text = before + hunks.join('\n');
          const all = diffRows(parseHunks(text), mode);
          const lead = leadingRows(text, mode, min);
          assert.ok(lead.length >= Math.min(min, all.length));
          assert.deepEqual(lead, all.slice(0, lead.length));
        },
      ),
      { numRuns: 400 },
    );
  });
});
