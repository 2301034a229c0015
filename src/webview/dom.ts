// The only way the panel makes elements. Text goes in with textContent, attributes with
// setAttribute: server text is never parsed as HTML (a job named `<img onerror=…>` shows as
// those characters).

interface Props {
  class?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string>;
  on?: { [K in keyof HTMLElementEventMap]?: (e: HTMLElementEventMap[K]) => void };
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  children: (Node | string | undefined | false)[] = [],
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.text !== undefined) el.textContent = props.text;
  if (props.title) el.title = props.title;
  if (props.attrs) for (const [k, v] of Object.entries(props.attrs)) el.setAttribute(k, v);
  if (props.on) for (const [k, fn] of Object.entries(props.on)) el.addEventListener(k, fn as EventListener);
  for (const c of children) {
    if (c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

export function icon(name: string, extra = ''): HTMLSpanElement {
  return h('span', { class: `codicon codicon-${name}${extra ? ` ${extra}` : ''}`, attrs: { 'aria-hidden': 'true' } });
}

export function button(
  label: string,
  iconName: string | undefined,
  onClick: () => void,
  opts: { secondary?: boolean; title?: string; pressed?: boolean } = {},
): HTMLButtonElement {
  const b = h(
    'button',
    { class: `btn${opts.secondary ? ' secondary' : ''}`, title: opts.title, attrs: { type: 'button' } },
    [iconName ? icon(iconName) : undefined, label ? h('span', { text: label }) : undefined],
  );
  if (opts.pressed !== undefined) b.setAttribute('aria-pressed', String(opts.pressed));
  if (!label && opts.title) b.setAttribute('aria-label', opts.title);
  b.addEventListener('click', (e) => {
    e.stopPropagation();
    onClick();
  });
  return b;
}

/** Replaces an element's children (keeps the element, so its scroll and focus stay). */
export function replaceChildren(el: Element, children: (Node | undefined | false)[]): void {
  el.replaceChildren(...children.filter((c): c is Node => Boolean(c)));
}

/**
 * Runs `fn` once, after the next frame is painted and what else was waiting (input, messages)
 * had its turn: idle time asked for from a frame callback comes after that frame. The timer
 * covers windows that draw no frames.
 */
export function afterPaint(fn: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => requestIdleCallback(once, { timeout: 100 }));
  setTimeout(once, 250);
}
