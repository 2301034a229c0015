// The README is what users read first, on the Marketplace and on the installed extension's
// page: its settings and commands tables must say what package.json says (every setting, every
// command, every key), and its images must be files of this repository (vsce turns relative
// image paths into the repository's raw URLs).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const readmeTables = createRequire(__filename)(join(root, 'scripts', 'readmeTables.cjs')) as {
  render(readme: string): string;
  tables(): { settings: string; commands: string };
};

interface Manifest {
  contributes: {
    configuration: { properties: Record<string, { items?: { properties?: Record<string, unknown> } }> };
    commands: { command: string }[];
    keybindings: { command: string; key: string }[];
  };
}

describe('README', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

  it('its settings and commands tables are the ones package.json makes (run scripts/readmeTables.cjs --write)', () => {
    assert.equal(readme, readmeTables.render(readme));
  });

  it('the settings table has a row for every setting and connection field, jobdeck.openPanelOnLaunch included', () => {
    const { settings } = readmeTables.tables();
    const keys: string[] = [];
    for (const [key, p] of Object.entries(pkg.contributes.configuration.properties)) {
      keys.push(key);
      for (const sub of Object.keys(p.items?.properties ?? {})) keys.push(`${key}[].${sub}`);
    }
    assert.ok(keys.includes('jobdeck.openPanelOnLaunch'));
    for (const key of keys)
      assert.match(settings, new RegExp(`^\\| \`${key.replace(/[.[\]]/g, '\\$&')}\` \\|`, 'm'), key);
  });

  it('the commands table has every command, with its keys', () => {
    const { commands } = readmeTables.tables();
    for (const c of pkg.contributes.commands) assert.ok(commands.includes(`(\`${c.command}\`)`), c.command);
    for (const k of pkg.contributes.keybindings) {
      const row = commands.split('\n').find((l) => l.includes(`(\`${k.command}\`)`));
      assert.ok(row, k.command);
      const last = k.key.split('+').pop() as string;
      assert.ok(
        row.toLowerCase().includes(`<kbd>`) && row.toLowerCase().includes(last.toLowerCase()),
        `${k.command}: ${row}`,
      );
    }
  });

  it('opens for users: what it is and a screenshot before any set-up, development after', () => {
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    const at = (h: string) => headings.findIndex((x) => x.startsWith(h));
    for (const h of [
      'Install',
      'Quick start',
      'Features',
      'Commands',
      'Settings',
      'Troubleshooting',
      'Known limits',
      'Development',
    ])
      assert.ok(at(h) >= 0, `no "## ${h}…" section`);
    assert.ok(at('Install') < at('Quick start') && at('Quick start') < at('Troubleshooting'));
    assert.ok(at('Known limits') < at('Development') && at('Development') < at('Performance'));
    const firstImage = readme.search(/!\[[^\]]*\]\(/);
    assert.ok(firstImage > 0 && firstImage < readme.indexOf('## '), 'a screenshot comes before the first section');
    for (const topic of ['Show Log', 'Log Level', '401', '403', 'caFile', 'proxy', 'HTML page instead of JSON'])
      assert.ok(
        readme.slice(readme.indexOf('## Troubleshooting')).includes(topic),
        `troubleshooting says nothing of ${topic}`,
      );
  });

  it('every image is a file of this repository (or an absolute https URL)', () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 2);
    for (const src of images) {
      if (/^https:\/\//.test(src)) continue;
      assert.ok(!/^[a-z]+:/i.test(src) && !src.startsWith('/'), `${src}: relative to the repository root, please`);
      assert.ok(existsSync(join(root, src)), `${src} does not exist`);
    }
  });
});
