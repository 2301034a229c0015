// The job panel's page: its own program (bundled by esbuild as dist/webview.js), talking to
// the host only through protocol.ts. It says `ready`, then draws whatever `show` brings;
// each later `show` redraws the sections in place, keeping scroll, expanded rows, sort,
// chips, page and diff layout (also kept with setState for hide/show and window reloads).
// A big job comes as its first screenful, then (once that is drawn) all its rows. Targets
// the host sent in part are asked for in whole when a section opens them. In the preview
// panel a `show` may bring another job: the page then starts over (top of the page, no
// filter, nothing expanded, nothing of the last job's drawn or cached).
import * as l10n from '@vscode/l10n';
import { changes } from './changes';
import { DEFAULT_UI, type Ctx } from './context';
import { h, icon, replaceChildren } from './dom';
import { failure } from './failure';
import { header } from './header';
import { configurePageL10n } from './pageL10n';
import {
  PAGE,
  jobKey,
  type HostMessage,
  type PanelActionId,
  type PanelState,
  type PanelTarget,
  type ShowMessage,
  type UiState,
  type WebviewMessage,
} from '../shared/protocol';
import { targets } from './targets';
import { timeline } from './timeline';
import { rowPosition } from './viewModel';
import { orderRows } from '../shared/rows';

interface VsCodeApi {
  postMessage(m: WebviewMessage): void;
  getState(): PanelState | undefined;
  setState(s: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const saved = vscode.getState();
let state: PanelState | undefined = saved;
const ui: UiState = { ...DEFAULT_UI, ...(saved?.ui ?? {}) };
let last: ShowMessage | undefined;
/** When `last` arrived: a running job's clock goes on between messages. */
let receivedAt = 0;
let version = 0;
let seq = 0;
let restoredScroll = false;
/** The last target scrolled to on the host's request (reported with each render). */
let revealed: string | undefined;
/** The last target asked for that the job does not have (the host stops asking). */
let missed: string | undefined;
/** A target the host asked to show, waiting for all the rows to be here. */
let toReveal: string | undefined;
/** Whole top-level targets the host sent on request (null: no longer in the job), by id. */
const whole = new Map<string, PanelTarget | null>();
const asked = new Set<string>();
const pendingCopies = new Map<number, string>();
const cache = new Map<string, { sig: string; el: HTMLElement; used: boolean }>();

const root = document.getElementById('app') as HTMLElement;
// Before anything is drawn: the first paint is in the display language.
configurePageL10n(root);
const status = h('div', { class: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
const sections = {
  error: h('div', { class: 'slot' }),
  header: h('div', { class: 'slot' }),
  failure: h('div', { class: 'slot' }),
  timeline: h('div', { class: 'slot' }),
  changes: h('div', { class: 'slot' }),
  targets: h('div', { class: 'slot' }),
};
root.replaceChildren(
  sections.error,
  sections.header,
  sections.failure,
  sections.timeline,
  sections.changes,
  sections.targets,
  status,
);

/** Everything the page says is tagged with the job it is showing (see protocol.ts). */
const post = (m: WebviewMessage) => vscode.postMessage(last ? { ...m, for: jobKey(last.connection, last.jobId) } : m);

/** Another job in this page (the preview panel moved on): forget all of the last one's. */
function startOver(): void {
  const diffMode = ui.diffMode;
  Object.assign(ui, DEFAULT_UI, {
    expanded: [],
    collapsed: undefined,
    chips: [],
    diffOpen: undefined,
    sort: undefined,
    diffMode,
  });
  cache.clear();
  whole.clear();
  asked.clear();
  revealed = undefined;
  toReveal = undefined;
  // Nothing to restore: the new job starts at its top.
  restoredScroll = true;
  for (const s of Object.values(sections)) replaceChildren(s, []);
  window.scrollTo(0, 0);
}

function save(): void {
  if (!state) return;
  state = { ...state, ui: { ...ui } };
  vscode.setState(state);
}

function cached<T extends HTMLElement>(key: string, sig: string, build: () => T): T {
  const hit = cache.get(key);
  if (hit && hit.sig === sig) {
    hit.used = true;
    return hit.el as T;
  }
  const el = build();
  cache.set(key, { sig, el, used: true });
  return el;
}

/** The whole of a top-level target: at once when the host sent it whole, else asked for once. */
function wholeTarget(t: PanelTarget): PanelTarget | undefined {
  if (!t.partial) return t;
  const got = whole.get(t.id);
  if (got !== undefined) return got ?? t;
  if (!asked.has(t.id)) {
    asked.add(t.id);
    post({ type: 'loadTarget', id: t.id });
  }
  return undefined;
}

function copy(text: string, copied: string): void {
  const n = ++seq;
  pendingCopies.set(n, copied);
  post({ type: 'copy', seq: n, text });
}

function flash(text: string): void {
  status.textContent = text;
  status.classList.add('on');
  setTimeout(() => {
    if (status.textContent === text) status.classList.remove('on');
  }, 2000);
}

function revealTarget(name: string): void {
  if (!last?.job) return;
  if (last.pending) {
    // Only the first screenful is here: find the target once all the rows are.
    toReveal = name;
    return;
  }
  const list = last.job.targets;
  let order = orderRows(list, ui.chips, ui.sort, last.now);
  let pos = rowPosition(list, order, name);
  if (pos < 0 && ui.chips.length) {
    // Hidden by a chip: show all rows rather than not finding it.
    ui.chips = [];
    order = orderRows(list, ui.chips, ui.sort, last.now);
    pos = rowPosition(list, order, name);
  }
  if (pos < 0) {
    flash(l10n.t('{0} is not in this job.', name));
    missed = name;
    render();
    return;
  }
  const t = list[order[pos]];
  revealed = name;
  ui.page = Math.floor(pos / PAGE);
  if (!ui.expanded.includes(t.id)) ui.expanded = [...ui.expanded, t.id];
  ui.collapsed = ui.collapsed?.filter((x) => x !== t.id);
  save();
  render();
  const rowEl = Array.from(document.querySelectorAll<HTMLElement>('tr.row')).find(
    (r) => r.dataset.key === `row:${t.id}`,
  );
  if (rowEl) {
    rowEl.scrollIntoView({ block: 'start' });
    rowEl.classList.add('flash');
    rowEl.focus({ preventScroll: true });
    setTimeout(() => rowEl.classList.remove('flash'), 1600);
  }
}

function render(): void {
  const msg = last;
  if (!msg) return;
  // Focus survives a redraw: the element with the same key gets it back.
  const focusKey = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-key]')?.dataset.key;
  for (const entry of cache.values()) entry.used = false;
  const errorEl = msg.error
    ? h('div', { class: 'banner error', attrs: { role: 'alert' } }, [
        icon('warning'),
        h('span', { text: ` ${msg.error}` }),
      ])
    : undefined;
  replaceChildren(sections.error, [errorEl]);
  let rows = 0;
  let diffs = 0;
  let open: string[] = [];
  if (msg.job) {
    const ctx = context(msg, msg.job);
    replaceChildren(sections.header, [header(ctx)]);
    replaceChildren(sections.failure, [failure(ctx)]);
    replaceChildren(sections.timeline, [timeline(ctx)]);
    replaceChildren(sections.changes, [changes(ctx)]);
    const table = targets(ctx);
    replaceChildren(sections.targets, [table?.el]);
    rows = table?.rows ?? 0;
    open = table?.open ?? [];
    diffs = document.querySelectorAll('.diff-block').length;
    document.title = `${msg.job.name} · ${msg.job.rawState}`;
  } else {
    for (const s of [sections.header, sections.failure, sections.timeline, sections.changes, sections.targets])
      replaceChildren(s, []);
    if (!msg.error)
      replaceChildren(sections.header, [
        h('p', { class: 'muted loading' }, [
          icon('loading', 'codicon-modifier-spin'),
          ` ${l10n.t('Loading job {0}…', msg.jobId)}`,
        ]),
      ]);
  }
  for (const [k, v] of cache) if (!v.used) cache.delete(k);
  if (focusKey)
    Array.from(document.querySelectorAll<HTMLElement>('[data-key]'))
      .find((e) => e.dataset.key === focusKey)
      ?.focus({ preventScroll: true });
  const actions = Array.from(document.querySelectorAll<HTMLElement>('[data-action]')).map(
    (b) => b.dataset.action as PanelActionId,
  );
  // The header's progress as a user reads it ("2 finished · 1 failed of 5"), for the tests.
  const progress = document.querySelector('.job-header .progress')?.textContent ?? undefined;
  post({
    type: 'rendered',
    version: ++version,
    rawState: msg.job?.rawState,
    rows,
    diffs,
    actions,
    expanded: open,
    columns: Array.from(document.querySelectorAll<HTMLElement>('.targets-table th[class^="c-"]'))
      .map((th) => th.className.slice(2))
      .filter((c) => c !== 'exp'),
    revealed,
    missed,
    error: msg.error,
    firstScreen: msg.pending !== undefined,
    progress,
  });
}

function context(msg: ShowMessage, job: NonNullable<ShowMessage['job']>): Ctx {
  return {
    msg,
    job,
    ui,
    now: msg.now + (Date.now() - receivedAt),
    post,
    copy,
    save,
    redraw: render,
    cached,
    revealTarget,
    whole: wholeTarget,
  };
}

function drawShown(): void {
  const m = last;
  if (!m) return;
  render();
  if (m.pending) return;
  // Back where the user was (after hiding or a reload), once the whole job is there to scroll.
  if (!restoredScroll && m.job && (m.detailLoaded || m.error)) {
    restoredScroll = true;
    const y = ui.scrollY;
    if (y > 0) {
      window.scrollTo(0, y);
      requestAnimationFrame(() => window.scrollY < y && window.scrollTo(0, y));
    }
  }
  if (toReveal) {
    const name = toReveal;
    toReveal = undefined;
    revealTarget(name);
  }
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const m = event.data;
  if (!m || typeof m !== 'object') return;
  if (m.type === 'show') {
    const other = state !== undefined && (state.connection !== m.connection || state.jobId !== m.jobId);
    if (other) startOver();
    last = m;
    receivedAt = Date.now();
    // New data: whole targets asked for before may have changed; they are asked for again.
    whole.clear();
    asked.clear();
    if (m.reveal) toReveal = m.reveal;
    root.dataset.job = jobKey(m.connection, m.jobId);
    if (!state || other || (state.preview ?? false) !== (m.preview ?? false)) {
      state = { connection: m.connection, jobId: m.jobId, ui: { ...ui }, preview: m.preview };
      vscode.setState(state);
    }
    drawShown();
  } else if (m.type === 'target') {
    if (typeof m.id !== 'string' || !asked.has(m.id)) return;
    whole.set(m.id, m.target ?? null);
    render();
  } else if (m.type === 'reply') {
    const what = pendingCopies.get(m.seq);
    pendingCopies.delete(m.seq);
    if (what) flash(m.ok ? what : l10n.t('Could not copy: {0}', m.message ?? l10n.t('error')));
    else if (!m.ok && m.message) flash(m.message);
  }
});

/** While the job is active, its "running for" and the open timeline segment keep counting. */
setInterval(() => {
  const msg = last;
  if (!msg?.job || !(msg.job.state === 'running' || msg.job.state === 'stopping')) return;
  const focusKey = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-key]')?.dataset.key;
  const ctx = context(msg, msg.job);
  replaceChildren(sections.header, [header(ctx)]);
  replaceChildren(sections.timeline, [timeline(ctx)]);
  if (focusKey)
    Array.from(document.querySelectorAll<HTMLElement>('[data-key]'))
      .find((e) => e.dataset.key === focusKey)
      ?.focus({ preventScroll: true });
}, 5000);

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => {
    ui.scrollY = Math.round(window.scrollY);
    save();
  }, 200);
});

post({ type: 'ready' });
// The host posts while the page loads and VS Code hands it over at load; should that ever
// not happen, saying `ready` again makes the host send everything.
setTimeout(() => last || post({ type: 'ready' }), 1500);
