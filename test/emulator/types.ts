// Public types of the jobs emulator: options, fault specs, log entries, the control API.
// Kept apart from the implementation so tests, the CLI and benchmarks import only these.

export const KINDS = ['cnaas-nms', 'cdrouter', 'puppet-orchestrator', 'stack-jobs', 'beacon'] as const;
export type Kind = (typeof KINDS)[number];

/** A probability in [0, 1], or "the next N requests". */
export type Chance = number | { next: number };

/**
 * Faults for one dialect. Every knob is off when absent. Applied in this order per request:
 * latency/jitter, drop, 401/403/404, 429, 500/502/503, html; then on the (otherwise normal) answer:
 * malformed, truncate, drip.
 */
export interface FaultSpec {
  /** Added delay before answering, ms. */
  latency?: number;
  /** Extra delay, uniform in [0, jitter] ms. */
  jitter?: number;
  /** 401, 403 and 404 in the dialect's own error body (whatever the token or path). */
  error401?: Chance;
  error403?: Chance;
  error404?: Chance;
  /** 429 Too Many Requests with a Retry-After header. */
  error429?: Chance;
  /** Seconds sent in Retry-After (429 and 503). Default 1. */
  retryAfter?: number;
  error500?: Chance;
  error502?: Chance;
  error503?: Chance;
  /** An HTML page instead of JSON (a proxy's error page or a login page). */
  html?: Chance;
  /** Status of the HTML page. Default 502; 200 imitates an SSO login page. */
  htmlStatus?: number;
  /** A 200 whose JSON body has a syntax error. */
  malformed?: Chance;
  /** The body is cut in half and the connection closed (no Content-Length). */
  truncate?: Chance;
  /** The body is dribbled out in small chunks over `dripMs`. */
  drip?: Chance;
  /** Total time a dripped body takes, ms. Default 2000. */
  dripMs?: number;
  /** Bytes per dripped chunk. Default 16. */
  dripChunk?: number;
  /** The socket is destroyed without an answer. */
  drop?: Chance;
}

export type FaultMap = Partial<Record<Kind, FaultSpec>>;

export interface EmulatorOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Jobs generated per dialect. Default 200. */
  jobs?: number;
  jobsPerDialect?: Partial<Record<Kind, number>>;
  /** Seed of the generated data. Default 42. */
  seed?: number;
  /** Emulated ms per real ms. Default 1. */
  speed?: number;
  faults?: FaultMap;
  /** Accepted token per dialect. Default `demo-token`. */
  tokens?: Partial<Record<Kind, string>>;
  /** Tokens that may read but not write (writes answer 403). Default `demo-readonly`. */
  readOnlyTokens?: Partial<Record<Kind, string>>;
  /**
   * 'living' (default): generated jobs that move on the clock. 'seed-exact': the seeds' own
   * example payloads, exactly as printed, and only the fields the seeds show (seedExact/).
   */
  mode?: 'living' | 'seed-exact';
  /** CNaaS job result shape: 'current' (default, result.devices.<d>.job_tasks) or 'seed'. */
  cnaasResultShape?: 'seed' | 'current';
  /** Some names, messages and diffs carry hostile content (markup, ANSI, bidi, huge text). */
  hostile?: boolean;
  /** Size of the huge diffs that `hostile` adds, bytes. Default 1,000,000. */
  hugeDiffBytes?: number;
  /** Print one line per request. */
  log?: boolean;
  /** Entries kept in the request log ring buffer. Default 2000. */
  logSize?: number;
  /** The real clock (ms). Default Date.now. */
  now?: () => number;
}

export interface LogEntry {
  /** Real time the request arrived, ISO-8601. */
  time: string;
  /** Dialect, 'control', or null for paths outside any dialect. */
  dialect: Kind | 'control' | null;
  method: string;
  path: string;
  /** Raw query string without '?', '' when none. */
  query: string;
  /** 0 when the connection was dropped without an answer. */
  status: number;
  /** Time to answer, ms. */
  ms: number;
  /** Fault applied, if any (e.g. 'error503', 'drip'). */
  fault?: string;
}

export interface ClockState {
  /** Emulated now, epoch ms. */
  now: number;
  speed: number;
  paused: boolean;
}

export interface EmitResult {
  job: string;
  /** First and last id of the appended events. */
  first: number;
  last: number;
}

/** The control API, in process. The same operations are served under /_control/. */
export interface EmulatorControl {
  getFaults(): FaultMap;
  getFaults(kind: Kind): FaultSpec;
  /** Replaces the faults of a dialect (an empty spec clears them). */
  setFaults(kind: Kind, spec: FaultSpec): void;
  /** Clears the faults of one dialect, or of all. */
  clearFaults(kind?: Kind): void;
  clock(): ClockState;
  setSpeed(speed: number): void;
  pause(): void;
  resume(): void;
  /** Moves the emulated clock forward by `ms` (works paused or not). */
  step(ms: number): ClockState;
  /** Closes the listener, destroys open connections, listens again on the same port. */
  restart(downMs?: number): Promise<void>;
  log(): LogEntry[];
  clearLog(): void;
  /** Forgets every write (launches, deletes, edits, emitted events); keeps the clock. */
  reset(): void;
  /** Appends `count` events to a Puppet job at the current time. */
  emitPuppetEvents(job: string | number, count: number): EmitResult;
}

export interface Emulator {
  /** Base URL, e.g. http://127.0.0.1:8700 (control API under /_control/). */
  url: string;
  /** Per dialect: base URL + '/<kind>'; a connection's `url`. */
  urls: Record<Kind, string>;
  port: number;
  control: EmulatorControl;
  stop(): Promise<void>;
}

/** One entry of `jobdeck.connections`. */
export interface DemoConnection {
  name: string;
  kind: Kind;
  url: string;
  tokenEnv?: string;
}
