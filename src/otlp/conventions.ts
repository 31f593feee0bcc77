/**
 * What a span means, read from the conventions agent frameworks follow: the OpenTelemetry GenAI
 * semantic conventions (current names and the older `gen_ai.system` / `gen_ai.usage.prompt_tokens`
 * / message events), OpenInference (`openinference.span.kind`, `llm.*`, `input.value`), and the
 * attributes Agentify's own export writes. Pure: one span in, its facts out.
 */
import type { ErrorInfo } from '../events/types';
import type { AttrValue, Attributes, SpanIn } from './otlpModel';

/**
 * Attribute names, each written once; test/unit/otlp/conventions.test.ts checks the GenAI ones
 * against @opentelemetry/semantic-conventions.
 */
export const GEN_AI = {
  operationName: 'gen_ai.operation.name',
  agentName: 'gen_ai.agent.name',
  toolName: 'gen_ai.tool.name',
  toolCallId: 'gen_ai.tool.call.id',
  toolCallArguments: 'gen_ai.tool.call.arguments',
  toolCallResult: 'gen_ai.tool.call.result',
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  providerName: 'gen_ai.provider.name',
  system: 'gen_ai.system',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  promptTokens: 'gen_ai.usage.prompt_tokens',
  completionTokens: 'gen_ai.usage.completion_tokens',
  inputMessages: 'gen_ai.input.messages',
  outputMessages: 'gen_ai.output.messages',
  systemInstructions: 'gen_ai.system_instructions',
  prompt: 'gen_ai.prompt',
  completion: 'gen_ai.completion',
  conversationId: 'gen_ai.conversation.id',
  workflowName: 'gen_ai.workflow.name',
} as const;

export const GEN_AI_OPERATIONS = {
  invokeAgent: 'invoke_agent',
  invokeWorkflow: 'invoke_workflow',
  executeTool: 'execute_tool',
  chat: 'chat',
  textCompletion: 'text_completion',
  generateContent: 'generate_content',
} as const;

/** The span event the latest GenAI conventions put input/output messages on. */
export const GEN_AI_DETAILS_EVENT = 'gen_ai.client.inference.operation.details';

export const OPENINFERENCE = {
  spanKind: 'openinference.span.kind',
  inputValue: 'input.value',
  inputMimeType: 'input.mime_type',
  outputValue: 'output.value',
  outputMimeType: 'output.mime_type',
  modelName: 'llm.model_name',
  provider: 'llm.provider',
  system: 'llm.system',
  promptTokens: 'llm.token_count.prompt',
  completionTokens: 'llm.token_count.completion',
  totalTokens: 'llm.token_count.total',
  toolName: 'tool.name',
  agentName: 'agent.name',
} as const;

export const AGENTIFY = {
  workflowId: 'agentify.workflow_id',
  spanKind: 'agentify.span_kind',
  input: 'agentify.input',
  output: 'agentify.output',
} as const;

export type SpanRole = 'workflow' | 'agent' | 'tool' | 'llm' | 'generic';

export interface SpanFacts {
  role: SpanRole;
  /** Agent name, tool name, model, or the span's own name for generic spans. */
  name: string;
  /** The agent a non-agent span says it belongs to (some frameworks set gen_ai.agent.name on children). */
  agentHint?: string;
  model?: string;
  system?: string;
  inputTokens?: number;
  outputTokens?: number;
  toolCallId?: string;
  input?: unknown;
  output?: unknown;
  failed: boolean;
  error?: ErrorInfo;
}

/** Longest string kept from one attribute; the event payload limit is 350 KB. */
export const MAX_VALUE_CHARS = 32_000;

const text = (v: AttrValue | undefined): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const count = (v: AttrValue | undefined): number | undefined => {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.round(n) : undefined;
};
const afterPrefix = (name: string, prefix: string): string | undefined =>
  name.startsWith(`${prefix} `) ? text(name.slice(prefix.length + 1).trim()) : undefined;

/** A value as shown in the viewer: JSON text parsed back into structure, long strings cut with a marker. */
export function readable(v: AttrValue | undefined): unknown {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') return v;
  const trimmed = v.trim();
  if (trimmed.length <= MAX_VALUE_CHARS && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      // Not JSON after all: keep the text.
    }
  }
  return v.length > MAX_VALUE_CHARS ? `${v.slice(0, MAX_VALUE_CHARS)}… [truncated, ${v.length} characters]` : v;
}

function roleOf(span: SpanIn): SpanRole {
  const a = span.attributes;
  const own = text(a[AGENTIFY.spanKind]);
  if (own === 'workflow' || own === 'agent' || own === 'tool' || own === 'llm') return own;
  const op = text(a[GEN_AI.operationName]);
  if (op === GEN_AI_OPERATIONS.invokeWorkflow) return 'workflow';
  if (op === GEN_AI_OPERATIONS.invokeAgent) return 'agent';
  if (op === GEN_AI_OPERATIONS.executeTool) return 'tool';
  if (
    op === GEN_AI_OPERATIONS.chat ||
    op === GEN_AI_OPERATIONS.textCompletion ||
    op === GEN_AI_OPERATIONS.generateContent
  )
    return 'llm';
  // Multi-agent orchestrators (Strands' invoke_swarm / invoke_graph) name themselves as agents.
  if (op?.startsWith('invoke_') && text(a[GEN_AI.agentName])) return 'agent';
  switch (text(a[OPENINFERENCE.spanKind])?.toUpperCase()) {
    case 'AGENT':
      return 'agent';
    case 'TOOL':
      return 'tool';
    case 'LLM':
      return 'llm';
  }
  // Older GenAI instrumentations set only the span name and the system.
  if (op === undefined && (text(a[GEN_AI.system]) || text(a[GEN_AI.providerName]))) {
    if (afterPrefix(span.name, 'invoke_agent')) return 'agent';
    if (afterPrefix(span.name, 'execute_tool')) return 'tool';
    if (afterPrefix(span.name, 'chat') || text(a[GEN_AI.requestModel])) return 'llm';
  }
  return 'generic';
}

function nameOf(role: SpanRole, span: SpanIn): string {
  const a = span.attributes;
  switch (role) {
    case 'agent':
      return (
        text(a[GEN_AI.agentName]) ??
        text(a[OPENINFERENCE.agentName]) ??
        afterPrefix(span.name, 'invoke_agent') ??
        (span.name || 'agent')
      );
    case 'tool':
      return (
        text(a[GEN_AI.toolName]) ??
        text(a[OPENINFERENCE.toolName]) ??
        afterPrefix(span.name, 'execute_tool') ??
        (span.name || 'tool')
      );
    case 'llm':
      return modelOf(span) ?? (span.name || 'model call');
    case 'workflow':
      return text(a[GEN_AI.workflowName]) ?? (span.name || 'workflow');
    default:
      return span.name || 'span';
  }
}

function modelOf(span: SpanIn): string | undefined {
  const a = span.attributes;
  return (
    text(a[GEN_AI.requestModel]) ??
    text(a[GEN_AI.responseModel]) ??
    text(a[OPENINFERENCE.modelName]) ??
    afterPrefix(span.name, 'chat')
  );
}

/** Message events of the older GenAI conventions, and the details event of the latest ones. */
const INPUT_EVENTS = new Set([
  'gen_ai.system.message',
  'gen_ai.user.message',
  'gen_ai.assistant.message',
  'gen_ai.tool.message',
]);

function inputOf(span: SpanIn): unknown {
  const a = span.attributes;
  // Agentify's own export keeps the value as it was in input.value; the GenAI messages wrap it.
  const own = a[AGENTIFY.spanKind] !== undefined ? a[OPENINFERENCE.inputValue] : undefined;
  const direct =
    own ??
    a[GEN_AI.inputMessages] ??
    a[GEN_AI.toolCallArguments] ??
    a[OPENINFERENCE.inputValue] ??
    a[AGENTIFY.input] ??
    a[GEN_AI.prompt];
  if (direct !== undefined) return readable(direct);
  const messages: unknown[] = [];
  for (const e of span.events) {
    if (e.name === GEN_AI_DETAILS_EVENT && e.attributes[GEN_AI.inputMessages] !== undefined)
      return readable(e.attributes[GEN_AI.inputMessages]);
    if (e.name === 'gen_ai.content.prompt' && e.attributes[GEN_AI.prompt] !== undefined)
      return readable(e.attributes[GEN_AI.prompt]);
    if (INPUT_EVENTS.has(e.name)) {
      const role = text(e.attributes.role) ?? e.name.slice('gen_ai.'.length, -'.message'.length);
      messages.push({ role, content: readable(e.attributes.content ?? e.attributes.message) });
    }
  }
  return messages.length ? messages : undefined;
}

function outputOf(span: SpanIn): unknown {
  const a = span.attributes;
  const own = a[AGENTIFY.spanKind] !== undefined ? a[OPENINFERENCE.outputValue] : undefined;
  const direct =
    own ??
    a[GEN_AI.outputMessages] ??
    a[GEN_AI.toolCallResult] ??
    a[OPENINFERENCE.outputValue] ??
    a[AGENTIFY.output] ??
    a[GEN_AI.completion];
  if (direct !== undefined) return readable(direct);
  let found: unknown;
  for (const e of span.events) {
    // The last output-bearing event wins: it is the final answer of the span.
    if (e.name === GEN_AI_DETAILS_EVENT && e.attributes[GEN_AI.outputMessages] !== undefined)
      found = readable(e.attributes[GEN_AI.outputMessages]);
    else if (e.name === 'gen_ai.choice') found = readable(e.attributes.message ?? e.attributes.content);
    else if (e.name === 'gen_ai.content.completion' && e.attributes[GEN_AI.completion] !== undefined)
      found = readable(e.attributes[GEN_AI.completion]);
  }
  return found;
}

function errorOf(span: SpanIn): { failed: boolean; error?: ErrorInfo } {
  const a = span.attributes;
  const exception = span.events.find((e) => e.name === 'exception');
  const toolFailed = text(a['gen_ai.tool.status']) === 'error';
  const failed = span.statusCode === 2 || toolFailed || (span.statusCode === 0 && text(a['error.type']) !== undefined);
  if (!failed) return { failed };
  const type = text(exception?.attributes['exception.type']) ?? text(a['error.type']) ?? 'Error';
  const message =
    span.statusMessage ??
    text(exception?.attributes['exception.message']) ??
    (toolFailed ? 'the tool reported an error' : 'failed');
  const traceback = text(exception?.attributes['exception.stacktrace']);
  return { failed, error: { type, message, ...(traceback ? { traceback: readable(traceback) as string } : {}) } };
}

export function spanFacts(span: SpanIn): SpanFacts {
  const a = span.attributes;
  const role = roleOf(span);
  const facts: SpanFacts = { role, name: nameOf(role, span), ...errorOf(span) };
  if (role !== 'agent') {
    const hint = text(a[GEN_AI.agentName]);
    if (hint) facts.agentHint = hint;
  }
  if (role === 'llm' || role === 'agent') {
    facts.model = modelOf(span);
    facts.system =
      text(a[GEN_AI.providerName]) ??
      text(a[GEN_AI.system]) ??
      text(a[OPENINFERENCE.provider]) ??
      text(a[OPENINFERENCE.system]);
  }
  if (role === 'llm') {
    facts.inputTokens =
      count(a[GEN_AI.inputTokens]) ?? count(a[GEN_AI.promptTokens]) ?? count(a[OPENINFERENCE.promptTokens]);
    facts.outputTokens =
      count(a[GEN_AI.outputTokens]) ?? count(a[GEN_AI.completionTokens]) ?? count(a[OPENINFERENCE.completionTokens]);
  }
  if (role === 'tool') facts.toolCallId = text(a[GEN_AI.toolCallId]);
  facts.input = inputOf(span);
  facts.output = outputOf(span);
  return facts;
}

/** The run a span belongs to when its producer says so (the executor sets it through OTEL_RESOURCE_ATTRIBUTES). */
export function declaredWorkflowId(span: SpanIn): string | undefined {
  const v = text(span.resource[AGENTIFY.workflowId]) ?? text(span.attributes[AGENTIFY.workflowId]);
  return v && v.length <= 256 ? v : undefined;
}

export function isAttributes(v: unknown): v is Attributes {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
