/**
 * Structural check of untrusted event data (table items, stdout lines, webview messages).
 * Light by design: the full JSON Schema is enforced in tests; at runtime we only need enough to
 * render and order an event safely.
 */
import { AgentifyEvent, EVENT_TYPES, EventType } from './types';

const eventTypes: ReadonlySet<string> = new Set(EVENT_TYPES);

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && eventTypes.has(value);
}

export function isAgentifyEvent(value: unknown): value is AgentifyEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.workflow_id === 'string' &&
    v.workflow_id.length > 0 &&
    typeof v.timestamp === 'number' &&
    Number.isFinite(v.timestamp) &&
    isEventType(v.event_type) &&
    (v.agent_name === undefined || typeof v.agent_name === 'string') &&
    (v.producer_id === undefined || (typeof v.producer_id === 'string' && v.producer_id.length > 0)) &&
    (v.seq === undefined || (typeof v.seq === 'number' && Number.isSafeInteger(v.seq) && v.seq >= 1)) &&
    typeof v.payload === 'object' &&
    v.payload !== null &&
    !Array.isArray(v.payload)
  );
}
