// The connections as the extension configured them, and their live values, asked from the
// extension over the LSP connection. The server makes no HTTP requests itself: every request
// goes through the extension's one client (its tokens, TLS options and proxy settings), and
// the server never sees a token. In Restricted Mode (the extension says the workspace is not
// trusted) no live value is asked for: a spec file there makes no request.
import * as l10n from '@vscode/l10n';
import type { ChoiceField } from '../client/launch/fields';
import type { Choice } from '../client/model';
import type { ConnectionInfo } from '../specfile/analyze';
import {
  CHOICES_REQUEST,
  ChoicesParams,
  ChoicesResult,
  CONNECTIONS_REQUEST,
  ConnectionsResult,
} from '../specfile/protocol';

/** The part of the LSP connection this needs (a fake or a real IPC pair in unit tests). */
export interface ExtensionChannel {
  sendRequest<R>(method: string, params?: unknown, signal?: AbortSignal): Promise<R>;
}

export class ServerConnections {
  private loading?: Promise<ConnectionsResult | undefined>;

  constructor(
    private readonly channel: ExtensionChannel,
    private readonly onLog: (message: string) => void = () => undefined,
  ) {}

  async infos(): Promise<ConnectionInfo[]> {
    return (await this.settings())?.connections ?? [];
  }

  /** This session's key for launch lenses (from the extension). */
  async lensKey(): Promise<string | undefined> {
    const key = (await this.settings())?.lensKey;
    return typeof key === 'string' ? key : undefined;
  }

  /** The list as the extension's client loaded it; rejects with the extension's message. */
  async choices(connection: string, field: ChoiceField, signal?: AbortSignal): Promise<Choice[]> {
    const settings = await this.settings();
    if (settings && settings.trusted !== true)
      throw new Error(l10n.t('spec files ask no server until you trust this workspace'));
    const params: ChoicesParams = { connection, field };
    const result = await this.channel.sendRequest<ChoicesResult>(CHOICES_REQUEST, params, signal);
    if (result?.error !== undefined || !Array.isArray(result?.choices))
      throw new Error(result?.error || l10n.t('no list of {0} from {1}', field, connection));
    return result.choices;
  }

  invalidate(): void {
    this.loading = undefined;
  }

  private settings(): Promise<ConnectionsResult | undefined> {
    this.loading ??= this.channel.sendRequest<ConnectionsResult>(CONNECTIONS_REQUEST).then(
      (result) => result ?? undefined,
      (e: unknown) => {
        this.onLog(`cannot read connections from the extension: ${(e as Error).message}`);
        this.loading = undefined;
        return undefined;
      },
    );
    return this.loading;
  }
}
