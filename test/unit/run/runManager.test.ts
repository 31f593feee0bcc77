/**
 * RunManager's runs that arrive from outside (OTLP spans of a process the editor did not start):
 * each unknown run id becomes an observed run, ended by its terminal event or, when that never
 * comes, after a quiet spell. Runs of workflow processes are tested with real python3 in
 * test/integration/run/runManager.test.ts; no process is started here.
 */
import { describe, expect, it } from 'vitest';
import { EventEmitter } from '../../../src/common/emitter';
import type { AgentifyConfig } from '../../../src/config/agentifyConfig';
import { resolveConfig } from '../../../src/config/agentifyConfig';
import type { AgentifyEvent } from '../../../src/events/types';
import { RunManager } from '../../../src/run/runManager';
import type { RunEnd, RunEvents } from '../../../src/run/types';
import { FakeClock } from '../polling/fakeClock';

const ev = (
  wf: string,
  ts: number,
  type: AgentifyEvent['event_type'],
  payload: AgentifyEvent['payload'] = {},
): AgentifyEvent => ({ workflow_id: wf, timestamp: ts, event_type: type, producer_id: 'otlp', payload });

function setup() {
  const clock = new FakeClock();
  const runs = new RunManager({
    config: {
      current: resolveConfig({}, undefined).config as AgentifyConfig,
      onDidChange: new EventEmitter<AgentifyConfig>().event,
    },
    executor: { start: () => Promise.reject(new Error('no process in these tests')) },
    clock,
    observedIdleMs: 30_000,
  });
  const started: RunEvents[] = [];
  const ended: RunEnd[] = [];
  runs.onDidStartRun((r) => started.push(r));
  runs.onDidEndRun((e) => ended.push(e));
  return { runs, clock, started, ended };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('RunManager with runs from outside', () => {
  it('follows an unknown run id as an observed run, named by its first span, ended by its terminal event', async () => {
    const { runs, started, ended } = setup();
    runs.acceptExternal(
      {
        workflowId: 'otel-1',
        events: [
          ev('otel-1', 20, 'agent_start'),
          ev('otel-1', 10, 'workflow_start', { input: 'plan a trip', trace_id: 'abc' }),
        ],
      },
      'otlp',
    );
    expect(started.map((r) => r.info)).toEqual([
      { workflowId: 'otel-1', traceId: 'abc', prompt: 'plan a trip', startedAt: 10 },
    ]);
    expect(runs.current?.snapshot().map((e) => e.timestamp)).toEqual([10, 20]);
    expect(runs.isRunning).toBe(false);
    runs.acceptExternal({ workflowId: 'otel-1', events: [ev('otel-1', 30, 'workflow_complete')] }, 'otlp');
    await settle();
    expect(started).toHaveLength(1);
    expect(ended.map((e) => [e.run.workflowId, e.outcome])).toEqual([['otel-1', 'completed']]);
    runs.dispose();
  });

  it('ends a run whose root span never arrives after the quiet spell, saying so', async () => {
    const { runs, clock, ended } = setup();
    runs.acceptExternal({ workflowId: 'otel-2', events: [ev('otel-2', 10, 'agent_start')] }, 'otlp');
    await clock.fireNext();
    await settle();
    expect(ended.map((e) => e.outcome)).toEqual(['failed']);
    const last = runs.current!.snapshot().at(-1)!;
    expect(last.event_type).toBe('workflow_error');
    expect(last.payload.error?.type).toBe('TraceIncomplete');
    expect(last.payload.error?.message).toContain('force_flush');
    runs.dispose();
  });

  it('keeps two interleaved traces apart, each in its own run', async () => {
    const { runs, started, ended } = setup();
    runs.acceptExternal({ workflowId: 'a', events: [ev('a', 1, 'workflow_start')] }, 'otlp');
    runs.acceptExternal({ workflowId: 'b', events: [ev('b', 2, 'workflow_start')] }, 'otlp');
    runs.acceptExternal({ workflowId: 'a', events: [ev('a', 3, 'workflow_complete')] }, 'otlp');
    runs.acceptExternal(
      { workflowId: 'b', events: [ev('b', 4, 'workflow_error', { error: { type: 'X', message: 'y' } })] },
      'otlp',
    );
    await settle();
    expect(started.map((r) => r.info.workflowId)).toEqual(['a', 'b']);
    expect(ended.map((e) => `${e.run.workflowId}:${e.outcome}`)).toEqual(['a:completed', 'b:failed']);
    expect(runs.current?.snapshot().map((e) => e.timestamp)).toEqual([2, 4]);
    runs.dispose();
  });
});
