// Panel memory: the 20,000-line diff job and the 5,000-node job open side by side, each in a
// panel of its own, both painted. code-server runs webview pages in the workbench's renderer,
// so each page's cost is the growth of that renderer's heap (after a collection) when it opens.
import * as vscode from 'vscode';
import type { Services } from '../../../src/extension/services';
import { ask, type HostConfig } from '../bridge';
import { measured, notMeasured, type Measurement } from '../figures';
import { round, sleep } from '../stats';
import { setConnections } from './workbench';

const MB = 1024 * 1024;

export async function panelMemory(s: Services, c: HostConfig['panel'], log: (m: string) => void): Promise<Measurement[]> {
  await setConnections(s, c.connections);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await sleep(3_000);
  const heaps = [(await ask({ op: 'panel.memory' }, 60_000)).usedBytes];
  let pages: string[] = [];
  for (const [i, job] of [c.diff, c.nodes].entries()) {
    s.panels.get(job.connection, job.jobId)?.dispose();
    // The second in a group of its own to the right: both pages visible (and alive) at once.
    if (i === 1) await vscode.commands.executeCommand('workbench.action.newGroupRight');
    await vscode.commands.executeCommand('jobdeck.openJob', { connection: job.connection, jobId: job.jobId });
    const p = s.panels.get(job.connection, job.jobId);
    if (!p) throw new Error('jobdeck.openJob opened no panel');
    const shows = (m: { diffs: number; rows: number } | undefined) => !!m && (i === 0 ? m.diffs > 0 : m.rows > 0);
    if (!shows(p.lastRendered))
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`job ${job.jobId} never rendered`)), 120_000);
        const sub = p.onDidRender((m: { diffs: number; rows: number }) => {
          if (!shows(m)) return;
          clearTimeout(timer);
          sub.dispose();
          resolve();
        });
      });
    await sleep(3_000);
    const r = await ask({ op: 'panel.memory' }, 60_000);
    heaps.push(r.usedBytes);
    pages = r.pages;
  }
  log(`panel memory: renderer heap ${heaps.map((h) => `${round(h / MB, 1)} MB`).join(' → ')}; pages showing jobs ${pages.join(', ')}`);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const both = [c.diff.jobId, c.nodes.jobId].every((id) => pages.includes(id));
  const grew = (a: number, b: number) => (heaps[b] - heaps[a]) / MB;
  if (!both) return ['panelMemory.diff', 'panelMemory.nodes', 'panelMemory.both'].map((id) => notMeasured(id, `the pages showed ${pages.join(', ') || 'no job'}`));
  return [
    measured('panelMemory.diff', grew(0, 1), { samples: heaps }),
    measured('panelMemory.nodes', grew(1, 2)),
    measured('panelMemory.both', grew(0, 2), { note: `workbench renderer heap ${round(heaps[0] / MB, 1)} MB with no panel` }),
  ];
}
