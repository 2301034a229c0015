// Every sentence Jobdeck shows through VS Code (notifications, quick picks, input boxes,
// progress) is one translators can reach: `vscode.l10n.t` in the code, package.nls.json for the
// manifest. A new hard-coded sentence in src/commands or src/views fails here; the lint is shown
// to catch each kind in a sample first.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintL10n } from './l10nLint';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
/** The folders whose shown words are all localizable. */
const LOCALIZED = ['src/commands', 'src/views', 'src/extension'];

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('l10n: shown words go through vscode.l10n.t and package.nls.json', () => {
  it('the lint finds hard-coded words on every kind of surface, and accepts l10n.t', () => {
    const sample = [
      "import * as vscode from 'vscode';",
      "vscode.window.showInformationMessage('Deleted the job.');",
      'vscode.window.showWarningMessage(`Stopped ${name}.`, { modal: true, detail: "It was running." }, "Retry");',
      "void vscode.window.showQuickPick(items, { title: 'Pick one', placeHolder: 'Which job?' });",
      "void vscode.window.showInputBox({ prompt: 'Token' + suffix });",
      "vscode.window.withProgress({ location, title: cond ? 'Deleting…' : other }, run);",
      "picker.placeholder = 'Type to filter';",
      'vscode.window.showErrorMessage(inert(`Failed on ${host}`));',
      // Accepted:
      "vscode.window.showInformationMessage(vscode.l10n.t('Deleted {0}.', inert(name)));",
      "vscode.window.showInformationMessage(inert(l10n.t('Deleted {0}.', name)), l10n.t('Retry'));",
      'vscode.window.showWarningMessage(message);',
      "void vscode.window.showQuickPick(items, { title: l10n.t('Pick one'), placeHolder: '…' });",
    ].join('\n');
    const found = lintL10n('sample.ts', sample).map((f) => `${f.line}:${f.text}`);
    assert.deepEqual(found, [
      "2:'Deleted the job.'",
      '3:`Stopped ${name}.`',
      '3:"It was running."',
      '3:"Retry"',
      "4:'Pick one'",
      "4:'Which job?'",
      "5:'Token'",
      "6:'Deleting…'",
      "7:'Type to filter'",
      '8:`Failed on ${host}`',
    ]);
  });

  it(`no hard-coded shown words in ${LOCALIZED.join(', ')}`, () => {
    const findings = LOCALIZED.flatMap((dir) => tsFiles(path.join(ROOT, dir))).flatMap((file) =>
      lintL10n(path.relative(ROOT, file), fs.readFileSync(file, 'utf8')),
    );
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line} ${f.text}`),
      [],
    );
  });

  it('package.json names no user-facing text directly: every one is a %key% of package.nls.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const literal: string[] = [];
    const keys = new Set<string>();
    const look = (v: unknown, where: string) => {
      if (typeof v !== 'string') return;
      const m = /^%(.+)%$/.exec(v);
      if (m) keys.add(m[1]);
      else literal.push(`${where}: ${v}`);
    };
    look(pkg.displayName, 'displayName');
    look(pkg.description, 'description');
    const c = pkg.contributes;
    for (const x of c.commands) {
      look(x.title, x.command);
      look(x.category, x.command);
    }
    for (const x of c.viewsContainers.activitybar) look(x.title, x.id);
    for (const x of Object.values(c.views).flat() as { id: string; name: string; contextualTitle?: string }[]) {
      look(x.name, x.id);
      look(x.contextualTitle, x.id);
    }
    for (const x of c.viewsWelcome) look(x.contents, x.view);
    look(c.configuration.title, 'configuration');
    const props = (o: Record<string, Record<string, unknown>>, at: string) => {
      for (const [k, p] of Object.entries(o)) {
        for (const f of ['description', 'markdownDescription', 'patternErrorMessage']) look(p[f], `${at}${k}.${f}`);
        for (const [i, d] of ((p.enumDescriptions as string[]) ?? []).entries())
          look(d, `${at}${k}.enumDescriptions[${i}]`);
        const items = p.items as { properties?: Record<string, Record<string, unknown>> } | undefined;
        if (items?.properties) props(items.properties, `${k}[].`);
      }
    };
    props(c.configuration.properties, '');
    for (const w of c.walkthroughs) {
      look(w.title, w.id);
      look(w.description, w.id);
      for (const s of w.steps) {
        look(s.title, s.id);
        look(s.description, s.id);
      }
    }
    assert.deepEqual(literal, []);
    assert.deepEqual(
      [...keys].filter((k) => nls[k] === undefined),
      [],
      'keys missing from package.nls.json',
    );
    assert.deepEqual(
      Object.keys(nls).filter((k) => !keys.has(k)),
      [],
      'keys package.json no longer uses',
    );
  });
});
