// Opens a URL the page asked for: only http(s) (linkPolicy), straight away when it is on the
// connection's own server, after a modal confirmation otherwise. The webview itself never
// navigates (its CSP and sandbox forbid it anyway).
import type * as vscode from 'vscode';
import { checkLink } from './linkPolicy';
import { inert } from '../shared/inertText';

export interface LinkHooks {
  openExternal(uri: string): Thenable<boolean>;
  confirm(message: string, detail: string): Thenable<boolean>;
  warn(message: string): void;
}

export async function openLink(url: string, connectionUrl: string, hooks: LinkHooks): Promise<boolean> {
  const verdict = checkLink(url, connectionUrl);
  if (!verdict.ok) {
    hooks.warn(`Jobdeck did not open the link: ${verdict.reason}.`);
    return false;
  }
  if (!verdict.sameOrigin) {
    const ok = await hooks.confirm(
      `Open ${verdict.url}?`,
      `The link is not on this connection's server (${originOf(connectionUrl)}). Open it in the browser only if you trust it.`,
    );
    if (!ok) return false;
  }
  return hooks.openExternal(verdict.url);
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export function vscodeLinkHooks(api: typeof vscode): LinkHooks {
  return {
    openExternal: (uri) => api.env.openExternal(api.Uri.parse(uri, true)),
    confirm: async (message, detail) =>
      (await api.window.showWarningMessage(inert(message), { modal: true, detail: inert(detail) }, 'Open')) === 'Open',
    warn: (message) => void api.window.showWarningMessage(inert(message)),
  };
}
