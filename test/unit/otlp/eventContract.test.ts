import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import schema from '../../../schema/event.schema.json';
import { SpanMapper } from '../../../src/otlp/spanMapper';
import { newTraceId, span } from './spanFixtures';

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

describe('events the receiver emits', () => {
  it('satisfy the event schema, pending, generic and failed spans included', () => {
    const t = newTraceId();
    const root = span(
      t,
      'invoke_agent a',
      { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'a' },
      0,
      50,
    );
    const cycle = span(t, 'execute_event_loop_cycle', { 'event_loop.cycle_id': 'c1' }, 1, 49, {
      parentSpanId: root.spanId,
    });
    const chat = span(
      t,
      'chat',
      { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'm', 'gen_ai.usage.input_tokens': 3 },
      2,
      10,
      {
        parentSpanId: cycle.spanId,
      },
    );
    const tool = span(
      t,
      'execute_tool x',
      { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'x' },
      11,
      20,
      {
        parentSpanId: cycle.spanId,
        statusCode: 2,
        statusMessage: 'boom',
      },
    );
    const mapper = new SpanMapper();
    const events = [[chat], [tool], [cycle], [root]].flatMap((b) => mapper.map(b).runs.flatMap((r) => r.events));
    expect(events.length).toBeGreaterThan(8);
    for (const e of events)
      expect({ event: e.event_type, ok: validate(e), errors: validate.errors ?? null }).toEqual({
        event: e.event_type,
        ok: true,
        errors: null,
      });
  });
});
