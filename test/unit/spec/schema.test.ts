// The shipped JSON Schema (media/jobdeck-spec.schema.json) is the one the field table makes,
// it accepts every example (fixtures, docs) and refuses what it can refuse; the docs' examples
// check clean in the analyzer too.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { analyzeSpec } from '../../../src/specfile/analyze';
import { formatOf, parseSpec } from '../../../src/specfile/document';
import { commonFields, dialectFields } from '../../../src/specfile/fields';
import { DIALECT_KINDS } from '../../../src/client/dialectInfo';
import { buildSchema } from '../../../src/specfile/schema';
import { CONNECTIONS, okChoices } from './support';

const ROOT = path.resolve(__dirname, '../../../..');
const SCHEMA_FILE = path.join(ROOT, 'media/jobdeck-spec.schema.json');
const FIXTURES = path.join(ROOT, 'test/fixtures/specs');

type Schema = Record<string, any>;

/** The subset of JSON Schema the file uses: type, properties, additionalProperties, items, anyOf, required, $ref. */
function validate(schema: Schema, value: unknown, root: Schema = schema, at = '$'): string[] {
  if (schema.$ref)
    return validate(root.definitions[String(schema.$ref).replace('#/definitions/', '')], value, root, at);
  if (schema.anyOf) {
    const results = (schema.anyOf as Schema[]).map((s) => validate(s, value, root, at));
    return results.some((r) => r.length === 0) ? [] : [`${at}: matches none of anyOf`];
  }
  const errors: string[] = [];
  if (schema.type) {
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = Array.isArray(value)
      ? 'array'
      : value === null
        ? 'null'
        : typeof value === 'number' && Number.isInteger(value)
          ? 'integer'
          : typeof value;
    const ok = types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
    if (!ok) return [`${at}: ${actual} is not ${types.join('|')}`];
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in obj)) errors.push(`${at}: missing ${r}`);
    for (const [k, v] of Object.entries(obj)) {
      const sub = schema.properties?.[k];
      if (sub) errors.push(...validate(sub, v, root, `${at}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: ${k} is not allowed`);
    }
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((v, i) => errors.push(...validate(schema.items, v, root, `${at}[${i}]`)));
  return errors;
}

describe('spec files: JSON Schema and docs', () => {
  const shipped = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Schema;

  it('the shipped schema is the one the field table makes', () => {
    const made = buildSchema();
    if (process.env.JOBDECK_WRITE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, JSON.stringify(made, null, 2) + '\n');
    assert.deepEqual(
      shipped,
      made,
      'media/jobdeck-spec.schema.json is stale: run the unit tests once with JOBDECK_WRITE_SCHEMA=1',
    );
  });

  it('describes every field of every dialect, and nothing else', () => {
    const props = shipped.definitions.launch.properties as Record<string, Schema>;
    const keys = new Set([...commonFields(), ...DIALECT_KINDS.flatMap((k) => dialectFields(k))].map((f) => f.key));
    assert.deepEqual(Object.keys(props).sort(), [...keys].sort());
    for (const [k, p] of Object.entries(props))
      assert.ok(String(p.markdownDescription).length > 20, `${k} has a description`);
    assert.match(
      props.schedule.markdownDescription,
      /stack-jobs: [\s\S]*beacon: /,
      'a key of two dialects documents both',
    );
    assert.equal(props.schedule.anyOf.length, 2);
    assert.deepEqual(Object.keys(props.schedule.anyOf[1].properties), [
      'start',
      'end',
      'min',
      'hour',
      'dom',
      'dow',
      'month',
    ]);
  });

  it('accepts every fixture and refuses unknown keys and wrong types', () => {
    const files = readdirSync(FIXTURES).filter((f) => /\.jobdeck\.(ya?ml|json)$/.test(f));
    assert.ok(files.length >= 6);
    for (const f of files) {
      if (f.startsWith('problems.')) continue;
      const data = parseYaml(readFileSync(path.join(FIXTURES, f), 'utf8')) as unknown;
      assert.deepEqual(validate(shipped, data), [], f);
    }
    assert.deepEqual(validate(shipped, { launches: [{ connection: 'x', colour: 'red' }] }), [
      '$.launches[0]: colour is not allowed',
    ]);
    assert.deepEqual(validate(shipped, { launches: [{ connection: 'x', noop: 'yes' }] }), [
      '$.launches[0].noop: string is not boolean',
    ]);
    assert.deepEqual(validate(shipped, { connection: 'x' }), ['$: missing launches']);
    assert.deepEqual(validate(shipped, { launches: [{ schedule: true }] }), [
      '$.launches[0].schedule: matches none of anyOf',
    ]);
  });

  it('the docs show an example per dialect, and every launchable example checks clean', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/spec-files.md'), 'utf8');
    const blocks = [...doc.matchAll(/```(yaml|json)\n([\s\S]*?)```/g)].map((m) => ({
      format: m[1] as 'yaml' | 'json',
      text: m[2],
    }));
    assert.ok(blocks.length >= 7, `${blocks.length} examples`);
    const kinds = new Set<string>();
    for (const b of blocks) {
      const a = analyzeSpec(parseSpec(b.text, b.format), { connections: CONNECTIONS, choices: okChoices });
      for (const l of a.launches) if (l.connection) kinds.add(l.connection.kind);
      const expected = b.text.includes('demo-cnaas') ? ['cannotLaunch'] : [];
      assert.deepEqual(
        a.problems.map((p) => `${p.code}: ${p.message}`).map((s) => s.split(':')[0]),
        expected,
        b.text,
      );
      if (!expected.length)
        assert.ok(
          a.launches.every((l) => l.launch),
          b.text,
        );
    }
    assert.deepEqual([...kinds].sort(), ['beacon', 'cdrouter', 'cnaas-nms', 'puppet-orchestrator', 'stack-jobs']);
    for (const f of readdirSync(FIXTURES)) assert.equal(formatOf(f), f.endsWith('.json') ? 'json' : 'yaml');
  });
});
