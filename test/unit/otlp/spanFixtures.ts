/** Spans in the receiver's model, built directly, for the mapper's unit tests. */
import type { Attributes, SpanIn } from '../../../src/otlp/otlpModel';

export const T0_US = 1_767_605_400_000_000;
let counter = 0;

export const hexOf = (n: number, digits: number): string => n.toString(16).padStart(digits, '0');
export const newTraceId = (): string => hexOf(++counter, 8).padStart(32, 'a');
export const newSpanId = (): string => hexOf(++counter, 16).replace(/^0/, 'b');

export function span(
  traceId: string,
  name: string,
  attributes: Attributes,
  startMs: number,
  endMs: number,
  extra: Partial<SpanIn> = {},
): SpanIn {
  return {
    traceId,
    spanId: extra.spanId ?? newSpanId(),
    name,
    kind: 1,
    startUs: T0_US + startMs * 1000,
    endUs: T0_US + endMs * 1000,
    attributes,
    events: [],
    statusCode: 1,
    resource: { 'service.name': 'unit' },
    scope: 'unit',
    ...extra,
  };
}
