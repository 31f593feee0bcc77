/**
 * The receiver's events written into the events table (agentify.otlp.writeToTable) on DynamoDB
 * Local, with the real OpenTelemetry JS protobuf exporter as the client: each event once at the
 * identity the receiver fixed (the same spans sent twice included), read back by the history
 * loader and listed by the team history; and the receiver unaffected when the table cannot be
 * written, when the queue is full or when another producer's item holds a key.
 */
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AgentifyEvent, eventKey } from '../../../src/events/types';
import { HARDENED_PARAMETERS } from '../../../src/eventsTable/tableDefinition';
import { RunEventsLoader } from '../../../src/history/runEventsLoader';
import { TeamHistory } from '../../../src/history/teamHistory';
import { LOCAL_REGION } from '../../../src/localDb/localDynamoDb';
import { OtlpTableWriter, type OtlpTableWriterOptions } from '../../../src/otlp/otlpTableWriter';
import type { OtlpEvent } from '../../../src/otlp/spanMapper';
import { createLocalTable, type LocalTable, uniqueTableName } from '../../support/localTable';
import { emitTree, type OtelClient, type SpanSpec } from './otelClient';
import { type Harness, merged, startHarness } from './receiverHarness';

const OWNER = 'otlp-team';
let table: LocalTable;
let h: Harness | undefined;
let writer: OtlpTableWriter | undefined;

beforeAll(async () => {
  table = await createLocalTable('agentify-otlp', HARDENED_PARAMETERS);
});
afterAll(() => table?.factory.dispose());
afterEach(async () => {
  writer?.dispose();
  writer = undefined;
  await h?.stop();
  h = undefined;
});

/** planner (root) → chat, search: one otel-… run, ended by its root. */
const run = (tool = 'search'): SpanSpec => ({
  name: 'invoke_agent planner',
  start: 0,
  end: 300,
  attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'planner' },
  children: [
    {
      name: 'chat claude',
      start: 10,
      end: 100,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'claude',
        'gen_ai.usage.input_tokens': 120,
        'gen_ai.usage.output_tokens': 30,
      },
    },
    {
      name: `execute_tool ${tool}`,
      start: 110,
      end: 290,
      attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': tool },
    },
  ],
});

/** The spans of a tree as the SDK finishes them, to hand to the real exporter as often as a test likes. */
function finishedSpans(spec: SpanSpec): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'otlp-table-test' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
  });
  const client: OtelClient = {
    tracer: provider.getTracer('agentify-test'),
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
  emitTree(client, spec, Date.now());
  return memory.getFinishedSpans();
}

/** One export of `spans` by the OTLP/HTTP protobuf exporter, as a BatchSpanProcessor makes it. */
async function exportSpans(url: string, spans: ReadableSpan[]): Promise<ExportResultCode> {
  const exporter = new OTLPTraceExporter({ url: `${url}/v1/traces` });
  try {
    return await new Promise((resolve) => exporter.export(spans, (result) => resolve(result.code)));
  } finally {
    await exporter.shutdown();
  }
}

async function receiverWritingTo(tableName: string, options: Partial<OtlpTableWriterOptions> = {}) {
  const lines: string[] = [];
  h = await startHarness();
  const w = new OtlpTableWriter({
    clients: table.factory,
    target: () => ({ tableName, owner: OWNER, ttlDays: 1 }),
    errorContext: async () => ({ tableName, region: LOCAL_REGION, endpoint: table.endpoint }),
    log: (line) => lines.push(line),
    ...options,
  });
  writer = w;
  h.receiver.onEvents((batch) => w.write(batch.events));
  return { h, writer: w, lines };
}

const withoutTtl = ({ ttl: _ttl, ...event }: AgentifyEvent) => event;
const keys = (events: readonly AgentifyEvent[]) => events.map(eventKey).sort();

describe('the receiver writing to the events table', () => {
  it('writes each event once, spans sent twice included, and the team history lists the run', async () => {
    const { h, writer, lines } = await receiverWritingTo(table.tableName);
    const spans = finishedSpans(run());
    expect(await exportSpans(h.url, spans)).toBe(ExportResultCode.SUCCESS);
    expect(await exportSpans(h.url, spans)).toBe(ExportResultCode.SUCCESS);
    await writer.drained();

    const [workflowId] = h.workflowIds();
    const delivered = merged(h.events(workflowId));
    // The second export maps to the same identities: the live view and the table keep each once.
    expect(h.events(workflowId).length).toBeGreaterThan(delivered.length);
    const loaded = await new RunEventsLoader({ clients: table.factory, tableName: () => table.tableName }).load(
      workflowId,
    );
    const expected = keys(delivered);
    const written = keys(loaded.events);
    const doubled = written.length - new Set(written).size;
    expect({ expected: expected.length, written: written.length, doubled }).toEqual({
      expected: delivered.length,
      written: delivered.length,
      doubled: 0,
    });
    expect(written).toEqual(expected);
    expect(loaded.events.map(withoutTtl)).toEqual(delivered);
    expect(loaded.events.every((e) => typeof e.ttl === 'number' && e.ttl > Date.now() / 1000)).toBe(true);
    expect(writer.counts).toMatchObject({ failed: 0, dropped: 0, clashed: 0, truncated: 0, reopened: 0 });
    expect(lines).toEqual([]);

    const team = new TeamHistory({
      clients: table.factory,
      tableName: () => table.tableName,
      owner: () => OWNER,
      localRuns: () => [],
    });
    // The runs index is read eventually consistently: the run may take a moment to appear.
    let listed = (await team.runs(false)).items;
    for (let i = 0; i < 50 && !listed.some((r) => r.workflowId === workflowId); i++) {
      await new Promise((r) => setTimeout(r, 100));
      listed = (await team.runs(false)).items;
    }
    expect(listed.filter((r) => r.workflowId === workflowId)).toEqual([
      expect.objectContaining({ workflowId, status: 'completed', workflowName: 'otlp-table-test' }),
    ]);
  });

  it('opens a run in the table once when the receiver restarts within its trace', async () => {
    const spans = finishedSpans(run()); // chat, then the tool, then the agent that ends the run
    const first = await receiverWritingTo(table.tableName);
    expect(await exportSpans(first.h.url, spans.slice(0, 1))).toBe(ExportResultCode.SUCCESS);
    await first.writer.drained();
    const [workflowId] = first.h.workflowIds();
    const firstStart = first.h.events(workflowId).find((e) => e.event_type === 'workflow_start')!;
    first.writer.dispose();
    await first.h.stop();

    // A new receiver (the extension restarted) maps the rest of the trace as a new run, with its own start.
    const second = await receiverWritingTo(table.tableName);
    expect(await exportSpans(second.h.url, spans.slice(1))).toBe(ExportResultCode.SUCCESS);
    await second.writer.drained();
    const secondStart = second.h.events(workflowId).find((e) => e.event_type === 'workflow_start')!;
    expect(secondStart.timestamp).not.toBe(firstStart.timestamp);
    expect(second.writer.counts).toMatchObject({ reopened: 1, clashed: 0, failed: 0 });
    expect(second.lines).toEqual([expect.stringContaining('without a second start')]);

    const loaded = await new RunEventsLoader({ clients: table.factory, tableName: () => table.tableName }).load(
      workflowId,
    );
    expect(loaded.events.filter((e) => e.event_type === 'workflow_start').map((e) => e.timestamp)).toEqual([
      firstStart.timestamp,
    ]);
    expect(loaded.events.filter((e) => e.event_type === 'workflow_complete')).toHaveLength(1);
  });

  it('answers the exporter and delivers live while the table cannot be written, saying why once', async () => {
    const missing = uniqueTableName('agentify-otlp-missing');
    const { h, writer, lines } = await receiverWritingTo(missing);
    for (const tool of ['a', 'b', 'c']) {
      expect(await exportSpans(h.url, finishedSpans(run(tool)))).toBe(ExportResultCode.SUCCESS);
    }
    await writer.drained();
    expect(h.workflowIds()).toHaveLength(3);
    expect(writer.counts).toMatchObject({ written: 0, failed: h.events().length });
    expect(lines).toEqual([expect.stringContaining(`The DynamoDB table "${missing}" does not exist`)]);
    expect(lines[0]).toContain('agentify.otlp.writeToTable');
  });

  it('never overwrites another producer’s item, and says so once', async () => {
    h = await startHarness();
    const spans = finishedSpans(run());
    expect(await exportSpans(h.url, spans)).toBe(ExportResultCode.SUCCESS);
    const [workflowId] = h.workflowIds();
    const taken = merged(h.events(workflowId)).find(
      (e) => e.event_type === 'tool_call' && e.payload.status === 'completed',
    )!;
    const foreign = {
      workflow_id: workflowId,
      timestamp: taken.timestamp,
      event_type: 'log',
      producer_id: 'py-1',
      payload: { message: 'mine' },
    };
    const doc = await table.factory.documentClient();
    await doc.send(new PutCommand({ TableName: table.tableName, Item: foreign }));
    await h.stop();

    // The same spans again, now with the writer on: the receiver's mapper is new, the identities the same.
    const { h: h2, writer, lines } = await receiverWritingTo(table.tableName);
    expect(await exportSpans(h2.url, spans)).toBe(ExportResultCode.SUCCESS);
    await writer.drained();
    expect(writer.counts).toMatchObject({ clashed: 1, failed: 0 });
    expect(lines).toEqual([expect.stringContaining('An item of another producer already holds the key')]);
    const loaded = await new RunEventsLoader({ clients: table.factory, tableName: () => table.tableName }).load(
      workflowId,
    );
    expect(loaded.events.find((e) => e.timestamp === taken.timestamp)).toMatchObject({ producer_id: 'py-1' });
    expect(loaded.events).toHaveLength(merged(h2.events(workflowId)).length);
  });

  it('writes an event over the payload limit cut to fit, and says so once', async () => {
    const { writer, lines } = await receiverWritingTo(table.tableName);
    const workflowId = `otel-${Date.now().toString(16)}-large`;
    const event = (i: number, output: string): OtlpEvent => ({
      workflow_id: workflowId,
      timestamp: Date.now() + i / 1000,
      event_type: 'tool_call',
      producer_id: 'otlp',
      payload: {
        'gen_ai.tool.name': 'fetch',
        status: 'completed',
        trace_id: 'a'.repeat(32),
        span_id: `${i}`.padStart(16, '0'),
        output,
      },
    });
    const large = [event(1, 'x'.repeat(400_000)), event(2, 'é'.repeat(200_000))];
    writer.write([...large, event(3, 'small')]);
    await writer.drained();
    expect(writer.counts).toMatchObject({ written: 3, truncated: 2, failed: 0 });
    expect(lines).toEqual([expect.stringContaining('it was written to')]);
    const loaded = await new RunEventsLoader({ clients: table.factory, tableName: () => table.tableName }).load(
      workflowId,
    );
    expect(loaded.events.map((e) => e.payload.span_id)).toEqual(['1', '2', '3'].map((i) => i.padStart(16, '0')));
    for (const stored of loaded.events.slice(0, 2)) {
      expect(stored.payload).toMatchObject({ 'gen_ai.tool.name': 'fetch', status: 'completed', truncated: true });
      expect(Buffer.byteLength(JSON.stringify(stored.payload))).toBeLessThanOrEqual(350 * 1024);
      expect(stored.payload.output).toMatch(/\.\.\.\[truncated\]$/);
    }
    expect(loaded.events[2].payload).not.toHaveProperty('truncated');
  });

  it('drops what does not fit its queue, counted and said once, and still answers', async () => {
    const { h, writer, lines } = await receiverWritingTo(table.tableName, { maxQueued: 3 });
    expect(await exportSpans(h.url, finishedSpans(run()))).toBe(ExportResultCode.SUCCESS);
    await writer.drained();
    const received = h.events().length;
    expect(received).toBeGreaterThan(3);
    expect(writer.counts).toMatchObject({ written: 3, dropped: received - 3 });
    expect(lines).toEqual([expect.stringContaining('More than 3 received events are waiting')]);
  });
});
