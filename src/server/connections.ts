// The connections as the extension configured them, turned into adapters in the server's own
// process (src/client, no vscode). Tokens are asked from the extension for each request that
// needs one, over the LSP connection, naming the origin the request goes to; the server never
// reads a token store or the disk. In Restricted Mode (the extension says the workspace is not
// trusted) no adapter is used: a spec file there makes no request.
import type { JobsAdapter } from '../client/adapter';
import type { ConnectionConfig } from '../client/config';
import { JobdeckError } from '../client/errors';
import { connect } from '../client/registry';
import type { ConnectionInfo } from '../specfile/analyze';
import { CONNECTIONS_REQUEST, ConnectionsResult, TOKEN_REQUEST, TokenParams, TokenResult } from '../specfile/protocol';

/** The part of the LSP connection this needs (a fake in unit tests). */
export interface ExtensionChannel {
  sendRequest<R>(method: string, params?: unknown): Promise<R>;
}

interface Entry {
  config: ConnectionConfig;
  adapter?: JobsAdapter;
  info: ConnectionInfo;
}

export class ServerConnections {
  private loading?: Promise<Map<string, Entry>>;
  private trusted = false;
  private key?: string;

  constructor(
    private readonly channel: ExtensionChannel,
    private readonly onLog: (message: string) => void = () => undefined,
  ) {}

  async infos(): Promise<ConnectionInfo[]> {
    return [...(await this.entries()).values()].map((e) => e.info);
  }

  async adapter(name: string): Promise<JobsAdapter | undefined> {
    const entry = (await this.entries()).get(name);
    if (entry && !this.trusted) throw new Error('spec files ask no server until you trust this workspace');
    return entry?.adapter;
  }

  /** This session's key for launch lenses (from the extension). */
  async lensKey(): Promise<string | undefined> {
    await this.entries();
    return this.key;
  }

  invalidate(): void {
    this.loading = undefined;
  }

  private entries(): Promise<Map<string, Entry>> {
    this.loading ??= this.channel.sendRequest<ConnectionsResult>(CONNECTIONS_REQUEST).then(
      (result) => this.build(result),
      (e: unknown) => {
        this.onLog(`cannot read connections from the extension: ${(e as Error).message}`);
        this.loading = undefined;
        return new Map<string, Entry>();
      },
    );
    return this.loading;
  }

  private build(result: ConnectionsResult): Map<string, Entry> {
    const out = new Map<string, Entry>();
    this.trusted = result.trusted === true;
    this.key = typeof result.lensKey === 'string' ? result.lensKey : undefined;
    for (const config of result.connections ?? []) {
      let adapter: JobsAdapter | undefined;
      try {
        adapter = connect(config, {
          token: (origin) => this.token(config.name, origin),
          userAgent: `Jobdeck/${result.version} (spec server)`,
          // Checks in an editor should answer fast or not at all; the Jobs view retries harder.
          timeoutMs: 15_000,
          maxRetries: 1,
          log: (e) => {
            if (e.error)
              this.onLog(`${config.name} ${e.method} ${e.path} → ${e.status ?? 'failed'} in ${e.ms} ms: ${e.error}`);
          },
        }).adapter;
      } catch (e) {
        this.onLog(`connection ${config.name}: ${(e as Error).message}`);
      }
      out.set(config.name, {
        config,
        adapter,
        info: {
          name: config.name,
          kind: config.kind,
          url: config.url,
          canLaunch: adapter?.capabilities.launch ?? false,
        },
      });
    }
    return out;
  }

  private async token(connection: string, origin: string): Promise<string | undefined> {
    const params: TokenParams = { connection, origin };
    const result = await this.channel.sendRequest<TokenResult>(TOKEN_REQUEST, params);
    if (result?.error)
      throw new JobdeckError({ code: 'untrusted', connection, operation: 'get token', detail: result.error });
    return result?.token || undefined;
  }
}
