// Dates and numbers follow VS Code's display language: the shared formatters take the locale
// (the host passes vscode.env.language, the page its data-locale), nothing says 'en-US'.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { count, dateTime, duration, relativeTime, shortTime } from '../../../src/shared/format';
import { webviewHtml } from '../../../src/views/webviewHost/webviewHtml';

const AT = Date.UTC(2019, 5, 19, 13, 50, 8);

describe('l10n: dates and numbers in the display language', () => {
  it('counts group digits the way the language does', () => {
    assert.equal(count(1234567, 'en'), '1,234,567');
    assert.equal(count(1234567, 'de'), '1.234.567');
    assert.notEqual(count(1234567, 'fr'), count(1234567, 'en'));
  });

  it('relative times are in the language', () => {
    const now = AT + 5 * 60_000;
    assert.equal(relativeTime(AT, 'en', now), '5m ago');
    assert.match(relativeTime(AT, 'de', now), /^vor 5/);
    assert.equal(relativeTime(now + 2 * 3_600_000, 'en', now), 'in 2h');
    assert.equal(relativeTime(AT, 'en', AT + 1000), 'now');
    assert.equal(relativeTime(AT, 'de', AT + 1000), 'jetzt');
    assert.equal(relativeTime(undefined, 'de'), '');
  });

  it('dates are in the language (day before month in German), with seconds', () => {
    const en = dateTime(AT, 'en');
    const de = dateTime(AT, 'de');
    assert.notEqual(de, en);
    assert.match(de, /^19\.06\.(20)?19/);
    assert.match(en, /^6\/19\/(20)?19/);
    assert.match(de, /:08/);
    // The same day: only the time of day.
    assert.doesNotMatch(shortTime(AT, 'de', AT - 1000), /19\.06/);
    assert.match(shortTime(AT, 'de', AT - 40 * 86_400_000), /19\.06/);
  });

  it("durations keep their English shape and take the language's units", () => {
    assert.equal(duration(300_000, 'en'), '5m 0s');
    assert.equal(duration(300_000), '5m 0s', 'no locale (reports): English');
    assert.equal(duration(45_000, 'en'), '45s');
    assert.equal(duration(500, 'en'), '500 ms');
    assert.equal(duration((2 * 60 + 3) * 60_000, 'en'), '2h 3m');
    assert.equal(duration((3 * 24 + 4) * 3_600_000, 'en'), '3d 4h');
    assert.equal(duration(-1, 'en'), '');
    const de = duration(300_000, 'de');
    assert.notEqual(de, '5m 0s');
    assert.match(de, /^5\s?Min\.? 0\s?Sek\.?$/);
    assert.match(duration((3 * 24 + 4) * 3_600_000, 'fr'), /^3\s?j 4\s?h$/);
    assert.equal(typeof duration(1000, 'not a locale!'), 'string');
  });

  it('a tag Intl refuses falls back instead of throwing', () => {
    assert.equal(typeof count(1000, 'not a locale!'), 'string');
    assert.equal(typeof dateTime(AT, 'x_'), 'string');
  });

  it('the panel page gets the language in its initial state', () => {
    const html = webviewHtml({ cspSource: 'c', nonce: 'n', scriptUri: 's', styleUris: [], locale: 'de' });
    assert.match(html, /<main id="app"[^>]* data-locale="de"/);
  });

  it("no source formats for a hard-coded 'en-US'", () => {
    const root = path.resolve(__dirname, '../../../../src');
    const hits: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = path.join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (
          p.endsWith('.ts') &&
          /toLocale\w*\(\s*['"]en-US['"]|Intl\.\w+\(\s*['"]en-US['"]/.test(readFileSync(p, 'utf8'))
        )
          hits.push(path.relative(root, p));
      }
    };
    walk(root);
    assert.deepEqual(hits, []);
  });
});
