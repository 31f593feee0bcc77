/**
 * Owns the current run's event list: events from stdout (StdoutEventParser) and from the table
 * (the polling service) merged, each delivered once by identity (`workflow_id:timestamp`), kept
 * in timestamp order. An event older than one already delivered is inserted, and subscribers are
 * told so (`late`, `index`).
 *
 * Memory: only the current run is kept, up to `maxEvents` (default 100,000, what the viewer can
 * show). Past the cap the oldest events leave the list and anything at or below their timestamp
 * is ignored from then on, so the identity set stays as bounded as the list.
 */
import { Disposable } from '../common/disposable';
import { Event, EventEmitter } from '../common/emitter';
import type { AgentifyError } from '../common/errors';
import { AgentifyEvent, EventSource, eventKey } from '../events/types';
import { isAgentifyEvent } from '../events/validate';
import type { DynamoDbPollingService } from '../polling/dynamoDbPollingService';
import type { StdoutEventParser } from './stdoutEventParser';
import type { LiveEventStream, StreamedEvent } from './types';

/** What the stream needs from the table poller. */
export type EventPoller = Pick<DynamoDbPollingService, 'onEvent' | 'onError' | 'startPolling' | 'stopPolling'>;
/** What the stream needs from the stdout parser. */
export type StdoutParser = Pick<StdoutEventParser, 'onEvent' | 'acceptLine' | 'reset'>;

export interface MergedEventStreamOptions {
  /** Most events kept for the current run; past it the oldest are dropped. Default 100,000. */
  maxEvents?: number;
}

export class MergedEventStream extends Disposable implements LiveEventStream {
  private readonly _onDidReceiveEvent = this.register(new EventEmitter<StreamedEvent>({ onLastListenerRemove: () => this.poller.stopPolling() }));
  readonly onDidReceiveEvent: Event<StreamedEvent> = this._onDidReceiveEvent.event;

  private readonly _onDidReset = this.register(new EventEmitter<{ workflowId: string }>());
  readonly onDidReset: Event<{ workflowId: string }> = this._onDidReset.event;

  private readonly _onDidError = this.register(new EventEmitter<AgentifyError>());
  readonly onDidError: Event<AgentifyError> = this._onDidError.event;

  private workflowId: string | undefined;
  private events: AgentifyEvent[] = [];
  private keys = new Set<string>();
  /** Timestamps at or below this left the list (cap) and are ignored. */
  private droppedUpTo = -Infinity;
  private stdoutEvents = 0;
  private readonly maxEvents: number;

  constructor(
    private readonly poller: EventPoller,
    private readonly parser: StdoutParser,
    options: MergedEventStreamOptions = {},
  ) {
    super();
    this.maxEvents = options.maxEvents ?? 100_000;
    this.register(poller.onEvent((e) => this.acceptEvent(e, 'table')));
    this.register(poller.onError((err) => this._onDidError.fire(err)));
    this.register(parser.onEvent((e) => this.acceptEvent(e, 'stdout')));
  }

  get currentWorkflowId(): string | undefined {
    return this.workflowId;
  }

  snapshot(): readonly AgentifyEvent[] {
    return [...this.events];
  }

  startRun(workflowId: string): void {
    this.clear(workflowId);
    this._onDidReset.fire({ workflowId });
    this.poller.startPolling(workflowId);
  }

  acceptStdoutLine(line: string): void {
    this.parser.acceptLine(line);
  }

  acceptEvent(event: AgentifyEvent, source: EventSource): void {
    if (this.isDisposed || !isAgentifyEvent(event)) return;
    if (event.workflow_id !== this.workflowId) {
      // A workflow that names its own run id on stdout (older projects do) is the run being
      // executed: the stream follows its id, as long as nothing of the run was shown yet.
      if (source !== 'stdout' || this.workflowId === undefined || this.stdoutEvents > 0 || this.events.length > 0) return;
      this.startRun(event.workflow_id);
    }
    if (source === 'stdout') this.stdoutEvents++;
    const key = eventKey(event);
    if (event.timestamp <= this.droppedUpTo || this.keys.has(key)) return;
    this.keys.add(key);
    const index = this.insertionIndex(event.timestamp);
    const late = index < this.events.length;
    this.events.splice(index, 0, event);
    let shown = index;
    if (this.events.length > this.maxEvents) shown -= this.dropOldest();
    if (shown < 0) return;
    this._onDidReceiveEvent.fire({ event, source, index: shown, late });
  }

  override dispose(): void {
    this.poller.stopPolling();
    super.dispose();
  }

  private clear(workflowId: string): void {
    this.workflowId = workflowId;
    this.events = [];
    this.keys = new Set();
    this.droppedUpTo = -Infinity;
    this.stdoutEvents = 0;
    this.parser.reset(workflowId);
  }

  /** First position whose timestamp is greater than `timestamp` (binary search). */
  private insertionIndex(timestamp: number): number {
    let lo = 0;
    let hi = this.events.length;
    if (hi === 0 || this.events[hi - 1].timestamp < timestamp) return hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.events[mid].timestamp <= timestamp) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops a tenth of the cap from the front (amortised); returns how many left. */
  private dropOldest(): number {
    const count = Math.max(1, Math.floor(this.maxEvents / 10), this.events.length - this.maxEvents);
    const removed = this.events.splice(0, count);
    for (const e of removed) this.keys.delete(eventKey(e));
    this.droppedUpTo = removed[removed.length - 1].timestamp;
    return count;
  }
}
