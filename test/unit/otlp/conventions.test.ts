import { describe, expect, it } from 'vitest';
import { GEN_AI, GEN_AI_OPERATIONS, spanFacts } from '../../../src/otlp/conventions';
import { newTraceId, span } from './spanFixtures';

describe('attribute names', () => {
  it('match @opentelemetry/semantic-conventions', async () => {
    // The incubating entry is an ESM/CJS subpath the project's TypeScript resolution does not see.
    const pkg = '@opentelemetry/semantic-conventions/incubating';
    const sc = (await import(pkg)) as Record<string, string>;
    const expected: Record<keyof typeof GEN_AI, string> = {
      operationName: 'ATTR_GEN_AI_OPERATION_NAME',
      agentName: 'ATTR_GEN_AI_AGENT_NAME',
      toolName: 'ATTR_GEN_AI_TOOL_NAME',
      toolCallId: 'ATTR_GEN_AI_TOOL_CALL_ID',
      toolCallArguments: 'ATTR_GEN_AI_TOOL_CALL_ARGUMENTS',
      toolCallResult: 'ATTR_GEN_AI_TOOL_CALL_RESULT',
      requestModel: 'ATTR_GEN_AI_REQUEST_MODEL',
      responseModel: 'ATTR_GEN_AI_RESPONSE_MODEL',
      providerName: 'ATTR_GEN_AI_PROVIDER_NAME',
      system: 'ATTR_GEN_AI_SYSTEM',
      inputTokens: 'ATTR_GEN_AI_USAGE_INPUT_TOKENS',
      outputTokens: 'ATTR_GEN_AI_USAGE_OUTPUT_TOKENS',
      promptTokens: 'ATTR_GEN_AI_USAGE_PROMPT_TOKENS',
      completionTokens: 'ATTR_GEN_AI_USAGE_COMPLETION_TOKENS',
      inputMessages: 'ATTR_GEN_AI_INPUT_MESSAGES',
      outputMessages: 'ATTR_GEN_AI_OUTPUT_MESSAGES',
      systemInstructions: 'ATTR_GEN_AI_SYSTEM_INSTRUCTIONS',
      prompt: 'ATTR_GEN_AI_PROMPT',
      completion: 'ATTR_GEN_AI_COMPLETION',
      conversationId: 'ATTR_GEN_AI_CONVERSATION_ID',
      workflowName: 'ATTR_GEN_AI_WORKFLOW_NAME',
    };
    for (const [key, constant] of Object.entries(expected))
      expect(GEN_AI[key as keyof typeof GEN_AI]).toBe(sc[constant]);
    expect(GEN_AI_OPERATIONS.invokeAgent).toBe(sc.GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT);
    expect(GEN_AI_OPERATIONS.invokeWorkflow).toBe(sc.GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW);
    expect(GEN_AI_OPERATIONS.executeTool).toBe(sc.GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL);
    expect(GEN_AI_OPERATIONS.chat).toBe(sc.GEN_AI_OPERATION_NAME_VALUE_CHAT);
  });
});

describe('spanFacts', () => {
  const t = newTraceId();

  it('reads a model call in the current GenAI names, messages from the details event', () => {
    const s = span(
      t,
      'chat',
      {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'aws.bedrock',
        'gen_ai.request.model': 'claude',
        'gen_ai.usage.input_tokens': 11,
        'gen_ai.usage.output_tokens': 4,
      },
      0,
      1,
      {
        events: [
          {
            name: 'gen_ai.client.inference.operation.details',
            timeUs: 1,
            attributes: { 'gen_ai.input.messages': '[{"role":"user","parts":[{"type":"text","content":"hi"}]}]' },
          },
          {
            name: 'gen_ai.client.inference.operation.details',
            timeUs: 2,
            attributes: { 'gen_ai.output.messages': '[{"role":"assistant","parts":[{"type":"text","content":"yo"}]}]' },
          },
        ],
      },
    );
    expect(spanFacts(s)).toMatchObject({
      role: 'llm',
      name: 'claude',
      system: 'aws.bedrock',
      inputTokens: 11,
      outputTokens: 4,
      input: [{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }],
      output: [{ role: 'assistant', parts: [{ type: 'text', content: 'yo' }] }],
      failed: false,
    });
  });

  it('reads the older names: gen_ai.system, prompt/completion tokens, message and choice events', () => {
    const s = span(
      t,
      'chat claude',
      { 'gen_ai.system': 'strands-agents', 'gen_ai.usage.prompt_tokens': 9, 'gen_ai.usage.completion_tokens': 2 },
      0,
      1,
      {
        events: [
          { name: 'gen_ai.user.message', timeUs: 1, attributes: { content: '[{"text":"hi"}]' } },
          {
            name: 'gen_ai.choice',
            timeUs: 2,
            attributes: { message: '[{"text":"hello"}]', finish_reason: 'end_turn' },
          },
        ],
      },
    );
    expect(spanFacts(s)).toMatchObject({
      role: 'llm',
      name: 'claude',
      system: 'strands-agents',
      inputTokens: 9,
      outputTokens: 2,
      input: [{ role: 'user', content: [{ text: 'hi' }] }],
      output: [{ text: 'hello' }],
    });
  });

  it('reads OpenInference: span kinds, llm.* tokens and model, input.value / output.value', () => {
    const llm = span(
      t,
      'response',
      {
        'openinference.span.kind': 'LLM',
        'llm.model_name': 'gpt-4o',
        'llm.token_count.prompt': 20,
        'llm.token_count.completion': 8,
        'input.value': '[{"role":"user","content":"x"}]',
        'output.value': 'plain text',
      },
      0,
      1,
    );
    expect(spanFacts(llm)).toMatchObject({
      role: 'llm',
      name: 'gpt-4o',
      inputTokens: 20,
      outputTokens: 8,
      input: [{ role: 'user', content: 'x' }],
      output: 'plain text',
    });
    expect(spanFacts(span(t, 'Triage agent', { 'openinference.span.kind': 'AGENT' }, 0, 1))).toMatchObject({
      role: 'agent',
      name: 'Triage agent',
    });
    expect(
      spanFacts(span(t, 'get_weather', { 'openinference.span.kind': 'TOOL', 'tool.name': 'get_weather' }, 0, 1)),
    ).toMatchObject({ role: 'tool', name: 'get_weather' });
    expect(spanFacts(span(t, 'guardrail', { 'openinference.span.kind': 'CHAIN' }, 0, 1)).role).toBe('generic');
  });

  it('takes a failure from the status and the exception event', () => {
    const s = span(
      t,
      'execute_tool search',
      { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'search' },
      0,
      1,
      {
        statusCode: 2,
        statusMessage: 'rate limited',
        events: [
          {
            name: 'exception',
            timeUs: 1,
            attributes: {
              'exception.type': 'ThrottlingException',
              'exception.message': 'rate limited',
              'exception.stacktrace': 'Traceback …',
            },
          },
        ],
      },
    );
    expect(spanFacts(s)).toMatchObject({
      role: 'tool',
      failed: true,
      error: { type: 'ThrottlingException', message: 'rate limited', traceback: 'Traceback …' },
    });
    const strandsError = span(
      t,
      'execute_tool x',
      { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'x', 'gen_ai.tool.status': 'error' },
      0,
      1,
    );
    expect(spanFacts(strandsError)).toMatchObject({ failed: true, error: { type: 'Error' } });
  });

  it('cuts very long values with a visible marker', () => {
    const s = span(
      t,
      'execute_tool big',
      {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'big',
        'gen_ai.tool.call.result': 'x'.repeat(50_000),
      },
      0,
      1,
    );
    expect(String(spanFacts(s).output)).toMatch(/… \[truncated, 50000 characters\]$/);
  });
});
