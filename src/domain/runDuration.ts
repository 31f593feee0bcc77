/**
 * The one definition of a run's duration, used by the Demo Viewer, the run history and the status
 * bar: the time from the workflow's first event to its last (workflow_start to workflow_complete
 * or workflow_error), on the workflow's own clock. It is in the events, so a live run, a run
 * reopened from the table, an export and a comparison all give the same figure; process start-up
 * before the first event and the wait for the process to exit after the last are not part of it.
 */
import type { AgentifyEvent } from '../events/types';
import { isTerminalEvent } from '../events/types';

export const RUN_DURATION_NAME = 'Run time';
/** The definition in a few words, for labels. */
export const RUN_DURATION_SHORT = 'first → last event';
export const RUN_DURATION_DEFINITION =
  'Run time: from the workflow’s first event to its last (start → complete or error), by the workflow’s clock.';

/** Follows one run's events and says how long it has taken. */
export class RunClock {
  first: number | undefined;
  last: number | undefined;
  terminal: number | undefined;

  add(event: Pick<AgentifyEvent, 'timestamp' | 'event_type'>): void {
    const t = event.timestamp;
    if (this.first === undefined || t < this.first) this.first = t;
    if (this.last === undefined || t > this.last) this.last = t;
    if (isTerminalEvent(event)) this.terminal = t;
  }

  /** Ended: first to terminal event (or to the last event when none came). Undefined before any event. */
  get duration(): number | undefined {
    if (this.first === undefined) return undefined;
    return Math.max(0, (this.terminal ?? this.last ?? this.first) - this.first);
  }

  /**
   * While the run goes: the time since its first event by this machine's clock. A workflow whose
   * clock is far from ours (events written elsewhere) falls back to the span of its events.
   */
  elapsed(now: number): number | undefined {
    if (this.first === undefined) return undefined;
    if (this.terminal !== undefined) return this.duration;
    const since = now - this.first;
    if (since >= 0 && since < 86_400_000) return Math.max(since, (this.last ?? this.first) - this.first);
    return this.duration;
  }
}

export function runDuration(events: readonly Pick<AgentifyEvent, 'timestamp' | 'event_type'>[]): number | undefined {
  const clock = new RunClock();
  for (const e of events) clock.add(e);
  return clock.duration;
}

/** How every part writes a duration: "420 ms", "2.77 s", "12.3 s", "3 min 4 s". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}
