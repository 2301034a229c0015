import * as assert from 'node:assert/strict';
import { analyzeSpec } from '../../../src/specfile/analyze';
import { parseSpec } from '../../../src/specfile/document';
import { hoverAt } from '../../../src/specfile/hover';
import { documentSymbols } from '../../../src/specfile/symbols';
import { CONNECTIONS, lines, okChoices, where } from './support';

function hover(text: string, needle: string, keys = true) {
  const file = parseSpec(text);
  const a = analyzeSpec(file, { connections: CONNECTIONS, choices: okChoices });
  const h = hoverAt(file, a, CONNECTIONS, text.indexOf(needle) + 1, keys);
  return h && { markdown: h.markdown, at: where(text, h.span) };
}

describe('spec files: hover and outline', () => {
  const text = lines(
    'connection: demo-puppet',
    'launches:',
    '  - environment: production',
    '    nodes: [a]',
    '    noop: true',
    '  - connection: demo-beacon',
    '    name: n',
    '    tasks: [t]',
    '    schedule: {dow: 1-5}',
    '  - connection: nowhere',
    '    package: dns',
  );

  it("a key: the field's meaning for the launch's dialect, its type and what it is sent as", () => {
    const h = hover(text, 'noop');
    assert.deepEqual(h?.at, '5:5-5:9');
    assert.equal(
      h?.markdown,
      '**noop** · Puppet orchestrator · true / false · optional\n\nSimulate only: report what would change without changing anything.\n\nSent as `noop`.',
    );
    assert.match(
      hover(text, 'environment')?.markdown ?? '',
      /^\*\*environment\*\* · Puppet orchestrator · name or id · required/,
    );
    assert.match(hover(text, 'dow')?.markdown ?? '', /^\*\*dow\*\* · beacon · cron field[\s\S]*Day of the week/);
    assert.match(hover(text, 'launches')?.markdown ?? '', /▶ Launch/);
  });

  it("a key of a launch whose connection is unknown: every dialect's meaning of it", () => {
    const h = hover(text, 'package');
    assert.match(h?.markdown ?? '', /^\*\*package\*\* · CDRouter/);
  });

  it('values: the connection, a resolved name; nothing on keys when the schema does it (JSON)', () => {
    assert.match(hover(text, 'demo-beacon')?.markdown ?? '', /^\*\*demo-beacon\*\* · beacon connection/);
    assert.match(hover(text, 'nowhere')?.markdown ?? '', /unknown connection/);
    assert.equal(hover(text, 'production')?.markdown, '**production** · environment `production` on demo-puppet');
    assert.equal(hover(text, 'noop', false), undefined);
    assert.equal(hover(text, '[a]'), undefined, 'free text has no hover');
  });

  it('server and file text in a hover stays text: no link, image, command or HTML is formed', () => {
    const evil = '![x](https://tracker.example/p.png) [Re-auth](command:jobdeck.bulkDelete?%5B%5D) <img src=x> `id`';
    const choices = () => ({
      status: 'ok' as const,
      choices: [{ id: 'e`v`il', label: evil, description: `# Heading\n- [x](https://evil.example) ${evil}` }],
    });
    const spec = lines(
      'connection: demo-puppet',
      'launches:',
      `  - environment: "${evil.replace(/"/g, '\\"')}"`,
      '    nodes: [a]',
    );
    const file = parseSpec(spec);
    const a = analyzeSpec(file, { connections: CONNECTIONS, choices });
    const h = hoverAt(file, a, CONNECTIONS, spec.indexOf('![x]') + 1, true);
    assert.ok(h, 'a hover on the value');
    // Every character Markdown reads is escaped; the id is a code span fenced past its backticks.
    assert.doesNotMatch(h.markdown, /(^|[^\\])[[\]()<>!]/, h.markdown);
    assert.match(h.markdown, /``e`v`il``/);
    // Unknown value (not in the list): the text as written, escaped too.
    const unknown = lines(
      'connection: demo-puppet',
      'launches:',
      '  - environment: "[x](command:y)"',
      '    nodes: [a]',
    );
    const f2 = parseSpec(unknown);
    const h2 = hoverAt(
      f2,
      analyzeSpec(f2, { connections: CONNECTIONS, choices: okChoices }),
      CONNECTIONS,
      unknown.indexOf('[x]') + 1,
      true,
    );
    assert.match(h2?.markdown ?? '', /^\*\*\\\[x\\\]\\\(command\\:y\\\)\*\* · environment/);
  });

  it('outline: one entry per launch named by label or its main value, fields below', () => {
    const file = parseSpec(text);
    const symbols = documentSymbols(file, analyzeSpec(file, { connections: CONNECTIONS, choices: okChoices }));
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail, s.selectionRange.start.line, s.children?.map((c) => c.name).join(',')]),
      [
        ['demo-puppet: production', 'Puppet orchestrator · demo-puppet', 2, 'environment,nodes,noop'],
        ['demo-beacon: n', 'beacon · demo-beacon', 5, 'connection,name,tasks,schedule'],
        ['nowhere launch', undefined, 9, 'connection,package'],
      ],
    );
    for (const s of symbols) {
      assert.ok(
        s.range.start.line <= s.selectionRange.start.line && s.range.end.line >= s.selectionRange.end.line,
        'selection inside range',
      );
    }
  });
});
