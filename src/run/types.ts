/**
 * The vocabulary of one workflow run: what it is (RunInfo), how it ended (RunEnd), where its events
 * come from (RunEventSource), and what the commands, panels, history and status bar see of runs
 * (Runs). A RunSession (src/run/runSession.ts) owns each run; RunManager the current one.
 */
import type { Event } from '../common/emitter';
import type { AgentifyError } from '../common/errors';
import type { IDisposable } from '../common/disposable';
import type { AgentifyEvent } from '../events/types';

export interface RunInfo {
  workflowId: string;
  traceId: string;
  prompt: string;
  /** Epoch ms. */
  startedAt: number;
}

export type RunOutcome = 'completed' | 'failed' | 'stopped' | 'timedOut';

export interface RunEnd {
  run: RunInfo;
  outcome: RunOutcome;
  /** Epoch ms: when the session decided the outcome. */
  endedAt: number;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Last lines of stderr (for the error shown when the process died without a terminal event). */
  stderrTail: string;
}

/** Where an event entered the host. `synthetic`: made by the host for a run that ended without one. */
export type EventOrigin = 'stdout' | 'table' | 'otlp' | 'synthetic';

/** A source of one run's events, already read and validated where they entered. */
export interface RunEventSource extends IDisposable {
  readonly origin: EventOrigin;
  /** A batch of events in the order the source read them. */
  readonly onEvents: Event<readonly AgentifyEvent[]>;
  /** A failure the user must act on (table missing, no credentials, …); the source has stopped. */
  readonly onError?: Event<AgentifyError>;
}

/** The events of one run as subscribers see them: each once, the list ordered by timestamp. */
export interface RunEvents {
  readonly info: RunInfo;
  /** One event new to the run (it may belong before ones already delivered: order by timestamp). */
  readonly onDidReceiveEvent: Event<AgentifyEvent>;
  /** A source failed in a way the user must act on. */
  readonly onDidError: Event<AgentifyError>;
  /** The run took the id its workflow printed for itself (older projects do), before any event was shown. */
  readonly onDidChangeInfo: Event<{ previousId: string; info: RunInfo }>;
  /** The run's events so far, ordered (for a view that opens mid-run). */
  snapshot(): readonly AgentifyEvent[];
  /** The run's end; undefined while it goes on. */
  readonly end: RunEnd | undefined;
}

/** Runs as the commands, panels, history and status bar see them: one current run at a time. */
export interface Runs {
  /** Starts a run (stopping the current one first); rejects with an AgentifyError (python missing, …). */
  run(prompt: string): Promise<RunInfo>;
  /** Stops the current run (its whole process tree); resolves when it has ended. */
  stop(): Promise<void>;
  /** The run going on, or the last one once it ended (until the next starts). */
  readonly current: RunEvents | undefined;
  /** True while the current run has not ended. */
  readonly isRunning: boolean;
  readonly onDidStartRun: Event<RunEvents>;
  readonly onDidEndRun: Event<RunEnd>;
}
