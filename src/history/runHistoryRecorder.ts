/**
 * Records every run of the workspace in the history as it happens: its start from the runner, its
 * event count and run time from the live stream, and its outcome when it ends (a terminal event
 * can arrive after the process exited, so count and run time are written again then). Run time
 * is the one definition in src/metrics/runDuration.ts: first to last event of the workflow.
 */
import { Disposable } from '../common/disposable';
import { isTerminalEvent } from '../events/types';
import type { RunOutcome, WorkflowRunner } from '../executor/types';
import { RunClock } from '../metrics/runDuration';
import type { RunStatus } from '../protocol/demoViewer';
import type { EventStream } from '../stream/types';
import type { RunHistoryStore } from './runHistoryStore';

export function statusOfOutcome(outcome: RunOutcome): RunStatus {
  return outcome;
}

export class RunHistoryRecorder extends Disposable {
  private readonly runs = new Map<string, { count: number; clock: RunClock }>();

  constructor(store: RunHistoryStore, runner: Pick<WorkflowRunner, 'onDidStart' | 'onDidEnd'>, stream: Pick<EventStream, 'onDidReceiveEvent'>, now: () => number = Date.now) {
    super();
    const entry = (id: string) => {
      let r = this.runs.get(id);
      if (!r) this.runs.set(id, (r = { count: 0, clock: new RunClock() }));
      return r;
    };
    this.register(
      runner.onDidStart((run) => {
        this.runs.set(run.workflowId, { count: 0, clock: new RunClock() });
        void store.begin({ workflowId: run.workflowId, prompt: run.prompt, startedAt: run.startedAt });
      }),
    );
    this.register(
      stream.onDidReceiveEvent(({ event }) => {
        const r = entry(event.workflow_id);
        r.count++;
        r.clock.add(event);
        if (isTerminalEvent(event)) void store.update(event.workflow_id, { eventCount: r.count, durationMs: r.clock.duration });
      }),
    );
    this.register(
      runner.onDidEnd((end) => {
        const id = end.run.workflowId;
        const r = this.runs.get(id);
        const duration = r?.clock.duration;
        void store.update(id, { endedAt: now(), status: statusOfOutcome(end.outcome), eventCount: r?.count ?? 0, ...(duration !== undefined ? { durationMs: duration } : {}) });
        // Keep only the latest run's figures: older ones no longer change.
        for (const key of [...this.runs.keys()]) if (key !== id) this.runs.delete(key);
      }),
    );
  }
}
