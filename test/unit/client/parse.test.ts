import * as assert from 'node:assert/strict';
import {
  asArray,
  asObj,
  optBool,
  optNumber,
  optString,
  parseTime,
  parseUnixSeconds,
  reqId,
} from '../../../src/client/parse';
import { JobdeckError } from '../../../src/client/errors';
import { compareJobs, matchesFilter, pageLocally } from '../../../src/client/localQuery';
import { mapBounded, Semaphore } from '../../../src/client/semaphore';
import type { Job } from '../../../src/client/model';

const ctx = { connection: 'c', operation: 'list jobs' };

describe('parse', () => {
  it('reads times in every dialect format as exact epoch ms', () => {
    assert.equal(parseTime('2019-06-19 13:50:08.900000'), Date.UTC(2019, 5, 19, 13, 50, 8, 900));
    assert.equal(parseTime('2016-04-14T11:15:54.211891321-04:00'), Date.UTC(2016, 3, 14, 15, 15, 54, 211));
    assert.equal(parseTime('2016-05-20T16:45:31Z'), Date.UTC(2016, 4, 20, 16, 45, 31));
    assert.equal(parseTime('2016-05-20T16:45:31+0200'), Date.UTC(2016, 4, 20, 14, 45, 31));
    assert.equal(parseTime(''), undefined);
    assert.equal(parseTime(null), undefined);
    assert.equal(parseTime('not a time'), undefined);
    assert.equal(parseUnixSeconds(1_500_000_000), 1_500_000_000_000);
    assert.equal(parseUnixSeconds('1500000000'), 1_500_000_000_000);
    assert.equal(parseUnixSeconds(0), undefined);
    assert.equal(parseUnixSeconds(null), undefined);
  });

  it('accepts numbers as strings and strings as ids; rejects wrong shapes with a typed error naming the field', () => {
    assert.equal(reqId(12, ctx, 'id'), '12');
    assert.equal(reqId('ab', ctx, 'id'), 'ab');
    assert.equal(optNumber('3.5'), 3.5);
    assert.equal(optNumber('x'), undefined);
    assert.equal(optString(4), '4');
    assert.equal(optString({}), undefined);
    assert.equal(optBool('1'), true);
    assert.equal(optBool('false'), false);
    assert.equal(optBool('maybe'), undefined);
    for (const bad of [
      () => reqId(null, ctx, 'jobs[3].id'),
      () => asObj([], ctx, 'data'),
      () => asArray({}, ctx, 'data.jobs'),
    ]) {
      assert.throws(
        bad,
        (e: unknown) => e instanceof JobdeckError && e.code === 'badResponse' && /jobs\[3\]\.id|data/.test(e.message),
      );
    }
  });
});

describe('parse: what a server may send', () => {
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof JobdeckError && e.code === 'badResponse', String(e));
      return e.message;
    }
    assert.fail('no error');
  };

  it('names the field and the shape expected when a payload has the wrong one', () => {
    assert.match(
      refusal(() => asObj('x', ctx, 'data')),
      /field "data" is not an object/,
    );
    assert.match(
      refusal(() => asObj(null, ctx, 'data')),
      /is not an object/,
    );
    assert.match(
      refusal(() => asArray({ length: 1 }, ctx, 'data.jobs')),
      /field "data\.jobs" is not a list/,
    );
    assert.match(
      refusal(() => reqId('', ctx, 'id')),
      /field "id" is not an id \(string or number\)/,
    );
    for (const bad of [Number.NaN, Infinity, -Infinity, true, {}, undefined])
      assert.match(
        refusal(() => reqId(bad, ctx, 'id')),
        /is not an id/,
        String(bad),
      );
    assert.deepEqual(asObj({ a: 1 }, ctx, 'x'), { a: 1 });
    assert.deepEqual(asArray([1], ctx, 'x'), [1]);
    assert.equal(reqId(0, ctx, 'id'), '0');
  });

  it('optional strings, numbers and booleans: what cannot be read is left out, never NaN or "NaN"', () => {
    for (const v of [Number.NaN, Infinity, true, null, undefined, [], {}])
      assert.equal(optString(v), undefined, String(v));
    assert.equal(optString(''), '');
    assert.equal(optString(-1.5), '-1.5');
    for (const v of [Number.NaN, Infinity, -Infinity, '', ' ', '\t\n', 'abc', '1e999', true, null, {}])
      assert.equal(optNumber(v), undefined, JSON.stringify(v));
    assert.equal(optNumber(-2), -2);
    assert.equal(optNumber(' 7 '), 7);
    assert.equal(optNumber('0'), 0);
    for (const v of [true, 1, '1', 'true']) assert.equal(optBool(v), true, String(v));
    for (const v of [false, 0, '0', 'false']) assert.equal(optBool(v), false, String(v));
    for (const v of ['', 'yes', 'TRUE', 2, -1, null, undefined, '01']) assert.equal(optBool(v), undefined, String(v));
  });

  it('unix seconds: only positive times a date can hold', () => {
    assert.equal(parseUnixSeconds(0.0004), 0);
    assert.equal(parseUnixSeconds(1.2345), 1235);
    assert.equal(parseUnixSeconds(-1), undefined);
    assert.equal(parseUnixSeconds('abc'), undefined);
    // The latest time a Date holds is 8.64e15 ms: a second past it is no time.
    assert.equal(parseUnixSeconds(8.64e12), 8.64e15);
    assert.equal(parseUnixSeconds(8.64e12 + 1), undefined);
  });

  describe('times without a zone are UTC on a machine in any time zone', () => {
    let tz: string | undefined;
    before(() => {
      tz = process.env.TZ;
      // Half an hour off: a time read as local shows up in every field.
      process.env.TZ = 'Asia/Kolkata';
    });
    after(() => {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    });

    it('reads naive times as UTC, with or without seconds and fractions', () => {
      // The machine is off UTC now (or this test proves nothing).
      assert.notEqual(Date.parse('2019-06-19T13:50:08'), Date.UTC(2019, 5, 19, 13, 50, 8));
      assert.equal(parseTime('2019-06-19 13:50:08'), Date.UTC(2019, 5, 19, 13, 50, 8));
      assert.equal(parseTime('2019-06-19T13:50'), Date.UTC(2019, 5, 19, 13, 50));
      assert.equal(parseTime('2019-06-19 13:50:08.9'), Date.UTC(2019, 5, 19, 13, 50, 8, 900));
      assert.equal(parseTime('2019-06-19 13:50:08.05'), Date.UTC(2019, 5, 19, 13, 50, 8, 50));
      assert.equal(parseTime('2019-06-19 13:50:08.123456789'), Date.UTC(2019, 5, 19, 13, 50, 8, 123));
      assert.equal(parseTime('  2019-06-19 13:50:08\n'), Date.UTC(2019, 5, 19, 13, 50, 8));
      assert.equal(parseTime('2019-06-19t13:50:08'), Date.UTC(2019, 5, 19, 13, 50, 8));
    });

    it('keeps the zone a time carries, in every spelling', () => {
      assert.equal(parseTime('2019-06-19T13:50:08z'), Date.UTC(2019, 5, 19, 13, 50, 8));
      assert.equal(parseTime('2019-06-19 13:50:08+0200'), Date.UTC(2019, 5, 19, 11, 50, 8));
      assert.equal(parseTime('2019-06-19 13:50:08-04:30'), Date.UTC(2019, 5, 19, 18, 20, 8));
      assert.equal(parseTime('2019-06-19T13:50:08.5+00:00'), Date.UTC(2019, 5, 19, 13, 50, 8, 500));
    });

    it('is no time when the text is not one', () => {
      for (const v of [
        '',
        '   ',
        'x2019-06-19 13:50:08',
        '2019-06-19_13:50:08',
        '19-06-19 13:50:08',
        'soon',
        1560952208,
        null,
      ])
        assert.equal(parseTime(v), undefined, JSON.stringify(v));
    });
  });
});

function job(id: string, name: string, state: Job['state'], startedAt?: number, owner?: string): Job {
  return { id, name, state, rawState: state, startedAt, owner, raw: {} };
}

describe('localQuery', () => {
  const jobs = [
    job('1', 'sync devices', 'running', 3000, 'alice'),
    job('2', 'DNS tests', 'failed', 1000, 'bob'),
    job('10', 'nightly', 'succeeded', 2000, 'alice'),
  ];

  it('filters by states, text (case-insensitive) and owner', () => {
    assert.deepEqual(
      jobs.filter((j) => matchesFilter(j, { states: ['failed', 'running'] })).map((j) => j.id),
      ['1', '2'],
    );
    assert.deepEqual(
      jobs.filter((j) => matchesFilter(j, { text: 'dns' })).map((j) => j.id),
      ['2'],
    );
    assert.deepEqual(
      jobs.filter((j) => matchesFilter(j, { owner: 'ALI' })).map((j) => j.id),
      ['1', '10'],
    );
  });

  it('sorts by time, name and state in both directions', () => {
    assert.deepEqual(
      [...jobs].sort((a, b) => compareJobs(a, b, { field: 'time', direction: 'desc' })).map((j) => j.id),
      ['1', '10', '2'],
    );
    assert.deepEqual(
      [...jobs].sort((a, b) => compareJobs(a, b, { field: 'name', direction: 'asc' })).map((j) => j.id),
      ['2', '10', '1'],
    );
    assert.deepEqual(
      [...jobs].sort((a, b) => compareJobs(a, b, { field: 'state', direction: 'asc' })).map((j) => j.id),
      ['1', '2', '10'],
    );
  });

  it('text and owner filters: a job without a summary or an owner matches only what it shows', () => {
    const bare: Job = { id: '5', name: 'deploy', state: 'running', rawState: 'running', raw: {} };
    assert.equal(matchesFilter(bare, { text: 'here' }), false);
    assert.equal(matchesFilter(bare, { text: 'undefined' }), false);
    assert.equal(matchesFilter(bare, { text: 'DEPLOY' }), true);
    assert.equal(matchesFilter({ ...bare, summary: 'Where to' }, { text: 'here' }), true);
    assert.equal(matchesFilter(bare, { text: '5' }), true, 'the id is searched too');
    assert.equal(matchesFilter(bare, { owner: 'her' }), false);
    assert.equal(matchesFilter({ ...bare, owner: 'Heron' }, { owner: 'her' }), true);
  });

  it('sorts names as people read them (numbers by value, case aside), then by id as numbers', () => {
    const named = (id: string, name: string) => job(id, name, 'running', 1000);
    const list = [
      named('1', 'build 10'),
      named('2', 'Build 9'),
      named('3', 'build 9'),
      named('20', 'build 9'),
      named('4', 'build 2'),
    ];
    assert.deepEqual(
      [...list].sort((a, b) => compareJobs(a, b, { field: 'name', direction: 'asc' })).map((j) => j.id),
      ['4', '2', '3', '20', '1'],
    );
    assert.deepEqual(
      [...list].sort((a, b) => compareJobs(a, b, { field: 'name', direction: 'desc' })).map((j) => j.id),
      ['1', '20', '3', '2', '4'],
    );
  });

  it('sorts by state: work under way first, then waiting, then ended', () => {
    const states: Job['state'][] = [
      'unknown',
      'disabled',
      'succeeded',
      'stopped',
      'deleting',
      'failed',
      'scheduled',
      'pending',
      'stopping',
      'running',
    ];
    const list = states.map((s, i) => job(String(i), s, s, i));
    assert.deepEqual(
      [...list].sort((a, b) => compareJobs(a, b, { field: 'state', direction: 'asc' })).map((j) => j.state),
      [...states].reverse(),
    );
  });

  it('pages with an offset cursor and stops on the last page', () => {
    const p1 = pageLocally(jobs, { pageSize: 2, sort: { field: 'time', direction: 'asc' } });
    assert.deepEqual(
      p1.items.map((j) => j.id),
      ['2', '10'],
    );
    assert.equal(p1.total, 3);
    assert.equal(p1.nextCursor, '2');
    const p2 = pageLocally(jobs, { pageSize: 2, cursor: p1.nextCursor, sort: { field: 'time', direction: 'asc' } });
    assert.deepEqual(
      p2.items.map((j) => j.id),
      ['1'],
    );
    assert.equal(p2.nextCursor, undefined);
  });
});

describe('Semaphore', () => {
  it('never runs more than the limit, even as slots are handed over', async () => {
    let active = 0;
    let peak = 0;
    const results = await mapBounded(
      Array.from({ length: 40 }, (_, i) => i),
      4,
      async (i) => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, i % 3));
        active--;
        if (i === 7) throw new Error('seven');
        return i * 2;
      },
    );
    assert.equal(peak, 4);
    assert.equal(results.length, 40);
    assert.equal(results[7].status, 'rejected');
    assert.deepEqual(results[8], { status: 'fulfilled', value: 16 });
    assert.throws(() => new Semaphore(0));
  });
});
