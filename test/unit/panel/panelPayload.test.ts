import * as assert from 'node:assert/strict';
import type { JobState, JobTarget } from '../../../src/client/model';
import { diffStat } from '../../../src/shared/diffHunks';
import {
  bulk,
  FIRST_SCREEN_BUDGET,
  firstScreen,
  pageTargets,
  partialTarget,
  SPLIT_ABOVE,
  valueSize,
  wholeTarget,
} from '../../../src/views/panel/panelPayload';
import { MESSAGE_PREVIEW, PAGE } from '../../../src/shared/protocol';
import { orderRows, stateChips } from '../../../src/shared/rows';

function node(i: number, state: JobState, extra: Partial<JobTarget> = {}): JobTarget {
  return {
    id: `n${i}`,
    name: `node-${i}`,
    kind: 'node',
    state,
    rawState: state === 'failed' ? 'failed' : state === 'running' ? 'running' : 'finished',
    startedAt: 1000 + i,
    ...extra,
  };
}

const DIFF = '@@ -1,2 +1,2 @@\n-a\n+b\n c\n';

describe('panel payload: what of a target travels with the rows', () => {
  it('keeps a small job whole, in server order', () => {
    const targets = [
      node(1, 'succeeded', { message: 'ok', result: { a: 1 } }),
      node(2, 'failed', { message: 'bad', resultText: 'trace', diff: DIFF }),
    ];
    const out = pageTargets(targets);
    assert.deepEqual(out, targets.map(wholeTarget));
    assert.deepEqual(out[1], {
      id: 'n2',
      name: 'node-2',
      kind: 'node',
      state: 'failed',
      rawState: 'failed',
      startedAt: 1002,
      message: 'bad',
      resultText: 'trace',
      diff: DIFF,
    });
    assert.ok(out.every((t) => !t.partial));
  });

  it('spends the budget on the rows shown first (failed, then running…) and sends the rest partial', () => {
    const big = 'x'.repeat(400);
    // Server order: two finished, one running, one failed; each with 400 characters of output.
    const targets = [
      node(1, 'succeeded', { resultText: big }),
      node(2, 'succeeded', { resultText: big }),
      node(3, 'running', { resultText: big }),
      node(4, 'failed', { resultText: big }),
    ];
    const out = pageTargets(targets, 900);
    assert.deepEqual(
      out.map((t) => [t.id, Boolean(t.partial)]),
      [
        ['n1', true],
        ['n2', true],
        ['n3', false],
        ['n4', false],
      ],
    );
    assert.equal(out[1].resultText, undefined);
    assert.equal(out[3].resultText, big);
    // What is left after the failed and running ones still goes to a row that fits.
    assert.equal(pageTargets(targets, 1200)[0].partial, undefined);
  });

  it('a partial target keeps its row: the start of its message, its counts of +/−, partial steps', () => {
    const message = `first line\n${'y'.repeat(5000)}`;
    const t = node(7, 'failed', {
      message,
      reportUrl: 'https://puppet.example/r/7',
      durationMs: 5,
      result: { huge: 'z'.repeat(100) },
      children: [
        {
          id: 's',
          name: 'Sync',
          kind: 'step',
          state: 'failed',
          rawState: 'failed',
          message: 'step failed',
          diff: DIFF,
          resultText: 'out',
        },
      ],
    });
    const p = partialTarget(t);
    assert.equal(p.partial, true);
    assert.equal(p.message, message.slice(0, MESSAGE_PREVIEW));
    assert.equal(p.reportUrl, 'https://puppet.example/r/7');
    assert.equal(p.durationMs, 5);
    assert.equal('result' in p, false);
    const step = p.children?.[0];
    assert.deepEqual(step, {
      id: 's',
      name: 'Sync',
      kind: 'step',
      state: 'failed',
      rawState: 'failed',
      partial: true,
      message: 'step failed',
      diffStat: diffStat(DIFF),
    });
    // Asked for, the whole target comes with everything.
    assert.deepEqual(wholeTarget(t), t);
  });

  it('leaves out whatever else an adapter hangs on a target', () => {
    const t = { ...node(1, 'succeeded'), secret: 'raw payload' } as JobTarget;
    assert.equal('secret' in wholeTarget(t), false);
    assert.equal('secret' in partialTarget(t), false);
  });

  it('counts bulk without walking past the limit', () => {
    assert.equal(bulk(node(1, 'succeeded', { message: 'short' }), 1e9), 0, 'a message a row shows in full is not bulk');
    assert.equal(bulk(node(1, 'succeeded', { message: 'm'.repeat(MESSAGE_PREVIEW + 1) }), 1e9), MESSAGE_PREVIEW + 1);
    assert.equal(
      bulk(node(1, 'succeeded', { diff: DIFF, children: [node(2, 'succeeded', { resultText: 'abc' })] }), 1e9),
      DIFF.length + 3,
    );
    let visited = 0;
    const wide = Array.from({ length: 1000 }, () => ({
      get v() {
        visited++;
        return 'x'.repeat(100);
      },
    }));
    assert.ok(valueSize(wide, 5000) > 5000);
    assert.ok(visited < 100, `stops soon after the limit (${visited} of 1000 entries read)`);
    assert.ok(valueSize({ a: 'x'.repeat(50) }, 1e9) >= 50);
  });
});

describe('panel payload: a big job’s first screenful', () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) => node(i, i % 7 === 3 ? 'failed' : i % 11 === 5 ? 'running' : 'succeeded'));
  it('sends small jobs in one message', () => {
    assert.equal(firstScreen(many(SPLIT_ABOVE)), undefined);
  });

  it('is the first page of the default order, with the counts of all rows', () => {
    const targets = many(5000);
    const first = firstScreen(targets);
    assert.ok(first);
    const expected = orderRows(targets, [], undefined)
      .slice(0, PAGE)
      .map((i) => targets[i].id);
    assert.deepEqual(
      first.targets.map((t) => t.id),
      expected,
    );
    assert.equal(first.pending.total, 5000);
    assert.equal(first.pending.failed, targets.filter((t) => t.state === 'failed').length);
    assert.deepEqual(
      first.pending.chips,
      stateChips(targets).map((c) => ({ rawState: c.rawState, state: c.state, count: c.count })),
    );
  });

  it('stays small: bulk beyond a small budget waits for the message with all the rows', () => {
    const targets = many(1000).map((t) => ({ ...t, resultText: 'r'.repeat(2000) }));
    const first = firstScreen(targets);
    assert.ok(first);
    const whole = first.targets.filter((t) => !t.partial).length;
    assert.equal(whole, Math.floor(FIRST_SCREEN_BUDGET / 2000));
    // Those whole in the first screenful are whole in the full list too.
    const all = pageTargets(targets);
    for (const t of first.targets.filter((x) => !x.partial))
      assert.equal(all.find((x) => x.id === t.id)?.partial, undefined);
  });
});
