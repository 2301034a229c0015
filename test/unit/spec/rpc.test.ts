// The hand-written JSON-RPC end (src/specfile/rpc.ts) that both processes of the spec-file
// language server use: two endpoints joined by an in-memory channel (answers, errors,
// notifications, $/cancelRequest both ways, closing), ipcPort against a stand-in process, and a
// forked child running the compiled module over a real Node IPC channel, talked to by
// vscode-jsonrpc (the library it replaces) and by another RpcEndpoint.
import * as assert from 'node:assert/strict';
import { ChildProcess, fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CancellationToken,
  CancellationTokenSource,
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  MessageConnection,
  ResponseError,
} from 'vscode-jsonrpc/node';
import { ipcPort, RPC_ERRORS, RpcEndpoint, RpcError, type RpcPort } from '../../../src/specfile/rpc';
import { until } from '../support/until';

/** The compiled module (out/src/specfile/rpc.js), which the forked child requires. */
const RPC_MODULE = path.resolve(__dirname, '../../../src/specfile/rpc.js');

/**
 * One end of an in-memory channel. What it sends reaches the other end's listener on a later
 * turn, as a JSON copy (Node IPC serialises the same way, and throws as JSON.stringify does).
 */
class MemoryPort implements RpcPort {
  peer?: MemoryPort;
  /** Every message this end sent, as the other end gets it. */
  readonly sent: any[] = [];
  listenCalls = 0;
  private onMessage?: (message: unknown) => void;
  private onClose?: () => void;

  send(message: unknown): void {
    const copy: unknown = JSON.parse(JSON.stringify(message));
    this.sent.push(copy);
    setImmediate(() => this.peer?.deliver(copy));
  }

  listen(onMessage: (message: unknown) => void, onClose: () => void): () => void {
    this.listenCalls++;
    this.onMessage = onMessage;
    this.onClose = onClose;
    return () => {
      this.onMessage = undefined;
      this.onClose = undefined;
    };
  }

  get listening(): boolean {
    return this.onMessage !== undefined;
  }

  /** A message from the other end, handed to the listener now (synchronously). */
  deliver(message: unknown): void {
    this.onMessage?.(JSON.parse(JSON.stringify(message)));
  }

  /** The channel went away, as a ChildProcess's or process's 'disconnect' reports it. */
  disconnect(): void {
    this.onClose?.();
  }
}

function portPair(): [MemoryPort, MemoryPort] {
  const a = new MemoryPort();
  const b = new MemoryPort();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A few turns of the event loop: enough for the in-memory channel to carry a message and its answer. */
async function turns(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
}

/** Whether the promise has settled before the in-memory channel could carry any message. */
async function stateBeforeAnyDelivery(p: Promise<unknown>): Promise<'resolved' | 'rejected' | 'pending'> {
  let state: 'resolved' | 'rejected' | 'pending' = 'pending';
  p.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  // Microtasks only: the channel delivers on setImmediate, which has not run yet.
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return state;
}

/** A signal that aborts, as a promise (rejects after limitMs so a broken signal fails the test). */
function aborted(signal: AbortSignal, what: string, limitMs = 2_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(() => reject(new Error(`${what}: the signal was not aborted within ${limitMs} ms`)), limitMs);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** The promise settles within limitMs (a request left waiting forever fails instead of hanging). */
function within<T>(p: Promise<T>, what: string, limitMs = 1_000): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    t = setTimeout(() => reject(new Error(`${what} did not settle within ${limitMs} ms`)), limitMs);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(t));
}

describe('RpcEndpoint over an in-memory channel', () => {
  let portA: MemoryPort;
  let portB: MemoryPort;
  let a: RpcEndpoint;
  let b: RpcEndpoint;
  let errorsA: string[];
  let errorsB: string[];

  beforeEach(() => {
    [portA, portB] = portPair();
    errorsA = [];
    errorsB = [];
    a = new RpcEndpoint(portA, (m) => errorsA.push(m));
    b = new RpcEndpoint(portB, (m) => errorsB.push(m));
    a.listen();
    b.listen();
  });

  describe('requests and notifications', () => {
    it("answers a request with the handler's result, the params reaching the handler as sent", async () => {
      const seen: unknown[] = [];
      b.onRequest('math/sum', (p: { terms: number[] }) => {
        seen.push(p);
        return { sum: p.terms.reduce((x, y) => x + y, 0) };
      });
      const result = await a.sendRequest<{ sum: number }>('math/sum', { terms: [2, 3, 37] });
      assert.deepEqual(result, { sum: 42 });
      assert.deepEqual(seen, [{ terms: [2, 3, 37] }]);
      assert.deepEqual(errorsA, []);
      assert.deepEqual(errorsB, []);
    });

    it('writes JSON-RPC 2.0 messages: a request with id, method and params; an answer with the same id and result', async () => {
      b.onRequest('echo', (p) => p);
      await a.sendRequest('echo', { word: 'hello' });
      assert.deepEqual(portA.sent, [{ jsonrpc: '2.0', id: 1, method: 'echo', params: { word: 'hello' } }]);
      assert.deepEqual(portB.sent, [{ jsonrpc: '2.0', id: 1, result: { word: 'hello' } }]);
    });

    it("waits for a handler's promise and answers with what it resolves to", async () => {
      b.onRequest('slow/double', async (p: number) => {
        await turns(3);
        return p * 2;
      });
      assert.equal(await a.sendRequest('slow/double', 21), 42);
    });

    it('answers null (a result on the wire, not a missing one) when the handler returns undefined', async () => {
      b.onRequest('nothing', () => undefined);
      b.onRequest('nothing/async', async () => undefined);
      assert.equal(await a.sendRequest('nothing'), null);
      assert.equal(await a.sendRequest('nothing/async'), null);
      assert.equal(portB.sent.length, 2);
      for (const answer of portB.sent) {
        assert.ok('result' in answer, `the answer ${JSON.stringify(answer)} has a result`);
        assert.equal(answer.result, null);
      }
    });

    it('leaves params out of a request sent without them, and the handler gets undefined', async () => {
      const seen: unknown[] = [];
      b.onRequest('shutdown', (p) => {
        seen.push(p);
        return null;
      });
      await a.sendRequest('shutdown');
      assert.deepEqual(seen, [undefined]);
      assert.deepEqual(portA.sent, [{ jsonrpc: '2.0', id: 1, method: 'shutdown' }]);
    });

    it('numbers its requests 1, 2, 3… and matches answers by id even when they come back out of order', async () => {
      const gates = new Map<string, Deferred<void>>([
        ['first', deferred()],
        ['second', deferred()],
      ]);
      b.onRequest('gated', async (p: string) => {
        await gates.get(p)!.promise;
        return `answer to ${p}`;
      });
      const first = a.sendRequest('gated', 'first');
      const second = a.sendRequest('gated', 'second');
      await turns();
      gates.get('second')!.resolve();
      assert.equal(await second, 'answer to second');
      gates.get('first')!.resolve();
      assert.equal(await first, 'answer to first');
      assert.deepEqual(
        portA.sent.map((m) => m.id),
        [1, 2],
      );
      assert.deepEqual(
        portB.sent.map((m) => m.id),
        [2, 1],
      );
    });

    it('delivers notifications with their params, in the order sent, without an id and without an answer', async () => {
      const seen: unknown[] = [];
      b.onNotification('log', (p) => seen.push(p));
      a.sendNotification('log', { line: 1 });
      a.sendNotification('log', { line: 2 });
      a.sendNotification('log');
      await turns();
      assert.deepEqual(seen, [{ line: 1 }, { line: 2 }, undefined]);
      assert.deepEqual(portA.sent, [
        { jsonrpc: '2.0', method: 'log', params: { line: 1 } },
        { jsonrpc: '2.0', method: 'log', params: { line: 2 } },
        { jsonrpc: '2.0', method: 'log' },
      ]);
      assert.deepEqual(portB.sent, [], 'a notification is not answered');
    });

    it('serves requests both ways on one channel, also a request made while answering one', async () => {
      a.onRequest('whoami', () => 'a');
      b.onRequest('ask/back', async () => `b asked and heard ${await b.sendRequest<string>('whoami')}`);
      assert.equal(await a.sendRequest('ask/back'), 'b asked and heard a');
    });

    it('answers requests whose id is 0 or a string, as other implementations number them', async () => {
      b.onRequest('echo', (p) => p);
      portA.send({ jsonrpc: '2.0', id: 0, method: 'echo', params: 'zero' });
      portA.send({ jsonrpc: '2.0', id: 'req-7', method: 'echo', params: 'seven' });
      await turns();
      assert.deepEqual(portB.sent, [
        { jsonrpc: '2.0', id: 0, result: 'zero' },
        { jsonrpc: '2.0', id: 'req-7', result: 'seven' },
      ]);
    });
  });

  describe('errors', () => {
    it('passes an RpcError thrown by a handler to the caller as an RpcError with its code and message', async () => {
      b.onRequest('jobs/get', () => {
        throw new RpcError(-32001, 'no such job: 17');
      });
      b.onRequest('jobs/getAsync', async () => {
        throw new RpcError(-32002, 'the connection is offline');
      });
      await assert.rejects(a.sendRequest('jobs/get'), (e: unknown) => {
        assert.ok(e instanceof RpcError, `${String(e)} is an RpcError`);
        assert.equal(e.code, -32001);
        assert.equal(e.message, 'no such job: 17');
        return true;
      });
      await assert.rejects(a.sendRequest('jobs/getAsync'), {
        name: 'RpcError',
        code: -32002,
        message: 'the connection is offline',
      });
      assert.deepEqual(portB.sent[0], { jsonrpc: '2.0', id: 1, error: { code: -32001, message: 'no such job: 17' } });
    });

    it('passes the data of an RpcError thrown by a handler to the caller', async () => {
      b.onRequest('jobs/launch', () => {
        throw new RpcError(-32003, 'launch refused', { field: 'package', reason: 'missing' });
      });
      await assert.rejects(a.sendRequest('jobs/launch'), (e: unknown) => {
        assert.ok(e instanceof RpcError);
        assert.equal(e.code, -32003);
        assert.deepEqual(e.data, { field: 'package', reason: 'missing' });
        return true;
      });
    });

    it('reads the data of an error answer into the RpcError', async () => {
      b.dispose(); // the test plays the other end
      const p = a.sendRequest('x');
      await turns();
      portA.deliver({ jsonrpc: '2.0', id: 1, error: { code: -32004, message: 'with data', data: [1, 2] } });
      await assert.rejects(p, { name: 'RpcError', code: -32004, message: 'with data', data: [1, 2] });
    });

    it('turns a plain Error thrown by a handler, at once or later, into internalError (-32603) with its message', async () => {
      assert.equal(RPC_ERRORS.internalError, -32603);
      b.onRequest('broken', () => {
        throw new Error('the handler broke');
      });
      b.onRequest('broken/async', async () => {
        await turns(1);
        throw new TypeError('it broke later');
      });
      await assert.rejects(a.sendRequest('broken'), { name: 'RpcError', code: -32603, message: 'the handler broke' });
      await assert.rejects(a.sendRequest('broken/async'), {
        name: 'RpcError',
        code: -32603,
        message: 'it broke later',
      });
    });

    it('answers a handler that throws something other than an Error with internalError too', async () => {
      b.onRequest('throws/string', () => {
        throw 'just a string';
      });
      b.onRequest('throws/undefined', () => Promise.reject(undefined));
      await assert.rejects(a.sendRequest('throws/string'), { code: -32603, message: 'just a string' });
      await assert.rejects(a.sendRequest('throws/undefined'), { code: -32603 });
    });

    it('answers an unknown method with methodNotFound (-32601), naming the method', async () => {
      assert.equal(RPC_ERRORS.methodNotFound, -32601);
      b.onRequest('known', () => 1);
      await assert.rejects(a.sendRequest('no/such/method', { x: 1 }), (e: unknown) => {
        assert.ok(e instanceof RpcError);
        assert.equal(e.code, -32601);
        assert.match(e.message, /no\/such\/method/);
        return true;
      });
    });

    it('ignores an unknown notification: nothing is answered, nothing reported, and the endpoint keeps working', async () => {
      b.onRequest('ping', () => 'pong');
      a.sendNotification('no/such/notification', { x: 1 });
      await turns();
      assert.deepEqual(portB.sent, []);
      assert.deepEqual(errorsB, []);
      assert.equal(await a.sendRequest('ping'), 'pong');
    });

    it("reports a notification handler's exception through onError, and the endpoint keeps working", async () => {
      b.onNotification('bad', () => {
        throw new Error('cannot take it');
      });
      b.onRequest('ping', () => 'pong');
      a.sendNotification('bad', {});
      await turns();
      assert.equal(errorsB.length, 1);
      assert.match(errorsB[0], /bad/);
      assert.match(errorsB[0], /cannot take it/);
      assert.equal(await a.sendRequest('ping'), 'pong');
    });

    it('ignores what is not a message: null, numbers, strings, answers without an id or for no request', async () => {
      b.onRequest('ping', () => 'pong');
      for (const junk of [null, 42, 'text', [], { jsonrpc: '2.0' }, { jsonrpc: '2.0', id: null, result: 1 }]) {
        assert.doesNotThrow(() => portB.deliver(junk), `delivering ${JSON.stringify(junk)}`);
      }
      assert.doesNotThrow(() => portA.deliver({ jsonrpc: '2.0', id: 99, result: 'nobody asked' }));
      assert.doesNotThrow(() => portA.deliver({ jsonrpc: '2.0', id: 98, error: { code: 1, message: 'nobody asked' } }));
      await turns();
      assert.deepEqual(portB.sent, []);
      assert.equal(await a.sendRequest('ping'), 'pong');
    });

    it('answers a request whose result JSON cannot carry with an error, rather than leaving the caller waiting', async () => {
      b.onRequest('big', () => ({ n: BigInt(1) }));
      const p = a.sendRequest('big');
      await assert.rejects(within(p, 'the request for an unsendable result'), (e: unknown) => {
        assert.ok(e instanceof RpcError, `${String(e)} is an RpcError, not a timeout`);
        assert.equal(e.code, RPC_ERRORS.internalError);
        return true;
      });
    });

    it('fails a request that cannot be sent instead of leaving it waiting forever', async () => {
      const broken: RpcPort = {
        send() {
          throw new Error('channel broken');
        },
        listen: () => () => undefined,
      };
      const errors: string[] = [];
      const endpoint = new RpcEndpoint(broken, (m) => errors.push(m));
      endpoint.listen();
      const p = endpoint.sendRequest('anything', {});
      assert.equal(errors.length, 1, 'the failed send is reported through onError');
      assert.match(errors[0], /anything.*channel broken/);
      await assert.rejects(within(p, 'the unsendable request'), (e: unknown) => {
        assert.ok(e instanceof Error && !/did not settle/.test(e.message), `rejected by the endpoint: ${String(e)}`);
        return true;
      });
    });
  });

  describe('cancellation', () => {
    it("aborting the signal rejects at once with requestCancelled (-32800) and aborts the handler's signal via $/cancelRequest", async () => {
      assert.equal(RPC_ERRORS.requestCancelled, -32800);
      const started = deferred<AbortSignal>();
      b.onRequest('wait', (_p, signal) => {
        started.resolve(signal);
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve('stopped')));
      });
      const controller = new AbortController();
      const p = a.sendRequest('wait', { long: true }, controller.signal);
      const handlerSignal = await started.promise;
      assert.equal(handlerSignal.aborted, false);
      controller.abort();
      assert.equal(await stateBeforeAnyDelivery(p), 'rejected', 'rejected without waiting for the other end');
      await assert.rejects(p, (e: unknown) => {
        assert.ok(e instanceof RpcError);
        assert.equal(e.code, -32800);
        assert.match(e.message, /wait/);
        return true;
      });
      assert.deepEqual(portA.sent.at(-1), { jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 1 } });
      await aborted(handlerSignal, "the handler's signal");
      await turns();
      assert.deepEqual(
        portB.sent,
        [{ jsonrpc: '2.0', id: 1, error: { code: -32800, message: 'wait was cancelled' } }],
        'the cancelled request is still answered, with requestCancelled, not its result',
      );
    });

    it('cancels only the request whose signal aborts', async () => {
      const signals = new Map<string, AbortSignal>();
      const release = deferred();
      b.onRequest('wait', async (p: string, signal) => {
        signals.set(p, signal);
        await release.promise;
        return `${p} done`;
      });
      const one = new AbortController();
      const two = new AbortController();
      const p1 = a.sendRequest('wait', 'one', one.signal);
      const p2 = a.sendRequest('wait', 'two', two.signal);
      await until(() => signals.size === 2, 'both handlers running');
      one.abort();
      await assert.rejects(p1, { code: -32800 });
      await aborted(signals.get('one')!, 'the first request');
      await turns();
      assert.equal(signals.get('two')!.aborted, false);
      release.resolve();
      assert.equal(await p2, 'two done');
      two.abort(); // after the answer: nothing to cancel, nothing sent
      await turns();
      assert.equal(portA.sent.filter((m) => m.method === '$/cancelRequest').length, 1);
    });

    it('a signal aborted before the call rejects with requestCancelled without sending anything', async () => {
      let called = false;
      b.onRequest('never', () => (called = true));
      const p = a.sendRequest('never', {}, AbortSignal.abort());
      assert.equal(await stateBeforeAnyDelivery(p), 'rejected');
      await assert.rejects(p, { name: 'RpcError', code: RPC_ERRORS.requestCancelled });
      await turns();
      assert.deepEqual(portA.sent, []);
      assert.equal(called, false);
    });

    it('ignores an answer that arrives after its request was cancelled, and later answers still reach their requests', async () => {
      b.dispose(); // the test plays the other end
      const controller = new AbortController();
      const first = a.sendRequest('slow', undefined, controller.signal);
      controller.abort();
      await assert.rejects(first, { code: -32800 });
      const second = a.sendRequest<string>('next');
      assert.deepEqual(
        portA.sent.map((m) => [m.id, m.method]),
        [
          [1, 'slow'],
          [undefined, '$/cancelRequest'],
          [2, 'next'],
        ],
      );
      assert.doesNotThrow(() => portA.deliver({ jsonrpc: '2.0', id: 1, result: 'late result' }));
      assert.doesNotThrow(() => portA.deliver({ jsonrpc: '2.0', id: 1, error: { code: -32800, message: 'late' } }));
      assert.equal(await stateBeforeAnyDelivery(second), 'pending', 'the late answer did not settle the next request');
      portA.deliver({ jsonrpc: '2.0', id: 2, result: 'second' });
      assert.equal(await second, 'second');
      assert.deepEqual(errorsA, []);
    });

    it('answers requestCancelled, not the result, when a handler ignoring its signal finishes after the cancel', async () => {
      const release = deferred();
      b.onRequest('stubborn', async () => {
        await release.promise;
        return 'finished anyway';
      });
      const controller = new AbortController();
      const p = a.sendRequest('stubborn', {}, controller.signal);
      await turns();
      controller.abort();
      await assert.rejects(p, { code: -32800 });
      await turns();
      release.resolve();
      await turns();
      assert.deepEqual(portB.sent, [
        { jsonrpc: '2.0', id: 1, error: { code: -32800, message: 'stubborn was cancelled' } },
      ]);
    });

    it('cancels a request whose id is 0 or a string', async () => {
      const signals = new Map<unknown, AbortSignal>();
      b.onRequest('wait', (p: string, signal) => {
        signals.set(p, signal);
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve(null)));
      });
      portA.send({ jsonrpc: '2.0', id: 0, method: 'wait', params: 'zero' });
      portA.send({ jsonrpc: '2.0', id: 'r1', method: 'wait', params: 'string' });
      await until(() => signals.size === 2, 'both handlers running');
      portA.send({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 0 } });
      await aborted(signals.get('zero')!, 'request 0');
      assert.equal(signals.get('string')!.aborted, false);
      portA.send({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 'r1' } });
      await aborted(signals.get('string')!, "request 'r1'");
      await turns();
      assert.deepEqual(
        portB.sent.map((m) => [m.id, m.error?.code]),
        [
          [0, -32800],
          ['r1', -32800],
        ],
      );
    });

    it('ignores $/cancelRequest for a request already answered, unknown, or without an id', async () => {
      b.onRequest('ping', () => 'pong');
      assert.equal(await a.sendRequest('ping'), 'pong');
      for (const params of [{ id: 1 }, { id: 404 }, {}, undefined]) {
        assert.doesNotThrow(() =>
          portB.deliver({ jsonrpc: '2.0', method: '$/cancelRequest', ...(params ? { params } : {}) }),
        );
      }
      await turns();
      assert.equal(portB.sent.length, 1);
      assert.deepEqual(errorsB, []);
      assert.equal(await a.sendRequest('ping'), 'pong');
    });
  });

  describe('closing', () => {
    it('rejects the requests still waiting with closed (-32099) when the channel reports closing', async () => {
      assert.equal(RPC_ERRORS.closed, -32099);
      b.onRequest('wait', () => new Promise(() => undefined));
      const p1 = a.sendRequest('wait', 1);
      const p2 = a.sendRequest('wait', 2, new AbortController().signal);
      await turns();
      portA.disconnect();
      await assert.rejects(p1, { name: 'RpcError', code: RPC_ERRORS.closed });
      await assert.rejects(p2, { name: 'RpcError', code: RPC_ERRORS.closed });
    });

    it('runs each onClose listener once, in order, however often the channel reports closing or the endpoint is disposed', () => {
      const calls: string[] = [];
      a.onClose(() => calls.push('first'));
      a.onClose(() => calls.push('second'));
      assert.deepEqual(calls, []);
      portA.disconnect();
      assert.deepEqual(calls, ['first', 'second']);
      portA.disconnect();
      a.dispose();
      assert.deepEqual(calls, ['first', 'second']);
    });

    it('stops listening when the channel closes', () => {
      assert.equal(portA.listening, true);
      portA.disconnect();
      assert.equal(portA.listening, false);
    });

    it('rejects sendRequest after closing with closed, sending nothing', async () => {
      let called = false;
      b.onRequest('ping', () => (called = true));
      portA.disconnect();
      await assert.rejects(a.sendRequest('ping'), (e: unknown) => {
        assert.ok(e instanceof RpcError);
        assert.equal(e.code, RPC_ERRORS.closed);
        assert.match(e.message, /ping/);
        return true;
      });
      await turns();
      assert.deepEqual(portA.sent, []);
      assert.equal(called, false);
    });

    it('sends nothing for sendNotification after closing', async () => {
      const seen: unknown[] = [];
      b.onNotification('log', (p) => seen.push(p));
      a.dispose();
      a.sendNotification('log', { after: 'close' });
      await turns();
      assert.deepEqual(portA.sent, []);
      assert.deepEqual(seen, []);
      assert.deepEqual(errorsA, []);
    });

    it('aborts the signals of handlers still answering when the channel closes', async () => {
      const signals: AbortSignal[] = [];
      a.onRequest('wait', (_p, signal) => {
        signals.push(signal);
        return new Promise(() => undefined);
      });
      void b.sendRequest('wait', 1).catch(() => undefined);
      void b.sendRequest('wait', 2).catch(() => undefined);
      await until(() => signals.length === 2, 'both handlers running');
      assert.deepEqual(
        signals.map((s) => s.aborted),
        [false, false],
      );
      portA.disconnect();
      assert.deepEqual(
        signals.map((s) => s.aborted),
        [true, true],
      );
    });

    it('dispose fails waiting requests with closed and stops listening: later messages reach no handler', async () => {
      let called = 0;
      a.onRequest('ping', () => ++called);
      a.onNotification('log', () => ++called);
      const p = a.sendRequest('wait');
      a.dispose();
      await assert.rejects(p, { code: RPC_ERRORS.closed });
      assert.equal(portA.listening, false);
      portA.deliver({ jsonrpc: '2.0', id: 5, method: 'ping' });
      portA.deliver({ jsonrpc: '2.0', method: 'log' });
      await turns();
      assert.equal(called, 0);
      assert.deepEqual(
        portA.sent.map((m) => m.method),
        ['wait'],
      );
    });

    it('listens to the port once however often listen is called', () => {
      a.listen();
      a.listen();
      assert.equal(portA.listenCalls, 1);
    });
  });
});

/** A stand-in for a ChildProcess or `process`: an EventEmitter with a recording send. */
class FakeProcess extends EventEmitter {
  readonly sends: unknown[][] = [];
  send(message: unknown, ...rest: unknown[]): boolean {
    this.sends.push([message, ...rest]);
    return true;
  }
}

describe('ipcPort', () => {
  it("sends through the process's send with a callback, so a closed channel reports there instead of throwing", () => {
    const proc = new FakeProcess();
    ipcPort(proc).send({ jsonrpc: '2.0', method: 'x' });
    assert.equal(proc.sends.length, 1);
    const [message, handle, options, callback] = proc.sends[0];
    assert.deepEqual(message, { jsonrpc: '2.0', method: 'x' });
    assert.equal(handle, undefined);
    assert.equal(options, undefined);
    assert.equal(typeof callback, 'function');
  });

  it("passes 'message' events to the listener and calls onClose on 'disconnect'; the returned function stops both", () => {
    const proc = new FakeProcess();
    const seen: unknown[] = [];
    let closes = 0;
    const stop = ipcPort(proc).listen(
      (m) => seen.push(m),
      () => closes++,
    );
    proc.emit('message', { a: 1 });
    proc.emit('disconnect');
    assert.deepEqual(seen, [{ a: 1 }]);
    assert.equal(closes, 1);
    stop();
    assert.equal(proc.listenerCount('message'), 0);
    assert.equal(proc.listenerCount('disconnect'), 0);
    proc.emit('message', { a: 2 });
    proc.emit('disconnect');
    assert.deepEqual(seen, [{ a: 1 }]);
    assert.equal(closes, 1);
  });

  it('throws RpcError closed from send when the process has no IPC channel, which an endpoint reports through onError', () => {
    const proc = new EventEmitter();
    const port = ipcPort(proc);
    assert.throws(() => port.send({}), { name: 'RpcError', code: RPC_ERRORS.closed, message: /no IPC channel/ });
    const errors: string[] = [];
    const endpoint = new RpcEndpoint(port, (m) => errors.push(m));
    endpoint.listen();
    endpoint.sendNotification('window/logMessage', { message: 'hi' });
    assert.equal(errors.length, 1);
    assert.match(errors[0], /window\/logMessage/);
    assert.match(errors[0], /no IPC channel/);
  });

  it("closes an endpoint when the process reports 'disconnect', and stops listening", async () => {
    const proc = new FakeProcess();
    const endpoint = new RpcEndpoint(ipcPort(proc));
    let closed = 0;
    endpoint.onClose(() => closed++);
    endpoint.listen();
    const p = endpoint.sendRequest('wait');
    proc.emit('disconnect');
    await assert.rejects(p, { code: RPC_ERRORS.closed });
    assert.equal(closed, 1);
    assert.equal(proc.listenerCount('message'), 0);
    assert.equal(proc.listenerCount('disconnect'), 0);
  });
});

// The child: plain JS requiring the compiled module, an RpcEndpoint on its own IPC channel.
const CHILD_SCRIPT = `'use strict';
const { ipcPort, RpcEndpoint, RpcError } = require(${JSON.stringify(RPC_MODULE)});
const rpc = new RpcEndpoint(ipcPort(process), (message) => process.stderr.write('onError: ' + message + '\\n'));
let ownRequest;
rpc.onRequest('child/add', (p) => ({ sum: p.a + p.b }));
rpc.onRequest('child/nothing', () => undefined);
rpc.onRequest('child/refuse', () => {
  throw new RpcError(-32001, 'the child refuses');
});
rpc.onRequest('child/askParent', async (p) => ({ parentSaid: await rpc.sendRequest('parent/greet', { name: p.name }) }));
rpc.onRequest('child/wait', (_p, signal) => new Promise((_resolve, reject) => {
  signal.addEventListener('abort', () => {
    rpc.sendNotification('child/sawAbort', { aborted: signal.aborted });
    reject(new Error('stopped waiting'));
  });
  rpc.sendNotification('child/waiting', {});
}));
rpc.onRequest('child/cancelOwnRequest', async () => {
  ownRequest = new AbortController();
  try {
    return { outcome: 'answered', value: await rpc.sendRequest('parent/slow', {}, ownRequest.signal) };
  } catch (e) {
    return { outcome: 'rejected', code: e.code };
  }
});
rpc.onNotification('parent/slowStarted', () => ownRequest && ownRequest.abort());
rpc.onNotification('parent/ping', (p) => rpc.sendNotification('child/pong', p));
rpc.onClose(() => process.exit(7));
rpc.listen();
`;

describe('RpcEndpoint in a forked child over a real Node IPC channel', function () {
  this.timeout(20_000);
  let dir: string;
  let script: string;
  let child: ChildProcess;
  let stderr: string;

  before(() => {
    assert.ok(fs.existsSync(RPC_MODULE), `${RPC_MODULE} is built (npx tsc -p .)`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobdeck-rpc-'));
    script = path.join(dir, 'rpcChild.js');
    fs.writeFileSync(script, CHILD_SCRIPT);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function start(): ChildProcess {
    child = fork(script, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    return child;
  }

  async function stopChild(): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill();
    await exited;
  }

  describe('talking to vscode-jsonrpc (IPCMessageReader/Writer) in this process', () => {
    let conn: MessageConnection;
    let notes: { method: string; params: unknown }[];
    let parentSawCancel: boolean;

    beforeEach(() => {
      start();
      conn = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
      notes = [];
      parentSawCancel = false;
      for (const method of ['child/waiting', 'child/sawAbort', 'child/pong'])
        conn.onNotification(method, (params: unknown) => {
          notes.push({ method, params });
        });
      conn.onRequest('parent/greet', (p: { name: string }) => `hello ${p.name}`);
      conn.onRequest(
        'parent/slow',
        (_p: unknown, token: CancellationToken) =>
          new Promise((resolve) => {
            token.onCancellationRequested(() => {
              parentSawCancel = true;
              resolve('too late');
            });
            void conn.sendNotification('parent/slowStarted');
          }),
      );
      conn.listen();
    });

    afterEach(async () => {
      conn.dispose();
      await stopChild();
      assert.equal(stderr, '', 'the child reported nothing through onError');
    });

    it("answers vscode-jsonrpc's requests (a result; null for undefined)", async () => {
      assert.deepEqual(await conn.sendRequest('child/add', { a: 40, b: 2 }), { sum: 42 });
      assert.equal(await conn.sendRequest('child/nothing'), null);
    });

    it('sends requests to vscode-jsonrpc and uses the answer, while answering one', async () => {
      assert.deepEqual(await conn.sendRequest('child/askParent', { name: 'child' }), { parentSaid: 'hello child' });
    });

    it('carries notifications both ways', async () => {
      await conn.sendNotification('parent/ping', { n: 3 });
      await until(() => notes.length > 0, 'the pong');
      assert.deepEqual(notes, [{ method: 'child/pong', params: { n: 3 } }]);
    });

    it("aborts the handler's signal on vscode-jsonrpc's $/cancelRequest; vscode-jsonrpc then gets requestCancelled", async () => {
      // The first request of a fresh connection: vscode-jsonrpc numbers it 0.
      const source = new CancellationTokenSource();
      const p = conn.sendRequest('child/wait', {}, source.token);
      await until(() => notes.some((n) => n.method === 'child/waiting'), 'the child to start waiting');
      source.cancel();
      // vscode-jsonrpc does not settle a cancelled request itself: it waits for the answer,
      // which here is the child's requestCancelled error.
      await assert.rejects(p, (e: unknown) => {
        assert.ok(e instanceof ResponseError, `${String(e)} is a ResponseError`);
        assert.equal(e.code, RPC_ERRORS.requestCancelled);
        return true;
      });
      assert.deepEqual(
        notes.find((n) => n.method === 'child/sawAbort'),
        { method: 'child/sawAbort', params: { aborted: true } },
        "the child's handler saw its signal aborted",
      );
    });

    it('sends $/cancelRequest that cancels the token of a vscode-jsonrpc handler, and ignores its late answer', async () => {
      const result = await conn.sendRequest('child/cancelOwnRequest');
      assert.deepEqual(result, { outcome: 'rejected', code: RPC_ERRORS.requestCancelled });
      await until(() => parentSawCancel, "the parent handler's token to be cancelled");
      // The parent's late 'too late' answer reaches the child, which must go on working.
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(await conn.sendRequest('child/add', { a: 1, b: 1 }), { sum: 2 });
    });

    it('answers an unknown method with a ResponseError of code -32601 naming the method', async () => {
      await assert.rejects(conn.sendRequest('child/noSuchThing', {}), (e: unknown) => {
        assert.ok(e instanceof ResponseError, `${String(e)} is a ResponseError`);
        assert.equal(e.code, -32601);
        assert.match(e.message, /child\/noSuchThing/);
        return true;
      });
    });

    it("passes an RpcError's code and message to vscode-jsonrpc as a ResponseError", async () => {
      await assert.rejects(conn.sendRequest('child/refuse'), (e: unknown) => {
        assert.ok(e instanceof ResponseError);
        assert.equal(e.code, -32001);
        assert.equal(e.message, 'the child refuses');
        return true;
      });
    });
  });

  describe('talking to an RpcEndpoint on ipcPort(child) in this process', () => {
    let parent: RpcEndpoint;
    let parentErrors: string[];

    beforeEach(() => {
      start();
      parentErrors = [];
      parent = new RpcEndpoint(ipcPort(child), (m) => parentErrors.push(m));
      parent.onRequest('parent/greet', (p: { name: string }) => `hi ${p.name}`);
      parent.listen();
    });

    afterEach(async () => {
      parent.dispose();
      await stopChild();
    });

    it('serves requests both ways', async () => {
      assert.deepEqual(await parent.sendRequest('child/add', { a: 2, b: 5 }), { sum: 7 });
      assert.deepEqual(await parent.sendRequest('child/askParent', { name: 'kid' }), { parentSaid: 'hi kid' });
      assert.deepEqual(parentErrors, []);
      assert.equal(stderr, '');
    });

    it("cancels the child's handler through the AbortSignal", async () => {
      const seen: unknown[] = [];
      const waiting = deferred();
      parent.onNotification('child/waiting', () => waiting.resolve());
      parent.onNotification('child/sawAbort', (p) => seen.push(p));
      const controller = new AbortController();
      const p = parent.sendRequest('child/wait', {}, controller.signal);
      await waiting.promise;
      controller.abort();
      await assert.rejects(p, { code: RPC_ERRORS.requestCancelled });
      await until(() => seen.length > 0, "the child's report of the abort");
      assert.deepEqual(seen, [{ aborted: true }]);
    });

    it('rejects waiting requests with closed and runs onClose once when the child dies', async () => {
      let closes = 0;
      parent.onClose(() => closes++);
      const waiting = deferred();
      parent.onNotification('child/waiting', () => waiting.resolve());
      const p = parent.sendRequest('child/wait', {});
      await waiting.promise;
      child.kill();
      await assert.rejects(p, { name: 'RpcError', code: RPC_ERRORS.closed });
      assert.equal(closes, 1);
      await assert.rejects(parent.sendRequest('child/add', { a: 1, b: 1 }), { code: RPC_ERRORS.closed });
    });

    it("closes the child's endpoint when the parent disconnects (its onClose exits with 7)", async () => {
      assert.deepEqual(await parent.sendRequest('child/add', { a: 0, b: 0 }), { sum: 0 });
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.disconnect();
      assert.equal(await exited, 7);
    });
  });
});
