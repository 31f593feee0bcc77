/**
 * A run as one JSON document: what was asked, how it ended, and every event in order. Reading it
 * back gives the same run (the format is versioned so later readers can tell).
 */
import type { AgentifyEvent } from '../events/types';
import { isAgentifyEvent } from '../events/validate';
import type { RunSummary } from '../protocol/demoViewer';

export const RUN_EXPORT_FORMAT = 'agentify.run';
export const RUN_EXPORT_VERSION = 1;

export interface RunExport {
  format: typeof RUN_EXPORT_FORMAT;
  version: typeof RUN_EXPORT_VERSION;
  run: RunSummary;
  events: AgentifyEvent[];
}

export function toRunJson(run: RunSummary, events: readonly AgentifyEvent[]): string {
  const doc: RunExport = { format: RUN_EXPORT_FORMAT, version: RUN_EXPORT_VERSION, run, events: [...events] };
  return JSON.stringify(doc, null, 2);
}

export function parseRunJson(text: string): RunExport {
  const doc = JSON.parse(text) as Partial<RunExport>;
  if (
    doc.format !== RUN_EXPORT_FORMAT ||
    doc.version !== RUN_EXPORT_VERSION ||
    !Array.isArray(doc.events) ||
    !doc.run
  ) {
    throw new Error('Not an Agentify run export (format agentify.run, version 1).');
  }
  if (!doc.events.every(isAgentifyEvent)) throw new Error('The run export holds an event of the wrong shape.');
  return doc as RunExport;
}
