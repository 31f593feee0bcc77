/**
 * Records every run of the workspace in the history as it happens: its start, its event count as
 * events arrive, and its outcome when it ends (a terminal event can arrive after the process
 * exited, so the count is written again then).
 */
import { Disposable, type IDisposable } from '../common/disposable';
import { isTerminalEvent } from '../events/types';
import type { Runs } from '../run/types';
import type { RunHistoryStore } from './runHistoryStore';

export class RunHistoryRecorder extends Disposable {
  private watching: IDisposable[] = [];

  constructor(store: RunHistoryStore, runs: Pick<Runs, 'onDidStartRun' | 'onDidEndRun'>) {
    super();
    let count = 0;
    this.register(
      runs.onDidStartRun((run) => {
        for (const d of this.watching.splice(0)) d.dispose();
        count = run.snapshot().length;
        const { workflowId, prompt, startedAt } = run.info;
        void store.begin({ workflowId, prompt, startedAt });
        this.watching.push(
          run.onDidReceiveEvent((event) => {
            count++;
            if (isTerminalEvent(event)) void store.update(event.workflow_id, { eventCount: count });
          }),
          run.onDidChangeInfo(({ previousId, info }) => void store.rename(previousId, info.workflowId)),
        );
      }),
    );
    this.register(
      runs.onDidEndRun((end) => void store.update(end.run.workflowId, { endedAt: end.endedAt, status: end.outcome, eventCount: count })),
    );
    this.register({ dispose: () => this.watching.splice(0).forEach((d) => d.dispose()) });
  }
}
