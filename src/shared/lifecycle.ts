// What cleans up after itself. A class that creates listeners, timers or VS Code objects
// extends `Disposable` and hands each to `register()`: one `dispose()` ends them all, in the
// reverse order of their making, and whatever is registered after that is ended at once. The
// shape is VS Code's own, so a vscode.Disposable registers here and these register there
// (after vscode-pull-request-github's src/common/lifecycle.ts). Plain TypeScript: the stores,
// the views and the page may all use it.

export interface IDisposable {
  dispose(): void;
}

export function toDisposable(dispose: () => void): IDisposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      dispose();
    },
  };
}

function disposeAll(items: Iterable<IDisposable>): void {
  for (const d of [...items].reverse()) d.dispose();
}

export abstract class Disposable implements IDisposable {
  private readonly owned: IDisposable[] = [];
  private ended = false;

  protected get isDisposed(): boolean {
    return this.ended;
  }

  protected register<T extends IDisposable>(d: T): T {
    if (this.ended) d.dispose();
    else this.owned.push(d);
    return d;
  }

  dispose(): void {
    if (this.ended) return;
    this.ended = true;
    disposeAll(this.owned.splice(0));
  }
}

/** Listeners by event name, for `listen`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Listeners<E extends { [K in keyof E]: any[] }> = { [K in keyof E]?: (...args: E[K]) => void };

/** Adds each listener to an emitter (Node's, typed by its events); the disposable takes them off. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function listen<E extends { [K in keyof E]: any[] }>(
  emitter: { on(event: string, listener: never): unknown; off(event: string, listener: never): unknown },
  listeners: Listeners<E>,
): IDisposable {
  const pairs = Object.entries(listeners).filter((e) => typeof e[1] === 'function') as [string, never][];
  for (const [event, listener] of pairs) emitter.on(event, listener);
  return toDisposable(() => {
    for (const [event, listener] of pairs) emitter.off(event, listener);
  });
}
