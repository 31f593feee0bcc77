/**
 * The OTLP/HTTP trace receiver: an HTTP server on 127.0.0.1 only that takes `POST /v1/traces` in
 * protobuf or JSON (gzip or not), maps the spans to Agentify events (spanMapper.ts) and fires one
 * `onEvents` per run per accepted request. It owns the socket, the body limits and the answers:
 * 200 with an ExportTraceServiceResponse (partial_success when spans were refused), 400 for a body
 * it cannot read, 413 for one that is too large — each refusal also one line in the log.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzip } from 'node:zlib';
import { Disposable } from '../common/disposable';
import { Event, EventEmitter } from '../common/emitter';
import { decodeJsonTraces } from './decodeJson';
import { decodeProtobufTraces } from './decodeProtobuf';
import { DecodedTraces, OtlpDecodeError } from './otlpModel';
import { WireFormat, errorResponse, exportResponse } from './otlpResponse';
import { type OtlpEvent, SpanMapper } from './spanMapper';

export const OTLP_DEFAULT_PORT = 4318;
export const OTLP_HOST = '127.0.0.1';
export const TRACES_PATH = '/v1/traces';
/** Paths of the other signals: accepted and dropped, so a workflow's metric or log exporter stays quiet. */
const IGNORED_PATHS = new Set(['/v1/metrics', '/v1/logs']);

export interface OtlpReceiverOptions {
  /** Port to listen on; taken → a free port and a log line. 0 = a free port. Default 4318. */
  port?: number;
  /** Largest body accepted, before and after gunzip, in bytes. Default 16 MiB. */
  maxBodyBytes?: number;
  /** Receives one line per refused request and per port fallback (the output channel). */
  log?: (line: string) => void;
  /** The mapper that keeps the runs' state. Default: a new SpanMapper. */
  mapper?: SpanMapper;
}

export interface OtlpEventBatch {
  workflowId: string;
  events: OtlpEvent[];
}

export interface ReceiverAddress {
  port: number;
  /** The base URL exporters use as OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  /** True when the configured port was taken and another one was bound. */
  fallback: boolean;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class OtlpReceiver extends Disposable {
  private readonly _onEvents = this.register(new EventEmitter<OtlpEventBatch>());
  /** One batch per run per accepted request, events in timestamp order. */
  readonly onEvents: Event<OtlpEventBatch> = this._onEvents.event;
  private server: http.Server | undefined;
  private bound: ReceiverAddress | undefined;
  private readonly maxBody: number;
  private readonly log: (line: string) => void;
  private readonly mapper: SpanMapper;

  constructor(private readonly options: OtlpReceiverOptions = {}) {
    super();
    this.maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
    this.log = options.log ?? (() => undefined);
    this.mapper = options.mapper ?? new SpanMapper();
  }

  /** The address it listens on, while started. */
  get address(): ReceiverAddress | undefined {
    return this.bound;
  }

  get port(): number | undefined {
    return this.bound?.port;
  }

  /** Listens on `port` (default: the constructor's); a started receiver stays where it is. */
  async start(port = this.options.port ?? OTLP_DEFAULT_PORT): Promise<ReceiverAddress> {
    if (this.bound) return this.bound;
    if (this.isDisposed) throw new Error('The OTLP receiver was disposed.');
    const wanted = port;
    const server = http.createServer(
      { requestTimeout: 30_000, headersTimeout: 10_000 },
      (req, res) => void this.handle(req, res),
    );
    server.keepAliveTimeout = 5_000;
    let fallback = false;
    try {
      port = await listen(server, wanted);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || wanted === 0) throw err;
      port = await listen(server, 0);
      fallback = true;
      this.log(
        `[otlp] Port ${wanted} on ${OTLP_HOST} is taken (another collector?); the OTLP receiver listens on ` +
          `port ${port} instead. Workflows run from Agentify get this port automatically; point other ` +
          'exporters at it, or free the port and restart the receiver.',
      );
    }
    this.server = server;
    this.bound = { port, url: `http://${OTLP_HOST}:${port}`, fallback };
    return this.bound;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.bound = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  override dispose(): void {
    void this.stop();
    super.dispose();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    let format: WireFormat | undefined;
    try {
      if (!isLoopbackHost(req.headers.host))
        throw new HttpError(
          403,
          `Host ${req.headers.host} is not this machine's loopback address; the receiver answers only 127.0.0.1.`,
        );
      const ignored = IGNORED_PATHS.has(path);
      if (path !== TRACES_PATH && !ignored)
        throw new HttpError(404, `No OTLP endpoint at ${path}: send traces to POST ${TRACES_PATH}.`);
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        throw new HttpError(405, `${req.method} is not supported: send traces with POST ${TRACES_PATH}.`);
      }
      format = wireFormat(req.headers['content-type']);
      const body = await this.readBody(req);
      if (ignored) return send(res, 200, exportResponse(format));
      const decoded = format === 'json' ? decodeJsonTraces(body.toString('utf8')) : decodeProtobufTraces(body);
      this.accept(res, format, decoded);
    } catch (err) {
      const status = err instanceof HttpError ? err.status : err instanceof OtlpDecodeError ? 400 : 500;
      const message = err instanceof Error ? err.message : String(err);
      this.log(`[otlp] Refused a request to ${path} (${status}): ${message}`);
      send(res, status, errorResponse(format, status, message));
    }
  }

  private accept(res: http.ServerResponse, format: WireFormat, decoded: DecodedTraces): void {
    const mapped = decoded.spans.length ? this.mapper.map(decoded.spans) : { runs: [], rejected: [] };
    const rejected = [...decoded.rejected, ...mapped.rejected];
    const acceptedSpans = decoded.spans.length - mapped.rejected.length;
    if (rejected.length && acceptedSpans <= 0) {
      throw new OtlpDecodeError(
        `No span in the request could be mapped (${rejected.length} refused): ${rejected[0].reason}. ` +
          'Check the exporter sends OTLP trace spans.',
      );
    }
    if (!rejected.length) send(res, 200, exportResponse(format));
    else {
      const reasons = [...new Set(rejected.map((r) => r.reason))].slice(0, 3).join('; ');
      const errorMessage = `${rejected.length} span(s) refused: ${reasons}.`;
      this.log(`[otlp] Accepted ${acceptedSpans} span(s), ${errorMessage}`);
      send(res, 200, exportResponse(format, { rejectedSpans: rejected.length, errorMessage }));
    }
    // Answered first: a BatchSpanProcessor starts no timer while an export is open, so every
    // millisecond spent delivering before the answer would be added to its next batch's delay.
    for (const run of mapped.runs) this._onEvents.fire({ workflowId: run.workflowId, events: run.events });
  }

  /** The body, gunzipped; never more than maxBody bytes held, compressed or not. */
  private async readBody(req: http.IncomingMessage): Promise<Buffer> {
    const encoding = String(req.headers['content-encoding'] ?? 'identity')
      .toLowerCase()
      .trim();
    if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== '')
      throw new HttpError(400, `Content-Encoding ${encoding} is not supported: send the body as is or gzip.`);
    const tooLarge = () =>
      new HttpError(
        413,
        `The body is larger than the receiver's limit of ${this.maxBody} bytes: ` +
          "lower the exporter's batch size (OTEL_BSP_MAX_EXPORT_BATCH_SIZE).",
      );
    const declared = Number(req.headers['content-length'] ?? NaN);
    const chunks: Buffer[] = [];
    let size = 0;
    await new Promise<void>((resolve, reject) => {
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit the body is drained, not kept, up to a hard stop that drops the connection.
        if (size <= this.maxBody) chunks.push(chunk);
        else if (size > this.maxBody * 4 + 1024 * 1024) req.destroy();
      });
      req.on('end', () => resolve());
      req.on('error', reject);
      req.on('close', () => (req.complete ? resolve() : reject(new HttpError(400, 'The request body ended early.'))));
    });
    if (size > this.maxBody || declared > this.maxBody) throw tooLarge();
    const raw = Buffer.concat(chunks, size);
    if (encoding !== 'gzip') return raw;
    return new Promise<Buffer>((resolve, reject) =>
      gunzip(raw, { maxOutputLength: this.maxBody }, (err, out) => {
        if (!err) return resolve(out);
        if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
          return reject(tooLarge());
        reject(new HttpError(400, `The body says gzip but does not gunzip (${err.message}).`));
      }),
    );
  }
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, OTLP_HOST);
  });
}

function wireFormat(contentType: string | undefined): WireFormat {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === 'application/json') return 'json';
  throw new HttpError(
    400,
    `Content-Type ${type || '(none)'} is not supported: send application/x-protobuf or application/json.`,
  );
}

/** Refuses other Host names, so a web page cannot reach the receiver through DNS rebinding. */
function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return true;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

function send(
  res: http.ServerResponse,
  status: number,
  answer: { body: Uint8Array | string; contentType: string },
): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': answer.contentType, 'Content-Length': Buffer.byteLength(answer.body) });
  res.end(answer.body);
}
