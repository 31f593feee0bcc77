/**
 * How a session's run ends when the session's agent reported no ending of its own (it failed
 * before its workflow started, or it emits none): the session's outcome as the status strip
 * shows it, as the run's synthetic ending (src/run/runEnding.ts). Pure.
 */
import { describeError, isAgentifyError } from '../common/errors';
import type { SyntheticEnding } from '../run/runEnding';
import type { SessionView } from '../protocol/demoViewer';

/** The ending of a session's run, from the last view of the session (undefined: none was read). */
export function sessionEnding(sessionId: string, view: SessionView | undefined): SyntheticEnding {
  if (view?.outcome === 'succeeded') {
    return { outcome: 'completed', message: `Session ${sessionId} succeeded: its background task completed.` };
  }
  if (view?.outcome === 'failed') {
    return {
      outcome: 'failed',
      error: {
        type: 'SessionFailed',
        message: view.error ?? `Session ${sessionId} failed; its journal gives no reason.`,
      },
    };
  }
  return {
    outcome: 'stopped',
    error: {
      type: 'SessionNotWatched',
      message:
        `Agentify stopped watching session ${sessionId} before it ended; it may still be running. Run Agentify: ` +
        `Open Session with its id to see the rest.`,
    },
  };
}

/** The ending of a session's run whose execution could not be started. */
export function notStartedEnding(err: unknown): SyntheticEnding {
  const message = isAgentifyError(err) ? err.message : describeError(err);
  return { outcome: 'failed', error: { type: 'SessionNotStarted', message } };
}
