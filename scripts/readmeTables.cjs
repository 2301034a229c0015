// The README's settings and commands tables, made from package.json (and package.nls.json for
// its %placeholders%), so the README cannot drift from what VS Code shows. `node
// scripts/readmeTables.cjs --write` rewrites the tables between their markers in README.md; the
// unit test test/unit/docs/readme.test.ts fails while the README differs from what this makes.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script, required by a unit test */
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

function load() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const nlsFile = join(root, 'package.nls.json');
  const nls = existsSync(nlsFile) ? JSON.parse(readFileSync(nlsFile, 'utf8')) : {};
  return { pkg, nls };
}

/** A manifest string with its %key% looked up. */
function text(value, nls) {
  if (typeof value !== 'string') return '';
  const m = /^%(.+)%$/.exec(value);
  return m ? (nls[m[1]] ?? value) : value;
}

/** One table cell: one line, pipes escaped. */
function cell(s) {
  return String(s)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

function shownDefault(p) {
  if (p.default === undefined) return p.required ? '(required)' : '';
  return '`' + JSON.stringify(p.default) + '`';
}

function settingsTable({ pkg, nls }) {
  const props = pkg.contributes.configuration.properties;
  const rows = ['| Setting | Default | Scope | Description |', '| --- | --- | --- | --- |'];
  for (const [key, p] of Object.entries(props)) {
    const description = text(p.markdownDescription ?? p.description, nls);
    rows.push(`| \`${key}\` | ${cell(shownDefault(p))} | ${p.scope ?? 'window'} | ${cell(description)} |`);
    const item = p.items;
    if (item && item.type === 'object' && item.properties) {
      for (const [sub, q] of Object.entries(item.properties)) {
        const required = (item.required ?? []).includes(sub);
        const d = text(q.markdownDescription ?? q.description, nls);
        rows.push(`| \`${key}[].${sub}\` | ${cell(shownDefault({ ...q, required }))} | | ${cell(d)} |`);
      }
    }
  }
  return rows.join('\n');
}

const KEY_NAMES = {
  ctrl: 'Ctrl',
  alt: 'Alt',
  shift: 'Shift',
  cmd: 'Cmd',
  delete: 'Delete',
  backspace: 'Backspace',
  enter: 'Enter',
};
function shownKey(k) {
  if (!k) return '';
  return k
    .split(' ')
    .map((chord) =>
      chord
        .split('+')
        .map((part) => KEY_NAMES[part] ?? (part.length === 1 ? part.toUpperCase() : part))
        .join('+'),
    )
    .map((c) => `<kbd>${c}</kbd>`)
    .join(' ');
}

/** Commands a click on a Jobs view row runs (TreeItem.command: no menu names them). */
const ROW_CLICK = {
  'jobdeck.openRow': 'a click or Enter on a row (a job, a node, "Load more…", an error)',
  'jobdeck.loadMore': 'a click on "Load more…"',
  'jobdeck.showConnectionError': "a click on a connection's error row",
};

function commandsTable({ pkg, nls }) {
  const c = pkg.contributes;
  const hidden = new Set((c.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
  const rows = ['| Command | Keys (Windows, Linux) | Keys (macOS) | Where |', '| --- | --- | --- | --- |'];
  for (const cmd of c.commands) {
    const keys = (c.keybindings ?? []).filter((k) => k.command === cmd.command);
    const where = [];
    if (!hidden.has(cmd.command)) where.push('Command Palette');
    if ((c.menus?.['view/title'] ?? []).some((m) => m.command === cmd.command)) where.push('Jobs view title');
    if ((c.menus?.['view/item/context'] ?? []).some((m) => m.command === cmd.command)) where.push('Jobs view rows');
    if (ROW_CLICK[cmd.command]) where.push(ROW_CLICK[cmd.command]);
    const title = `${text(cmd.category, nls)}: ${text(cmd.title, nls)}`;
    rows.push(
      `| ${cell(title)} (\`${cmd.command}\`) | ${keys.map((k) => shownKey(k.key)).join(', ')} | ${keys
        .map((k) => shownKey(k.mac ?? k.key))
        .join(', ')} | ${where.join(', ')} |`,
    );
  }
  return rows.join('\n');
}

function tables(input = load()) {
  return { settings: settingsTable(input), commands: commandsTable(input) };
}

/** The README with its tables replaced by what package.json says. */
function render(readme, input) {
  const t = tables(input);
  let out = readme;
  for (const [name, body] of Object.entries(t)) {
    const re = new RegExp(`(<!-- ${name}:start[^>]*-->)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!re.test(out)) throw new Error(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> markers`);
    out = out.replace(re, (_, a, b) => `${a}\n${body}\n${b}`);
  }
  return out;
}

module.exports = { tables, render, load };

if (require.main === module && process.argv.includes('--write')) {
  const file = join(root, 'README.md');
  writeFileSync(file, render(readFileSync(file, 'utf8')));
  console.log('README.md tables updated from package.json');
}
