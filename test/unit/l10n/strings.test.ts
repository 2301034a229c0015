// Every sentence Jobdeck shows (notifications, quick picks, input boxes, progress; the job
// panel's page; the spec files' diagnostics, hovers and completions) is one translators can
// reach: `vscode.l10n.t` in the extension host, @vscode/l10n's `l10n.t` in the page and the
// language server (both configured with the extension's bundle), package.nls.json for the
// manifest. A new hard-coded sentence in any of them fails here; the lint is shown to catch
// each kind in a sample first.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintL10n, type L10nSurface } from './l10nLint';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
/** The folders whose shown words are all localizable, and where each shows them. */
const LOCALIZED: Record<string, L10nSurface> = {
  'src/commands': 'host',
  'src/views': 'host',
  'src/extension': 'host',
  'src/webview': 'page',
  'src/specfile': 'spec',
  'src/server': 'spec',
  'src/client': 'client',
  'src/store': 'client',
};
/**
 * Files of those folders whose words no l10n bundle can reach. schema.ts writes the JSON Schema
 * (media/jobdeck-spec.schema.json) at build time; VS Code's JSON language service shows its
 * descriptions as they are written.
 */
const NOT_AT_RUN_TIME = new Set(['src/specfile/schema.ts']);

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

  it('the lint finds hard-coded words on every surface of the page (src/webview)', () => {
    const sample = [
      "h('h2', { text: 'Nodes' });",
      "h('th', { class: 'c-exp', attrs: { 'aria-label': 'Expand' } });",
      "h('button', { title: `Sort by ${col}` });",
      "h('p', { class: 'muted loading' }, [icon('loading'), ' Loading details…']);",
      "button('Copy', 'copy', run, { secondary: true, title: 'Copy the diff' });",
      "status.textContent = 'Copied.';",
      "el.setAttribute('aria-label', 'Job actions');",
      "box.append(loading('Loading…'));",
      'flash(`${name} is not in this job.`);',
      "ctx.copy(text, 'Copied result.');",
      "const COLUMNS = [{ key: 'name', label: 'Name' }];",
      // Accepted: through l10n.t, server text, words that are not ours to translate.
      "h('h2', { text: l10n.t('Nodes') });",
      "h('p', {}, [icon('loading'), ` ${l10n.t('Loading job {0}…', id)}`]);",
      "button(l10n.t('Copy'), 'copy', run, { title: l10n.t('Copy {0}', title) });",
      "h('td', { class: 'c-name', text: oneLine(t.name, 300), title: t.name });",
      "el.setAttribute('aria-pressed', 'true');",
      "h('span', { class: 'diff-stat add', text: `+${n}` });",
      "el.classList.add('on');",
    ].join('\n');
    const found = lintL10n('page.ts', sample, 'page').map((f) => `${f.line}:${f.text}`);
    assert.deepEqual(found, [
      "1:'Nodes'",
      "2:'Expand'",
      '3:`Sort by ${col}`',
      "4:' Loading details…'",
      "5:'Copy'",
      "5:'Copy the diff'",
      "6:'Copied.'",
      "7:'Job actions'",
      "8:'Loading…'",
      '9:`${name} is not in this job.`',
      "10:'Copied result.'",
      "11:'Name'",
    ]);
  });

  it('the lint finds hard-coded words in what the spec language server sends (src/specfile, src/server)', () => {
    const sample = [
      "problems.push({ code: 'unknownField', severity: 'warning', message: `Unknown top-level key “${k}”.`, span });",
      "problems.push(err('missingField', 'Missing `launches:`.', span));",
      "if (v.type !== 'seq') return wrong('a list');",
      "this.report('nodes', `This file holds more than ${n} values.`, span);",
      'return { span, markdown: `**${md(name)}** · unknown connection` };',
      "items.push({ label: '(loading…)', detail: 'required', documentation: { kind, value: 'The default connection.' } });",
      "lenses.push({ range, command: { title: '▶ Launch all', command: LAUNCH_ALL_COMMAND } });",
      'blockers.push(`the ${noun} of ${name} have not been read yet`);',
      'throw new Error(`${title} jobs cannot be launched from Jobdeck`);',
      // Accepted:
      "problems.push(err('missingField', l10n.t('Missing `launches:`.'), span));",
      "return { span, markdown: `**${md(name)}** · ${l10n.t('unknown connection')}` };",
      'items.push({ label: c.label, detail: c.id !== c.label ? `${def.choice} ${c.id}` : def.choice });',
      "lenses.push({ range, command: { title: `▶ ${l10n.t('Launch all')}`, command } });",
      "blockers.push(l10n.t('the {0} of {1} have not been read yet', noun, name));",
      "return { type: 'scalar', span, value: 'none', quoted: false };",
    ].join('\n');
    const found = lintL10n('spec.ts', sample, 'spec').map((f) => `${f.line}:${f.text}`);
    assert.deepEqual(found, [
      '1:`Unknown top-level key “${k}”.`',
      "2:'Missing `launches:`.'",
      "3:'a list'",
      '4:`This file holds more than ${n} values.`',
      '5:`**${md(name)}** · unknown connection`',
      "6:'(loading…)'",
      "6:'required'",
      "6:'The default connection.'",
      "7:'▶ Launch all'",
      '8:`the ${noun} of ${name} have not been read yet`',
      '9:`${title} jobs cannot be launched from Jobdeck`',
    ]);
  });

  it("the lint finds a sentence handed to the host helpers that show it (deps.warn, the tail's say, tree and status bar items, Markdown tooltips)", () => {
    const sample = [
      'this.deps.warn(`${label} does not apply to this job any more.`);',
      "this.say(s, 'info', `Stopped following after ${n} event(s).`);",
      // Accepted: through vscode.l10n.t; the log's own warn; the level word.
      "this.deps.warn(vscode.l10n.t('{0} does not apply to this job any more.', label));",
      "this.say(s, 'info', vscode.l10n.t('Stopped following after {0} event(s).', n));",
      "log.warn('Spec file language server did not start');",
      // Tree items, status bar items and Markdown tooltips: what is assigned or appended.
      'item.description = `${n} loaded`;',
      "status.tooltip = 'Click to show the Jobs view.';",
      'status.text = `$(eye) ${n} launched`;',
      "md.appendMarkdown('**Error:** ').appendText(`Updated ${when}`);",
      "md.appendMarkdown('**').appendText(vscode.l10n.t('Error:')).appendMarkdown('** ');",
      "status.text = `$(eye) ${vscode.l10n.t('{0} launched', n)}`;",
    ].join('\n');
    const found = lintL10n('host.ts', sample).map((f) => `${f.line}:${f.text}`);
    assert.deepEqual(found, [
      '1:`${label} does not apply to this job any more.`',
      '2:`Stopped following after ${n} event(s).`',
      '6:`${n} loaded`',
      "7:'Click to show the Jobs view.'",
      '8:`$(eye) ${n} launched`',
      '9:`Updated ${when}`',
      "9:'**Error:** '",
    ]);
  });

  it('the lint finds hard-coded words in what src/client and src/store show, and l10n.t run at module load', () => {
    const sample = [
      "const label = (): FieldDef => ({ key: 'tags', label: 'Tags', doc: 'Tags added to the result.' });",
      "const p = () => ({ prompt: `Tags for ${x}`, placeholder: 'nightly, dns', hint: 'unix seconds' });",
      "const g = () => ({ ask: 'Whose job is it?', choices: [{ description: 'user_id', review: 'me' }] });",
      "const r = () => ({ why: 'takes tags only', noun: () => 'node', emptyReview: 'none' });",
      'if (!t) return bad(`enter a ${what}`);',
      "throw this.http.error('invalid', operation, 'a name is required');",
      'const operation = `get job ${id}`;',
      "throw shapeError(ctx.connection, ctx.operation, field, 'a list');",
      "fields.push({ label: 'Environment', value });",
      'throw new Error(`the proxy in ${from} is not a URL`);',
      "fieldFilter('name', () => 'Job name');",
      "export const WORDS = { stop: l10n.t('Stop') };",
      // Accepted: through l10n.t when used; wire values and keys; English kept for the code.
      'function parseJob() {',
      "const ok = () => ({ key: 'tags', sends: 'options.tags', label: l10n.t('Tags'), noun: () => l10n.t('node') });",
      "fields.push({ label: l10n.t('Environment'), value: environment });",
      "const operation = l10n.t('get job {0}', id);",
      'out.push(`package_name~${filter.text}`);',
      "throw this.http.error('invalid', operation, l10n.t('a name is required'));",
      "fieldFilter('name', () => l10n.t('Job name'), () => l10n.t('the whole name, exactly'));",
      '}',
    ].join('\n');
    const found = lintL10n('client.ts', sample, 'client').map((f) => `${f.line}:${f.text}`);
    assert.deepEqual(found, [
      "1:'Tags'",
      "1:'Tags added to the result.'",
      '2:`Tags for ${x}`',
      "2:'nightly, dns'",
      "2:'unix seconds'",
      "3:'Whose job is it?'",
      "3:'user_id'",
      "3:'me'",
      "4:'takes tags only'",
      "4:'node'",
      "4:'none'",
      '5:`enter a ${what}`',
      "6:'a name is required'",
      '7:`get job ${id}`',
      "8:'a list'",
      "9:'Environment'",
      '10:`the proxy in ${from} is not a URL`',
      "11:'Job name'",
      "12:l10n.t('Stop')",
    ]);
  });

  it(`no hard-coded shown words in ${Object.keys(LOCALIZED).join(', ')}`, () => {
    const findings = Object.entries(LOCALIZED).flatMap(([dir, surface]) =>
      tsFiles(path.join(ROOT, dir))
        .map((file) => path.relative(ROOT, file).split(path.sep).join('/'))
        .filter((file) => !NOT_AT_RUN_TIME.has(file))
        .flatMap((file) => lintL10n(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), surface)),
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
