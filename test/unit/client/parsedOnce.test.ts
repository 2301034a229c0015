// parsedOnce remembers a parse per frozen wire object only: anything else (a mutable object,
// null, a primitive) is parsed on each call. And connect names a kind it does not know.
import * as assert from 'node:assert/strict';
import { parsedOnce } from '../../../src/client/parsedOnce';
import { connect } from '../../../src/client/registry';
import type { ConnectionConfig } from '../../../src/client/config';

describe('parsedOnce', () => {
  const counting = () => {
    const calls: unknown[][] = [];
    const parse = parsedOnce((raw: unknown, field: string) => {
      calls.push([raw, field]);
      return { raw, field };
    });
    return { parse, calls };
  };

  it('a frozen object: parsed once, the same result after', () => {
    const { parse, calls } = counting();
    const wire = Object.freeze({ id: 1 });
    const first = parse(wire, 'jobs[0]');
    assert.equal(parse(wire, 'jobs[0]'), first);
    assert.deepEqual(first, { raw: wire, field: 'jobs[0]' });
    assert.equal(calls.length, 1);
  });

  it('a mutable object, null and primitives: parsed on every call', () => {
    const { parse, calls } = counting();
    for (const raw of [{ id: 1 }, null, 'text', 7, undefined]) {
      const a = parse(raw, 'x');
      const b = parse(raw, 'x');
      assert.notEqual(a, b, String(raw));
    }
    assert.equal(calls.length, 10);
  });
});

describe('connect', () => {
  it('refuses a kind it does not know, naming it', () => {
    assert.throws(
      () =>
        connect({ name: 'x', kind: 'gitlab', url: 'http://127.0.0.1:1' } as unknown as ConnectionConfig, {
          token: async () => undefined,
        }),
      { message: 'unknown connection kind "gitlab"' },
    );
  });
});
