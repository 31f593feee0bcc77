/**
 * How a run ended, decided once from what the RunSession saw: the terminal event the workflow
 * reported (from any source), or else why the process ended. A run without a terminal event of
 * its own gets a synthetic `workflow_error` that says what happened and what to do next.
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

export function outcomeOf(terminal: TerminalEventType | undefined, exit: ProcessExit): RunOutcome {
  if (terminal === 'workflow_complete') return 'completed';
  if (terminal === 'workflow_error') return 'failed';
  return exit.stopReason ?? 'failed';
}

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

/** The synthetic ending: after every event of the run, so the ordered list shows it last. */
export function syntheticErrorEvent(run: RunInfo, timestamp: number, error: ErrorInfo): AgentifyEvent {
  return {
    workflow_id: run.workflowId,
    timestamp,
    event_type: 'workflow_error',
    payload: { ...(run.traceId ? { trace_id: run.traceId } : {}), status: 'error', error, message: error.message },
  };
}

/** The ending of a run traced only with OpenTelemetry whose process exited with code 0. */
export function syntheticCompleteEvent(run: RunInfo, timestamp: number): AgentifyEvent {
  return {
    workflow_id: run.workflowId,
    timestamp,
    event_type: 'workflow_complete',
    payload: {
      ...(run.traceId ? { trace_id: run.traceId } : {}),
      status: 'ok',
      message:
        'The workflow process ended with exit code 0. Its spans came over OpenTelemetry, which carries no outcome of ' +
        'a run: the exit code is it.',
    },
  };
}
