/**
 * Cutting a payload to the events table's limit, as the contract says (docs/events.md,
 * "Truncation") and the Python package does (python-decorators/agentify/truncate.py): the largest
 * values are cut first, identifying keys never; values keep their type (strings end with the
 * marker, lists lose trailing items, objects keep their smallest entries and shrink the rest); the
 * payload then says `truncated: true` and its `original_size_bytes`.
 */
type Json = unknown;
type Payload = Record<string, Json>;

export const CUT_MARKER = '...[truncated]';

/** Small identifying fields, never cut, so a cut event still says what it is. */
const PROTECTED: ReadonlySet<string> = new Set([
  'trace_id',
  'span_id',
  'parent_span_id',
  'status',
  'duration_ms',
  'level',
  'gen_ai.agent.name',
  'gen_ai.tool.name',
  'gen_ai.request.model',
  'gen_ai.system',
  'gen_ai.usage.input_tokens',
  'gen_ai.usage.output_tokens',
]);
/** Room for `"truncated":true,"original_size_bytes":NNNNNNNNN`. */
const MARKER_ROOM = 64;

/** Bytes of the compact UTF-8 JSON of `value`. */
export const jsonSize = (value: Json): number => Buffer.byteLength(JSON.stringify(value) ?? 'null');

const isObject = (v: Json): v is Payload => typeof v === 'object' && v !== null && !Array.isArray(v);

function cutString(s: string, budget: number): string {
  if (budget <= CUT_MARKER.length) return '';
  let out = s.slice(0, budget - CUT_MARKER.length - 2);
  // Cut by characters, then trim until the UTF-8 form fits (a character takes up to 4 bytes).
  while (out && jsonSize(out) + CUT_MARKER.length > budget) {
    const over = jsonSize(out) + CUT_MARKER.length - budget;
    out = out.slice(0, Math.max(0, out.length - Math.max(1, Math.floor(over / 2))));
  }
  // Never end on half of a surrogate pair (it would not survive UTF-8).
  const last = out.charCodeAt(out.length - 1);
  return (last >= 0xd800 && last <= 0xdbff ? out.slice(0, -1) : out) + CUT_MARKER;
}

/** A value of the same type whose JSON takes about `budget` bytes or fewer. */
export function shrink(value: Json, budget: number): Json {
  budget = Math.max(0, budget);
  if (jsonSize(value) <= budget) return value;
  if (typeof value === 'string') return cutString(value, budget);
  if (Array.isArray(value)) {
    const out: Json[] = [];
    let used = 2;
    for (const item of value) {
      const size = jsonSize(item) + 1;
      if (used + size > budget) {
        if (!out.length && budget - used > 32) out.push(shrink(item, budget - used - 1));
        break;
      }
      out.push(item);
      used += size;
    }
    return out;
  }
  if (isObject(value)) {
    const kept: Payload = {};
    let used = 2;
    const bySize = Object.entries(value)
      .map(([key, v]) => ({ key, v, size: jsonSize(v) }))
      .sort((a, b) => a.size - b.size);
    for (const { key, v, size } of bySize) {
      const keySize = jsonSize(key) + 2;
      if (used + keySize + size <= budget) {
        kept[key] = v;
        used += keySize + size;
      } else if (budget - used - keySize > 8) {
        kept[key] = shrink(v, budget - used - keySize);
        used += keySize + jsonSize(kept[key]);
      } else if (typeof v === 'string') {
        kept[key] = ''; // keep required keys such as error.message present
        used += keySize + 2;
      }
    }
    return Object.fromEntries(Object.keys(value).flatMap((k) => (k in kept ? [[k, kept[k]]] : [])));
  }
  return value;
}

/** `payload` itself when it fits in `limit` bytes, else a cut copy marked as truncated. */
export function fitPayload(payload: Payload, limit: number): Payload {
  const original = jsonSize(payload);
  if (original <= limit) return payload;
  let out: Payload = { ...payload };
  const target = limit - MARKER_ROOM;
  for (let attempt = 0; attempt < 6; attempt++) {
    let over = jsonSize(out) - target;
    if (over <= 0) break;
    const largestFirst = Object.keys(out)
      .filter((key) => !PROTECTED.has(key))
      .map((key) => ({ key, size: jsonSize(out[key]) }))
      .sort((a, b) => b.size - a.size);
    for (const { key, size } of largestFirst) {
      if (over <= 0) break;
      out[key] = shrink(out[key], size - over - 16 * attempt);
      over = jsonSize(out) - target;
    }
  }
  if (jsonSize(out) > target) {
    // Only pathological payloads (huge identifying fields) get here: keep the identifiers.
    const kept: Payload = {};
    for (const [k, v] of Object.entries(out)) if (PROTECTED.has(k) && jsonSize(v) < 1024) kept[k] = v;
    if (isObject(out.error)) kept.error = { type: String(out.error.type ?? '').slice(0, 200), message: '' };
    for (const key of ['nodes', 'edges']) if (Array.isArray(out[key])) kept[key] = [];
    out = kept;
  }
  return { ...out, truncated: true, original_size_bytes: original };
}
