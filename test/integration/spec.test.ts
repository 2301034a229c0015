// Spec files in a real extension host against the jobs emulator: the LanguageClient starts the
// server process, which reads connections and tokens from the extension and checks the file
// against the emulator; diagnostics, completion, hover, outline and CodeLens come back through
// VS Code's own providers, and "▶ Launch" puts the job into the emulator and the Jobs tree.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Choice, Job } from '../../src/client/model';
import type { JobdeckApi } from '../../src/extension/extension';
import type { Services } from '../../src/extension/services';
import { control, EMULATOR, writes } from './emulatorControl';
import { markdownText } from '../../src/shared/inertText';

async function until<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 30_000,
): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function folder(): string {
  const ws = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const dir = path.join(ws ?? os.tmpdir(), `spec-it-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function open(name: string, text: string): Promise<vscode.TextEditor> {
  const file = path.join(folder(), name);
  writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(doc);
}

function codes(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'jobdeck')
    .map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));
}

describe('Spec files (language server)', function () {
  this.timeout(120_000);
  let s: Services;
  let packages: Choice[];

  before(async function () {
    assert.ok(EMULATOR, 'JOBDECK_EMULATOR_URL is set by the launcher');
    const ext = vscode.extensions.getExtension<JobdeckApi>('jobdeck.jobdeck');
    assert.ok(ext);
    s = (await ext.activate()).services;
    const cdrouter = await until('the demo-cdrouter connection', () => s.jobStore.get('demo-cdrouter'));
    packages = await cdrouter.connection.adapter.listChoices('package');
    assert.ok(packages.length >= 3, 'the emulator lists packages');
  });

  it('marks an unknown package, an unknown connection, a wrong type and a missing field', async () => {
    const editor = await open(
      'problems.jobdeck.yaml',
      [
        'launches:',
        '  - connection: demo-cdrouter',
        `    package: ${packages[1].label}x`,
        '  - connection: demo-puppet',
        '    environment: production',
        '    noop: maybe',
        '  - connection: demo-nope',
        '  - connection: demo-stack',
        '    stack: web-frontend',
        '',
      ].join('\n'),
    );
    const uri = editor.document.uri;
    const found = await until('live diagnostics', () => {
      const c = codes(uri);
      return c.includes('notOnServer') && c;
    });
    assert.deepEqual(
      [...found].sort(),
      ['missingField', 'missingField', 'notOnServer', 'unknownConnection', 'wrongType'].sort(),
    );
    const diags = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'jobdeck');
    const notOnServer = diags.find((d) => d.code === 'notOnServer') as vscode.Diagnostic;
    assert.equal(notOnServer.range.start.line, 2);
    assert.equal(notOnServer.range.start.character, 13);
    assert.equal(notOnServer.severity, vscode.DiagnosticSeverity.Error);
    assert.match(
      notOnServer.message,
      new RegExp(`No package “${packages[1].label}x” on demo-cdrouter.*Did you mean “${packages[1].label}”`),
    );
    const unknown = diags.find((d) => d.code === 'unknownConnection') as vscode.Diagnostic;
    assert.match(unknown.message, /Unknown connection “demo-nope”/);
  });

  it('completes live package names and field names', async () => {
    const editor = await open(
      'complete.jobdeck.yaml',
      ['launches:', '  - connection: demo-cdrouter', '    package: ', '    '].join('\n'),
    );
    const uri = editor.document.uri;
    const values = await until('package completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        new vscode.Position(2, 13),
      );
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return packages.every((p) => labels.includes(p.label)) && labels;
    });
    assert.ok(values.length >= packages.length);
    const keys = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(3, 4),
    );
    const keyLabels = keys.items
      .filter((i) => i.kind === vscode.CompletionItemKind.Property)
      .map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const k of ['packages', 'device', 'config', 'tags', 'skipTests'])
      assert.ok(keyLabels.includes(k), `field ${k} offered: ${keyLabels.join(', ')}`);
    assert.ok(!keyLabels.includes('environment'), 'no Puppet fields on a CDRouter launch');
  });

  it('shows hover, outline and CodeLens', async () => {
    const pkg = packages[0];
    const editor = await open(
      'lenses.jobdeck.yaml',
      [
        'launches:',
        '  - label: first',
        '    connection: demo-cdrouter',
        `    package: ${pkg.id}`,
        '  - connection: demo-stack',
        '    schedule: daily 02:00',
        '    stack: web-frontend',
        '',
      ].join('\n'),
    );
    const uri = editor.document.uri;
    const lenses = await until('CodeLens', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return l && l.length === 3 && l;
    });
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]),
      [
        [0, '▶ Launch all (2)', 'jobdeck.launchSpecAll'],
        [1, '▶ Launch', 'jobdeck.launchSpec'],
        [4, '▶ Launch', 'jobdeck.launchSpec'],
      ],
    );
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      uri,
    );
    assert.deepEqual(
      symbols.map((x) => x.name),
      ['first', 'demo-stack: web-frontend'],
    );
    const hover = await until('hover on the package id', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        new vscode.Position(3, 14),
      );
      const text = h.flatMap((x) => x.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return text.includes('package `') && text;
    });
    assert.ok(hover.includes(`**${markdownText(pkg.label)}** · package \`${pkg.id}\` on demo-cdrouter`), hover);
  });

  it('▶ Launch launches the job: the emulator gets it, the tree store has it', async () => {
    const pkg = packages[2];
    const editor = await open(
      'launch.jobdeck.yaml',
      ['launches:', '  - connection: demo-cdrouter', `    package: ${pkg.label}`, '    tags: [spec-file]', ''].join(
        '\n',
      ),
    );
    const uri = editor.document.uri;
    await control('DELETE', 'log');
    const lens = await until('the launch lens', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return l?.find((x) => x.command?.command === 'jobdeck.launchSpec');
    });
    const jobs = await vscode.commands.executeCommand<Job[] | undefined>(
      lens.command!.command,
      ...(lens.command!.arguments ?? []),
    );
    assert.ok(jobs && jobs.length === 1, 'one job launched');
    const posts = (await writes('cdrouter')).filter((e) => e.method === 'POST' && /\/api\/v1\/jobs\/?$/.test(e.path));
    assert.equal(posts.length, 1, JSON.stringify(await writes('cdrouter')));
    assert.equal(posts[0].status, 200);
    const job = jobs[0];
    assert.equal(job.name.startsWith(pkg.label), true, job.name);
    await until('the job in the tree store', () => s.jobStore.get('demo-cdrouter')?.job(job.id));
  });

  it('▶ Launch all launches every launch in order (stack-jobs and beacon), and nothing while one has an error', async () => {
    const text = [
      'launches:',
      '  - connection: demo-stack',
      '    schedule: daily 02:00',
      '    stack: web-frontend',
      '    name: from a spec file',
      '  - connection: demo-beacon',
      '    name: spec beacon',
      '    tasks: [ping]',
      '    queue: true',
      '',
    ];
    const editor = await open('all.jobdeck.yaml', text.join('\n'));
    await control('DELETE', 'log');
    // As the lens runs it: its arguments carry this session's key (a click needs no question).
    const lens = await until('the launch-all lens', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        editor.document.uri,
      );
      return l?.find((x) => x.command?.command === 'jobdeck.launchSpecAll');
    });
    const jobs = await vscode.commands.executeCommand<Job[] | undefined>(
      lens.command!.command,
      ...(lens.command!.arguments ?? []),
    );
    assert.equal(jobs?.length, 2);
    assert.equal((await writes('stack-jobs')).filter((e) => e.method === 'POST').length, 1);
    assert.equal((await writes('beacon')).filter((e) => e.method === 'POST').length, 1);
    assert.deepEqual(
      jobs!.map((j) => j.name),
      ['from a spec file', 'spec beacon'],
    );
    // (A stack-jobs job can leave the tree store at its next refresh when it is not on the
    // server's first page; the beacon list is complete.)
    await until(`beacon job ${jobs![1].id} in the tree store`, () => s.jobStore.get('demo-beacon')?.job(jobs![1].id));

    const broken = await open(
      'broken-all.jobdeck.yaml',
      [...text.slice(0, 5), '  - connection: demo-beacon', '    name: no tasks', ''].join('\n'),
    );
    await control('DELETE', 'log');
    const none = await vscode.commands.executeCommand<Job[] | undefined>('jobdeck.launchSpecAll', {
      uri: broken.document.uri.toString(),
    });
    assert.equal(none, undefined);
    assert.deepEqual(await writes('stack-jobs'), []);
    assert.deepEqual(await writes('beacon'), []);
  });

  it('a JSON spec file gets live checks too (the JSON Schema covers its keys)', async () => {
    const editor = await open(
      'x.jobdeck.json',
      JSON.stringify({ launches: [{ connection: 'demo-cdrouter', package: 'no such package' }] }, null, 2),
    );
    const uri = editor.document.uri;
    await until('notOnServer in JSON', () => codes(uri).includes('notOnServer'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(4, 19),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes(packages[0].label), labels.slice(0, 10).join(', '));
  });

  it('spec files have their own languages (by file name); ordinary YAML and JSON keep theirs', async () => {
    const languageOf = async (name: string, text: string) => (await open(name, text)).document.languageId;
    assert.equal(await languageOf('lang.jobdeck.yaml', 'launches: []\n'), 'jobdeck-yaml');
    assert.equal(await languageOf('lang.jobdeck.yml', 'launches: []\n'), 'jobdeck-yaml');
    assert.equal(await languageOf('lang.jobdeck.json', '{ "launches": [] }\n'), 'jobdeck-json');
    assert.equal(await languageOf('plain.yaml', 'a: 1\n'), 'yaml');
    assert.equal(await languageOf('plain.json', '{ "a": 1 }\n'), 'json');
  });

  it("VS Code's JSON language server still validates *.jobdeck.json against the schema", async () => {
    const editor = await open('schema.jobdeck.json', '{ "launches": 5 }\n');
    assert.equal(editor.document.languageId, 'jobdeck-json');
    const uri = editor.document.uri;
    const fromSchema = await until('a schema diagnostic', () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source !== 'jobdeck');
      return d.length ? d : undefined;
    });
    assert.match(fromSchema.map((d) => d.message).join(' '), /Incorrect type\. Expected "array"/);
  });

  it('a server that exits is started again: the open file is sent to it again and an edit made after it is checked', async () => {
    const editor = await open('restart.jobdeck.yaml', ['launches:', '  - connection: demo-nope', ''].join('\n'));
    const uri = editor.document.uri;
    await until('unknownConnection before the exit', () => codes(uri).includes('unknownConnection'));
    const before = s.specs.serverPid;
    assert.ok(before, 'the server runs');
    process.kill(before, 'SIGKILL');
    const after = await until('a new server process', () => {
      const pid = s.specs.serverPid;
      return pid !== undefined && pid !== before && pid;
    });
    assert.notEqual(after, before);
    // The new server got the open file again (didOpen) and follows edits (didChange).
    await editor.edit((e) => e.replace(new vscode.Range(1, 16, 1, 25), 'demo-cdrouter'));
    await until('the edit checked by the new server', () => {
      const c = codes(uri);
      return !c.includes('unknownConnection') && c.includes('missingField');
    });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
