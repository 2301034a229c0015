// The jobs emulator: one HTTP server speaking the five job-API dialects, each under its own
// prefix (http://127.0.0.1:PORT/<kind>), with a control API under /_control/.
//   const emu = await start({ jobs: 500, speed: 10 });
//   emu.urls.cdrouter  → a connection's `url`;  emu.control.step(60_000);  await emu.stop();
// `mode: 'seed-exact'` serves the seed documents' own example payloads instead (seedExact/).
import { Clock } from './clock';
import { controlHandler, makeControl } from './control';
import { BeaconDialect } from './dialects/beacon';
import { CdrouterDialect } from './dialects/cdrouter';
import { CnaasDialect } from './dialects/cnaas';
import type { Dialect, DialectEnv } from './dialects/dialect';
import { PuppetDialect } from './dialects/puppet';
import { StackJobsDialect } from './dialects/stackJobs';
import { seedExactDialects } from './seedExact';
import { Faults } from './faults';
import { RequestLog } from './requestLog';
import { router } from './router';
import { Listener } from './server';
import { type DemoConnection, type Emulator, type EmulatorOptions, KINDS, type Kind } from './types';

export * from './types';
export { parseFaults } from './faults';

export const DEFAULT_TOKEN = 'demo-token';
export const DEFAULT_READONLY_TOKEN = 'demo-readonly';

/** Connection names used by the demo and by `connectionsFor`. */
export const DEMO_NAMES: Record<Kind, string> = {
  'cnaas-nms': 'demo-cnaas',
  cdrouter: 'demo-cdrouter',
  'puppet-orchestrator': 'demo-puppet',
  'stack-jobs': 'demo-stack',
  beacon: 'demo-beacon',
};

export async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  const realNow = options.now ?? Date.now;
  const clock = new Clock(realNow, options.speed ?? 1);
  const seed = options.seed ?? 42;
  const base = clock.now();
  const envFor = (kind: Kind): DialectEnv => ({
    seed,
    jobs: Math.max(0, Math.floor(options.jobsPerDialect?.[kind] ?? options.jobs ?? 200)),
    base,
    hostile: options.hostile ?? false,
    hugeDiffBytes: options.hugeDiffBytes ?? 1_000_000,
    tokens: {
      token: options.tokens?.[kind] ?? DEFAULT_TOKEN,
      readOnly: options.readOnlyTokens?.[kind] ?? DEFAULT_READONLY_TOKEN,
    },
    cnaasResultShape: options.cnaasResultShape ?? 'current',
  });
  const puppet = new PuppetDialect(envFor('puppet-orchestrator'));
  const dialects: Record<Kind, Dialect> =
    options.mode === 'seed-exact'
      ? seedExactDialects(envFor)
      : {
          'cnaas-nms': new CnaasDialect(envFor('cnaas-nms')),
          cdrouter: new CdrouterDialect(envFor('cdrouter')),
          'puppet-orchestrator': puppet,
          'stack-jobs': new StackJobsDialect(envFor('stack-jobs')),
          beacon: new BeaconDialect(envFor('beacon')),
        };
  const faults = new Faults(seed, options.faults);
  const log = new RequestLog(options.logSize ?? 2000, options.log ? (line) => console.log(line) : undefined);
  const host = options.host ?? '127.0.0.1';

  let url = '';
  const info = () => ({
    url,
    urls: urlsOf(url),
    mode: options.mode ?? 'living',
    seed,
    jobs: Object.fromEntries(KINDS.map((k) => [k, envFor(k).jobs])),
  });
  // The listener needs the router, the router needs the control handler, which needs the listener.
  const listener = new Listener(
    router({
      dialects,
      faults,
      clock,
      log,
      realNow,
      control: (req, res, path, q, body) => onControl(req, res, path, q, body),
    }),
    host,
  );
  const control = makeControl({ clock, faults, log, listener, dialects, puppet });
  const onControl = controlHandler(control, info);

  const port = await listener.listen(options.port ?? 0);
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    urls: urlsOf(url),
    port,
    control,
    stop: () => listener.close(),
  };
}

export function urlsOf(base: string): Record<Kind, string> {
  return Object.fromEntries(KINDS.map((k) => [k, `${base}/${k}`])) as Record<Kind, string>;
}

/** A ready `jobdeck.connections` array for the emulator's dialects. */
export function connectionsFor(urls: Record<Kind, string>, tokenEnv?: string): DemoConnection[] {
  return KINDS.map((kind) => ({ name: DEMO_NAMES[kind], kind, url: urls[kind], ...(tokenEnv ? { tokenEnv } : {}) }));
}
