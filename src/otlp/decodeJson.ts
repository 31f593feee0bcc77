/**
 * OTLP/HTTP JSON request bodies (`application/json`) → the receiver's span model, following the
 * OTLP/JSON mapping: lowerCamelCase keys, trace and span ids as hex (not base64), 64-bit integers
 * as decimal strings or numbers, enums as integers, unknown fields ignored. A structure that is
 * not a trace request fails the whole request; a span with a value of the wrong type is refused
 * on its own (partial success), with the path of the offending value.
 */
import type { AttrValue, Attributes, DecodedTraces, SpanEventIn, SpanIn } from './otlpModel';
import { OtlpDecodeError, spanProblem } from './otlpModel';

type Json = Record<string, unknown>;

class BadValue extends Error {}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function list(v: unknown, path: string, strict: boolean): unknown[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  const message = `${path} must be an array`;
  throw strict ? new OtlpDecodeError(`The body is not an OTLP/JSON trace request: ${message}.`) : new BadValue(message);
}

function int(v: unknown, path: string): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,20}$/.test(v)) return Number(v);
  throw new BadValue(`${path} must be an integer (a number or a decimal string)`);
}

function micros(v: unknown, path: string): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'string' && /^\d{1,20}$/.test(v)) return v.length <= 3 ? 0 : Number(v.slice(0, -3));
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return Math.floor(v / 1000);
  throw new BadValue(`${path} must be unix nanoseconds (a decimal string or a number)`);
}

function str(v: unknown, path: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  throw new BadValue(`${path} must be a string`);
}

function id(v: unknown, path: string): string {
  const s = str(v, path);
  if (s !== '' && !/^[0-9a-fA-F]+$/.test(s))
    throw new BadValue(`${path} must be hex (OTLP/JSON ids are hex, not base64)`);
  return s.toLowerCase();
}

function anyValue(v: unknown, path: string, depth: number): AttrValue {
  if (v === undefined || v === null) return null;
  if (!isObject(v) || depth > 16) {
    throw new BadValue(`${path} must be an AnyValue object such as {"stringValue": "…"}`);
  }
  if ('stringValue' in v) return str(v.stringValue, `${path}.stringValue`);
  if ('boolValue' in v) {
    if (typeof v.boolValue !== 'boolean') throw new BadValue(`${path}.boolValue must be true or false`);
    return v.boolValue;
  }
  if ('intValue' in v) return int(v.intValue, `${path}.intValue`);
  if ('doubleValue' in v) {
    if (typeof v.doubleValue === 'number') return v.doubleValue;
    if (typeof v.doubleValue === 'string' && v.doubleValue.trim() !== '' && !Number.isNaN(Number(v.doubleValue)))
      return Number(v.doubleValue);
    throw new BadValue(`${path}.doubleValue must be a number`);
  }
  if ('arrayValue' in v) {
    const values = isObject(v.arrayValue) ? v.arrayValue.values : undefined;
    return list(values, `${path}.arrayValue.values`, false).map((x, i) =>
      anyValue(x, `${path}.arrayValue.values[${i}]`, depth + 1),
    );
  }
  if ('kvlistValue' in v) {
    const values = isObject(v.kvlistValue) ? v.kvlistValue.values : undefined;
    return attributes(values, `${path}.kvlistValue.values`, depth + 1);
  }
  if ('bytesValue' in v) return str(v.bytesValue, `${path}.bytesValue`);
  return null;
}

function attributes(v: unknown, path: string, depth = 0): Attributes {
  const out: Attributes = {};
  list(v, path, false).forEach((kv, i) => {
    if (!isObject(kv) || typeof kv.key !== 'string')
      throw new BadValue(`${path}[${i}] must be {"key": "…", "value": {…}}`);
    out[kv.key] = anyValue(kv.value, `${path}[${i}].value`, depth);
  });
  return out;
}

function span(s: unknown, path: string, resource: Attributes, scope: string): SpanIn {
  if (!isObject(s)) throw new BadValue(`${path} must be an object`);
  const parent = id(s.parentSpanId, `${path}.parentSpanId`);
  const status = isObject(s.status) ? s.status : {};
  const statusMessage = str(status.message, `${path}.status.message`);
  return {
    traceId: id(s.traceId, `${path}.traceId`),
    spanId: id(s.spanId, `${path}.spanId`),
    ...(parent ? { parentSpanId: parent } : {}),
    name: str(s.name, `${path}.name`),
    kind: s.kind === undefined ? 0 : int(s.kind, `${path}.kind`),
    startUs: micros(s.startTimeUnixNano, `${path}.startTimeUnixNano`),
    endUs: micros(s.endTimeUnixNano, `${path}.endTimeUnixNano`),
    attributes: attributes(s.attributes, `${path}.attributes`),
    events: list(s.events, `${path}.events`, false).map((e, i): SpanEventIn => {
      const p = `${path}.events[${i}]`;
      if (!isObject(e)) throw new BadValue(`${p} must be an object`);
      return {
        name: str(e.name, `${p}.name`),
        timeUs: micros(e.timeUnixNano, `${p}.timeUnixNano`),
        attributes: attributes(e.attributes, `${p}.attributes`),
      };
    }),
    statusCode: status.code === undefined ? 0 : int(status.code, `${path}.status.code`),
    ...(statusMessage ? { statusMessage } : {}),
    resource,
    scope,
  };
}

export function decodeJsonTraces(text: string): DecodedTraces {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new OtlpDecodeError(`The body is not valid JSON (${(err as Error).message}).`);
  }
  if (!isObject(doc))
    throw new OtlpDecodeError('The body is not an OTLP/JSON trace request: expected an object with "resourceSpans".');
  const out: DecodedTraces = { spans: [], rejected: [] };
  list(doc.resourceSpans, 'resourceSpans', true).forEach((rs, r) => {
    if (!isObject(rs))
      throw new OtlpDecodeError(`The body is not an OTLP/JSON trace request: resourceSpans[${r}] must be an object.`);
    let resource: Attributes = {};
    try {
      resource = attributes(
        isObject(rs.resource) ? rs.resource.attributes : undefined,
        `resourceSpans[${r}].resource.attributes`,
      );
    } catch (err) {
      throw new OtlpDecodeError(`The body is not an OTLP/JSON trace request: ${(err as Error).message}.`);
    }
    list(rs.scopeSpans, `resourceSpans[${r}].scopeSpans`, true).forEach((ss, s) => {
      if (!isObject(ss))
        throw new OtlpDecodeError(
          `The body is not an OTLP/JSON trace request: resourceSpans[${r}].scopeSpans[${s}] must be an object.`,
        );
      const scope = isObject(ss.scope) && typeof ss.scope.name === 'string' ? ss.scope.name : '';
      list(ss.spans, `resourceSpans[${r}].scopeSpans[${s}].spans`, true).forEach((raw, i) => {
        try {
          const decoded = span(raw, `resourceSpans[${r}].scopeSpans[${s}].spans[${i}]`, resource, scope);
          const problem = spanProblem(decoded);
          if (problem) out.rejected.push({ reason: problem });
          else out.spans.push(decoded);
        } catch (err) {
          if (!(err instanceof BadValue)) throw err;
          out.rejected.push({ reason: err.message });
        }
      });
    });
  });
  return out;
}
