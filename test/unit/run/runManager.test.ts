/**
 * RunManager's runs that arrive from outside (OTLP spans of a process the editor did not start):
 * each unknown run id becomes an observed run, ended by its terminal event or, when that never
 * comes, after a quiet spell; and runs followed for their watcher (a session of the deployed
 * pipeline), ended when the watcher says how they ended. Runs of workflow processes are tested
 * with real python3 in test/integration/run/runManager.test.ts; no process is started here. The
 * table poller is a plain emitter (the real one is tested against DynamoDB Local).
 */
import { describe, expect, it } from 'vitest';
import { EventEmitter } from '../../../src/common/emitter';
import type { AgentifyConfig } from '../../../src/config/agentifyConfig';
import { resolveConfig } from '../../../src/config/agentifyConfig';
import type { AgentifyEvent } from '../../../src/events/types';
import { RunManager, type RunManagerOptions } from '../../../src/run/runManager';
import type { TableEventSource } from '../../../src/run/runSession';
import type { RunEnd, RunEvents } from '../../../src/run/types';
import { FakeClock } from '../polling/fakeClock';

const ev = (
  wf: string,
  ts: number,
  type: AgentifyEvent['event_type'],
  payload: AgentifyEvent['payload'] = {},
): AgentifyEvent => ({ workflow_id: wf, timestamp: ts, event_type: type, producer_id: 'otlp', payload });

/** The table poller a followed run gets: records what the run tells it. */
class TableStandIn implements TableEventSource {
  readonly origin = 'table' as const;
  readonly events = new EventEmitter<readonly AgentifyEvent[]>();
  readonly onEvents = this.events.event;
  private readonly finished$ = new EventEmitter<void>();
  readonly onDidFinish = this.finished$.event;
  finished = 0;
  constructor(readonly workflowId: string) {}
  /** A drain that finds nothing more. */
  finish() {
    this.finished++;
    queueMicrotask(() => this.finished$.fire());
  }
  async readNow() {}
  dispose() {}
}

function setup(options: Partial<RunManagerOptions> = {}) {
  const clock = new FakeClock();
  const runs = new RunManager({
    config: {
      current: resolveConfig({}, undefined).config as AgentifyConfig,
      onDidChange: new EventEmitter<AgentifyConfig>().event,
    },
    executor: { start: () => Promise.reject(new Error('no process in these tests')) },
    clock,
    observedIdleMs: 30_000,
    ...options,
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

describe('RunManager following a run for its watcher', () => {
  const info = { workflowId: 'session-1', traceId: '', prompt: 'compare', startedAt: 5 };

  it('shows the run at once, feeds it what arrives for its id, ends it once when the watcher concludes', async () => {
    const { runs, clock, started, ended } = setup();
    const run = runs.follow(info, { readTable: false });
    expect(started.map((r) => r.info)).toEqual([info]);
    expect(runs.current?.info).toEqual(info);
    runs.acceptExternal({ workflowId: 'session-1', events: [ev('session-1', 10, 'log')] }, 'stdout');
    // No quiet-spell ending: only the watcher (or the run's own terminal event) ends it.
    expect(clock.pending).toBe(0);
    expect(runs.follow(info, { readTable: false })).toBe(run);
    await run.conclude({ outcome: 'failed', error: { type: 'SessionFailed', message: 'no runtime' } });
    await settle();
    // Its own ending arriving late is not shown as a second one.
    runs.acceptExternal({ workflowId: 'session-1', events: [ev('session-1', 11, 'workflow_error')] }, 'stdout');
    await settle();
    expect(ended.map((e) => [e.run.workflowId, e.outcome])).toEqual([['session-1', 'failed']]);
    expect(runs.current?.snapshot().map((e) => [e.event_type, e.payload.error?.message])).toEqual([
      ['log', undefined],
      ['workflow_error', 'no runtime'],
    ]);
    runs.dispose();
  });

  it('gives each run its own events when one stdout read holds lines of two sessions', async () => {
    const { runs, started } = setup();
    const next = runs.follow({ ...info, workflowId: 'session-2' }, { readTable: false });
    // The new session's first line and a line of the previous session's process, read together.
    runs.acceptExternal(
      { workflowId: 'session-2', events: [ev('session-2', 20, 'log'), ev('session-1', 21, 'log')] },
      'stdout',
    );
    runs.acceptExternal({ workflowId: 'session-2', events: [ev('session-2', 22, 'log')] }, 'stdout');
    await settle();
    expect(next.info.workflowId).toBe('session-2');
    expect(started.map((r) => r.info.workflowId)).toEqual(['session-2', 'session-1']);
    const [followed] = started;
    expect(followed.snapshot().map((e) => e.timestamp)).toEqual([20, 22]);
    runs.dispose();
  });

  it('takes late events of a run that ended while another was shown for no new run', async () => {
    const { runs, started, ended } = setup();
    const first = runs.follow(info, { readTable: false });
    await first.conclude({ outcome: 'completed', message: 'done' });
    runs.follow({ ...info, workflowId: 'session-2' }, { readTable: false });
    await settle();
    runs.acceptExternal({ workflowId: 'session-1', events: [ev('session-1', 10, 'log')] }, 'stdout');
    await settle();
    expect(started.map((r) => r.info.workflowId)).toEqual(['session-1', 'session-2']);
    expect(ended.map((e) => e.run.workflowId)).toEqual(['session-1']);
    expect(runs.current?.info.workflowId).toBe('session-2');
    runs.dispose();
  });

  it('gives the run its own table poller when asked, and tells it to drain when the run ends', async () => {
    const tables: TableStandIn[] = [];
    const { runs } = setup({
      readTable: (workflowId) => {
        const t = new TableStandIn(workflowId);
        tables.push(t);
        return t;
      },
    });
    const run = runs.follow(info, { readTable: true });
    expect(tables.map((t) => t.workflowId)).toEqual(['session-1']);
    tables[0].events.fire([ev('session-1', 10, 'agent_start')]);
    expect(runs.current?.snapshot().map((e) => e.event_type)).toEqual(['agent_start']);
    expect(tables[0].finished).toBe(0);
    await run.conclude({ outcome: 'completed', message: 'done' });
    expect(tables[0].finished).toBeGreaterThan(0);
    runs.follow({ ...info, workflowId: 'session-2' }, { readTable: false });
    expect(tables).toHaveLength(1);
    runs.dispose();
  });
});
