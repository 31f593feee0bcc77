/**
 * The live event stream the webviews subscribe to: events of the current run from stdout and the
 * table, merged, each delivered once, ordered by timestamp.
 */
import type { Event } from '../common/emitter';
import type { AgentifyError } from '../common/errors';
import type { AgentifyEvent, EventSource } from '../events/types';

export interface StreamedEvent {
  event: AgentifyEvent;
  /** Which source delivered it first. */
  source: EventSource;
  /** Position in the run's ordered list once inserted. */
  index: number;
  /** True when it arrived after a newer event had been delivered (inserted, not appended). */
  late: boolean;
}

export interface EventStream {
  /** One event, new to the current run. */
  readonly onDidReceiveEvent: Event<StreamedEvent>;
  /** A new run started (or the stream was cleared); subscribers drop what they show. */
  readonly onDidReset: Event<{ workflowId: string }>;
  /** A source failed in a way the user must act on (table missing, no credentials, …). */
  readonly onDidError: Event<AgentifyError>;
  /** The current run's events so far, ordered (for a webview that opens mid-run). */
  snapshot(): readonly AgentifyEvent[];
  readonly currentWorkflowId: string | undefined;
}

/** The stream as the workflow executor drives it: a run starts, its stdout lines come in. */
export interface LiveEventStream extends EventStream {
  /** Clears the stream (fires onDidReset) and starts reading `workflowId`'s events from the table. */
  startRun(workflowId: string): void;
  /** One line of the workflow's stdout (without its newline). */
  acceptStdoutLine(line: string): void;
  /** An event from elsewhere (e.g. synthesized by the executor when the process died). */
  acceptEvent(event: AgentifyEvent, source: EventSource): void;
}
