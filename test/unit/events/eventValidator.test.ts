import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventFromItem, eventSchemaError, hasEventShape, isAgentifyEvent } from '../../../src/events/validate';

const event = {
  workflow_id: 'wf-1',
  timestamp: 1_767_600_000_123.002,
  producer_id: 'p-1',
  seq: 3,
  event_type: 'log',
  payload: { message: 'hi' },
};

describe('the event validator compiled from the schema', () => {
  it('is the one the schema generates today (run scripts/generate-event-validator.mjs after a schema change)', () => {
    const script = path.resolve(__dirname, '../../../scripts/generate-event-validator.mjs');
    // Throws, with the script's message, when the committed file differs from a fresh one.
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('accepts an event and refuses what the schema refuses, saying where', () => {
    expect(isAgentifyEvent(event)).toBe(true);
    expect(isAgentifyEvent({ ...event, seq: 0 })).toBe(false);
    expect(isAgentifyEvent({ ...event, extra: 1 })).toBe(false);
    expect(isAgentifyEvent({ ...event, event_type: 'tool_call' })).toBe(false);
    expect(isAgentifyEvent({ ...event, payload: { ...event.payload, 'gen_ai.usage.input_tokens': -1 } })).toBe(false);
    expect(isAgentifyEvent({ ...event, workflow_id: 'x'.repeat(257) })).toBe(false);
    expect(eventSchemaError({ ...event, seq: 0 })).toContain('/seq');
    expect(eventSchemaError(event)).toBeUndefined();
  });

  it('reads an event out of a table item, dropping the hardened table’s index keys', () => {
    const item = { ...event, index_owner: 'team', event_type_ts: 'log#1767600000123.002', status_ts: 'x' };
    expect(eventFromItem(item)).toEqual(event);
    expect(eventFromItem({ ...item, stray: true })).toBeUndefined();
  });

  it('checks messages to the webview for the shape it draws only', () => {
    expect(hasEventShape({ ...event, payload: { 'gen_ai.usage.input_tokens': 'many' } })).toBe(true);
    expect(hasEventShape({ ...event, timestamp: 'soon' })).toBe(false);
  });
});
