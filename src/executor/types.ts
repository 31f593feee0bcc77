/** What the commands and the Demo Viewer need from the workflow executor. */
import type { Event } from '../common/emitter';

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
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Last lines of stderr (for the error shown when the process died without a terminal event). */
  stderrTail: string;
}

export interface WorkflowRunner {
  /** Starts a run; rejects with an AgentifyError (python missing, entry missing, …). */
  run(prompt: string): Promise<RunInfo>;
  /** Stops the current run (whole process tree); resolves when it has exited. */
  stop(): Promise<void>;
  readonly currentRun: RunInfo | undefined;
  readonly onDidStart: Event<RunInfo>;
  readonly onDidEnd: Event<RunEnd>;
}
