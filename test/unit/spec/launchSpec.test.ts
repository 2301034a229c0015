import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeSpec } from '../../../src/specfile/analyze';
import { formatOf, parseSpec } from '../../../src/specfile/document';
import { CONNECTIONS, lines, okChoices } from './support';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/specs');

function launchesOf(name: string) {
  const text = readFileSync(path.join(FIXTURES, name), 'utf8');
  const a = analyzeSpec(parseSpec(text, formatOf(name)), { connections: CONNECTIONS, choices: okChoices });
  return a;
}

describe('spec files: mapping to LaunchSpec', () => {
  it('CDRouter: names → ids, options, and a packages list as one native bulk launch', () => {
    const a = launchesOf('cdrouter.jobdeck.yaml');
    assert.deepEqual(a.problems, []);
    assert.deepEqual(
      a.launches.map((l) => l.launch),
      [
        {
          spec: {
            kind: 'cdrouter',
            packageId: '1069',
            deviceId: '12',
            configId: '34',
            options: {
              tags: ['nightly', 'release'],
              skipTests: ['cdrouter_nat_2'],
              extraCliArgs: '-testvar lanIp=192.168.1.1',
            },
          },
        },
        { spec: { kind: 'cdrouter', packageId: '1034', options: { beginAt: 'cdrouter_dns_3' } } },
        {
          bulk: {
            by: 'packages',
            jobs: [
              { packageId: '1167', tags: ['smoke'] },
              { packageId: '1034', tags: ['smoke'] },
            ],
          },
        },
      ],
    );
    assert.deepEqual(
      a.launches.map((l) => l.title),
      ['Nightly performance on the Foo box', 'demo-cdrouter: 1034', 'Smoke and DNS together (one bulk launch)'],
    );
  });

  it('Puppet: environment, one scope, noop, concurrency, description', () => {
    const a = launchesOf('puppet.jobdeck.yaml');
    assert.deepEqual(a.problems, []);
    assert.deepEqual(
      a.launches.map((l) => l.launch),
      [
        {
          spec: {
            kind: 'puppet-orchestrator',
            environment: 'production',
            scope: { nodes: ['web01.example.com', 'web02.example.com'] },
            noop: true,
            description: 'noop check before change window',
          },
        },
        {
          spec: {
            kind: 'puppet-orchestrator',
            environment: 'staging',
            scope: { query: 'nodes[certname] { facts { name = "role" and value = "db" } }' },
            concurrency: 2,
          },
        },
      ],
    );
  });

  it('stack-jobs: schedule and stack as numbers, name, enabled', () => {
    const a = launchesOf('stack-jobs.jobdeck.yaml');
    assert.deepEqual(a.problems, []);
    assert.deepEqual(
      a.launches.map((l) => l.launch),
      [
        {
          spec: { kind: 'stack-jobs', scheduleId: 2, stackId: 1, name: 'web-frontend nightly rebuild', enabled: true },
        },
        { spec: { kind: 'stack-jobs', scheduleId: 5, stackId: 2, enabled: false } },
      ],
    );
  });

  it('beacon: tasks as written, queue, or a schedule with times in ms and cron fields as text', () => {
    const a = launchesOf('beacon.jobdeck.yaml');
    assert.deepEqual(a.problems, []);
    assert.deepEqual(
      a.launches.map((l) => l.launch),
      [
        {
          spec: {
            kind: 'beacon',
            name: 'rack check',
            beaconName: 'lab-2',
            tasks: ['ping 10.0.0.1', { cmd: 'traceroute', host: '10.0.0.1' }],
            queue: true,
          },
        },
        {
          spec: {
            kind: 'beacon',
            name: 'weekday inventory',
            tasks: ['inventory'],
            schedule: { startDate: Date.UTC(2026, 0, 1), min: '0', hour: '2', dom: '*', dow: '1-5', month: '*' },
          },
        },
      ],
    );
  });

  it('beacon schedule times: unix seconds become ms', () => {
    const text = lines(
      'launches:',
      '  - connection: demo-beacon',
      '    name: n',
      '    tasks: [t]',
      '    schedule: {start: 1767225600, end: 1767312000}',
    );
    const a = analyzeSpec(parseSpec(text), { connections: CONNECTIONS, choices: okChoices });
    assert.deepEqual(a.launches[0].launch, {
      spec: { kind: 'beacon', name: 'n', tasks: ['t'], schedule: { startDate: 1767225600000, endDate: 1767312000000 } },
    });
  });

  it('CNaaS-NMS: nothing to launch, and says why', () => {
    const a = launchesOf('cnaas-nms.jobdeck.yaml');
    assert.deepEqual(
      a.problems.map((p) => p.code),
      ['cannotLaunch'],
    );
    assert.equal(a.launches[0].launch, undefined);
  });

  it('the JSON example maps like the YAML ones', () => {
    const a = launchesOf('mixed.jobdeck.json');
    assert.deepEqual(a.problems, []);
    assert.deepEqual(
      a.launches.map((l) => l.launch),
      [
        { spec: { kind: 'cdrouter', packageId: '1034', deviceId: '13', options: { tags: ['dns'] } } },
        {
          spec: {
            kind: 'puppet-orchestrator',
            environment: 'development',
            scope: { nodeGroup: '00000000-0000-4000-8000-000000000000' },
            noop: true,
          },
        },
        { spec: { kind: 'stack-jobs', scheduleId: 3, stackId: 4, name: 'monitoring probe' } },
        { spec: { kind: 'beacon', name: 'json queued', tasks: ['ping'], queue: true } },
      ],
    );
  });

  it('a launch with an error maps to nothing; the others still map', () => {
    const a = launchesOf('problems.jobdeck.yaml');
    assert.deepEqual(
      a.launches.map((l) => l.launch),
      [undefined, undefined, undefined],
    );
    const ok = analyzeSpec(
      parseSpec(
        lines(
          'launches:',
          '  - connection: demo-cdrouter',
          '    package: x',
          '  - connection: demo-cdrouter',
          '    package: dns',
        ),
      ),
      {
        connections: CONNECTIONS,
        choices: okChoices,
      },
    );
    assert.deepEqual(
      ok.launches.map((l) => Boolean(l.launch)),
      [false, true],
    );
  });
});
