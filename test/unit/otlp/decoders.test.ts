import { describe, expect, it } from 'vitest';
import { decodeJsonTraces } from '../../../src/otlp/decodeJson';
import { decodeProtobufTraces } from '../../../src/otlp/decodeProtobuf';
import { OtlpDecodeError } from '../../../src/otlp/otlpModel';
import { ExportTraceServiceRequest, longNanosToMicros } from '../../../src/otlp/otlpProto';

const TRACE = '5b8efff798038103d269b633813fc60c';
const SPAN = 'eee19b7ec3c1b174';
const jsonSpan = (over: Record<string, unknown> = {}) => ({
  traceId: TRACE,
  spanId: SPAN,
  name: 'chat',
  startTimeUnixNano: '1767605400000000000',
  endTimeUnixNano: '1767605400001500000',
  attributes: [
    { key: 's', value: { stringValue: 'x' } },
    { key: 'i', value: { intValue: '42' } },
    { key: 'd', value: { doubleValue: 0.5 } },
    { key: 'b', value: { boolValue: true } },
    { key: 'a', value: { arrayValue: { values: [{ stringValue: 'p' }, { intValue: 1 }] } } },
    { key: 'k', value: { kvlistValue: { values: [{ key: 'n', value: { stringValue: 'v' } }] } } },
  ],
  ...over,
});
const doc = (...spans: unknown[]) =>
  JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
        scopeSpans: [{ scope: { name: 'sc' }, spans }],
      },
    ],
  });

describe('OTLP/JSON decoding', () => {
  it('reads hex ids, nanosecond strings and every AnyValue shape', () => {
    const { spans, rejected } = decodeJsonTraces(doc(jsonSpan()));
    expect(rejected).toEqual([]);
    expect(spans[0]).toMatchObject({
      traceId: TRACE,
      spanId: SPAN,
      startUs: 1_767_605_400_000_000,
      endUs: 1_767_605_400_001_500,
      resource: { 'service.name': 'svc' },
      scope: 'sc',
    });
    expect(spans[0].attributes).toEqual({ s: 'x', i: 42, d: 0.5, b: true, a: ['p', 1], k: { n: 'v' } });
  });

  it('refuses a span with a value of the wrong type, saying where, and keeps the others', () => {
    const bad = jsonSpan({ spanId: 'ffe19b7ec3c1b174', attributes: [{ key: 'n', value: { intValue: 'many' } }] });
    const { spans, rejected } = decodeJsonTraces(doc(jsonSpan(), bad));
    expect(spans).toHaveLength(1);
    expect(rejected[0].reason).toBe(
      'resourceSpans[0].scopeSpans[0].spans[1].attributes[0].value.intValue ' +
        'must be an integer (a number or a decimal string)',
    );
    expect(decodeJsonTraces(doc(jsonSpan({ attributes: [{ key: 'x', value: 7 }] }))).rejected[0].reason).toMatch(
      /must be an AnyValue object/,
    );
  });

  it('refuses spans without usable ids: missing trace id, base64 ids, all-zero ids', () => {
    const reasons = decodeJsonTraces(
      doc(
        jsonSpan({ traceId: undefined }),
        jsonSpan({ traceId: 'W47/95gDgQPSabYzgT/GDA==' }),
        jsonSpan({ spanId: '0000000000000000' }),
      ),
    ).rejected.map((r) => r.reason);
    expect(reasons).toEqual([
      'a span without a valid trace id (16 bytes, not all zero)',
      'resourceSpans[0].scopeSpans[0].spans[1].traceId must be hex (OTLP/JSON ids are hex, not base64)',
      'a span without a valid span id (8 bytes, not all zero)',
    ]);
  });

  it('fails the request for a body that is not JSON or not a trace request', () => {
    expect(() => decodeJsonTraces('{"resourceSpans": [')).toThrow(OtlpDecodeError);
    expect(() => decodeJsonTraces('[1,2]')).toThrow(/expected an object with "resourceSpans"/);
    expect(() => decodeJsonTraces('{"resourceSpans": 3}')).toThrow(/resourceSpans must be an array/);
  });
});

describe('OTLP protobuf decoding', () => {
  it('reads what protobufjs encodes from the official descriptor', () => {
    const message = ExportTraceServiceRequest.fromObject({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: Buffer.from(TRACE, 'hex'),
                  spanId: Buffer.from(SPAN, 'hex'),
                  name: 'x',
                  startTimeUnixNano: '1767605400000000999',
                  endTimeUnixNano: '1767605400000002000',
                  attributes: [
                    { key: 'i', value: { intValue: 7 } },
                    { key: 'y', value: { bytesValue: Buffer.from('hi') } },
                  ],
                  status: { code: 2, message: 'bad' },
                },
              ],
            },
          ],
        },
      ],
    });
    const { spans } = decodeProtobufTraces(ExportTraceServiceRequest.encode(message).finish());
    expect(spans[0]).toMatchObject({
      traceId: TRACE,
      spanId: SPAN,
      startUs: 1_767_605_400_000_000,
      endUs: 1_767_605_400_000_002,
      statusCode: 2,
      statusMessage: 'bad',
      attributes: { i: 7, y: 'aGk=' },
    });
    expect(spans[0].parentSpanId).toBeUndefined();
  });

  it('fails the request for bytes that are not a trace request', () => {
    expect(() => decodeProtobufTraces(Buffer.from('{"resourceSpans":[]}'))).toThrow(OtlpDecodeError);
    expect(() => decodeProtobufTraces(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]))).toThrow(
      /not an OTLP ExportTraceServiceRequest in protobuf/,
    );
  });

  it('converts 64-bit nanoseconds to microseconds exactly', () => {
    const ns = 1_767_605_400_123_456_789n;
    const long = { high: Number(ns >> 32n), low: Number(ns & 0xffffffffn) | 0, toNumber: () => Number(ns) };
    expect(longNanosToMicros(long)).toBe(Number(ns / 1000n));
    const y2200 = 7_258_118_400_123_456_999n;
    const late = { high: Number(y2200 >> 32n), low: Number(y2200 & 0xffffffffn) | 0, toNumber: () => Number(y2200) };
    expect(longNanosToMicros(late)).toBe(Number(y2200 / 1000n));
  });
});
