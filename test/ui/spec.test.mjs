// A spec file as a person sees it: squiggles and the Problems view for a misspelt package,
// CodeLens above the launches, the completion list of live package names, and "▶ Launch"
// putting the job into the Jobs view.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, sel } from './support/workbench.mjs';

const FILE = 'nightly.jobdeck.yaml';
const TEXT = [
  '# Nightly lab runs (see docs/spec-files.md)',
  'launches:',
  '  - connection: demo-cdrouter',
  '    package: nightly perfomance',
  '    device: Device Foo',
  '    tags: [nightly]',
  '  - label: DNS smoke',
  '    connection: demo-cdrouter',
  '    package: dns',
  '  - connection: demo-cdrouter',
  '    package: ',
  '',
].join('\n');

describe('Spec files in the editor', function () {
  let wb;
  let page;

  before(async () => {
    wb = await openWorkbench({ emulator: { jobs: 60, seed: 42, speed: 1 }, name: 'ui-spec' });
    page = wb.page;
    writeFileSync(join(wb.server.workspace, FILE), TEXT);
    // Quick Open finds the file on disk (the explorer may not have seen it yet).
    await page
      .locator('.monaco-workbench')
      .first()
      .focus()
      .catch(() => {});
    await page.keyboard.press('ControlOrMeta+P');
    await page.locator(sel.quickInputBox).fill(FILE);
    await page.locator(sel.quickInputRows).filter({ hasText: FILE }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await page
      .locator('.editor-group-container.active .monaco-editor .view-lines')
      .filter({ hasText: 'nightly perfomance' })
      .waitFor({ state: 'visible' });
  });
  after(async () => wb?.close());

  const editor = () => page.locator('.editor-group-container.active .monaco-editor').first();

  async function goTo(line, column) {
    await editor().locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+G');
    await page.locator(sel.quickInputBox).fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.locator(sel.quickInputBox).waitFor({ state: 'hidden' });
  }

  it('marks the misspelt package, shows CodeLens, and lists live package names', async () => {
    // The language server starts, asks the extension for connections and the token, and
    // checks the packages against the emulator.
    await editor().locator('.squiggly-error').first().waitFor({ state: 'visible', timeout: 60_000 });
    const lenses = editor().locator('.codelens-decoration a');
    await lenses.first().waitFor({ state: 'visible' });
    const titles = await lenses.allTextContents();
    assert.deepEqual(
      titles.map((t) => t.trim()),
      ['▶ Launch all (3)', '▶ Launch', '▶ Launch', '▶ Launch'],
    );

    await page.keyboard.press('ControlOrMeta+Shift+M');
    const markers = page.locator('.markers-panel .monaco-list-row');
    await markers
      .filter({ hasText: 'No package “nightly perfomance” on demo-cdrouter' })
      .first()
      .waitFor({ state: 'visible' });
    const problemTexts = await markers.allTextContents();
    assert.ok(
      problemTexts.some((t) => t.includes('Did you mean “nightly performance”?')),
      problemTexts.join('\n'),
    );
    assert.ok(
      problemTexts.some((t) => t.includes('“package” has no value')),
      problemTexts.join('\n'),
    );

    await goTo(11, 14);
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.editor-widget.suggest-widget.visible');
    await suggest
      .locator('.monaco-list-row')
      .filter({ hasText: 'nightly performance' })
      .first()
      .waitFor({ state: 'visible' });
    const rows = await suggest
      .locator('.monaco-list-row')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
    assert.ok(rows.length >= 5, `completion rows: ${rows.join(' | ')}`);
    assert.ok(
      rows.some((r) => r.includes('dns')),
      rows.join(' | '),
    );
    const shot = await wb.screenshot('spec-file-diagnostic-and-completion');
    console.log(`      screenshot: ${shot}`);
    await page.keyboard.press('Escape');
  });

  it('▶ Launch on a launch puts the job into the Jobs view', async () => {
    const lens = editor()
      .locator('.codelens-decoration a')
      .filter({ hasText: /^▶ Launch$/ })
      .nth(1);
    await lens.click();
    await wb.waitForNotification('Launched', 60_000);
    await wb.openJobdeckView();
    const selected = page.locator(`${sel.rows}.selected`).filter({ hasText: 'dns' }).first();
    await selected.waitFor({ state: 'visible', timeout: 30_000 });
    const shot = await wb.screenshot('spec-file-launched');
    console.log(`      screenshot: ${shot}`);
  });
});
