// A panel action's name as the host says it in a message, in the display language: the same
// words (and l10n keys) as the page's buttons (webview/header.ts), so a bundle has one entry
// for each. PANEL_ACTIONS keeps the English names as the actions' stable description.
import * as vscode from 'vscode';
import type { PanelActionId } from '../../shared/protocol';

export function actionLabel(a: PanelActionId): string {
  const labels: Record<PanelActionId, string> = {
    stop: vscode.l10n.t('Stop'),
    delete: vscode.l10n.t('Delete'),
    deleteNow: vscode.l10n.t('Delete Now'),
    relaunch: vscode.l10n.t('Relaunch'),
    tail: vscode.l10n.t('Tail Events'),
    copyId: vscode.l10n.t('Copy Id'),
    openInBrowser: vscode.l10n.t('Open in Browser'),
    report: vscode.l10n.t('Report'),
    edit: vscode.l10n.t('Edit…'),
    setTask: vscode.l10n.t('Set Current Task…'),
    allChanges: vscode.l10n.t('All Changes'),
    copyLink: vscode.l10n.t('Copy Link'),
    saveReport: vscode.l10n.t('Save Report…'),
  };
  return labels[a];
}
