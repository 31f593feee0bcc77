/** What the workflow executor is asked to run, and what it reports about the process. */

export interface SpawnRequest {
  workflowId: string;
  traceId: string;
  prompt: string;
}

/** Why the executor ended the process, when it did. */
export type StopReason = 'stopped' | 'timedOut';

export interface ProcessExit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the executor ended the process (Stop, or `workflow.timeoutSeconds`). */
  stopReason?: StopReason;
  /** Last lines of stderr. */
  stderrTail: string;
}

/** One running workflow process. */
export interface WorkflowProcess {
  readonly pid: number | undefined;
  /** Resolves once the process and its pipes have closed (its whole group has been ended). */
  readonly exited: Promise<ProcessExit>;
  /** Ends the whole process tree (SIGTERM, SIGKILL after the grace period); resolves on exit. */
  stop(reason?: StopReason): Promise<ProcessExit>;
}

/** Receives what the process prints. */
export interface ProcessOutput {
  /** One stdout line, without its newline. */
  onStdoutLine(line: string): void;
  /** One stderr line, without its newline. */
  onStderrLine?(line: string): void;
}
