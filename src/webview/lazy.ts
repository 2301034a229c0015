// Appends a long list in chunks as the user scrolls towards its end, so a 20,000-line diff or
// config costs one chunk up front and the page never freezes. A "Show more" row at the end
// does the same on click (and for keyboard users).
import { h } from './dom';

export const CHUNK = 400;

/**
 * Renders items [0, total) into `body` through `render(i)`, CHUNK at a time. `makeMore` builds
 * the row that stands at the end until everything is shown.
 */
export function lazyRows(body: HTMLElement, total: number, render: (i: number) => Node, makeMore: (left: number, onClick: () => void) => HTMLElement, chunk = CHUNK): { dispose(): void } {
  let shown = 0;
  let more: HTMLElement | undefined;
  let observer: IntersectionObserver | undefined;
  const next = () => {
    const end = Math.min(total, shown + chunk);
    const frag = document.createDocumentFragment();
    for (let i = shown; i < end; i++) frag.append(render(i));
    shown = end;
    more?.remove();
    more = undefined;
    body.append(frag);
    if (shown < total) {
      more = makeMore(total - shown, next);
      body.append(more);
      observer?.observe(more);
    }
  };
  if (typeof IntersectionObserver !== 'undefined') {
    observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting && e.target === more)) {
          observer?.unobserve(more as Element);
          // Next frame: a chunk per frame at most, even while the user flings the scrollbar.
          requestAnimationFrame(next);
        }
      },
      { rootMargin: '800px 0px' },
    );
  }
  next();
  return { dispose: () => observer?.disconnect() };
}

export function moreRow(colspan: number, left: number, onClick: () => void, what = 'lines'): HTMLTableRowElement {
  const b = h('button', { class: 'link-button', text: `Show ${left.toLocaleString('en-US')} more ${what}`, attrs: { type: 'button' } });
  b.addEventListener('click', onClick);
  return h('tr', { class: 'more' }, [h('td', { attrs: { colspan: String(colspan) } }, [b])]);
}
