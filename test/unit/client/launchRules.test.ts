// The launch value rules with their exact sentences and bounds: the wizard shows these words
// as its validation message and spec files as their problems, so each one is pinned here.
import * as assert from 'node:assert/strict';
import {
  checkCron,
  checkItems,
  checkScheduleWindow,
  checkText,
  formatDateTime,
  parseDateTime,
  parseItems,
  parseJsonArray,
  parseJsonItems,
  parseList,
  parseNumericId,
  parseText,
  parseWholeNumber,
  problemOf,
} from '../../../src/client/launch/rules';

const bad = (error: string) => ({ ok: false, error });
const ok = (value: unknown) => ({ ok: true, value });

describe('launch rules, word for word', () => {
  it('tags: letters, digits and _ . : + - only, the whole item', () => {
    assert.equal(checkItems(['a_b.c:d+e-f', 'X9'], 'tag'), undefined);
    for (const t of ['a b', 'x/y', ' a', 'a!', ''])
      assert.equal(
        checkItems(['ok', t], 'tag'),
        `"${t}" is not a tag: use letters, digits, _ . : + - and separate tags with commas`,
        t,
      );
    assert.equal(
      checkItems([5], 'tag'),
      '"5" is not a tag: use letters, digits, _ . : + - and separate tags with commas',
    );
  });

  it('node names: letters, digits and _ . : - only, the whole item', () => {
    assert.equal(checkItems(['web1.example.net', 'a_b:c-d'], 'certname'), undefined);
    for (const t of ['web 1', 'a+b', 'x/', '/x', ''])
      assert.equal(checkItems([t], 'certname'), `"${t}" is not a node name`, t);
    assert.equal(checkItems([7], 'certname'), '"7" is not a node name');
    assert.equal(checkItems([], 'certname', true), 'needs at least one node');
    assert.equal(checkItems([], 'certname'), undefined);
  });

  it('text items: not blank, no control characters, text only', () => {
    assert.equal(checkItems(['a b', 'é']), undefined);
    for (const t of [' ', 'a\u0000', 'a\u001f', 'a\u007f', 3])
      assert.equal(checkItems(['fine', t]), 'an item is empty or has control characters', JSON.stringify(t));
    assert.equal(checkItems([], 'text', true), 'needs at least one item');
  });

  it('tasks: an object or a command that is not blank; never a list or null', () => {
    assert.equal(checkItems([{}, 'reboot'], 'task'), undefined);
    assert.equal(checkItems(['x', ' '], 'task'), 'task 2 must be an object (or a command string)');
    assert.equal(checkItems([null], 'task'), 'task 1 must be an object (or a command string)');
    assert.equal(checkItems([[]], 'task'), 'task 1 must be an object (or a command string)');
    assert.equal(checkItems([1], 'task'), 'task 1 must be an object (or a command string)');
    assert.equal(checkItems([], 'task', true), 'needs at least one task');
    assert.equal(checkItems([], 'tag', true), 'needs at least one tag');
  });

  it('text: empty, longer than the limit (the limit itself is fine), control characters', () => {
    assert.equal(checkText('  '), 'is empty');
    assert.equal(checkText('x'.repeat(10), 10), undefined);
    assert.equal(checkText('x'.repeat(11), 10), 'is longer than 10 characters');
    assert.equal(checkText('x'.repeat(2000)), undefined);
    assert.equal(checkText('x'.repeat(2001)), 'is longer than 2000 characters');
    assert.equal(checkText('a\tb'), 'cannot contain control characters');
    assert.equal(checkText('a\u007fb'), 'cannot contain control characters');
  });

  it('lists: a space separates only when asked; tabs and CR too', () => {
    assert.deepEqual(parseList('a b;c\r\nd'), ['a b', 'c', 'd']);
    assert.deepEqual(parseList('a\tb  c;;d', true), ['a', 'b', 'c', 'd']);
    assert.deepEqual(parseList(''), []);
    assert.deepEqual(parseItems('a, b', 'tag'), ok(['a', 'b']));
    assert.deepEqual(parseItems('', 'certname', { atLeastOne: true }), bad('needs at least one node'));
  });

  it('whole numbers: the bounds included, the messages for optional and required', () => {
    assert.deepEqual(parseWholeNumber('1'), ok(1));
    assert.deepEqual(parseWholeNumber('100000'), ok(100_000));
    assert.deepEqual(parseWholeNumber('100001'), bad('enter a whole number from 1 to 100000, or leave it empty'));
    assert.deepEqual(parseWholeNumber('0'), bad('enter a whole number from 1 to 100000, or leave it empty'));
    assert.deepEqual(parseWholeNumber(' '), ok(undefined));
    assert.deepEqual(parseWholeNumber('', 2, 5, false), bad('enter a whole number from 2 to 5'));
    assert.deepEqual(parseWholeNumber('5', 2, 5, false), ok(5));
    assert.deepEqual(parseWholeNumber('6', 2, 5, false), bad('enter a whole number from 2 to 5'));
    assert.deepEqual(parseWholeNumber('1', 2, 5, false), bad('enter a whole number from 2 to 5'));
    assert.deepEqual(parseWholeNumber('x3', 2, 5), bad('enter a whole number from 2 to 5, or leave it empty'));
    assert.deepEqual(parseWholeNumber('3x', 2, 5), bad('enter a whole number from 2 to 5, or leave it empty'));
  });

  it('numeric ids: positive, whole, safe', () => {
    assert.deepEqual(parseNumericId(' 1 ', 'stack'), ok(1));
    assert.deepEqual(parseNumericId(String(Number.MAX_SAFE_INTEGER), 'stack'), ok(Number.MAX_SAFE_INTEGER));
    for (const t of ['0', '9007199254740993', '-1', '1.5', 'x1', '1x', ''])
      assert.deepEqual(parseNumericId(t, 'schedule'), bad('the schedule is a positive whole number (its id)'), t);
  });

  it('free text: required or empty, trimmed, its problem named after the field', () => {
    assert.deepEqual(parseText('  ', 'name', { required: true }), bad('enter a name'));
    assert.deepEqual(parseText('  ', 'name'), ok(''));
    assert.deepEqual(parseText(' abc ', 'name', { maxLength: 3 }), ok('abc'));
    assert.deepEqual(parseText('abcd', 'name', { maxLength: 3 }), bad('the name is longer than 3 characters'));
    assert.deepEqual(parseText('a\u0001b', 'comment'), bad('the comment cannot contain control characters'));
  });

  it('JSON arrays and the tasks: each message', () => {
    assert.deepEqual(parseJsonArray('[1]', 'results'), ok([1]));
    assert.deepEqual(parseJsonArray('{}', 'results'), bad('the results must be a JSON array [ … ]'));
    const notJson = parseJsonArray('[', 'results');
    assert.equal(notJson.ok, false);
    assert.match((notJson as { error: string }).error, /^not valid JSON: ./);
    assert.deepEqual(
      parseJsonItems('  ', 'task'),
      bad('enter the tasks as a JSON array, e.g. [{"command": "ping", "args": ["10.0.0.1"]}]'),
    );
    assert.deepEqual(parseJsonItems(' {"a":1} ', 'task'), bad('the tasks must be a JSON array [ … ]'));
    assert.deepEqual(parseJsonItems(' [{"a":1}] ', 'task'), ok([{ a: 1 }]));
  });

  it('problemOf: the error, or nothing', () => {
    const check = problemOf((t) => parseNumericId(t, 'stack'));
    assert.equal(check('5'), undefined);
    assert.equal(check('x'), 'the stack is a positive whole number (its id)');
  });

  it('cron: every message, the bounds included, blanks around commas only', () => {
    assert.deepEqual(checkCron(' 0 , 59 ', 0, 59, 'minute'), ok('0,59'));
    assert.deepEqual(checkCron('*', 0, 59, 'minute'), ok('*'));
    assert.deepEqual(checkCron('*/5', 0, 59, 'minute'), ok('*/5'));
    assert.deepEqual(checkCron('1-5/2', 0, 59, 'minute'), ok('1-5/2'));
    assert.deepEqual(checkCron('5-5', 0, 59, 'minute'), ok('5-5'));
    assert.deepEqual(checkCron(' ', 0, 59, 'minute'), bad('enter the minute (0–59), or * for every minute'));
    assert.deepEqual(
      checkCron('2 3', 0, 59, 'minute'),
      bad('"2 3" is not a minute: use *, 0–59, a range a-b, a step */n, or a comma list'),
    );
    for (const part of ['x1', '1x', '*-2', '1-', '/2', '1/x', '**'])
      assert.deepEqual(
        checkCron(part, 0, 59, 'minute'),
        bad(`"${part}" is not a minute: use *, 0–59, a range a-b, a step */n, or a comma list`),
        part,
      );
    assert.deepEqual(checkCron('0', 1, 31, 'day'), bad('the day must be between 1 and 31'));
    assert.deepEqual(checkCron('32', 1, 31, 'day'), bad('the day must be between 1 and 31'));
    assert.deepEqual(checkCron('1-32', 1, 31, 'day'), bad('the day must be between 1 and 31'));
    assert.deepEqual(checkCron('5-1', 1, 31, 'day'), bad('the range 5-1 runs backwards'));
    assert.deepEqual(checkCron('1,*/0', 1, 31, 'day'), bad('the step in */0 must be at least 1'));
    assert.deepEqual(checkCron('*/1', 1, 31, 'day'), ok('*/1'));
  });

  it('dates: each form, each impossible one, hours and minutes at their bounds', () => {
    assert.deepEqual(parseDateTime('2026-05-01 9:05'), ok(new Date(2026, 4, 1, 9, 5).getTime()));
    assert.deepEqual(parseDateTime(' 2026-05-01 23:59 '), ok(new Date(2026, 4, 1, 23, 59).getTime()));
    assert.deepEqual(parseDateTime('2026-05-01 24:00'), bad('2026-05-01 24:00 is not a date'));
    assert.deepEqual(parseDateTime('2026-05-01 12:60'), bad('2026-05-01 12:60 is not a date'));
    assert.deepEqual(parseDateTime('2026-13-01'), bad('2026-13-01 is not a date'));
    assert.deepEqual(parseDateTime('2026-00-10'), bad('2026-00-10 is not a date'));
    assert.deepEqual(parseDateTime('2026-04-31'), bad('2026-04-31 is not a date'));
    const form = bad('use YYYY-MM-DD or YYYY-MM-DD HH:MM (local time), or leave it empty');
    for (const t of ['x2026-05-01', '2026-05-01x', '2026-5-01', '2026-05-01 14', '2026-05-01_14:30'])
      assert.deepEqual(parseDateTime(t), form, t);
  });

  it('dates written back: zero-padded, none as empty', () => {
    assert.equal(formatDateTime(new Date(2026, 0, 2, 3, 4).getTime()), '2026-01-02 03:04');
    assert.equal(formatDateTime(new Date(2026, 11, 31, 23, 59).getTime()), '2026-12-31 23:59');
    assert.equal(formatDateTime(undefined), '');
  });

  it('a schedule window: the end after the start, either end open', () => {
    assert.equal(checkScheduleWindow(10, 9), 'the end date must be after the start date');
    assert.equal(checkScheduleWindow(10, 10), 'the end date must be after the start date');
    assert.equal(checkScheduleWindow(10, 11), undefined);
    assert.equal(checkScheduleWindow(10, undefined), undefined);
  });
});
