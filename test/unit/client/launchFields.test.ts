// The one rule per launch field (checkField), as the spec-file language and the wizard apply
// it to the dialects' real field tables, and the text rules under it.
import * as assert from 'node:assert/strict';
import { checkField, type FieldDef, type LaunchTable } from '../../../src/client/launch/fields';
import { checkItems, checkText, parseText } from '../../../src/client/launch/rules';
import { DIALECTS } from '../../../src/client/registry';
import type { LaunchSpec } from '../../../src/client/model';

const tableOf = (kind: LaunchSpec['kind']): LaunchTable => (DIALECTS[kind].launch as () => LaunchTable)();
const field = (kind: LaunchSpec['kind'], key: string): FieldDef => {
  const f = tableOf(kind).fields.find((x) => x.key === key);
  assert.ok(f, `${kind} has a field ${key}`);
  return f;
};

describe('launch field rules (checkField on the real tables)', () => {
  it('text fields: empty, too long for the field, or with control characters', () => {
    const name = field('beacon', 'name');
    assert.equal(checkField(name, 'nightly'), undefined);
    assert.equal(checkField(name, 'x'.repeat(200)), undefined);
    assert.equal(checkField(name, 'x'.repeat(201)), 'is longer than 200 characters');
    assert.equal(checkField(name, '   '), 'is empty');
    assert.equal(checkField(name, 'a\u0007b'), 'cannot contain control characters');
    assert.equal(checkField(name, 'a\u007fb'), 'cannot contain control characters');
    assert.equal(checkField(name, 42), undefined, 'another type is the type check’s to report');
    // A choice without its own bound: 2,000.
    const pkg = field('cdrouter', 'package');
    assert.equal(checkField(pkg, 'p'.repeat(2000)), undefined);
    assert.equal(checkField(pkg, 'p'.repeat(2001)), 'is longer than 2000 characters');
  });

  it('list fields: each item by its rule; a list that must have one when given', () => {
    const packages = field('cdrouter', 'packages');
    assert.equal(checkField(packages, ['dns', 'nat']), undefined);
    assert.equal(checkField(packages, []), 'needs at least one item');
    assert.equal(checkField(packages, ['dns', ' ']), 'an item is empty or has control characters');
    assert.equal(checkField(packages, ['dns', 'a\nb']), 'an item is empty or has control characters');
    assert.equal(checkField(packages, ['dns', 3]), 'an item is empty or has control characters');
    assert.equal(checkField(packages, 'dns'), undefined, 'not a list: the type check’s to report');
    const tags = field('cdrouter', 'tags');
    assert.equal(checkField(tags, []), undefined, 'tags may be none');
    assert.match(checkField(tags, ['ok', 'not ok']) ?? '', /"not ok" is not a tag/);
    const tasks = field('beacon', 'tasks');
    assert.equal(checkField(tasks, [{ command: 'ping' }, 'reboot']), undefined);
    assert.equal(checkField(tasks, []), 'needs at least one task');
    assert.equal(checkField(tasks, ['ok', null]), 'task 2 must be an object (or a command string)');
  });

  it('integers within the field’s bounds', () => {
    const concurrency = field('puppet-orchestrator', 'concurrency');
    assert.equal(checkField(concurrency, 1), undefined);
    assert.equal(checkField(concurrency, 100_000), undefined);
    assert.equal(checkField(concurrency, 0), 'must be at least 1');
    assert.equal(checkField(concurrency, 100_001), 'must be at most 100000');
    assert.equal(checkField(concurrency, '5'), undefined, 'not a number: the type check’s to report');
    assert.equal(checkField({ ...concurrency, min: undefined, max: undefined }, -5), undefined);
  });

  it('a block by its own rule (a schedule ends after it starts); cron fields by their range; booleans have none', () => {
    const schedule = field('beacon', 'schedule');
    assert.equal(checkField(schedule, { start: 2000, end: 1000 }), 'the end date must be after the start date');
    assert.equal(checkField(schedule, { start: 1000, end: 2000 }), undefined);
    assert.equal(checkField(schedule, null), undefined);
    assert.equal(checkField(schedule, 'x'), undefined);
    assert.equal(checkField({ ...schedule, check: undefined }, { start: 2, end: 1 }), undefined);
    const hour = schedule.fields!.find((f) => f.key === 'hour')!;
    assert.match(checkField(hour, 24) ?? '', /between 0 and 23/);
    assert.equal(checkField(hour, '*/2'), undefined);
    assert.equal(checkField(field('beacon', 'queue'), 'yes'), undefined);
  });

  it('checkItems and checkText: the defaults are the text rule and 2,000 characters', () => {
    assert.equal(checkItems(['a', '']), 'an item is empty or has control characters');
    assert.equal(checkItems([]), undefined);
    assert.equal(checkItems([], 'certname', true), 'needs at least one node');
    assert.equal(checkText('t'.repeat(2000)), undefined);
    assert.equal(checkText('t'.repeat(2001)), 'is longer than 2000 characters');
    assert.equal(checkText('\t'), 'is empty');
    assert.equal(checkText('a\tb'), 'cannot contain control characters');
  });

  it('parseText: trimmed, required or not, and the problem named after the field', () => {
    assert.deepEqual(parseText('  hi  ', 'name'), { ok: true, value: 'hi' });
    assert.deepEqual(parseText('  ', 'name'), { ok: true, value: '' });
    assert.deepEqual(parseText('  ', 'name', { required: true }), { ok: false, error: 'enter a name' });
    assert.deepEqual(parseText('abcd', 'name', { maxLength: 3 }), {
      ok: false,
      error: 'the name is longer than 3 characters',
    });
    assert.deepEqual(parseText('a\u0001b', 'comment'), {
      ok: false,
      error: 'the comment cannot contain control characters',
    });
  });

  it('CDRouter packages: one bulk launch, with the same tags on each job', () => {
    const bulk = tableOf('cdrouter').bulk!;
    assert.equal(bulk({ package: 'dns' }), undefined);
    assert.deepEqual(bulk({ packages: ['dns', 'nat'] }), {
      by: 'packages',
      jobs: [{ packageId: 'dns' }, { packageId: 'nat' }],
    });
    assert.deepEqual(bulk({ packages: ['dns'], tags: ['a', 'b'] }), {
      by: 'packages',
      jobs: [{ packageId: 'dns', tags: ['a', 'b'] }],
    });
  });
});
