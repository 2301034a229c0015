// Job to job (issue 20): with a detail panel open, a click on another job's row in the Jobs
// tree until that job's header and rows are painted in the webview. Clicks are real (Playwright
// in the workbench page; the time is the pointerdown's), the end is the first painted frame of
// the panel page with that job's rows (pageProbes.ts). Every job's detail is in the store
// before (a job already known). Baseline in the same run, the same jobs and clicks, with
// workbench.editor.enablePreview off: a new panel (a new webview) per job, as before.
import * as vscode from 'vscode';
import type { Services } from '../../../src/extension/services';
import { ask, type HostConfig } from '../bridge';
import { measured, notMeasured, type Measurement } from '../figures';
import { median, now, percentile, round, sleep, until } from '../stats';
import { expand, setConnections, showView, store } from './workbench';

interface Pick {
  id: string;
  key: string;
  label: string;
}

async function pickJobs(s: Services, c: HostConfig['jobToJob']): Promise<Pick[]> {
  const st = store(s, c.connection);
  await until(() => st.jobs.length > c.jobs + 1, 60_000, `${c.connection} to list its jobs`);
  // Finished jobs: their rows' labels do not change while the bench clicks them.
  const items = st.jobs.filter((j) => !c.exclude.includes(j.id) && ['succeeded', 'failed', 'stopped'].includes(j.state)).slice(0, 3 * c.jobs);
  const labels = items.map((j) => {
    const node = s.tree.jobNode(c.connection, j.id);
    const label = node ? (s.tree.getTreeItem(node).accessibilityInformation?.label ?? '') : '';
    return { job: j, label: label.split(', ').slice(0, 2).join(', ') };
  });
  const out: Pick[] = [];
  for (const { job, label } of labels) {
    if (out.length > c.jobs) break;
    // A row told apart by its label's start, and a job with rows to paint.
    if (!label || labels.filter((x) => x.label.startsWith(label)).length !== 1) continue;
    const d = await s.details.load(c.connection, job.id);
    if (!d.targets.length) continue;
    out.push({ id: job.id, key: `${c.connection}/${job.id}`, label: `${label}, ` });
  }
  if (out.length <= c.jobs) throw new Error(`only ${out.length} jobs of ${c.connection} can be told apart by their rows`);
  return out;
}

async function closeEditors(s: Services): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await until(() => s.panels.all().length === 0, 15_000, 'the panels to close');
}

/** Where one click's time went: the command in the host, the `show` posted, the page's report. */
function breakdown(s: Services): { marks: { open?: number; posted?: number; rendered?: number }; dispose(): void } {
  const marks: { open?: number; posted?: number; rendered?: number } = {};
  const panels = s.panels as unknown as Record<string, unknown>;
  const open = panels.open as (...a: unknown[]) => { panel: vscode.WebviewPanel; onDidRender: vscode.Event<unknown> };
  const subs: vscode.Disposable[] = [];
  panels.open = function (this: unknown, ...args: unknown[]) {
    marks.open ??= now();
    const p = open.apply(this, args);
    const w = p.panel.webview as unknown as { postMessage: (m: unknown) => Thenable<boolean> };
    if (!Object.prototype.hasOwnProperty.call(w, 'postMessage')) {
      const post = w.postMessage;
      try {
        w.postMessage = function (this: unknown, m: unknown) {
          if ((m as { type?: string }).type === 'show') marks.posted ??= now();
          return post.call(this, m);
        };
      } catch {
        // A frozen webview object: no breakdown.
      }
    }
    subs.push(p.onDidRender(() => (marks.rendered ??= now())));
    return p;
  };
  return {
    marks,
    dispose: () => {
      delete panels.open;
      for (const d of subs) d.dispose();
    },
  };
}

/** Clicks each job's row in turn; ms from the click to the painted rows of that job. */
async function clickThrough(s: Services, jobs: Pick[], check: (i: number) => void, log: (m: string) => void, what: string): Promise<number[]> {
  const out: number[] = [];
  const parts: string[] = [];
  for (let i = 0; i < jobs.length; i++) {
    // Apart by more than a double click.
    await sleep(700);
    const b = breakdown(s);
    try {
      const { t: clicked } = await ask({ op: 'click.row', label: jobs[i].label }, 60_000);
      const { t: painted } = await ask({ op: 'jobPaint.wait', key: jobs[i].key, after: clicked, timeoutMs: 30_000 }, 40_000);
      out.push(painted - clicked);
      const at = (t?: number) => (t === undefined ? '?' : String(round(t - clicked)));
      parts.push(`${at(b.marks.open)}/${at(b.marks.posted)}/${at(b.marks.rendered)}/${round(painted - clicked)}`);
    } finally {
      b.dispose();
    }
    check(i);
  }
  log(`${what}: ms after the click to command/show posted/page's report/painted: ${parts.join(', ')}`);
  return out;
}

export async function jobToJob(s: Services, c: HostConfig['jobToJob'], log: (m: string) => void): Promise<Measurement[]> {
  await setConnections(s, c.connections);
  await showView(s);
  await expand(s, c.connection);
  const jobs = await pickJobs(s, c);
  const editor = vscode.workspace.getConfiguration('workbench.editor');
  try {
    // Preview: the first click opens the panel (not counted), the next ten replace its job.
    await closeEditors(s);
    const previewSamples = await clickThrough(s, jobs, (i) => {
      if (i > 0 && s.panels.all().length !== 1) throw new Error(`${s.panels.all().length} panels after ${i + 1} clicks: the preview was not reused`);
    }, log, 'preview');
    const first = previewSamples.shift() as number;
    log(`job to job (preview): first click opened the panel in ${round(first)} ms; then ${previewSamples.map((x) => round(x)).join(', ')} ms`);

    // Baseline: a new panel per job, the same clicks.
    await closeEditors(s);
    await editor.update('enablePreview', false, vscode.ConfigurationTarget.Global);
    const baseline = await clickThrough(s, jobs.slice(1), () => undefined, log, 'new panel per job');
    log(`job to job (new panel per job): ${baseline.map((x) => round(x)).join(', ')} ms`);
    const note = `${previewSamples.length} jobs of ${c.connection}, details in the store; first click (opens the panel) ${round(first)} ms`;
    return [
      measured('jobToJob.median', median(previewSamples), { samples: previewSamples, baseline: { name: 'new panel per job', value: median(baseline) }, note }),
      measured('jobToJob.p95', percentile(previewSamples, 95), { baseline: { name: 'new panel per job', value: percentile(baseline, 95) } }),
      measured('jobToJob.newPanel', median(baseline), { samples: baseline }),
    ];
  } catch (e) {
    const reason = (e as Error).message;
    return ['jobToJob.median', 'jobToJob.p95', 'jobToJob.newPanel'].map((id) => notMeasured(id, reason));
  } finally {
    await editor.update('enablePreview', undefined, vscode.ConfigurationTarget.Global);
    await closeEditors(s).catch(() => undefined);
  }
}
