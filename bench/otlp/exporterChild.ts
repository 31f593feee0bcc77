/**
 * The OTLP side of bench/otlp/latency.ts, run as its own process: the real OpenTelemetry JS SDK
 * (TracerProvider, BatchSpanProcessor) and the real OTLP/HTTP protobuf exporter, ending one tool
 * span per tick at a fixed rate under one agent span. The exporter is wrapped only to note when the
 * BatchSpanProcessor hands it a batch and when the export settles; its HTTP agent is the default
 * one (`keepAlive: true`), subclassed only to note when a request (the body serialized) is handed to
 * it; the response is timed through Node's HTTP diagnostics channel. Times are milliseconds of the system's
 * monotonic clock (process.hrtime), the same in every process of the machine, so the parent can
 * compare them with its own. The notes go to stdout as one JSON line at the end, so nothing is
 * written while spans are measured.
 *
 *   node --import tsx bench/otlp/exporterChild.ts URL PER_SECOND COUNT DELAY_MS WORKFLOW_ID
 */
import * as diagnostics from 'node:diagnostics_channel';
import * as http from 'node:http';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type ReadableSpan, type SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';

/** One export of the BatchSpanProcessor, as the exporter saw it. */
export interface ExportNote {
  /** Tool indices in the batch (the agent span, last, has none). */
  tools: number[];
  /** The processor called export(). */
  exportAt: number;
  /** The HTTP request was handed to the agent (the body serialized, about to be written). */
  requestAt?: number;
  /** The response's headers were read (the channel is named finish; Node publishes it then). */
  responseAt?: number;
  /** The export settled (the processor may start its next timer from here). */
  doneAt?: number;
  /** The request went over a kept-alive connection. */
  reusedSocket?: boolean;
}

export interface ChildNotes {
  /** When each tool span ended, by index. */
  endedAt: number[];
  exports: ExportNote[];
  delayMs: number;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;
const toolIndex = (span: ReadableSpan) => (span.name.startsWith('execute_tool t') ? Number(span.name.slice(14)) : -1);

class NotingExporter implements SpanExporter {
  constructor(
    private readonly inner: SpanExporter,
    private readonly notes: ExportNote[],
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const note: ExportNote = { tools: spans.map(toolIndex).filter((i) => i >= 0), exportAt: now() };
    this.notes.push(note);
    this.inner.export(spans, (result) => {
      note.doneAt = now();
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

/**
 * The exporter's default agent, noting when each request reaches it (exports are one at a time, so
 * a request is the last export's).
 */
class NotingAgent extends http.Agent {
  constructor(private readonly notes: ExportNote[]) {
    super({ keepAlive: true });
  }

  // Node calls addRequest from the ClientRequest constructor; @types/node leaves it out.
  addRequest(request: http.ClientRequest, options: http.RequestOptions): void {
    this.notes[this.notes.length - 1].requestAt = now();
    (http.Agent.prototype as unknown as { addRequest(...a: unknown[]): void }).addRequest.call(this, request, options);
  }
}

function noteResponses(notes: ExportNote[]): void {
  diagnostics.subscribe('http.client.response.finish', (message) => {
    const note = notes[notes.length - 1];
    note.responseAt = now();
    note.reusedSocket = (message as { request: http.ClientRequest }).request.reusedSocket;
  });
}

function main(): void {
  const [url, perSecondArg, countArg, delayArg, workflowId] = process.argv.slice(2);
  const [perSecond, count, delayMs] = [Number(perSecondArg), Number(countArg), Number(delayArg)];
  const notes: ChildNotes = { endedAt: [], exports: [], delayMs };
  noteResponses(notes.exports);
  const otlp = new OTLPTraceExporter({
    url: `${url}/v1/traces`,
    httpAgentOptions: () => new NotingAgent(notes.exports),
  });
  const exporter = new NotingExporter(otlp, notes.exports);
  const processor = new BatchSpanProcessor({
    exporter,
    scheduledDelayMillis: delayMs,
    maxExportBatchSize: 512,
    maxQueueSize: 65536,
  });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'agentify.workflow_id': workflowId }),
    spanProcessors: [processor],
  });
  const tracer = provider.getTracer('bench');
  const agent = tracer.startSpan('invoke_agent bench', {
    attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'bench' },
  });
  const ctx = trace.setSpan(ROOT_CONTEXT, agent);
  const start = now();
  let i = 0;
  const tick = () => {
    while (i < count && now() >= start + (i * 1000) / perSecond) {
      const attributes = { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': `t${i}` };
      const span = tracer.startSpan(`execute_tool t${i}`, { attributes }, ctx);
      const endedAt = now();
      span.setAttribute('gen_ai.tool.call.arguments', JSON.stringify({ emitted_at: endedAt }));
      span.end();
      notes.endedAt[i] = endedAt;
      i++;
    }
    if (i < count) return void setTimeout(tick, Math.max(0, start + (i * 1000) / perSecond - now()));
    agent.end();
    void provider.shutdown().then(() => process.stdout.write(`${JSON.stringify(notes)}\n`));
  };
  tick();
}

main();
