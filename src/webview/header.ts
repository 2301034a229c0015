// The top of the panel: state badge, name, id, owner, the dialect's fields, times, progress,
// links and the action buttons the host allows.
import * as l10n from '@vscode/l10n';
import { oneLine } from '../shared/format';
import { PANEL_ACTIONS, type PanelActionId } from '../shared/protocol';
import { button, h, icon } from './dom';
import { stateIcon, type Ctx } from './context';
import { duration, localTime } from './time';
import { noun } from './words';

export function header(ctx: Ctx): HTMLElement {
  const { job, msg } = ctx;
  const badge = h(
    'span',
    { class: `badge state-${job.state}`, title: l10n.t('State: {0} ({1})', job.rawState, job.state) },
    [
      icon(
        stateIcon(ctx, job.state),
        job.state === 'running' || job.state === 'stopping' ? 'codicon-modifier-spin' : '',
      ),
      h('span', { text: oneLine(job.rawState, 60) }),
    ],
  );
  const title = h('div', { class: 'title-row' }, [
    badge,
    h('h1', { class: 'job-name', text: oneLine(job.name, 500) || job.id, title: job.name }),
  ]);

  const meta = h('dl', { class: 'meta' });
  const metaItem = (label: string, value: Node | string | undefined, title?: string) => {
    if (value === undefined || value === '') return;
    meta.append(h('div', { class: 'meta-item' }, [h('dt', { text: label }), h('dd', { title }, [value])]));
  };
  metaItem(l10n.t('Id'), job.id);
  metaItem(l10n.t('Connection'), msg.connection);
  metaItem(l10n.t('Owner'), job.owner);
  for (const f of job.fields ?? []) metaItem(f.label, f.value);
  if (job.createdAt !== undefined && job.createdAt !== job.startedAt)
    metaItem(l10n.t('Created'), localTime(job.createdAt), utc(job.createdAt));
  metaItem(l10n.t('Started'), job.startedAt !== undefined ? localTime(job.startedAt) : undefined, utc(job.startedAt));
  metaItem(
    l10n.t('Finished'),
    job.finishedAt !== undefined ? localTime(job.finishedAt) : undefined,
    utc(job.finishedAt),
  );
  if (job.nextRunAt !== undefined) metaItem(l10n.t('Next run'), localTime(job.nextRunAt), utc(job.nextRunAt));
  if (job.startedAt !== undefined) {
    const end = job.finishedAt ?? (job.state === 'running' || job.state === 'stopping' ? ctx.now : undefined);
    if (end !== undefined)
      metaItem(
        job.finishedAt === undefined ? l10n.t('Running for') : l10n.t('Duration'),
        duration(end - job.startedAt),
      );
  }
  const progress = progressView(ctx);
  if (progress) metaItem(l10n.t('Progress'), progress);

  const links = (job.links ?? []).map((l) => {
    if (l.jobId !== undefined) {
      const jobId = l.jobId;
      return linkButton(
        `${l.label}: ${jobId}`,
        'arrow-right',
        () => ctx.post({ type: 'openJob', jobId }),
        l10n.t('Open job {0}', jobId),
        `link:job:${jobId}`,
      );
    }
    if (l.url) {
      const url = l.url;
      return linkButton(l.label, 'link-external', () => ctx.post({ type: 'openUrl', url }), url, `link:url:${url}`);
    }
    return undefined;
  });

  const actions = h('div', { class: 'actions', attrs: { role: 'toolbar', 'aria-label': l10n.t('Job actions') } });
  for (const a of msg.actions) {
    const spec = PANEL_ACTIONS[a];
    const label = actionLabel(a);
    const b = button(label, spec.icon, () => ctx.post({ type: 'action', action: a }), {
      secondary: a !== 'stop',
      title: label,
    });
    b.dataset.key = `action:${a}`;
    b.dataset.action = a;
    actions.append(b);
  }
  if (msg.preview) {
    // The preview panel's job goes when another row is clicked; this keeps it (a double click
    // on the row does the same).
    const keep = button(l10n.t('Keep Open'), 'pin', () => ctx.post({ type: 'keepOpen' }), {
      secondary: true,
      title: l10n.t('Keep Open: the next job clicked in the Jobs view opens in a panel of its own'),
    });
    keep.dataset.key = 'action:keepOpen';
    actions.append(keep);
  }
  const refresh = button('', 'refresh', () => ctx.post({ type: 'refresh' }), {
    secondary: true,
    title: l10n.t('Refresh now'),
  });
  refresh.dataset.key = 'action:refresh';
  actions.append(refresh);

  return h('header', { class: 'job-header' }, [
    h('div', { class: 'header-top' }, [title, actions]),
    job.summary ? h('p', { class: 'summary', text: job.summary }) : undefined,
    meta,
    linkList(
      ctx,
      links.filter((l): l is HTMLElement => l !== undefined),
    ),
    msg.detailLoaded
      ? undefined
      : h('p', { class: 'muted loading' }, [
          icon('loading', 'codicon-modifier-spin'),
          ` ${l10n.t('Loading details…')}`,
        ]),
  ]);
}

/** Links to other jobs first; past a few, the rest (a report per node…) one click away. */
const LINKS_SHOWN = 6;
function linkList(ctx: Ctx, links: HTMLElement[]): HTMLElement | undefined {
  if (!links.length) return undefined;
  links.sort((a, b) => Number(b.dataset.key?.startsWith('link:job:')) - Number(a.dataset.key?.startsWith('link:job:')));
  const all = ctx.ui.expanded.includes('*links');
  const box = h('div', { class: 'links' }, all ? links : links.slice(0, LINKS_SHOWN));
  if (links.length > LINKS_SHOWN) {
    const more = h('button', {
      class: 'link-button',
      text: all ? l10n.t('Fewer links') : l10n.t('{0} more links', links.length - LINKS_SHOWN),
      attrs: { type: 'button', 'aria-expanded': String(all) },
    });
    more.dataset.key = 'links:more';
    more.addEventListener('click', () => {
      ctx.ui.expanded = all ? ctx.ui.expanded.filter((k) => k !== '*links') : [...ctx.ui.expanded, '*links'];
      ctx.save();
      ctx.redraw();
    });
    box.append(more);
  }
  return box;
}

function utc(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

function linkButton(label: string, iconName: string, onClick: () => void, title: string, key: string): HTMLElement {
  const a = h('button', { class: 'link-button link', title, attrs: { type: 'button' } }, [
    icon(iconName),
    h('span', { text: label }),
  ]);
  a.dataset.key = key;
  a.addEventListener('click', onClick);
  return a;
}

function progressView(ctx: Ctx): HTMLElement | undefined {
  const { job } = ctx;
  // Counts per state say more than done/total (a failed node is not "done" like the others).
  const counts = job.targetCounts;
  const words = counts ? Object.keys(counts).filter((w) => counts[w] > 0) : [];
  if (counts && words.length) {
    const total = words.reduce((s, w) => s + counts[w], 0);
    // The server's own total where it says one (the counts may cover only the nodes listed):
    // the bar leaves the rest empty.
    const of =
      job.targetTotal !== undefined && job.targetTotal > total
        ? job.targetTotal
        : job.progress && job.progress.total > total
          ? job.progress.total
          : total;
    // The normalized state of a word, where a target of the job shows it.
    const stateOf = new Map(job.targets.map((t) => [t.rawState, t.state] as const));
    const bar = h('span', {
      class: 'bar stacked',
      attrs: { role: 'img', 'aria-label': words.map((w) => `${counts[w]} ${w}`).join(', ') },
    });
    for (const w of words) {
      const seg = h('span', { class: `bar-fill state-${stateOf.get(w) ?? guessState(w)}`, title: `${counts[w]} ${w}` });
      seg.style.width = `${(counts[w] / of) * 100}%`;
      bar.append(seg);
    }
    return h('span', { class: 'progress' }, [
      bar,
      h('span', { text: l10n.t('{0} of {1}', words.map((w) => `${counts[w]} ${w}`).join(' · '), of) }),
    ]);
  }
  if (job.progress && job.progress.total > 0) {
    const { done, total } = job.progress;
    const pct = Math.max(0, Math.min(100, (done / total) * 100));
    const fill = h('div', {
      class: `bar-fill state-${job.state === 'failed' || job.state === 'stopped' ? job.state : 'running'}`,
    });
    fill.style.width = `${pct}%`;
    return h('span', { class: 'progress' }, [
      h(
        'span',
        {
          class: 'bar',
          attrs: {
            role: 'progressbar',
            'aria-valuemin': '0',
            'aria-valuemax': String(total),
            'aria-valuenow': String(done),
          },
        },
        [fill],
      ),
      h('span', {
        text: job.targets.length
          ? l10n.t('{0} / {1} {2}', done, total, noun(job.targets[0].kind, total))
          : `${done} / ${total}`,
      }),
    ]);
  }
  return undefined;
}

/** Colour only: a count word no loaded target shows (the list knows counts before nodes load). */
function guessState(word: string): string {
  const w = word.toLowerCase();
  if (/fail|error|exception/.test(w)) return 'failed';
  if (/run|progress/.test(w)) return 'running';
  if (/finish|success|ok|complete|done|pass/.test(w)) return 'succeeded';
  if (/stop|skip|abort|cancel/.test(w)) return 'stopped';
  if (/new|ready|pend|queue|wait/.test(w)) return 'pending';
  return 'unknown';
}

/** An action button's words (PANEL_ACTIONS says the same in English, for the host's messages). */
function actionLabel(a: PanelActionId): string {
  const labels: Record<PanelActionId, string> = {
    stop: l10n.t('Stop'),
    delete: l10n.t('Delete'),
    deleteNow: l10n.t('Delete Now'),
    relaunch: l10n.t('Relaunch'),
    tail: l10n.t('Tail Events'),
    copyId: l10n.t('Copy Id'),
    openInBrowser: l10n.t('Open in Browser'),
    report: l10n.t('Report'),
    edit: l10n.t('Edit…'),
    setTask: l10n.t('Set Current Task…'),
    allChanges: l10n.t('All Changes'),
    copyLink: l10n.t('Copy Link'),
    saveReport: l10n.t('Save Report…'),
  };
  return labels[a];
}
