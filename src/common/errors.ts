/**
 * The one error type users see. Its message is written for the user: what happened, then what to
 * do next. `code` lets callers branch without parsing text; `cause` keeps the low-level error.
 */
export type AgentifyErrorCode =
  | 'TableNotFound'
  | 'TableSchemaMismatch'
  | 'NoCredentials'
  | 'ExpiredCredentials'
  | 'AccessDenied'
  | 'EndpointUnreachable'
  | 'Throttled'
  | 'ConfigFileInvalid'
  | 'JavaMissing'
  | 'LocalDbFailed'
  | 'PythonMissing'
  | 'WorkflowEntryMissing'
  | 'WorkflowFailed'
  | 'DeployFailed'
  | 'EventsMissing'
  | 'OverwriteNotConfirmed'
  | 'RunNotInTable'
  | 'Unknown';

export class AgentifyError extends Error {
  readonly code: AgentifyErrorCode;
  /** Short next step, also contained in the message; handy for buttons and status lines. */
  readonly hint?: string;

  constructor(message: string, options: { code: AgentifyErrorCode; cause?: unknown; hint?: string }) {
    super(message, { cause: options.cause });
    this.name = 'AgentifyError';
    this.code = options.code;
    this.hint = options.hint;
  }
}

export function isAgentifyError(err: unknown): err is AgentifyError {
  return err instanceof AgentifyError;
}

/** The low-level message of any thrown value, for logs. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
