import * as assert from 'node:assert/strict';
import { analyzeSpec, AnalyzeEnv, ChoiceState, coveredBySchema, SpecProblem } from '../../../src/specfile/analyze';
import { parseSpec } from '../../../src/specfile/document';
import { CONNECTIONS, lines, okChoices, where } from './support';

const ENV: AnalyzeEnv = { connections: CONNECTIONS, choices: okChoices };

function problems(
  text: string,
  env: AnalyzeEnv = ENV,
): { code: string; severity: string; at: string; message: string }[] {
  const a = analyzeSpec(parseSpec(text), env);
  return a.problems.map((p: SpecProblem) => ({
    code: p.code,
    severity: p.severity,
    at: where(text, p.span),
    message: p.message,
  }));
}

describe('spec files: validation', () => {
  it('accepts a correct file of every launchable dialect without a problem', () => {
    const text = lines(
      'launches:',
      '  - connection: demo-cdrouter',
      '    package: dns',
      '  - connection: demo-puppet',
      '    environment: production',
      '    nodes: [web01]',
      '  - connection: demo-stack',
      '    schedule: daily 02:00',
      '    stack: web-frontend',
      '  - connection: demo-beacon',
      '    name: x',
      '    tasks: [a]',
    );
    assert.deepEqual(problems(text), []);
  });

  it('unknown connection: on the value, with the closest name and the configured ones', () => {
    const text = lines('launches:', '  - connection: demo-cdruter', '    package: dns');
    const p = problems(text);
    assert.equal(p.length, 1);
    assert.deepEqual([p[0].code, p[0].severity, p[0].at], ['unknownConnection', 'error', '2:17-2:29']);
    assert.match(
      p[0].message,
      /Unknown connection “demo-cdruter”\. Did you mean “demo-cdrouter”\? Configured: demo-cdrouter, demo-puppet/,
    );
  });

  it('says so when no connection is configured at all', () => {
    const p = problems(lines('launches:', '  - connection: lab'), { connections: [] });
    assert.match(p[0].message, /No connections are configured/);
  });

  it("missing connection: on the launch's first key; a top-level connection is the default", () => {
    const text = lines('launches:', '  - package: dns');
    const p = problems(text);
    assert.deepEqual(
      p.map((x) => [x.code, x.at]),
      [['missingConnection', '2:5-2:12']],
    );
    assert.deepEqual(problems(lines('connection: demo-cdrouter', 'launches:', '  - package: dns')), []);
    const bad = lines('connection: nope', 'launches:', '  - package: dns', '  - package: one');
    assert.deepEqual(
      problems(bad).map((x) => [x.code, x.at]),
      [['unknownConnection', '1:13-1:17']],
      'reported once, at the top',
    );
  });

  it("missing required field: names the field and the dialect, on the launch's first key", () => {
    const text = lines('launches:', '  - connection: demo-stack', '    stack: web-frontend');
    const p = problems(text);
    assert.deepEqual(
      p.map((x) => [x.code, x.at]),
      [['missingField', '2:5-2:15']],
    );
    assert.match(p[0].message, /Missing “schedule” \(required for a stack-jobs launch\)/);
  });

  it('exactly one of a group: none, and two', () => {
    const none = problems(lines('launches:', '  - connection: demo-puppet', '    environment: production'));
    assert.deepEqual(
      none.map((x) => x.code),
      ['missingField'],
    );
    assert.match(none[0].message, /one of “nodes”, “query”, “nodeGroup”/);
    const text = lines(
      'launches:',
      '  - connection: demo-puppet',
      '    environment: production',
      '    nodes: [a]',
      '    query: x',
    );
    const two = problems(text);
    assert.deepEqual(
      two.map((x) => [x.code, x.at]),
      [['exclusiveFields', '5:5-5:10']],
    );
    const beacon = problems(
      lines(
        'launches:',
        '  - connection: demo-beacon',
        '    name: n',
        '    tasks: [a]',
        '    queue: true',
        '    schedule: {hour: 1}',
      ),
    );
    assert.deepEqual(
      beacon.map((x) => x.code),
      ['exclusiveFields'],
    );
  });

  it('wrong types: on the value, saying what was expected and what was found', () => {
    const text = lines(
      'launches:',
      '  - connection: demo-puppet',
      '    environment: production',
      '    nodes: web01',
      '    noop: yes',
      '    concurrency: 1.5',
      '  - connection: demo-cdrouter',
      '    package: [dns]',
      '    tags: [a, {b: 1}]',
    );
    const p = problems(text);
    assert.deepEqual(
      p.map((x) => [x.code, x.at]),
      [
        ['wrongType', '4:12-4:17'],
        ['wrongType', '5:11-5:14'],
        ['wrongType', '6:18-6:21'],
        ['wrongType', '8:14-8:19'],
        ['wrongType', '9:15-9:21'],
      ],
    );
    assert.equal(p[0].message, '“nodes” must be a list (`[a, b]` or `- a` lines), not “web01”.');
    assert.equal(p[1].message, '“noop” must be true or false, not “yes”.');
    assert.equal(p[2].message, '“concurrency” must be a whole number, not the number 1.5.');
    assert.equal(p[3].message, '“package” must be a name or an id, not a list.');
  });

  it('invalid values: empty text, below a minimum, empty lists, bad times and cron fields', () => {
    const text = lines(
      'launches:',
      '  - connection: demo-puppet',
      '    environment: ""',
      '    nodes: []',
      '    concurrency: 0',
      '  - connection: demo-beacon',
      '    name: n',
      '    tasks: []',
      '    schedule: {start: yesterday, hour: "2 3"}',
    );
    const p = problems(text);
    assert.deepEqual(
      p.map((x) => [x.code, x.at]),
      [
        ['invalidValue', '3:18-3:20'],
        ['invalidValue', '4:12-4:14'],
        ['invalidValue', '5:18-5:19'],
        ['invalidValue', '8:12-8:14'],
        ['invalidValue', '9:23-9:32'],
        ['invalidValue', '9:40-9:45'],
      ],
    );
    assert.match(p[2].message, /at least 1/);
    assert.match(p[4].message, /ISO date-time/);
  });

  it('a field of another dialect, and a field of none', () => {
    const text = lines(
      'launches:',
      '  - connection: demo-cdrouter',
      '    package: dns',
      '    environment: production',
      '    colour: red',
    );
    const p = problems(text);
    assert.deepEqual(
      p.map((x) => [x.code, x.at]),
      [
        ['unknownField', '4:5-4:16'],
        ['unknownField', '5:5-5:11'],
      ],
    );
    assert.match(p[0].message, /“environment” is a Puppet orchestrator field; demo-cdrouter is a CDRouter connection/);
    assert.match(p[1].message, /CDRouter launches take: label, package, packages, device/);
  });

  it('CDRouter bulk launch (packages) takes tags only', () => {
    const text = lines(
      'launches:',
      '  - connection: demo-cdrouter',
      '    packages: [dns, smoke]',
      '    tags: [x]',
      '    device: Device Foo',
    );
    const p = problems(text);
    assert.deepEqual(
      p.map((x) => [x.code, x.at]),
      [['exclusiveFields', '5:5-5:11']],
    );
    assert.match(p[0].message, /bulk launch/);
  });

  it('a dialect without launch: on the connection value', () => {
    const text = lines('launches:', '  - connection: demo-cnaas');
    const p = problems(text);
    assert.deepEqual(
      p.map((x) => [x.code, x.at]),
      [['cannotLaunch', '2:17-2:27']],
    );
    assert.match(p[0].message, /CNaaS-NMS jobs cannot be launched/);
  });

  it('file shape: not a map, no launches, launches not a list, unknown top-level keys', () => {
    assert.deepEqual(
      problems('- a\n').map((x) => x.code),
      ['notAMap'],
    );
    assert.deepEqual(
      problems('connection: demo-cdrouter\n').map((x) => [x.code, x.at]),
      [['missingLaunches', '1:1-1:11']],
    );
    assert.deepEqual(
      problems('launches: 3\n').map((x) => [x.code, x.at]),
      [['wrongType', '1:11-1:12']],
    );
    assert.deepEqual(
      problems('launches:\n').map((x) => x.code),
      ['missingField'],
    );
    assert.deepEqual(
      problems(lines('launches: []', 'lunches: []')).map((x) => [x.code, x.severity, x.at]),
      [['unknownField', 'warning', '2:1-2:8']],
    );
    assert.deepEqual(
      problems(lines('launches:', '  - just text')).map((x) => x.code),
      ['notAMap'],
    );
    assert.deepEqual(problems(''), [], 'an empty new file is not an error');
  });

  describe('values on the server', () => {
    it('unknown package (a complete list) is an error on the value, with "did you mean"', () => {
      const text = lines('launches:', '  - connection: demo-cdrouter', '    package: nightly perfomance');
      const p = problems(text);
      assert.deepEqual(
        p.map((x) => [x.code, x.severity, x.at]),
        [['notOnServer', 'error', '3:14-3:32']],
      );
      assert.equal(
        p[0].message,
        'No package “nightly perfomance” on demo-cdrouter (6 packages listed). Did you mean “nightly performance”?',
      );
    });

    it('unknown environment (a list of what recent jobs used) is only a warning, and still launches', () => {
      const text = lines('launches:', '  - connection: demo-puppet', '    environment: feature_x', '    nodes: [a]');
      const a = analyzeSpec(parseSpec(text), ENV);
      assert.deepEqual(
        a.problems.map((x) => [x.code, x.severity]),
        [['notOnServer', 'warning']],
      );
      assert.match(a.problems[0].message, /No recent job on demo-puppet used the environment “feature_x”/);
      assert.deepEqual(a.launches[0].launch, {
        spec: { kind: 'puppet-orchestrator', environment: 'feature_x', scope: { nodes: ['a'] } },
      });
    });

    it('items of a list are checked one by one', () => {
      const text = lines(
        'launches:',
        '  - connection: demo-cdrouter',
        '    packages:',
        '      - dns',
        '      - nope',
        '      - 1167',
      );
      const p = problems(text);
      assert.deepEqual(
        p.map((x) => [x.code, x.at]),
        [['notOnServer', '5:9-5:13']],
      );
    });

    it('an ambiguous name asks for the id; ids and names in any case resolve', () => {
      const choices = (_: string, field: string): ChoiceState =>
        field === 'device'
          ? {
              status: 'ok',
              choices: [
                { id: '1', label: 'dut' },
                { id: '2', label: 'dut' },
              ],
            }
          : okChoices('', field as 'package');
      const text = lines('launches:', '  - connection: demo-cdrouter', '    package: DNS', '    device: dut');
      const a = analyzeSpec(parseSpec(text), { connections: CONNECTIONS, choices });
      assert.deepEqual(
        a.problems.map((x) => [x.code, x.message]),
        [['ambiguous', '“dut” matches 2 devices on demo-cdrouter (ids 1, 2): write the id.']],
      );
      assert.equal(a.launches[0].values[0].choice?.id, '1034');
    });

    it('lists that could not be read: one warning per connection and list; ids still launch, names do not', () => {
      const down = (): ChoiceState => ({ status: 'error', message: 'not authorized (HTTP 401)' });
      const text = lines(
        'launches:',
        '  - connection: demo-cdrouter',
        '    package: 1034',
        '  - connection: demo-cdrouter',
        '    package: dns',
      );
      const a = analyzeSpec(parseSpec(text), { connections: CONNECTIONS, choices: down });
      assert.deepEqual(
        a.problems.map((x) => [x.code, x.severity, where(text, x.span)]),
        [['listUnavailable', 'warning', '3:14-3:18']],
      );
      assert.match(a.problems[0].message, /Could not check packages on demo-cdrouter: not authorized/);
      assert.deepEqual(a.launches[0].launch, { spec: { kind: 'cdrouter', packageId: '1034' } });
      assert.equal(a.launches[1].launch, undefined);
      assert.match(a.launches[1].blockers[0], /cannot resolve the package “dns” on demo-cdrouter: not authorized/);
    });

    it('not read yet: no problem shown, but the launch waits (needs lists what to load)', () => {
      const text = lines('launches:', '  - connection: demo-stack', '    schedule: daily 02:00', '    stack: 1');
      const a = analyzeSpec(parseSpec(text), { connections: CONNECTIONS });
      assert.deepEqual(a.problems, []);
      assert.deepEqual(a.needs, [
        { connection: 'demo-stack', field: 'schedule' },
        { connection: 'demo-stack', field: 'stack' },
      ]);
      assert.equal(a.launches[0].launch, undefined);
      assert.match(a.launches[0].blockers[0], /schedules of demo-stack have not been read yet/);
    });

    it('a server without a list: ids pass, names cannot be looked up', () => {
      const empty = (): ChoiceState => ({ status: 'ok', choices: [] });
      const text = lines(
        'launches:',
        '  - connection: demo-cdrouter',
        '    package: 7',
        '  - connection: demo-cdrouter',
        '    package: dns',
      );
      const a = analyzeSpec(parseSpec(text), { connections: CONNECTIONS, choices: empty });
      assert.deepEqual(
        a.problems.map((x) => [x.code, where(text, x.span)]),
        [['notOnServer', '5:14-5:17']],
      );
      assert.match(a.problems[0].message, /lists no packages, so “dns” cannot be looked up: write the package's id/);
      assert.deepEqual(a.launches[0].launch, { spec: { kind: 'cdrouter', packageId: '7' } });
    });
  });

  it('JSON files leave syntax, uniform types and unknown keys to the JSON Schema', () => {
    const text =
      '{"launches": [{"connection": "demo-puppet", "environment": "production", "nodes": ["a"], "noop": "yes", "zzz": 1, "query": "q"}], "x": 1';
    const a = analyzeSpec(parseSpec(text, 'json'), ENV);
    const shown = a.problems.filter((p) => !coveredBySchema(p)).map((p) => p.code);
    assert.deepEqual(shown, ['exclusiveFields']);
    assert.ok(a.problems.some((p) => p.code === 'syntax' && coveredBySchema(p)));
    assert.ok(a.problems.some((p) => p.code === 'wrongType' && p.field === 'noop' && coveredBySchema(p)));
    assert.ok(a.problems.some((p) => p.code === 'unknownField' && p.field === 'zzz' && coveredBySchema(p)));
    // `schedule` is a name in stack-jobs and a block in beacon: the schema cannot say which.
    assert.equal(
      coveredBySchema({
        code: 'wrongType',
        severity: 'error',
        message: '',
        span: { start: 0, end: 0 },
        field: 'schedule',
      }),
      false,
    );
    assert.equal(
      coveredBySchema({
        code: 'unknownField',
        severity: 'error',
        message: '',
        span: { start: 0, end: 0 },
        field: 'environment',
      }),
      false,
    );
  });
});
