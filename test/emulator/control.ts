// The control API: one object used in process (tests, benchmarks) and the same operations
// over HTTP under /_control/ (the CLI demo, other processes). No auth: loopback test tool.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from './clock';
import type { Dialect } from './dialects/dialect';
import type { PuppetDialect } from './dialects/puppet';
import { kindOf, type Faults } from './faults';
import type { RequestLog } from './requestLog';
import type { Listener } from './server';
import {
  type EmitResult,
  type EmulatorControl,
  type FaultMap,
  type FaultSpec,
  KINDS,
  type Kind,
  type LogEntry,
} from './types';

export interface ControlDeps {
  clock: Clock;
  faults: Faults;
  log: RequestLog;
  listener: Listener;
  dialects: Record<Kind, Dialect>;
  puppet: PuppetDialect;
}

export function makeControl(d: ControlDeps): EmulatorControl {
  function getFaults(): FaultMap;
  function getFaults(kind: Kind): FaultSpec;
  function getFaults(kind?: Kind): FaultMap | FaultSpec {
    return kind ? d.faults.get(kind) : d.faults.all();
  }
  return {
    getFaults,
    setFaults: (kind, spec) => d.faults.set(kind, spec),
    clearFaults: (kind) => d.faults.clear(kind),
    clock: () => d.clock.state(),
    setSpeed: (speed) => d.clock.setSpeed(speed),
    pause: () => d.clock.pause(),
    resume: () => d.clock.resume(),
    step: (ms) => {
      d.clock.step(ms);
      return d.clock.state();
    },
    restart: (downMs) => d.listener.restart(downMs),
    log: (): LogEntry[] => d.log.entries(),
    clearLog: () => d.log.clear(),
    reset: () => {
      for (const k of KINDS) d.dialects[k].reset();
    },
    emitPuppetEvents: (job, count): EmitResult => {
      const r = d.puppet.emit(job, count, d.clock.now());
      if (!r) throw new Error(`no puppet job ${job}, or count ${count} is not a positive integer`);
      return r;
    },
  };
}

function reply(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    ...extra,
  });
  res.end(text);
}

function parse(body: string): Record<string, unknown> {
  if (!body.trim()) return {};
  const v = JSON.parse(body) as unknown;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('expected a JSON object');
  return v as Record<string, unknown>;
}

function num(b: Record<string, unknown>, q: URLSearchParams, name: string): number {
  const v = b[name] ?? q.get(name);
  const n = Number(v);
  if (v === undefined || v === null || v === '' || !Number.isFinite(n)) throw new Error(`${name} must be a number`);
  return n;
}

export function controlHandler(control: EmulatorControl, info: () => Record<string, unknown>) {
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    q: URLSearchParams,
    body: string,
  ): Promise<void> => {
    const method = req.method ?? 'GET';
    const seg = path.split('/').filter(Boolean);
    try {
      const b = method === 'GET' || method === 'DELETE' ? {} : parse(body);
      const route = `${method} ${seg.join('/')}`;
      switch (true) {
        case route === 'GET ':
          return reply(res, 200, { ...info(), clock: control.clock(), faults: control.getFaults() });
        case route === 'GET faults':
          return reply(res, 200, control.getFaults());
        case seg[0] === 'faults' && seg.length === 2: {
          const kind = kindOf(seg[1]);
          if (!kind) return reply(res, 404, { error: `unknown dialect ${seg[1]}` });
          if (method === 'GET') return reply(res, 200, control.getFaults(kind));
          if (method === 'DELETE') control.clearFaults(kind);
          else control.setFaults(kind, b as FaultSpec);
          return reply(res, 200, control.getFaults(kind));
        }
        case route === 'PUT faults' || route === 'POST faults': {
          for (const [k, spec] of Object.entries(b)) {
            const kind = kindOf(k);
            if (!kind) return reply(res, 400, { error: `unknown dialect ${k}` });
            control.setFaults(kind, spec as FaultSpec);
          }
          return reply(res, 200, control.getFaults());
        }
        case route === 'DELETE faults':
          control.clearFaults();
          return reply(res, 200, control.getFaults());
        case route === 'GET clock':
          return reply(res, 200, control.clock());
        case route === 'POST speed':
          control.setSpeed(num(b, q, 'speed'));
          return reply(res, 200, control.clock());
        case route === 'POST pause':
          control.pause();
          return reply(res, 200, control.clock());
        case route === 'POST resume':
          control.resume();
          return reply(res, 200, control.clock());
        case route === 'POST step':
          return reply(res, 200, control.step(num(b, q, 'ms')));
        case route === 'POST restart': {
          const downMs = b.downMs ?? q.get('downMs');
          // Answer first: the restart destroys this very connection.
          res.on('finish', () => void control.restart(downMs === undefined || downMs === null ? 0 : Number(downMs)));
          return reply(res, 202, { restarting: true }, { Connection: 'close' });
        }
        case route === 'GET log': {
          let entries = control.log();
          const dialect = q.get('dialect');
          if (dialect) entries = entries.filter((e) => e.dialect === (kindOf(dialect) ?? dialect));
          const limit = Number(q.get('limit'));
          if (limit > 0) entries = entries.slice(-limit);
          return reply(res, 200, { entries });
        }
        case route === 'DELETE log' || route === 'POST log/clear':
          control.clearLog();
          return reply(res, 200, { cleared: true });
        case route === 'POST reset':
          control.reset();
          return reply(res, 200, { reset: true });
        case route === 'POST puppet/emit': {
          const job = b.job ?? q.get('job');
          if (job === undefined || job === null) throw new Error('job is required');
          return reply(res, 200, control.emitPuppetEvents(String(job), num(b, q, 'count')));
        }
        default:
          return reply(res, 404, { error: `no control route ${method} /_control/${seg.join('/')}` });
      }
    } catch (e) {
      return reply(res, 400, { error: (e as Error).message });
    }
  };
}
