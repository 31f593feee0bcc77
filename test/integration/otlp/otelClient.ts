/**
 * A real OpenTelemetry JS SDK pointed at the receiver: TracerProvider + BatchSpanProcessor with
 * the protobuf or the JSON OTLP/HTTP exporter, as agent frameworks configure it. Spans are built
 * with explicit parents and times so a test states the run it sends.
 */
import { Attributes, Context, ROOT_CONTEXT, Span, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as HttpExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

export type Protocol = 'protobuf' | 'json';
type CompressionAlgorithm = NonNullable<NonNullable<ConstructorParameters<typeof ProtoExporter>[0]>['compression']>;

export interface OtelClient {
  tracer: ReturnType<TracerProvider['getTracer']>;
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

export function otelClient(
  baseUrl: string,
  protocol: Protocol,
  resource: Attributes = { 'service.name': 'otlp-test' },
  options: { maxBatch?: number; delayMs?: number; gzip?: boolean } = {},
): OtelClient {
  const url = `${baseUrl}/v1/traces`;
  const config = { url, ...(options.gzip ? { compression: 'gzip' as CompressionAlgorithm } : {}) };
  const exporter = protocol === 'protobuf' ? new ProtoExporter(config) : new HttpExporter(config);
  const processor = new BatchSpanProcessor({
    exporter,
    maxExportBatchSize: options.maxBatch ?? 512,
    scheduledDelayMillis: options.delayMs ?? 50,
  });
  const provider = new TracerProvider({ resource: resourceFromAttributes(resource), spanProcessors: [processor] });
  return {
    tracer: provider.getTracer('agentify-test', '1.0.0'),
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

export interface SpanSpec {
  name: string;
  attributes?: Attributes;
  /** ms after the run's start. */
  start: number;
  end: number;
  error?: string;
  events?: { name: string; attributes?: Attributes; at?: number }[];
  children?: SpanSpec[];
}

/** Starts and ends the spans of a tree with explicit times; children end first, as in real runs. */
export function emitTree(client: OtelClient, spec: SpanSpec, t0: number, parent: Context = ROOT_CONTEXT): Span {
  const span = client.tracer.startSpan(spec.name, { attributes: spec.attributes, startTime: t0 + spec.start }, parent);
  const ctx = trace.setSpan(parent, span);
  for (const child of spec.children ?? []) emitTree(client, child, t0, ctx);
  for (const e of spec.events ?? []) span.addEvent(e.name, e.attributes ?? {}, t0 + (e.at ?? spec.start));
  if (spec.error) {
    span.recordException({ name: 'ToolError', message: spec.error }, t0 + spec.end);
    span.setStatus({ code: SpanStatusCode.ERROR, message: spec.error });
  } else span.setStatus({ code: SpanStatusCode.OK });
  span.end(t0 + spec.end);
  return span;
}

/**
 * Like emitTree, but flushes after every span ends, as Strands does (its tracer force-flushes on
 * each span end): each span reaches the receiver in its own request, children before parents.
 */
export async function emitTreeFlushing(
  client: OtelClient,
  spec: SpanSpec,
  t0: number,
  parent: Context = ROOT_CONTEXT,
  onFlushed?: (name: string) => void | Promise<void>,
): Promise<void> {
  const span = client.tracer.startSpan(spec.name, { attributes: spec.attributes, startTime: t0 + spec.start }, parent);
  const ctx = trace.setSpan(parent, span);
  for (const child of spec.children ?? []) await emitTreeFlushing(client, child, t0, ctx, onFlushed);
  for (const e of spec.events ?? []) span.addEvent(e.name, e.attributes ?? {}, t0 + (e.at ?? spec.start));
  if (spec.error) {
    span.recordException({ name: 'ToolError', message: spec.error }, t0 + spec.end);
    span.setStatus({ code: SpanStatusCode.ERROR, message: spec.error });
  } else span.setStatus({ code: SpanStatusCode.OK });
  span.end(t0 + spec.end);
  await client.flush();
  await onFlushed?.(spec.name);
}
