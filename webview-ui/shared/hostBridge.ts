/**
 * The webview side of the message layer (src/protocol/ipc.ts): sends commands and requests to the
 * extension host, dispatches its notifications to handlers after checking them against the
 * protocol's schemas (handlers get the schema's output), and persists UI state through the VS Code
 * webview API. Requests always settle: with the host's result, its error, or a timeout.
 */
import {
  CommandType,
  IpcMessage,
  NotificationType,
  READY_METHOD,
  RequestType,
  Schema,
  parseUntrusted,
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
  resultSchema: Schema<unknown>;
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
      this.pending.set(id, {
        resolve: resolve as (r: unknown) => void,
        reject,
        timer,
        resultSchema: type.resultSchema,
      });
      this.api.postMessage({ kind: 'request', id, method: type.method, params } satisfies IpcMessage);
    });
  }

  /** The persisted UI state when it still fits its schema (an older or damaged one is dropped). */
  getState<S>(schema: Schema<S>): S | undefined {
    const state = parseUntrusted(schema, this.api.getState());
    return state.success ? state.output : undefined;
  }

  setState<S>(state: S): void {
    this.api.setState(state);
  }

  private receive(raw: unknown): void {
    const envelope = parseUntrusted(IpcMessage, raw);
    if (!envelope.success) return this.reject(raw, envelope.reason);
    const data = envelope.output;
    if (data.kind === 'response') {
      const pending = this.pending.get(data.id);
      if (!pending) return this.reject(raw, 'no request is waiting for this response');
      this.pending.delete(data.id);
      clearTimeout(pending.timer);
      if (!data.ok) return pending.reject(new HostRequestError(data.error.code, data.error.message));
      const result = parseUntrusted(pending.resultSchema, data.result);
      if (!result.success)
        return pending.reject(
          new HostRequestError('InvalidResponse', 'The extension sent an answer of the wrong shape.'),
        );
      return pending.resolve(result.output);
    }
    if (data.kind !== 'notification') return this.reject(raw, `a ${data.kind}, which only the webview sends`);
    const entry = this.handlers.get(data.method);
    if (!entry) return this.reject(raw, 'no handler for this notification');
    const params = parseUntrusted(entry.type.paramsSchema, data.params);
    if (!params.success) return this.reject(raw, params.reason);
    entry.handler(params.output);
  }

  private reject(data: unknown, why: string): void {
    this.rejected++;
    console.warn(
      '[agentify] ignored a message that is not part of the protocol',
      typeof data === 'object' && data ? (data as { method?: unknown }).method : typeof data,
      why,
    );
  }
}
