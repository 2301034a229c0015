// First paint of the job detail panel: from the moment the job's detail is in the store (fetched
// after jobdeck.openJob) and the page's document is there (whichever is later) to the webview's
// first painted frame with the diff rows (or node rows), as Chromium saw it. The webview's own
// start-up (the same for any job) and the whole from the command (server time included) are
// figures of their own.
import * as vscode from 'vscode';
import type { Services } from '../../../src/extension/services';
import { ask, type HostConfig } from '../bridge';
import { measured, notMeasured, type Measurement } from '../figures';
import { median, now, round, sleep } from '../stats';
import { setConnections } from './workbench';

type Kind = 'diff' | 'nodes';

/** Times (and JSON sizes) of the messages the host posts to the page, from now on. */
function watchPosts(webview: vscode.Webview): { t: number; bytes: number; detail: boolean }[] {
  const seen: { t: number; bytes: number; detail: boolean }[] = [];
  const target = webview as unknown as { postMessage: (m: unknown) => Thenable<boolean> };
  const original = target.postMessage;
  try {
    target.postMessage = function (this: unknown, m: unknown) {
      const msg = m as { type?: string; detailLoaded?: boolean };
      seen.push({ t: now(), bytes: JSON.stringify(m).length, detail: msg.type === 'show' && msg.detailLoaded === true });
      return original.call(this, m);
    };
  } catch {
    // A frozen webview object: no breakdown, the figures do not depend on it.
  }
  return seen;
}

interface Rendered {
  diffs: number;
  rows: number;
}

export async function panel(s: Services, c: HostConfig['panel'], log: (m: string) => void): Promise<Measurement[]> {
  await setConnections(s, c.connections);
  const out: Measurement[] = [];
  for (const kind of ['diff', 'nodes'] as Kind[]) {
    const job = c[kind];
    const paint: number[] = [];
    const rendered: number[] = [];
    const fromCommand: number[] = [];
    const hostPosts: number[] = [];
    const startups: number[] = [];
    let reason: string | undefined;
    for (let r = 0; r < c.repeats && !reason; r++) {
      s.panels.get(job.connection, job.jobId)?.dispose();
      s.jobStore.get(job.connection)?.forgetDetail(job.jobId);
      await sleep(500);
      let loaded: number | undefined;
      const onDetail = (st: { name: string }, d: { id: string }) => {
        if (st.name === job.connection && d.id === job.jobId) loaded ??= now();
      };
      s.jobStore.on('detail', onDetail);
      const t0 = now();
      await vscode.commands.executeCommand('jobdeck.openJob', { connection: job.connection, jobId: job.jobId });
      const p = s.panels.get(job.connection, job.jobId);
      if (!p) throw new Error('jobdeck.openJob opened no panel');
      const posted = watchPosts(p.panel.webview);
      const shows = (m: Rendered | undefined) => !!m && (kind === 'diff' ? m.diffs > 0 : m.rows > 0);
      const done = await new Promise<number | undefined>((resolve) => {
        const timer = setTimeout(() => {
          sub.dispose();
          resolve(undefined);
        }, 60_000);
        const sub = p.onDidRender((m: Rendered) => {
          if (!shows(m)) return;
          clearTimeout(timer);
          sub.dispose();
          resolve(now());
        });
      });
      if (done === undefined) {
        reason = `the page never reported ${kind === 'diff' ? 'a diff' : 'node rows'} (last report: ${JSON.stringify(p.lastRendered ?? null)})`;
        break;
      }
      s.jobStore.off('detail', onDetail);
      if (loaded === undefined) {
        reason = 'the job store never emitted the detail (was it cached?)';
        break;
      }
      try {
        const seen = await ask({ op: 'paint.wait', kind, after: t0, timeoutMs: 20_000 }, 30_000);
        // The page's document appears in its frame when the webview's start-up is over (same
        // wall clock as the host: both are performance.timeOrigin + now()).
        if (!(seen.appAt > t0)) throw new Error(`the page's start was not observed (appAt ${seen.appAt})`);
        const from = Math.max(loaded, seen.appAt);
        startups.push(seen.appAt - t0);
        paint.push(seen.t - from);
        fromCommand.push(seen.t - t0);
        rendered.push(done - from);
        const post = posted.find((x) => x.detail);
        const via = post ? `, host posted it at +${round(post.t - loaded)} ms (${round(post.bytes / 1024 / 1024, 2)} MB as JSON)` : '';
        log(`panel ${kind} #${r + 1}: detail in ${round(loaded - t0)} ms${via}, page there at ${round(seen.appAt - t0)} ms, painted +${round(seen.t - from)} ms after both (page's rendered report +${round(done - from)} ms)`);
        if (post) hostPosts.push(post.t - loaded);
      } catch (e) {
        reason = `the webview's paint was not observed: ${(e as Error).message}`;
      }
      p.dispose();
    }
    const id = kind === 'diff' ? 'panel.diff' : 'panel.nodes';
    const what = kind === 'diff' ? `${c.diff.lines.toLocaleString('en-US')}-line diff` : `${c.nodes.count.toLocaleString('en-US')} nodes`;
    const detail = paint.length ? `; host posted it after ${hostPosts.length ? round(median(hostPosts)) : '?'} ms, page's "rendered" report after ${round(median(rendered))} ms` : '';
    out.push(paint.length && !reason ? measured(id, median(paint), { samples: paint, note: `${what}${detail}` }) : notMeasured(id, reason ?? 'no sample'));
    const sid = kind === 'diff' ? 'panel.diffWebviewStart' : 'panel.nodesWebviewStart';
    out.push(startups.length && !reason ? measured(sid, median(startups), { samples: startups }) : notMeasured(sid, reason ?? 'no sample'));
    const cid = kind === 'diff' ? 'panel.diffCommand' : 'panel.nodesCommand';
    out.push(fromCommand.length && !reason ? measured(cid, median(fromCommand), { samples: fromCommand }) : notMeasured(cid, reason ?? 'no sample'));
  }
  return out;
}
