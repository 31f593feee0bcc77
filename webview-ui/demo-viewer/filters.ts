/**
 * Which events the timeline shows: by type, by agent and by text anywhere in the event. The text
 * of an event is built once and cached, so typing in the search box stays fast on large runs.
 */
import type { AgentifyEvent } from '../../src/events/types';
import { agentOf } from '../../src/domain/spans';

export interface Filters {
  eventType: string;
  agent: string;
  text: string;
}

const searchText = new WeakMap<AgentifyEvent, string>();

export function textOf(event: AgentifyEvent): string {
  let text = searchText.get(event);
  if (text === undefined) {
    text = `${event.event_type} ${agentOf(event) ?? ''} ${JSON.stringify(event.payload)}`.toLowerCase();
    searchText.set(event, text);
  }
  return text;
}

export function isFiltering(f: Filters): boolean {
  return f.eventType !== '' || f.agent !== '' || f.text.trim() !== '';
}

/** `resolve` maps an event's agent name to the agent id the filter uses (a graph node's id). */
export function matcher(
  f: Filters,
  resolve: (name: string | undefined) => string | undefined = (n) => n,
): (event: AgentifyEvent) => boolean {
  const needle = f.text.trim().toLowerCase();
  return (event) =>
    (f.eventType === '' || event.event_type === f.eventType) &&
    (f.agent === '' || resolve(agentOf(event)) === f.agent) &&
    (needle === '' || textOf(event).includes(needle));
}
