/**
 * How a run ended, decided once from what the RunSession saw: the terminal event the workflow
 * reported (from any source), or else why the process ended, or what whoever watched it from
 * outside learnt (a session of the deployed pipeline). A run without a terminal event of its own
 * gets a synthetic ending: a `workflow_error` that says what happened and what to do next, or a
 * `workflow_complete` when the run is known to have succeeded.
 */
import type { AgentifyEvent, ErrorInfo } from '../events/types';
import type { ProcessExit } from '../executor/types';
import type { RunInfo, RunOutcome } from './types';

export type TerminalEventType = 'workflow_complete' | 'workflow_error';

export function terminalTypeOf(event: AgentifyEvent): TerminalEventType | undefined {
  return event.event_type === 'workflow_complete' || event.event_type === 'workflow_error'
    ? event.event_type
    : undefined;
}

export function outcomeOf(terminal: TerminalEventType): RunOutcome {
  return terminal === 'workflow_complete' ? 'completed' : 'failed';
}

/** The ending a run without a terminal event of its own is given: its outcome, and why. */
export type SyntheticEnding =
  { outcome: 'completed'; message: string } | { outcome: Exclude<RunOutcome, 'completed'>; error: ErrorInfo };

/** "exit code 3" / "signal SIGKILL", for messages. */
export function describeExit(exit: Pick<ProcessExit, 'exitCode' | 'signal'>): string {
  if (exit.signal) return `signal ${exit.signal}`;
  return `exit code ${exit.exitCode ?? 'unknown'}`;
}

export interface EndingContext {
  /** False when the run reports only to the table (`workflow.stdoutEvents` off). */
  stdoutEvents: boolean;
  /** How long the session waited for the table's terminal event, in ms. */
  tableWaitMs: number;
  /** `workflow.timeoutSeconds` of the run. */
  timeoutSeconds: number;
  /** Set for a run with no process of ours, ended after this long without an event. */
  observed?: { idleMs: number };
}

/** What went wrong, for a run that reported no terminal event. */
export function missingEndError(exit: ProcessExit, context: EndingContext): ErrorInfo {
  const how = describeExit(exit);
  const traceback = exit.stderrTail || undefined;
  if (context.observed) {
    return {
      type: 'TraceIncomplete',
      message:
        `No span of this run arrived for ${context.observed.idleMs / 1000} s and its root span never did, so ` +
        `it is shown as far as it got. The process may have exited before its exporter sent the last batch: shut the ` +
        `tracer provider down (or force_flush) before exit.`,
    };
  }
  if (exit.stopReason === 'stopped') return { type: 'Stopped', message: `The workflow was stopped (${how}).` };
  if (exit.stopReason === 'timedOut') {
    return {
      type: 'TimedOut',
      message:
        `The workflow ran longer than ${context.timeoutSeconds} s and was stopped (${how}). Raise ` +
        `agentify.workflow.timeoutSeconds, or set it to 0 for no limit.`,
      traceback,
    };
  }
  if (!context.stdoutEvents) {
    return {
      type: 'ProcessExited',
      message:
        `The workflow process ended with ${how}, and no workflow_complete or workflow_error for it reached ` +
        `the events table within ${context.tableWaitMs / 1000} s. Check that the workflow uses the Agentify ` +
        `decorators and can write to the table (see the Agentify output log), or turn ` +
        `agentify.workflow.stdoutEvents on.`,
      traceback,
    };
  }
  return {
    type: 'ProcessExited',
    message:
      `The workflow process ended with ${how} without reporting completion. See the traceback below and the ` +
      `Agentify output log.`,
    traceback,
  };
}

/**
 * The ending of a run that ended without a terminal event and without a watcher's word: its
 * process exited (or, observed, it went quiet). A run traced only with OpenTelemetry (spans carry
 * no outcome of a run) that exited with code 0 completed: the exit code is its outcome.
 */
export function exitEnding(exit: ProcessExit, context: EndingContext & { otlpEvents: number }): SyntheticEnding {
  if (context.otlpEvents > 0 && exit.exitCode === 0 && !exit.stopReason) {
    return {
      outcome: 'completed',
      message:
        'The workflow process ended with exit code 0. Its spans came over OpenTelemetry, which carries no outcome of ' +
        'a run: the exit code is it.',
    };
  }
  return { outcome: exit.stopReason ?? 'failed', error: missingEndError(exit, context) };
}

/** The synthetic ending's event: after every event of the run, so the ordered list shows it last. */
export function syntheticEndingEvent(run: RunInfo, timestamp: number, ending: SyntheticEnding): AgentifyEvent {
  const traceId = run.traceId ? { trace_id: run.traceId } : {};
  if (ending.outcome === 'completed') {
    return {
      workflow_id: run.workflowId,
      timestamp,
      event_type: 'workflow_complete',
      payload: { ...traceId, status: 'ok', message: ending.message },
    };
  }
  const { error } = ending;
  return {
    workflow_id: run.workflowId,
    timestamp,
    event_type: 'workflow_error',
    payload: { ...traceId, status: 'error', error, message: error.message },
  };
}
