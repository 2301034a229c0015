// Reads a V8 CPU profile (the Scale window's, written by the host): the longest stretch of
// samples without idle (what held the event loop) and the most self time overall, by function.
// Frames of Jobdeck's minified bundles are named by their place in the sources, through the
// source maps the bench's build writes beside them (build.mjs --maps; not in the VSIX).
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { basename, join } from 'node:path';
import { round } from './stats';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** The longest run of samples without idle, ms. */
  busiestMs: number;
  /** Self time by function in that run, and over the whole profile (top entries, "name ms"). */
  busiest: string[];
  overall: string[];
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

/** Names frames; with `distDir`, frames of dist/*.js by their source file and line. */
export function frameNamer(distDir?: string): (n: ProfileNode) => string {
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (file: string) => {
    if (!distDir) return undefined;
    if (!maps.has(file)) {
      const path = join(distDir, `${file}.map`);
      maps.set(file, existsSync(path) ? new SourceMap(JSON.parse(readFileSync(path, 'utf8'))) : undefined);
    }
    return maps.get(file);
  };
  return (n) => {
    const f = n.callFrame;
    const file = basename(f.url);
    const fn = f.functionName || '(anonymous)';
    const map = /\/dist\/[a-zA-Z]+\.js$/.test(f.url) ? mapOf(file) : undefined;
    const entry = map?.findEntry(f.lineNumber, f.columnNumber) as { originalSource?: string; originalLine?: number; name?: string } | undefined;
    if (entry?.originalSource) {
      const src = entry.originalSource.replace(/^.*?(src\/|node_modules\/)/, '$1');
      return `${entry.name ?? fn} ${src}:${(entry.originalLine ?? 0) + 1}`;
    }
    return `${fn} ${file.slice(0, 40)}${f.lineNumber >= 0 ? `:${f.lineNumber + 1}` : ''}`;
  };
}

export function summarize(p: Profile, name: (n: ProfileNode) => string, top = 8): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const overall = new Map<string, number>();
  let best = { ms: 0, from: 0, to: 0 };
  let run = { ms: 0, from: 0 };
  for (let i = 0; i < p.samples.length; i++) {
    const n = byId.get(p.samples[i]);
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const fn = n?.callFrame.functionName ?? '';
    if (!n || fn === '(idle)') {
      if (run.ms > best.ms) best = { ms: run.ms, from: run.from, to: i };
      run = { ms: 0, from: i + 1 };
      continue;
    }
    run.ms += dt;
    if (!IDLE.has(fn)) overall.set(name(n), (overall.get(name(n)) ?? 0) + dt);
  }
  if (run.ms > best.ms) best = { ms: run.ms, from: run.from, to: p.samples.length };
  const inRun = new Map<string, number>();
  for (let i = best.from; i < best.to; i++) {
    const n = byId.get(p.samples[i]);
    if (n) inRun.set(name(n), (inRun.get(name(n)) ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000);
  }
  const list = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${k} ${round(v)} ms`);
  return { busiestMs: best.ms, busiest: list(inRun), overall: list(overall) };
}
