/**
 * Cutting a payload to the events table's limit as the contract says (docs/events.md,
 * "Truncation"): checked against its rules, and against the Python package's own implementation
 * (python-decorators/agentify/truncate.py) on the same payloads, so both producers cut alike.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CUT_MARKER, fitPayload, jsonSize } from '../../../src/eventsTable/fitPayload';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const LIMIT = 350 * 1024;

/** Python's fit_payload() of each payload, with the same limit. */
function pythonFit(payloads: unknown[], limit: number): unknown[] {
  const script =
    'import json, sys\nfrom agentify.truncate import fit_payload\n' +
    'data = json.load(sys.stdin)\n' +
    'print(json.dumps([fit_payload(p, data["limit"]) for p in data["payloads"]]))';
  const out = execFileSync('python3', ['-c', script], {
    input: JSON.stringify({ payloads, limit }),
    env: { ...process.env, PYTHONPATH: path.join(ROOT, 'python-decorators') },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString()) as unknown[];
}

const big = (n: number, unit = 'x') => unit.repeat(n);
const shapes: Record<string, Record<string, unknown>> = {
  'one long output': { 'gen_ai.tool.name': 'search', status: 'completed', output: big(400_000) },
  'long input and output': { status: 'completed', input: big(300_000, 'ab'), output: big(200_000), span_id: 's1' },
  'a long list': { status: 'completed', output: Array.from({ length: 5_000 }, (_, i) => `item ${i} ${big(80)}`) },
  'nested objects': {
    status: 'failed',
    error: { type: 'ValueError', message: big(380_000), traceback: big(50_000) },
    'gen_ai.agent.name': 'planner',
  },
  'text beyond ASCII': { status: 'completed', output: big(150_000, 'é€') },
  'many mid-sized values': Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, big(8_000 + i)])),
};

describe('fitPayload', () => {
  it('returns a payload that fits as it is', () => {
    const payload = { status: 'completed', output: big(1000) };
    expect(fitPayload(payload, LIMIT)).toBe(payload);
  });

  it.each(Object.entries(shapes))('cuts %s to the limit, keeping types and identifiers', (_name, payload) => {
    const out = fitPayload(payload, LIMIT);
    expect(jsonSize(out)).toBeLessThanOrEqual(LIMIT);
    expect(out).toMatchObject({ truncated: true, original_size_bytes: jsonSize(payload) });
    for (const [key, value] of Object.entries(payload)) {
      if (['status', 'span_id', 'gen_ai.agent.name', 'gen_ai.tool.name'].includes(key)) expect(out[key]).toBe(value);
      if (key in out) expect(Array.isArray(out[key])).toBe(Array.isArray(value));
      if (typeof value === 'string' && key in out && out[key] !== value) {
        // Cut with the marker, or emptied when too little room is left for it.
        expect(out[key] === '' || (out[key] as string).endsWith(CUT_MARKER)).toBe(true);
      }
    }
    if ('error' in payload) expect(Object.keys(out.error as object).sort()).toEqual(['message', 'traceback', 'type']);
  });

  it('cuts exactly as the Python package does', () => {
    const payloads = Object.values(shapes);
    expect(payloads.map((p) => fitPayload(p, LIMIT))).toEqual(pythonFit(payloads, LIMIT));
  });

  it('never leaves half of a surrogate pair at a cut', () => {
    const out = fitPayload({ output: big(120_000, '😀') }, LIMIT);
    const text = out.output as string;
    expect(text.endsWith(CUT_MARKER)).toBe(true);
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
    expect(jsonSize(out)).toBeLessThanOrEqual(LIMIT);
  });

  it('keeps only the identifiers when they alone are over the limit', () => {
    const payload = { status: big(400_000), span_id: 's', error: { type: 'E', message: 'm' }, nodes: [1], note: 'n' };
    const out = fitPayload(payload, LIMIT);
    expect(Object.keys(out).sort()).toEqual(['error', 'nodes', 'original_size_bytes', 'span_id', 'truncated']);
    expect(out).toMatchObject({ span_id: 's', nodes: [], truncated: true, original_size_bytes: jsonSize(payload) });
    expect(Object.keys(out.error as object).sort()).toEqual(['message', 'type']);
    expect(pythonFit([payload], LIMIT)).toEqual([out]);
  });
});
