import * as assert from 'node:assert/strict';
import {
  checkScheduleWindow,
  formatDateTime,
  parseDateTime,
  parseItems,
  parseJsonItems,
  parseList,
  parseNumericId,
  parseTags,
  parseWholeNumber,
} from '../../../src/client/launch/rules';
import {
  buildLaunchSpec,
  checkField,
  launchValues,
  readCron,
  type FieldDef,
  type LaunchTable,
} from '../../../src/client/launch/fields';
import { parseCdrouterFilters, parseDays, parseResultsJson } from '../../../src/commands/inputs';
import { answers, applies, initialState, plan, reviewLines } from '../../../src/commands/launch/plan';
import { DIALECTS } from '../../../src/client/registry';
import type { LaunchSpec } from '../../../src/client/model';

const tableOf = (kind: LaunchSpec['kind']): LaunchTable => (DIALECTS[kind].launch as () => LaunchTable)();
const schedule = tableOf('beacon').fields.find((f) => f.key === 'schedule') as FieldDef;
/** One cron field of beacon's schedule, read by its rule (the wizard's and the spec files'). */
const parseScheduleField = (key: string, text: string) =>
  readCron(
    schedule.fields!.find((f) => f.key === key)!,
    text,
  );
const parseTasksJson = (text: string) => parseJsonItems(text, 'task');
const parseNodes = (text: string) => parseItems(text, 'certname', { spaces: true, atLeastOne: true });
const parseOptionalPositiveInt = (text: string) => parseWholeNumber(text, 1, 100_000, true);

function error<T>(r: { ok: true; value: T } | { ok: false; error: string }): string {
  assert.equal(r.ok, false, `expected an error, got ${JSON.stringify(r)}`);
  return (r as { error: string }).error;
}
function value<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  assert.equal(r.ok, true, `expected a value, got ${JSON.stringify(r)}`);
  return (r as { value: T }).value;
}

describe('launch wizard fields', () => {
  it('splits lists on commas, semicolons and new lines, trims and drops repeats', () => {
    assert.deepEqual(parseList(' a, b;c\n a ,, '), ['a', 'b', 'c']);
    assert.deepEqual(parseList('web1 web2,web3', true), ['web1', 'web2', 'web3']);
    assert.deepEqual(parseList('two words, x'), ['two words', 'x']);
  });

  it('parses tags and refuses what is not a tag', () => {
    assert.deepEqual(value(parseTags('nightly, dns ,v1.2:rc+1')), ['nightly', 'dns', 'v1.2:rc+1']);
    assert.deepEqual(value(parseTags('  ')), []);
    assert.match(error(parseTags('good, bad tag')), /"bad tag" is not a tag/);
  });

  it('validates beacon tasks JSON: an array of objects or command strings, with the position of the problem', () => {
    assert.deepEqual(value(parseTasksJson('[{"command":"ping","args":["10.0.0.1"]}, "reboot"]')), [
      { command: 'ping', args: ['10.0.0.1'] },
      'reboot',
    ]);
    assert.match(error(parseTasksJson('')), /JSON array/);
    assert.match(error(parseTasksJson('[{"command": "ping",]')), /not valid JSON/);
    assert.match(error(parseTasksJson('{"command":"ping"}')), /must be a JSON array/);
    assert.match(error(parseTasksJson('[]')), /at least one task/);
    assert.match(error(parseTasksJson('[{"a":1}, 3]')), /task 2 must be an object/);
    assert.match(error(parseTasksJson('[{"a":1}, [1]]')), /task 2/);
    assert.match(error(parseTasksJson('["  "]')), /task 1/);
  });

  it('validates schedule fields against their ranges', () => {
    assert.equal(value(parseScheduleField('min', '*/15')), '*/15');
    assert.equal(value(parseScheduleField('hour', '8-18/2, 22')), '8-18/2,22');
    assert.equal(value(parseScheduleField('dow', '0,7')), '0,7');
    assert.equal(value(parseScheduleField('month', '12')), '12');
    assert.match(error(parseScheduleField('min', '60')), /between 0 and 59/);
    assert.match(error(parseScheduleField('hour', '24')), /between 0 and 23/);
    assert.match(error(parseScheduleField('dom', '0')), /between 1 and 31/);
    assert.match(error(parseScheduleField('month', '13')), /between 1 and 12/);
    assert.match(error(parseScheduleField('dow', '8')), /between 0 and 7/);
    assert.match(error(parseScheduleField('hour', '18-8')), /backwards/);
    assert.match(error(parseScheduleField('min', '*/0')), /at least 1/);
    assert.match(error(parseScheduleField('min', 'mon')), /not a minute/);
    assert.match(error(parseScheduleField('min', '')), /every minute/);
  });

  it('one cron rule for the wizard and spec files: hour 99 is refused by both', () => {
    const hour = schedule.fields!.find((f) => f.key === 'hour')!;
    assert.match(error(readCron(hour, '99')), /between 0 and 23/);
    assert.match(checkField(hour, '99') ?? '', /between 0 and 23/);
    assert.equal(checkField(hour, '*/2'), undefined);
  });

  it('reads dates in local time and checks the schedule window', () => {
    const start = value(parseDateTime('2026-05-01 14:30'));
    assert.equal(start, new Date(2026, 4, 1, 14, 30).getTime());
    assert.equal(value(parseDateTime('2026-05-01')), new Date(2026, 4, 1).getTime());
    assert.equal(value(parseDateTime('2026-05-01T09:05')), new Date(2026, 4, 1, 9, 5).getTime());
    assert.equal(value(parseDateTime('')), undefined);
    assert.match(error(parseDateTime('2026-02-30')), /is not a date/);
    assert.match(error(parseDateTime('2026-05-01 25:00')), /is not a date/);
    assert.match(error(parseDateTime('tomorrow')), /YYYY-MM-DD/);
    assert.equal(formatDateTime(start), '2026-05-01 14:30');
    assert.equal(value(parseDateTime(formatDateTime(start))), start);
    assert.match(checkScheduleWindow(start, start) ?? '', /after the start/);
    assert.equal(checkScheduleWindow(start, start + 60_000), undefined);
    assert.equal(checkScheduleWindow(undefined, start), undefined);
  });

  it('parses node lists, numbers, ids, days, filters and results', () => {
    assert.deepEqual(value(parseNodes('web1.example.net db1.example.net,web1.example.net')), [
      'web1.example.net',
      'db1.example.net',
    ]);
    assert.match(error(parseNodes(' ')), /at least one node/);
    assert.match(error(parseNodes('web1 "x"')), /not a node name/);
    assert.equal(value(parseOptionalPositiveInt('')), undefined);
    assert.equal(value(parseOptionalPositiveInt(' 5 ')), 5);
    assert.match(error(parseOptionalPositiveInt('0')), /from 1/);
    assert.match(error(parseOptionalPositiveInt('2.5')), /whole number/);
    assert.equal(value(parseNumericId('12', 'stack')), 12);
    assert.match(error(parseNumericId('abc', 'stack')), /stack is a positive whole number/);
    assert.equal(value(parseDays('30')), 30);
    assert.equal(value(parseDays('0.5')), 0.5);
    assert.match(error(parseDays('0')), /greater than 0/);
    assert.deepEqual(value(parseCdrouterFilters('name~dns, tags@>{nightly}')), ['name~dns', 'tags@>{nightly}']);
    assert.match(error(parseCdrouterFilters('dns')), /not a filter/);
    assert.deepEqual(value(parseResultsJson('[{"status":"ok"},"fail"]')), [{ status: 'ok' }, 'fail']);
    assert.deepEqual(value(parseResultsJson('')), []);
    assert.match(error(parseResultsJson('{"a":1}')), /JSON array/);
  });
});

describe('launch wizard: remembered defaults ↔ spec, through the field table', () => {
  const roundTrips: LaunchSpec[] = [
    {
      kind: 'cdrouter',
      packageId: '12',
      deviceId: '3',
      options: { tags: ['a', 'b'], skipTests: ['5'], beginAt: '2', endAt: '9', extraCliArgs: '-x 1' },
    },
    { kind: 'cdrouter', packageId: '12' },
    {
      kind: 'puppet-orchestrator',
      environment: 'production',
      scope: { nodes: ['a', 'b'] },
      noop: true,
      concurrency: 4,
      description: 'patch',
    },
    { kind: 'puppet-orchestrator', environment: 'dev', scope: { query: 'nodes[certname]{}' }, noop: false },
    { kind: 'puppet-orchestrator', environment: 'dev', scope: { nodeGroup: 'All Nodes' }, noop: false },
    { kind: 'stack-jobs', scheduleId: 3, stackId: 9, enabled: false },
    { kind: 'beacon', name: 'scan', beaconName: 'b1', tasks: [{ command: 'ping' }], queue: true },
    {
      kind: 'beacon',
      name: 'nightly',
      tasks: ['reboot'],
      schedule: { startDate: 1_800_000_000_000, min: '0', hour: '2', dom: '*', dow: '1-5', month: '*' },
    },
    { kind: 'beacon', name: 'later', tasks: ['x'] },
    { kind: 'beacon', name: 'theirs', tasks: ['x'], queue: true, userId: '7', qTime: 1_800_000_000_000 },
    { kind: 'beacon', name: 'by guid', tasks: ['x'], userGuid: '0b1a3e47-8d9c' },
  ];
  for (const spec of roundTrips) {
    it(`a remembered ${spec.kind} spec comes back unchanged (${JSON.stringify(spec).slice(0, 60)}…)`, () => {
      const table = tableOf(spec.kind);
      assert.deepEqual(buildLaunchSpec(table, launchValues(table, spec)), spec);
    });
  }

  it('a fresh wizard starts on the first answer of each choice, and no spec is made without the required values', () => {
    assert.throws(() => buildLaunchSpec(tableOf('cdrouter'), {}), /package/);
    assert.throws(() => buildLaunchSpec(tableOf('puppet-orchestrator'), {}), /environment is required/);
    assert.throws(() => buildLaunchSpec(tableOf('stack-jobs'), {}), /schedule is required/);
    assert.throws(
      () => buildLaunchSpec(tableOf('stack-jobs'), { schedule: 'x', stack: '1' }),
      /schedule id “x” is not a number/,
    );
    assert.deepEqual(
      initialState(tableOf('beacon'), undefined).chosen,
      [undefined, 'queue'],
      'Mine (no user field), then Queue now',
    );
    assert.deepEqual(initialState(tableOf('puppet-orchestrator'), undefined).chosen, ['nodes']);
    assert.deepEqual(
      initialState(tableOf('beacon'), { kind: 'beacon', name: 'later', tasks: ['x'] }).chosen,
      [undefined, undefined],
      'a remembered "create only" stays',
    );
    assert.equal(
      initialState(tableOf('stack-jobs'), { kind: 'stack-jobs', scheduleId: 3, stackId: 9, name: 'mine' }).values.name,
      undefined,
      'a job name is not carried over',
    );
    const puppet = tableOf('puppet-orchestrator');
    const state = initialState(puppet, roundTrips[2]);
    assert.deepEqual(reviewLines(plan(puppet), state), [
      ['Environment', 'production'],
      ['Scope', '2 nodes: a, b'],
      ['Mode', 'no-op'],
      ['Concurrency', '4'],
      ['Description', 'patch'],
    ]);
  });

  it('beacon: "Eligible from" is asked for a queued job only, and an answer kept from before Back is not sent with a schedule', () => {
    const beacon = tableOf('beacon');
    const asks = plan(beacon);
    const qTime = asks.find((a) => a.kind === 'field' && a.def.key === 'qTime')!;
    const state = initialState(beacon, undefined);
    assert.equal(applies(qTime, state), true, 'Queue now');
    state.values.qTime = Date.UTC(2026, 11, 24);
    state.values.name = 'n';
    state.values.tasks = ['x'];
    state.chosen[1] = 'schedule';
    state.values.schedule = { min: '0', hour: '2' };
    assert.equal(applies(qTime, state), false, 'On a schedule');
    assert.equal(answers(beacon, state).qTime, undefined);
    const spec = buildLaunchSpec(beacon, answers(beacon, state));
    assert.ok(spec.kind === 'beacon' && spec.qTime === undefined && spec.schedule?.hour === '2');
    assert.ok(!reviewLines(asks, state).some(([label]) => label === 'Eligible from'));
    state.chosen[1] = 'queue';
    assert.equal(answers(beacon, state).qTime, Date.UTC(2026, 11, 24), 'kept for Queue now');
  });
});
