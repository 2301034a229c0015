// The benchmarks' entry in the extension host: VS Code loads this module (extensionTestsPath)
// and calls run(). It activates Jobdeck (timed), runs the host-side benchmarks one after the
// other and hands every figure to the runner over the bridge. A benchmark that throws reports
// its figures as not measured, with the error, and the next one still runs.
import { activationTimes, vscodeCodeLoadMs } from './activationHook';
import * as vscode from 'vscode';
import type { Services } from '../../../src/extension/services';
import { ask, type HostConfig } from '../bridge';
import { FIGURES, measured, notMeasured, type Measurement } from '../figures';
import { now, round } from '../stats';
import { treePaint } from './treePaint';
import { polling } from './polling';
import { tail } from './tail';
import { panel } from './panel';
import { panelMemory } from './panelMemory';
import { jobToJob } from './jobToJob';
import { scale } from './scale';

type Step = { groups: string[]; run: (s: Services, c: HostConfig, notes: string[]) => Promise<Measurement[]> };

const log = (msg: string) => void ask({ op: 'log', msg }).catch(() => undefined);

const STEPS: Step[] = [
  { groups: ['Tree paint', 'Memory'], run: (s, c) => treePaint(s, c.tree, log) },
  { groups: ['Detail panel'], run: (s, c) => panel(s, c.panel, log) },
  { groups: ['Panel memory'], run: (s, c) => panelMemory(s, c.panel, log) },
  { groups: ['Job to job'], run: (s, c) => jobToJob(s, c.jobToJob, log) },
  { groups: ['Tail'], run: (s, c, notes) => tail(s, c.tail, log, notes) },
  { groups: ['Polling'], run: (s, c) => polling(s, c.poll, log) },
  { groups: ['Scale', 'Stalls'], run: (s, c) => scale(s, c.scale, log) },
];

export async function run(): Promise<void> {
  let config: HostConfig;
  try {
    config = await ask({ op: 'hello' }, 300_000);
  } catch (e) {
    // Without the runner there is nobody to tell: the runner times out and reports it.
    console.error(`[bench] no runner: ${(e as Error).message}`);
    return;
  }
  const measurements: Measurement[] = [];
  const notes: string[] = [];
  try {
    const { services, results } = await activate(config);
    measurements.push(...results);
    for (const step of STEPS) {
      if (!step.groups.some((g) => config.groups.includes(g))) continue;
      const started = now();
      log(`${step.groups.join(' + ')}: start`);
      await ask({ op: 'phase', name: step.groups[0] }).catch(() => undefined);
      try {
        if (!services) throw new Error('Jobdeck did not activate');
        measurements.push(...(await step.run(services, config, notes)));
      } catch (e) {
        const reason = oneLine(e);
        log(`${step.groups.join(' + ')} failed: ${reason}`);
        const have = new Set(measurements.map((m) => m.id));
        for (const f of FIGURES) if (step.groups.includes(f.group) && f.where === 'host' && !have.has(f.id)) measurements.push(notMeasured(f.id, reason));
      }
      log(`${step.groups.join(' + ')}: ${round((now() - started) / 1000)} s`);
    }
  } finally {
    await ask({ op: 'results', measurements, notes }, 30_000).catch((e) => console.error(`[bench] could not report: ${(e as Error).message}`));
  }
}

async function activate(config: HostConfig): Promise<{ services?: Services; results: Measurement[] }> {
  const ids = ['activation.total', 'activation.require', 'activation.activate', 'activation.core', 'activation.extActivate'];
  const fail = (reason: string) => ids.map((id) => notMeasured(id, reason));
  const ext = vscode.extensions.getExtension<{ services: Services }>(config.extensionId);
  if (!ext) return { results: fail(`extension ${config.extensionId} is not installed in this extension host`) };
  const wasActive = ext.isActive;
  const t0 = now();
  const api = await ext.activate();
  const extActivate = now() - t0;
  // The first use of the services loads the body (dist/core.js) and starts it.
  const t1 = now();
  const services = api?.services;
  const coreMs = now() - t1;
  if (!services) return { results: fail('activate() did not return { services }') };
  if (wasActive) return { services, results: fail('Jobdeck was already active before the bench could time it') };
  if (activationTimes.hookError) return { services, results: fail(activationTimes.hookError) };
  const { requireMs, activateMs } = activationTimes;
  if (requireMs === undefined || activateMs === undefined) {
    return { services, results: fail(`the loader hook did not see ${config.mainPath} load (loaded: ${activationTimes.file ?? 'nothing'})`) };
  }
  const vscodeLoad = vscodeCodeLoadMs(config.extensionId);
  const total = requireMs + activateMs;
  log(`activation: require ${round(requireMs)} ms + activate() ${round(activateMs)} ms; ext.activate() ${round(extActivate)} ms`);
  return {
    services,
    results: [
      measured('activation.total', total, { note: `${config.activation.connections.length} connections configured` }),
      measured('activation.require', requireMs, vscodeLoad === undefined ? {} : { note: `VS Code's own code-load marks: ${round(vscodeLoad)} ms` }),
      measured('activation.activate', activateMs, activationTimes.asyncActivate ? { note: 'until its promise settled' } : {}),
      activationTimes.coreRequireMs === undefined
        ? notMeasured('activation.core', 'the loader hook did not see dist/core.js load')
        : measured('activation.core', activationTimes.coreRequireMs + coreMs, { note: `require ${round(activationTimes.coreRequireMs)} ms + start ${round(coreMs)} ms, after activate() returned` }),
      measured('activation.extActivate', extActivate),
    ],
  };
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 300);
}
