/**
 * The host side of the message layer, free of `vscode`: validates every message from a webview
 * against the envelope and its descriptor's params schema, routes it to its handler (which gets
 * the schema's output, never the raw message), answers requests (errors come back as
 * { ok: false, error }), and holds notifications until the webview has said `ready`.
 */
import { AgentifyError } from '../common/errors';
import { CommandType, IpcMessage, NotificationType, READY_METHOD, RequestType, Schema, parseUntrusted } from './ipc';

type Post = (message: IpcMessage) => void | Thenable<boolean> | Promise<boolean>;
interface Thenable<T> {
  then<R>(onfulfilled?: (value: T) => R): Thenable<R>;
}

interface Route {
  kind: 'command' | 'request';
  paramsSchema: Schema<unknown>;
  handle(params: unknown): unknown;
}

export class MessageRouter {
  private readonly routes = new Map<string, Route>();
  private held: IpcMessage[] = [];
  private isReady = false;
  /** Messages refused by validation (counted for tests and logged by the caller). */
  rejected = 0;

  constructor(
    private readonly post: Post,
    private readonly onReady: () => void,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  get ready(): boolean {
    return this.isReady;
  }

  onCommand<P>(type: CommandType<P>, handler: (params: P) => void | Promise<void>): this {
    this.routes.set(type.method, {
      kind: 'command',
      paramsSchema: type.paramsSchema,
      handle: handler as (p: unknown) => unknown,
    });
    return this;
  }

  onRequest<P, R>(type: RequestType<P, R>, handler: (params: P) => R | Promise<R>): this {
    this.routes.set(type.method, {
      kind: 'request',
      paramsSchema: type.paramsSchema,
      handle: handler as (p: unknown) => unknown,
    });
    return this;
  }

  /** Sends now when the webview is ready, else holds it until `ready`. */
  notify<P>(type: NotificationType<P>, params: P): void {
    const message: IpcMessage = { kind: 'notification', method: type.method, params };
    if (this.isReady) void this.post(message);
    else this.held.push(message);
  }

  async receive(raw: unknown): Promise<void> {
    const envelope = parseUntrusted(IpcMessage, raw);
    if (!envelope.success) return this.refuse(`a message that is not part of the protocol (${envelope.reason})`);
    const data = envelope.output;
    if (data.kind !== 'command' && data.kind !== 'request')
      return this.refuse(`a ${data.kind}, which only the host sends`);
    if (data.kind === 'command' && data.method === READY_METHOD) {
      this.isReady = true;
      this.onReady();
      const held = this.held;
      this.held = [];
      for (const message of held) void this.post(message);
      return;
    }
    const route = this.routes.get(data.method);
    const params = route?.kind === data.kind ? parseUntrusted(route.paramsSchema, data.params) : undefined;
    if (!route || !params?.success) {
      if (data.kind === 'request') {
        void this.post({
          kind: 'response',
          id: data.id,
          ok: false,
          error: { code: 'InvalidMessage', message: `Unknown or malformed request "${data.method}".` },
        });
      }
      const why =
        params && !params.success ? `with invalid parameters (${params.reason})` : `unknown as a ${data.kind}`;
      return this.refuse(`${data.kind} "${data.method}" ${why}`);
    }
    try {
      const result = await route.handle(params.output);
      if (data.kind === 'request') void this.post({ kind: 'response', id: data.id, ok: true, result });
    } catch (err) {
      const code = err instanceof AgentifyError ? err.code : 'Error';
      const message = err instanceof Error ? err.message : String(err);
      this.log(`webview ${data.kind} "${data.method}" failed: ${message}`);
      if (data.kind === 'request')
        void this.post({ kind: 'response', id: data.id, ok: false, error: { code, message } });
    }
  }

  private refuse(what: string): void {
    this.rejected++;
    this.log(`Ignored ${what} from a webview.`);
  }
}
