// Ships only the codicons the webview can show. The full font is 123 KB (61 KB zipped, a
// seventh of the VSIX); the panel uses a few dozen glyphs. Names are collected from the
// string literals of the code that renders webview HTML (src/webview, src/views, src/shared), so an icon
// named in code, e.g. `icon('trash')` or a state → icon table, is kept.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import subsetFont from 'subset-font';

const GLYPH = /^\.codicon-([a-z0-9-]+):before \{ content: "\\([0-9a-f]+)" \}$/;

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|css)$/.test(name) ? [p] : [];
  });
}

export async function writeCodiconSubset(root, outDir) {
  const dist = join(root, 'node_modules/@vscode/codicons/dist');
  const css = readFileSync(join(dist, 'codicon.css'), 'utf8');
  const glyphs = new Map();
  const iconsAt = css.indexOf('.codicon-add:before');
  for (const line of css.slice(iconsAt).split('\n')) {
    const m = GLYPH.exec(line.trim());
    if (m) glyphs.set(m[1], m[2]);
  }
  const words = new Set();
  for (const dir of ['src/webview', 'src/views', 'src/shared', 'media']) {
    for (const file of sourceFiles(join(root, dir))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/['"`]([a-z0-9-]+)(?:~spin)?['"`]/g)) words.add(m[1]);
      for (const m of text.matchAll(/codicon-([a-z0-9-]+)/g)) words.add(m[1]);
    }
  }
  const used = [...words].filter((w) => glyphs.has(w)).sort();
  const font = await subsetFont(
    readFileSync(join(dist, 'codicon.ttf')),
    used.map((n) => String.fromCodePoint(parseInt(glyphs.get(n), 16))).join(''),
    { targetFormat: 'truetype' },
  );
  writeFileSync(join(outDir, 'codicon.ttf'), font);
  const head = css.slice(0, iconsAt).replace(/codicon\.ttf\?[0-9a-f]+/, `codicon.ttf?${used.length}`);
  writeFileSync(
    join(outDir, 'codicon.css'),
    head + used.map((n) => `.codicon-${n}:before { content: "\\${glyphs.get(n)}" }`).join('\n') + '\n',
  );
  return { icons: used.length, bytes: font.length };
}
