// Mutation testing (`npm run test:mutation`): StrykerJS plants small bugs (mutants) in the code
// that talks to servers and guards writes, runs the unit layer against each, and reports the
// ones no test notices. Not part of `npm test` or CI: a full run takes about an hour on two
// cores. docs/mutation.md lists the survivors and why each is left.
//
// JOBDECK_MUTATE=<glob>[,<glob>…] mutates a slice (e.g. src/client/dialects/beacon.ts); the
// incremental file keeps earlier results, so slices add up to the whole.
const SLICE = process.env.JOBDECK_MUTATE?.split(',').filter(Boolean);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'mocha',
  // JOBDECK_MUTATION_CHECK=0 leaves the type check of each mutant out (much faster on a busy
  // machine; a mutant that would not compile then runs anyway, and mostly fails its tests).
  checkers: process.env.JOBDECK_MUTATION_CHECK === '0' ? [] : ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // The tests run from out/ (tsc), so each sandbox compiles the instrumented sources once.
  buildCommand: 'tsc -p .',
  // The unit layer less what exercises none of the mutated code: the emulator's own tests, the
  // spec-file language server as a process, the runners, the complexity timings (instrumented
  // code is slower, and a timing is no verdict on a mutant) and the surface lint (it reads the
  // views' source).
  // Mocha's file lookup takes a glob only when it has a wildcard (braces alone are not one): the
  // security tests are named one by one, or none of them runs.
  mochaOptions: {
    config: '.mocharc.json',
    spec: [
      'out/test/unit/{client,commands,contract,fuzz,panel,store}/**/*.test.js',
      ...['origin', 'requestUrl', 'secrets', 'settings', 'tls'].map((t) => `out/test/unit/security/${t}.test.js`),
      // The spec-file language reads the launch tables (fields, docs, required, snippets) in
      // process; the tests that start the language server as a process (lsp, l10n) run the
      // built bundle, which has no mutants, and stay out.
      ...['analyze', 'complete', 'document', 'hover', 'launchSpec', 'rpc', 'schema', 'service'].map(
        (t) => `out/test/unit/spec/${t}.test.js`,
      ),
    ],
  },
  // The first run of every test, with coverage, on a busy two-core machine.
  dryRunTimeoutMinutes: 30,
  mutate: SLICE ?? [
    'src/client/**/*.ts',
    'src/store/**/*.ts',
    // The guard on writes: which arguments may skip a confirmation.
    'src/commands/confirmedArgs.ts',
  ],
  coverageAnalysis: 'perTest',
  // Mutants in module-level code (the dialects' tables, constants) would each need the whole
  // unit layer (a minute); they are left out of the score (docs/mutation.md).
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  concurrency: Number(process.env.JOBDECK_MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  ignorePatterns: ['out', 'dist', 'reports', 'test-results', '.vscode-test', '*.vsix', 'bench'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
