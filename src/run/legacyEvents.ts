/**
 * Maps the stdout lines of existing Agentify workflows (`{"type": "node_start", ...}`) onto the
 * event contract, so projects written before the decorators still show up live.
 */
import type { AgentifyEvent, EventPayload, EventType } from '../events/types';

const LEGACY_TYPES: Readonly<Record<string, EventType>> = {
  graph_structure: 'graph_structure',
  node_start: 'agent_start',
  node_stream: 'agent_stream',
  node_stop: 'agent_end',
  workflow_complete: 'workflow_complete',
  workflow_error: 'workflow_error',
};

export function isLegacyLine(value: Record<string, unknown>): boolean {
  return typeof value.type === 'string' && value.type in LEGACY_TYPES;
}

/** Epoch ms from ms, seconds (fractional or not) or an ISO string; undefined when unusable. */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Below 1e11 a number is seconds (1e11 ms is 1973, 1e11 s is year 5138).
    return value < 1e11 ? Math.round(value * 1000) : Math.round(value);
  }
  if (typeof value === 'string' && value.trim()) {
    const n = Number(value);
    if (Number.isFinite(n)) return toEpochMs(n);
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

function errorInfo(value: unknown): EventPayload['error'] {
  if (typeof value === 'string') return { type: 'Error', message: value };
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    return {
      type: typeof v.type === 'string' ? v.type : 'Error',
      message: typeof v.message === 'string' ? v.message : JSON.stringify(value),
      ...(typeof v.traceback === 'string' ? { traceback: v.traceback } : {}),
    };
  }
  return { type: 'Error', message: String(value) };
}

/**
 * The contract event for a legacy line, without a unique timestamp yet (the caller makes it
 * unique). `workflowId` fills a missing `workflow_id`; `now` a missing timestamp.
 */
export function fromLegacyLine(
  value: Record<string, unknown>,
  workflowId: string | undefined,
  now: number,
): AgentifyEvent | undefined {
  const eventType = LEGACY_TYPES[value.type as string];
  const wf = typeof value.workflow_id === 'string' && value.workflow_id ? value.workflow_id : workflowId;
  if (!eventType || !wf) return undefined;
  const timestamp = toEpochMs(value.timestamp) ?? now;
  const nodeId = typeof value.node_id === 'string' ? value.node_id : undefined;
  const data = value.data;
  const payload: EventPayload = {};
  switch (value.type) {
    case 'graph_structure': {
      const graph = (data && typeof data === 'object' ? data : value) as Record<string, unknown>;
      const nodes = Array.isArray(graph.nodes) ? graph.nodes : [];
      const edges = Array.isArray(graph.edges) ? graph.edges : [];
      payload.nodes = nodes
        .map((n) =>
          typeof n === 'string'
            ? { id: n }
            : n && typeof n === 'object'
              ? {
                  id: String((n as Record<string, unknown>).id ?? ''),
                  ...(typeof (n as Record<string, unknown>).label === 'string'
                    ? { label: (n as Record<string, string>).label }
                    : {}),
                }
              : undefined,
        )
        .filter((n): n is { id: string } => !!n && n.id !== '');
      payload.edges = edges
        .map((e) => {
          if (Array.isArray(e) && e.length >= 2) return { from: String(e[0]), to: String(e[1]) };
          if (e && typeof e === 'object') {
            const r = e as Record<string, unknown>;
            const from = r.from ?? r.source;
            const to = r.to ?? r.target;
            return from !== undefined && to !== undefined ? { from: String(from), to: String(to) } : undefined;
          }
          return undefined;
        })
        .filter((e): e is { from: string; to: string } => !!e);
      break;
    }
    case 'node_stream':
      payload.chunk = typeof data === 'string' ? data : JSON.stringify(data ?? '');
      break;
    case 'node_start':
      if (data !== undefined) payload.input = data;
      payload.status = 'started';
      break;
    case 'node_stop':
      if (data !== undefined) payload.output = data;
      payload.status = 'completed';
      break;
    case 'workflow_complete':
      payload.result = value.result ?? data;
      payload.status = 'ok';
      break;
    case 'workflow_error':
      payload.error = errorInfo(value.error ?? data);
      payload.status = 'error';
      break;
  }
  if (nodeId) payload['gen_ai.agent.name'] = nodeId;
  return { workflow_id: wf, timestamp, event_type: eventType, ...(nodeId ? { agent_name: nodeId } : {}), payload };
}
