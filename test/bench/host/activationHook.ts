// Times Jobdeck's activation from inside the extension host. Installed when the bench entry
// loads, before anything activates Jobdeck: Node's CommonJS loader for .js is wrapped once,
// so the load of dist/extension.js (compile + top-level code, the "require") is timed, and the
// module's exports are swapped for ones whose activate() is timed. VS Code loads the main
// module with createRequire(...)(path), which goes through this loader.
import { dirname, join } from 'node:path';
import { now } from '../stats';

type Loader = (this: unknown, module: { exports: unknown }, filename: string) => void;
type Exports = { activate?: (...args: unknown[]) => unknown; deactivate?: (...args: unknown[]) => unknown };

/** Env var naming the bundle file to time (the installed extension's dist/extension.js). */
export const MAIN_ENV = 'JOBDECK_BENCH_MAIN';

export interface ActivationTimes {
  file?: string;
  requireMs?: number;
  activateMs?: number;
  /** The load of the body, dist/core.js (compile + top level), whenever it happened. */
  coreRequireMs?: number;
  /** activate() returned a promise: time until it settled. */

  asyncActivate?: boolean;
  hookError?: string;
}

export const activationTimes: ActivationTimes = {};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mod = require('node:module') as { _extensions?: Record<string, Loader> };
const original = Mod._extensions?.['.js'];

/** The body loads after activation, from next to the main module. */
function isCore(filename: string): boolean {
  const main = process.env[MAIN_ENV];
  return main ? filename === join(dirname(main), 'core.js') : /[\\/]jobdeck[^\\/]*[\\/]dist[\\/]core\.js$/.test(filename);
}

function isMain(filename: string): boolean {
  const expected = process.env[MAIN_ENV];
  return expected ? filename === expected : /[\\/]jobdeck[^\\/]*[\\/]dist[\\/]extension\.js$/.test(filename);
}

if (!Mod._extensions || typeof original !== 'function') {
  activationTimes.hookError = "Node's Module._extensions['.js'] is not there to hook";
} else {
  const extensions = Mod._extensions;
  extensions['.js'] = function (this: unknown, module, filename) {
    if (isCore(filename)) {
      extensions['.js'] = original;
      const started = now();
      original.call(this, module, filename);
      activationTimes.coreRequireMs = now() - started;
      return;
    }
    if (!isMain(filename)) return original.call(this, module, filename);
    const started = now();
    original.call(this, module, filename);
    activationTimes.requireMs = now() - started;
    activationTimes.file = filename;
    const exp = module.exports as Exports;
    const activate = exp.activate;
    if (typeof activate !== 'function') return;
    module.exports = {
      activate: (...args: unknown[]) => {
        const t0 = now();
        const result = activate.apply(exp, args);
        if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
          activationTimes.asyncActivate = true;
          return Promise.resolve(result).finally(() => (activationTimes.activateMs = now() - t0));
        }
        activationTimes.activateMs = now() - t0;
        return result;
      },
      deactivate: (...args: unknown[]) => exp.deactivate?.(...args),
    };
  };
}

/** VS Code's own marks around the code load (vs/base/common/performance), when present. */
export function vscodeCodeLoadMs(extensionId: string): number | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks?: () => { name: string; startTime: number }[] } }).MonacoPerformanceMarks?.getMarks?.();
  if (!marks) return undefined;
  const will = marks.find((m) => m.name === `code/extHost/willLoadExtensionCode/${extensionId}`);
  const did = marks.find((m) => m.name === `code/extHost/didLoadExtensionCode/${extensionId}`);
  return will && did ? did.startTime - will.startTime : undefined;
}
