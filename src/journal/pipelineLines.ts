/**
 * The offline pipeline's stdout as the editor reads it: the Agentify events its processes print
 * (the invoker's and the agent's, each naming its session) go to the session's run, as a local
 * run's do; every other line goes to the log. Disposing the parser ends both.
 */
import { StdoutEventParser } from '../run/stdoutEventParser';
import type { SessionRuns } from './sessionHub';

export function pipelineLines(
  runs: Pick<SessionRuns, 'acceptExternal'>,
  log: (line: string) => void,
): StdoutEventParser {
  const lines = new StdoutEventParser('session');
  lines.onEvents((events) => runs.acceptExternal({ workflowId: events[0].workflow_id, events }, 'stdout'));
  lines.onOutput(log);
  return lines;
}
