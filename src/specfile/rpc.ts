// JSON-RPC 2.0 as LSP uses it, over a Node IPC channel (process.send / 'message'), for both
// ends of the spec-file language server. The messages are the objects vscode-jsonrpc's
// IPCMessageReader/Writer exchange, so either end talks to a vscode-jsonrpc peer (the process
// tests use one as the client). Written here instead of bundling vscode-jsonrpc and the
// language client/server packages twice: those were 200 of the VSIX's 370 KB (issue 20: ≤ 250).
// Its messages can reach a notification (a lens launch whose server died): they are l10n's.
import * as l10n from '@vscode/l10n';

/** LSP's error codes that this end sends or reads. */
export const RPC_ERRORS = {
  methodNotFound: -32601,
  internalError: -32603,
  requestCancelled: -32800,
  /** The other end went away (not sent on the wire). */
  closed: -32099,
} as const;

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** One end of a message channel: a ChildProcess (the extension) or `process` (the server). */
export interface RpcPort {
  send(message: unknown): void;
  /** Listens; returns the function that stops listening. */
  listen(onMessage: (message: unknown) => void, onClose: () => void): () => void;
}

interface IpcProcess {
  send?(message: unknown, ...rest: unknown[]): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'disconnect' | 'exit', listener: () => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'disconnect' | 'exit', listener: () => void): unknown;
}

/** The IPC channel of a forked child (from the parent) or of this process (from the child). */
export function ipcPort(proc: IpcProcess): RpcPort {
  return {
    send(message) {
      if (!proc.send) throw new RpcError(RPC_ERRORS.closed, l10n.t('no IPC channel'));
      // A closed channel reports through the callback (and 'disconnect'), not by throwing.
      proc.send(message, undefined, undefined, () => undefined);
    },
    listen(onMessage, onClose) {
      proc.on('message', onMessage);
      proc.on('disconnect', onClose);
      return () => {
        proc.off('message', onMessage);
        proc.off('disconnect', onClose);
      };
    },
  };
}

type RequestHandler = (params: unknown, signal: AbortSignal) => unknown;
type NotificationHandler = (params: unknown) => void;

interface Message {
  jsonrpc?: string;
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** Requests and notifications both ways over one port, with LSP's `$/cancelRequest`. */
export class RpcEndpoint {
  private nextId = 1;
  private readonly pending = new Map<number | string, { resolve(v: unknown): void; reject(e: Error): void }>();
  /** Requests the other end sent that are still being answered: `$/cancelRequest` aborts them. */
  private readonly answering = new Map<number | string, AbortController>();
  private readonly requests = new Map<string, RequestHandler>();
  private readonly notifications = new Map<string, NotificationHandler>();
  private readonly closeListeners: (() => void)[] = [];
  private stop?: () => void;
  private closed = false;

  constructor(
    private readonly port: RpcPort,
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  onRequest<P, R>(method: string, handler: (params: P, signal: AbortSignal) => R | Promise<R>): void {
    this.requests.set(method, handler as RequestHandler);
  }

  onNotification<P>(method: string, handler: (params: P) => void): void {
    this.notifications.set(method, handler as NotificationHandler);
  }

  /** Called once when the channel closes (the other process exited or disconnected). */
  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  listen(): void {
    this.stop ??= this.port.listen(
      (m) => this.receive(m),
      () => this.close(),
    );
  }

  sendRequest<R>(method: string, params?: unknown, signal?: AbortSignal): Promise<R> {
    if (this.closed)
      return Promise.reject(
        new RpcError(RPC_ERRORS.closed, l10n.t('{0}: the spec file server is not connected', method)),
      );
    if (signal?.aborted) return Promise.reject(cancelled(method));
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      const onAbort = () => {
        if (!this.pending.delete(id)) return;
        this.write({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } });
        reject(cancelled(method));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (v) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(v as R);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      });
      const unsent = this.write({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
      // Nothing will answer a request that never left.
      if (unsent && this.pending.delete(id)) {
        signal?.removeEventListener('abort', onAbort);
        reject(new RpcError(RPC_ERRORS.internalError, l10n.t('{0} could not be sent: {1}', method, unsent.message)));
      }
    });
  }

  sendNotification(method: string, params?: unknown): void {
    if (!this.closed) this.write({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) });
  }

  /** Stops listening and fails what is still waiting for an answer. */
  dispose(): void {
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stop?.();
    for (const c of this.answering.values()) c.abort();
    this.answering.clear();
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting)
      p.reject(new RpcError(RPC_ERRORS.closed, l10n.t('the spec file server stopped before it answered')));
    for (const l of this.closeListeners.splice(0)) l();
  }

  /** Sends; what could not be sent (a closed channel, a value JSON cannot carry) is returned. */
  private write(message: Message): Error | undefined {
    try {
      this.port.send(message);
      return undefined;
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      this.onError(`cannot send ${message.method ?? 'an answer'}: ${error.message}`);
      return error;
    }
  }

  private receive(raw: unknown): void {
    if (typeof raw !== 'object' || raw === null) return;
    const m = raw as Message;
    if (typeof m.method === 'string') {
      if (m.id !== undefined && m.id !== null) void this.answer(m.id, m.method, m.params);
      else this.notified(m.method, m.params);
      return;
    }
    if (m.id === undefined || m.id === null) return;
    const waiting = this.pending.get(m.id);
    if (!waiting) return;
    this.pending.delete(m.id);
    if (m.error) waiting.reject(new RpcError(m.error.code, m.error.message, m.error.data));
    else waiting.resolve(m.result ?? null);
  }

  private notified(method: string, params: unknown): void {
    if (method === '$/cancelRequest') {
      const id = (params as { id?: number | string } | undefined)?.id;
      if (id !== undefined) this.answering.get(id)?.abort();
      return;
    }
    const handler = this.notifications.get(method);
    if (!handler) return;
    try {
      handler(params);
    } catch (e) {
      this.onError(`${method} failed: ${(e as Error).message}`);
    }
  }

  private async answer(id: number | string, method: string, params: unknown): Promise<void> {
    const handler = this.requests.get(method);
    if (!handler) {
      this.write({
        jsonrpc: '2.0',
        id,
        error: { code: RPC_ERRORS.methodNotFound, message: l10n.t('Unhandled method {0}', method) },
      });
      return;
    }
    const abort = new AbortController();
    this.answering.set(id, abort);
    try {
      const result = await handler(params, abort.signal);
      if (abort.signal.aborted) throw cancelled(method);
      const unsent = this.write({ jsonrpc: '2.0', id, result: result === undefined ? null : result });
      // The caller waits for an answer: one that cannot be sent becomes an error it can read.
      if (unsent)
        this.write({
          jsonrpc: '2.0',
          id,
          error: {
            code: RPC_ERRORS.internalError,
            message: l10n.t('the answer to {0} could not be sent: {1}', method, unsent.message),
          },
        });
    } catch (e) {
      const code = abort.signal.aborted
        ? RPC_ERRORS.requestCancelled
        : e instanceof RpcError
          ? e.code
          : RPC_ERRORS.internalError;
      const data = e instanceof RpcError && e.data !== undefined && !abort.signal.aborted ? { data: e.data } : {};
      this.write({ jsonrpc: '2.0', id, error: { code, message: (e as Error)?.message ?? String(e), ...data } });
    } finally {
      this.answering.delete(id);
    }
  }
}

function cancelled(method: string): RpcError {
  return new RpcError(RPC_ERRORS.requestCancelled, l10n.t('{0} was cancelled', method));
}
