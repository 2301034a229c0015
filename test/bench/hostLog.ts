// The extension hosts' own logs, read for when each extension activated: VS Code writes one
// remoteexthost.log per extension host (one per window), with a line per activation.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HostActivations {
  /** When the extension host said it started (epoch ms). */
  started: number;
  /** Extension id → when its activation began (epoch ms). */
  activated: Map<string, number>;
}

/** The log's local wall-clock stamp ("2026-12-03 02:09:39.060"), as epoch ms; NaN if the line has none. */
export function stampOf(line: string): number {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) /.exec(line);
  return m ? new Date(`${m[1]}T${m[2]}`).getTime() : NaN;
}

/** Every extension host's start and activations under a VS Code logs folder (data/logs). */
export function hostActivations(logsDir: string): HostActivations[] {
  const hosts: HostActivations[] = [];
  if (!existsSync(logsDir)) return hosts;
  for (const session of readdirSync(logsDir)) {
    const sessionDir = join(logsDir, session);
    let entries: string[];
    try {
      entries = readdirSync(sessionDir).filter((e) => e.startsWith('exthost'));
    } catch {
      continue;
    }
    for (const host of entries) {
      const file = join(sessionDir, host, 'remoteexthost.log');
      if (!existsSync(file)) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      const started = lines.find((l) => / Extension host with pid \d+ started/.test(l));
      if (!started) continue;
      const activated = new Map<string, number>();
      for (const l of lines) {
        const m = /_doActivateExtension (\S+?),/.exec(l);
        if (m && !activated.has(m[1])) activated.set(m[1], stampOf(l));
      }
      hosts.push({ started: stampOf(started), activated });
    }
  }
  return hosts.sort((a, b) => a.started - b.started);
}

/**
 * When `extensionId` began to activate in the window that navigated at `navigation` and showed
 * its rows at `rows`: the extension host started between the two is that window's.
 */
export function activationIn(hosts: HostActivations[], extensionId: string, navigation: number, rows: number): number | undefined {
  const host = hosts.find((h) => h.started >= navigation && h.started <= rows);
  return host?.activated.get(extensionId);
}
