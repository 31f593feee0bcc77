/**
 * Owns the reading of a workflow's stdout: the decorators print one compact JSON line per event,
 * `{"agentify": 1, "event": {...}}`, and existing workflows print `{"type": "node_start", ...}`
 * lines; both become contract events. Every other line is the user's own output and goes to
 * `onOutput` (the output channel). A line that looks like an event but is not one is reported once
 * per run and skipped; nothing here throws on input.
 */
import { Disposable } from '../common/disposable';
import { Event, EventEmitter } from '../common/emitter';
import type { AgentifyEvent } from '../events/types';
import { isAgentifyEvent } from '../events/validate';
import { fromLegacyLine, isLegacyLine } from './legacyEvents';

export const ENVELOPE_VERSION = 1;

export interface StdoutEventParserOptions {
  /** Clock in epoch ms, for legacy lines without a timestamp. Default Date.now. */
  now?: () => number;
  /** Longest partial line kept between chunks, in characters; beyond it the line is cut into output. Default 4 MiB. */
  maxLineLength?: number;
}

export class StdoutEventParser extends Disposable {
  private readonly _onEvent = this.register(new EventEmitter<AgentifyEvent>());
  /** An event parsed from a line. */
  readonly onEvent: Event<AgentifyEvent> = this._onEvent.event;

  private readonly _onOutput = this.register(new EventEmitter<string>());
  /** A line that is not an event: the user's own output. */
  readonly onOutput: Event<string> = this._onOutput.event;

  private readonly _onMalformed = this.register(new EventEmitter<{ line: string; count: number }>());
  /** The first line of a run that looked like an event and was not one (later ones are only counted). */
  readonly onMalformed: Event<{ line: string; count: number }> = this._onMalformed.event;

  private partial = '';
  private workflowId: string | undefined;
  private lastLegacyTimestamp = 0;
  private _malformedCount = 0;
  private readonly now: () => number;
  private readonly maxLineLength: number;

  constructor(options: StdoutEventParserOptions = {}) {
    super();
    this.now = options.now ?? Date.now;
    this.maxLineLength = options.maxLineLength ?? 4 * 1024 * 1024;
  }

  /** Malformed event lines seen in the current run. */
  get malformedCount(): number {
    return this._malformedCount;
  }

  /** A new run: its id fills legacy lines that carry none; partial input is dropped. */
  reset(workflowId: string | undefined): void {
    this.workflowId = workflowId;
    this.partial = '';
    this.lastLegacyTimestamp = 0;
    this._malformedCount = 0;
  }

  /** Raw stdout data; lines split across chunks are joined. */
  acceptChunk(chunk: string): void {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.acceptLine(line);
    if (this.partial.length > this.maxLineLength) {
      // A runaway line without a newline must not grow memory without bound.
      this._onOutput.fire(this.partial);
      this.partial = '';
    }
  }

  /** Ends the input: a last line without a newline is processed. */
  flush(): void {
    const rest = this.partial;
    this.partial = '';
    if (rest) this.acceptLine(rest);
  }

  /** One complete line (without its newline). Returns the event it carried, if any. */
  acceptLine(rawLine: string): AgentifyEvent | undefined {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const trimmed = line.trim();
    if (!trimmed.startsWith('{') || !looksLikeEvent(trimmed)) {
      this._onOutput.fire(line);
      return undefined;
    }
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      this.malformed(line);
      return undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this._onOutput.fire(line);
      return undefined;
    }
    const record = value as Record<string, unknown>;
    let event: AgentifyEvent | undefined;
    if ('agentify' in record) {
      if (record.agentify !== ENVELOPE_VERSION || !isAgentifyEvent(record.event)) {
        this.malformed(line);
        return undefined;
      }
      event = record.event;
    } else if (isLegacyLine(record)) {
      event = this.fromLegacy(record);
      if (!event) {
        this.malformed(line);
        return undefined;
      }
    } else {
      // A JSON line of the user's own that happens to mention a key we look for.
      this._onOutput.fire(line);
      return undefined;
    }
    this._onEvent.fire(event);
    return event;
  }

  private fromLegacy(record: Record<string, unknown>): AgentifyEvent | undefined {
    const event = fromLegacyLine(record, this.workflowId, this.now());
    if (!event) return undefined;
    // Legacy timestamps are often whole seconds: bump to keep them unique (they are an identity).
    if (event.timestamp <= this.lastLegacyTimestamp) event.timestamp = this.lastLegacyTimestamp + 1;
    this.lastLegacyTimestamp = event.timestamp;
    return event;
  }

  private malformed(line: string): void {
    if (this._malformedCount++ === 0) this._onMalformed.fire({ line: line.length > 500 ? `${line.slice(0, 500)}…` : line, count: 1 });
  }
}

function looksLikeEvent(trimmed: string): boolean {
  return trimmed.includes('"agentify"') || /"type"\s*:\s*"(graph_structure|node_start|node_stream|node_stop|workflow_complete|workflow_error)"/.test(trimmed);
}
