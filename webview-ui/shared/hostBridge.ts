/**
 * The webview side of the message layer (src/protocol/ipc.ts): sends commands and requests to the
 * extension host, dispatches its notifications to handlers after checking them against the
 * protocol's guards, and persists UI state through the VS Code webview API. Requests always
 * settle: with the host's result, its error, or a timeout.
 */
import {
  CommandType,
  IpcMessage,
  NotificationType,
  READY_METHOD,
  RequestType,
  isIpcMessage,
} from '../../src/protocol/ipc';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export class HostRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
  isResult(v: unknown): boolean;
}

export class HostBridge {
  private readonly api: VsCodeApi;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly handlers = new Map<
    string,
    { type: NotificationType<unknown>; handler: (params: unknown) => void }
  >();
  /** Messages that were dropped because they failed validation (visible to tests and the console). */
  rejected = 0;

  constructor(
    private readonly requestTimeoutMs = 30_000,
    api?: VsCodeApi,
  ) {
    this.api = api ?? acquireVsCodeApi();
    window.addEventListener('message', (e: MessageEvent) => this.receive(e.data));
  }

  onNotification<P>(type: NotificationType<P>, handler: (params: P) => void): void {
    this.handlers.set(type.method, {
      type: type as NotificationType<unknown>,
      handler: handler as (p: unknown) => void,
    });
  }

  /** Tell the host the UI is listening; it answers with the full state. */
  ready(): void {
    this.api.postMessage({ kind: 'command', method: READY_METHOD, params: undefined } satisfies IpcMessage);
  }

  sendCommand<P>(type: CommandType<P>, params: P): void {
    this.api.postMessage({ kind: 'command', method: type.method, params } satisfies IpcMessage);
  }

  sendRequest<P, R>(type: RequestType<P, R>, params: P): Promise<R> {
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new HostRequestError(
            'Timeout',
            `The extension did not answer "${type.method}" within ${this.requestTimeoutMs / 1000} s.`,
          ),
        );
      }, this.requestTimeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer, isResult: type.isResult });
      this.api.postMessage({ kind: 'request', id, method: type.method, params } satisfies IpcMessage);
    });
  }

  getState<S>(isState: (v: unknown) => v is S): S | undefined {
    const state = this.api.getState();
    return isState(state) ? state : undefined;
  }

  setState<S>(state: S): void {
    this.api.setState(state);
  }

  private receive(data: unknown): void {
    if (!isIpcMessage(data)) return this.reject(data);
    if (data.kind === 'response') {
      const pending = this.pending.get(data.id);
      if (!pending) return this.reject(data);
      this.pending.delete(data.id);
      clearTimeout(pending.timer);
      if (!data.ok) return pending.reject(new HostRequestError(data.error.code ?? 'Error', data.error.message));
      if (!pending.isResult(data.result))
        return pending.reject(
          new HostRequestError('InvalidResponse', 'The extension sent an answer of the wrong shape.'),
        );
      return pending.resolve(data.result);
    }
    if (data.kind !== 'notification') return this.reject(data);
    const entry = this.handlers.get(data.method);
    if (!entry || !entry.type.isParams(data.params)) return this.reject(data);
    entry.handler(data.params);
  }

  private reject(data: unknown): void {
    this.rejected++;
    console.warn(
      '[agentify] ignored a message that is not part of the protocol',
      typeof data === 'object' && data ? (data as { method?: unknown }).method : typeof data,
    );
  }
}
