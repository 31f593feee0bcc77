/**
 * The viewer's runs for the journal's integration tests: a real RunManager (no workflow process:
 * sessions' runs are followed) that records, per run, every event it delivered and how it ended,
 * and the counts a "nothing lost, nothing doubled" check prints.
 */
import { EventEmitter } from '../../../src/common/emitter';
import type { AgentifyConfig } from '../../../src/config/agentifyConfig';
import { resolveConfig } from '../../../src/config/agentifyConfig';
import { type AgentifyEvent, eventKey } from '../../../src/events/types';
import { RunManager, type RunManagerOptions } from '../../../src/run/runManager';
import type { RunEnd } from '../../../src/run/types';
import { bounded } from '../run/runHarness';

export interface RecordedRuns {
  runs: RunManager;
  /** The events the run of this id delivered, in delivery order (the newest run of that id). */
  delivered(workflowId: string): AgentifyEvent[];
  /** Every end of a run of this id (one, when all is well). */
  ends(workflowId: string): RunEnd[];
  /**
   * Resolves with the first end of a run of this id (bounded: well under the quiet spell that used
   * to end such runs).
   */
  ended(workflowId: string): Promise<RunEnd>;
}

export function recordedRuns(readTable?: RunManagerOptions['readTable']): RecordedRuns {
  const runs = new RunManager({
    config: {
      current: resolveConfig({}, undefined).config as AgentifyConfig,
      onDidChange: new EventEmitter<AgentifyConfig>().event,
    },
    executor: { start: () => Promise.reject(new Error('sessions start no workflow process')) },
    readTable,
  });
  const delivered = new Map<string, AgentifyEvent[]>();
  const ended: RunEnd[] = [];
  runs.onDidStartRun((run) => {
    const list: AgentifyEvent[] = [];
    delivered.set(run.info.workflowId, list);
    run.onDidReceiveEvent((e) => list.push(e));
  });
  runs.onDidEndRun((e) => ended.push(e));
  const ends = (id: string) => ended.filter((e) => e.run.workflowId === id);
  return {
    runs,
    delivered: (id) => delivered.get(id) ?? [],
    ends,
    ended: (id) => {
      const known = ends(id)[0];
      if (known) return Promise.resolve(known);
      return bounded(
        new Promise<RunEnd>((resolve) => {
          const sub = runs.onDidEndRun((e) => {
            if (e.run.workflowId !== id) return;
            sub.dispose();
            resolve(e);
          });
        }),
        `end of run ${id}`,
      );
    },
  };
}

export const isTerminal = (e: AgentifyEvent): boolean =>
  e.event_type === 'workflow_complete' || e.event_type === 'workflow_error';

/** Keys delivered more than once (an empty list when nothing was doubled). */
export function doubled(events: readonly AgentifyEvent[]): string[] {
  const seen = new Map<string, number>();
  for (const e of events) seen.set(eventKey(e), (seen.get(eventKey(e)) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([key]) => key);
}
