/**
 * Which events the timeline shows: by type, by agent and by text anywhere in the event. The text
 * of an event is built once and cached, so typing in the search box stays fast on large runs.
 */
import type { AgentifyEvent } from '../../src/events/types';
import { agentOf } from '../../src/export/spans';

export interface Filters {
  eventType: string;
  agent: string;
  text: string;
}

const searchText = new WeakMap<AgentifyEvent, string>();

function textOf(event: AgentifyEvent): string {
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

export function matcher(f: Filters): (event: AgentifyEvent) => boolean {
  const needle = f.text.trim().toLowerCase();
  return (event) =>
    (f.eventType === '' || event.event_type === f.eventType) &&
    (f.agent === '' || agentOf(event) === f.agent) &&
    (needle === '' || textOf(event).includes(needle));
}
