/**
 * The Demo Viewer's host side through the real MessageRouter and protocol: what the webview may
 * send, what it gets on `ready`, and how the live run reaches it. The runs are plain emitters here
 * (RunSession and RunManager have their own tests).
 */
import { describe, expect, it } from 'vitest';
import { EventEmitter } from '../../../src/common/emitter';
import { AgentifyError } from '../../../src/common/errors';
import type { AgentifyEvent } from '../../../src/events/types';
import type { RunEnd, RunEvents, RunInfo } from '../../../src/run/types';
import { KeyValueStorage, RunHistoryStore } from '../../../src/history/runHistoryStore';
import { DemoViewerController, DemoViewerServices } from '../../../src/panels/demoViewer/demoViewerController';
import type { IpcMessage } from '../../../src/protocol/ipc';
import {
  CompareNotification,
  CompareRunsCommand,
  CopyCommand,
  ErrorNotification,
  PricesNotification,
  EventNotification,
  ExportCommand,
  HistoryNotification,
  OpenRunCommand,
  ResetNotification,
  RunCommand,
  RunStatusNotification,
  ShowLiveCommand,
  StateNotification,
  StopCommand,
} from '../../../src/protocol/demoViewer';
import { MessageRouter } from '../../../src/protocol/messageRouter';

class MapStorage implements KeyValueStorage {
  private map = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.map.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.map.set(key, value);
  }
}

const ev = (
  workflow_id: string,
  timestamp: number,
  event_type: AgentifyEvent['event_type'] = 'log',
): AgentifyEvent => ({ workflow_id, timestamp, event_type, payload: { message: 'hi' } });

/** A live run as the panel sees it, driven by the test. */
function liveRun(run: RunInfo) {
  let snapshot: AgentifyEvent[] = [];
  const received = new EventEmitter<AgentifyEvent>();
  const errors = new EventEmitter<AgentifyError>();
  const changed = new EventEmitter<{ previousId: string; info: RunInfo }>();
  let end: RunEnd | undefined;
  const events: RunEvents = {
    get info() {
      return run;
    },
    onDidReceiveEvent: received.event,
    onDidError: errors.event,
    onDidChangeInfo: changed.event,
    snapshot: () => snapshot,
    get end() {
      return end;
    },
  };
  return {
    events,
    receive: (e: AgentifyEvent) => {
      snapshot = [...snapshot, e];
      received.fire(e);
    },
    fail: (e: AgentifyError) => errors.fire(e),
    rename: (workflowId: string) => {
      const previousId = run.workflowId;
      run = { ...run, workflowId };
      changed.fire({ previousId, info: run });
    },
    setSnapshot: (e: AgentifyEvent[]) => (snapshot = e),
    end: (e: RunEnd) => (end = e),
  };
}

function setup(overrides: Partial<DemoViewerServices> = {}) {
  const posted: IpcMessage[] = [];
  const calls: { method: string; args: unknown[] }[] = [];
  const started = new EventEmitter<RunEvents>();
  const ended = new EventEmitter<RunEnd>();
  const history = new RunHistoryStore(new MapStorage());
  // The router calls back into the controller only on `ready`, after both exist.
  const router = new MessageRouter(
    (m) => void posted.push(m),
    () => controller.sendState(),
  );
  const record =
    (method: string) =>
    async (...args: unknown[]) =>
      void calls.push({ method, args });
  const controller: DemoViewerController = new DemoViewerController(router, {
    runs: { current: undefined, onDidStartRun: started.event, onDidEndRun: ended.event },
    history,
    run: record('run'),
    stop: record('stop'),
    loadRun: async (workflowId) => ({
      events: workflowId === 'wf-old' ? [ev('wf-old', 1, 'workflow_start'), ev('wf-old', 2, 'workflow_complete')] : [],
      expired: workflowId !== 'wf-old',
    }),
    exportRun: record('export'),
    copy: record('copy'),
    log: () => undefined,
    now: () => 42,
    ...overrides,
  });
  const send = (method: string, params?: unknown) => router.receive({ kind: 'command', method, params });
  const notes = (method: string) =>
    posted
      .filter((m) => m.kind === 'notification' && m.method === method)
      .map((m) => (m as { params: unknown }).params);
  return { router, posted, calls, send, notes, started, ended, history };
}

const info: RunInfo = { workflowId: 'wf-1', traceId: 't', prompt: 'hello', startedAt: 10 };

describe('DemoViewerController', () => {
  it('holds notifications until ready, then sends the full state first', async () => {
    const h = setup();
    const run = liveRun(info);
    run.setSnapshot([ev('wf-1', 1)]);
    h.started.fire(run.events);
    run.receive(ev('wf-1', 2));
    expect(h.posted).toEqual([]);
    await h.send('ready');
    // The queued reset drops what the state showed, so each event is shown once.
    expect(h.posted.map((m) => (m as { method: string }).method)).toEqual([
      StateNotification.method,
      ResetNotification.method,
      EventNotification.method,
      EventNotification.method,
    ]);
    expect(h.notes(StateNotification.method)[0]).toMatchObject({
      run: { workflowId: 'wf-1', prompt: 'hello', status: 'running', source: 'live' },
      events: [ev('wf-1', 1), ev('wf-1', 2)],
    });
  });

  it('refuses unknown commands and bad parameters: empty or oversized prompts, unknown formats, long ids', async () => {
    const h = setup();
    await h.send('ready');
    const before = h.router.rejected;
    await h.send(RunCommand.method, { prompt: '   ' });
    await h.send(RunCommand.method, { prompt: 'x'.repeat(10_001) });
    await h.send(RunCommand.method, 'hello');
    await h.send(ExportCommand.method, { format: 'xml' });
    await h.send(OpenRunCommand.method, { workflowId: 'w'.repeat(201) });
    await h.send(CopyCommand.method, { text: 42 });
    await h.send('demoViewer/deleteEverything', {});
    expect(h.router.rejected - before).toBe(7);
    expect(h.calls).toEqual([]);
  });

  it('runs, stops, copies and exports the live run through the injected services', async () => {
    const h = setup();
    await h.send('ready');
    const run = liveRun(info);
    h.started.fire(run.events);
    run.setSnapshot([ev('wf-1', 1), ev('wf-1', 2)]);
    await h.send(RunCommand.method, { prompt: '  hello  ' });
    await h.send(StopCommand.method);
    await h.send(CopyCommand.method, { text: 'result' });
    await h.send(ExportCommand.method, { format: 'otel' });
    expect(h.calls.map((c) => c.method)).toEqual(['run', 'stop', 'copy', 'export']);
    expect(h.calls[0].args).toEqual(['hello']);
    expect(h.calls[3].args).toEqual([
      'otel',
      expect.objectContaining({ workflowId: 'wf-1', eventCount: 2 }),
      [ev('wf-1', 1), ev('wf-1', 2)],
    ]);
  });

  it('shows a failed run start as an error with its code and hint', async () => {
    const h = setup({
      run: async () =>
        Promise.reject(
          new AgentifyError('Python was not found.', { code: 'PythonMissing', hint: 'Set agentify.python.path.' }),
        ),
    });
    await h.send('ready');
    await h.send(RunCommand.method, { prompt: 'go' });
    expect(h.notes(ErrorNotification.method)).toEqual([
      { code: 'PythonMissing', message: 'Python was not found.', hint: 'Set agentify.python.path.' },
    ]);
  });

  it('resets to a new run with its prompt, then sends the events that arrived before it heard of the run', async () => {
    const h = setup();
    await h.send('ready');
    const run = liveRun(info);
    run.setSnapshot([ev('wf-1', 1, 'workflow_start')]);
    h.started.fire(run.events);
    expect(h.notes(ResetNotification.method)).toEqual([
      { run: { workflowId: 'wf-1', prompt: 'hello', startedAt: 10, status: 'running', source: 'live' } },
    ]);
    expect(h.notes(EventNotification.method)).toEqual([{ event: ev('wf-1', 1, 'workflow_start') }]);
  });

  it('forwards the live run: each event, errors, the end as a status, and a run that took its own id', async () => {
    const h = setup();
    await h.send('ready');
    const run = liveRun(info);
    h.started.fire(run.events);
    run.receive(ev('wf-1', 5));
    run.fail(new AgentifyError('Table missing.', { code: 'TableNotFound', hint: 'Deploy it.' }));
    const end: RunEnd = { run: info, outcome: 'completed', endedAt: 42, exitCode: 0, signal: null, stderrTail: '' };
    run.end(end);
    h.ended.fire(end);
    expect(h.notes(ResetNotification.method)).toHaveLength(1);
    expect(h.notes(EventNotification.method)).toEqual([{ event: ev('wf-1', 5) }]);
    expect(h.notes(ErrorNotification.method)).toEqual([
      { code: 'TableNotFound', message: 'Table missing.', hint: 'Deploy it.' },
    ]);
    expect(h.notes(RunStatusNotification.method)).toEqual([{ workflowId: 'wf-1', status: 'completed', endedAt: 42 }]);

    const next = liveRun({ ...info, workflowId: 'wf-2' });
    h.started.fire(next.events);
    run.receive(ev('wf-1', 6));
    next.rename('own-id');
    next.receive(ev('own-id', 7));
    expect(h.notes(ResetNotification.method).map((r) => (r as { run: { workflowId: string } }).run.workflowId)).toEqual(
      ['wf-1', 'wf-2', 'own-id'],
    );
    // The finished run's late events no longer reach the panel.
    expect(h.notes(EventNotification.method)).toEqual([{ event: ev('wf-1', 5) }, { event: ev('own-id', 7) }]);
  });

  it('opens a past run with its events, says when one has expired, and goes back to live', async () => {
    const h = setup();
    await h.history.begin({ workflowId: 'wf-old', prompt: 'before', startedAt: 1 });
    await h.history.update('wf-old', { status: 'completed', endedAt: 2, eventCount: 2 });
    await h.send('ready');
    await h.send(OpenRunCommand.method, { workflowId: 'wf-old' });
    await h.send(OpenRunCommand.method, { workflowId: 'wf-gone' });
    const states = h.notes(StateNotification.method) as {
      run: { workflowId: string; status: string; expired?: boolean; source: string };
      events: unknown[];
    }[];
    expect(states[1]).toMatchObject({
      run: { workflowId: 'wf-old', status: 'completed', source: 'history', expired: false },
      events: [ev('wf-old', 1, 'workflow_start'), ev('wf-old', 2, 'workflow_complete')],
    });
    expect(states[2]).toMatchObject({ run: { workflowId: 'wf-gone', expired: true }, events: [] });
    // Live events are not mixed into a past run.
    const run = liveRun(info);
    h.started.fire(run.events);
    await h.send(OpenRunCommand.method, { workflowId: 'wf-old' });
    run.receive(ev('wf-1', 5));
    expect(h.notes(EventNotification.method)).toEqual([]);
    await h.send(ShowLiveCommand.method);
    expect((h.notes(StateNotification.method).at(-1) as { run: { workflowId: string } }).run.workflowId).toBe('wf-1');
    expect(h.notes(HistoryNotification.method).length).toBeGreaterThan(0);
  });

  it('compares the live run (stream) with a past one (table), and says which have expired', async () => {
    const h = setup();
    await h.history.begin({ workflowId: 'wf-old', prompt: 'before', startedAt: 1 });
    await h.send('ready');
    const live = liveRun(info);
    live.setSnapshot([ev('wf-1', 20, 'workflow_start')]);
    h.started.fire(live.events);
    await h.send(CompareRunsCommand.method, { left: 'wf-old', right: 'wf-1' });
    const [compared] = h.notes(CompareNotification.method) as {
      left: { run: { workflowId: string; prompt: string }; events: unknown[] };
      right: { run: { workflowId: string; status: string }; events: unknown[] };
    }[];
    expect(compared.left).toMatchObject({
      run: { workflowId: 'wf-old', prompt: 'before' },
      events: [ev('wf-old', 1, 'workflow_start'), ev('wf-old', 2, 'workflow_complete')],
    });
    expect(compared.right).toMatchObject({
      run: { workflowId: 'wf-1', status: 'running' },
      events: [ev('wf-1', 20, 'workflow_start')],
    });
    expect(h.notes(ErrorNotification.method)).toEqual([]);
    await h.send(CompareRunsCommand.method, { left: 'wf-gone', right: 'wf-old' });
    expect(h.notes(CompareNotification.method)).toHaveLength(2);
    expect(h.notes(ErrorNotification.method)).toEqual([
      expect.objectContaining({ code: 'RunExpired', message: expect.stringContaining('wf-gone') }),
    ]);
    // A failed read is an error, not a half comparison; ids are bounded.
    const failing = setup({
      loadRun: async () =>
        Promise.reject(new AgentifyError('The table is missing.', { code: 'TableNotFound', hint: 'Deploy it.' })),
    });
    await failing.send('ready');
    await failing.send(CompareRunsCommand.method, { left: 'a', right: 'b' });
    expect(failing.notes(CompareNotification.method)).toEqual([]);
    expect(failing.notes(ErrorNotification.method)).toEqual([
      { code: 'TableNotFound', message: 'The table is missing.', hint: 'Deploy it.' },
    ]);
    await failing.send(CompareRunsCommand.method, { left: 'x'.repeat(201), right: 'b' });
    await failing.send(CompareRunsCommand.method, { left: '', right: 'b' });
    expect(failing.notes(ErrorNotification.method)).toHaveLength(1);
  });

  it('sends the user’s prices just before the state on ready', async () => {
    const prices = { 'my-model': { input: 0.1, output: 0.2 } };
    const h = setup({ prices: () => prices });
    await h.send('ready');
    expect(h.posted.map((m) => (m as { method: string }).method).slice(0, 2)).toEqual([
      PricesNotification.method,
      StateNotification.method,
    ]);
    expect(h.notes(PricesNotification.method)).toEqual([{ prices: { 'my-model': { input: 0.1, output: 0.2 } } }]);
  });
});
