// What the client tests share: the API documents' payloads (test/fixtures/<dialect>/), a
// rejection that must be a JobdeckError with no secret in it, and a check of every request.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { JobdeckError } from '../../src/client/errors';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

/** A dialect's fixtures by file name, parsed. */
export function fixtures(dialect: string): (name: string) => any {
  return (name) => JSON.parse(readFileSync(path.join(FIXTURES, dialect, name), 'utf8'));
}

/** Awaits a promise that must reject with a JobdeckError whose message (and stack) keep `secret` out. */
export async function rejectsWithout(
  secret: string,
  p: Promise<unknown>,
  o: { stack?: boolean } = {},
): Promise<JobdeckError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof JobdeckError, `expected JobdeckError, got ${String(e)}`);
    assert.ok(!e.message.includes(secret), 'the secret leaked into the message');
    if (o.stack) assert.ok(!String(e.stack).includes(secret), 'the secret leaked into the stack');
    return e;
  }
  assert.fail('expected a rejection');
}

/** A refusal table: each call in turn must reject (through `rejects`) with exactly its message. */
export async function assertRefusals(
  rejects: (p: Promise<unknown>) => Promise<Error>,
  cases: ReadonlyArray<readonly [() => Promise<unknown>, string]>,
): Promise<void> {
  for (const [call, message] of cases) assert.equal((await rejects(call())).message, message);
}

/** The yes/no capabilities an adapter says it has, by name, sorted: one list to compare per dialect. */
export function capabilityNames(c: object): string[] {
  return Object.entries(c)
    .filter(([, v]) => v === true)
    .map(([k]) => k)
    .sort();
}

/** After each test that passed, every request the server recorded passes `check` (auth, paths). */
export function checkEveryRequest<R>(requests: () => readonly R[], check: (r: R) => void): void {
  afterEach(function () {
    if (this.currentTest?.state !== 'passed') return;
    for (const r of requests()) check(r);
  });
}
