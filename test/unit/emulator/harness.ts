// Shared set-up for the emulator's tests: an emulator on a free loopback port with a frozen
// real clock (time moves only when a test steps it), and small request helpers.
import { type Emulator, type EmulatorOptions, start } from '../../emulator/index';

/** 2024-05-01T12:00:00Z: a fixed "real" now so generated data is the same on every run. */
export const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);

export async function startFrozen(options: EmulatorOptions = {}): Promise<Emulator> {
  return start({ port: 0, now: () => T0, ...options });
}

export interface Res {
  status: number;
  headers: Headers;
  text: string;
  json: () => any;
}

/**
 * One request. `retries` re-sends after a connection error: what a real client does for an
 * idempotent GET when a restart closed the keep-alive socket it was about to reuse.
 */
export async function call(url: string, init: RequestInit = {}, retries = 0): Promise<Res> {
  let r: Response;
  try {
    r = await fetch(url, init);
  } catch (e) {
    if (retries <= 0) throw e;
    return call(url, init, retries - 1);
  }
  const text = await r.text();
  return { status: r.status, headers: r.headers, text, json: () => JSON.parse(text) };
}

export const bearer = (token = 'demo-token') => ({ Authorization: `Bearer ${token}` });
export const xauth = (token = 'demo-token') => ({ 'X-Authentication': token });

export function jsonInit(method: string, body: unknown, headers: Record<string, string>): RequestInit {
  return {
    method,
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

export function formInit(fields: Record<string, string | string[]>): RequestInit {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
  return { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: p.toString() };
}
