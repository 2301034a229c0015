import * as assert from 'node:assert/strict';
import { compareEventIds, EventDeriver, Snapshot } from '../../../src/client/derivedEvents';
import type { JobState, JobTarget } from '../../../src/client/model';

const T = Date.UTC(2026, 0, 1, 12, 0, 0);

function job(state: JobState, rawState: string, extra: Partial<Snapshot> = {}): Snapshot {
  return { id: '7', name: 'deploy', state, rawState, raw: {}, ...extra };
}

function target(name: string, state: JobState, rawState: string, extra: Partial<JobTarget> = {}): JobTarget {
  return { id: name, name, kind: 'node', state, rawState, ...extra };
}

function messages(events: { message: string }[]): string[] {
  return events.map((e) => e.message);
}

describe('derived events (snapshots → events)', () => {
  it('reports the job state first, then each state change once', () => {
    const d = new EventDeriver();
    assert.deepEqual(messages(d.next(job('pending', 'queued'), T)), ['Job queued']);
    assert.deepEqual(messages(d.next(job('running', 'running', { startedAt: T + 5 }), T + 10)), ['Job running']);
    const done = d.next(job('succeeded', 'completed', { finishedAt: T + 99 }), T + 100);
    assert.deepEqual(messages(done), ['Job completed']);
    assert.equal(done[0].time, T + 99, 'a final event carries the finish time');
    assert.equal(done[0].type, 'job_state');
    assert.equal(done[0].level, 'info');
  });

  it('yields nothing when the same snapshot repeats, however often', () => {
    const d = new EventDeriver();
    const snap = job('running', 'running', {
      targets: [target('web1', 'running', 'running'), target('web2', 'failed', 'failed', { message: 'boom' })],
    });
    assert.equal(d.next(snap, T).length, 3);
    for (let i = 0; i < 5; i++) assert.deepEqual(d.next(structuredClone(snap), T + i), []);
  });

  it('reports node, device, step and task changes with the node, message and level', () => {
    const d = new EventDeriver();
    d.next(
      job('running', 'RUNNING', {
        targets: [
          target('sw1', 'running', 'running', {
            kind: 'device',
            children: [target('step0', 'pending', 'waiting', { kind: 'step' })],
          }),
        ],
      }),
      T,
    );
    const out = d.next(
      job('running', 'RUNNING', {
        targets: [
          target('sw1', 'running', 'running', {
            kind: 'device',
            children: [target('step0', 'failed', 'failed', { kind: 'step', message: 'Traceback: x' })],
          }),
        ],
      }),
      T + 1,
    );
    assert.equal(out.length, 1);
    assert.equal(out[0].message, 'step step0: failed — Traceback: x');
    assert.equal(out[0].node, 'sw1', 'a step is reported under its device');
    assert.equal(out[0].level, 'error');
    assert.equal(out[0].type, 'step_state');
  });

  it('a new message on an unchanged state is an event; progress changes are events', () => {
    const d = new EventDeriver();
    d.next(
      job('running', 'running', {
        progress: { done: 0, total: 3 },
        targets: [target('t1', 'running', 'running', { kind: 'task', message: 'ping 10.0.0.1' })],
      }),
      T,
    );
    const a = d.next(
      job('running', 'running', {
        progress: { done: 1, total: 3 },
        targets: [target('t1', 'running', 'running', { kind: 'task', message: 'ping 10.0.0.2' })],
      }),
      T + 1,
    );
    assert.deepEqual(messages(a), ['Progress 1/3', 'task t1: running — ping 10.0.0.2']);
  });

  it('leaves waiting targets out of the first snapshot but reports them when they move', () => {
    const d = new EventDeriver();
    const nodes = Array.from({ length: 1000 }, (_, i) => target(`n${i}`, 'pending', 'new'));
    assert.deepEqual(messages(d.next(job('running', 'running', { targets: nodes }), T)), ['Job running']);
    const moved = nodes.map((n, i) => (i === 500 ? { ...n, state: 'running' as JobState, rawState: 'running' } : n));
    const out = d.next(job('running', 'running', { targets: moved }), T + 1);
    assert.deepEqual(messages(out), ['node n500: running']);
    assert.equal(out[0].node, 'n500');
  });

  it('orders an active parent before its children and an ended one after them', () => {
    const d = new EventDeriver();
    const first = d.next(
      job('running', 'running', {
        targets: [
          target('sw1', 'running', 'running', {
            kind: 'device',
            children: [target('a', 'running', 'running', { kind: 'step' })],
          }),
        ],
      }),
      T,
    );
    assert.deepEqual(messages(first), ['Job running', 'device sw1: running', 'step a: running']);
    const last = d.next(
      job('failed', 'EXCEPTION', {
        targets: [
          target('sw1', 'failed', 'failed', {
            kind: 'device',
            children: [target('a', 'failed', 'failed', { kind: 'step' })],
          }),
        ],
      }),
      T + 1,
    );
    assert.deepEqual(messages(last), ['step a: failed', 'device sw1: failed', 'Job EXCEPTION']);
    assert.equal(last[2].level, 'error');
  });

  it('numbers events 1, 2, 3… in the order they are printed, across snapshots', () => {
    const d = new EventDeriver();
    const ids: string[] = [];
    ids.push(
      ...d.next(job('running', 'running', { targets: [target('x', 'running', 'running')] }), T).map((e) => e.id),
    );
    ids.push(
      ...d
        .next(job('succeeded', 'finished', { targets: [target('x', 'succeeded', 'finished')] }), T + 1)
        .map((e) => e.id),
    );
    assert.deepEqual(ids, ['1', '2', '3', '4']);
    const cont = new EventDeriver(4);
    assert.equal(cont.next(job('pending', 'new'), T)[0].id, '5', 'a deriver can continue an earlier numbering');
  });

  it('a snapshot missed in between is collapsed into the next, not lost', () => {
    const d = new EventDeriver();
    d.next(job('running', 'running', { targets: [target('a', 'pending', 'new'), target('b', 'pending', 'new')] }), T);
    // (a went running and then finished while the network was down; b started)
    const out = d.next(
      job('running', 'running', { targets: [target('a', 'succeeded', 'finished'), target('b', 'running', 'running')] }),
      T + 60_000,
    );
    assert.deepEqual(messages(out), ['node a: finished', 'node b: running']);
  });

  it('compares event ids numerically when both are numbers', () => {
    assert.ok(compareEventIds('10', '9') > 0);
    assert.ok(compareEventIds('009', '10') < 0);
    assert.equal(compareEventIds('42', '042'), 0);
    assert.ok(compareEventIds('b', 'a') > 0);
    assert.ok(
      compareEventIds('123456789012345678901234567890', '123456789012345678901234567889') > 0,
      'beyond safe integers',
    );
  });

  it('levels: a failed job or target is an error; stopped, stopping or unknown a warning; the rest info', () => {
    const level = (state: JobState) => new EventDeriver().next(job(state, state), T)[0].level;
    const targetLevel = (state: JobState) =>
      new EventDeriver().next(job('running', 'running', { targets: [target('n', state, state)] }), T)[1].level;
    const states: JobState[] = [
      'running',
      'succeeded',
      'failed',
      'stopped',
      'stopping',
      'unknown',
      'scheduled',
      'disabled',
    ];
    const expected = ['info', 'info', 'error', 'warning', 'warning', 'warning', 'info', 'info'];
    assert.deepEqual(states.map(level), expected);
    assert.deepEqual(states.map(targetLevel), expected);
  });

  it('times: a running job or target at its start, an ended one at its end, anything else when seen', () => {
    const times = (state: JobState) => {
      const at = { startedAt: T - 50, finishedAt: T - 10 };
      const out = new EventDeriver().next(job(state, state, { ...at, targets: [target('n', state, state, at)] }), T);
      return out.map((e) => e.time);
    };
    assert.deepEqual(times('running'), [T - 50, T - 50]);
    assert.deepEqual(times('succeeded'), [T - 10, T - 10]);
    assert.deepEqual(times('stopping'), [T, T]);
    assert.deepEqual(times('scheduled'), [T, T]);
    // Without the server's times: when seen.
    const bare = new EventDeriver().next(job('running', 'running', { targets: [target('n', 'failed', 'failed')] }), T);
    assert.deepEqual(
      bare.map((e) => e.time),
      [T, T],
    );
  });

  it('the first progress is part of the job line; progress that appears or changes later is its own event', () => {
    const d = new EventDeriver();
    assert.deepEqual(messages(d.next(job('running', 'running', { progress: { done: 1, total: 4 } }), T)), [
      'Job running',
    ]);
    assert.deepEqual(messages(d.next(job('running', 'running', { progress: { done: 1, total: 4 } }), T + 1)), []);
    const later = d.next(job('running', 'running', { progress: { done: 2, total: 4 } }), T + 2);
    assert.deepEqual(messages(later), ['Progress 2/4']);
    assert.equal(later[0].type, 'job_progress');
    assert.equal(later[0].level, 'info');
    assert.equal(later[0].time, T + 2);
    // Progress that goes away is no event.
    assert.deepEqual(messages(d.next(job('running', 'running'), T + 3)), []);

    const late = new EventDeriver();
    late.next(job('running', 'running'), T);
    assert.deepEqual(messages(late.next(job('running', 'running', { progress: { done: 0, total: 2 } }), T + 1)), [
      'Progress 0/2',
    ]);
  });

  it('a target that first shows up waiting after the first snapshot is reported', () => {
    const d = new EventDeriver();
    d.next(job('running', 'running'), T);
    assert.deepEqual(
      messages(d.next(job('running', 'running', { targets: [target('late', 'pending', 'new')] }), T + 1)),
      ['node late: new'],
    );
  });

  it('tells targets apart by id, or by name where the server gives no id; a changed state word or message is a change', () => {
    const d = new EventDeriver();
    const noId = (name: string, rawState: string, message?: string) =>
      target(name, 'running', rawState, { id: '', message });
    assert.deepEqual(messages(d.next(job('running', 'running', { targets: [noId('a', 'up'), noId('b', 'up')] }), T)), [
      'Job running',
      'node a: up',
      'node b: up',
    ]);
    // The state word and the message read as one line: moving text from one to the other is still a change.
    assert.deepEqual(
      messages(d.next(job('running', 'running', { targets: [noId('a', 'upx'), noId('b', 'up')] }), T + 1)),
      ['node a: upx'],
    );
    assert.deepEqual(
      messages(d.next(job('running', 'running', { targets: [noId('a', 'up', 'x'), noId('b', 'up')] }), T + 2)),
      ['node a: up — x'],
    );
    // No message and an empty one read the same.
    assert.deepEqual(
      messages(d.next(job('running', 'running', { targets: [noId('a', 'up', 'x'), noId('b', 'up', '')] }), T + 3)),
      [],
    );
  });

  it('the job line says the state word, or the state where the server gives none; lastId counts what was numbered', () => {
    const d = new EventDeriver(10);
    assert.equal(d.lastId, 10);
    assert.deepEqual(messages(d.next(job('running', ''), T)), ['Job running']);
    assert.equal(d.lastId, 11);
    d.next(job('running', '', { targets: [target('a', 'running', 'go'), target('b', 'running', 'go')] }), T);
    assert.equal(d.lastId, 13);
  });

  it('orders ids: numbers by value, everything else as text', () => {
    const ids = ['10', 'b', '9', '0010', 'a', '2', '1', 'B'];
    assert.deepEqual([...ids].sort(compareEventIds), ['1', '2', '9', '10', '0010', 'B', 'a', 'b']);
    assert.ok(compareEventIds('1', '2') < 0);
    assert.ok(compareEventIds('2', '1') > 0);
    assert.ok(compareEventIds('19', '21') < 0);
    assert.ok(compareEventIds('21', '19') > 0);
    assert.equal(compareEventIds('5', '5'), 0);
    assert.ok(compareEventIds('a', 'b') < 0);
    assert.equal(compareEventIds('x', 'x'), 0);
    assert.ok(compareEventIds('10', 'a') < 0, 'a number and a word: as text');
    assert.ok(compareEventIds('9', '10a') > 0, 'a number and a word: as text');
  });
});
