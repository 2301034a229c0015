// Renders media/icon.svg to media/icon.png (128×128, the Marketplace and Extensions view icon)
// with Debian's Chromium through playwright-core (installed by test/vscode/install.mjs).
// Run after changing the SVG: `node scripts/icon.mjs`. The PNG is committed; builds do not run this.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, repoRoot } from '../test/vscode/launcher.mjs';

const svg = readFileSync(join(repoRoot, 'media', 'icon.svg'), 'utf8');
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
const png = await page.locator('svg').screenshot({ omitBackground: true });
writeFileSync(join(repoRoot, 'media', 'icon.png'), png);
await browser.close();
console.log(`media/icon.png: ${png.length} bytes`);
process.exit(0);
