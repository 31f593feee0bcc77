/** How an event is named and summarised on one line (always as text). */
import type { AgentifyEvent, EventType } from '../../../src/events/types';
import { clip } from '../../shared/dom';

export const EVENT_ICONS: Record<EventType, string> = {
  workflow_start: 'debug-start',
  workflow_complete: 'pass-filled',
  workflow_error: 'error',
  graph_structure: 'type-hierarchy',
  agent_start: 'person',
  agent_end: 'person',
  agent_stream: 'comment',
  tool_call: 'tools',
  llm_call: 'sparkle',
  log: 'output',
};

function short(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

export function summarize(event: AgentifyEvent): string {
  const p = event.payload;
  let text: string;
  switch (event.event_type) {
    case 'workflow_start':
      text = short(p.input ?? p.message);
      break;
    case 'workflow_complete':
      text = short(p.result ?? p.output);
      break;
    case 'workflow_error':
      text = p.error ? `${p.error.type}: ${p.error.message}` : short(p.message);
      break;
    case 'graph_structure':
      text =
        `${Array.isArray(p.nodes) ? p.nodes.length : 0} nodes, ${Array.isArray(p.edges) ? p.edges.length : 0} ` +
        `edges`;
      break;
    case 'tool_call': {
      const name = short(p['gen_ai.tool.name'] ?? p.name ?? 'tool');
      const detail = p.error
        ? `${p.error.type}: ${p.error.message}`
        : short(p.status === 'started' ? p.input : (p.output ?? p.result ?? p.input));
      text = `${name} · ${short(p.status ?? '')} ${detail}`;
      break;
    }
    case 'llm_call': {
      const tokens = p['gen_ai.usage.input_tokens'];
      const usage = tokens !== undefined ? ` · ${tokens} in / ${p['gen_ai.usage.output_tokens'] ?? 0} out tokens` : '';
      text = `${short(p['gen_ai.request.model'] ?? 'model')}${usage}`;
      break;
    }
    case 'agent_stream':
      text = short(p.chunk ?? p.message);
      break;
    case 'log':
      text = `${p.level ? `[${p.level}] ` : ''}${short(p.message)}`;
      break;
    default:
      text = short(p.message ?? p.output ?? p.input ?? (p.error ? `${p.error.type}: ${p.error.message}` : ''));
  }
  // One line, bounded: the full event is one click away.
  return clip(text.replace(/\s+/g, ' '), 400);
}
