// What the integration tests share: the live services and the emulator's control API
// (fault knobs, request log) at JOBDECK_EMULATOR_URL, which the runner started.
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

export async function services(): Promise<Services> {
  const ext = vscode.extensions.getExtension<JobdeckApi>('jobdeck.jobdeck');
  assert.ok(ext);
  return (await ext.activate()).services;
}

export async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${EMULATOR}/_control/${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  assert.ok(res.ok, `control ${method} ${path}: ${res.status}`);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

/** The emulator's request log since it was last cleared, of one dialect or all. */
export async function requestLog(dialect?: string): Promise<LogEntry[]> {
  const body = (await control('GET', dialect ? `log?dialect=${encodeURIComponent(dialect)}` : 'log')) as LogEntry[] | { entries: LogEntry[] };
  return Array.isArray(body) ? body : body.entries;
}
