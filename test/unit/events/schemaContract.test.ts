/**
 * The TypeScript event types and the JSON Schema must not drift: this compares the lists and
 * required fields the types declare with the schema, and validates typed sample events with it.
 */
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import schema from '../../../schema/event.schema.json';
import { AgentifyEvent, EVENT_TYPES, STATUSES, eventKey } from '../../../src/events/types';
import { isAgentifyEvent } from '../../../src/events/validate';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

const base = { workflow_id: 'wf-0123abcd', timestamp: 1_700_000_000_000, ttl: 1_700_086_400 };
const span = { trace_id: '0'.repeat(31) + '1', span_id: 'a'.repeat(16) };

const samples: AgentifyEvent[] = [
  { ...base, event_type: 'workflow_start', payload: { ...span, input: 'prompt' } },
  {
    ...base,
    event_type: 'workflow_complete',
    payload: { ...span, status: 'completed', result: '# Done', duration_ms: 12 },
  },
  {
    ...base,
    event_type: 'workflow_error',
    payload: { ...span, status: 'failed', error: { type: 'ValueError', message: 'bad', traceback: 'Traceback…' } },
  },
  {
    ...base,
    event_type: 'graph_structure',
    payload: { nodes: [{ id: 'planner', kind: 'agent' }], edges: [{ from: 'planner', to: 'writer' }] },
  },
  { ...base, event_type: 'agent_start', agent_name: 'planner', payload: { ...span, 'gen_ai.agent.name': 'planner' } },
  {
    ...base,
    event_type: 'agent_end',
    agent_name: 'planner',
    payload: { ...span, status: 'completed', duration_ms: 3 },
  },
  { ...base, event_type: 'agent_stream', agent_name: 'writer', payload: { ...span, chunk: 'Hello' } },
  {
    ...base,
    event_type: 'tool_call',
    agent_name: 'researcher',
    payload: { ...span, status: 'started', 'gen_ai.tool.name': 'search', input: { q: 'x' } },
  },
  {
    ...base,
    event_type: 'llm_call',
    payload: {
      ...span,
      'gen_ai.request.model': 'offline',
      'gen_ai.usage.input_tokens': 10,
      'gen_ai.usage.output_tokens': 5,
    },
  },
  { ...base, event_type: 'log', payload: { level: 'info', message: 'hi' } },
];

describe('event contract', () => {
  it('lists the same event types as the schema', () => {
    expect([...EVENT_TYPES].sort()).toEqual([...schema.$defs.EventType.enum].sort());
  });

  it('lists the same statuses as the schema', () => {
    expect([...STATUSES].sort()).toEqual([...schema.$defs.Status.enum].sort());
  });

  it('requires in TypeScript exactly what the schema requires', () => {
    expect(schema.required.sort()).toEqual(['event_type', 'payload', 'timestamp', 'workflow_id']);
  });

  it.each(samples.map((s) => [s.event_type, s] as const))('accepts a typed %s event', (_type, event) => {
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    expect(isAgentifyEvent(event)).toBe(true);
  });

  it('rejects a failed tool call without its tool name, and unknown fields', () => {
    expect(
      validate({ ...base, event_type: 'tool_call', payload: { status: 'failed', error: { type: 'E', message: 'm' } } }),
    ).toBe(false);
    expect(validate({ ...base, event_type: 'log', payload: {}, extra: 1 })).toBe(false);
    expect(isAgentifyEvent({ ...base, event_type: 'nope', payload: {} })).toBe(false);
    expect(isAgentifyEvent({ ...base, event_type: 'log', payload: [] })).toBe(false);
  });

  it('identifies an event by workflow id and timestamp', () => {
    expect(eventKey(base)).toBe('wf-0123abcd:1700000000000');
  });
});
