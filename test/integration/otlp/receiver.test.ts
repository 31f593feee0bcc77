/**
 * The receiver with the real OpenTelemetry JS SDK exporters (protobuf and JSON, plain and gzip)
 * on 127.0.0.1: a multi-agent GenAI run, children before parents, two traces interleaved, a trace
 * that never ends, the port fallback.
 */
import * as diagnostics from 'node:diagnostics_channel';
import type { ServerResponse } from 'node:http';
import * as net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OtlpReceiver } from '../../../src/otlp/otlpReceiver';
import { emitTree, otelClient, type Protocol, type SpanSpec } from './otelClient';
import { Harness, merged, runSummary, startHarness } from './receiverHarness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const agent = (name: string, start: number, end: number, children: SpanSpec[]): SpanSpec => ({
  name: `invoke_agent ${name}`,
  start,
  end,
  attributes: {
    'gen_ai.operation.name': 'invoke_agent',
    'gen_ai.agent.name': name,
    'gen_ai.conversation.id': 'conv-1',
  },
  children,
});
const chat = (start: number, end: number, input: number, output: number): SpanSpec => ({
  name: 'chat claude',
  start,
  end,
  attributes: {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'aws.bedrock',
    'gen_ai.request.model': 'claude',
    'gen_ai.usage.input_tokens': input,
    'gen_ai.usage.output_tokens': output,
  },
});
const tool = (name: string, start: number, end: number, error?: string): SpanSpec => ({
  name: `execute_tool ${name}`,
  start,
  end,
  attributes: {
    'gen_ai.operation.name': 'execute_tool',
    'gen_ai.tool.name': name,
    'gen_ai.tool.call.arguments': '{"q":"x"}',
  },
  error,
});
/** supervisor → researcher (chat, search fails, chat) → writer (chat, save); the answer on the root. */
const multiAgent = (): SpanSpec => ({
  ...agent('supervisor', 0, 1000, [
    agent('researcher', 10, 500, [
      chat(20, 100, 100, 10),
      tool('search', 110, 200, 'rate limited'),
      chat(210, 490, 150, 20),
    ]),
    agent('writer', 510, 990, [chat(520, 900, 200, 50), tool('save', 910, 980)]),
  ]),
  events: [
    {
      name: 'gen_ai.client.inference.operation.details',
      at: 1000,
      attributes: { 'gen_ai.output.messages': '[{"role":"assistant","parts":[{"type":"text","content":"# Report"}]}]' },
    },
  ],
});

describe('OTLP receiver with the OpenTelemetry JS SDK', () => {
  const cases: [Protocol, boolean][] = [
    ['protobuf', false],
    ['protobuf', true],
    ['json', false],
    ['json', true],
  ];
  for (const [protocol, gzip] of cases) {
    it(`maps a multi-agent GenAI run sent as ${protocol}${gzip ? ' with gzip' : ''}`, async () => {
      h = await startHarness();
      const client = otelClient(h.url, protocol, { 'service.name': 'trip-planner' }, { gzip });
      emitTree(client, multiAgent(), Date.now());
      await client.shutdown();
      await h.waitFor(() => h!.events().some((e) => e.event_type === 'workflow_complete'), 'the run to end');
      expect(h.logs).toEqual([]);
      const run = runSummary(merged(h.events()));
      expect(run).toMatchObject({
        agents: ['supervisor', 'researcher', 'writer'],
        tools: ['save:ok', 'search:error'],
        inputTokens: 450,
        outputTokens: 80,
        models: ['claude'],
        status: 'completed',
        result: [{ role: 'assistant', parts: [{ type: 'text', content: '# Report' }] }],
      });
      expect(run.graph.edges).toEqual([
        { from: 'supervisor', to: 'researcher' },
        { from: 'supervisor', to: 'writer' },
      ]);
      const failed = h.events().find((e) => e.event_type === 'tool_call' && e.payload.status === 'failed')!;
      expect(failed).toMatchObject({
        agent_name: 'researcher',
        payload: { error: { type: 'ToolError', message: 'rate limited' } },
      });
    });
  }

  it('places children that arrive before their parents, and reads the same once all arrived', async () => {
    h = await startHarness();
    const client = otelClient(h.url, 'protobuf', undefined, { maxBatch: 2 });
    emitTree(client, multiAgent(), Date.now());
    await client.shutdown();
    await h.waitFor(() => h!.events().some((e) => e.event_type === 'workflow_complete'), 'the run to end');
    expect(h.batches.length).toBeGreaterThanOrEqual(3);
    // Children came first: their parents were opened early, and never opened again.
    expect(h.events().filter((e) => e.payload.pending === true).length).toBeGreaterThan(0);
    const events = merged(h.events());
    expect(events[0].event_type).toBe('workflow_start');
    expect(events.at(-1)!.event_type).toBe('workflow_complete');
    // Every span opens before it closes and after its parent opened.
    const opened = new Map<string, number>();
    for (const e of events)
      if (typeof e.payload.span_id === 'string' && !opened.has(e.payload.span_id))
        opened.set(e.payload.span_id, e.timestamp);
    for (const e of events) {
      const parent = e.payload.parent_span_id;
      if (typeof parent === 'string' && opened.has(parent))
        expect(opened.get(parent)!).toBeLessThan(opened.get(e.payload.span_id as string)!);
    }
    expect(events.filter((e) => e.event_type === 'agent_start')).toHaveLength(
      new Set(events.filter((e) => e.event_type === 'agent_start').map((e) => e.payload.span_id)).size,
    );
    expect(runSummary(events)).toMatchObject({
      agents: expect.arrayContaining(['supervisor', 'researcher', 'writer']),
      inputTokens: 450,
      status: 'completed',
    });
  });

  it('keeps two interleaved traces apart, one run each', async () => {
    h = await startHarness();
    const client = otelClient(h.url, 'json');
    const t0 = Date.now();
    emitTree(client, agent('alpha', 0, 100, [chat(10, 50, 1, 1), tool('a_tool', 60, 90)]), t0);
    emitTree(client, agent('beta', 5, 120, [chat(15, 55, 2, 2), tool('b_tool', 65, 110)]), t0);
    await client.shutdown();
    await h.waitFor(
      () => h!.events().filter((e) => e.event_type === 'workflow_complete').length === 2,
      'both runs to end',
    );
    const ids = h.workflowIds();
    expect(ids).toHaveLength(2);
    const [a, b] = ids.map((id) => runSummary(merged(h!.events(id))));
    expect([a.agents, b.agents].sort()).toEqual([['alpha'], ['beta']]);
    expect([a.tools, b.tools].sort()).toEqual([['a_tool:ok'], ['b_tool:ok']]);
  });

  it('shows a trace that never ends as a running run, its finished spans mapped', async () => {
    h = await startHarness();
    const client = otelClient(h.url, 'protobuf');
    const root = client.tracer.startSpan('invoke_agent forever', {
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'forever' },
    });
    const { trace, context } = await import('@opentelemetry/api');
    const ctx = trace.setSpan(context.active(), root);
    for (let i = 0; i < 3; i++) {
      const s = client.tracer.startSpan(
        `execute_tool step${i}`,
        { attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': `step${i}` } },
        ctx,
      );
      s.end();
    }
    await client.flush();
    await h.waitFor(() => h!.events().filter((e) => e.event_type === 'tool_call').length === 6, 'the tool calls');
    await client.shutdown(); // the root never ended, so it is never exported
    const events = merged(h.events());
    expect(events.map((e) => e.event_type)).not.toContain('workflow_complete');
    const run = runSummary(events);
    expect(run.status).toBe('running');
    expect(run.tools).toEqual(['step0:ok', 'step1:ok', 'step2:ok']);
    expect(events.filter((e) => e.event_type === 'agent_start' && e.payload.pending === true)).toHaveLength(1);
  });

  it('answers the exporter before it hands the events on, so delivery never holds up the next batch', async () => {
    // A BatchSpanProcessor starts its next timer only once an export has settled.
    h = await startHarness();
    const responses: ServerResponse[] = [];
    const onRequest = (message: unknown) => responses.push((message as { response: ServerResponse }).response);
    diagnostics.subscribe('http.server.request.start', onRequest);
    const answeredWhenDelivered: boolean[] = [];
    h.receiver.onEvents(() => answeredWhenDelivered.push(responses[responses.length - 1]?.writableEnded === true));
    const client = otelClient(h.url, 'protobuf');
    try {
      emitTree(client, tool('search', 0, 10), Date.now());
      await client.flush();
      expect(answeredWhenDelivered).toEqual([true]);
    } finally {
      diagnostics.unsubscribe('http.server.request.start', onRequest);
      await client.shutdown();
    }
  });

  it('listens on a free port with a log line when the configured one is taken, and frees it on stop', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const taken = (blocker.address() as net.AddressInfo).port;
    const lines: string[] = [];
    const receiver = new OtlpReceiver({ port: taken, log: (l) => lines.push(l) });
    try {
      const at = await receiver.start();
      expect(at.fallback).toBe(true);
      expect(at.port).not.toBe(taken);
      expect(lines).toEqual([expect.stringContaining(`Port ${taken} on 127.0.0.1 is taken`)]);
      await receiver.stop();
      const again = net.createServer();
      await new Promise<void>((resolve, reject) =>
        again.once('error', reject).listen(at.port, '127.0.0.1', () => resolve()),
      );
      await new Promise<void>((resolve) => again.close(() => resolve()));
    } finally {
      receiver.dispose();
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
