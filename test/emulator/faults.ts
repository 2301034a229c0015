// Fault injection per dialect: the knobs of FaultSpec, rolled once per request with a
// seeded PRNG so a failing run can be replayed. "next N" counters count down as they fire.
import { prng } from './rng';
import { type Chance, type FaultMap, type FaultSpec, KINDS, type Kind } from './types';

export type Action =
  'drop' | 'error401' | 'error403' | 'error404' | 'error429' | 'error500' | 'error502' | 'error503' | 'html';
export type BodyFault = 'malformed' | 'truncate' | 'drip';

export interface FaultPlan {
  delay: number;
  action?: Action;
  body?: BodyFault;
}

const CHANCES = [
  'error401',
  'error403',
  'error404',
  'error429',
  'error500',
  'error502',
  'error503',
  'html',
  'malformed',
  'truncate',
  'drip',
  'drop',
] as const;
const NUMBERS = ['latency', 'jitter', 'retryAfter', 'htmlStatus', 'dripMs', 'dripChunk'] as const;

export class Faults {
  private specs: FaultMap = {};
  private readonly rng: () => number;

  constructor(seed: number, initial?: FaultMap) {
    this.rng = prng(seed ^ 0x5eed);
    for (const k of KINDS) if (initial?.[k]) this.set(k, initial[k] as FaultSpec);
  }

  get(kind: Kind): FaultSpec {
    return structuredClone(this.specs[kind] ?? {});
  }

  all(): FaultMap {
    return structuredClone(this.specs);
  }

  set(kind: Kind, spec: FaultSpec): void {
    this.specs[kind] = validate(spec);
  }

  clear(kind?: Kind): void {
    if (kind) delete this.specs[kind];
    else this.specs = {};
  }

  private fires(spec: FaultSpec, name: (typeof CHANCES)[number]): boolean {
    const c = spec[name];
    if (c === undefined) return false;
    if (typeof c === 'number') return c > 0 && (c >= 1 || this.rng() < c);
    if (c.next > 0) {
      c.next--;
      return true;
    }
    return false;
  }

  plan(kind: Kind): FaultPlan {
    const spec = this.specs[kind];
    if (!spec) return { delay: 0 };
    const delay = Math.max(0, (spec.latency ?? 0) + (spec.jitter ? this.rng() * spec.jitter : 0));
    const out: FaultPlan = { delay: Math.round(delay) };
    for (const a of [
      'drop',
      'error401',
      'error403',
      'error404',
      'error429',
      'error500',
      'error502',
      'error503',
      'html',
    ] as const) {
      if (this.fires(spec, a)) {
        out.action = a;
        return out;
      }
    }
    for (const b of ['malformed', 'truncate', 'drip'] as const) {
      if (this.fires(spec, b)) {
        out.body = b;
        return out;
      }
    }
    return out;
  }

  spec(kind: Kind): FaultSpec {
    return this.specs[kind] ?? {};
  }
}

function validate(spec: FaultSpec): FaultSpec {
  const out: FaultSpec = {};
  for (const [k, v] of Object.entries(spec ?? {})) {
    if ((CHANCES as readonly string[]).includes(k)) {
      const c = v as Chance;
      if (typeof c === 'number' && c >= 0 && Number.isFinite(c)) (out as Record<string, unknown>)[k] = c;
      else if (typeof c === 'object' && c !== null && Number.isInteger(c.next) && c.next >= 0)
        (out as Record<string, unknown>)[k] = { next: c.next };
      else throw new Error(`fault ${k}: expected a probability or {next: N}, got ${JSON.stringify(v)}`);
    } else if ((NUMBERS as readonly string[]).includes(k)) {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
        throw new Error(`fault ${k}: expected a non-negative number, got ${JSON.stringify(v)}`);
      (out as Record<string, unknown>)[k] = v;
    } else {
      throw new Error(`unknown fault ${k}`);
    }
  }
  return out;
}

const ALIASES: Record<string, Kind> = {
  cnaas: 'cnaas-nms',
  puppet: 'puppet-orchestrator',
  stack: 'stack-jobs',
  stackjobs: 'stack-jobs',
};

export function kindOf(name: string): Kind | undefined {
  const n = name.trim().toLowerCase();
  return (KINDS as readonly string[]).includes(n) ? (n as Kind) : ALIASES[n];
}

/**
 * The CLI form: `cdrouter:latency=200,error503=0.1;beacon:html=1`. A chance is a probability
 * or `nextN` / `next:N`; `*` (or `all`) applies to every dialect.
 */
export function parseFaults(text: string): FaultMap {
  const out: FaultMap = {};
  for (const part of text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const colon = part.indexOf(':');
    if (colon < 0) throw new Error(`fault spec "${part}": expected <dialect>:<knob>=<value>,…`);
    const who = part.slice(0, colon).trim();
    const kinds = who === '*' || who === 'all' ? [...KINDS] : [kindOf(who)];
    if (kinds.some((k) => k === undefined)) throw new Error(`fault spec: unknown dialect "${who}"`);
    const spec: Record<string, unknown> = {};
    for (const kv of part
      .slice(colon + 1)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [k, v] = kv.split('=').map((s) => s.trim());
      const next = /^next:?(\d+)$/.exec(v ?? '');
      spec[k] = next ? { next: Number(next[1]) } : Number(v);
    }
    for (const k of kinds as Kind[]) out[k] = validate({ ...(out[k] ?? {}), ...(spec as FaultSpec) });
  }
  return out;
}
