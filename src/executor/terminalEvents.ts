/**
 * Reading the workflow's stdout lines the way the executor needs them: which lines carry an event
 * in the `{"agentify": 1, "event": {...}}` envelope, and building the `workflow_error` event the
 * executor reports when a process ends without one of its own.
 */
import type { AgentifyEvent, ErrorInfo } from '../events/types';

export interface StdoutEventInfo {
  eventType: string;
  workflowId?: string;
  timestamp?: number;
}

/** The event a stdout line carries, or undefined for ordinary output. */
export function peekStdoutEvent(line: string): StdoutEventInfo | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{') || !trimmed.includes('"agentify"')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const envelope = parsed as { agentify?: unknown; event?: unknown };
  if (envelope.agentify !== 1 || typeof envelope.event !== 'object' || envelope.event === null) return undefined;
  const event = envelope.event as Record<string, unknown>;
  if (typeof event.event_type !== 'string') return undefined;
  return {
    eventType: event.event_type,
    workflowId: typeof event.workflow_id === 'string' ? event.workflow_id : undefined,
    timestamp: typeof event.timestamp === 'number' ? event.timestamp : undefined,
  };
}

export function syntheticErrorEvent(workflowId: string, traceId: string, timestamp: number, error: ErrorInfo): AgentifyEvent {
  return {
    workflow_id: workflowId,
    timestamp,
    event_type: 'workflow_error',
    payload: { trace_id: traceId, status: 'error', error, message: error.message },
  };
}

/** "exit code 3" / "signal SIGKILL", for messages. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `signal ${signal}`;
  return `exit code ${code ?? 'unknown'}`;
}
