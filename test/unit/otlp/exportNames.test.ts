import { describe, expect, it } from 'vitest';
import type { AgentifyEvent } from '../../../src/events/types';
import { toOtlpTraces } from '../../../src/export/otlp';
import { encodeOtlpProtobuf, tracesUrl } from '../../../src/export/sendOtlp';
import { decodeProtobufTraces } from '../../../src/otlp/decodeProtobuf';
import { workflowSpanId } from '../../../src/otlp/identity';

const WF = 'wf-names';
const T0 = 1_767_605_400_000;
const ev = (
  i: number,
  event_type: AgentifyEvent['event_type'],
  payload: AgentifyEvent['payload'],
  agent_name?: string,
): AgentifyEvent => ({
  workflow_id: WF,
  timestamp: T0 + i * 100,
  event_type,
  ...(agent_name ? { agent_name } : {}),
  payload,
});
const events: AgentifyEvent[] = [
  ev(0, 'workflow_start', { span_id: 'wf', input: 'plan a trip' }),
  ev(1, 'agent_start', { span_id: 'a1', parent_span_id: 'wf', input: 'plan a trip' }, 'planner'),
  ev(
    2,
    'llm_call',
    {
      span_id: 'l1',
      parent_span_id: 'a1',
      status: 'completed',
      duration_ms: 50,
      'gen_ai.request.model': 'claude',
      'gen_ai.system': 'aws.bedrock',
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 7,
      output: 'use search',
    },
    'planner',
  ),
  ev(
    3,
    'tool_call',
    { span_id: 't1', parent_span_id: 'a1', status: 'started', 'gen_ai.tool.name': 'search', input: { q: 'Lisbon' } },
    'planner',
  ),
  ev(4, 'tool_call', { span_id: 't1', status: 'failed', error: { type: 'Timeout', message: 'slow' } }, 'planner'),
  ev(5, 'agent_end', { span_id: 'a1', status: 'completed', output: 'done' }, 'planner'),
  ev(6, 'workflow_complete', { span_id: 'wf', status: 'completed', result: '# Trip' }),
];

const spans = toOtlpTraces(WF, events).resourceSpans[0].scopeSpans[0].spans;
const attrs = (prefix: string) => {
  const span = spans.find((s) => s.name.startsWith(prefix))!;
  return Object.fromEntries(span.attributes.map((a) => [a.key, Object.values(a.value)[0]]));
};

describe('OTLP export: the names Langfuse and Phoenix read', () => {
  it('writes input and output as OpenInference input.value / output.value and as GenAI messages', () => {
    const agent = attrs('invoke_agent');
    expect(agent['input.value']).toBe('plan a trip');
    expect(agent['input.mime_type']).toBe('text/plain');
    expect(agent['output.value']).toBe('done');
    expect(JSON.parse(agent['gen_ai.input.messages'] as string)).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'plan a trip' }] },
    ]);
    expect(JSON.parse(agent['gen_ai.output.messages'] as string)).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'done' }], finish_reason: 'stop' },
    ]);
    const tool = attrs('execute_tool');
    expect(tool['input.value']).toBe('{"q":"Lisbon"}');
    expect(tool['input.mime_type']).toBe('application/json');
    expect(tool['gen_ai.tool.call.arguments']).toBe('{"q":"Lisbon"}');
  });

  it('names kinds, models and tokens in both conventions', () => {
    expect(attrs('invoke_agent')).toMatchObject({
      'openinference.span.kind': 'AGENT',
      'langfuse.observation.type': 'agent',
      'agent.name': 'planner',
    });
    expect(attrs('execute_tool')).toMatchObject({
      'openinference.span.kind': 'TOOL',
      'tool.name': 'search',
      'gen_ai.tool.name': 'search',
    });
    expect(attrs('chat')).toMatchObject({
      'openinference.span.kind': 'LLM',
      'langfuse.observation.type': 'generation',
      'llm.model_name': 'claude',
      'gen_ai.provider.name': 'aws.bedrock',
      'gen_ai.system': 'aws.bedrock',
      'llm.token_count.prompt': '12',
      'llm.token_count.completion': '7',
      'llm.token_count.total': '19',
    });
    expect(attrs('workflow')).toMatchObject({
      'gen_ai.operation.name': 'invoke_workflow',
      'openinference.span.kind': 'CHAIN',
    });
  });

  it('records a failure as an exception event', () => {
    const tool = spans.find((s) => s.name.startsWith('execute_tool'))!;
    expect(tool.events).toEqual([
      {
        name: 'exception',
        timeUnixNano: tool.endTimeUnixNano,
        attributes: [
          { key: 'exception.type', value: { stringValue: 'Timeout' } },
          { key: 'exception.message', value: { stringValue: 'slow' } },
        ],
      },
    ]);
  });

  it('gives the workflow span the id the receiver derives from the workflow id', () => {
    const root = spans.find((s) => s.name === 'workflow')!;
    expect(root.spanId).toBe(workflowSpanId(WF));
    expect(spans.find((s) => s.name.startsWith('invoke_agent'))!.parentSpanId).toBe(workflowSpanId(WF));
  });
});

describe('Send to an OTLP endpoint', () => {
  it('encodes the export as protobuf that decodes to the same spans', () => {
    const decoded = decodeProtobufTraces(encodeOtlpProtobuf(toOtlpTraces(WF, events)));
    expect(decoded.rejected).toEqual([]);
    expect(decoded.spans.map((s) => [s.spanId, s.parentSpanId, s.name])).toEqual(
      spans.map((s) => [s.spanId, s.parentSpanId, s.name]),
    );
    const llm = decoded.spans.find((s) => s.name.startsWith('chat'))!;
    expect(llm.attributes['gen_ai.usage.input_tokens']).toBe(12);
    expect(llm.startUs).toBe(Number(spans.find((s) => s.name.startsWith('chat'))!.startTimeUnixNano.slice(0, -3)));
    expect(llm.resource['agentify.workflow_id']).toBe(WF);
  });

  it('completes a base URL with /v1/traces and refuses what is not http(s)', () => {
    expect(tracesUrl('http://localhost:4318').href).toBe('http://localhost:4318/v1/traces');
    expect(tracesUrl('https://cloud.langfuse.com/api/public/otel/').href).toBe(
      'https://cloud.langfuse.com/api/public/otel/v1/traces',
    );
    expect(tracesUrl('http://127.0.0.1:6006/v1/traces').href).toBe('http://127.0.0.1:6006/v1/traces');
    expect(() => tracesUrl('ftp://x')).toThrow(/http or https/);
    expect(() => tracesUrl('not a url')).toThrow(/not a URL/);
  });
});
