// A text result (generated config, traceback, pretty JSON) as a read-only document with line
// numbers, drawn lazily, with a Copy button.
import * as l10n from '@vscode/l10n';
import { button, h } from './dom';
import { lazyRows, moreRow } from './lazy';
import { lastLines } from './viewModel';
import { num } from './time';

interface CodeOptions {
  title: string;
  copy: (text: string) => void;
  /** Show only the last N lines first (a traceback's end), the full text one click away. */
  tail?: number;
}

export function codeView(text: string, opts: CodeOptions): HTMLElement {
  const wrap = h('div', { class: 'code-block' });
  const lines = text.replace(/\n$/, '').split(/\r?\n/);
  const head = h('div', { class: 'code-head' }, [
    h('span', { class: 'code-title', text: opts.title }),
    h('span', {
      class: 'muted',
      text: lines.length === 1 ? l10n.t('1 line') : l10n.t('{0} lines', num(lines.length)),
    }),
    button(l10n.t('Copy'), 'copy', () => opts.copy(text), {
      secondary: true,
      title: l10n.t('Copy {0}', opts.title),
    }),
  ]);
  const scroller = h('div', { class: 'code-scroll' });
  wrap.append(head, scroller);
  const draw = (from: number) => {
    const table = h('table', { class: 'code', attrs: { role: 'presentation' } });
    const body = h('tbody');
    table.append(body);
    scroller.replaceChildren(table);
    if (from > 0) {
      const all = h('button', {
        class: 'link-button',
        text: l10n.t('Show all {0} lines ({1} hidden above)', num(lines.length), num(from)),
        attrs: { type: 'button' },
      });
      all.addEventListener('click', () => draw(0));
      body.append(h('tr', { class: 'more' }, [h('td', { attrs: { colspan: '2' } }, [all])]));
    }
    lazyRows(
      body,
      lines.length - from,
      (i) =>
        h('tr', {}, [
          h('td', { class: 'ln', text: String(from + i + 1) }),
          h('td', { class: 'tx', text: lines[from + i] }),
        ]),
      (left, more) => moreRow(2, l10n.t('Show {0} more lines', num(left)), more),
      scroller,
    );
  };
  const hidden = opts.tail ? lastLines(text, opts.tail).hidden : 0;
  draw(hidden);
  return wrap;
}

/** Pretty JSON of a structured result (strings that are JSON stay strings: shown as text). */
export function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
