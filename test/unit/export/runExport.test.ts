import { describe, expect, it } from 'vitest';
import type { AgentifyEvent } from '../../../src/events/types';
import { nanos, toOtlpTraces } from '../../../src/export/otlp';
import { parseRunJson, toRunJson } from '../../../src/export/runJson';
import { buildSpans } from '../../../src/domain/spans';
import type { RunSummary } from '../../../src/protocol/demoViewer';

const T0 = 1_767_605_400_000;
const WF = 'wf-export';
let t = T0;
const ev = (
  event_type: AgentifyEvent['event_type'],
  payload: AgentifyEvent['payload'],
  agent_name?: string,
  step = 100,
): AgentifyEvent => {
  t += step;
  return { workflow_id: WF, timestamp: t, event_type, ...(agent_name ? { agent_name } : {}), payload };
};

const events: AgentifyEvent[] = [
  ev('workflow_start', { span_id: 'wf', trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', input: 'go' }),
  ev('agent_start', { span_id: 'a1', parent_span_id: 'wf' }, 'planner'),
  ev(
    'llm_call',
    {
      span_id: 'l1',
      parent_span_id: 'a1',
      status: 'completed',
      duration_ms: 250,
      'gen_ai.request.model': 'claude',
      'gen_ai.system': 'aws.bedrock',
      'gen_ai.usage.input_tokens': 10,
      'gen_ai.usage.output_tokens': 5,
    },
    'planner',
    300,
  ),
  ev(
    'tool_call',
    {
      span_id: '00f067aa0ba902b7',
      parent_span_id: 'a1',
      status: 'started',
      'gen_ai.tool.name': 'search',
      input: { q: 'x' },
    },
    'planner',
  ),
  ev(
    'tool_call',
    {
      span_id: '00f067aa0ba902b7',
      status: 'failed',
      'gen_ai.tool.name': 'search',
      error: { type: 'TimeoutError', message: 'slow' },
    },
    'planner',
    400,
  ),
  ev('agent_end', { span_id: 'a1', status: 'completed' }, 'planner'),
  ev('workflow_complete', { span_id: 'wf', status: 'completed', result: '# done' }),
];
const run: RunSummary = {
  workflowId: WF,
  prompt: 'go',
  startedAt: T0,
  endedAt: t,
  status: 'completed',
  eventCount: events.length,
};

describe('run export as JSON', () => {
  it('reads back as the same run', () => {
    // An import is checked against the schema: span ids there are 16 hex digits.
    const hex: Record<string, string> = { wf: '00000000000000a0', a1: '00000000000000a1', l1: '00000000000000b1' };
    const valid = events.map((e) => ({
      ...e,
      payload: {
        ...e.payload,
        ...(e.payload.span_id ? { span_id: hex[e.payload.span_id] ?? e.payload.span_id } : {}),
        ...(e.payload.parent_span_id ? { parent_span_id: hex[e.payload.parent_span_id] } : {}),
      },
    }));
    const back = parseRunJson(toRunJson(run, valid));
    expect(back.run).toEqual(run);
    expect(back.events).toEqual(valid);
  });

  it('refuses a document that is not a run export', () => {
    expect(() => parseRunJson('{"format":"other"}')).toThrow(/Not an Agentify run export/);
    expect(() =>
      parseRunJson(JSON.stringify({ format: 'agentify.run', version: 1, run, events: [{ nope: 1 }] })),
    ).toThrow(/wrong shape/);
  });
});

describe('run export as OpenTelemetry (OTLP/JSON)', () => {
  const traces = toOtlpTraces(WF, events);
  const spans = traces.resourceSpans[0].scopeSpans[0].spans;
  const byName = (prefix: string) => spans.find((s) => s.name.startsWith(prefix))!;

  it('has one span per workflow, agent, model and tool call, in one trace with hex ids', () => {
    expect(spans.map((s) => s.name).sort()).toEqual(
      ['chat claude', 'execute_tool search', 'invoke_agent planner', 'workflow'].sort(),
    );
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set(['4bf92f3577b34da6a3ce929d0e0e4736']));
    for (const s of spans) expect(s.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(byName('execute_tool').spanId).toBe('00f067aa0ba902b7');
    expect(new Set(spans.map((s) => s.spanId)).size).toBe(spans.length);
  });

  it('links each span to its parent and leaves the workflow as the root', () => {
    const root = byName('workflow');
    const agent = byName('invoke_agent');
    expect(root.parentSpanId).toBeUndefined();
    expect(agent.parentSpanId).toBe(root.spanId);
    expect(byName('chat').parentSpanId).toBe(agent.spanId);
    expect(byName('execute_tool').parentSpanId).toBe(agent.spanId);
  });

  it('writes times as unix nanoseconds in strings, and durations from the events', () => {
    const llm = byName('chat');
    expect(llm.startTimeUnixNano).toMatch(/^\d+$/);
    expect(BigInt(llm.endTimeUnixNano) - BigInt(llm.startTimeUnixNano)).toBe(250_000_000n);
    expect(byName('workflow').startTimeUnixNano).toBe(nanos(events[0].timestamp));
    expect(nanos(T0)).toBe(`${T0}000000`);
  });

  it('uses gen_ai attributes and carries status and errors', () => {
    const attrs = (name: string) =>
      Object.fromEntries(byName(name).attributes.map((a) => [a.key, Object.values(a.value)[0]]));
    expect(attrs('chat')).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'claude',
      'gen_ai.system': 'aws.bedrock',
      'gen_ai.usage.input_tokens': '10',
      'gen_ai.usage.output_tokens': '5',
      'gen_ai.agent.name': 'planner',
    });
    expect(attrs('execute_tool')).toMatchObject({ 'gen_ai.tool.name': 'search', 'error.type': 'TimeoutError' });
    expect(byName('execute_tool').status).toEqual({ code: 2, message: 'TimeoutError: slow' });
    expect(byName('invoke_agent').status).toEqual({ code: 1 });
    expect(traces.resourceSpans[0].resource.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'agentify-workflow' },
    });
  });

  it('hashes ids that are not hex into the OTLP shape, keeping links, and closes open spans at the last event', () => {
    const open = toOtlpTraces('wf-open', [
      {
        workflow_id: 'wf-open',
        timestamp: 1_000,
        event_type: 'agent_start',
        agent_name: 'writer',
        payload: { span_id: 'writer-span' },
      },
      {
        workflow_id: 'wf-open',
        timestamp: 1_500,
        event_type: 'tool_call',
        agent_name: 'writer',
        payload: {
          span_id: 'tool span!',
          parent_span_id: 'writer-span',
          status: 'completed',
          duration_ms: 200,
          'gen_ai.tool.name': 'save',
        },
      },
    ]);
    const [agent, tool] = open.resourceSpans[0].scopeSpans[0].spans;
    expect(open.resourceSpans[0].scopeSpans[0].spans[0].traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(tool.parentSpanId).toBe(agent.spanId);
    expect(agent.endTimeUnixNano).toBe(nanos(1_500));
    expect(agent.status.code).toBe(0);
    expect(BigInt(tool.endTimeUnixNano) - BigInt(tool.startTimeUnixNano)).toBe(200_000_000n);
  });
});

describe('spans from events', () => {
  it('nests agent → tool / model calls and survives a parent cycle in untrusted ids', () => {
    const roots = buildSpans(events).roots();
    expect(roots.map((r) => r.name)).toEqual(['workflow']);
    expect(roots[0].children[0].children.map((c) => c.kind)).toEqual(['llm', 'tool']);
    const cyclic = buildSpans([
      {
        workflow_id: 'w',
        timestamp: 1,
        event_type: 'agent_start',
        agent_name: 'a',
        payload: { span_id: 'x', parent_span_id: 'y' },
      },
      {
        workflow_id: 'w',
        timestamp: 2,
        event_type: 'agent_start',
        agent_name: 'b',
        payload: { span_id: 'y', parent_span_id: 'x' },
      },
    ]).roots();
    expect(cyclic.map((s) => s.name).sort()).toEqual(['a', 'b']);
  });
});
