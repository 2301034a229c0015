// No text that is not ours reaches a VS Code surface that renders links or icons without
// `inert` (notifications, dialogs, quick picks, input boxes, progress, status bar, tree items),
// and Markdown is made only by inertMarkdown. Read from the source with the TypeScript compiler
// (surfaceLint.ts); the lint itself is shown to find each kind of leak in a small sample.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { inert, markdownText } from '../../../src/shared/inertText';
import { Finding, lintSurfaces } from './surfaceLint';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

function compilerOptions(): ts.CompilerOptions {
  const configFile = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  return { ...parsed.options, noEmit: true };
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

const show = (f: Finding) => `${path.relative(ROOT, f.file)}:${f.line} ${f.sink}: ${f.text}`;

describe('security: server text on VS Code surfaces', function () {
  this.timeout(120_000);

  it('inert breaks markdown links and $(icons) and keeps the text as it reads', () => {
    const link = '[Re-authenticate](command:jobdeck.bulkDelete?%7B%22confirm%22%3Atrue%7D)';
    const safe = inert(link);
    assert.doesNotMatch(safe, /\]\(/);
    assert.equal(safe.replace(/\u2060/g, ''), link);
    assert.doesNotMatch(inert('$(alert) urgent $(sync~spin)'), /\$\(/);
    // Put together with other text, inert parts never complete a link or an icon.
    for (const [a, b] of [
      ['[x]', '(command:y)'],
      ['[x', '](command:y)'],
      ['$', '(alert)'],
      ['a]', '(b'],
    ]) {
      assert.doesNotMatch(inert(a) + inert(b), /\]\(|\$\(/, `${a} + ${b}`);
      assert.doesNotMatch(`${inert(a)}(https://x)`, /\]\(/);
      assert.doesNotMatch(`[see ${inert(b)}`, /\]\(/);
    }
    assert.equal(inert('plain job 12 (nightly) [a] b'), 'plain job 12 (nightly) [a] b', 'ordinary text is unchanged');
    assert.equal(markdownText('[x](command:y) *b* <img>'), '\\[x\\]\\(command\\:y\\) \\*b\\* \\<img\\>');
  });

  it('the lint finds every kind of leak in a sample, and accepts what is safe', () => {
    const sample = path.join(ROOT, 'src', '__surfaceLintSample.ts');
    const text = `import * as vscode from 'vscode';
import { inert } from './shared/inertText';
declare const job: { name: string; id: string; state: 'running' | 'failed'; count: number };
export async function leaks(e: Error): Promise<void> {
  void vscode.window.showErrorMessage(job.name);                                     // leak 1
  void vscode.window.showWarningMessage(\`Stop \${job.name}?\`, { modal: true, detail: e.message }, 'Stop'); // leak 2, 3
  const show = job.count ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
  void show(\`\${job.id} finished\`);                                                // leak 4
  void vscode.window.showQuickPick([{ label: job.name, description: 'ok', detail: job.id }]); // leak 5, 6
  void vscode.window.showInputBox({ prompt: e.message, validateInput: (v) => (v ? undefined : e.message) }); // leak 7, 8
  const item = vscode.window.createStatusBarItem();
  item.text = \`$(sync~spin) \${job.name}\`;                                          // leak 9
  const md = new vscode.MarkdownString(job.name);                                    // leak 10
  md.isTrusted = true;                                                               // leak 11
  md.appendMarkdown(job.name);                                                       // leak 12
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: job.name }, async (p) => p.report({ message: job.id })); // leak 13, 14
  vscode.window.setStatusBarMessage(job.id);                                         // leak 15
  // Safe:
  void vscode.window.showErrorMessage(inert(job.name));
  void vscode.window.showWarningMessage(\`Stop \${inert(job.name)} (\${job.count} nodes, \${job.state})?\`, { modal: true, detail: 'Cannot be undone.' }, 'Stop');
  const text = \`\${inert(job.id)} finished\`;
  void show(text);
  item.text = \`$(sync~spin) \${job.count} running\`;
  md.appendText(job.name);
}
`;
    const options = compilerOptions();
    const host = ts.createCompilerHost(options);
    const read = host.readFile.bind(host);
    const exists = host.fileExists.bind(host);
    const get = host.getSourceFile.bind(host);
    host.readFile = (f) => (path.resolve(f) === sample ? text : read(f));
    host.fileExists = (f) => path.resolve(f) === sample || exists(f);
    host.getSourceFile = (f, lang, onError, create) =>
      path.resolve(f) === sample ? ts.createSourceFile(f, text, lang, true) : get(f, lang, onError, create);
    const findings = lintSurfaces([sample], options, host, (f) => path.resolve(f) === sample);
    const lines = text.split('\n');
    const expected = lines.flatMap((l, i) => (/\/\/ leak/.test(l) ? [i + 1] : []));
    const found = [...new Set(findings.map((f) => f.line))];
    assert.deepEqual(found, expected, findings.map(show).join('\n'));
    assert.equal(findings.length, 15, findings.map(show).join('\n'));
  });

  it("Jobdeck's source passes the lint: every notification, dialog, pick, input, progress, status bar and tree text is inert", () => {
    const files = sourceFiles(path.join(ROOT, 'src'));
    assert.ok(files.length > 50, `${files.length} source files`);
    const findings = lintSurfaces(files, compilerOptions());
    assert.deepEqual(findings.map(show), []);
  });
});
