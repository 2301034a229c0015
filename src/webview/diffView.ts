// One step's diff: additions and deletions coloured from the theme, line numbers from the
// hunk headers, inline or side by side, unchanged runs folded, drawn lazily; a button opens
// VS Code's own diff editor (the host reconstructs the documents). A big diff shows its
// first hunks before it is parsed as a whole (right after that first paint).
import * as l10n from '@vscode/l10n';
import { diffStat, nextHunkHeader, parseHunks, type DiffLine, type ParsedDiff } from '../shared/diffHunks';
import { afterPaint, button, h, icon } from './dom';
import { changedRange, diffRows, leadingRows, type DiffMode, type DiffRow } from './diffRows';
import { CHUNK, FIRST_CHUNK, lazyRows, moreRow } from './lazy';
import { num } from './time';

/** Characters above which a diff's first rows are drawn before its whole parse. */
const BIG_DIFF = 100_000;

interface DiffOptions {
  label: string;
  /** Leave the label out of the header (the Changes list shows it already). */
  hideLabel?: boolean;
  mode: DiffMode;
  setMode: (mode: DiffMode) => void;
  openInEditor: () => void;
  copy: (text: string) => void;
  /** Its +/− counts, when the caller has them already (they cost a pass over a big diff). */
  stat?: { added: number; removed: number };
}

export function diffView(diff: string, opts: DiffOptions): HTMLElement {
  const big = diff.length > BIG_DIFF && nextHunkHeader(diff, 0) >= 0;
  const parsed = big ? undefined : parseHunks(diff);
  const stat = parsed ?? opts.stat ?? diffStat(diff);
  const wrap = h('div', { class: 'diff-block', attrs: { 'data-mode': opts.mode } });
  const head = h('div', { class: 'diff-head' }, [
    opts.hideLabel ? undefined : icon('diff'),
    opts.hideLabel ? undefined : h('span', { class: 'diff-title', text: opts.label }),
    h('span', { class: 'diff-stat add', text: `+${stat.added}`, title: l10n.t('{0} added', stat.added) }),
    h('span', { class: 'diff-stat del', text: `−${stat.removed}`, title: l10n.t('{0} removed', stat.removed) }),
    h('span', { class: 'spacer' }),
    segmented(opts),
    button(l10n.t('Open in Diff Editor'), 'diff-multiple', opts.openInEditor, {
      secondary: true,
      title: l10n.t('Open before/after in VS Code’s diff editor'),
    }),
    button('', 'copy', () => opts.copy(diff), { secondary: true, title: l10n.t('Copy the diff') }),
  ]);
  wrap.append(head);
  if (parsed?.warnings.length) wrap.append(warning(parsed));
  if (parsed && !parsed.hunks.length) {
    wrap.append(h('pre', { class: 'raw', text: diff }));
    return wrap;
  }
  const split = opts.mode === 'split';
  const cols = 4;
  const table = h('table', { class: `diff ${split ? 'split' : 'inline'}`, attrs: { role: 'presentation' } });
  if (split)
    table.append(h('colgroup', {}, [h('col', { class: 'c-ln' }), h('col'), h('col', { class: 'c-ln' }), h('col')]));
  else
    table.append(
      h('colgroup', {}, [
        h('col', { class: 'c-ln' }),
        h('col', { class: 'c-ln' }),
        h('col', { class: 'c-sign' }),
        h('col'),
      ]),
    );
  const body = h('tbody');
  table.append(body);
  const scroller = h('div', { class: 'diff-scroll' }, [table]);
  wrap.append(scroller);
  const render = (r: DiffRow): Node => renderRow(r, cols, split);
  const draw = (all: ParsedDiff, from: number) => {
    const rows = diffRows(all, opts.mode);
    lazyRows(
      body,
      rows.length,
      (i) => render(rows[i]),
      (left, more) => moreRow(cols, l10n.t('Show {0} more rows', num(left)), more),
      scroller,
      CHUNK,
      FIRST_CHUNK,
      from,
    );
  };
  if (parsed) {
    draw(parsed, 0);
    return wrap;
  }
  const lead = leadingRows(diff, opts.mode, FIRST_CHUNK).slice(0, FIRST_CHUNK);
  const frag = document.createDocumentFragment();
  for (const r of lead) frag.append(render(r));
  const reading = h('tr', { class: 'more' }, [
    h('td', { class: 'muted', text: l10n.t('Reading the rest of the diff…'), attrs: { colspan: String(cols) } }),
  ]);
  frag.append(reading);
  body.append(frag);
  afterPaint(() => {
    const all = parseHunks(diff);
    if (all.warnings.length) head.after(warning(all));
    reading.remove();
    draw(all, lead.length);
  });
  return wrap;
}

function warning(parsed: ParsedDiff): HTMLElement {
  return h('div', {
    class: 'diff-warn',
    text: l10n.t('Not a clean unified diff: {0}', parsed.warnings.slice(0, 3).join('; ')),
  });
}

function segmented(opts: DiffOptions): HTMLElement {
  const group = h('div', { class: 'segmented', attrs: { role: 'group', 'aria-label': l10n.t('Diff layout') } });
  const modes: { mode: DiffMode; label: string; ic: string }[] = [
    { mode: 'inline', label: l10n.t('Inline'), ic: 'list-flat' },
    { mode: 'split', label: l10n.t('Side by side'), ic: 'split-horizontal' },
  ];
  for (const { mode, label, ic } of modes) {
    group.append(
      button(label, ic, () => opts.setMode(mode), { secondary: opts.mode !== mode, pressed: opts.mode === mode }),
    );
  }
  return group;
}

function renderRow(r: DiffRow, cols: number, split: boolean): Node {
  switch (r.t) {
    case 'hunk':
      return h('tr', { class: 'hunk' }, [h('td', { attrs: { colspan: String(cols) }, text: r.header })]);
    case 'fold': {
      const tr = h('tr', { class: 'fold' });
      const b = h('button', { class: 'link-button', attrs: { type: 'button' } }, [
        icon('unfold'),
        ` ${r.rows.length === 1 ? l10n.t('1 unchanged line') : l10n.t('{0} unchanged lines', num(r.rows.length))}`,
      ]);
      b.addEventListener('click', () => {
        // A huge fold opens a chunk at a time, like the rest of the diff.
        const frag = document.createDocumentFragment();
        for (const inner of r.rows.slice(0, CHUNK)) frag.append(renderRow(inner, cols, split));
        if (r.rows.length > CHUNK) frag.append(renderRow({ t: 'fold', rows: r.rows.slice(CHUNK) }, cols, split));
        tr.replaceWith(frag);
      });
      tr.append(h('td', { attrs: { colspan: String(cols) } }, [b]));
      return tr;
    }
    case 'line': {
      const l = r.line;
      return h('tr', { class: l.kind }, [
        h('td', { class: 'ln', text: l.oldNo !== undefined ? String(l.oldNo) : '' }),
        h('td', { class: 'ln', text: l.newNo !== undefined ? String(l.newNo) : '' }),
        h('td', { class: 'sign', text: l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' ' }),
        textCell(l, r.partner),
      ]);
    }
    case 'pair': {
      const tr = h('tr', { class: r.left?.kind === 'context' ? 'context' : 'change' });
      tr.append(
        h('td', {
          class: `ln${r.left && r.left.kind !== 'context' ? ' del' : ''}`,
          text: r.left?.oldNo !== undefined ? String(r.left.oldNo) : '',
        }),
      );
      tr.append(r.left ? textCell(r.left, r.right !== r.left ? r.right : undefined) : h('td', { class: 'tx empty' }));
      tr.append(
        h('td', {
          class: `ln${r.right && r.right.kind !== 'context' ? ' add' : ''}`,
          text: r.right?.newNo !== undefined ? String(r.right.newNo) : '',
        }),
      );
      tr.append(r.right ? textCell(r.right, r.left !== r.right ? r.left : undefined) : h('td', { class: 'tx empty' }));
      return tr;
    }
  }
}

function textCell(line: DiffLine, partner: DiffLine | undefined): HTMLTableCellElement {
  const td = h('td', { class: `tx ${line.kind}` });
  const range =
    partner && line.kind !== 'context'
      ? changedRange(line.kind === 'del' ? line.text : partner.text, line.kind === 'del' ? partner.text : line.text)
      : undefined;
  if (range) {
    const end = line.kind === 'del' ? range.endA : range.endB;
    td.append(
      line.text.slice(0, range.start),
      h('span', { class: 'chg', text: line.text.slice(range.start, end) }),
      line.text.slice(end),
    );
  } else {
    td.textContent = line.text;
  }
  if (line.noNewline)
    td.append(
      h('span', {
        class: 'muted nonl',
        text: ` ⏎ ${l10n.t('no newline at end')}`,
        title: l10n.t('No newline at end of file'),
      }),
    );
  return td;
}
