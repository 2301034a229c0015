// Appends a long list in chunks as the user scrolls towards its end, so a 20,000-line diff or
// config costs a screenful up front and the page never freezes. A "Show more" row at the end
// does the same on click (and for keyboard users).
import { h } from './dom';

export const CHUNK = 400;
/**
 * Rows drawn before the first paint: more than a diff box (70% of the window) holds. After the
 * paint, the list tops itself up to the visible area, then grows by CHUNK as it is scrolled.
 */
export const FIRST_CHUNK = 80;
/** Load the next chunk when its "more" row comes this close to the visible area. */
const AHEAD_PX = 600;

/**
 * Renders items [0, total) into `body` through `render(i)`, CHUNK at a time. `makeMore` builds
 * the row that stands at the end until everything is shown. `scroller` is the element that
 * scrolls the list (the page itself scrolls too); both are watched. Items before `from` are
 * in `body` already.
 */
export function lazyRows(
  body: HTMLElement,
  total: number,
  render: (i: number) => Node,
  makeMore: (left: number, onClick: () => void) => HTMLElement,
  scroller?: HTMLElement,
  chunk = CHUNK,
  first = FIRST_CHUNK,
  from = 0,
): void {
  let shown = from;
  let more: HTMLElement | undefined;
  let pending = false;
  const next = (size = chunk) => {
    const end = Math.min(total, shown + size);
    const frag = document.createDocumentFragment();
    for (let i = shown; i < end; i++) frag.append(render(i));
    shown = end;
    more?.remove();
    more = undefined;
    body.append(frag);
    if (shown < total) {
      more = makeMore(total - shown, () => next());
      body.append(more);
    } else {
      stop();
    }
  };
  // Scroll events, not an IntersectionObserver: a row inside a scrolling box inside the page
  // must count as "near" by the box's edge, which an observer of the viewport does not see.
  const check = () => {
    pending = false;
    if (!body.isConnected) {
      // The list was replaced (a redraw without it): let go of the page's scroll events.
      stop();
      return;
    }
    if (!more) return;
    const row = more.getBoundingClientRect();
    const box = scroller?.getBoundingClientRect();
    const bottom = Math.min(window.innerHeight, box ? box.bottom : Infinity);
    if (row.top - AHEAD_PX < bottom) next();
  };
  const onScroll = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(check);
  };
  const stop = () => {
    scroller?.removeEventListener('scroll', onScroll);
    window.removeEventListener('scroll', onScroll);
  };
  scroller?.addEventListener('scroll', onScroll, { passive: true });
  window.addEventListener('scroll', onScroll, { passive: true });
  next(Math.max(0, first - from));
  // After the first paint (not before it: measuring lays the page out), fill a tall view.
  if (more) requestAnimationFrame(() => setTimeout(onScroll, 0));
}

/** The row that shows more (`label`: "Show 400 more lines", in the caller's words). */
export function moreRow(colspan: number, label: string, onClick: () => void): HTMLTableRowElement {
  const b = h('button', {
    class: 'link-button',
    text: label,
    attrs: { type: 'button' },
  });
  b.addEventListener('click', onClick);
  return h('tr', { class: 'more' }, [h('td', { attrs: { colspan: String(colspan) } }, [b])]);
}
