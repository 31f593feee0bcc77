import { describe, expect, it } from 'vitest';
import type { AgentifyEvent } from '../../../src/events/types';
import { buildSpans } from '../../../src/domain/spans';
import { DEFAULT_PRICES } from '../../../src/domain/pricing';
import { agentTotals, runTotals, subtreeTotals, toolTimings } from '../../../src/domain/runTotals';
import { diffLines } from '../../../src/domain/textDiff';

const WF = 'wf-totals';
const e = (
  timestamp: number,
  event_type: AgentifyEvent['event_type'],
  payload: AgentifyEvent['payload'],
  agent_name?: string,
): AgentifyEvent => ({ workflow_id: WF, timestamp, event_type, payload, ...(agent_name ? { agent_name } : {}) });

const events = [
  e(1000, 'workflow_start', { span_id: 'wf' }),
  e(1010, 'agent_start', { span_id: 'a1', parent_span_id: 'wf' }, 'planner'),
  e(
    1500,
    'llm_call',
    {
      span_id: 'l1',
      parent_span_id: 'a1',
      status: 'completed',
      duration_ms: 400,
      'gen_ai.request.model': 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.output_tokens': 200,
    },
    'planner',
  ),
  e(1600, 'agent_end', { span_id: 'a1', status: 'completed' }, 'planner'),
  e(1610, 'agent_start', { span_id: 'a2', parent_span_id: 'wf' }, 'writer'),
  e(
    1620,
    'tool_call',
    { span_id: 't1', parent_span_id: 'a2', status: 'started', 'gen_ai.tool.name': 'search' },
    'writer',
  ),
  e(
    1720,
    'tool_call',
    { span_id: 't1', status: 'failed', 'gen_ai.tool.name': 'search', error: { type: 'E', message: 'x' } },
    'writer',
  ),
  e(
    1800,
    'llm_call',
    {
      span_id: 'l2',
      parent_span_id: 'a2',
      status: 'completed',
      'gen_ai.request.model': 'offline-simulator',
      'gen_ai.usage.input_tokens': 50,
      'gen_ai.usage.output_tokens': 5,
    },
    'writer',
  ),
  e(1900, 'agent_end', { span_id: 'a2', status: 'completed' }, 'writer'),
  e(2000, 'workflow_complete', { span_id: 'wf', status: 'completed', result: 'ok' }),
];

describe('run totals and cost', () => {
  const spans = buildSpans(events);

  it('sums tokens, calls, errors and the priced cost of a run, naming the models with no price', () => {
    const t = runTotals(spans.spans.values(), DEFAULT_PRICES, 1000);
    expect(t).toMatchObject({
      inputTokens: 1050,
      outputTokens: 205,
      llmCalls: 2,
      toolCalls: 1,
      errors: 1,
      durationMs: 1000,
      pricedCalls: 1,
      unpriced: ['offline-simulator'],
    });
    expect(t.cost).toBeCloseTo(1 * 0.003 + 0.2 * 0.015, 10);
  });

  it('splits totals per agent with the summed time of its agent spans', () => {
    const per = agentTotals(spans.spans.values(), DEFAULT_PRICES, (s) => s.agent);
    expect(per.get('planner')).toMatchObject({ llmCalls: 1, inputTokens: 1000, durationMs: 590, errors: 0 });
    expect(per.get('writer')).toMatchObject({
      llmCalls: 1,
      toolCalls: 1,
      errors: 1,
      durationMs: 290,
      cost: 0,
      unpriced: ['offline-simulator'],
    });
  });

  it('totals a span with its children, and times tools by name', () => {
    const writer = spans.spans.get('a2')!;
    spans.roots();
    expect(subtreeTotals(writer, DEFAULT_PRICES)).toMatchObject({
      toolCalls: 1,
      llmCalls: 1,
      errors: 1,
      durationMs: 290,
    });
    expect(toolTimings(spans.spans.values()).get('search')).toEqual({ calls: 1, errors: 1, durationMs: 100 });
  });
});

describe('line diff', () => {
  it('marks removed and added lines between common ones', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'del', text: 'b' },
      { op: 'add', text: 'x' },
      { op: 'same', text: 'c' },
    ]);
    expect(diffLines('same', 'same')).toEqual([{ op: 'same', text: 'same' }]);
    expect(diffLines('', 'new').filter((l) => l.op !== 'same')).toEqual([
      { op: 'del', text: '' },
      { op: 'add', text: 'new' },
    ]);
  });

  it('stays bounded on very long inputs', () => {
    const a = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n');
    const b = Array.from({ length: 5000 }, (_, i) => `line ${i + 1}`).join('\n');
    const d = diffLines(a, b);
    expect(d.length).toBeLessThan(4000);
  });
});
