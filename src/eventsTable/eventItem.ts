/**
 * An event as the events table stores it: the event, its `ttl`, and the hardened table's sparse
 * index keys (indexes.ts) — `index_owner` with `event_type_ts` on a run's start and end, and
 * `status_ts` on a workflow_error and a failed tool_call — as the Python DynamoDB sink writes them
 * (python-decorators/agentify/sinks/dynamodb_items.py). Readers drop the index keys again
 * (src/events/validate.ts).
 */
import type { AgentifyEvent } from '../events/types';
import { EVENT_TYPE_TS_ATTRIBUTE, OWNER_ATTRIBUTE, STATUS_TS_ATTRIBUTE, indexSortKey } from './indexes';

/** The contract's limit on an event's payload: 350 KB of compact UTF-8 JSON (docs/events.md). */
export const MAX_PAYLOAD_BYTES = 350 * 1024;

const RUN_EVENTS: ReadonlySet<string> = new Set(['workflow_start', 'workflow_complete', 'workflow_error']);

/** The index keys an item of this event carries for `owner`; none when it is in no index. */
export function indexAttributes(
  event: { event_type: string; timestamp: number; payload: Record<string, unknown> },
  owner: string,
): Record<string, string> {
  const attrs: Record<string, string> = {};
  if (RUN_EVENTS.has(event.event_type))
    attrs[EVENT_TYPE_TS_ATTRIBUTE] = indexSortKey(event.event_type, event.timestamp);
  const status = event.payload.status;
  if (event.event_type === 'workflow_error' || (event.event_type === 'tool_call' && status === 'failed')) {
    attrs[STATUS_TS_ATTRIBUTE] = indexSortKey(
      typeof status === 'string' && status ? status : 'failed',
      event.timestamp,
    );
  }
  if (Object.keys(attrs).length) attrs[OWNER_ATTRIBUTE] = owner;
  return attrs;
}

/** The item of `event`, kept until `ttl` (epoch seconds) unless the event names its own. */
export function eventItem(event: AgentifyEvent, owner: string, ttl: number): AgentifyEvent & Record<string, unknown> {
  return { ...event, ttl: event.ttl ?? ttl, ...indexAttributes(event, owner) };
}
