import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { applyPatch, createTwoFilesPatch, structuredPatch } from 'diff';
import { diffStat, GAP_MARKER, parseHunks, reconstruct } from '../../../src/shared/diffHunks';

/** The "Sync device config" step's diff from the CNaaS seed (000-cnaas-nms-jobs.txt), verbatim. */
const SEED_DIFF =
  '@@ -15,7 +15,7 @@\n !\n no aaa root\n !\n-username admin privilege 15 role network-admin secret sha512 $6$YpD6h6ftCWTo7PZ5$hggo6ine4WxMihdNmwFNqmbuZzxVsms6kBj1Jk5No8nclojXOdpiW6H3U2o8NSpEhnVb7MidOkdNTQ3V1FJVs.\n+username admin privilege 15 role network-admin secret sha512 $6$DW74hZIKavZFaUVh$vvmDARAUOuPNrtRTl5unS0Nax7dyNwLhisVelV8BSEdUplCf8aqhoE6SRoi.fwBzmTKawJ.oa/AKOSYoG5rkq/\n !\n interface Ethernet1\n    description UPLINK1\n@@ -23,7 +23,7 @@\n    ip address 22.0.0.100/24\n !\n interface Ethernet2\n-   description bajs\n+   description UPLINK2\n    no switchport\n    ip address 10.0.2.100/24\n !';

const OLD_USER =
  'username admin privilege 15 role network-admin secret sha512 $6$YpD6h6ftCWTo7PZ5$hggo6ine4WxMihdNmwFNqmbuZzxVsms6kBj1Jk5No8nclojXOdpiW6H3U2o8NSpEhnVb7MidOkdNTQ3V1FJVs.';
const NEW_USER =
  'username admin privilege 15 role network-admin secret sha512 $6$DW74hZIKavZFaUVh$vvmDARAUOuPNrtRTl5unS0Nax7dyNwLhisVelV8BSEdUplCf8aqhoE6SRoi.fwBzmTKawJ.oa/AKOSYoG5rkq/';

describe('diffHunks: the CNaaS seed diff', () => {
  const parsed = parseHunks(SEED_DIFF);

  it('finds both hunks with their header numbers and no warnings', () => {
    assert.deepEqual(
      parsed.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines, h.lines.length]),
      [
        [15, 7, 15, 7, 8],
        [23, 7, 23, 7, 8],
      ],
    );
    assert.equal(parsed.added, 2);
    assert.equal(parsed.removed, 2);
    assert.deepEqual(parsed.warnings, []);
  });

  it('numbers every line from the hunk headers', () => {
    const [h1, h2] = parsed.hunks;
    assert.deepEqual(h1.lines[0], { kind: 'context', text: '!', oldNo: 15, newNo: 15 });
    assert.deepEqual(h1.lines[3], { kind: 'del', text: OLD_USER, oldNo: 18 });
    assert.deepEqual(h1.lines[4], { kind: 'add', text: NEW_USER, newNo: 18 });
    assert.deepEqual(h1.lines[7], { kind: 'context', text: '   description UPLINK1', oldNo: 21, newNo: 21 });
    assert.deepEqual(h2.lines[3], { kind: 'del', text: '   description bajs', oldNo: 26 });
    assert.deepEqual(h2.lines[4], { kind: 'add', text: '   description UPLINK2', newNo: 26 });
    // The seed's last line has no trailing newline and is still a line.
    assert.deepEqual(h2.lines[7], { kind: 'context', text: '!', oldNo: 29, newNo: 29 });
  });

  it('rebuilds before/after so that line numbers match the hunk headers', () => {
    const r = reconstruct(SEED_DIFF);
    const before = r.before.split('\n');
    const after = r.after.split('\n');
    assert.equal(before.pop(), '', 'ends with a newline');
    assert.equal(after.pop(), '');
    assert.equal(before.length, 29);
    assert.equal(after.length, 29);
    assert.equal(before[18 - 1], OLD_USER);
    assert.equal(after[18 - 1], NEW_USER);
    assert.equal(before[26 - 1], '   description bajs');
    assert.equal(after[26 - 1], '   description UPLINK2');
    assert.equal(before[16 - 1], ' no aaa root'.slice(1));
    assert.equal(after[23 - 1], '   ip address 22.0.0.100/24');
    // Lines 1–14 and 22 are not in the diff: a marker, then empty lines, the same on both sides.
    assert.deepEqual(r.gaps, [
      { oldLine: 1, newLine: 1, count: 14 },
      { oldLine: 22, newLine: 22, count: 1 },
    ]);
    assert.equal(before[0], GAP_MARKER);
    assert.deepEqual(before.slice(1, 14), new Array(13).fill(''));
    assert.equal(before[21], GAP_MARKER);
    assert.deepEqual(before.slice(0, 14), after.slice(0, 14));
  });

  it('gives documents whose own diff is exactly the seed change (checked with jsdiff)', () => {
    const r = reconstruct(SEED_DIFF);
    const patch = structuredPatch('before', 'after', r.before, r.after, '', '', { context: 0 });
    const changed = patch.hunks.map((h) => [h.oldStart, h.newStart, h.lines]);
    assert.deepEqual(changed, [
      [18, 18, [`-${OLD_USER}`, `+${NEW_USER}`]],
      [26, 26, ['-   description bajs', '+   description UPLINK2']],
    ]);
  });
});

describe('diffHunks: edge cases', () => {
  it('reads headers without counts, CRLF, file headers and "no newline" markers', () => {
    const p = parseHunks('--- a/x\r\n+++ b/x\r\n@@ -3 +3 @@ section\r\n-a\r\n+b\r\n\\ No newline at end of file\r\n');
    assert.deepEqual(p.warnings, []);
    assert.equal(p.hunks.length, 1);
    const h = p.hunks[0];
    assert.deepEqual([h.oldStart, h.oldLines, h.newStart, h.newLines, h.section], [3, 1, 3, 1, 'section']);
    assert.deepEqual(h.lines, [
      { kind: 'del', text: 'a', oldNo: 3 },
      { kind: 'add', text: 'b', newNo: 3, noNewline: true },
    ]);
    const r = reconstruct(p);
    assert.equal(r.before, `${GAP_MARKER}\n\na\n`);
    assert.equal(r.after, `${GAP_MARKER}\n\nb`);
  });

  it('places a pure insertion after the line its header names', () => {
    const r = reconstruct('@@ -0,0 +1,2 @@\n+one\n+two\n');
    assert.equal(r.before, '');
    assert.equal(r.after, 'one\ntwo\n');
    const mid = reconstruct('@@ -2,0 +3,1 @@\n+new\n');
    assert.deepEqual(mid.after.split('\n').slice(0, 3), [GAP_MARKER, '', 'new']);
    assert.equal(mid.before, `${GAP_MARKER}\n\n`);
  });

  it('reads an empty context line whose space was stripped, and warns about wrong counts', () => {
    const p = parseHunks('@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n');
    assert.deepEqual(p.hunks[0].lines[1], { kind: 'context', text: '', oldNo: 2, newNo: 2 });
    assert.deepEqual(p.warnings, []);
    const short = parseHunks('@@ -1,5 +1,5 @@\n a\n');
    assert.match(short.warnings.join(), /fewer lines/);
    const long = parseHunks('@@ -1,1 +1,1 @@\n a\n b\n');
    assert.match(long.warnings.join(), /more lines/);
    assert.equal(long.hunks[0].lines.length, 2);
  });

  it('says when text is not a diff at all', () => {
    const p = parseHunks('hostname eosaccess\n! comment');
    assert.equal(p.hunks.length, 0);
    assert.match(p.warnings.join(), /no hunk header/);
    assert.deepEqual(parseHunks('').warnings, []);
  });
});

describe('diffHunks: round trip against jsdiff (property)', () => {
  it('every line inside a hunk lands at its real line number on both sides', () => {
    const line = fc.constantFrom('a', 'b', 'c', 'interface X', ' description Y', '', '!');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.array(line, { maxLength: 40 }), (oldLines, newLines) => {
        const oldText = oldLines.map((l) => `${l}\n`).join('');
        const newText = newLines.map((l) => `${l}\n`).join('');
        // As a server sends it: jsdiff's unified text from the first hunk on, no file headers.
        const patch = createTwoFilesPatch('a', 'b', oldText, newText, '', '', { context: 2 });
        const at = patch.indexOf('@@');
        const body = at < 0 ? '' : patch.slice(at);
        const parsed = parseHunks(body);
        assert.deepEqual(parsed.warnings, []);
        const r = reconstruct(parsed);
        const before = r.before.split('\n');
        const after = r.after.split('\n');
        for (const h of parsed.hunks) {
          for (const l of h.lines) {
            if (l.oldNo !== undefined) assert.equal(before[l.oldNo - 1], oldLines[l.oldNo - 1]);
            if (l.newNo !== undefined) assert.equal(after[l.newNo - 1], newLines[l.newNo - 1]);
          }
        }
        // The server's own patch applies to the rebuilt "before" and gives the rebuilt "after".
        assert.equal(applyPatch(r.before, patch), r.after);
      }),
      { numRuns: 300 },
    );
  });
});

describe('diffHunks: diffStat counts what parseHunks counts', () => {
  const counts = (text: string) => {
    const p = parseHunks(text);
    return { added: p.added, removed: p.removed };
  };

  it('on the seed diff, CRLF, file headers, stray "@@" lines and text that is no diff', () => {
    for (const text of [
      SEED_DIFF,
      SEED_DIFF.replace(/\n/g, '\r\n'),
      '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\n+b\n c\n',
      '+not yet in a hunk\n-nor this\n@@ -1 +1 @@\n-x\n+y\n',
      '@@ -1,2 +1,2 @@\n@@ not a header\n-a\n+b\n\\ No newline at end of file\n',
      '@@ broken @@\n+a\n-b\n',
      'hostname eosaccess\n! comment',
      '',
      '@@ -1,1 +1,1 @@ section\r\n+a\r\n',
    ]) {
      assert.deepEqual(diffStat(text), counts(text), JSON.stringify(text.slice(0, 60)));
    }
  });

  it('on any mix of headers, +/- lines, context and noise (property)', () => {
    const line = fc.constantFrom(
      '@@ -1,3 +1,3 @@',
      '@@ -7 +7 @@ fn',
      '@@ x',
      '+add',
      '-del',
      ' ctx',
      '',
      '\\ No newline at end of file',
      '+++ b/f',
      '--- a/f',
      'noise',
      '@',
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 60 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (lines, eol, trailing) => {
          const text = lines.join(eol) + (trailing ? eol : '');
          assert.deepEqual(diffStat(text), counts(text));
        },
      ),
      { numRuns: 500 },
    );
  });
});
