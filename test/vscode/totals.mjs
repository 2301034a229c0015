// How a test layer's counts become its verdict, shared by every runner (runIntegration, runUi,
// runVsix, runElectron, through launcher.runAndExit) and by scripts/test.mjs, which reads the
// runners' closing lines back. A skipped (pending) test fails its layer like a failing one:
// a test that does not run proves nothing, and `it.skip` left behind would otherwise pass CI.

/** The closing line: `N passed, M failed, K skipped` (the plain form CI reads). */
export function totalsLine({ passed, failed, pending = 0 }) {
  return `${passed} passed, ${failed} failed, ${pending} skipped`;
}

/** The last closing line in a runner's output, or zeros when there is none. */
export function parseTotals(out) {
  const last = [...out.matchAll(/^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/gm)].at(-1);
  return last
    ? { passed: Number(last[1]), failed: Number(last[2]), pending: Number(last[3] ?? 0) }
    : { passed: 0, failed: 0, pending: 0 };
}

/** mocha's spec reporter: "  12 passing (3s)", "  2 failing", "  1 pending". */
export function parseMocha(out) {
  const n = (re) => Number(out.match(re)?.[1] ?? 0);
  return { passed: n(/^\s*(\d+) passing/m), failed: n(/^\s*(\d+) failing/m), pending: n(/^\s*(\d+) pending/m) };
}

/** Why a layer with these counts fails; empty when it passes. */
export function problemsOf({ passed, failed, pending = 0 }) {
  const problems = [];
  if (failed > 0) problems.push(`${failed} failed`);
  if (passed + failed === 0) problems.push('ran no test');
  if (pending > 0) problems.push(`${pending} skipped (no skipped or pending tests allowed)`);
  return problems;
}

/**
 * Counts a mocha run as the runners report it: resolves with { passed, failed, pending } when
 * the run ends. `onFail(test, err)` sees each failure.
 */
export function countRun(mocha, onFail = () => {}) {
  const counts = { passed: 0, failed: 0, pending: 0 };
  return new Promise((done) => {
    const runner = mocha.run(() => done(counts));
    runner.on('pass', () => counts.passed++);
    runner.on('pending', () => counts.pending++);
    runner.on('fail', (test, err) => {
      counts.failed++;
      onFail(test, err);
    });
  });
}
