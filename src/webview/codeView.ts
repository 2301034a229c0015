// A text result (generated config, traceback, pretty JSON) as a read-only document with line
// numbers, drawn lazily, with a Copy button.
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
    h('span', { class: 'muted', text: `${num(lines.length)} line${lines.length === 1 ? '' : 's'}` }),
    button('Copy', 'copy', () => opts.copy(text), { secondary: true, title: `Copy ${opts.title}` }),
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
        text: `Show all ${num(lines.length)} lines (${num(from)} hidden above)`,
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
      (left, more) => moreRow(2, left, more),
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
