/**
 * Checking untrusted event data where it enters the host (stdout lines, table items, OTLP spans
 * mapped to events, run exports): against schema/event.schema.json itself, through the validator
 * Ajv compiles from it at build time (eventValidator.generated.ts). Table items carry index keys
 * beside the event; they are dropped here.
 */
import validateEvent from './eventValidator.generated';
import { AgentifyEvent, EVENT_TYPES, EventType } from './types';

const eventTypes: ReadonlySet<string> = new Set(EVENT_TYPES);

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && eventTypes.has(value);
}

/** True for an event the schema accepts. */
export function isAgentifyEvent(value: unknown): value is AgentifyEvent {
  return validateEvent(value) === true;
}

/** What the schema says is wrong with a value, for a log line; undefined when it is an event. */
export function eventSchemaError(value: unknown): string | undefined {
  if (validateEvent(value) === true) return undefined;
  const [first] = (validateEvent as unknown as { errors?: { instancePath: string; message?: string }[] }).errors ?? [];
  return first ? `${first.instancePath || '(event)'} ${first.message ?? 'is not valid'}` : 'is not valid';
}

/** Attributes the hardened table carries beside an event (its index keys); not part of the event. */
export const TABLE_ONLY_ATTRIBUTES = ['index_owner', 'event_type_ts', 'status_ts'] as const;

/** The event a table item holds, or undefined when it holds none the schema accepts. */
export function eventFromItem(item: Record<string, unknown>): AgentifyEvent | undefined {
  let event: Record<string, unknown> = item;
  if (TABLE_ONLY_ATTRIBUTES.some((a) => a in item)) {
    event = { ...item };
    for (const a of TABLE_ONLY_ATTRIBUTES) delete event[a];
  }
  return isAgentifyEvent(event) ? event : undefined;
}

/**
 * The shape the Demo Viewer needs to order and draw an event, for messages between host and
 * webview: the host validated each event against the schema where it entered.
 */
export function hasEventShape(value: unknown): value is AgentifyEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.workflow_id === 'string' &&
    v.workflow_id.length > 0 &&
    typeof v.timestamp === 'number' &&
    Number.isFinite(v.timestamp) &&
    isEventType(v.event_type) &&
    (v.agent_name === undefined || typeof v.agent_name === 'string') &&
    typeof v.payload === 'object' &&
    v.payload !== null &&
    !Array.isArray(v.payload)
  );
}
