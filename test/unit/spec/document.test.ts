import * as assert from 'node:assert/strict';
import { LineIndex, MAX_ALIAS_NODES, parseSpec, SpecMap, SpecNode } from '../../../src/specfile/document';
import { assertNearLinear } from '../support/complexity';
import { lines, where } from './support';

describe('spec files: parsing with positions', () => {
  it('reads launches, their fields and where each key and value is (YAML)', () => {
    const text = lines(
      'connection: demo-cdrouter',
      'launches:',
      '  - package: dns',
      '    tags: [a, "b"]',
      '  - connection: demo-puppet',
      '    environment: production',
    );
    const f = parseSpec(text);
    assert.deepEqual(f.syntax, []);
    assert.equal(f.launches.length, 2);
    assert.equal(f.connection?.value?.type === 'scalar' && f.connection.value.value, 'demo-cdrouter');
    const pkg = f.launches[0].fields.get('package');
    assert.ok(pkg?.value);
    assert.equal(where(text, pkg.keySpan), '3:5-3:12');
    assert.equal(where(text, pkg.value.span), '3:14-3:17');
    const tags = f.launches[0].fields.get('tags')?.value;
    assert.equal(tags?.type, 'seq');
    if (tags?.type !== 'seq') return;
    assert.deepEqual(
      tags.items.map((i) => i.type === 'scalar' && i.value),
      ['a', 'b'],
    );
    assert.deepEqual(
      tags.items.map((i) => i.type === 'scalar' && i.quoted),
      [false, true],
    );
    assert.equal(where(text, tags.items[1].span), '4:15-4:18');
    assert.equal(where(text, f.launches[1].node.span).startsWith('5:5'), true);
    assert.deepEqual([...f.launches[1].fields.keys()], ['connection', 'environment']);
  });

  it('reads JSON with the same positions (quotes belong to the value)', () => {
    const text = '{"launches": [\n  {"connection": "demo-stack", "schedule": 2, "stack": "web-frontend"}\n]}';
    const f = parseSpec(text, 'json');
    assert.deepEqual(f.syntax, []);
    const l = f.launches[0];
    const schedule = l.fields.get('schedule');
    assert.equal(schedule?.value?.type === 'scalar' && schedule.value.value, 2);
    assert.equal(
      where(text, (l.fields.get('stack')?.value as { span: { start: number; end: number } }).span),
      '2:56-2:70',
    );
    assert.equal(
      where(text, (l.fields.get('connection') as { keySpan: { start: number; end: number } }).keySpan),
      '2:4-2:16',
    );
  });

  it('keeps a quoted number a string, and a plain one a number', () => {
    const f = parseSpec(lines('launches:', '  - package: "1034"', '    device: 12'));
    const pkg = f.launches[0].fields.get('package')?.value;
    const dev = f.launches[0].fields.get('device')?.value;
    assert.deepEqual(pkg?.type === 'scalar' && [pkg.value, pkg.quoted], ['1034', true]);
    assert.deepEqual(dev?.type === 'scalar' && [dev.value, dev.quoted], [12, false]);
  });

  it('reports syntax errors with their place, and still reads what it can', () => {
    const text = lines(
      'launches:',
      '  - connection: demo-cdrouter',
      '    package: dns',
      '    tags: [a, b',
      '  - connection: demo-puppet',
    );
    const f = parseSpec(text);
    assert.ok(f.syntax.length >= 1, 'an unclosed flow sequence is an error');
    assert.ok(f.syntax.every((s) => s.message.length > 0 && !s.message.includes('\n')));
    assert.ok(
      f.syntax.some((s) => new LineIndex(text).position(s.span.start).line >= 3),
      JSON.stringify(f.syntax),
    );
  });

  it('reports a duplicate key as a syntax error', () => {
    const text = lines('launches:', '  - connection: demo-cdrouter', '    package: dns', '    package: one');
    const f = parseSpec(text);
    assert.equal(f.syntax.length, 1);
    assert.match(f.syntax[0].message, /unique|duplicate/i);
    assert.equal(where(text, f.syntax[0].span).split(':')[0], '4');
  });

  it('an alias bomb (437 bytes, billions of nodes expanded) is read within a budget and reported as a problem', () => {
    const bomb = lines(
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
      'launches: [*i]',
    );
    assert.ok(bomb.length < 600);
    const f = parseSpec(bomb);
    const count = (n: SpecNode | undefined): number =>
      !n
        ? 0
        : n.type === 'map'
          ? 1 + n.entries.reduce((k, e) => k + count(e.value), 0)
          : n.type === 'seq'
            ? 1 + n.items.reduce((k, i) => k + count(i), 0)
            : 1;
    assert.ok(count(f.root) < MAX_ALIAS_NODES * 2, `${count(f.root)} nodes in the tree`);
    assert.equal(f.syntax.length, 1, JSON.stringify(f.syntax));
    assert.match(
      f.syntax[0].message,
      /Aliases in this file expand to more than 10,000 values \(an alias bomb\?\): the rest of what they point to is not read\./,
    );
    // A self-referencing anchor ends too.
    const loop = parseSpec(lines('a: &a [x, *a]', 'launches: *a'));
    assert.ok(loop.root);
  });

  it('reads a 1 MB and a 4 MB spec file in near-linear time: many keys, an alias per line, aliases of a long list', function () {
    // The yaml parser reads about a megabyte a second here: two runs of each size.
    this.timeout(180_000);
    const fill = (n: number, line: (i: number) => string) => {
      const out: string[] = [];
      let size = 0;
      for (let i = 0; size < n; i++) {
        const l = line(i);
        out.push(l);
        size += l.length + 1;
      }
      return out.join('\n');
    };
    // Each line is a key of the top map (duplicate check), an anchor, an alias to the line
    // before (anchor lookup), or an alias of a 5,000-item list (expansion budget).
    const shape = (i: number) => (i % 3 === 0 ? `k${i}: &a${i} v` : i % 3 === 1 ? `r${i}: *a${i - 1}` : `l${i}: *big`);
    const g = assertNearLinear(
      'keys, anchors and aliases',
      (n) => `big: &big [${'x,'.repeat(5000)}x]\n${fill(n, shape)}`,
      (t) => parseSpec(t),
      1 << 20,
      2,
    );
    console.log(`      parseSpec: 1 MB in ${g.small.toFixed(0)} ms, 4 MB in ${g.large.toFixed(0)} ms`);
  });

  it('reads an alias as its target', () => {
    const f = parseSpec(
      lines(
        'launches:',
        '  - connection: demo-cdrouter',
        '    tags: &t [x, y]',
        '  - connection: demo-cdrouter',
        '    tags: *t',
      ),
    );
    const t = f.launches[1].fields.get('tags')?.value;
    assert.deepEqual(t?.type === 'seq' && t.items.map((i) => i.type === 'scalar' && i.value), ['x', 'y']);
  });

  it('handles an empty file, a scalar file and top-level extras', () => {
    assert.equal(parseSpec('').root, undefined);
    assert.equal(parseSpec('hello').root?.type, 'scalar');
    const f = parseSpec(lines('launches: []', 'extra: 1', '$schema: x'));
    assert.deepEqual(
      f.otherTopLevel.map((e) => e.key),
      ['extra'],
    );
    assert.equal((f.root as SpecMap).entries.length, 3);
  });

  it('converts offsets and positions both ways (LineIndex)', () => {
    const text = 'ab\ncdé\n\nx';
    const idx = new LineIndex(text);
    assert.deepEqual(idx.position(0), { line: 0, character: 0 });
    assert.deepEqual(idx.position(3), { line: 1, character: 0 });
    assert.deepEqual(idx.position(6), { line: 1, character: 3 });
    assert.deepEqual(idx.position(8), { line: 3, character: 0 });
    assert.deepEqual(idx.position(99), { line: 3, character: 1 });
    for (let o = 0; o <= text.length; o++) assert.equal(idx.offset(idx.position(o)), o);
    assert.equal(idx.offset({ line: 0, character: 50 }), 2, 'clamped to the line end');
    assert.equal(idx.offset({ line: 9, character: 0 }), text.length);
  });
});
