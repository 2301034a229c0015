import * as assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import type { ChoiceField } from '../../../src/client/launch/fields';
import type { ChoiceState } from '../../../src/specfile/analyze';
import { complete, completionContext, CompletionEnv, yamlPlain } from '../../../src/specfile/complete';
import { CONNECTIONS, cursor, lines, okChoices } from './support';

function env(asked: { connection: string; field: ChoiceField }[] = [], choices = okChoices): CompletionEnv {
  return {
    connections: CONNECTIONS,
    choices: async (connection, field) => {
      asked.push({ connection, field });
      return choices(connection, field);
    },
  };
}

async function items(marked: string, format: 'yaml' | 'json' = 'yaml', e = env()): Promise<CompletionItem[]> {
  const { text, offset } = cursor(marked);
  return complete(text, format, offset, e);
}

function labels(list: CompletionItem[]): string[] {
  return list.map((i) => i.label);
}

function applied(marked: string, item: CompletionItem): string {
  const { text } = cursor(marked);
  const edit = item.textEdit as TextEdit;
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => (m.index as number) + 1)];
  const at = (p: { line: number; character: number }) => lineStarts[p.line] + p.character;
  return text.slice(0, at(edit.range.start)) + edit.newText + text.slice(at(edit.range.end));
}

describe('spec files: completion', () => {
  it("field names of the launch's dialect, required first, without those already there", async () => {
    const marked = lines('launches:', '  - connection: demo-puppet', '    environment: production', '    n|');
    const list = await items(marked);
    const sorted = [...list].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.deepEqual(labels(sorted), ['label', 'nodes', 'query', 'nodeGroup', 'noop', 'concurrency', 'description']);
    const nodes = list.find((i) => i.label === 'nodes') as CompletionItem;
    assert.equal(
      applied(marked, nodes),
      lines('launches:', '  - connection: demo-puppet', '    environment: production', '    nodes: \n  - $0'),
    );
    assert.match(String((nodes.documentation as { value: string }).value), /Sent as `scope.nodes`/);
    assert.equal(nodes.detail, 'Puppet orchestrator launch');
  });

  it('field names for a new list item: connection first; for an unknown connection only the common fields', async () => {
    const newItem = await items(lines('launches:', '  - connection: demo-stack', '    schedule: 1', '  - |'));
    assert.deepEqual(labels(newItem), ['connection', 'label']);
    const unknown = await items(lines('launches:', '  - connection: nope', '    |'));
    assert.deepEqual(labels(unknown), ['label']);
    const withDefault = await items(lines('connection: demo-stack', 'launches:', '  - |'));
    assert.deepEqual(labels(withDefault).slice(0, 3), ['connection', 'label', 'schedule']);
  });

  it('top-level keys, and the beacon schedule block', async () => {
    assert.deepEqual(labels(await items('|')), ['launches', 'connection']);
    assert.deepEqual(labels(await items(lines('launches: []', 'c|'))), ['connection']);
    const block = await items(
      lines('launches:', '  - connection: demo-beacon', '    schedule:', '      hour: 2', '      m|'),
    );
    assert.deepEqual(labels(block), ['start', 'end', 'min', 'dom', 'dow', 'month']);
  });

  it('live package names from the connection, replacing the whole value being typed', async () => {
    const asked: { connection: string; field: ChoiceField }[] = [];
    const marked = lines('launches:', '  - connection: demo-cdrouter', '    package: nightly pe|');
    const list = await items(marked, 'yaml', env(asked));
    assert.deepEqual(asked, [{ connection: 'demo-cdrouter', field: 'package' }]);
    assert.deepEqual(labels(list), ['one', 'dns', 'nightly performance', 'smoke', 'all', 'all (copy 1)']);
    const nightly = list[2];
    assert.equal(nightly.detail, 'package 1069');
    assert.equal(nightly.filterText, 'nightly performance 1069');
    assert.equal(
      applied(marked, nightly),
      lines('launches:', '  - connection: demo-cdrouter', '    package: nightly performance'),
    );
  });

  it('values in lists (block and flow), devices, environments, schedules, stacks, beacons', async () => {
    assert.deepEqual(
      labels(
        await items(lines('launches:', '  - connection: demo-cdrouter', '    packages:', '      - dns', '      - |')),
      ).length,
      6,
    );
    assert.deepEqual(
      labels(await items(lines('launches:', '  - connection: demo-cdrouter', '    packages: [dns, |]'))).length,
      6,
    );
    assert.deepEqual(labels(await items(lines('launches:', '  - connection: demo-cdrouter', '    device: |'))), [
      'Device Foo',
      'Archer AX55',
    ]);
    assert.deepEqual(labels(await items(lines('launches:', '  - connection: demo-puppet', '    environment: |'))), [
      'production',
      'staging',
      'development',
    ]);
    assert.deepEqual(labels(await items(lines('launches:', '  - connection: demo-stack', '    stack: |'))), [
      'web-frontend',
      'billing-api',
      'monitoring',
    ]);
    assert.deepEqual(labels(await items(lines('connection: demo-beacon', 'launches:', '  - beacon: |'))), [
      'default',
      'lab-2',
    ]);
    // A single-value field offers nothing inside a list, a list field nothing as a scalar.
    assert.deepEqual(await items(lines('launches:', '  - connection: demo-cdrouter', '    package: [|]')), []);
  });

  it('connection names, booleans; nothing for free text', async () => {
    const conns = await items(lines('launches:', '  - connection: de|'));
    assert.deepEqual(
      labels(conns),
      CONNECTIONS.map((c) => c.name),
    );
    assert.equal(conns.find((c) => c.label === 'demo-cnaas')?.detail, 'CNaaS-NMS (cannot launch)');
    assert.deepEqual(labels(await items(lines('launches:', '  - connection: demo-puppet', '    noop: |'))), [
      'true',
      'false',
    ]);
    assert.deepEqual(await items(lines('launches:', '  - connection: demo-puppet', '    description: |')), []);
    assert.deepEqual(await items(lines('launches:', '  - connection: demo-puppet', '    # a comment |')), []);
  });

  it('quotes a YAML value when it would not read back as the same name', async () => {
    const choices = (c: string, f: ChoiceField): ChoiceState =>
      f === 'package'
        ? {
            status: 'ok',
            choices: [
              { id: '1', label: 'a: b' },
              { id: '2', label: 'yes' },
              { id: '3', label: '#x' },
              { id: '4', label: 'plain name' },
            ],
          }
        : okChoices(c, f);
    const list = await items(
      lines('launches:', '  - connection: demo-cdrouter', '    package: |'),
      'yaml',
      env([], choices),
    );
    assert.deepEqual(
      list.map((i) => (i.textEdit as TextEdit).newText),
      ['"a: b"', '"yes"', '"#x"', 'plain name'],
    );
    assert.equal(yamlPlain('1034'), '1034');
    assert.equal(yamlPlain('1.5'), '"1.5"');
    assert.equal(yamlPlain('Fritz!Box 7590'), '"Fritz!Box 7590"');
  });

  it('inserts the id where two values share a name', async () => {
    const choices = (c: string, f: ChoiceField): ChoiceState =>
      f === 'device'
        ? {
            status: 'ok',
            choices: [
              { id: '1', label: 'dut' },
              { id: '2', label: 'dut' },
              { id: '3', label: 'other' },
            ],
          }
        : okChoices(c, f);
    const list = await items(
      lines('launches:', '  - connection: demo-cdrouter', '    device: |'),
      'yaml',
      env([], choices),
    );
    assert.deepEqual(
      list.map((i) => (i.textEdit as TextEdit).newText),
      ['1', '2', 'other'],
    );
  });

  it('after `key:` with no blank yet, the value gets one', async () => {
    const marked = lines('launches:', '  - connection: demo-puppet', '    noop:|');
    const list = await items(marked);
    assert.equal(applied(marked, list[0]), lines('launches:', '  - connection: demo-puppet', '    noop: true'));
  });

  it('JSON: values inside and outside quotes; keys are left to the JSON Schema', async () => {
    const inside = '{"launches": [{"connection": "demo-cdrouter", "package": "ni|"}]}';
    const list = await items(inside, 'json');
    assert.equal(list.length, 6);
    assert.equal(
      applied(inside, list[2]),
      '{"launches": [{"connection": "demo-cdrouter", "package": "nightly performance"}]}',
    );
    const outside = '{"launches": [{"connection": "demo-stack", "stack": |}]}';
    const l2 = await items(outside, 'json');
    assert.equal(applied(outside, l2[0]), '{"launches": [{"connection": "demo-stack", "stack": "web-frontend"}]}');
    assert.deepEqual(await items('{"launches": [{"connection": "demo-stack", "|"}]}', 'json'), []);
    const conn = await items('{"launches": [{"connection": "|"}]}', 'json');
    assert.equal(conn.length, CONNECTIONS.length);
  });

  it('a list that cannot be read shows one inert entry saying why', async () => {
    const down = (): ChoiceState => ({ status: 'error', message: 'not authorized (HTTP 401)' });
    const marked = lines('launches:', '  - connection: demo-cdrouter', '    package: dn|');
    const list = await items(marked, 'yaml', env([], down));
    assert.equal(list.length, 1);
    assert.equal(list[0].label, '(could not read from demo-cdrouter)');
    assert.equal(list[0].detail, 'not authorized (HTTP 401)');
    assert.equal(applied(marked, list[0]), cursor(marked).text, 'choosing it changes nothing');
  });

  it('finds the context in unfinished text', () => {
    const c = cursor(
      lines(
        'launches:',
        '  - connection: demo-cdrouter',
        '    package: |',
        '    tags: [a',
        '  - connection: demo-puppet',
      ),
    );
    const ctx = completionContext(c.text, 'yaml', c.offset);
    assert.equal(ctx?.at, 'value');
    assert.equal(ctx?.at === 'value' && ctx.key, 'package');
    assert.equal(ctx?.at === 'value' && ctx.connection, 'demo-cdrouter');
  });
});
