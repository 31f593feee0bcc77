/**
 * A run as OpenTelemetry traces in OTLP/JSON (the body of POST /v1/traces, also what collectors'
 * file exporters write): one resource, one scope, a span per workflow, agent, tool and model
 * call. Ids are hex (32 digits for traces, 16 for spans) as OTLP/JSON requires; ids the producer
 * wrote in another form are hashed to that shape so parent links survive. Times are unix nanos as
 * decimal strings; attributes follow the gen_ai.* semantic conventions.
 */
import { createHash } from 'node:crypto';
import type { AgentifyEvent } from '../events/types';
import { Span, buildSpans } from './spans';

type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
export interface OtlpAttribute {
  key: string;
  value: AnyValue;
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
  if (typeof value === 'number' && Number.isFinite(value)) return { key, value: Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value } };
  if (value !== undefined && value !== null) return { key, value: { stringValue: JSON.stringify(value) } };
  return undefined;
}

const OPERATION: Record<Span['kind'], string> = { workflow: 'invoke_workflow', agent: 'invoke_agent', tool: 'execute_tool', llm: 'chat' };

function spanAttributes(span: Span, workflowId: string): OtlpAttribute[] {
  const list = [
    attr('gen_ai.operation.name', OPERATION[span.kind]),
    attr('agentify.workflow_id', workflowId),
    attr('agentify.span_kind', span.kind),
    span.agent ? attr('gen_ai.agent.name', span.agent) : undefined,
    span.kind === 'tool' ? attr('gen_ai.tool.name', span.name) : undefined,
    attr('gen_ai.request.model', span.model),
    attr('gen_ai.system', span.system),
    attr('gen_ai.usage.input_tokens', span.inputTokens),
    attr('gen_ai.usage.output_tokens', span.outputTokens),
    attr('agentify.input', span.input),
    attr('agentify.output', span.output),
    span.error ? attr('error.type', span.error.type) : undefined,
  ];
  return list.filter((a): a is OtlpAttribute => a !== undefined);
}

export function toOtlpTraces(workflowId: string, events: readonly AgentifyEvent[], lastTimestamp = events.at(-1)?.timestamp ?? 0): OtlpTraces {
  const builder = buildSpans(events);
  const traceSource = [...builder.spans.values()].find((s) => s.traceId)?.traceId ?? workflowId;
  const traceId = hexId(traceSource, 32);
  const spans: OtlpSpan[] = [];
  for (const span of builder.spans.values()) {
    const parent = span.parentId && builder.spans.has(span.parentId) ? span.parentId : undefined;
    spans.push({
      traceId,
      spanId: hexId(span.id, 16),
      ...(parent ? { parentSpanId: hexId(parent, 16) } : {}),
      name: span.kind === 'tool' ? `execute_tool ${span.name}` : span.kind === 'agent' ? `invoke_agent ${span.name}` : span.kind === 'llm' ? `chat ${span.name}` : span.name,
      kind: span.kind === 'llm' ? SPAN_KIND_CLIENT : SPAN_KIND_INTERNAL,
      startTimeUnixNano: nanos(span.start),
      // A span still open when the run ended closes at the last event seen.
      endTimeUnixNano: nanos(span.end ?? Math.max(span.start, lastTimestamp)),
      attributes: spanAttributes(span, workflowId),
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
        resource: { attributes: [attr('service.name', 'agentify-workflow')!, attr('agentify.workflow_id', workflowId)!] },
        scopeSpans: [{ scope: { name: 'agentify', version: '0.1.0' }, spans }],
      },
    ],
  };
}
