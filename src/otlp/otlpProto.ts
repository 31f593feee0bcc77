/**
 * The OTLP trace messages as protobufjs types, loaded from the descriptor generated from the
 * official opentelemetry-proto files (proto/otlpTrace.json, see proto/generate.mjs). Decoding
 * requests and encoding responses and exports both go through these types.
 */
import * as protobuf from 'protobufjs/light';
import descriptor from './proto/otlpTrace.json';

const root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace);

export const ExportTraceServiceRequest = root.lookupType(
  'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
);
export const ExportTraceServiceResponse = root.lookupType(
  'opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse',
);

/** A 64-bit integer as protobufjs decodes it when `long` is installed, or a plain number otherwise. */
export type LongLike = number | { high: number; low: number; unsigned?: boolean; toNumber(): number };

/** Integer microseconds from unix nanoseconds, exact for any time up to year 2255. */
export function longNanosToMicros(value: LongLike | null | undefined): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return Math.floor(value / 1000);
  // ns = high·2^32 + low, and 2^32 = 4294967·1000 + 296: split so no product passes 2^53.
  const high = value.high >>> 0;
  const low = value.low >>> 0;
  return high * 4294967 + Math.floor((high * 296 + low) / 1000);
}

export function longToNumber(value: LongLike): number {
  return typeof value === 'number' ? value : value.toNumber();
}
