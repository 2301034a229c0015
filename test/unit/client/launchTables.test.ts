// Every dialect's launch table is whole: each field has a key, a known type, a label and a doc
// (the wizard's review, hover and completion show them), every optional text it has says
// something, a choice names a list the adapters know and how sure it is, yes/no fields offer
// both answers, and snippets, groups and "only with" rules name fields that exist. A table
// with a blank label or an unknown choice would show nothing, or ask for nothing, to a user.
import * as assert from 'node:assert/strict';
import { DIALECT_INFO, DIALECT_KINDS } from '../../../src/client/dialectInfo';
import type { ChoiceField, FieldDef, FieldType, LaunchTable } from '../../../src/client/launch/fields';

const TYPES: FieldType[] = [
  'string',
  'choice',
  'choiceList',
  'stringList',
  'boolean',
  'integer',
  'array',
  'block',
  'time',
  'cron',
];
const CHOICES: ChoiceField[] = [
  'package',
  'device',
  'config',
  'environment',
  'nodeGroup',
  'schedule',
  'stack',
  'beacon',
];
const TEXTS = ['prompt', 'placeholder', 'sends', 'snippet', 'noun', 'emptyReview', 'to'] as const;

const said = (v: unknown) => typeof v === 'string' && v.trim() !== '';

function allFields(fields: readonly FieldDef[]): FieldDef[] {
  return fields.flatMap((f) => [f, ...allFields(f.fields ?? [])]);
}

const launching = DIALECT_KINDS.filter((kind) => DIALECT_INFO[kind].launch);
/**
 * A dialect's table, made inside the test that reads it: one made when this file loads would
 * be the same for every run of the test (mutation testing turns its mutants on per test).
 */
const tableOf = (kind: (typeof launching)[number]) => (DIALECT_INFO[kind].launch as () => LaunchTable)();

describe('launch tables are whole', () => {
  it('the four launching dialects have one, of their own kind', () => {
    assert.deepEqual(
      launching.map((kind) => [kind, tableOf(kind).kind]),
      [
        ['cdrouter', 'cdrouter'],
        ['puppet-orchestrator', 'puppet-orchestrator'],
        ['stack-jobs', 'stack-jobs'],
        ['beacon', 'beacon'],
      ],
    );
  });

  for (const kind of launching) {
    describe(kind, () => {
      let table: LaunchTable;
      let fields: FieldDef[];
      let keys: string[];
      beforeEach(() => {
        table = tableOf(kind);
        fields = allFields(table.fields);
        keys = table.fields.map((f) => f.key);
      });

      it('each field: a key of its own, a known type, a label and a doc; its other texts say something', () => {
        assert.equal(new Set(keys).size, keys.length, `keys ${keys}`);
        for (const f of fields) {
          const where = `${kind}.${f.key}`;
          assert.ok(said(f.key), `${where}: key`);
          assert.ok(TYPES.includes(f.type), `${where}: type ${f.type}`);
          assert.ok(said(f.label), `${where}: label`);
          assert.ok(said(f.doc), `${where}: doc`);
          for (const t of TEXTS) if (t in f) assert.ok(said(f[t]), `${where}: ${t} ${JSON.stringify(f[t])}`);
          if (f.type === 'block') assert.ok(f.fields?.length, `${where}: a block has fields`);
          else assert.ok(f.to !== undefined || f.wizard === false, `${where}: goes somewhere in the spec`);
        }
      });

      it('choices: a list the adapters know, and whether it is complete or only seen', () => {
        for (const f of fields.filter((x) => x.type === 'choice' || x.choice !== undefined)) {
          assert.ok(CHOICES.includes(f.choice as ChoiceField), `${kind}.${f.key}: choice ${f.choice}`);
          assert.ok(f.listIs === 'complete' || f.listIs === 'seen', `${kind}.${f.key}: listIs ${f.listIs}`);
        }
      });

      it('yes/no fields offer yes and no, each with its words', () => {
        for (const f of fields.filter((x) => x.options)) {
          assert.deepEqual(f.options!.map((o) => o.value).sort(), [false, true], `${kind}.${f.key}`);
          for (const o of f.options!) {
            assert.ok(said(o.label) && said(o.review), `${kind}.${f.key}: ${JSON.stringify(o)}`);
            if ('description' in o) assert.ok(said(o.description), `${kind}.${f.key}: ${JSON.stringify(o)}`);
          }
        }
      });

      it('the snippet, groups and "only with" rules name fields that exist, in words', () => {
        assert.ok(table.snippet.length > 0, 'a snippet to start from');
        for (const k of table.snippet) assert.ok(keys.includes(k), `snippet ${k}`);
        for (const g of table.groups ?? []) {
          assert.ok(g.keys.length > 0);
          for (const k of g.keys) assert.ok(keys.includes(k), `group key ${k}`);
          if (!g.wizard) continue;
          assert.ok(said(g.wizard.ask) && said(g.wizard.label), JSON.stringify(g.wizard));
          assert.ok(g.wizard.choices.length >= 2);
          for (const c of g.wizard.choices) {
            assert.ok(said(c.label) && said(c.description) && said(c.review), JSON.stringify(c));
            if (c.key !== undefined) assert.ok(g.keys.includes(c.key), `choice key ${c.key}`);
          }
        }
        for (const o of table.onlyWith ?? []) {
          assert.ok(keys.includes(o.key), `onlyWith ${o.key}`);
          for (const k of o.allows) assert.ok(keys.includes(k), `allows ${k}`);
          assert.ok(said(o.why));
        }
      });
    });
  }
});
