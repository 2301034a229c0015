// Which command arguments may skip a confirmation. A `command:` link in any text VS Code renders
// as Markdown (another extension's hover, a notification before `inert`, a README preview) runs
// a command with JSON arguments, so `{confirm: true}` in an argument proves nothing. Only an
// argument object that Jobdeck's own code marked here, in this process, skips the question:
// JSON cannot carry the mark, and nothing outside this module can make one.
const confirmed = new WeakSet<object>();

/** Marks an argument Jobdeck built after the user already agreed (or a test answers for them). */
export function confirmedArg<T extends object>(arg: T): T {
  confirmed.add(arg);
  return arg;
}

/** Whether the user already agreed: only for arguments marked by confirmedArg. */
export function preConfirmed(arg: unknown): boolean {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: WeakSet.has answers false for any non-object without throwing; the checks narrow `unknown` for the type checker only
  return typeof arg === 'object' && arg !== null && confirmed.has(arg);
}
