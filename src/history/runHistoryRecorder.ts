/**
 * Records every run of the workspace in the history as it happens: its start from the runner, its
 * event count from the live stream, and its outcome when it ends (a terminal event can arrive
 * after the process exited, so the count is written again then).
 */
import { Disposable } from '../common/disposable';
import { isTerminalEvent } from '../events/types';
import type { WorkflowRunner } from '../executor/types';
import type { EventStream } from '../stream/types';
import type { RunHistoryStore } from './runHistoryStore';

export class RunHistoryRecorder extends Disposable {
  private readonly counts = new Map<string, number>();

  constructor(store: RunHistoryStore, runner: Pick<WorkflowRunner, 'onDidStart' | 'onDidEnd'>, stream: Pick<EventStream, 'onDidReceiveEvent'>, now: () => number = Date.now) {
    super();
    this.register(
      runner.onDidStart((run) => {
        this.counts.set(run.workflowId, 0);
        void store.begin({ workflowId: run.workflowId, prompt: run.prompt, startedAt: run.startedAt });
      }),
    );
    this.register(
      stream.onDidReceiveEvent(({ event }) => {
        const count = (this.counts.get(event.workflow_id) ?? 0) + 1;
        this.counts.set(event.workflow_id, count);
        if (isTerminalEvent(event)) void store.update(event.workflow_id, { eventCount: count });
      }),
    );
    this.register(
      runner.onDidEnd((end) => {
        const id = end.run.workflowId;
        void store.update(id, { endedAt: now(), status: end.outcome, eventCount: this.counts.get(id) ?? 0 });
        // Keep only the latest run's count: older ones no longer change.
        for (const key of [...this.counts.keys()]) if (key !== id) this.counts.delete(key);
      }),
    );
  }
}
