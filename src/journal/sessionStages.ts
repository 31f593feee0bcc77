/**
 * A session's journal entries → the status strip: each stage's state, times and failure message,
 * and the session's outcome (the execution's, when known, else read from the entries). Pure.
 */
import type { SessionStage, SessionView } from '../protocol/demoViewer';
import { FAILURE_STATUSES, JournalItem, JournalStatus, STAGES, SUCCESS_STATUS } from './journalStatus';

/** How the execution ended, when it has (Step Functions' words). */
export interface ExecutionEnd {
  status: 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';
  error?: string;
  cause?: string;
}

function duration(start?: string, end?: string): number | undefined {
  if (!start || !end) return undefined;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

export function sessionView(
  sessionId: string,
  mode: SessionView['mode'],
  items: readonly JournalItem[],
  execution?: ExecutionEnd,
): SessionView {
  const first = new Map<JournalStatus, JournalItem>();
  for (const item of items) if (!first.has(item.Status)) first.set(item.Status, item);
  const failure = items.find((i) => FAILURE_STATUSES.includes(i.Status));
  const succeeded = first.get(SUCCESS_STATUS);
  const executionFailed = execution !== undefined && execution.status !== 'SUCCEEDED';
  const executionError = executionFailed
    ? execution.cause || execution.error || `The execution ended ${execution.status}.`
    : undefined;

  const stages: SessionStage[] = STAGES.map((stage) => {
    const start = first.get(stage.start);
    const bad = items.find((i) => (stage.failed as readonly JournalStatus[]).includes(i.Status));
    const good = items.find((i) => (stage.ok as readonly JournalStatus[]).includes(i.Status));
    const base = { id: stage.id, label: stage.label, startedAt: start?.Timestamp };
    if (bad)
      return {
        ...base,
        state: 'failed',
        endedAt: bad.Timestamp,
        durationMs: duration(start?.Timestamp, bad.Timestamp),
        error: bad.ErrorMessage,
      };
    if (good && (stage.id !== 'session' || start))
      return {
        ...base,
        state: 'succeeded',
        endedAt: good.Timestamp,
        durationMs: duration(start?.Timestamp, good.Timestamp),
      };
    if (stage.id === 'session' && executionFailed) return { ...base, state: 'failed', error: executionError };
    if (!start) return { ...base, state: 'pending' };
    // A stage still open when the execution ended did not finish: it is where the session stopped.
    if (executionFailed) return { ...base, state: 'failed', error: executionError };
    return { ...base, state: 'running' };
  });

  const outcome: SessionView['outcome'] =
    failure || executionFailed ? 'failed' : succeeded || execution?.status === 'SUCCEEDED' ? 'succeeded' : 'running';
  const error = failure?.ErrorMessage ?? executionError;
  return {
    sessionId,
    mode,
    outcome,
    stages,
    ...(outcome === 'failed' && error ? { error } : {}),
    entryCount: items.length,
  };
}
