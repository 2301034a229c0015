// Scripts the runner puts into Chromium to see when something is painted. Each records the
// time of the first animation frame after a DOM change, taken in a message posted from inside
// requestAnimationFrame (so after that frame's style, layout and paint), on the same wall clock
// as the extension host (performance.timeOrigin + performance.now()).

/**
 * For every frame (context.addInitScript): in a Jobdeck panel page, the first painted frame
 * with diff rows of a large diff, and with node rows. Recorded in window.__jobdeckPaint.
 * Also, per job the page shows (#app's data-job, connection/jobId), the first painted frame
 * with that job's header and rows (jobs[key]): the preview panel shows job after job.
 * Only observes: the page's own code and messages are left alone.
 */
export const PANEL_PAINT_INIT = `(() => {
  if (window === window.top) return;
  if (window.__jobdeckPaint) return;
  const rec = { diffAt: 0, nodesAt: 0, appAt: 0, callbacks: 0, frames: 0, jobs: {} };
  Object.defineProperty(window, '__jobdeckPaint', { value: rec, configurable: true });
  const afterPaint = (fn) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => fn(performance.timeOrigin + performance.now()); ch.port2.postMessage(0); });
  const statOf = (block) => Array.from(block.querySelectorAll('.diff-stat')).reduce((n, s) => n + (Number((s.textContent || '').replace(/[^0-9]/g, '')) || 0), 0);
  let waiting = false;
  let jobWaiting = false;
  const check = () => {
    rec.callbacks++;
    // The page's own document is there (VS Code wrote it into this frame): its start-up is over.
    if (!rec.appAt && document.getElementById('app')) rec.appAt = performance.timeOrigin + performance.now();
    const app = document.getElementById('app');
    const key = app && app.dataset.job;
    if (key && !jobWaiting && !(key in rec.jobs) && document.querySelector('.job-header') && document.querySelector('tr.row')) {
      jobWaiting = true;
      afterPaint((t) => { jobWaiting = false; if (!(key in rec.jobs) && app.dataset.job === key) rec.jobs[key] = t; check(); });
    }
    if (waiting || (rec.diffAt && rec.nodesAt) || !document.getElementById('app')) return;
    const diff = !rec.diffAt && Array.from(document.querySelectorAll('.diff-block')).some((b) => b.querySelector('tbody tr') && statOf(b) >= 1000);
    const nodes = !rec.nodesAt && !!document.querySelector('tr.row');
    if (!diff && !nodes) return;
    waiting = true;
    afterPaint((t) => { rec.frames++; waiting = false; if (diff && !rec.diffAt) rec.diffAt = t; if (nodes && !rec.nodesAt) rec.nodesAt = t; check(); });
  };
  let observer;
  const observe = (doc) => {
    observer?.disconnect();
    observer = new MutationObserver(check);
    observer.observe(doc, { childList: true, subtree: true });
  };
  observe(document);
  // VS Code loads a webview by navigating this frame from about:blank to fake.html (same
  // window, no new init script run) and then writing the page with document.open/write/close
  // (webview pre/index.html). The realm stays: observe whatever document is opened or closed.
  for (const name of ['open', 'close']) {
    const original = Document.prototype[name];
    Object.defineProperty(Document.prototype, name, { configurable: true, writable: true, value: function (...args) { const r = original.apply(this, args); observe(this); return r; } });
  }
})();`;

/** What a panel page and its probe look like now (for the failure message). */
export const PANEL_PROBE_STATE = `document.getElementById('app') ? ({ probe: window.__jobdeckPaint || null, diffRows: document.querySelectorAll('.diff-block tbody tr').length, nodeRows: document.querySelectorAll('tr.row').length, visibility: document.visibilityState, url: location.pathname.split('/').pop() }) : null`;

/**
 * For the workbench page (page.evaluate): snapshots of the Jobs view's rows, one per painted
 * frame in which they changed, in window.__jobdeckRows ({ t, rows: [[index, label]] }).
 * Calling it again clears the snapshots.
 */
export const ROWS_ARM = `(() => {
  const state = window.__jobdeckRows || (window.__jobdeckRows = { snaps: [], last: '' });
  state.snaps = [];
  state.last = '';
  if (state.observer) return true;
  const view = () => document.getElementById('workbench.view.extension.jobdeck');
  const read = () => {
    const v = view();
    if (!v) return [];
    return Array.from(v.querySelectorAll('.pane-body .monaco-list-row')).map((r) => [Number(r.getAttribute('data-index')), (r.getAttribute('aria-label') || '').trim()]).sort((a, b) => a[0] - b[0]);
  };
  let waiting = false;
  const snap = () => {
    if (waiting) return;
    waiting = true;
    requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => {
      waiting = false;
      const rows = read();
      const key = JSON.stringify(rows);
      if (key !== state.last) { state.last = key; state.snaps.push({ t: performance.timeOrigin + performance.now(), rows }); }
    }; ch.port2.postMessage(0); });
  };
  state.observer = new MutationObserver((muts) => { const v = view(); if (v && muts.some((m) => v.contains(m.target))) snap(); });
  state.observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label', 'data-index'] });
  return true;
})()`;

/** The first snapshot after `after` whose row at `index` carries `label`; 0 when none yet. */
export function rowsSeenScript(index: number, label: string, after: number): string {
  return `(() => {
    const s = window.__jobdeckRows;
    if (!s) return -1;
    const hit = s.snaps.find((x) => x.t > ${after} && x.rows.some((r) => r[0] === ${index} && r[1] === ${JSON.stringify(label)}));
    return hit ? hit.t : 0;
  })()`;
}

/** For the workbench page: records the time of every pointerdown (capture phase) in window.__jobdeckClicks. */
export const CLICKS_ARM = `(() => {
  if (!window.__jobdeckClicks) {
    window.__jobdeckClicks = [];
    window.addEventListener('pointerdown', () => window.__jobdeckClicks.push(performance.timeOrigin + performance.now()), true);
  }
  return true;
})()`;

/** The id a Jobdeck panel page shows in its header (null in any other frame). */
export const PANEL_JOB_ID = `(() => { if (!document.querySelector('header.job-header')) return null; const dt = [...document.querySelectorAll('dt')].find((d) => d.textContent.trim().toUpperCase() === 'ID'); return dt && dt.nextElementSibling ? dt.nextElementSibling.textContent.trim() : (document.querySelector('h1.job-name') || {}).textContent || '?'; })()`;
