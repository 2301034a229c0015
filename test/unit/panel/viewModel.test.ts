import * as assert from 'node:assert/strict';
import type { DialectKind, JobState, JobTarget } from '../../../src/client/model';
import { connect } from '../../../src/client/registry';
import { targetColumns } from '../../../src/views/panel/panelData';
import {
  diffEntries,
  failedTargets,
  isOpen,
  lastLines,
  rowPosition,
  tableColumns,
  tableView,
  timelineSegments,
  toggled,
} from '../../../src/webview/viewModel';
import { FEW_TARGETS, orderRows, stateChips, targetDuration } from '../../../src/shared/rows';

function node(name: string, state: JobState, rawState: string, extra: Partial<JobTarget> = {}): JobTarget {
  return { id: name, name, kind: 'node', state, rawState, ...extra };
}

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

/** A Puppet run with mixed node states, in server order. */
const NODES: JobTarget[] = [
  node('web1', 'succeeded', 'finished', { startedAt: T0, finishedAt: T0 + 5000 }),
  node('web2', 'failed', 'failed', { startedAt: T0 + 1000, finishedAt: T0 + 9000, message: 'Could not apply catalog' }),
  node('db1', 'running', 'running', { startedAt: T0 + 2000 }),
  node('db2', 'pending', 'new'),
  node('cache1', 'succeeded', 'finished', { startedAt: T0, finishedAt: T0 + 1000, durationMs: 1000 }),
  node('app1', 'failed', 'failed', { startedAt: T0, finishedAt: T0 + 3000, message: 'Error: timeout' }),
];

describe('panel view model: chips', () => {
  it('counts rows per raw state word, failed first, then by count', () => {
    assert.deepEqual(
      stateChips(NODES).map((c) => [c.rawState, c.count]),
      [
        ['failed', 2],
        ['running', 1],
        ['new', 1],
        ['finished', 2],
      ],
    );
  });

  it('filters by the chips that are on', () => {
    assert.deepEqual(
      orderRows(NODES, ['finished'], undefined).map((i) => NODES[i].name),
      ['web1', 'cache1'],
    );
    assert.deepEqual(
      orderRows(NODES, ['finished', 'new'], undefined).map((i) => NODES[i].name),
      ['db2', 'web1', 'cache1'],
    );
  });
});

describe('panel view model: row order', () => {
  it('puts failed nodes first, then running, keeping server order within a state', () => {
    assert.deepEqual(
      orderRows(NODES, [], undefined).map((i) => NODES[i].name),
      ['web2', 'app1', 'db1', 'db2', 'web1', 'cache1'],
    );
  });

  it('sorts by name both ways, numbers in names in numeric order', () => {
    const many = ['n10', 'n9', 'n1'].map((n) => node(n, 'succeeded', 'finished'));
    assert.deepEqual(
      orderRows(many, [], { key: 'name', dir: 'asc' }).map((i) => many[i].name),
      ['n1', 'n9', 'n10'],
    );
    assert.deepEqual(
      orderRows(many, [], { key: 'name', dir: 'desc' }).map((i) => many[i].name),
      ['n10', 'n9', 'n1'],
    );
  });

  it('sorts by duration with rows without one last in both directions', () => {
    const now = T0 + 4000;
    const asc = orderRows(NODES, [], { key: 'duration', dir: 'asc' }, now).map((i) => NODES[i].name);
    assert.deepEqual(asc, ['cache1', 'db1', 'app1', 'web1', 'web2', 'db2']);
    const desc = orderRows(NODES, [], { key: 'duration', dir: 'desc' }, now).map((i) => NODES[i].name);
    assert.deepEqual(desc, ['web2', 'web1', 'app1', 'db1', 'cache1', 'db2']);
  });

  it('sorts by state (failed group first ascending) and by message, blanks last', () => {
    assert.deepEqual(
      orderRows(NODES, [], { key: 'state', dir: 'asc' }).map((i) => NODES[i].name),
      ['web2', 'app1', 'db1', 'db2', 'web1', 'cache1'],
    );
    assert.deepEqual(
      orderRows(NODES, [], { key: 'message', dir: 'asc' })
        .map((i) => NODES[i].name)
        .slice(0, 2),
      ['web2', 'app1'],
    );
    assert.deepEqual(
      orderRows(NODES, [], { key: 'start', dir: 'desc' }).map((i) => NODES[i].name),
      ['db1', 'web2', 'web1', 'cache1', 'app1', 'db2'],
    );
  });

  it('orders 5,000 rows quickly and finds a row by name for paging', () => {
    const big = Array.from({ length: 5000 }, (_, i) =>
      node(`host${i}`, i % 7 === 0 ? 'failed' : 'succeeded', i % 7 === 0 ? 'failed' : 'finished', {
        startedAt: T0 + i,
      }),
    );
    const t = Date.now();
    const order = orderRows(big, [], { key: 'start', dir: 'desc' });
    assert.ok(Date.now() - t < 500);
    assert.equal(order.length, 5000);
    assert.equal(big[order[0]].name, 'host4999');
    assert.equal(rowPosition(big, order, 'host4990'), 9);
    assert.equal(rowPosition(big, order, 'nope'), -1);
  });

  it('durations: explicit, from start/finish, or running until now', () => {
    assert.equal(targetDuration(NODES[4]), 1000);
    assert.equal(targetDuration(NODES[1]), 8000);
    assert.equal(targetDuration(NODES[2], T0 + 5000), 3000);
    assert.equal(targetDuration(NODES[3], T0), undefined);
  });
});

describe('panel view model: timeline', () => {
  it('draws Puppet status transitions with their shares of the time', () => {
    const segs = timelineSegments(
      [
        { state: 'pending', rawState: 'new', enteredAt: T0, exitedAt: T0 + 1000 },
        { state: 'pending', rawState: 'ready', enteredAt: T0 + 1000, exitedAt: T0 + 2000 },
        { state: 'running', rawState: 'running', enteredAt: T0 + 2000, exitedAt: T0 + 10000 },
        { state: 'succeeded', rawState: 'finished', enteredAt: T0 + 10000 },
      ],
      T0 + 99999,
    );
    assert.deepEqual(
      segs.map((s) => [s.rawState, s.end - s.start, s.open]),
      [
        ['new', 1000, false],
        ['ready', 1000, false],
        ['running', 8000, false],
        ['finished', 0, false],
      ],
    );
    assert.deepEqual(
      segs.map((s) => s.fraction),
      [0.1, 0.1, 0.8, 0],
    );
  });

  it('lets the current state of a running job grow until now', () => {
    const segs = timelineSegments(
      [
        { state: 'pending', rawState: 'SCHEDULED', enteredAt: T0 },
        { state: 'running', rawState: 'RUNNING', enteredAt: T0 + 3000 },
      ],
      T0 + 4000,
    );
    assert.deepEqual(
      segs.map((s) => [s.end - s.start, s.open]),
      [
        [3000, false],
        [1000, true],
      ],
    );
  });

  it('skips transitions without a time', () => {
    assert.deepEqual(timelineSegments([{ state: 'pending', rawState: 'new' }], T0), []);
  });
});

describe('panel view model: diffs and failures', () => {
  const devices: JobTarget[] = [
    {
      id: 'eosaccess',
      name: 'eosaccess',
      kind: 'device',
      state: 'succeeded',
      rawState: 'ok',
      children: [
        { id: 'eosaccess/0', name: 'push_sync_device', kind: 'step', state: 'succeeded', rawState: 'ok' },
        {
          id: 'eosaccess/2',
          name: 'Sync device config',
          kind: 'step',
          state: 'succeeded',
          rawState: 'ok',
          diff: '@@ -1 +1 @@\n-a\n+b',
        },
      ],
    },
    {
      id: 'leaf2',
      name: 'leaf2',
      kind: 'device',
      state: 'failed',
      rawState: 'failed',
      message: 'Sync device config: boom',
      children: [
        {
          id: 'leaf2/1',
          name: 'Sync device config',
          kind: 'step',
          state: 'failed',
          rawState: 'failed',
          message: 'boom',
          diff: '@@ -3 +3 @@\n-x\n+y',
        },
      ],
    },
  ];

  it('lists every diff with its path of ids, failed ones first', () => {
    assert.deepEqual(
      diffEntries(devices).map((e) => [e.label, e.path]),
      [
        ['leaf2 › Sync device config', ['leaf2', 'leaf2/1']],
        ['eosaccess › Sync device config', ['eosaccess', 'eosaccess/2']],
      ],
    );
  });

  it('names the failed step of a failed device', () => {
    assert.deepEqual(
      failedTargets(devices).map((f) => [f.label, f.target.message]),
      [['leaf2 › Sync device config', 'boom']],
    );
    assert.deepEqual(
      failedTargets(NODES).map((f) => f.label),
      ['web2', 'app1'],
    );
  });

  it('finds a device by a step name too (the tree reveals steps)', () => {
    assert.equal(rowPosition(devices, [1, 0], 'push_sync_device'), 1);
  });

  it('keeps the last lines of a traceback', () => {
    const tb = ['Traceback (most recent call last):', '  File "x.py", line 1', '    boom()', 'ValueError: bad'].join(
      '\n',
    );
    assert.deepEqual(lastLines(tb, 2), { tail: '    boom()\nValueError: bad', hidden: 2 });
    assert.deepEqual(lastLines('one\n', 5), { tail: 'one', hidden: 0 });
  });
});

describe('panel view model: the table’s page of rows', () => {
  const many = Array.from({ length: 250 }, (_, i) =>
    node(`n${i}`, i % 5 === 0 ? 'failed' : 'succeeded', i % 5 === 0 ? 'failed' : 'finished'),
  );

  it('with all rows here: the page of the chips’ rows in order, the page brought into range', () => {
    const v = tableView(many, undefined, { chips: ['failed'], page: 9 }, 20);
    assert.equal(v.matching, 50);
    assert.equal(v.pages, 3);
    assert.equal(v.page, 2);
    assert.deepEqual(v.rows, orderRows(many, ['failed'], undefined).slice(40, 60));
    assert.deepEqual(
      tableView(many, undefined, { chips: [], page: 0 }, 100).rows,
      orderRows(many, [], undefined).slice(0, 100),
    );
  });

  it('with only the first screenful here: the default view draws it, any other view waits', () => {
    const order = orderRows(many, [], undefined);
    const first = order.slice(0, 20).map((i) => many[i]);
    const pending = {
      total: 250,
      failed: 50,
      chips: stateChips(many).map((c) => ({ rawState: c.rawState, state: c.state, count: c.count })),
    };
    const v = tableView(first, pending, { chips: [], page: 0 }, 20);
    assert.deepEqual(v.rows, [...Array(20).keys()]);
    assert.equal(v.matching, 250);
    assert.equal(v.pages, 13);
    const chip = tableView(first, pending, { chips: ['finished'], page: 0 }, 20);
    assert.equal(chip.rows, undefined);
    assert.equal(chip.matching, 200);
    assert.equal(
      tableView(first, pending, { chips: [], sort: { key: 'name', dir: 'asc' }, page: 0 }, 20).rows,
      undefined,
    );
    const later = tableView(first, pending, { chips: [], page: 4 }, 20);
    assert.equal(later.rows, undefined);
    assert.equal(later.page, 4);
  });
});

describe('panel view model: diffs the host left out', () => {
  it('lists a partial step’s diff by its counts, in the same order', () => {
    const devices = [
      {
        ...node('a', 'succeeded', 'FINISHED'),
        partial: true as const,
        children: [
          { ...node('a/1', 'succeeded', 'FINISHED'), partial: true as const, diffStat: { added: 3, removed: 1 } },
        ],
      },
      {
        ...node('b', 'failed', 'FAILED'),
        children: [{ ...node('b/1', 'failed', 'FAILED'), diff: '@@ -1 +1 @@\n-x\n+y\n' }],
      },
    ];
    const entries = diffEntries(devices);
    assert.deepEqual(
      entries.map((e) => [e.path, e.diff !== undefined]),
      [
        [['b', 'b/1'], true],
        [['a', 'a/1'], false],
      ],
    );
    assert.deepEqual(entries[1].target.diffStat, { added: 3, removed: 1 });
  });
});

describe('panel view model: devices open by themselves in a job of few', () => {
  // The seed's sync_devices example: one device, its three steps (seed 000).
  const step = (name: string): JobTarget => ({ id: name, name, kind: 'step', state: 'succeeded', rawState: 'ok' });
  const device = (name: string): JobTarget => ({
    id: name,
    name,
    kind: 'device',
    state: 'succeeded',
    rawState: 'ok',
    children: [step('push_sync_device'), step('Generate device config'), step('Sync device config')],
  });

  it('opens each device with steps while the job has at most FEW_TARGETS targets, until the user closes it', () => {
    const ui = { expanded: [] as string[] };
    assert.equal(FEW_TARGETS, 3);
    assert.ok(isOpen(device('eosaccess'), ui, 1));
    assert.ok(isOpen(device('eosaccess'), ui, 3));
    assert.ok(!isOpen(device('eosaccess'), ui, 4), 'more devices: a click opens one');
    assert.ok(!isOpen(node('web1', 'succeeded', 'finished'), ui, 1), 'a node without steps stays a row');
    const closed = toggled(ui, 'eosaccess', true);
    assert.deepEqual(closed, { expanded: [], collapsed: ['eosaccess'] });
    assert.ok(!isOpen(device('eosaccess'), closed, 1), 'closed by the user stays closed');
    const reopened = toggled(closed, 'eosaccess', false);
    assert.deepEqual(reopened, { expanded: ['eosaccess'], collapsed: undefined });
    assert.ok(isOpen(device('eosaccess'), reopened, 1));
    assert.ok(isOpen(device('eosaccess'), reopened, 10), 'opened by the user: open in a big job too');
  });

  it('draws no column the connection’s kind never fills (CNaaS: no per-device times)', () => {
    const cols = [{ key: 'name' }, { key: 'state' }, { key: 'start' }, { key: 'message' }] as const;
    const caps = (kind: DialectKind) =>
      connect({ name: kind, kind, url: 'http://127.0.0.1:9' }, { token: async () => 't' }).adapter.capabilities;
    assert.deepEqual(tableColumns(cols, targetColumns(caps('cnaas-nms'))), ['name', 'state', 'message']);
    assert.deepEqual(tableColumns(cols, targetColumns(caps('puppet-orchestrator'))), [
      'name',
      'state',
      'start',
      'message',
    ]);
  });
});
