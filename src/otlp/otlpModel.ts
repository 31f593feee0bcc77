/**
 * The receiver's view of an OTLP trace request, whatever its wire format: ids as lower-case hex,
 * times as integer microseconds since the epoch, attributes as plain JSON values. Both decoders
 * (protobuf and OTLP/JSON) produce it; the span mapper reads only this.
 */

/** An attribute value after decoding: bytes become base64 strings, key-value lists objects. */
export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };
export type Attributes = Record<string, AttrValue>;

export interface SpanEventIn {
  name: string;
  timeUs: number;
  attributes: Attributes;
}

export interface SpanIn {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP SpanKind (0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer). */
  kind: number;
  startUs: number;
  endUs: number;
  attributes: Attributes;
  events: SpanEventIn[];
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage?: string;
  /** Attributes of the resource that produced the span (service.name, agentify.workflow_id, …). */
  resource: Attributes;
  scope: string;
}

/** A span the decoder had to refuse, with why; counted in the response's partial_success. */
export interface RejectedSpan {
  reason: string;
}

export interface DecodedTraces {
  spans: SpanIn[];
  rejected: RejectedSpan[];
}

/** Thrown for a request that cannot be read at all (the receiver answers 400 with the message). */
export class OtlpDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OtlpDecodeError';
  }
}

export const TRACE_ID = /^[0-9a-f]{32}$/;
export const SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO = /^0+$/;

export const validTraceId = (id: string): boolean => TRACE_ID.test(id) && !ZERO.test(id);
export const validSpanId = (id: string): boolean => SPAN_ID.test(id) && !ZERO.test(id);

/** Checks the ids and times every mapped span needs; returns why a span cannot be mapped, if so. */
export function spanProblem(
  span: Pick<SpanIn, 'traceId' | 'spanId' | 'parentSpanId' | 'startUs' | 'endUs'>,
): string | undefined {
  if (!validTraceId(span.traceId)) return 'a span without a valid trace id (16 bytes, not all zero)';
  if (!validSpanId(span.spanId)) return 'a span without a valid span id (8 bytes, not all zero)';
  if (span.parentSpanId !== undefined && !validSpanId(span.parentSpanId))
    return 'a span whose parent span id is not 8 bytes';
  if (!Number.isFinite(span.startUs) || span.startUs <= 0) return 'a span without a start time';
  if (!Number.isFinite(span.endUs) || span.endUs < span.startUs) return 'a span that ends before it starts';
  return undefined;
}
