// Arbitraries for the fuzz: hostile leaf values, and mutations of real payloads (the seeds'
// fixtures). A mutation is a short list of edits, each aimed at "the n-th node" of the payload
// as it is when the edit applies, so a case is a plain value fast-check can replay and shrink.
import fc from 'fast-check';
import { MAX_JSON_DEPTH } from '../../../src/client/http';

// Built once: a case refers to them, it does not allocate its own megabytes.
const MB = 1 << 20;
export const HUGE_STRINGS: readonly string[] = [
  'x'.repeat(MB), // a 1 MB job name
  '\n'.repeat(MB / 4), // 256 k empty lines (tracebacks, lastLine)
  'a\n'.repeat(MB / 8),
  '<script>alert(1)</script>'.repeat(20_000),
  '%'.repeat(100_000), // decodeURIComponent
  ' '.repeat(MB / 2) + '1', // numeric-looking after trim
  '@@ -1,1 +1,1 @@\n-a\n+b\n'.repeat(30_000), // a big diff
  '\u202e'.repeat(50_000) + 'gpj.exe',
  '\u001b[31m'.repeat(50_000),
  '2019-06-19 13:50:08.' + '9'.repeat(100_000), // a time with an endless fraction
  '{'.repeat(100_000), // looks like JSON to decoders, is not
  '['.repeat(MAX_JSON_DEPTH - 2) + ']'.repeat(MAX_JSON_DEPTH - 2), // JSON text at the depth limit
  '['.repeat(100_000) + ']'.repeat(100_000), // JSON text far deeper (decoded by beacon)
  '{"message":"m","traceback":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}',
];

const STRANGE_STRINGS = [
  '',
  ' ',
  '0',
  '1',
  '-1',
  '1.5',
  '1e400',
  '-1e400',
  '1e16',
  '99999999999999999999',
  'NaN',
  'Infinity',
  '0x1F',
  '12abc',
  'null',
  'true',
  'false',
  '[]',
  '{}',
  '[{"failed":true}]',
  '{"message":"m","traceback":"t"}',
  '{"a":',
  '[1,2',
  '"',
  '%',
  '%E0%A4%A',
  '%zz',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'http://',
  'https://',
  'https://evil.example/orchestrator/v1/jobs/1',
  'https://evil.example/jobs/%',
  'https://orchestrator.example.com:8143/orchestrator/v1/jobs/%E0%A4%A',
  'https://orchestrator.example.com:8143/orchestrator/v1/jobs/..%2F..%2Fcommand%2Fstop',
  'http://127.0.0.1:1/jobs/../../x',
  '../../../etc/passwd',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202egpj.exe\u202c',
  '\u2066\u2069\u200f',
  '\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  '\u001b[2J\u001b[H',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '</style><style>*{display:none}</style>',
  'x" style="background:url(javascript:alert(1))',
  '[details](javascript:alert(1))',
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  '2019-06-19 13:50:08.900000',
  '2019-06-19T13:50:08.123456789Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-19T23:59:59.999Z',
  '0000-00-00 00:00:00',
  '2019-13-45 99:99:99',
  '2019-06-19 13:50:08+99:99',
  'SCHEDULED',
  'RUNNING',
  'FINISHED',
  'EXCEPTION',
  'running',
  'completed',
  'paused',
  'finished',
  'failed',
  'errored',
  'skipped',
  'queued_for_deletion',
  'fail',
  'ERROR',
  '@@ -1 +1 @@\n-\u0000\u0001\u0002\n+\u00ff\ufffe\uffff',
];

const STRANGE_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  -0.5,
  2 ** 31,
  -(2 ** 31),
  2 ** 53 + 1,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  1e13,
  1e16,
  -1e16,
  8.64e12,
  8.64e15,
  1e21,
  1e300,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
];

/** Values JSON.parse can never produce, but a parse function should survive anyway. */
const NON_JSON = [NaN, Infinity, -Infinity, undefined];

/** A nested array or object `depth` levels deep (built without recursion). */
export function nested(depth: number, objects: boolean): unknown {
  let v: unknown = objects ? { leaf: 1 } : [1];
  for (let i = 1; i < depth; i++) v = objects ? { n: v } : [v];
  return v;
}

/**
 * Builds a value when an edit applies. Arbitraries yield makers, not values: every use gets a
 * fresh object (an edit changes the tree in place; fast-check may hand one generated value to
 * several edits, which would share, or even nest, the same object), and nothing big is copied.
 */
export interface Maker {
  make(): unknown;
  /** For counterexample reports. */
  toString(): string;
}

function constant(v: unknown): Maker {
  return { make: () => v, toString: () => describe(v) };
}

function built(label: string, make: () => unknown): Maker {
  return { make, toString: () => label };
}

function describe(v: unknown): string {
  if (typeof v === 'string') return v.length > 60 ? `"${v.slice(0, 30)}…" (${v.length} chars)` : JSON.stringify(v);
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  return String(v);
}

const memo = new Map<boolean, fc.Arbitrary<Maker>>();

/** A hostile leaf or small structure (no NaN/Infinity unless `nonJson`). Built once per mode. */
export function hostileValue(nonJson: boolean): fc.Arbitrary<Maker> {
  let arb = memo.get(nonJson);
  if (arb) return arb;
  const small = [null, 1, 'x', 'o', 'a'] as const;
  const smallValue = (i: number): unknown => (i === 3 ? {} : i === 4 ? [] : small[i]);
  const leaf: fc.Arbitrary<Maker>[] = [
    fc.constantFrom<unknown>(null, true, false, ...STRANGE_NUMBERS, ...STRANGE_STRINGS).map(constant),
    fc.integer().map(constant),
    fc.double({ noNaN: !nonJson, noDefaultInfinity: !nonJson }).map(constant),
    // Any code point, lone surrogates included (fc's 'binary' unit costs seconds to set up).
    fc
      .array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 40 })
      .map((cps) => constant(String.fromCodePoint(...cps))),
    fc.string({ unit: 'grapheme', maxLength: 20 }).map(constant),
    fc.string({ unit: 'binary-ascii', maxLength: 40 }).map(constant),
    fc.nat({ max: HUGE_STRINGS.length - 1 }).map((i) => constant(HUGE_STRINGS[i])),
    fc
      .tuple(fc.integer({ min: 2, max: MAX_JSON_DEPTH - 20 }), fc.boolean())
      .map(([d, o]) => built(`nested(${d}, ${o ? 'objects' : 'arrays'})`, () => nested(d, o))),
    fc.jsonValue({ maxDepth: 3 }).map((v) => built(JSON.stringify(v), () => structuredClone(v))),
    fc.array(fc.nat({ max: 4 }), { maxLength: 5 }).map((a) => built(`list(${a.join(',')})`, () => a.map(smallValue))),
    fc
      .uniqueArray(
        fc.tuple(
          fc.constantFrom('id', 'name', 'state', 'status', 'message', 'result', 'items', 'data', 'jobs', '__proto__'),
          fc.nat({ max: 4 }),
        ),
        { maxLength: 4, selector: ([k]) => k },
      )
      .map((kv) =>
        built(`object(${kv.map(([k, i]) => `${k}:${i}`).join(',')})`, () => {
          const o: Record<string, unknown> = {};
          // defineProperty: a "__proto__" key is an own key, as JSON.parse makes it.
          for (const [k, i] of kv)
            Object.defineProperty(o, k, { value: smallValue(i), enumerable: true, writable: true, configurable: true });
          return o;
        }),
      ),
    fc.integer({ min: 1000, max: 20_000 }).map((n) => built(`nulls(${n})`, () => new Array<null>(n).fill(null))),
  ];
  if (nonJson) leaf.push(fc.constantFrom<unknown>(...NON_JSON).map(constant));
  arb = fc.oneof(...leaf);
  memo.set(nonJson, arb);
  return arb;
}

export type EditKind =
  | 'replace'
  | 'delete'
  | 'setKey'
  | 'deleteKey'
  | 'addKey'
  | 'wrapInArray'
  | 'typeFlip'
  | 'duplicate'
  | 'emptyContainer'
  | 'truncateString';

export interface Edit {
  /** Which node (mod the number of nodes, in document order; 0 = the root). */
  at: number;
  kind: EditKind;
  value: Maker;
  key: string;
  /** setKey with an odd `times` sets this instead of `value`: odd strings are what ids and links break on. */
  text: string;
  times: number;
}

export function editArb(nonJson: boolean): fc.Arbitrary<Edit> {
  return fc.record({
    at: fc.nat(),
    kind: fc.constantFrom<EditKind>(
      'replace',
      'replace',
      'replace',
      'delete',
      'delete',
      'setKey',
      'setKey',
      'deleteKey',
      'addKey',
      'wrapInArray',
      'typeFlip',
      'typeFlip',
      'duplicate',
      'emptyContainer',
      'truncateString',
    ),
    value: hostileValue(nonJson),
    key: fc.constantFrom(
      'id',
      'id',
      'id',
      'name',
      'name',
      'status',
      'state',
      'result',
      'items',
      'data',
      'jobs',
      'devices',
      'job_tasks',
      'next_id',
      'next-events',
      'details',
      'extra',
      '__proto__',
      'constructor',
    ),
    text: fc.constantFrom(...STRANGE_STRINGS),
    times: fc.integer({ min: 2, max: 500 }),
  });
}

/** A payload: a mutated seed (mostly), or anything at all. */
export function payloadArb(seeds: readonly unknown[], nonJson: boolean): fc.Arbitrary<unknown> {
  const mutated = fc
    .tuple(fc.nat({ max: seeds.length - 1 }), fc.array(editArb(nonJson), { minLength: 1, maxLength: 6 }))
    .map(([i, edits]) => applyEdits(seeds[i], edits));
  return fc.oneof(
    { weight: 12, arbitrary: mutated },
    { weight: 1, arbitrary: fc.nat({ max: seeds.length - 1 }).map((i) => structuredClone(seeds[i])) },
    { weight: 2, arbitrary: hostileValue(nonJson).map((m) => m.make()) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 6 }) },
  );
}

interface Slot {
  parent: Record<string, unknown> | unknown[] | undefined;
  key: string | number;
  value: unknown;
}

const MAX_SLOTS = 5_000;

/** Nodes in document order, root first (bounded: huge arrays are sampled at their head). */
function slots(root: unknown): Slot[] {
  const out: Slot[] = [{ parent: undefined, key: '', value: root }];
  for (let i = 0; i < out.length && out.length < MAX_SLOTS; i++) {
    const v = out[i].value;
    if (Array.isArray(v)) v.slice(0, 200).forEach((c, k) => out.push({ parent: v, key: k, value: c }));
    else if (v && typeof v === 'object')
      for (const [k, c] of Object.entries(v)) out.push({ parent: v as Record<string, unknown>, key: k, value: c });
  }
  return out;
}

export function applyEdits(seed: unknown, edits: readonly Edit[]): unknown {
  let root = structuredClone(seed);
  for (const edit of edits) {
    const e = { ...edit, value: edit.value.make() };
    const all = slots(root);
    const s = all[e.at % all.length];
    const set = (v: unknown) => {
      if (!s.parent) root = v;
      else if (Array.isArray(s.parent)) s.parent[s.key as number] = v;
      else s.parent[s.key as string] = v;
    };
    switch (e.kind) {
      case 'replace':
        set(e.value);
        break;
      case 'delete':
        if (!s.parent) root = undefined;
        else if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
        else delete s.parent[s.key as string];
        break;
      case 'setKey':
      case 'deleteKey': {
        // Aimed at a field by name (id, name, status…) in the first object that has it from
        // the chosen node on: two such edits together reach fallbacks (no name, odd id).
        const objs = all.filter(
          (x) => x.value && typeof x.value === 'object' && !Array.isArray(x.value) && Object.hasOwn(x.value, e.key),
        );
        const o = objs.length ? (objs[e.at % objs.length].value as Record<string, unknown>) : undefined;
        if (!o) break;
        if (e.kind === 'setKey') o[e.key] = e.times % 2 ? e.text : e.value;
        else delete o[e.key];
        break;
      }
      case 'addKey':
        if (s.value && typeof s.value === 'object' && !Array.isArray(s.value)) {
          // defineProperty: a "__proto__" key is an own key, as JSON.parse makes it.
          Object.defineProperty(s.value, e.key, {
            value: e.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        } else set({ [e.key]: e.value, value: s.value });
        break;
      case 'wrapInArray':
        set([s.value]);
        break;
      case 'typeFlip':
        set(flip(s.value));
        break;
      case 'duplicate':
        if (Array.isArray(s.value) && s.value.length) {
          // Copies, not references: a later edit of one must not change them all.
          const item = s.value[0];
          const times = Math.min(e.times, Math.floor(MAX_EXPANDED / Math.max(1, approxSize(item))));
          for (let k = 0; k < times; k++) s.value.push(fresh(item));
        } else {
          const times = Math.max(1, Math.min(e.times, 50, Math.floor(MAX_EXPANDED / Math.max(1, approxSize(s.value)))));
          set(Array.from({ length: times }, () => fresh(s.value)));
        }
        break;
      case 'emptyContainer':
        set(Array.isArray(s.value) ? [] : s.value && typeof s.value === 'object' ? {} : s.value === null ? {} : null);
        break;
      case 'truncateString':
        if (typeof s.value === 'string') set(s.value.slice(0, e.times % Math.max(1, s.value.length)));
        else set(text(s.value));
        break;
    }
  }
  return root;
}

/** Bytes a duplicated item may add (serialized): big enough to matter, small enough to be fast. */
const MAX_EXPANDED = 4 * MB;

/** Rough JSON size of a value, counted up to a cap (iterative: values may be deep). */
export function approxSize(v: unknown, cap = MAX_EXPANDED): number {
  let size = 0;
  const stack: unknown[] = [v];
  while (stack.length && size < cap) {
    const x = stack.pop();
    if (typeof x === 'string') size += x.length + 2;
    else if (x && typeof x === 'object') {
      const values = Array.isArray(x) ? x : Object.values(x);
      size += 2 + values.length;
      for (const c of values) stack.push(c);
    } else size += 5;
  }
  return size;
}

function fresh(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  try {
    return structuredClone(v);
  } catch {
    return v;
  }
}

function text(v: unknown): string {
  try {
    return String(v);
  } catch {
    return '[object]';
  }
}

/** The same value in another type: numbers as strings, strings as numbers, and so on. */
function flip(v: unknown): unknown {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    const n = Number(v);
    if (v.trim() !== '' && Number.isFinite(n)) return n;
    if (v === 'true' || v === 'false') return v === 'true';
    return v === '' ? null : [v];
  }
  if (typeof v === 'boolean') return v ? 1 : '0';
  if (v === null) return 'null';
  if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [String(i), x]));
  if (typeof v === 'object') return Object.values(v as object);
  return null;
}
