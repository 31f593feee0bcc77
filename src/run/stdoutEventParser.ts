/**
 * Owns the reading of one run's stdout, the only place a stdout line is parsed: the decorators
 * print one compact JSON line per event, `{"agentify": 1, "event": {...}}`, and existing workflows
 * print `{"type": "node_start", ...}` lines; both become contract events (`onEvents`). Every other
 * line is the user's own output (`onOutput`), JSON or not. A line in the envelope whose event is
 * not valid is reported once per run (`onMalformed`) and skipped; nothing here throws on input.
 */
import { Disposable } from '../common/disposable';
import { Event, EventEmitter } from '../common/emitter';
import type { AgentifyEvent } from '../events/types';
import { isAgentifyEvent } from '../events/validate';
import { fromLegacyLine, isLegacyLine } from './legacyEvents';
import type { RunEventSource } from './types';

export const ENVELOPE_VERSION = 1;

export class StdoutEventParser extends Disposable implements RunEventSource {
  readonly origin = 'stdout' as const;

  private readonly _onEvents = this.register(new EventEmitter<readonly AgentifyEvent[]>());
  /** The event a line carried (one per line). */
  readonly onEvents: Event<readonly AgentifyEvent[]> = this._onEvents.event;

  private readonly _onOutput = this.register(new EventEmitter<string>());
  /** A line that is not an event: the user's own output. */
  readonly onOutput: Event<string> = this._onOutput.event;

  private readonly _onMalformed = this.register(new EventEmitter<string>());
  /** The first line of the run that was in the envelope but carried no valid event (later ones are counted). */
  readonly onMalformed: Event<string> = this._onMalformed.event;

  private lastLegacyTimestamp = 0;
  private _malformedCount = 0;

  /**
   * @param workflowId fills legacy lines that carry none.
   * @param now clock in epoch ms, for legacy lines without a timestamp.
   */
  constructor(
    private readonly workflowId: string,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  /** Envelope lines seen in this run that carried no valid event. */
  get malformedCount(): number {
    return this._malformedCount;
  }

  /** One complete line (without its newline). */
  acceptLine(rawLine: string): void {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const event = this.parse(line);
    if (event) this._onEvents.fire([event]);
  }

  private parse(line: string): AgentifyEvent | undefined {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{') || !looksLikeEvent(trimmed)) return this.output(line);
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      // Only a line that starts like our envelope is ours; anything else is the user's.
      return ENVELOPE_START.test(trimmed) ? this.malformed(line) : this.output(line);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.output(line);
    const record = value as Record<string, unknown>;
    if (record.agentify === ENVELOPE_VERSION && typeof record.event === 'object' && record.event !== null) {
      return isAgentifyEvent(record.event) ? record.event : this.malformed(line);
    }
    if (!('agentify' in record) && isLegacyLine(record)) return this.fromLegacy(record) ?? this.malformed(line);
    // A JSON line of the user's own that happens to mention a key we look for.
    return this.output(line);
  }

  private fromLegacy(record: Record<string, unknown>): AgentifyEvent | undefined {
    const event = fromLegacyLine(record, this.workflowId, this.now());
    if (!event) return undefined;
    // Legacy timestamps are often whole seconds: bump to keep them unique (they are an identity).
    if (event.timestamp <= this.lastLegacyTimestamp) event.timestamp = this.lastLegacyTimestamp + 1;
    this.lastLegacyTimestamp = event.timestamp;
    return event;
  }

  private output(line: string): undefined {
    this._onOutput.fire(line);
    return undefined;
  }

  private malformed(line: string): undefined {
    if (this._malformedCount++ === 0) this._onMalformed.fire(line.length > 500 ? `${line.slice(0, 500)}…` : line);
    return undefined;
  }
}

const ENVELOPE_START = /^\{\s*"agentify"\s*:\s*1\s*,/;

function looksLikeEvent(trimmed: string): boolean {
  return (
    trimmed.includes('"agentify"') ||
    /"type"\s*:\s*"(graph_structure|node_start|node_stream|node_stop|workflow_complete|workflow_error)"/.test(trimmed)
  );
}
