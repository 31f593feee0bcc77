/**
 * The run's agent graph is kept as spans arrive instead of being rebuilt per request: whatever
 * order the spans come in, one per request, its last graph_structure must be the graph of all of
 * them sent together.
 */
import { describe, expect, it } from 'vitest';
import type { OtlpEvent } from '../../../src/otlp/spanMapper';
import { SpanMapper } from '../../../src/otlp/spanMapper';
import type { SpanIn } from '../../../src/otlp/otlpModel';
import { newTraceId, span } from './spanFixtures';

const agent = (name: string) => ({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': name });
const tool = (name: string, agentHint?: string) => ({
  'gen_ai.operation.name': 'execute_tool',
  'gen_ai.tool.name': name,
  ...(agentHint ? { 'gen_ai.agent.name': agentHint } : {}),
});

/** lead → cycle (generic) → search; lead → helper (a tool) → helper (an agent) → fetch (says it is helper's). */
function tree(): SpanIn[] {
  const trace = newTraceId();
  const lead = span(trace, 'invoke_agent lead', agent('lead'), 0, 100);
  const cycle = span(trace, 'execute_event_loop_cycle', {}, 1, 40, { parentSpanId: lead.spanId });
  const search = span(trace, 'execute_tool search', tool('search'), 2, 10, { parentSpanId: cycle.spanId });
  const asTool = span(trace, 'execute_tool helper', tool('helper'), 41, 99, { parentSpanId: lead.spanId });
  const helper = span(trace, 'invoke_agent helper', agent('helper'), 42, 98, { parentSpanId: asTool.spanId });
  const fetch = span(trace, 'execute_tool fetch', tool('fetch', 'helper'), 43, 50, { parentSpanId: helper.spanId });
  return [lead, cycle, search, asTool, helper, fetch];
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

/** The last graph a mapper emitted, as sorted node ids and edges. */
function lastGraph(events: OtlpEvent[]) {
  const graphs = events.filter((e) => e.event_type === 'graph_structure');
  const last = graphs[graphs.length - 1]?.payload;
  return {
    nodes: (last?.nodes ?? []).map((n) => `${n.kind}:${n.id}`).sort(),
    edges: (last?.edges ?? []).map((e) => `${e.from} → ${e.to}`).sort(),
  };
}

describe('the run graph, kept as spans arrive', () => {
  const spans = tree();
  const together = lastGraph(new SpanMapper().map(spans).runs.flatMap((r) => r.events));

  it('is the graph of the run when all spans come in one request', () => {
    expect(together).toEqual({
      nodes: ['agent:helper', 'agent:lead', 'tool:tool:fetch', 'tool:tool:helper', 'tool:tool:search'],
      edges: ['helper → tool:fetch', 'lead → helper', 'lead → tool:helper', 'lead → tool:search'],
    });
  });

  it('ends as that graph for every order of one span per request', () => {
    const differing: string[] = [];
    for (const order of permutations(spans.map((_, i) => i))) {
      const mapper = new SpanMapper();
      const events = order.flatMap((i) => mapper.map([spans[i]]).runs.flatMap((r) => r.events));
      const graph = lastGraph(events);
      if (JSON.stringify(graph) !== JSON.stringify(together))
        differing.push(`${order.join(',')}: ${JSON.stringify(graph)}`);
    }
    expect(differing).toEqual([]);
  });
});
