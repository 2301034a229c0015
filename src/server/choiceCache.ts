// Live values (packages, environments…) per connection and list, cached so that typing in a
// spec file does not hit the job servers on every keystroke: one request per list at a time,
// answers kept for a minute, failures for a few seconds.
import type { ChoiceField } from '../client/launch/fields';
import type { Choice } from '../client/model';
import type { ChoiceState } from '../specfile/analyze';

type ChoiceLoader = (connection: string, field: ChoiceField, signal: AbortSignal) => Promise<Choice[]>;

interface Entry {
  state?: ChoiceState;
  at: number;
  inFlight?: Promise<ChoiceState>;
}

interface ChoiceCacheOptions {
  ttlMs?: number;
  errorTtlMs?: number;
  now?: () => number;
}

export class ChoiceCache {
  private entries = new Map<string, Entry>();
  private generation = 0;
  private readonly controllers = new Set<AbortController>();
  private readonly ttlMs: number;
  private readonly errorTtlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly load: ChoiceLoader,
    options: ChoiceCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.errorTtlMs = options.errorTtlMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** The last answer, even an old one (no request). */
  peek(connection: string, field: ChoiceField): ChoiceState | undefined {
    return this.entries.get(key(connection, field))?.state;
  }

  /** A fresh-enough answer, loading it when missing or expired. Never rejects. */
  get(connection: string, field: ChoiceField): Promise<ChoiceState> {
    const k = key(connection, field);
    const entry = this.entries.get(k) ?? { at: 0 };
    this.entries.set(k, entry);
    const ttl = entry.state?.status === 'error' ? this.errorTtlMs : this.ttlMs;
    if (entry.state && entry.state.status !== 'pending' && this.now() - entry.at < ttl)
      return Promise.resolve(entry.state);
    if (entry.inFlight) return entry.inFlight;
    const generation = this.generation;
    const controller = new AbortController();
    this.controllers.add(controller);
    const run = this.load(connection, field, controller.signal).then(
      (choices): ChoiceState => ({ status: 'ok', choices }),
      (e: unknown): ChoiceState => ({ status: 'error', message: messageOf(e) }),
    );
    entry.inFlight = run.then((state) => {
      this.controllers.delete(controller);
      // Answers to requests made before clear() belong to the old settings: not kept.
      if (generation === this.generation) {
        entry.state = state;
        entry.at = this.now();
        entry.inFlight = undefined;
      }
      return state;
    });
    return entry.inFlight;
  }

  /** Forget everything (connections or tokens changed) and cancel what is loading. */
  clear(): void {
    this.generation++;
    this.entries = new Map();
    for (const c of this.controllers) c.abort();
    this.controllers.clear();
  }
}

function key(connection: string, field: ChoiceField): string {
  return `${connection}\u0000${field}`;
}

function messageOf(e: unknown): string {
  const err = e as { shortMessage?: string; message?: string };
  return err?.shortMessage || err?.message || String(e);
}
