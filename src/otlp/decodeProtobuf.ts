/**
 * OTLP/HTTP protobuf request bodies (`application/x-protobuf`, the default of the Python and JS
 * exporters) → the receiver's span model. protobufjs does the wire decoding against the official
 * descriptor; this file only walks the decoded message.
 */
import type { AttrValue, Attributes, DecodedTraces, SpanEventIn, SpanIn } from './otlpModel';
import { OtlpDecodeError, spanProblem } from './otlpModel';
import { ExportTraceServiceRequest, LongLike, longNanosToMicros, longToNumber } from './otlpProto';

interface PbAnyValue {
  value?: string;
  stringValue?: string;
  boolValue?: boolean;
  intValue?: LongLike;
  doubleValue?: number;
  arrayValue?: { values?: PbAnyValue[] };
  kvlistValue?: { values?: PbKeyValue[] };
  bytesValue?: Uint8Array;
}
interface PbKeyValue {
  key: string;
  value?: PbAnyValue | null;
}
interface PbSpan {
  traceId: Uint8Array;
  spanId: Uint8Array;
  parentSpanId?: Uint8Array;
  name: string;
  kind: number;
  startTimeUnixNano: LongLike;
  endTimeUnixNano: LongLike;
  attributes?: PbKeyValue[];
  events?: { name: string; timeUnixNano: LongLike; attributes?: PbKeyValue[] }[];
  status?: { code?: number; message?: string } | null;
}
interface PbRequest {
  resourceSpans?: {
    resource?: { attributes?: PbKeyValue[] } | null;
    scopeSpans?: { scope?: { name?: string } | null; spans?: PbSpan[] }[];
  }[];
}

const hex = (bytes: Uint8Array | undefined): string =>
  bytes && bytes.length ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex') : '';

function anyValue(v: PbAnyValue | null | undefined, depth = 0): AttrValue {
  if (!v || depth > 16) return null;
  switch (v.value) {
    case 'stringValue':
      return v.stringValue ?? '';
    case 'boolValue':
      return v.boolValue ?? false;
    case 'intValue':
      return longToNumber(v.intValue ?? 0);
    case 'doubleValue':
      return v.doubleValue ?? 0;
    case 'arrayValue':
      return (v.arrayValue?.values ?? []).map((x) => anyValue(x, depth + 1));
    case 'kvlistValue':
      return attributes(v.kvlistValue?.values, depth + 1);
    case 'bytesValue':
      return v.bytesValue ? Buffer.from(v.bytesValue).toString('base64') : '';
    default:
      return null;
  }
}

function attributes(list: PbKeyValue[] | undefined, depth = 0): Attributes {
  const out: Attributes = {};
  if (list) for (const kv of list) out[kv.key] = anyValue(kv.value, depth);
  return out;
}

export function decodeProtobufTraces(body: Uint8Array): DecodedTraces {
  let request: PbRequest;
  try {
    request = ExportTraceServiceRequest.decode(body) as unknown as PbRequest;
  } catch (err) {
    throw new OtlpDecodeError(
      `The body is not an OTLP ExportTraceServiceRequest in protobuf (${(err as Error).message}).`,
    );
  }
  const out: DecodedTraces = { spans: [], rejected: [] };
  for (const rs of request.resourceSpans ?? []) {
    const resource = attributes(rs.resource?.attributes ?? undefined);
    for (const ss of rs.scopeSpans ?? []) {
      const scope = ss.scope?.name ?? '';
      for (const s of ss.spans ?? []) {
        const parent = hex(s.parentSpanId);
        const span: SpanIn = {
          traceId: hex(s.traceId),
          spanId: hex(s.spanId),
          ...(parent ? { parentSpanId: parent } : {}),
          name: s.name,
          kind: s.kind ?? 0,
          startUs: longNanosToMicros(s.startTimeUnixNano),
          endUs: longNanosToMicros(s.endTimeUnixNano),
          attributes: attributes(s.attributes),
          events: (s.events ?? []).map((e): SpanEventIn => ({
            name: e.name,
            timeUs: longNanosToMicros(e.timeUnixNano),
            attributes: attributes(e.attributes),
          })),
          statusCode: s.status?.code ?? 0,
          ...(s.status?.message ? { statusMessage: s.status.message } : {}),
          resource,
          scope,
        };
        const problem = spanProblem(span);
        if (problem) out.rejected.push({ reason: problem });
        else out.spans.push(span);
      }
    }
  }
  return out;
}
