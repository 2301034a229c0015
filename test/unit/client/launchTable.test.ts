// The field-table machinery on a small table of its own: each rule of checkField, and
// buildLaunchSpec / launchValues putting values where `to` says (nested paths, blocks, numeric
// ids, required values, exactly-one groups), with the exact sentences they refuse with.
import * as assert from 'node:assert/strict';
import {
  buildLaunchSpec,
  checkField,
  commonFields,
  launchValues,
  readCron,
  type FieldDef,
  type LaunchTable,
} from '../../../src/client/launch/fields';
import type { LaunchSpec } from '../../../src/client/model';

const field = (def: Partial<FieldDef> & Pick<FieldDef, 'key' | 'type'>): FieldDef => ({
  label: def.key,
  doc: '',
  ...def,
});

const table: LaunchTable = {
  kind: 'stack-jobs',
  snippet: [],
  fields: [
    field({ key: 'schedule', type: 'choice', label: 'Schedule', to: 'scheduleId', numericId: true, required: true }),
    field({ key: 'tags', type: 'stringList', to: 'options.tags' }),
    field({ key: 'nodes', type: 'stringList', to: 'scope.nodes', required: true }),
    field({ key: 'local', type: 'string' }),
    field({
      key: 'when',
      type: 'block',
      fields: [
        field({ key: 'min', type: 'cron', to: 'schedule.min' }),
        field({ key: 'hour', type: 'cron', to: 'schedule.hour' }),
      ],
    }),
  ],
  groups: [
    { keys: ['a', 'b'], exactlyOne: true },
    { keys: ['c'], exactlyOne: false },
  ],
};

describe('launch field tables', () => {
  it('integers: at least min, at most max, the bounds allowed; no bound, no check; not a number, no check', () => {
    const n = field({ key: 'n', type: 'integer', min: 2, max: 4 });
    assert.deepEqual(
      [1, 2, 4, 5].map((v) => checkField(n, v)),
      ['must be at least 2', undefined, undefined, 'must be at most 4'],
    );
    assert.equal(checkField(n, '1'), undefined);
    assert.equal(checkField(field({ key: 'n', type: 'integer' }), -1e9), undefined);
  });

  it('texts and lists only when they are texts and lists; booleans and times have no rule here', () => {
    const s = field({ key: 's', type: 'string', maxLength: 3 });
    assert.equal(checkField(s, 'abcd'), 'is longer than 3 characters');
    assert.equal(checkField(s, 5), undefined);
    assert.equal(checkField(field({ key: 'c', type: 'choice' }), ' '), 'is empty');
    const list = field({ key: 'l', type: 'choiceList', items: 'tag', nonEmpty: true });
    assert.equal(checkField(list, []), 'needs at least one tag');
    assert.equal(checkField(list, 'x y'), undefined);
    assert.equal(
      checkField(field({ key: 'a', type: 'array', items: 'task' }), [3]),
      'task 1 must be an object (or a command string)',
    );
    assert.equal(
      checkField(field({ key: 'l', type: 'stringList' }), [' ']),
      'an item is empty or has control characters',
    );
    assert.equal(checkField(field({ key: 'b', type: 'boolean' }), 'x'), undefined);
    assert.equal(checkField(field({ key: 't', type: 'time' }), 'x'), undefined);
  });

  it('cron: 0–59 and the label in lower case unless the field says otherwise; any value as text', () => {
    const minute = field({ key: 'min', type: 'cron', label: 'Minute' });
    assert.equal(checkField(minute, 60), 'the minute must be between 0 and 59');
    assert.equal(checkField(minute, 0), undefined);
    assert.deepEqual(readCron(field({ key: 'd', type: 'cron', label: 'Day', min: 1, max: 31 }), '0'), {
      ok: false,
      error: 'the day must be between 1 and 31',
    });
  });

  it('blocks: their own check on an object, nothing otherwise', () => {
    const block = field({ key: 'b', type: 'block', check: (v) => (v.x ? 'x is set' : undefined) });
    assert.equal(checkField(block, { x: 1 }), 'x is set');
    assert.equal(checkField(block, {}), undefined);
    assert.equal(checkField(block, null), undefined);
    assert.equal(checkField(block, 'x'), undefined);
    assert.equal(checkField(field({ key: 'b', type: 'block' }), { x: 1 }), undefined);
  });

  it('the common fields: connection and label', () => {
    assert.deepEqual(
      commonFields().map((f) => [f.key, f.type, f.label]),
      [
        ['connection', 'string', 'Connection'],
        ['label', 'string', 'Label'],
      ],
    );
  });

  it('builds a spec: nested paths, block fields, numeric ids; empty values and unplaced fields left out', () => {
    const spec = buildLaunchSpec(table, {
      schedule: '12',
      tags: [],
      nodes: ['a'],
      local: 'kept out',
      when: { min: '5', hour: '' },
      a: 1,
    });
    assert.deepEqual(spec, { kind: 'stack-jobs', scheduleId: 12, scope: { nodes: ['a'] }, schedule: { min: '5' } });
    const tags = buildLaunchSpec(table, { schedule: 1, tags: ['t'], nodes: ['a'], b: '' }) as unknown as {
      options: unknown;
    };
    assert.deepEqual(tags.options, { tags: ['t'] });
  });

  it('refuses a missing required value and a group with none given', () => {
    assert.throws(() => buildLaunchSpec(table, { nodes: ['a'], a: 1 }), { message: 'the schedule is required' });
    assert.throws(() => buildLaunchSpec(table, { schedule: '', nodes: ['a'], a: 1 }), {
      message: 'the schedule is required',
    });
    // An empty list of a required field is passed on as it is: the field's own check refuses it.
    assert.deepEqual(
      (buildLaunchSpec(table, { schedule: '1', nodes: [], a: 1 }) as unknown as { scope: unknown }).scope,
      { nodes: [] },
    );
    assert.throws(() => buildLaunchSpec(table, { schedule: '1', nodes: ['a'] }), {
      message: 'one of a, b is required',
    });
  });

  it('a numeric id must be a positive safe whole number', () => {
    for (const id of ['0', '1.5', 'x', '9007199254740993', '-3'])
      assert.throws(() => buildLaunchSpec(table, { schedule: id, nodes: ['a'], a: 1 }), {
        message: `the schedule id “${id}” is not a number`,
      });
  });

  it('reads values back from a spec: ids as text, a block only when one of its fields is there', () => {
    const spec = {
      kind: 'stack-jobs',
      scheduleId: 7,
      scope: { nodes: ['a'] },
      options: 'not an object',
    } as unknown as LaunchSpec;
    assert.deepEqual(launchValues(table, spec), { schedule: '7', nodes: ['a'] });
    const withBlock = { kind: 'stack-jobs', scheduleId: 7, schedule: { hour: '2' } } as unknown as LaunchSpec;
    assert.deepEqual(launchValues(table, withBlock), { schedule: '7', when: { hour: '2' } });
  });
});
