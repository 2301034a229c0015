// Only an argument Jobdeck's own code marked skips a write's question: what a `command:` link
// can carry (JSON: objects, arrays, strings, numbers, `confirm: true`) never does.
import * as assert from 'node:assert/strict';
import { confirmedArg, preConfirmed } from '../../../src/commands/confirmedArgs';

describe('confirmed arguments', () => {
  it('skips the question only for the very object Jobdeck marked', () => {
    const arg = { connection: 'lab', jobId: '7' };
    assert.equal(preConfirmed(arg), false, 'unmarked');
    assert.equal(confirmedArg(arg), arg, 'marking hands back the same object');
    assert.equal(preConfirmed(arg), true, 'marked');
    assert.equal(preConfirmed({ ...arg }), false, 'a copy is not marked');
    assert.equal(preConfirmed(JSON.parse(JSON.stringify(arg))), false, 'nor the same thing through JSON');
  });

  it('never for what a command: link can carry', () => {
    const link =
      'command:jobdeck.deleteJob?' +
      encodeURIComponent(JSON.stringify([{ connection: 'lab', jobId: '7', confirm: true }]));
    const [fromLink] = JSON.parse(decodeURIComponent(link.slice(link.indexOf('?') + 1))) as unknown[];
    for (const arg of [fromLink, { confirm: true }, [{ confirm: true }], 'confirm', true, 1, null, undefined])
      assert.equal(preConfirmed(arg), false, JSON.stringify(arg) ?? String(arg));
  });
});
