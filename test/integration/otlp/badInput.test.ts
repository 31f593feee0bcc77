/**
 * Every kind of bad request, sent raw over HTTP to the receiver on 127.0.0.1: each gets its status
 * and a message, one log line, no events; and a good run sent afterwards maps as if nothing had
 * happened. The bodies are built here because no real exporter sends them.
 */
import * as http from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportTraceServiceRequest, ExportTraceServiceResponse } from '../../../src/otlp/otlpProto';
import { emitTree, otelClient } from './otelClient';
import { Harness, merged, runSummary, startHarness } from './receiverHarness';

const LIMIT = 64 * 1024;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ maxBodyBytes: LIMIT });
});
afterAll(async () => {
  await h.stop();
});

async function post(body: Uint8Array | string, headers: Record<string, string>, path = '/v1/traces', method = 'POST') {
  const response = await fetch(`${h.url}${path}`, {
    method,
    headers,
    body: method === 'POST' ? Buffer.from(body) : undefined,
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    text: Buffer.from(bytes).toString('utf8'),
    bytes,
    type: response.headers.get('content-type'),
  };
}

/** fetch cannot set Host (a forbidden header), so this one request goes through node:http. */
function postWithHost(body: string, host: string): Promise<Awaited<ReturnType<typeof post>>> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${h.url}/v1/traces`, { method: 'POST', headers: { ...JSON_TYPE, Host: host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          text: bytes.toString('utf8'),
          bytes,
          type: res.headers['content-type'] ?? null,
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const span = (over: Record<string, unknown> = {}) => ({
  traceId: TRACE,
  spanId: 'b7ad6b7169203331',
  name: 'chat',
  startTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
  endTimeUnixNano: String(BigInt(Date.now() + 5) * 1_000_000n),
  attributes: [{ key: 'gen_ai.operation.name', value: { stringValue: 'chat' } }],
  ...over,
});
const jsonDoc = (...spans: unknown[]) => JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] });
const JSON_TYPE = { 'Content-Type': 'application/json' };
const PROTO_TYPE = { 'Content-Type': 'application/x-protobuf' };

const bad: { name: string; send: () => Promise<Awaited<ReturnType<typeof post>>>; status: number; message: RegExp }[] =
  [
    {
      name: 'malformed protobuf',
      send: () => post(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]), PROTO_TYPE),
      status: 400,
      message: /not an OTLP ExportTraceServiceRequest in protobuf/,
    },
    {
      name: 'malformed JSON',
      send: () => post('{"resourceSpans": [', JSON_TYPE),
      status: 400,
      message: /not valid JSON/,
    },
    {
      name: 'JSON that is not a trace request',
      send: () => post('{"resourceSpans": {"a": 1}}', JSON_TYPE),
      status: 400,
      message: /resourceSpans must be an array/,
    },
    {
      name: 'a wrong content type',
      send: () => post('hello', { 'Content-Type': 'text/plain' }),
      status: 400,
      message: /Content-Type text\/plain is not supported/,
    },
    {
      name: 'no content type',
      send: () => post(jsonDoc(span()), {}),
      status: 400,
      message: /Content-Type \(none\) is not supported/,
    },
    {
      name: 'an unknown content encoding',
      send: () => post(jsonDoc(span()), { ...JSON_TYPE, 'Content-Encoding': 'br' }),
      status: 400,
      message: /Content-Encoding br is not supported/,
    },
    {
      name: 'a body that says gzip but is not',
      send: () => post(jsonDoc(span()), { ...JSON_TYPE, 'Content-Encoding': 'gzip' }),
      status: 400,
      message: /does not gunzip/,
    },
    {
      name: 'a huge body',
      send: () => post('x'.repeat(LIMIT + 1), JSON_TYPE),
      status: 413,
      message: /larger than the receiver's limit of 65536 bytes/,
    },
    {
      name: 'a gzip body that inflates past the limit',
      send: () => post(gzipSync(Buffer.alloc(LIMIT * 8, 0x20)), { ...JSON_TYPE, 'Content-Encoding': 'gzip' }),
      status: 413,
      message: /larger than the receiver's limit/,
    },
    {
      name: 'a span without trace id',
      send: () => post(jsonDoc(span({ traceId: '' })), JSON_TYPE),
      status: 400,
      message: /without a valid trace id/,
    },
    {
      name: 'a protobuf span without trace id',
      send: () =>
        post(
          ExportTraceServiceRequest.encode(
            ExportTraceServiceRequest.fromObject({
              resourceSpans: [
                {
                  scopeSpans: [
                    {
                      spans: [
                        {
                          spanId: Buffer.from('b7ad6b7169203331', 'hex'),
                          name: 'x',
                          startTimeUnixNano: '1',
                          endTimeUnixNano: '2',
                        },
                      ],
                    },
                  ],
                },
              ],
            }),
          ).finish(),
          PROTO_TYPE,
        ),
      status: 400,
      message: /without a valid trace id/,
    },
    {
      name: 'attributes of unexpected types',
      send: () => post(jsonDoc(span({ attributes: [{ key: 'n', value: { intValue: { deep: true } } }] })), JSON_TYPE),
      status: 400,
      message: /attributes\[0\]\.value\.intValue must be an integer/,
    },
    {
      name: 'an attribute list that is not a list',
      send: () => post(jsonDoc(span({ attributes: { key: 'x' } })), JSON_TYPE),
      status: 400,
      message: /attributes must be an array/,
    },
    {
      name: 'a wrong method',
      send: () => post('', {}, '/v1/traces', 'GET'),
      status: 405,
      message: /GET is not supported/,
    },
    {
      name: 'a wrong path',
      send: () => post(jsonDoc(span()), JSON_TYPE, '/v1/spans'),
      status: 404,
      message: /No OTLP endpoint at \/v1\/spans/,
    },
    {
      name: 'a foreign Host header',
      send: () => postWithHost(jsonDoc(span()), 'evil.example:4318'),
      status: 403,
      message: /not this machine's loopback address/,
    },
  ];

describe('bad input to the OTLP receiver', () => {
  for (const c of bad) {
    it(`answers ${c.name} with ${c.status}, a message and one log line`, async () => {
      const before = { logs: h.logs.length, batches: h.batches.length };
      const answer = await c.send();
      expect(answer.status).toBe(c.status);
      expect(answer.text).toMatch(c.message);
      expect(h.logs.slice(before.logs)).toEqual([expect.stringMatching(c.message)]);
      expect(h.batches.length).toBe(before.batches);
    });
  }

  it('answers a JSON client in JSON (an rpc Status) and a protobuf client in text', async () => {
    const json = await post('{', JSON_TYPE);
    expect(json.type).toBe('application/json');
    expect(JSON.parse(json.text)).toEqual({ code: 3, message: expect.stringMatching(/not valid JSON/) });
    const proto = await post(Buffer.from([0xff]), PROTO_TYPE);
    expect(proto.type).toMatch(/^text\/plain/);
  });

  it('takes the good spans of a mixed request, the rest as partial success (JSON and protobuf)', async () => {
    const before = h.logs.length;
    const mixed = jsonDoc(
      span({ spanId: 'c7ad6b7169203331' }),
      span({ spanId: 'zz' }),
      span({ traceId: '00000000000000000000000000000000' }),
    );
    const json = await post(mixed, JSON_TYPE);
    expect(json.status).toBe(200);
    expect(JSON.parse(json.text)).toEqual({
      partialSuccess: {
        rejectedSpans: '2',
        errorMessage: expect.stringMatching(/^2 span\(s\) refused: .*must be hex.*valid trace id/),
      },
    });
    expect(h.logs.slice(before)).toEqual([expect.stringMatching(/Accepted 1 span\(s\), 2 span\(s\) refused/)]);
    const request = ExportTraceServiceRequest.fromObject({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: Buffer.from(TRACE, 'hex'),
                  spanId: Buffer.from('d7ad6b7169203331', 'hex'),
                  name: 'ok',
                  startTimeUnixNano: '1767605400000000000',
                  endTimeUnixNano: '1767605400001000000',
                },
                {
                  traceId: Buffer.from(TRACE, 'hex'),
                  spanId: Buffer.from('d7ad6b7169203332', 'hex'),
                  name: 'backwards',
                  startTimeUnixNano: '1767605400001000000',
                  endTimeUnixNano: '1767605400000000000',
                },
              ],
            },
          ],
        },
      ],
    });
    const proto = await post(ExportTraceServiceRequest.encode(request).finish(), PROTO_TYPE);
    expect(proto.status).toBe(200);
    const response = ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(proto.bytes), {
      longs: Number,
    });
    expect(response).toEqual({
      partialSuccess: { rejectedSpans: 1, errorMessage: '1 span(s) refused: a span that ends before it starts.' },
    });
  });

  it('accepts metrics and logs requests and drops them, so a workflow exporting them stays quiet', async () => {
    const before = h.batches.length;
    expect((await post(Buffer.alloc(0), PROTO_TYPE, '/v1/metrics')).status).toBe(200);
    expect((await post('{}', JSON_TYPE, '/v1/logs')).status).toBe(200);
    expect(h.batches.length).toBe(before);
  });

  it('maps a good run after all of that as if nothing had happened', async () => {
    const client = otelClient(h.url, 'protobuf');
    emitTree(
      client,
      {
        name: 'invoke_agent after',
        start: 0,
        end: 50,
        attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'after' },
        children: [
          {
            name: 'execute_tool t',
            start: 10,
            end: 20,
            attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 't' },
          },
        ],
      },
      Date.now(),
    );
    await client.shutdown();
    await h.waitFor(() => h.batches.some((b) => b.events.some((e) => e.agent_name === 'after')), 'the good run');
    const id = h.batches.find((b) => b.events.some((e) => e.agent_name === 'after'))!.workflowId;
    expect(runSummary(merged(h.events(id)))).toMatchObject({ agents: ['after'], tools: ['t:ok'], status: 'completed' });
  });
});
