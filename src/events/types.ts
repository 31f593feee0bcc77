/**
 * The Agentify event contract in TypeScript. `schema/event.schema.json` is the source of truth;
 * test/unit/events/schemaContract.test.ts fails when these types and the schema drift apart.
 */

export const EVENT_TYPES = [
  'workflow_start',
  'workflow_complete',
  'workflow_error',
  'graph_structure',
  'agent_start',
  'agent_end',
  'agent_stream',
  'tool_call',
  'llm_call',
  'log',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** The events that end a run. */
export type TerminalEventType = Extract<EventType, 'workflow_complete' | 'workflow_error'>;
export const TERMINAL_EVENT_TYPES: ReadonlySet<EventType> = new Set<TerminalEventType>([
  'workflow_complete',
  'workflow_error',
]);

export const STATUSES = ['started', 'completed', 'failed', 'ok', 'error'] as const;
export type Status = (typeof STATUSES)[number];

export interface ErrorInfo {
  type: string;
  message: string;
  traceback?: string;
}

export interface GraphNode {
  id: string;
  label?: string;
  kind?: 'agent' | 'tool' | 'entry' | 'exit';
}

export interface GraphEdge {
  from: string;
  to: string;
  label?: string;
}

export interface EventPayload {
  trace_id?: string;
  span_id?: string;
  parent_span_id?: string | null;
  status?: Status;
  duration_ms?: number;
  input?: unknown;
  output?: unknown;
  result?: unknown;
  error?: ErrorInfo;
  message?: string;
  level?: 'debug' | 'info' | 'warning' | 'error';
  chunk?: string;
  nodes?: GraphNode[];
  edges?: GraphEdge[];
  'gen_ai.agent.name'?: string;
  'gen_ai.tool.name'?: string;
  'gen_ai.request.model'?: string;
  'gen_ai.system'?: string;
  'gen_ai.usage.input_tokens'?: number;
  'gen_ai.usage.output_tokens'?: number;
  truncated?: boolean;
  original_size_bytes?: number;
  [key: string]: unknown;
}

export interface AgentifyEvent {
  workflow_id: string;
  /** Epoch milliseconds (a fraction tells producers apart), unique within a workflow, fixed at emit. */
  timestamp: number;
  /** The producing process; with `seq`, lets a reader tell whether anything is still missing. */
  producer_id?: string;
  /** That producer's counter: 1, 2, 3, … with no holes. */
  seq?: number;
  event_type: EventType;
  agent_name?: string;
  payload: EventPayload;
  /** Epoch seconds. */
  ttl?: number;
}

/** An event's identity everywhere (the run's event list holds each once by it). */
export function eventKey(event: Pick<AgentifyEvent, 'workflow_id' | 'timestamp'>): string {
  return `${event.workflow_id}:${event.timestamp}`;
}

export function isTerminalEvent(event: Pick<AgentifyEvent, 'event_type'>): boolean {
  return TERMINAL_EVENT_TYPES.has(event.event_type);
}
