/**
 * The Demo Viewer's host side and the session hub, through the real MessageRouter and protocol:
 * the strip's views reach the webview (after `ready`, and again on `ready` after a reload), the
 * Start session button starts a session, and a session error becomes an error banner. The hub is
 * a plain emitter here (its own integration test runs it for real).
 */
import { describe, expect, it } from 'vitest';
import { EventEmitter } from '../../../src/common/emitter';
import { AgentifyError } from '../../../src/common/errors';
import { KeyValueStorage, RunHistoryStore } from '../../../src/history/runHistoryStore';
import type { ViewerSessions } from '../../../src/journal/sessionHub';
import { DemoViewerController } from '../../../src/panels/demoViewer/demoViewerController';
import {
  ErrorNotification,
  SessionNotification,
  SessionView,
  StartSessionCommand,
} from '../../../src/protocol/demoViewer';
import type { IpcMessage } from '../../../src/protocol/ipc';
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

const VIEW: SessionView = {
  sessionId: 'session-0f8e2c1a-5b7d-4e39-9a61-2c4d8b7e6f10',
  mode: 'offline',
  outcome: 'running',
  entryCount: 1,
  stages: [{ id: 'session', label: 'Session', state: 'running', startedAt: '2026-01-05T09:30:00.012Z' }],
};

function setup() {
  const posted: IpcMessage[] = [];
  const changed = new EventEmitter<SessionView>();
  const failed = new EventEmitter<AgentifyError | Error>();
  const started: string[] = [];
  let current: SessionView | undefined;
  const sessions: ViewerSessions = {
    onDidChange: changed.event,
    onDidError: failed.event,
    get current() {
      return current;
    },
    start: async (prompt: string) => {
      started.push(prompt);
      return { sessionId: VIEW.sessionId, done: Promise.resolve(undefined) };
    },
  };
  const router = new MessageRouter(
    (m) => void posted.push(m),
    () => controller.sendState(),
  );
  const controller: DemoViewerController = new DemoViewerController(router, {
    history: new RunHistoryStore(new MapStorage()),
    run: async () => undefined,
    stop: async () => undefined,
    loadRun: async () => ({ events: [], expired: false }),
    exportRun: async () => undefined,
    copy: async () => undefined,
    log: () => undefined,
    sessions,
  });
  const send = (method: string, params?: unknown) => router.receive({ kind: 'command', method, params });
  const notes = (method: string) =>
    posted
      .filter((m) => m.kind === 'notification' && m.method === method)
      .map((m) => (m as { params: unknown }).params);
  return { router, send, notes, changed, failed, started, setCurrent: (v: SessionView) => (current = v) };
}

describe('Demo Viewer and the session hub', () => {
  it('sends each new view of the shown session, and the current one again on ready', async () => {
    const h = setup();
    await h.send('ready');
    h.changed.fire(VIEW);
    expect(h.notes(SessionNotification.method)).toEqual([VIEW]);
    h.setCurrent({ ...VIEW, entryCount: 2 });
    await h.send('ready');
    expect(h.notes(SessionNotification.method).at(-1)).toEqual({ ...VIEW, entryCount: 2 });
  });

  it('starts a session from the button with the trimmed prompt; refuses an oversized one', async () => {
    const h = setup();
    await h.send('ready');
    await h.send(StartSessionCommand.method, { prompt: '  Compare vector databases ' });
    expect(h.started).toEqual(['Compare vector databases']);
    const before = h.router.rejected;
    await h.send(StartSessionCommand.method, { prompt: 'x'.repeat(10_001) });
    await h.send(StartSessionCommand.method, { prompt: 7 });
    expect(h.router.rejected - before).toBe(2);
    expect(h.started).toHaveLength(1);
  });

  it('turns a session error into an error banner with its next step', async () => {
    const h = setup();
    await h.send('ready');
    h.failed.fire(
      new AgentifyError('The session journal table "j" does not exist in us-east-1. Deploy it.', {
        code: 'TableNotFound',
        hint: 'Deploy it.',
      }),
    );
    expect(h.notes(ErrorNotification.method)).toEqual([
      {
        code: 'TableNotFound',
        message: 'The session journal table "j" does not exist in us-east-1. Deploy it.',
        hint: 'Deploy it.',
      },
    ]);
  });
});
