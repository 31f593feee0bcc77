/**
 * STAND-IN for the Amazon Bedrock runtime endpoint, because the real service is not reachable from
 * tests. An HTTP/2 server (cleartext, as the SDK's Bedrock runtime client speaks HTTP/2) on
 * 127.0.0.1 that answers ConverseStream (POST /model/{id}/converse-stream)
 * as the service does: an `application/vnd.amazon.eventstream` body of messageStart,
 * contentBlockDelta (one per text chunk), contentBlockStop, messageStop and metadata events,
 * encoded with the SDK's own event-stream codec. Errors come back as the service's JSON errors
 * (403 AccessDeniedException, 429 ThrottlingException, …). It records every request so tests can
 * check what the client sent. Always stop() it.
 */
import { createServer, Http2Server, Http2ServerRequest, Http2ServerResponse, ServerHttp2Session } from 'node:http2';
import { AddressInfo } from 'node:net';
import { EventStreamCodec } from '@smithy/core/event-streams';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Http2ServerRequest['headers'];
  body: unknown;
}

export type StandInReply =
  | { kind: 'stream'; chunks: string[] }
  | { kind: 'error'; status: number; type: string; message: string }
  /** Starts streaming, then fails mid-stream with an exception event (e.g. throttlingException). */
  | { kind: 'streamThenException'; chunks: string[]; exception: string; message: string };

// (toUtf8: bytes → text, fromUtf8: text → bytes)
const codec = new EventStreamCodec(
  (b: Uint8Array) => new TextDecoder().decode(b),
  (s: string) => new TextEncoder().encode(s),
);

function event(type: string, body: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: type },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: new TextEncoder().encode(JSON.stringify(body)),
  });
}

function exception(type: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': { type: 'string', value: type },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    body: new TextEncoder().encode(JSON.stringify({ message })),
  });
}

export class BedrockStandIn {
  readonly requests: RecordedRequest[] = [];
  /** What the next requests get, in order; the last one repeats. */
  replies: StandInReply[] = [{ kind: 'stream', chunks: ['{}'] }];

  private server!: Http2Server;
  private readonly sessions = new Set<ServerHttp2Session>();
  endpoint = '';

  private constructor() {}

  static async start(): Promise<BedrockStandIn> {
    const standIn = new BedrockStandIn();
    const server = (standIn.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => standIn.answer(req, res, Buffer.concat(chunks).toString('utf8')));
    }));
    server.on('session', (session) => {
      standIn.sessions.add(session);
      session.on('close', () => standIn.sessions.delete(session));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    standIn.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return standIn;
  }

  private answer(req: Http2ServerRequest, res: Http2ServerResponse, text: string): void {
    this.requests.push({
      method: req.method ?? '',
      path: decodeURIComponent(req.url ?? ''),
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
    });
    const reply = this.replies.length > 1 ? this.replies.shift()! : this.replies[0];
    if (reply.kind === 'error') {
      res.writeHead(reply.status, {
        'content-type': 'application/json',
        'x-amzn-errortype': `${reply.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
        'x-amzn-requestid': 'standin-1',
      });
      res.end(JSON.stringify({ message: reply.message }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'standin-1' });
    res.write(event('messageStart', { role: 'assistant' }));
    for (const chunk of reply.chunks)
      res.write(event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: chunk } }));
    if (reply.kind === 'streamThenException') {
      res.end(exception(reply.exception, reply.message));
      return;
    }
    res.write(event('contentBlockStop', { contentBlockIndex: 0 }));
    res.write(event('messageStop', { stopReason: 'end_turn' }));
    res.end(
      event('metadata', {
        usage: { inputTokens: 10, outputTokens: reply.chunks.length, totalTokens: 10 + reply.chunks.length },
        metrics: { latencyMs: 1 },
      }),
    );
  }

  async stop(): Promise<void> {
    for (const session of this.sessions) session.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
