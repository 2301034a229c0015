// The nodes / devices / tasks table: state chips that filter it, sortable columns, rows that
// expand to their result. Paged (PAGE rows at a time), so 5,000 nodes cost 100 rows of DOM.
// A big job's first message brings only the first page of rows: the table draws it at once
// (counts and chips come with it) and the rest of the views once all the rows are here.
import * as l10n from '@vscode/l10n';
import { oneLine } from '../shared/format';
import { stateIcon, type Ctx } from './context';
import { h, icon } from './dom';
import { MESSAGE_PREVIEW, PAGE, type PanelTarget, type SortKey } from '../shared/protocol';
import { targetDetail } from './targetDetail';
import { duration, localTime, num, shortTime } from './time';
import { isOpen, tableColumns, tableView, toggled } from './viewModel';
import { noun, plural } from './words';
import { stateChips, targetDuration } from '../shared/rows';

const COLUMNS: readonly SortKey[] = ['name', 'state', 'start', 'finish', 'duration', 'message'];

/** A column's heading and its sort button's tooltip. */
function columnWords(key: SortKey): { label: string; sortBy: string } {
  const words: Record<SortKey, { label: string; sortBy: string }> = {
    name: { label: l10n.t('Name'), sortBy: l10n.t('Sort by name') },
    state: { label: l10n.t('State'), sortBy: l10n.t('Sort by state') },
    start: { label: l10n.t('Start'), sortBy: l10n.t('Sort by start') },
    finish: { label: l10n.t('Finish'), sortBy: l10n.t('Sort by finish') },
    duration: { label: l10n.t('Duration'), sortBy: l10n.t('Sort by duration') },
    message: { label: l10n.t('Message'), sortBy: l10n.t('Sort by message') },
  };
  return words[key];
}

interface TargetsResult {
  el: HTMLElement;
  rows: number;
  /** Ids of the rows drawn open. */
  open: string[];
}

export function targets(ctx: Ctx): TargetsResult | undefined {
  const list = ctx.job.targets;
  if (!list.length) {
    if (!ctx.msg.detailLoaded) return undefined;
    return {
      el: h('section', { class: 'targets' }, [
        h('h2', { text: l10n.t('Nodes') }),
        h('p', { class: 'muted', text: l10n.t('This job reports no nodes, devices or tasks.') }),
      ]),
      rows: 0,
      open: [],
    };
  }
  const { ui } = ctx;
  const pending = ctx.msg.pending;
  const total = pending?.total ?? list.length;
  const kind = noun(list[0].kind, 2);
  const title = plural(list[0].kind);
  const chips = pending?.chips ?? stateChips(list);
  // A chip whose state no row has any more is dropped (the job moved on).
  ui.chips = ui.chips.filter((c) => chips.some((x) => x.rawState === c));
  const view = tableView(list, pending, ui, PAGE, ctx.now);
  const pages = view.pages;
  ui.page = view.page;

  const chipBar = h('div', {
    class: 'chips',
    attrs: { role: 'group', 'aria-label': l10n.t('Filter {0} by state', kind) },
  });
  const all = chipButton(l10n.t('All {0}', num(total)), undefined, !ui.chips.length, () => {
    ui.chips = [];
    ui.page = 0;
    ctx.save();
    ctx.redraw();
  });
  all.dataset.key = 'chip:*';
  chipBar.append(all);
  for (const c of chips) {
    const on = ui.chips.includes(c.rawState);
    const b = chipButton(`${c.rawState} ${num(c.count)}`, { icon: stateIcon(ctx, c.state), state: c.state }, on, () => {
      ui.chips = on ? ui.chips.filter((x) => x !== c.rawState) : [...ui.chips, c.rawState];
      ui.page = 0;
      ctx.save();
      ctx.redraw();
    });
    b.dataset.key = `chip:${c.rawState}`;
    b.dataset.state = c.rawState;
    chipBar.append(b);
  }

  const keys = tableColumns(
    COLUMNS.map((key) => ({ key })),
    ctx.msg.columns,
  );
  const columns = keys.map((key) => ({ key, ...columnWords(key) }));
  const table = h('table', { class: 'targets-table', attrs: { 'aria-label': title } });
  const headRow = h('tr');
  headRow.append(h('th', { class: 'c-exp', attrs: { 'aria-label': l10n.t('Expand') } }));
  for (const col of columns) {
    const sorted = ui.sort?.key === col.key ? ui.sort.dir : undefined;
    const th = h('th', {
      class: `c-${col.key}`,
      attrs: { 'aria-sort': sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none' },
    });
    const b = h('button', { class: 'sort', title: col.sortBy, attrs: { type: 'button' } }, [
      h('span', { text: col.label }),
      icon(sorted === 'asc' ? 'arrow-up' : sorted === 'desc' ? 'arrow-down' : 'blank', 'sort-icon'),
    ]);
    b.dataset.key = `sort:${col.key}`;
    b.addEventListener('click', () => {
      // asc → desc → back to the default order (failed first).
      ui.sort = !sorted ? { key: col.key, dir: 'asc' } : sorted === 'asc' ? { key: col.key, dir: 'desc' } : undefined;
      ui.page = 0;
      ctx.save();
      ctx.redraw();
    });
    th.append(b);
    headRow.append(th);
  }
  table.append(h('thead', {}, [headRow]));
  const body = h('tbody');
  const slice = view.rows ?? [];
  const opened: string[] = [];
  for (const i of slice) {
    const t = list[i];
    const open = isOpen(t, ui, total);
    if (open) opened.push(t.id);
    body.append(row(ctx, t, open, keys));
    if (open)
      body.append(
        h('tr', { class: 'detail-row' }, [
          h('td', { attrs: { colspan: String(columns.length + 1) } }, [targetDetail(ctx, t, [t.id])]),
        ]),
      );
  }
  table.append(body);

  const section = h('section', { class: 'targets', attrs: { 'aria-labelledby': 'targets-h' } }, [
    h('h2', { attrs: { id: 'targets-h' }, text: l10n.t('{0} ({1})', title, num(total)) }),
    chipBar,
    pager(ctx, view.matching, pages),
    h('div', { class: 'table-scroll' }, [table]),
    !view.rows
      ? h('p', { class: 'muted loading' }, [
          icon('loading', 'codicon-modifier-spin'),
          ` ${l10n.t('Loading {0} {1}…', num(total), kind)}`,
        ])
      : undefined,
    view.matching > PAGE ? pager(ctx, view.matching, pages, 'bottom') : undefined,
    !view.matching ? h('p', { class: 'muted', text: l10n.t('No row matches the chips.') }) : undefined,
  ]);
  return { el: section, rows: slice.length, open: opened };
}

/** The first line of a message, looking no further than a row can show. */
function firstLine(message: string): string {
  return message.slice(0, MESSAGE_PREVIEW).split(/\r?\n/)[0];
}

/** A tooltip: a megabyte of output is for the expanded row, not for a hover. */
function bounded(text: string): string {
  return text.length > MESSAGE_PREVIEW ? `${text.slice(0, MESSAGE_PREVIEW)}…` : text;
}

function chipButton(
  label: string,
  st: { icon: string; state: string } | undefined,
  on: boolean,
  onClick: () => void,
): HTMLButtonElement {
  const b = h(
    'button',
    {
      class: `chip${on ? ' on' : ''}${st ? ` chip-${st.state}` : ''}`,
      attrs: { type: 'button', 'aria-pressed': String(on) },
    },
    [st ? icon(st.icon, `state-${st.state}`) : undefined, h('span', { text: label })],
  );
  b.addEventListener('click', onClick);
  return b;
}

function row(ctx: Ctx, t: PanelTarget, open: boolean, keys: readonly SortKey[]): HTMLTableRowElement {
  const d = targetDuration(t, ctx.now);
  const ref = t.startedAt;
  const tr = h('tr', {
    class: `row state-row-${t.state}${open ? ' open' : ''}`,
    attrs: { tabindex: '0', 'aria-expanded': String(open) },
  });
  tr.dataset.key = `row:${t.id}`;
  tr.dataset.target = t.name;
  const cells: Record<SortKey, () => HTMLElement> = {
    name: () => h('td', { class: 'c-name', text: oneLine(t.name, 300), title: t.name }),
    state: () =>
      h('td', { class: 'c-state' }, [
        icon(stateIcon(ctx, t.state), `state-${t.state}${t.state === 'running' ? ' codicon-modifier-spin' : ''}`),
        h('span', { text: ` ${t.rawState}` }),
      ]),
    start: () =>
      h('td', {
        class: 'c-start',
        text: t.startedAt !== undefined ? localTime(t.startedAt) : '',
        title: t.startedAt !== undefined ? new Date(t.startedAt).toISOString() : undefined,
      }),
    finish: () =>
      h('td', {
        class: 'c-finish',
        text: t.finishedAt !== undefined ? shortTime(t.finishedAt, ref) : '',
        title: t.finishedAt !== undefined ? new Date(t.finishedAt).toISOString() : undefined,
      }),
    duration: () => h('td', { class: 'c-duration', text: d !== undefined ? duration(d) : '' }),
    message: () =>
      h('td', {
        class: 'c-message',
        text: t.message ? oneLine(firstLine(t.message), 300) : '',
        title: t.message ? bounded(t.message) : undefined,
      }),
  };
  tr.append(
    h('td', { class: 'c-exp' }, [icon(open ? 'chevron-down' : 'chevron-right')]),
    ...keys.map((k) => cells[k]()),
  );
  const toggle = () => {
    Object.assign(ctx.ui, toggled(ctx.ui, t.id, open));
    ctx.save();
    ctx.redraw();
  };
  tr.addEventListener('click', (e) => {
    // Selecting text in a row must not toggle it.
    if (window.getSelection()?.toString()) return;
    if ((e.target as HTMLElement).closest('button')) return;
    toggle();
  });
  tr.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      toggle();
    }
  });
  return tr;
}

function pager(ctx: Ctx, total: number, pages: number, where = 'top'): HTMLElement | undefined {
  if (pages <= 1) return undefined;
  const { ui } = ctx;
  const from = ui.page * PAGE + 1;
  const to = Math.min(total, from + PAGE - 1);
  const go = (p: number) => {
    ui.page = p;
    ctx.save();
    ctx.redraw();
  };
  const pageButton = (key: string, label: string, ic: string, page: number, disabled: boolean) => {
    const b = h('button', { class: 'btn secondary', title: label, attrs: { type: 'button', 'aria-label': label } }, [
      icon(ic),
    ]);
    b.dataset.key = `page:${where}:${key}`;
    if (disabled) b.disabled = true;
    b.addEventListener('click', () => go(page));
    return b;
  };
  return h('div', { class: 'pager' }, [
    pageButton('First page', l10n.t('First page'), 'chevron-left', 0, ui.page === 0),
    pageButton('Previous page', l10n.t('Previous page'), 'arrow-left', ui.page - 1, ui.page === 0),
    h('span', {
      class: 'muted',
      text: l10n.t('{0}–{1} of {2} · page {3} of {4}', num(from), num(to), num(total), ui.page + 1, pages),
    }),
    pageButton('Next page', l10n.t('Next page'), 'arrow-right', ui.page + 1, ui.page >= pages - 1),
    pageButton('Last page', l10n.t('Last page'), 'chevron-right', pages - 1, ui.page >= pages - 1),
  ]);
}
