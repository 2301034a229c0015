import * as assert from 'node:assert/strict';
import { contextWords, jobActions, type JobAction } from '../../../src/client/actions';
import type { JobsAdapter } from '../../../src/client/adapter';
import { connect } from '../../../src/client/registry';
import {
  JOB_STATES,
  type DialectKind,
  type Job,
  type JobDetail,
  type JobState,
  type JobTarget,
} from '../../../src/client/model';

const adapter = (kind: DialectKind) =>
  connect({ name: kind, kind, url: 'http://127.0.0.1:9' }, { token: async () => 't' }).adapter;
const job = (state: JobState, more: Partial<Job> = {}): Job => ({
  id: '1',
  name: 'j',
  state,
  rawState: state,
  raw: {},
  ...more,
});
/** The same server, with its capabilities changed (a server version without an endpoint). */
const withCaps = (a: JobsAdapter, caps: Partial<JobsAdapter['capabilities']>): JobsAdapter =>
  Object.create(a, { capabilities: { value: { ...a.capabilities, ...caps } } }) as JobsAdapter;
const has = (a: JobsAdapter, j: Job, action: JobAction) => jobActions(j, a).includes(action);
const ALL_STATES: JobState[] = [...JOB_STATES];
const statesWith = (a: JobsAdapter, action: JobAction, more: Partial<Job> = {}) =>
  ALL_STATES.filter((s) => has(a, job(s, more), action));

describe('job actions (what menus, the panel and commands offer for a job)', () => {
  it('a running CDRouter job and a disabled stack job: the whole list', () => {
    assert.deepEqual(jobActions(job('running'), adapter('cdrouter')), [
      'open',
      'copyId',
      'stop',
      'delete',
      'tail',
      'copyLink',
      'saveReport',
      'copyMarkdown',
      'compare',
    ]);
    assert.deepEqual(jobActions(job('disabled'), adapter('stack-jobs')), [
      'open',
      'copyId',
      'delete',
      'tail',
      'enable',
      'edit',
      'copyLink',
      'saveReport',
      'copyMarkdown',
      'compare',
    ]);
  });

  it('Stop: jobs not final, not already stopping, disabled or queued for deletion, where the server stops jobs', () => {
    assert.deepEqual(statesWith(adapter('cdrouter'), 'stop'), ['pending', 'scheduled', 'running', 'unknown']);
    assert.deepEqual(statesWith(adapter('beacon'), 'stop'), []);
  });

  it('Delete: where the server deletes, any job not queued for deletion; Delete Now for one that would wait forever', () => {
    const stack = adapter('stack-jobs');
    assert.deepEqual(
      statesWith(stack, 'delete'),
      ALL_STATES.filter((s) => s !== 'deleting'),
    );
    assert.deepEqual(statesWith(stack, 'deleteNow'), []);
    assert.deepEqual(statesWith(stack, 'deleteNow', { deletableNow: true }), ['deleting']);
    assert.deepEqual(statesWith(adapter('beacon'), 'delete', { deletableNow: true }), []);
    assert.deepEqual(statesWith(adapter('beacon'), 'deleteNow', { deletableNow: true }), []);
  });

  it('Tail: every job not final; final ones only where the server keeps their events', () => {
    assert.deepEqual(
      statesWith(adapter('cdrouter'), 'tail'),
      ALL_STATES.filter((s) => !['succeeded', 'failed', 'stopped'].includes(s)),
    );
    assert.deepEqual(statesWith(adapter('puppet-orchestrator'), 'tail'), ALL_STATES);
  });

  it('Relaunch where the server launches and the job says what it ran; Open in Browser where it has a page', () => {
    const cdr = adapter('cdrouter');
    assert.ok(!has(cdr, job('failed'), 'relaunch'));
    assert.ok(has(cdr, job('failed', { raw: { package_id: '7' } }), 'relaunch'));
    assert.ok(!has(withCaps(cdr, { launch: false }), job('failed', { raw: { package_id: '7' } }), 'relaunch'));
    assert.ok(!has(cdr, job('failed'), 'openInBrowser'));
    assert.ok(
      has(cdr, job('failed', { links: [{ label: 'Result', url: 'https://cdr.example/results/1' }] }), 'openInBrowser'),
    );
  });

  it('Enable for disabled jobs and Disable for scheduled ones, where the server updates jobs and Stop does not already disable', () => {
    const beacon = adapter('beacon');
    assert.deepEqual(statesWith(beacon, 'enable'), ['disabled']);
    assert.deepEqual(statesWith(beacon, 'disable'), ['scheduled']);
    // Stack jobs' Stop is their disable: one entry.
    assert.deepEqual(statesWith(adapter('stack-jobs'), 'disable'), []);
    assert.deepEqual(statesWith(adapter('stack-jobs'), 'enable'), ['disabled']);
    assert.deepEqual(statesWith(adapter('cdrouter'), 'enable'), []);
    assert.deepEqual(statesWith(withCaps(beacon, { update: false }), 'disable'), []);
  });

  it('Worker actions for beacon jobs not final; Edit where fields are editable; Set Current Task for jobs under way', () => {
    const beacon = adapter('beacon');
    assert.deepEqual(
      statesWith(beacon, 'worker'),
      ALL_STATES.filter((s) => !['succeeded', 'failed', 'stopped'].includes(s)),
    );
    assert.deepEqual(statesWith(adapter('cdrouter'), 'worker'), []);
    assert.deepEqual(statesWith(beacon, 'edit'), [], 'beacon updates jobs but edits no field');
    assert.deepEqual(statesWith(withCaps(beacon, { editable: [] }), 'edit'), []);
    assert.deepEqual(
      statesWith(withCaps(adapter('stack-jobs'), { update: false }), 'edit'),
      [],
      'fields to edit, but no update',
    );
    assert.deepEqual(statesWith(beacon, 'setTask'), ['pending', 'running']);
    assert.deepEqual(statesWith(withCaps(beacon, { update: false }), 'setTask'), []);
    assert.deepEqual(statesWith(adapter('stack-jobs'), 'setTask'), []);
  });

  it('reading actions: a link always; report, Markdown and compare where jobs can be read', () => {
    const cdr = adapter('cdrouter');
    assert.deepEqual(statesWith(cdr, 'copyLink'), ALL_STATES);
    assert.deepEqual(statesWith(cdr, 'compare'), ALL_STATES);
    const blind = withCaps(cdr, { get: false });
    for (const a of ['saveReport', 'copyMarkdown', 'compare'] as const) assert.deepEqual(statesWith(blind, a), [], a);
    assert.deepEqual(statesWith(blind, 'copyLink'), ALL_STATES);
    assert.deepEqual(statesWith(cdr, 'report'), []);
  });

  it('All Changes: a listed job may have diffs; a detail has it only when a target (or a step) carries one', () => {
    const cnaas = adapter('cnaas-nms');
    const target = (diff?: string, children?: JobTarget[]): JobTarget => ({
      id: 't',
      name: 't',
      kind: 'device',
      state: 'succeeded',
      rawState: 'FINISHED',
      diff,
      children,
    });
    const detail = (targets: JobTarget[]): JobDetail => ({ ...job('succeeded'), timeline: [], targets });
    assert.ok(has(cnaas, job('succeeded'), 'allChanges'));
    assert.ok(!has(cnaas, detail([]), 'allChanges'));
    assert.ok(!has(cnaas, detail([target(), target(undefined, [target()])]), 'allChanges'));
    assert.ok(!has(cnaas, detail([target('')]), 'allChanges'));
    assert.ok(has(cnaas, detail([target(), target('@@ -1 +1 @@\n-a\n+b')]), 'allChanges'));
    assert.ok(has(cnaas, detail([target(undefined, [target(), target('@@ -1 +1 @@')])]), 'allChanges'));
    assert.ok(!has(adapter('cdrouter'), job('succeeded'), 'allChanges'));
  });

  it('context words: the kind, then the actions, for menu clauses', () => {
    assert.equal(contextWords('cdrouter', ['open', 'stop']), 'cdrouter open stop');
    assert.equal(contextWords('beacon', []), 'beacon');
  });
});
