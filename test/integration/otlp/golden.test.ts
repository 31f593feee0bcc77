/**
 * Golden runs shaped after what two agent frameworks really emit, sent by the real OpenTelemetry
 * JS SDK to the receiver, and read back through the Demo Viewer's own run model.
 *
 * Strands Agents: span names, attributes and events follow strands-agents/sdk-python
 * src/strands/telemetry/tracer.py — `invoke_agent {name}` (gen_ai.operation.name invoke_agent,
 * gen_ai.agent.name, gen_ai.request.model), `execute_event_loop_cycle` (event_loop.cycle_id),
 * `chat` (gen_ai.usage.input_tokens/output_tokens and the older prompt/completion_tokens),
 * `execute_tool {name}` (gen_ai.tool.name, gen_ai.tool.call.id, gen_ai.tool.status); with
 * OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental it sets gen_ai.provider.name and puts
 * messages on `gen_ai.client.inference.operation.details` events, without it gen_ai.system and
 * `gen_ai.user.message` / `gen_ai.choice` events. Its tracer force-flushes on every span end, so
 * each span arrives on its own, children first.
 *
 * OpenAI Agents SDK through OpenInference: Arize-ai/openinference
 * python/instrumentation/openinference-instrumentation-openai-agents/src/openinference/
 * instrumentation/openai_agents/_processor.py — a root span named after the trace ("Agent
 * workflow", openinference.span.kind AGENT), an AGENT span per agent named after it, `response`
 * LLM spans (llm.model_name, llm.token_count.prompt/completion/total, input.value / output.value as
 * JSON), function tools as TOOL spans (tool.name, input.value, output.value) and hand-offs as TOOL
 * spans named "handoff to {agent}"; attribute names per the OpenInference semantic conventions
 * (Arize-ai/openinference spec/semantic_conventions.md).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { emitTree, emitTreeFlushing, otelClient, type SpanSpec } from './otelClient';
import { Harness, merged, runSummary, startHarness, viewerModel } from './receiverHarness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const details = (key: 'gen_ai.input.messages' | 'gen_ai.output.messages', role: string, text: string, at: number) => ({
  name: 'gen_ai.client.inference.operation.details',
  at,
  attributes: { [key]: JSON.stringify([{ role, parts: [{ type: 'text', content: text }] }]) },
});

function strandsChat(latest: boolean, start: number, end: number, tokens: [number, number], answer: string): SpanSpec {
  const provider = latest ? { 'gen_ai.provider.name': 'strands-agents' } : { 'gen_ai.system': 'strands-agents' };
  return {
    name: 'chat',
    start,
    end,
    attributes: {
      'gen_ai.operation.name': 'chat',
      ...provider,
      'gen_ai.request.model': 'us.anthropic.claude-sonnet-4-20250514-v1:0',
      'gen_ai.usage.prompt_tokens': tokens[0],
      'gen_ai.usage.input_tokens': tokens[0],
      'gen_ai.usage.completion_tokens': tokens[1],
      'gen_ai.usage.output_tokens': tokens[1],
      'gen_ai.usage.total_tokens': tokens[0] + tokens[1],
    },
    events: latest
      ? [details('gen_ai.output.messages', 'assistant', answer, end)]
      : [
          {
            name: 'gen_ai.choice',
            at: end,
            attributes: { finish_reason: 'end_turn', message: JSON.stringify([{ text: answer }]) },
          },
        ],
  };
}

function strandsTool(
  latest: boolean,
  name: string,
  id: string,
  start: number,
  end: number,
  children: SpanSpec[] = [],
): SpanSpec {
  const provider = latest ? { 'gen_ai.provider.name': 'strands-agents' } : { 'gen_ai.system': 'strands-agents' };
  return {
    name: `execute_tool ${name}`,
    start,
    end,
    attributes: {
      'gen_ai.operation.name': 'execute_tool',
      ...provider,
      'gen_ai.tool.name': name,
      'gen_ai.tool.call.id': id,
      'gen_ai.tool.status': 'success',
    },
    children,
  };
}

function strandsAgent(
  latest: boolean,
  name: string,
  start: number,
  end: number,
  prompt: string,
  answer: string,
  cycles: SpanSpec[][],
): SpanSpec {
  const provider = latest ? { 'gen_ai.provider.name': 'strands-agents' } : { 'gen_ai.system': 'strands-agents' };
  const span = (end - start) / cycles.length;
  return {
    name: `invoke_agent ${name}`,
    start,
    end,
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      ...provider,
      'gen_ai.agent.name': name,
      'gen_ai.request.model': 'us.anthropic.claude-sonnet-4-20250514-v1:0',
    },
    events: latest
      ? [
          details('gen_ai.input.messages', 'user', prompt, start),
          details('gen_ai.output.messages', 'assistant', answer, end),
        ]
      : [
          { name: 'gen_ai.user.message', at: start, attributes: { content: JSON.stringify([{ text: prompt }]) } },
          { name: 'gen_ai.choice', at: end, attributes: { message: answer, finish_reason: 'end_turn' } },
        ],
    children: cycles.map((children, i) => ({
      name: 'execute_event_loop_cycle',
      start: start + i * span + 1,
      end: start + (i + 1) * span - 1,
      attributes: { 'event_loop.cycle_id': `cycle-${name}-${i}` },
      children,
    })),
  };
}

/** An orchestrator that calls a research agent as a tool (Strands' "agents as tools"). */
function strandsRun(latest: boolean): SpanSpec {
  const research = strandsAgent(latest, 'research_assistant', 120, 400, 'find flights', 'Two flights found', [
    [
      strandsChat(latest, 125, 200, [300, 40], 'calling search'),
      strandsTool(latest, 'web_search', 'tooluse_2', 205, 260),
    ],
    [strandsChat(latest, 265, 390, [420, 60], 'Two flights found')],
  ]);
  return strandsAgent(latest, 'orchestrator', 0, 600, 'Plan a trip to Lisbon', 'Book the 9:40 flight', [
    [
      strandsChat(latest, 5, 100, [100, 20], 'delegating'),
      strandsTool(latest, 'research_assistant', 'tooluse_1', 110, 410, [research]),
    ],
    [strandsChat(latest, 420, 580, [500, 80], 'Book the 9:40 flight')],
  ]);
}

describe('a Strands-shaped run', () => {
  for (const latest of [true, false]) {
    const names = latest ? 'the latest GenAI names' : 'the older GenAI names';
    it(`maps ${names}, span by span as Strands flushes`, async () => {
      h = await startHarness();
      const client = otelClient(h.url, latest ? 'protobuf' : 'json');
      const t0 = Date.now();
      const seenBeforeParent: string[] = [];
      let requests = 0;
      await emitTreeFlushing(client, strandsRun(latest), t0, undefined, async () => {
        requests++;
        await h!.waitFor(() => h!.batches.length >= requests, `request ${requests}`);
        // The first chat of the orchestrator has arrived alone: its cycle shows as running.
        if (requests === 1) {
          const model = viewerModel(h!.batches[0].workflowId);
          for (const e of h!.events()) model.add(e);
          const running = [...model.spans.spans.values()].filter((s) => s.status === 'running' && s.kind === 'agent');
          seenBeforeParent.push(...running.map((s) => s.id));
        }
      });
      await client.shutdown();
      expect(seenBeforeParent).toHaveLength(1);
      expect(h.workflowIds()).toHaveLength(1);
      const events = merged(h.events());
      expect(events.filter((e) => e.event_type === 'agent_start').map((e) => e.payload.span_id)).toEqual([
        ...new Set(events.filter((e) => e.event_type === 'agent_start').map((e) => e.payload.span_id)),
      ]);
      const run = runSummary(events);
      expect(run).toMatchObject({
        agents: expect.arrayContaining(['orchestrator', 'research_assistant']),
        tools: ['research_assistant:ok', 'web_search:ok'],
        inputTokens: 1320,
        outputTokens: 200,
        models: ['us.anthropic.claude-sonnet-4-20250514-v1:0'],
        status: 'completed',
      });
      expect(run.graph.edges).toEqual(expect.arrayContaining([{ from: 'orchestrator', to: 'research_assistant' }]));
      expect(JSON.stringify(run.result)).toContain('Book the 9:40 flight');
      // The span tree nests as the run happened, whatever order the spans came in.
      const model = viewerModel(events[0].workflow_id);
      for (const e of events) model.add(e);
      const [root] = model.spans.roots();
      expect(root.kind).toBe('workflow');
      expect(root.children.map((c) => c.agent)).toEqual(['orchestrator']);
      const cycles = root.children[0].children;
      expect(cycles.map((c) => c.children.map((x) => x.kind))).toEqual([['llm', 'tool'], ['llm']]);
    });
  }
});

/** Agent workflow → Triage Agent (response, handoff) → Spanish Agent (response, get_weather, response). */
function openAiAgentsRun(): SpanSpec {
  const oi = (kind: string, extra: Record<string, string | number> = {}) => ({
    'openinference.span.kind': kind,
    'llm.system': 'openai',
    ...extra,
  });
  const response = (start: number, end: number, prompt: number, completion: number, output: string): SpanSpec => ({
    name: 'response',
    start,
    end,
    attributes: oi('LLM', {
      'llm.model_name': 'gpt-4o-2024-08-06',
      'llm.token_count.prompt': prompt,
      'llm.token_count.completion': completion,
      'llm.token_count.total': prompt + completion,
      'input.value': JSON.stringify([{ role: 'user', content: 'Hola, ¿qué tiempo hace en Madrid?' }]),
      'input.mime_type': 'application/json',
      'output.value': JSON.stringify({
        output: [{ type: 'message', content: [{ type: 'output_text', text: output }] }],
      }),
      'output.mime_type': 'application/json',
    }),
  });
  return {
    name: 'Agent workflow',
    start: 0,
    end: 900,
    attributes: { 'openinference.span.kind': 'AGENT' },
    children: [
      {
        name: 'Triage Agent',
        start: 5,
        end: 300,
        attributes: oi('AGENT'),
        children: [
          response(10, 200, 80, 12, ''),
          { name: 'handoff to Spanish Agent', start: 210, end: 220, attributes: oi('TOOL') },
        ],
      },
      {
        name: 'Spanish Agent',
        start: 310,
        end: 890,
        attributes: oi('AGENT'),
        children: [
          response(320, 500, 120, 20, ''),
          {
            name: 'get_weather',
            start: 510,
            end: 600,
            attributes: oi('TOOL', {
              'tool.name': 'get_weather',
              'input.value': '{"city":"Madrid"}',
              'input.mime_type': 'application/json',
              'output.value': 'soleado, 24 °C',
            }),
          },
          response(610, 880, 200, 30, 'En Madrid hace sol, 24 °C.'),
        ],
      },
    ],
  };
}

describe('an OpenAI-Agents-shaped run (OpenInference)', () => {
  it('maps agents, the hand-off, the tool, tokens and the answer from one batch', async () => {
    h = await startHarness();
    const client = otelClient(h.url, 'protobuf');
    emitTree(client, openAiAgentsRun(), Date.now());
    await client.shutdown();
    await h.waitFor(() => h!.events().some((e) => e.event_type === 'workflow_complete'), 'the run to end');
    const run = runSummary(merged(h.events()));
    expect(run).toMatchObject({
      agents: expect.arrayContaining(['Triage Agent', 'Spanish Agent']),
      tools: ['get_weather:ok', 'handoff to Spanish Agent:ok'],
      inputTokens: 400,
      outputTokens: 62,
      models: ['gpt-4o-2024-08-06'],
      status: 'completed',
    });
    const tool = h
      .events()
      .find(
        (e) => e.event_type === 'tool_call' && e.payload.name === 'get_weather' && e.payload.status === 'completed',
      )!;
    expect(tool).toMatchObject({
      agent_name: 'Spanish Agent',
      payload: { input: { city: 'Madrid' }, output: 'soleado, 24 °C' },
    });
  });
});
