import { describe, expect, it } from 'vitest';
import { eventKey } from '../../../src/events/types';
import { SpanMapper, type OtlpEvent } from '../../../src/otlp/spanMapper';
import { newTraceId, span } from './spanFixtures';

const agentAttrs = (name: string) => ({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': name });
const chatAttrs = { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'm1', 'gen_ai.usage.input_tokens': 5 };
const toolAttrs = (name: string) => ({ 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': name });

const all = (mapper: SpanMapper, ...batches: Parameters<SpanMapper['map']>[0][]): OtlpEvent[] =>
  batches.flatMap((b) => mapper.map(b).runs.flatMap((r) => r.events));
const summary = (events: OtlpEvent[]) =>
  [...events]
    .sort((a, b) => a.timestamp - b.timestamp)
    .map(
      (e) =>
        `${e.event_type}${e.payload.status ? `:${e.payload.status}` : ''}${e.agent_name ? `@${e.agent_name}` : ''}`,
    );

describe('SpanMapper: children before parents', () => {
  const trace = newTraceId();
  const agent = span(trace, 'invoke_agent planner', agentAttrs('planner'), 0, 100);
  const chat = span(trace, 'chat m1', chatAttrs, 10, 30, { parentSpanId: agent.spanId });
  const tool = span(trace, 'execute_tool search', toolAttrs('search'), 40, 90, { parentSpanId: agent.spanId });

  it('opens the unseen parent when its first child arrives, and never starts it twice', () => {
    const mapper = new SpanMapper();
    const first = all(mapper, [chat]);
    expect(summary(first)).toEqual(['workflow_start:started', 'agent_start:started', 'llm_call:completed']);
    const pending = first.find((e) => e.event_type === 'agent_start')!;
    expect(pending.payload).toMatchObject({ span_id: agent.spanId, pending: true });
    const rest = all(mapper, [tool], [agent]);
    const events = [...first, ...rest];
    expect(events.filter((e) => e.event_type === 'agent_start')).toHaveLength(1);
    expect(summary(events)).toEqual([
      'workflow_start:started',
      'agent_start:started',
      'llm_call:completed',
      'tool_call:started',
      'tool_call:completed',
      'agent_end:completed@planner',
      'graph_structure',
      'workflow_complete:completed',
    ]);
    expect(events.find((e) => e.event_type === 'agent_end')!.payload).toMatchObject({
      parent_span_id: expect.stringMatching(/^[0-9a-f]{16}$/),
      duration_ms: 100,
    });
  });

  it('names the pending parent when the child says which agent it belongs to', () => {
    const t = newTraceId();
    const parent = span(t, 'invoke_agent writer', agentAttrs('writer'), 0, 50);
    const child = span(t, 'execute_tool save', { ...toolAttrs('save'), 'gen_ai.agent.name': 'writer' }, 5, 20, {
      parentSpanId: parent.spanId,
    });
    const events = all(new SpanMapper(), [child]);
    expect(events.find((e) => e.event_type === 'agent_start')).toMatchObject({
      agent_name: 'writer',
      payload: { pending: true },
    });
    expect(events.filter((e) => e.event_type === 'tool_call').every((e) => e.agent_name === 'writer')).toBe(true);
  });

  it('needs no pending start when parent and child come in one request, in any order', () => {
    const events = all(new SpanMapper(), [tool, chat, agent]);
    expect(summary(events)).toEqual([
      'workflow_start:started',
      'agent_start:started@planner',
      'llm_call:completed@planner',
      'tool_call:started@planner',
      'tool_call:completed@planner',
      'agent_end:completed@planner',
      'graph_structure',
      'workflow_complete:completed',
    ]);
  });
});

describe('SpanMapper: identity', () => {
  it('maps a retried batch to the same identities', () => {
    const t = newTraceId();
    const a = span(t, 'invoke_agent a', agentAttrs('a'), 0, 10);
    const c = span(t, 'chat', chatAttrs, 1, 5, { parentSpanId: a.spanId });
    const mapper = new SpanMapper();
    const first = all(mapper, [c]);
    const again = all(mapper, [c]);
    // The retry brings the span's own event again, under the same identity; the run's start and
    // the parent's pending start are not repeated.
    expect(again.map(eventKey)).toEqual(first.filter((e) => e.event_type === 'llm_call').map(eventKey));
    const done = all(mapper, [a]);
    const doneAgain = all(mapper, [a]);
    expect(doneAgain.map(eventKey).every((k) => done.map(eventKey).includes(k))).toBe(true);
    expect(doneAgain.map((e) => e.event_type)).toEqual(['agent_end', 'workflow_complete']);
  });

  it('keeps timestamps unique when spans share a start and an end, and sets producer_id without seq', () => {
    const t = newTraceId();
    const a = span(t, 'invoke_agent a', agentAttrs('a'), 0, 10);
    const tools = [1, 2, 3].map((i) =>
      span(t, `execute_tool t${i}`, toolAttrs(`t${i}`), 2, 4, { parentSpanId: a.spanId }),
    );
    const events = all(new SpanMapper(), [...tools, a]);
    expect(new Set(events.map(eventKey)).size).toBe(events.length);
    for (const e of events) {
      expect(e.producer_id).toBe('otlp');
      expect(e).not.toHaveProperty('seq');
    }
  });

  it('never gives an event the key a decorator could give one: every slot of its millisecond differs', () => {
    const t = newTraceId();
    const base = Date.UTC(2026, 11, 2) * 1000;
    const spans = Array.from({ length: 50 }, (_, i) => {
      const start = base + i * 997 + (i % 7);
      return span(t, `execute_tool t${i}`, toolAttrs(`t${i}`), 0, 1, { startUs: start, endUs: start + 1 + i });
    });
    const events = all(new SpanMapper(), spans);
    expect(events.length).toBeGreaterThan(100);
    for (const e of events) {
      const ms = Math.floor(e.timestamp);
      // The decorators' keys in that millisecond: ms + slot/1000 for slots 0–999 (identity.py's stamp()).
      for (let slot = 0; slot < 1000; slot++) expect(e.timestamp).not.toBe(slot ? ms + slot / 1000 : ms);
    }
  });

  it('derives workflow_id from the trace id, or takes agentify.workflow_id when the producer sets it', () => {
    const t = newTraceId();
    const plain = new SpanMapper().map([span(t, 'chat', chatAttrs, 0, 1)]);
    expect(plain.runs.map((r) => r.workflowId)).toEqual([`otel-${t}`]);
    const resource = { 'agentify.workflow_id': 'wf-exec-1' };
    const mapper = new SpanMapper();
    const twoTraces = mapper.map([
      span(newTraceId(), 'invoke_agent a', agentAttrs('a'), 0, 5, { resource }),
      span(newTraceId(), 'invoke_agent b', agentAttrs('b'), 6, 9, { resource }),
    ]);
    expect(twoTraces.runs.map((r) => r.workflowId)).toEqual(['wf-exec-1']);
    const events = twoTraces.runs[0].events;
    // A declared run belongs to whoever started it (the executor): its agent roots neither start
    // nor end it, and hang under no workflow span of ours.
    expect(events.map((e) => e.event_type)).not.toContain('workflow_start');
    expect(events.map((e) => e.event_type)).not.toContain('workflow_complete');
    expect(events.filter((e) => e.event_type === 'agent_start').map((e) => e.payload.parent_span_id)).toEqual([
      null,
      null,
    ]);
  });
});

describe('SpanMapper: spans of no known convention and bounds', () => {
  it('keeps an unknown span as a nameless generic span', () => {
    const t = newTraceId();
    const root = span(t, 'invoke_agent a', agentAttrs('a'), 0, 10);
    const http = span(t, 'POST /search', { 'http.request.method': 'POST' }, 1, 3, {
      parentSpanId: root.spanId,
      kind: 3,
    });
    const events = all(new SpanMapper(), [http, root]);
    const generic = events.filter((e) => e.payload.generic === true);
    expect(generic.map((e) => e.event_type)).toEqual(['agent_start', 'agent_end']);
    expect(generic[1].payload).toMatchObject({ name: 'POST /search', parent_span_id: root.spanId });
    expect(generic.every((e) => e.agent_name === undefined)).toBe(true);
  });

  it('forgets the least recently used run beyond maxRuns without starting it again later', () => {
    const mapper = new SpanMapper({ maxRuns: 2 });
    const traces = [newTraceId(), newTraceId(), newTraceId()];
    const open = (t: string, at: number) => span(t, 'chat', chatAttrs, at, at + 1, { parentSpanId: 'c'.repeat(16) });
    for (const [i, t] of traces.entries()) mapper.map([open(t, i * 10)]);
    expect(mapper.runCount).toBe(2);
    const back = mapper.map([open(traces[0], 50)]).runs[0].events.map((e) => e.event_type);
    expect(back).not.toContain('workflow_start');
  });

  it('refuses spans beyond maxSpansPerRun as partial success', () => {
    const mapper = new SpanMapper({ maxSpansPerRun: 3 });
    const t = newTraceId();
    const result = mapper.map([1, 2, 3, 4, 5].map((i) => span(t, 'chat', chatAttrs, i, i + 1)));
    expect(result.rejected).toHaveLength(2);
    expect(result.rejected[0].reason).toMatch(/beyond the 3 kept/);
  });
});
