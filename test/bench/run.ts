// `npm run bench`: Jobdeck's benchmarks (issue 9). Prints a table of every figure next to its
// target and, where it makes sense, a naive baseline measured in the same run, and writes
// bench/results.json. Exit code: 1 if any figure could not be measured; misses are reported
// but fail the run only with --strict.
//
// Usage: node out/test/bench/run.js [--strict] [--only "Tree paint,Tail,..."]
//   Groups: Activation, Size, Tree paint, Memory, Polling, Tail, Bulk delete, Detail panel, Panel memory, Job to job, Scale, Stalls, Cold view.
// Steps: production build + VSIX (staging copy) → extension-host session in code-server
// (activation, tree paint + memory, detail panel, tail, polling) → plain-Node benchmarks
// (bulk delete, the naive tree load) → table.
import { existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { frameNamer, summarize, type Profile } from './profile';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { FIGURES, HOW, notMeasured, type Measurement } from './figures';
import { notesOf, resultsJson, rows, summary, table } from './report';
import { staticSizes, type StaticResult } from './staticSizes';
import { loadLauncher, runHostSession } from './hostSession';
import { startEmulators, type Emulators, conn, demoConnections, TOKEN, TOKEN_ENV, TREE_BIG } from './emulators';
import { COLD_VIEW_IDS, coldView, type ColdViewLauncher } from './coldView';
import { bulkDelete } from './bulkDelete';
import { fetchAll } from './naiveTree';
import { now, round } from './stats';

const repoRoot = resolve(__dirname, '..', '..', '..');
const GROUPS = [...new Set(FIGURES.map((f) => f.group))];
const log = (m: string) => console.error(`[bench ${((now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${m}`);
const startedAt = now();

function parseArgs(argv: string[]): { strict: boolean; groups: string[] } {
  const strict = argv.includes('--strict');
  const at = argv.indexOf('--only');
  if (at < 0) return { strict, groups: GROUPS };
  const asked = (argv[at + 1] ?? '').split(',').map((g) => g.trim().toLowerCase()).filter(Boolean);
  const groups = GROUPS.filter((g) => asked.some((a) => g.toLowerCase().startsWith(a)));
  if (!groups.length) throw new Error(`--only ${argv[at + 1] ?? ''}: no such group (groups: ${GROUPS.join(', ')})`);
  return { strict, groups };
}

async function main(): Promise<number> {
  const { strict, groups } = parseArgs(process.argv.slice(2));
  const measurements: Measurement[] = [];
  const notes: string[] = [];
  // A profile left by an earlier run must not be read as this run's.
  if (groups.includes('Stalls')) rmSync(join(repoRoot, 'bench', 'scale.cpuprofile'), { force: true });
  const hostGroups = groups.filter((g) => FIGURES.some((f) => f.group === g && f.where === 'host'));
  let staged: StaticResult | undefined;
  let emulators: Emulators | undefined;
  let launcher: Awaited<ReturnType<typeof loadLauncher>> | undefined;
  const durations: Record<string, number> = {};
  let bulk: Promise<Measurement[]> | undefined;
  const timed = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
    const t0 = now();
    try {
      return await fn();
    } finally {
      durations[name] = round((now() - t0) / 1000);
      log(`${name}: ${durations[name]} s`);
    }
  };

  try {
    if (groups.includes('Size') || groups.includes('Cold view') || hostGroups.length) {
      staged = await timed('production build + VSIX', () => staticSizes(repoRoot, log));
      measurements.push(...staged.measurements);
    }
    if (hostGroups.length || groups.includes('Memory') || groups.includes('Tree paint') || groups.includes('Cold view')) emulators = await startEmulators();
    if (hostGroups.length) {
      const hostIds = FIGURES.filter((f) => f.where === 'host' && groups.includes(f.group)).map((f) => f.id);
      try {
        launcher = await loadLauncher(repoRoot);
        const l = launcher;
        // Bulk delete (plain Node, waiting on 50 ms latency) runs while the host sits through
        // the two idle minutes of the polling benchmark; both count, neither races.
        const onPhase = (name: string) => {
          if (name === 'Polling' && groups.includes('Bulk delete')) bulk ??= timed('bulk delete', () => bulkDelete(repoRoot, log));
        };
        const host = await timed('extension host session', () =>
          runHostSession({ repoRoot, launcher: l, emulators: emulators as Emulators, groups, vsix: staged?.vsix, stageDir: staged?.stageDir, log, onPhase }),
        );
        measurements.push(...host.measurements.filter((m) => hostIds.includes(m.id)));
        notes.push(...host.notes);
        const profilePath = join(repoRoot, 'bench', 'scale.cpuprofile');
        if (groups.includes('Stalls') && existsSync(profilePath)) {
          const p = summarize(JSON.parse(readFileSync(profilePath, 'utf8')) as Profile, frameNamer(staged?.stageDir && join(staged.stageDir, 'dist')));
          notes.push(`Stalls: the longest stretch without idle in the extension host's CPU profile (bench/scale.cpuprofile) was ${round(p.busiestMs)} ms: ${p.busiest.join('; ')}.`);
          notes.push(`Stalls: most self time over the window: ${p.overall.join('; ')}.`);
        }
      } catch (e) {
        const reason = (e as Error).message.split('\n')[0];
        log(`extension host session failed: ${(e as Error).stack ?? reason}`);
        measurements.push(...hostIds.map((id) => notMeasured(id, reason)));
      } finally {
        // Closes Chromium and code-server (with its extension host) before the Node benchmarks.
        await launcher?.cleanupAll();
      }
    }
    if (groups.includes('Cold view') && emulators) {
      const vsix = staged?.vsix;
      const l = launcher ?? (await loadLauncher(repoRoot));
      measurements.push(
        ...(vsix
          ? await timed('cold view', () =>
              coldView({ repoRoot, launcher: l as unknown as ColdViewLauncher, vsix, connections: demoConnections((emulators as Emulators).poll), tokenEnv: TOKEN_ENV, token: TOKEN, rounds: Number(process.env.JOBDECK_COLD_ROUNDS ?? 3), reloadRounds: process.env.JOBDECK_RELOAD_ROUNDS ? Number(process.env.JOBDECK_RELOAD_ROUNDS) : undefined, quiet: process.env.JOBDECK_COLD_QUIET === '1', log }),
            )
          : COLD_VIEW_IDS.map((id) => notMeasured(id, 'no VSIX was built'))),
      );
    }
    if (emulators && (groups.includes('Tree paint') || groups.includes('Memory'))) {
      const naive = await timed('naive tree load (all pages)', () => fetchAll(conn((emulators as Emulators).treeBig, 'cdrouter', 'naive')).catch((e: Error) => e));
      if (naive instanceof Error) notes.push(`Naive tree load failed: ${naive.message}`);
      else {
        log(`naive: ${naive.jobs} jobs in ${naive.requests} requests, ${round(naive.ms)} ms, ${round(naive.heapMb, 1)} MB`);
        measurements.push(
          { id: 'tree.requestToUi', baseline: { name: `fetch all ${TREE_BIG.toLocaleString('en-US')}`, value: naive.ms } },
          { id: 'memory.big', baseline: { name: `all ${TREE_BIG.toLocaleString('en-US')} held`, value: naive.heapMb } },
        );
      }
    }
    if (emulators) await Promise.all(emulators.all.map((e) => e.stop().catch(() => undefined)));
    if (groups.includes('Bulk delete')) measurements.push(...(await (bulk ?? timed('bulk delete', () => bulkDelete(repoRoot, log)))));
  } finally {
    if (staged?.stageDir) {
      // The staging dir links the repo's node_modules: unlink that first, never recurse into it.
      try {
        unlinkSync(join(staged.stageDir, 'node_modules'));
        rmSync(staged.stageDir, { recursive: true, force: true });
      } catch (e) {
        log(`could not remove ${staged.stageDir}: ${(e as Error).message}`);
      }
    }
  }

  const selected = rows(mergeMeasurements(measurements)).filter((r) => groups.includes(r.group));
  const { exitCode, lines } = summary(selected, strict);
  const total = round((now() - startedAt) / 1000);
  console.log('\nJobdeck benchmarks (issue 9)\n');
  console.log(table(selected));
  console.log('');
  for (const n of [...notesOf(selected), ...notes]) console.log(`• ${n}`);
  console.log('\nHow each group measures:');
  for (const g of groups) console.log(`• ${g}: ${HOW[g]}`);
  console.log('');
  for (const l of lines) console.log(l);
  console.log(`Run took ${total} s on ${cpus().length} cores (load average ${loadavg().map((x) => x.toFixed(1)).join(', ')}); results in bench/results.json.`);
  mkdirSync(join(repoRoot, 'bench'), { recursive: true });
  writeFileSync(
    join(repoRoot, 'bench', 'results.json'),
    `${JSON.stringify(resultsJson(selected, { date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadavg: loadavg(), strict, groups, durationS: total, durations, notes, exitCode }), null, 2)}\n`,
  );
  return exitCode;
}

/** Later partial measurements (a baseline found by another step) fill in earlier ones. */
function mergeMeasurements(list: Measurement[]): Measurement[] {
  const byId = new Map<string, Measurement>();
  for (const m of list) {
    const prev = byId.get(m.id);
    if (!prev) byId.set(m.id, m);
    else byId.set(m.id, { ...prev, ...Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) } as Measurement);
  }
  // A baseline alone is not a measurement.
  for (const [id, m] of byId) if (m.value === undefined && !m.notMeasured) byId.set(id, { ...m, notMeasured: 'no measurement was reported' });
  return [...byId.values()];
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`bench: ${(e as Error).stack ?? String(e)}`);
    console.log('bench failed before it could measure anything; nothing was written.');
    process.exit(2);
  },
);

