// The JSON Schema of spec files, derived from the field table. It ships as
// media/jobdeck-spec.schema.json (contributed through jsonValidation for *.jobdeck.json, and
// usable by other tools); a unit test fails when that file and this function disagree.
// A schema cannot know which dialect a connection name stands for, so it accepts the union of
// all dialects' fields; the language server checks the per-dialect rules.
import type { DialectKind } from '../client/model';
import { DIALECT_INFO as DIALECTS, DIALECT_KINDS } from '../client/dialectInfo';
import { DIALECT_TITLES, FieldDef, commonFields, dialectFields } from './fields';

type Json = Record<string, unknown>;

export function buildSchema(): Json {
  const launchProps: Record<string, Json> = {};
  for (const f of commonFields()) launchProps[f.key] = described(typeSchema(f), f.doc);
  const byKey = new Map<string, { kind: DialectKind; def: FieldDef }[]>();
  for (const kind of DIALECT_KINDS) {
    for (const def of dialectFields(kind)) byKey.set(def.key, [...(byKey.get(def.key) ?? []), { kind, def }]);
  }
  for (const [key, owners] of byKey) {
    const doc = owners.map((o) => `${DIALECT_TITLES[o.kind]}: ${o.def.doc}`).join('\n\n');
    const schemas = owners.map((o) => typeSchema(o.def));
    const distinct = schemas.filter((s, i) => schemas.findIndex((t) => JSON.stringify(t) === JSON.stringify(s)) === i);
    launchProps[key] = described(distinct.length === 1 ? distinct[0] : { anyOf: distinct }, doc);
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Jobdeck spec file',
    description:
      'Launches of remote jobs, one list item per launch (see docs/spec-files.md). Which fields apply depends on the kind of the named connection.',
    type: 'object',
    required: ['launches'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      connection: described({ type: TEXT }, 'The default connection for every launch that does not name its own.'),
      launches: described({ type: 'array', items: { $ref: '#/definitions/launch' } }, 'The launches of this file.'),
    },
    definitions: {
      launch: {
        type: 'object',
        additionalProperties: false,
        properties: launchProps,
        defaultSnippets: DIALECT_KINDS.filter((k) => dialectFields(k).length).map((k) => ({
          label: `${DIALECT_TITLES[k]} launch`,
          body: snippetBody(k),
        })),
      },
    },
  };
}

function snippetBody(kind: DialectKind): Json {
  const body: Json = { connection: '$1' };
  let n = 2;
  for (const key of DIALECTS[kind].launch?.().snippet ?? []) {
    const def = dialectFields(kind).find((f) => f.key === key) as FieldDef;
    body[key] = def.type === 'array' || def.type === 'stringList' ? [`$${n++}`] : `$${n++}`;
  }
  return body;
}

// Types only: text fields take numbers too (YAML reads `name: 2024` as a number), and value
// rules (non-empty, minimum, known names) are the server's, so JSON files do not show them twice.
const TEXT = ['string', 'number'];

function typeSchema(f: FieldDef): Json {
  switch (f.type) {
    case 'string':
    case 'choice':
    case 'cron':
      return { type: TEXT };
    case 'choiceList':
    case 'stringList':
      return { type: 'array', items: { type: TEXT } };
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
      return { type: 'integer' };
    case 'array':
      return { type: 'array' };
    case 'time':
      return { type: TEXT };
    case 'block': {
      const properties: Record<string, Json> = {};
      for (const sub of f.fields ?? []) properties[sub.key] = described(typeSchema(sub), sub.doc);
      return { type: 'object', additionalProperties: false, properties };
    }
  }
}

function described(schema: Json, markdown: string): Json {
  return { ...schema, description: markdown.replace(/`/g, ''), markdownDescription: markdown };
}
