/**
 * A session's run, as the session hub keeps it with a real RunManager: followed from the start,
 * ended as soon as the session's outcome is known (its real failure message, or success), once,
 * whatever the agent reports too. The backend is scripted here — a journal in memory and an
 * execution end the test sets (a fake: the offline and AWS pipelines run for real in
 * test/integration/journal) — and each session's end is known at the watcher's first read, so no
 * test waits on a timer.
 */
import { describe, expect, it } from 'vitest';
import { EventEmitter } from '../../../src/common/emitter';
import { AgentifyError } from '../../../src/common/errors';
import type { AgentifyConfig } from '../../../src/config/agentifyConfig';
import { resolveConfig } from '../../../src/config/agentifyConfig';
import type { AgentifyEvent } from '../../../src/events/types';
import type { JournalItem, JournalStatus } from '../../../src/journal/journalStatus';
import { SessionBackend, SessionHub } from '../../../src/journal/sessionHub';
import type { ExecutionEnd } from '../../../src/journal/sessionStages';
import { RunManager } from '../../../src/run/runManager';
import type { TableEventSource } from '../../../src/run/runSession';
import type { RunEnd } from '../../../src/run/types';

const SESSION = 'session-0f8e2c1a-5b7d-4e39-9a61-2c4d8b7e6f10';
const T0 = Date.UTC(2026, 0, 5, 9, 30, 0);
const entry = (Status: JournalStatus, ms: number, ErrorMessage?: string): JournalItem => {
  const Timestamp = new Date(T0 + ms).toISOString();
  return {
    PK: `SESSION#${SESSION}`,
    SK: `EVENT#${Timestamp}`,
    Status,
    Timestamp,
    ...(ErrorMessage && { ErrorMessage }),
  };
};
const ev = (ts: number, type: AgentifyEvent['event_type'], payload: AgentifyEvent['payload'] = {}): AgentifyEvent => ({
  workflow_id: SESSION,
  timestamp: T0 + ts,
  event_type: type,
  payload,
});

const INVOCATION_FAILED = 'ClientError ResourceNotFoundException: No agent runtime arn:aws:bedrock-agentcore:x';

function setup(mode: SessionBackend['mode'] = 'offline') {
  const polled: string[] = [];
  const runs = new RunManager({
    config: {
      current: resolveConfig({}, undefined).config as AgentifyConfig,
      onDidChange: new EventEmitter<AgentifyConfig>().event,
    },
    executor: { start: () => Promise.reject(new Error('no process in these tests')) },
    readTable: (workflowId): TableEventSource => {
      polled.push(workflowId);
      return {
        origin: 'table',
        onEvents: new EventEmitter<readonly AgentifyEvent[]>().event,
        onDidFinish: new EventEmitter<void>().event,
        finish: () => undefined,
        readNow: async () => undefined,
        dispose: () => undefined,
      };
    },
  });
  const ended: RunEnd[] = [];
  runs.onDidEndRun((e) => ended.push(e));
  const script: {
    items: JournalItem[];
    end?: ExecutionEnd;
    startError?: Error;
    stored: AgentifyEvent[];
    /** Runs when the execution starts: the agent's first events, say. */
    onStart?: () => void;
  } = { items: [], stored: [] };
  const backend: SessionBackend = {
    mode,
    reader: { read: async () => script.items },
    start: async () => {
      if (script.startError) throw script.startError;
      script.onStart?.();
      return { end: async () => script.end };
    },
    loadEvents: async () => script.stored,
  };
  const ids = [SESSION, `${SESSION}-2`];
  const hub = new SessionHub({
    backend: async () => backend,
    runs,
    newSessionId: () => ids.shift()!,
    now: () => T0,
  });
  const agent = (events: AgentifyEvent[]) =>
    runs.acceptExternal({ workflowId: events[0].workflow_id, events }, 'stdout');
  const terminals = () =>
    (runs.current?.snapshot() ?? []).filter(
      (e) => e.event_type === 'workflow_complete' || e.event_type === 'workflow_error',
    );
  const settle = () => new Promise((r) => setImmediate(r));
  return { runs, hub, script, ended, polled, agent, terminals, settle };
}

describe('a session’s run', () => {
  it('ends with the session’s failure message as soon as the outcome is known, when no agent event came', async () => {
    const h = setup();
    h.script.items = [
      entry('SESSION_INITIATED', 0),
      entry('AGENT_INVOCATION_STARTED', 10),
      entry('AGENT_INVOCATION_FAILED', 20, INVOCATION_FAILED),
    ];
    h.script.end = { status: 'FAILED', error: 'AGENT_INVOCATION_FAILED', cause: INVOCATION_FAILED };
    const { done } = await h.hub.start('compare');
    expect(h.runs.current?.info).toMatchObject({ workflowId: SESSION, prompt: 'compare', startedAt: T0 });
    expect((await done)?.outcome).toBe('failed');
    await h.settle();
    expect(h.ended.map((e) => [e.run.workflowId, e.outcome])).toEqual([[SESSION, 'failed']]);
    expect(h.terminals().map((e) => e.payload.error)).toEqual([{ type: 'SessionFailed', message: INVOCATION_FAILED }]);
    h.hub.dispose();
    h.runs.dispose();
  });

  it('completes when the session succeeds, keeping the agent’s own ending and adding none', async () => {
    const h = setup();
    h.script.onStart = () =>
      h.agent([ev(1, 'workflow_start', { input: 'compare' }), ev(40, 'workflow_complete', { result: 'report' })]);
    h.script.items = [entry('SESSION_INITIATED', 0), entry('AGENT_BACKGROUND_TASK_COMPLETED', 50)];
    h.script.end = { status: 'SUCCEEDED' };
    const { done } = await h.hub.start('compare');
    expect((await done)?.outcome).toBe('succeeded');
    await h.settle();
    // The agent's ending arrives again (the table's copy), after the run ended: still one ending.
    h.agent([ev(40, 'workflow_complete', { result: 'report' }), ev(45, 'workflow_complete', { result: 'again' })]);
    expect(h.ended.map((e) => e.outcome)).toEqual(['completed']);
    expect(h.terminals().map((e) => e.payload.result)).toEqual(['report']);
    h.hub.dispose();
    h.runs.dispose();
  });

  it('completes with a synthetic ending saying so when the agent emitted none', async () => {
    const h = setup();
    h.script.items = [entry('SESSION_INITIATED', 0), entry('AGENT_BACKGROUND_TASK_COMPLETED', 50)];
    h.script.end = { status: 'SUCCEEDED' };
    await (
      await h.hub.start('compare')
    ).done;
    await h.settle();
    expect(h.ended.map((e) => e.outcome)).toEqual(['completed']);
    expect(h.terminals().map((e) => e.payload.message)).toEqual([
      `Session ${SESSION} succeeded: its background task completed.`,
    ]);
    h.hub.dispose();
    h.runs.dispose();
  });

  it('fails with the error when the execution cannot be started, and rethrows it', async () => {
    const h = setup('aws');
    h.script.startError = new AgentifyError('The state machine "arn:x" does not exist in us-east-1. Deploy it.', {
      code: 'DeployFailed',
    });
    await expect(h.hub.start('compare')).rejects.toBe(h.script.startError);
    await h.settle();
    expect(h.ended.map((e) => e.outcome)).toEqual(['failed']);
    expect(h.terminals().map((e) => e.payload.error)).toEqual([
      { type: 'SessionNotStarted', message: 'The state machine "arn:x" does not exist in us-east-1. Deploy it.' },
    ]);
    h.hub.dispose();
    h.runs.dispose();
  });

  it('ends the shown session’s run, saying it is no longer watched, when another session starts', async () => {
    const h = setup();
    h.script.items = [entry('SESSION_INITIATED', 0)];
    await h.hub.start('first');
    const first = h.runs.current;
    await h.hub.start('second');
    await h.settle();
    expect(h.ended.map((e) => [e.run.workflowId, e.outcome])).toEqual([[SESSION, 'stopped']]);
    expect(first?.snapshot().at(-1)?.payload.error?.type).toBe('SessionNotWatched');
    expect(h.runs.current?.info.workflowId).toBe(`${SESSION}-2`);
    h.hub.dispose();
    h.runs.dispose();
  });

  it('goes on with the same run when the shown session is opened again by id while it runs', async () => {
    const h = setup();
    h.script.items = [entry('SESSION_INITIATED', 0)];
    await h.hub.start('compare');
    const run = h.runs.current;
    // Open Session reads the journal alone: its failure entry ends the session.
    h.script.items = [entry('SESSION_INITIATED', 0), entry('AGENT_INVOCATION_FAILED', 20, INVOCATION_FAILED)];
    await await h.hub.open(SESSION);
    await h.settle();
    expect(h.runs.current).toBe(run);
    expect(h.ended.map((e) => [e.run.workflowId, e.outcome])).toEqual([[SESSION, 'failed']]);
    expect(h.terminals().map((e) => e.payload.error?.message)).toEqual([INVOCATION_FAILED]);
    h.hub.dispose();
    h.runs.dispose();
  });

  it('reads the events table live only on AWS; offline the pipeline’s stdout brings the events', async () => {
    const offline = setup('offline');
    offline.script.items = [entry('SESSION_INITIATED', 0)];
    await offline.hub.start('compare');
    expect(offline.polled).toEqual([]);
    const aws = setup('aws');
    aws.script.items = [entry('SESSION_INITIATED', 0)];
    await aws.hub.start('compare');
    expect(aws.polled).toEqual([SESSION]);
    for (const h of [offline, aws]) {
      h.hub.dispose();
      h.runs.dispose();
    }
  });

  it('Open Session shows the stored events as the session’s run and ends it with the journal’s failure', async () => {
    const h = setup();
    h.script.stored = [ev(1, 'workflow_start', { input: 'compare' }), ev(2, 'agent_start')];
    h.script.items = [entry('SESSION_INITIATED', 0), entry('AGENT_BACKGROUND_TASK_FAILED', 30, 'KeyError: prompt')];
    const done = await h.hub.open(SESSION);
    expect((await done)?.outcome).toBe('failed');
    await h.settle();
    expect(h.runs.current?.info).toMatchObject({ workflowId: SESSION, prompt: 'compare', startedAt: T0 + 1 });
    expect(h.runs.current?.snapshot().map((e) => e.event_type)).toEqual([
      'workflow_start',
      'agent_start',
      'workflow_error',
    ]);
    expect(h.terminals().map((e) => e.payload.error?.message)).toEqual(['KeyError: prompt']);
    expect(h.ended.map((e) => e.outcome)).toEqual(['failed']);
    h.hub.dispose();
    h.runs.dispose();
  });
});
