/**
 * Bodies of the receiver's answers, in the format the request came in: ExportTraceServiceResponse
 * (with partial_success when spans were refused) for a 200, and for errors the OTLP/HTTP
 * recommendation of a google.rpc.Status-shaped message (JSON for JSON clients, text otherwise —
 * exporters log it either way).
 */
import { ExportTraceServiceResponse } from './otlpProto';

export type WireFormat = 'protobuf' | 'json';

export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

export function exportResponse(
  format: WireFormat,
  partial?: PartialSuccess,
): { body: Uint8Array | string; contentType: string } {
  if (format === 'json') {
    const doc = partial
      ? { partialSuccess: { rejectedSpans: String(partial.rejectedSpans), errorMessage: partial.errorMessage } }
      : {};
    return { body: JSON.stringify(doc), contentType: 'application/json' };
  }
  const message = ExportTraceServiceResponse.create(
    partial ? { partialSuccess: { rejectedSpans: partial.rejectedSpans, errorMessage: partial.errorMessage } } : {},
  );
  return { body: ExportTraceServiceResponse.encode(message).finish(), contentType: 'application/x-protobuf' };
}

/** gRPC status code INVALID_ARGUMENT (3) or RESOURCE_EXHAUSTED (8), as OTLP/HTTP error bodies carry it. */
export function errorResponse(
  format: WireFormat | undefined,
  status: number,
  message: string,
): { body: string; contentType: string } {
  if (format === 'json')
    return { body: JSON.stringify({ code: status === 413 ? 8 : 3, message }), contentType: 'application/json' };
  return { body: message, contentType: 'text/plain; charset=utf-8' };
}
