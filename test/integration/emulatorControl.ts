// What the integration tests share: the live services, waiting for a condition, and the
// emulator's control API (fault knobs, request log) at JOBDECK_EMULATOR_URL, which the runner
// started.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { JobdeckApi } from '../../src/extension/extension';
import type { Services } from '../../src/extension/services';

export const EMULATOR = process.env.JOBDECK_EMULATOR_URL ?? '';

/** One request the emulator saw. */
export interface LogEntry {
  time: string;
  dialect: string | null;
  method: string;
  path: string;
  query: string;
  status: number;
  ms: number;
}

/**
 * The argument, marked as already confirmed through Jobdeck's API: what its own code does
 * after asking. (`confirm: true` in an argument no longer skips a question: a `command:` link
 * could carry it.)
 */
export function confirmed<T extends object>(arg: T): T {
  const api = vscode.extensions.getExtension<JobdeckApi>('jobdeck.jobdeck')?.exports;
  assert.ok(api, 'Jobdeck is active');
  return api.confirmed(arg);
}

export async function services(): Promise<Services> {
  const ext = vscode.extensions.getExtension<JobdeckApi>('jobdeck.jobdeck');
  assert.ok(ext);
  return (await ext.activate()).services;
}

export async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${EMULATOR}/_control/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(res.ok, `control ${method} ${path}: ${res.status}`);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

/** The emulator's request log since it was last cleared, of one dialect or all. */
export async function requestLog(dialect?: string): Promise<LogEntry[]> {
  const body = (await control('GET', dialect ? `log?dialect=${encodeURIComponent(dialect)}` : 'log')) as
    LogEntry[] | { entries: LogEntry[] };
  return Array.isArray(body) ? body : body.entries;
}

/** Writes (not GETs) the emulator saw for a dialect since the log was cleared. */
export async function writes(dialect: string): Promise<LogEntry[]> {
  return (await requestLog(dialect)).filter((e) => e.method !== 'GET');
}

/** Polls `probe` until it gives something truthy, and fails naming `what` after `ms`. */
export async function until<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 20_000,
  everyMs = 50,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) assert.fail(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
