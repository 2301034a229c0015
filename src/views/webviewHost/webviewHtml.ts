// A webview's HTML: a shell that loads the bundled page script and stylesheets, under a strict
// Content-Security-Policy (scripts only with this load's nonce, styles/fonts/images only from
// the extension's own dist/ and media/). Pure, so the policy is unit-tested.
import { randomBytes } from 'node:crypto';

interface HtmlParts {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUris: string[];
  /** The document's title (screen readers). */
  title?: string;
  /** VS Code's display language: the page formats dates and numbers for it. */
  locale?: string;
  /**
   * The extension's l10n bundle (vscode.l10n.bundle; undefined in English): the page's words.
   * An attribute, not a script: the CSP allows none inline, and the first paint needs it.
   */
  l10n?: Record<string, string>;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
  ].join('; ');
}

export function webviewHtml(p: HtmlParts): string {
  const styles = p.styleUris.map((u) => `<link rel="stylesheet" href="${attr(u)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(p.cspSource, p.nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${attr(p.title ?? 'Jobdeck')}</title>
  </head>
  <body>
    <main id="app" aria-live="off" data-locale="${attr(p.locale ?? '')}"${p.l10n ? ` data-l10n="${attr(JSON.stringify(p.l10n))}"` : ''}></main>
    <script nonce="${attr(p.nonce)}" src="${attr(p.scriptUri)}"></script>
  </body>
</html>`;
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
