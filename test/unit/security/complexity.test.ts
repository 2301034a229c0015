// Server text (job names, node output, error bodies, diffs) must never make Jobdeck spin: the
// functions that read it with regular expressions or scans are timed on the same hostile
// shape at 1 MB and 4 MB; 4× the input may cost under 8× the time (quadratic work is 16×).
// The shapes are the ones backtracking regexes choke on: long runs of what a pattern accepts,
// ended by what it does not. Each was audited (SECURITY.md lists them); htmlTitle and the
// spec-file parser have theirs beside their own tests. inert, markdownText and redact build a
// new string with a replacement every few characters: past the CPU cache the garbage
// collector makes such work look 10× dearer at 4× the size, so they are timed at 256 KB and
// 1 MB, under the cache (they only ever see texts clipped to a line).
import { lastLines } from '../../../src/webview/viewModel';
import { oneLine } from '../../../src/shared/format';
import { inert, markdownText } from '../../../src/shared/inertText';
import { clip, redact } from '../../../src/client/errors';
import { parseTime } from '../../../src/client/parse';
import { diffStat, parseHunks } from '../../../src/shared/diffHunks';
import { jsonDepthExceeds, looksLikeHtml } from '../../../src/client/http';
import { connectionUrlProblem } from '../../../src/client/requestUrl';
import { assertNearLinear } from '../support/complexity';

const repeat =
  (unit: string, tail = '') =>
  (n: number) =>
    unit.repeat(Math.ceil(n / unit.length)) + tail;
const SMALL = 256 * 1024;

describe('security: text functions run in near-linear time on hostile input (1 MB vs 4 MB)', function () {
  this.timeout(120_000);

  it('webview lastLines: blanks that do not end the text, a traceback of blank lines', () => {
    // /\s+$/ took 4 s on 80 k spaces followed by a letter.
    assertNearLinear('lastLines(spaces then x)', repeat(' ', 'x'), (t) => lastLines(t, 20));
    assertNearLinear('lastLines(space-newline runs)', repeat(' \n \t', 'x'), (t) => lastLines(t, 20));
    assertNearLinear('lastLines(all blank)', repeat(' '), (t) => lastLines(t, 20));
  });

  it('tree and notification text: oneLine, clip, inert, markdownText, redact', () => {
    for (const [what, make] of [
      ['escape sequences without an end', repeat('\u001b[1;2;3;4;5')],
      ['one escape and a long parameter run', (n: number) => `\u001b[${'1;'.repeat(n / 2)}`],
      ['controls', repeat('\u0000\u001f\u202e')],
      ['links and icons', repeat('[a](command:x)$(y)')],
      ['brackets', repeat(']]]]((((')],
    ] as const) {
      assertNearLinear(`oneLine(${what})`, make, (t) => oneLine(t, 200));
      assertNearLinear(`clip(${what})`, make, (t) => clip(t, 300));
      assertNearLinear(`inert(${what})`, make, inert, SMALL);
      assertNearLinear(`markdownText(${what})`, make, markdownText, SMALL);
      assertNearLinear(`redact(${what})`, make, (t) => redact(t, ['s3cr3t-token', 'we!rd t*ken+']), SMALL);
    }
  });

  it('client parsing: times, HTML sniffing, JSON depth, diffs, connection URLs', () => {
    assertNearLinear('parseTime(long fraction)', (n) => `2024-01-01T00:00:00.${'1'.repeat(n)}x`, parseTime);
    assertNearLinear('parseTime(blanks)', (n) => `${' '.repeat(n)}2024-01-01 ${' '.repeat(n)}`, parseTime);
    assertNearLinear('looksLikeHtml(blanks)', repeat(' ', 'x'), (t) => looksLikeHtml('text/plain', t));
    assertNearLinear(
      'jsonDepthExceeds(backslashes in a string)',
      (n) => `"${'\\'.repeat(n)}`,
      (t) => jsonDepthExceeds(t, 512),
    );
    assertNearLinear('parseHunks(header-like lines)', repeat('@@ -1,2 +3,4 @@ x\n+a\n-b\n'), parseHunks, 1 << 20, 2);
    assertNearLinear('parseHunks(almost headers)', repeat('@@ -1111111111,'), parseHunks);
    assertNearLinear('diffStat', repeat('+++ a\n--- b\n+x\n-y\n'), diffStat);
    assertNearLinear('connectionUrlProblem(slashes)', (n) => `https://h/${'a/'.repeat(n / 2)}`, connectionUrlProblem);
    assertNearLinear('connectionUrlProblem(at signs)', (n) => `https://${'@'.repeat(n)}`, connectionUrlProblem);
  });
});
