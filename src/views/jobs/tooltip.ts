// Markdown tooltips for job and connection rows, made by inertMarkdown (trusting nothing, no
// icons, no HTML). Server text goes through appendText, which escapes Markdown, so a job name
// cannot inject links or images into a hover; appendMarkdown gets our own words only.
import * as vscode from 'vscode';
import type { Job } from '../../client/model';
import type { ConnectionStore } from '../../store/connectionStore';
import { count, dateTime, duration, oneLine, relativeTime } from '../../shared/format';
import { displayLocale } from '../../platform/locale';
import { inertMarkdown } from '../../platform/inertMarkdown';

export function jobTooltip(job: Job): vscode.MarkdownString {
  const md = inertMarkdown();
  md.appendMarkdown('**');
  md.appendText(oneLine(job.name, 300));
  md.appendMarkdown('** — ');
  md.appendText(oneLine(job.rawState, 80));
  md.appendMarkdown('\n\n');
  const locale = displayLocale();
  const when = (ms: number) => `${dateTime(ms, locale)} (${relativeTime(ms, locale)})`;
  const rows: [string, string | undefined][] = [
    [vscode.l10n.t('Id'), job.id],
    [vscode.l10n.t('Owner'), job.owner],
    [vscode.l10n.t('Created'), job.createdAt ? when(job.createdAt) : undefined],
    [vscode.l10n.t('Started'), job.startedAt ? when(job.startedAt) : undefined],
    [vscode.l10n.t('Finished'), job.finishedAt ? when(job.finishedAt) : undefined],
    [vscode.l10n.t('Next run'), job.nextRunAt ? when(job.nextRunAt) : undefined],
    [
      vscode.l10n.t('Duration'),
      job.startedAt ? duration((job.finishedAt ?? Date.now()) - job.startedAt, displayLocale()) : undefined,
    ],
    [
      vscode.l10n.t('Progress'),
      job.progress ? `${count(job.progress.done, locale)} / ${count(job.progress.total, locale)}` : undefined,
    ],
    [
      vscode.l10n.t('Targets'),
      job.targetCounts
        ? Object.entries(job.targetCounts)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ')
        : undefined,
    ],
    ...(job.fields ?? []).slice(0, 8).map((f): [string, string] => [f.label, f.value]),
    [vscode.l10n.t('Summary'), job.summary],
  ];
  for (const [label, value] of rows) {
    if (value === undefined || value === '') continue;
    md.appendText(`${label}: `);
    md.appendText(oneLine(value, 300));
    md.appendMarkdown('  \n');
  }
  return md;
}

export function connectionTooltip(store: ConnectionStore): vscode.MarkdownString {
  const md = inertMarkdown();
  md.appendMarkdown('**');
  md.appendText(store.name);
  md.appendMarkdown(`** (${store.kind})  \n`);
  md.appendText(store.url);
  md.appendMarkdown('  \n');
  if (store.error) {
    md.appendMarkdown('**').appendText(vscode.l10n.t('Error:')).appendMarkdown('** ');
    md.appendText(oneLine(store.error.shortMessage, 400));
    md.appendMarkdown('  \n');
  }
  if (store.lastUpdated)
    md.appendText(vscode.l10n.t('Updated {0}', relativeTime(store.lastUpdated, displayLocale()))).appendMarkdown(
      '  \n',
    );
  return md;
}
