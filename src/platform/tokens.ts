// Tokens live in SecretStorage (keyed by connection name) or in the environment variable a
// user-settings connection names. A stored token is bound to the origin it was saved for: if
// the connection's URL later points elsewhere, nothing is sent until the user allows it. And
// every ask names the origin the request really goes to (HttpClient checks it after building
// the URL; the language server sends it along): a token is given only for its own origin.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../client/config';
import { JobdeckError } from '../client/errors';
import type { TokenProvider } from '../client/http';

interface StoredToken {
  token: string;
  origin?: string;
}

const KEY_PREFIX = 'jobdeck.token:';

export class TokenStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the connection name whose token changed. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /**
   * What SecretStorage holds per connection, read once: every request needs its token, and in
   * a remote window each read is a round trip to the UI side. Dropped when the secret changes.
   */
  private readonly cache = new Map<string, Promise<StoredToken | undefined>>();

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (!e.key.startsWith(KEY_PREFIX)) return;
      const name = e.key.slice(KEY_PREFIX.length);
      this.cache.delete(name);
      this.changed.fire(name);
    });
  }

  async set(connection: ConnectionConfig, token: string): Promise<void> {
    const value: StoredToken = { token, origin: new URL(connection.url).origin };
    await this.write(connection.name, () => this.secrets.store(KEY_PREFIX + connection.name, JSON.stringify(value)));
  }

  async delete(name: string): Promise<void> {
    await this.write(name, () => this.secrets.delete(KEY_PREFIX + name));
  }

  /** The user agreed that the stored token may go to the connection's current origin. */
  async allowCurrentOrigin(connection: ConnectionConfig): Promise<void> {
    const stored = await this.read(connection.name);
    if (stored) await this.set(connection, stored.token);
  }

  async hasToken(connection: ConnectionConfig): Promise<boolean> {
    return Boolean((await this.read(connection.name)) || envToken(connection));
  }

  /** The origin a stored token is bound to, when it differs from the connection's. */
  async foreignOrigin(connection: ConnectionConfig): Promise<string | undefined> {
    const stored = await this.read(connection.name);
    const origin = new URL(connection.url).origin;
    return stored?.origin && stored.origin !== origin ? stored.origin : undefined;
  }

  provider(connection: ConnectionConfig): TokenProvider {
    return async (destination) => {
      const origin = new URL(connection.url).origin;
      if (destination !== origin) {
        throw new JobdeckError({
          code: 'untrusted',
          connection: connection.name,
          operation: 'send token',
          detail: `a request to ${String(destination)} asked for the token of a connection to ${origin}`,
        });
      }
      const stored = await this.read(connection.name);
      if (stored) {
        if (stored.origin && stored.origin !== origin) {
          throw new JobdeckError({
            code: 'untrusted',
            connection: connection.name,
            operation: 'send token',
            detail: `the stored token was saved for ${stored.origin}, but the connection now points to ${origin}; allow it or set a new token`,
          });
        }
        return stored.token;
      }
      return envToken(connection);
    };
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** A change of the secret: no copy read before it or while it is written outlives it. */
  private async write(name: string, change: () => Thenable<void>): Promise<void> {
    this.cache.delete(name);
    try {
      await change();
    } finally {
      this.cache.delete(name);
    }
  }

  private read(name: string): Promise<StoredToken | undefined> {
    let cached = this.cache.get(name);
    if (!cached) {
      cached = this.readStored(name);
      this.cache.set(name, cached);
      // A failed read is not remembered.
      cached.catch(() => this.cache.get(name) === cached && this.cache.delete(name));
    }
    return cached;
  }

  private async readStored(name: string): Promise<StoredToken | undefined> {
    const raw = await this.secrets.get(KEY_PREFIX + name);
    if (!raw) return undefined;
    try {
      const parsed = JSON.parse(raw) as StoredToken;
      if (typeof parsed.token === 'string' && parsed.token) return parsed;
    } catch {
      // Written by hand or by an older version: a bare token with no origin.
    }
    return { token: raw };
  }
}

function envToken(connection: ConnectionConfig): string | undefined {
  const v = connection.tokenEnv ? process.env[connection.tokenEnv] : undefined;
  return v && v.trim() ? v.trim() : undefined;
}
