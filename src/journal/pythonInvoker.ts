/**
 * The offline pipeline's Lambda task: the project's real Python invoker handler
 * (agentify.journal.invoker.handler) run as a subprocess the way the Lambda runtime runs it, its
 * event on stdin and its result (or function error) read back.
 */
import type { LocalInvoker } from './localStateMachine';
import { runPython } from './pythonProcess';

export const LAMBDA_RESULT_MARKER = 'AGENTIFY_LAMBDA_RESULT ';
export const LAMBDA_ERROR_MARKER = 'AGENTIFY_LAMBDA_ERROR ';

export interface PythonInvokerOptions {
  python: string;
  /** From pipelineEnv(), plus AGENTIFY_AGENT_RUNTIME_ARN and AGENTIFY_AGENTCORE_ENDPOINT. */
  env: NodeJS.ProcessEnv;
  /** As the template's function Timeout. Default 120 s. */
  timeoutMs?: number;
  /** The invoker's other stdout lines (its Agentify events). */
  onLine?: (line: string) => void;
}

/** A Lambda function error, named by the function's errorType as Step Functions names it. */
function functionError(errorType: string, message: string): Error {
  const err = new Error(message);
  err.name = errorType;
  return err;
}

export function pythonInvoker(o: PythonInvokerOptions): LocalInvoker {
  return async (event) => {
    let result: unknown;
    let error: { errorType?: string; errorMessage?: string } | undefined;
    const run = runPython({
      python: o.python,
      args: ['-m', 'agentify.journal.local_lambda'],
      env: o.env,
      input: event,
      markers: [LAMBDA_RESULT_MARKER, LAMBDA_ERROR_MARKER],
      onMarker: (marker, value) => {
        if (marker === LAMBDA_RESULT_MARKER) result = value;
        else error = value as typeof error;
      },
      onLine: o.onLine,
      timeoutMs: o.timeoutMs ?? 120_000,
    });
    const exit = await run.exited;
    if (error) throw functionError(error.errorType ?? 'Error', error.errorMessage ?? 'The invoker failed.');
    if (result === undefined) {
      const why = exit.signal
        ? `was killed (${exit.signal}), past its timeout`
        : `exited with code ${exit.code} without a result`;
      throw functionError(
        'Sandbox.Timedout',
        `The Lambda invoker ${why}. Its stderr: ${exit.stderr.trim().slice(-1000) || '(empty)'}`,
      );
    }
    return result;
  };
}
