/**
 * Records every run of the workspace in the history as it happens: its start, its event count and
 * run time as events arrive, and its outcome when it ends (a terminal event can arrive after the
 * process exited, so count and run time are written again then). Run time is the one definition
 * in src/domain/runDuration.ts: first to last event of the workflow.
 */
import { Disposable, type IDisposable } from '../common/disposable';
import { isTerminalEvent } from '../events/types';
import { RunClock } from '../domain/runDuration';
import type { Runs } from '../run/types';
import type { RunHistoryStore } from './runHistoryStore';

export class RunHistoryRecorder extends Disposable {
  private watching: IDisposable[] = [];

  constructor(store: RunHistoryStore, runs: Pick<Runs, 'onDidStartRun' | 'onDidEndRun'>) {
    super();
    let count = 0;
    let clock = new RunClock();
    this.register(
      runs.onDidStartRun((run) => {
        for (const d of this.watching.splice(0)) d.dispose();
        const snapshot = run.snapshot();
        count = snapshot.length;
        clock = new RunClock();
        for (const e of snapshot) clock.add(e);
        const { workflowId, prompt, startedAt } = run.info;
        void store.begin({ workflowId, prompt, startedAt });
        this.watching.push(
          run.onDidReceiveEvent((event) => {
            count++;
            clock.add(event);
            if (isTerminalEvent(event))
              void store.update(event.workflow_id, { eventCount: count, durationMs: clock.duration });
          }),
          run.onDidChangeInfo(({ previousId, info }) => void store.rename(previousId, info.workflowId)),
        );
      }),
    );
    this.register(
      runs.onDidEndRun((end) => {
        const duration = clock.duration;
        void store.update(end.run.workflowId, {
          endedAt: end.endedAt,
          status: end.outcome,
          eventCount: count,
          ...(duration !== undefined ? { durationMs: duration } : {}),
        });
      }),
    );
    this.register({ dispose: () => this.watching.splice(0).forEach((d) => d.dispose()) });
  }
}
