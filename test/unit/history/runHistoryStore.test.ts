import { describe, expect, it } from 'vitest';
import { EventEmitter } from '../../../src/common/emitter';
import type { RunEnd, RunEvents, RunInfo } from '../../../src/run/types';
import type { AgentifyEvent } from '../../../src/events/types';
import { RunHistoryRecorder } from '../../../src/history/runHistoryRecorder';
import { HISTORY_KEY, KeyValueStorage, RunHistoryStore } from '../../../src/history/runHistoryStore';

class MapStorage implements KeyValueStorage {
  readonly map = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.map.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.map.set(key, JSON.parse(JSON.stringify(value)));
  }
}

const run = (i: number) => ({ workflowId: `wf-${i}`, prompt: `prompt ${i}`, startedAt: 1_000 + i });

describe('RunHistoryStore', () => {
  it('keeps the newest runs first and drops the oldest beyond its limit', async () => {
    const storage = new MapStorage();
    const store = new RunHistoryStore(storage, 3);
    for (const i of [1, 2, 3, 4, 5]) await store.begin(run(i));
    expect(store.list().map((r) => r.workflowId)).toEqual(['wf-5', 'wf-4', 'wf-3']);
    expect((storage.get<unknown[]>(HISTORY_KEY) ?? []).length).toBe(3);
  });

  it('orders by start time even when runs are recorded out of order', async () => {
    const store = new RunHistoryStore(new MapStorage());
    await store.begin(run(2));
    await store.begin(run(1));
    await store.begin(run(3));
    expect(store.list().map((r) => r.workflowId)).toEqual(['wf-3', 'wf-2', 'wf-1']);
  });

  it('records the end, outcome and event count and survives a restart from the same storage', async () => {
    const storage = new MapStorage();
    const store = new RunHistoryStore(storage);
    await store.begin(run(1));
    expect(store.get('wf-1')).toMatchObject({ status: 'running', eventCount: 0 });
    await store.update('wf-1', { endedAt: 2_000, status: 'completed', eventCount: 17 });
    await store.update('wf-unknown', { status: 'failed' });
    const again = new RunHistoryStore(storage);
    expect(again.list()).toEqual([{ ...run(1), endedAt: 2_000, status: 'completed', eventCount: 17 }]);
  });

  it('drops damaged entries instead of failing', () => {
    const storage = new MapStorage();
    storage.map.set(HISTORY_KEY, [
      { workflowId: 'ok', prompt: '', startedAt: 1, status: 'completed', eventCount: 1 },
      { workflowId: 42 },
      'junk',
      { workflowId: 'x', prompt: '', startedAt: 1, status: 'weird', eventCount: 1 },
    ]);
    expect(new RunHistoryStore(storage).list().map((r) => r.workflowId)).toEqual(['ok']);
  });

  it('is filled by the recorder from the runs: start, events, a run that took its own id, end', async () => {
    const store = new RunHistoryStore(new MapStorage());
    const started = new EventEmitter<RunEvents>();
    const ended = new EventEmitter<RunEnd>();
    const events = new EventEmitter<AgentifyEvent>();
    const changed = new EventEmitter<{ previousId: string; info: RunInfo }>();
    const recorder = new RunHistoryRecorder(store, { onDidStartRun: started.event, onDidEndRun: ended.event });
    let info: RunInfo = { workflowId: 'wf-9', traceId: 't', prompt: 'hello', startedAt: 5_000 };
    const run: RunEvents = {
      get info() {
        return info;
      },
      onDidReceiveEvent: events.event,
      onDidError: new EventEmitter<never>().event,
      onDidChangeInfo: changed.event,
      snapshot: () => [],
      end: undefined,
    };
    started.fire(run);
    expect(store.get('wf-9')).toEqual({
      workflowId: 'wf-9',
      prompt: 'hello',
      startedAt: 5_000,
      status: 'running',
      eventCount: 0,
    });
    info = { ...info, workflowId: 'own-id' };
    changed.fire({ previousId: 'wf-9', info });
    for (let i = 0; i < 4; i++)
      events.fire({ workflow_id: 'own-id', timestamp: 5_001 + i, event_type: 'log', payload: {} });
    ended.fire({ run: info, outcome: 'stopped', endedAt: 9_000, exitCode: null, signal: 'SIGTERM', stderrTail: '' });
    await Promise.resolve();
    expect(store.get('wf-9')).toBeUndefined();
    // Run time is first to last event (3 ms here), not the session's wall time (4 s).
    expect(store.get('own-id')).toEqual({
      workflowId: 'own-id',
      prompt: 'hello',
      startedAt: 5_000,
      endedAt: 9_000,
      status: 'stopped',
      eventCount: 4,
      durationMs: 3,
    });
    recorder.dispose();
  });

  it('records the run time up to the terminal event, whatever arrives after it', async () => {
    const store = new RunHistoryStore(new MapStorage());
    const started = new EventEmitter<RunEvents>();
    const ended = new EventEmitter<RunEnd>();
    const events = new EventEmitter<AgentifyEvent>();
    const recorder = new RunHistoryRecorder(store, { onDidStartRun: started.event, onDidEndRun: ended.event });
    const info: RunInfo = { workflowId: 'wf-t', traceId: 't', prompt: 'hello', startedAt: 5_000 };
    const first: AgentifyEvent = { workflow_id: 'wf-t', timestamp: 5_300, event_type: 'workflow_start', payload: {} };
    started.fire({
      info,
      onDidReceiveEvent: events.event,
      onDidError: new EventEmitter<never>().event,
      onDidChangeInfo: new EventEmitter<never>().event,
      snapshot: () => [first],
      end: undefined,
    });
    const fire = (timestamp: number, event_type: 'workflow_complete' | 'log') =>
      events.fire({ workflow_id: 'wf-t', timestamp, event_type, payload: {} });
    fire(7_010, 'workflow_complete');
    await Promise.resolve();
    expect(store.get('wf-t')).toMatchObject({ eventCount: 2, durationMs: 1_710 });
    fire(7_500, 'log');
    ended.fire({ run: info, outcome: 'completed', endedAt: 9_000, exitCode: 0, signal: null, stderrTail: '' });
    await Promise.resolve();
    expect(store.get('wf-t')).toMatchObject({ status: 'completed', eventCount: 3, durationMs: 1_710 });
    recorder.dispose();
  });
});
