/**
 * A run as OpenTelemetry traces in OTLP/JSON (the body of POST /v1/traces, also what collectors'
 * file exporters write): one resource, one scope, a span per workflow, agent, tool and model
 * call. Ids are hex (32 digits for traces, 16 for spans) as OTLP/JSON requires; ids the producer
 * wrote in another form are hashed to that shape so parent links survive, and the workflow span
 * gets the id the receiver derives from the workflow id, so a posted export reads back as the same
 * run. Times are unix nanos as decimal strings.
 *
 * Attributes carry each fact under the names other tools read: the GenAI conventions (current
 * names, plus `gen_ai.system` for readers of the older ones; input/output as
 * `gen_ai.input.messages` / `gen_ai.output.messages`, tool arguments and results), OpenInference
 * for Phoenix (`openinference.span.kind`, `input.value` / `output.value`, `llm.*` tokens), which
 * Langfuse reads too, and `langfuse.observation.type` so Langfuse types agents, tools and
 * generations.
 */
import { createHash } from 'node:crypto';
import type { AgentifyEvent, ErrorInfo } from '../events/types';
import { AGENTIFY, GEN_AI, OPENINFERENCE } from '../otlp/conventions';
import { workflowSpanId } from '../otlp/identity';
import { Span, buildSpans } from '../domain/spans';

type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
export interface OtlpAttribute {
  key: string;
  value: AnyValue;
}
export interface OtlpSpanEvent {
  name: string;
  timeUnixNano: string;
  attributes: OtlpAttribute[];
}
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpAttribute[];
  events?: OtlpSpanEvent[];
  status: { code: number; message?: string };
}
export interface OtlpTraces {
  resourceSpans: {
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: { scope: { name: string; version: string }; spans: OtlpSpan[] }[];
  }[];
}

const SPAN_KIND_INTERNAL = 1;
const SPAN_KIND_CLIENT = 3;
const STATUS_UNSET = 0;
const STATUS_OK = 1;
const STATUS_ERROR = 2;

function hexId(value: string, digits: 16 | 32): string {
  const lower = value.toLowerCase();
  if (new RegExp(`^[0-9a-f]{${digits}}$`).test(lower) && !/^0+$/.test(lower)) return lower;
  return createHash('sha256').update(value).digest('hex').slice(0, digits);
}

export const nanos = (ms: number): string => (BigInt(Math.round(ms * 1000)) * 1000n).toString();

function attr(key: string, value: unknown): OtlpAttribute | undefined {
  if (typeof value === 'string') return { key, value: { stringValue: value } };
  if (typeof value === 'boolean') return { key, value: { boolValue: value } };
  if (typeof value === 'number' && Number.isFinite(value))
    return { key, value: Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value } };
  if (value !== undefined && value !== null) return { key, value: { stringValue: JSON.stringify(value) } };
  return undefined;
}

const OPERATION: Record<Span['kind'], string> = {
  workflow: 'invoke_workflow',
  agent: 'invoke_agent',
  tool: 'execute_tool',
  llm: 'chat',
};
const OPENINFERENCE_KIND: Record<Span['kind'], string> = {
  workflow: 'CHAIN',
  agent: 'AGENT',
  tool: 'TOOL',
  llm: 'LLM',
};
const LANGFUSE_TYPE: Record<Span['kind'], string> = {
  workflow: 'chain',
  agent: 'agent',
  tool: 'tool',
  llm: 'generation',
};

/** A value as text: strings stay, anything else becomes JSON. */
const asText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const mimeOf = (v: unknown): string => (typeof v === 'string' ? 'text/plain' : 'application/json');

/** Input or output as GenAI messages (gen-ai-input-messages.json / gen-ai-output-messages.json). */
function messages(role: 'user' | 'assistant', v: unknown): string {
  const message = {
    role,
    parts: [{ type: 'text', content: asText(v) }],
    ...(role === 'assistant' ? { finish_reason: 'stop' } : {}),
  };
  return JSON.stringify([message]);
}

function ioAttributes(span: Span): (OtlpAttribute | undefined)[] {
  const list: (OtlpAttribute | undefined)[] = [];
  if (span.input !== undefined) {
    list.push(
      attr(OPENINFERENCE.inputValue, asText(span.input)),
      attr(OPENINFERENCE.inputMimeType, mimeOf(span.input)),
    );
    list.push(
      span.kind === 'tool'
        ? attr(GEN_AI.toolCallArguments, asText(span.input))
        : attr(GEN_AI.inputMessages, messages('user', span.input)),
    );
  }
  if (span.output !== undefined) {
    list.push(
      attr(OPENINFERENCE.outputValue, asText(span.output)),
      attr(OPENINFERENCE.outputMimeType, mimeOf(span.output)),
    );
    list.push(
      span.kind === 'tool'
        ? attr(GEN_AI.toolCallResult, asText(span.output))
        : attr(GEN_AI.outputMessages, messages('assistant', span.output)),
    );
  }
  return list;
}

function spanAttributes(span: Span, workflowId: string): OtlpAttribute[] {
  const total =
    span.inputTokens !== undefined || span.outputTokens !== undefined
      ? (span.inputTokens ?? 0) + (span.outputTokens ?? 0)
      : undefined;
  const list = [
    attr(GEN_AI.operationName, OPERATION[span.kind]),
    attr(OPENINFERENCE.spanKind, OPENINFERENCE_KIND[span.kind]),
    attr('langfuse.observation.type', LANGFUSE_TYPE[span.kind]),
    attr(AGENTIFY.workflowId, workflowId),
    attr(AGENTIFY.spanKind, span.kind),
    span.kind === 'workflow' ? attr(GEN_AI.workflowName, span.name) : undefined,
    span.agent ? attr(GEN_AI.agentName, span.agent) : undefined,
    span.kind === 'agent' ? attr(OPENINFERENCE.agentName, span.name) : undefined,
    span.kind === 'tool' ? attr(GEN_AI.toolName, span.name) : undefined,
    span.kind === 'tool' ? attr(OPENINFERENCE.toolName, span.name) : undefined,
    attr(GEN_AI.requestModel, span.model),
    attr(OPENINFERENCE.modelName, span.model),
    attr(GEN_AI.providerName, span.system),
    attr(GEN_AI.system, span.system),
    attr(GEN_AI.inputTokens, span.inputTokens),
    attr(GEN_AI.outputTokens, span.outputTokens),
    attr(OPENINFERENCE.promptTokens, span.inputTokens),
    attr(OPENINFERENCE.completionTokens, span.outputTokens),
    attr(OPENINFERENCE.totalTokens, total),
    ...ioAttributes(span),
    span.error ? attr('error.type', span.error.type) : undefined,
  ];
  return list.filter((a): a is OtlpAttribute => a !== undefined);
}

/** The exception event the conventions record for a failed span. */
function exceptionEvent(error: ErrorInfo, at: number): OtlpSpanEvent {
  const attributes = [
    attr('exception.type', error.type),
    attr('exception.message', error.message),
    attr('exception.stacktrace', error.traceback),
  ];
  return {
    name: 'exception',
    timeUnixNano: nanos(at),
    attributes: attributes.filter((a): a is OtlpAttribute => a !== undefined),
  };
}

export function toOtlpTraces(
  workflowId: string,
  events: readonly AgentifyEvent[],
  lastTimestamp = events.at(-1)?.timestamp ?? 0,
): OtlpTraces {
  const builder = buildSpans(events);
  const traceSource = [...builder.spans.values()].find((s) => s.traceId)?.traceId ?? workflowId;
  const traceId = hexId(traceSource, 32);
  const workflowSpan = [...builder.spans.values()].find((s) => s.kind === 'workflow' && !s.parentId);
  const idOf = (id: string) => (id === workflowSpan?.id ? workflowSpanId(workflowId) : hexId(id, 16));
  const spans: OtlpSpan[] = [];
  for (const span of builder.spans.values()) {
    const parent = span.parentId && builder.spans.has(span.parentId) ? span.parentId : undefined;
    const end = span.end ?? Math.max(span.start, lastTimestamp);
    spans.push({
      traceId,
      spanId: idOf(span.id),
      ...(parent ? { parentSpanId: idOf(parent) } : {}),
      name:
        span.kind === 'tool'
          ? `execute_tool ${span.name}`
          : span.kind === 'agent'
            ? `invoke_agent ${span.name}`
            : span.kind === 'llm'
              ? `chat ${span.name}`
              : span.name,
      kind: span.kind === 'llm' ? SPAN_KIND_CLIENT : SPAN_KIND_INTERNAL,
      startTimeUnixNano: nanos(span.start),
      // A span still open when the run ended closes at the last event seen.
      endTimeUnixNano: nanos(end),
      attributes: spanAttributes(span, workflowId),
      ...(span.error ? { events: [exceptionEvent(span.error, end)] } : {}),
      status:
        span.status === 'error'
          ? { code: STATUS_ERROR, message: span.error ? `${span.error.type}: ${span.error.message}` : 'failed' }
          : { code: span.status === 'ok' ? STATUS_OK : STATUS_UNSET },
    });
  }
  spans.sort((a, b) => (BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1));
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [attr('service.name', 'agentify-workflow')!, attr('agentify.workflow_id', workflowId)!],
        },
        scopeSpans: [{ scope: { name: 'agentify', version: '0.1.0' }, spans }],
      },
    ],
  };
}
