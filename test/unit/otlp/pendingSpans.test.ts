import { describe, expect, it } from 'vitest';
import type { AgentifyEvent } from '../../../src/events/types';
import { buildSpans } from '../../../src/domain/spans';

const ev = (
  timestamp: number,
  event_type: AgentifyEvent['event_type'],
  payload: AgentifyEvent['payload'],
  agent_name?: string,
): AgentifyEvent => ({
  workflow_id: 'w',
  timestamp,
  event_type,
  ...(agent_name ? { agent_name } : {}),
  payload,
});

describe('the span tree with spans a child opened first', () => {
  it('takes kind and name from the span itself once it arrives', () => {
    const spans = buildSpans([
      ev(1, 'agent_start', { span_id: 'p', status: 'started', pending: true }),
      ev(2, 'agent_start', { span_id: 'c', parent_span_id: 'p', status: 'started' }, 'inner'),
      ev(3, 'agent_end', { span_id: 'c', status: 'completed' }, 'inner'),
      ev(4, 'tool_call', { span_id: 'p', status: 'completed', 'gen_ai.tool.name': 'inner_as_tool' }),
    ]);
    const [root] = spans.roots();
    expect(root).toMatchObject({ id: 'p', kind: 'tool', name: 'inner_as_tool', status: 'ok' });
    expect(root.pending).toBeUndefined();
    expect(root.children.map((c) => c.name)).toEqual(['inner']);
  });

  it('names a generic span after payload.name', () => {
    const spans = buildSpans([
      ev(1, 'agent_end', { span_id: 'g', status: 'completed', name: 'execute_event_loop_cycle', generic: true }),
    ]);
    expect(spans.roots()[0].name).toBe('execute_event_loop_cycle');
  });
});
