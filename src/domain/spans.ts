/**
 * Spans of a run, derived from its events: the workflow, its agents, their tool and model calls,
 * nested by payload.span_id / parent_span_id, with start, end, status and token counts. Pure and
 * browser-safe: the OpenTelemetry export and the Demo Viewer's span tree both build on it.
 */
import type { AgentifyEvent, ErrorInfo } from '../events/types';

export type SpanKind = 'workflow' | 'agent' | 'tool' | 'llm';
export type SpanStatus = 'running' | 'ok' | 'error';

export interface Span {
  id: string;
  parentId?: string;
  kind: SpanKind;
  name: string;
  agent?: string;
  traceId?: string;
  /** Epoch ms. */
  start: number;
  end?: number;
  status: SpanStatus;
  input?: unknown;
  output?: unknown;
  error?: ErrorInfo;
  model?: string;
  system?: string;
  inputTokens?: number;
  outputTokens?: number;
  /** Made from one event that reported no duration (start and end are that event's time). */
  instant?: boolean;
  /** Opened by a child that arrived first (OTLP); the span's own first event sets its kind and name. */
  pending?: boolean;
  children: Span[];
}

const START_STATUSES = new Set(['started']);
const ERROR_STATUSES = new Set(['failed', 'error']);

function kindOf(event: AgentifyEvent): SpanKind | undefined {
  switch (event.event_type) {
    case 'workflow_start':
    case 'workflow_complete':
    case 'workflow_error':
      return 'workflow';
    case 'agent_start':
    case 'agent_end':
      return 'agent';
    case 'tool_call':
      return 'tool';
    case 'llm_call':
      return 'llm';
    default:
      return undefined;
  }
}

function isStart(event: AgentifyEvent): boolean {
  if (event.event_type === 'workflow_start' || event.event_type === 'agent_start') return true;
  return START_STATUSES.has(String(event.payload.status ?? ''));
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** How long the call took, as the event reports it (Bedrock's Converse reports `metrics.latencyMs`). */
function durationOf(p: AgentifyEvent['payload']): number | undefined {
  const metrics = p.metrics && typeof p.metrics === 'object' ? (p.metrics as Record<string, unknown>) : undefined;
  const d = num(p.duration_ms) ?? num(p.latency_ms) ?? num(metrics?.latencyMs);
  return d !== undefined && d >= 0 ? d : undefined;
}

export function agentOf(event: AgentifyEvent): string | undefined {
  return str(event.agent_name) ?? str(event.payload['gen_ai.agent.name']);
}

function spanName(kind: SpanKind, event: AgentifyEvent): string {
  const p = event.payload;
  switch (kind) {
    case 'workflow':
      return str(p.workflow_name) ?? str(p.name) ?? 'workflow';
    case 'agent':
      return agentOf(event) ?? str(p.name) ?? 'agent';
    case 'tool':
      return str(p['gen_ai.tool.name']) ?? str(p.name) ?? str(p.tool_name) ?? 'tool';
    case 'llm':
      return str(p['gen_ai.request.model']) ?? str(p.model) ?? 'model call';
  }
}

/** Builds spans incrementally, one event at a time, in any order. */
export class SpanBuilder {
  readonly spans = new Map<string, Span>();
  private rootsCache: Span[] | undefined;

  add(event: AgentifyEvent): Span | undefined {
    const kind = kindOf(event);
    if (!kind) return undefined;
    const p = event.payload;
    const id =
      str(p.span_id) ??
      (kind === 'workflow' ? `workflow:${event.workflow_id}` : `${event.event_type}:${event.timestamp}`);
    let span = this.spans.get(id);
    const starting = isStart(event);
    if (!span) {
      const duration = durationOf(p);
      span = {
        id,
        kind,
        name: spanName(kind, event),
        start: !starting && duration !== undefined ? event.timestamp - duration : event.timestamp,
        status: 'running',
        ...(p.pending === true ? { pending: true } : {}),
        children: [],
      };
      this.spans.set(id, span);
      this.rootsCache = undefined;
    } else if (span.pending && p.pending !== true) {
      span.kind = kind;
      span.name = spanName(kind, event);
      delete span.pending;
    }
    const parent = str(p.parent_span_id);
    if (parent && parent !== id && !span.parentId) {
      span.parentId = parent;
      this.rootsCache = undefined;
    }
    span.agent ??= agentOf(event);
    span.traceId ??= str(p.trace_id);
    span.model ??= str(p['gen_ai.request.model']);
    span.system ??= str(p['gen_ai.system']);
    span.inputTokens = num(p['gen_ai.usage.input_tokens']) ?? span.inputTokens;
    span.outputTokens = num(p['gen_ai.usage.output_tokens']) ?? span.outputTokens;
    if (p.input !== undefined) span.input = p.input;
    if (starting) {
      span.start = Math.min(span.start, event.timestamp);
      return span;
    }
    // An end event (or a single event describing a finished call).
    const output = p.output !== undefined ? p.output : p.result;
    if (output !== undefined) span.output = output;
    if (p.error) span.error = p.error;
    const duration = durationOf(p);
    span.end = duration !== undefined && span.start === event.timestamp ? event.timestamp + duration : event.timestamp;
    span.instant = duration === undefined && span.start === span.end;
    const failed =
      event.event_type === 'workflow_error' || ERROR_STATUSES.has(String(p.status ?? '')) || p.error !== undefined;
    span.status = failed ? 'error' : 'ok';
    return span;
  }

  /** The span tree, children in start order (a span whose parent is unknown is a root). */
  roots(): Span[] {
    if (this.rootsCache) return this.rootsCache;
    const roots: Span[] = [];
    for (const span of this.spans.values()) span.children = [];
    for (const span of this.spans.values()) {
      const parent = span.parentId ? this.spans.get(span.parentId) : undefined;
      if (parent && !isAncestor(span, parent, this.spans)) parent.children.push(span);
      else roots.push(span);
    }
    const byStart = (a: Span, b: Span) => a.start - b.start;
    const sortDeep = (list: Span[]) => {
      list.sort(byStart);
      for (const s of list) sortDeep(s.children);
    };
    sortDeep(roots);
    this.rootsCache = roots;
    return roots;
  }
}

/** Guards against parent cycles in untrusted span ids. */
function isAncestor(span: Span, candidate: Span, spans: Map<string, Span>): boolean {
  let cursor: Span | undefined = candidate;
  for (let depth = 0; cursor && depth < 1000; depth++) {
    if (cursor === span) return true;
    cursor = cursor.parentId ? spans.get(cursor.parentId) : undefined;
  }
  return cursor !== undefined;
}

export function buildSpans(events: readonly AgentifyEvent[]): SpanBuilder {
  const builder = new SpanBuilder();
  for (const e of events) builder.add(e);
  return builder;
}
