/**
 * Owns the IDE's session journal work, free of `vscode`: starting a session (on AWS through the
 * state machine, or offline through the local pipeline), opening a past one by id, watching the
 * shown session's journal, and handing the events the session's agent emitted (stored in the
 * events table under the session id) to the viewer's runs, so they show beside the stages. Offline
 * they also arrive live from the pipeline's processes (registerJournalCommands). One session is
 * shown at a time.
 */
import { Disposable } from '../common/disposable';
import { Event, EventEmitter } from '../common/emitter';
import type { AgentifyError } from '../common/errors';
import type { AgentifyEvent } from '../events/types';
import type { SessionView } from '../protocol/demoViewer';
import type { JournalReader } from './journalReader';
import type { LocalExecution } from './localStateMachine';
import type { ExecutionEnd } from './sessionStages';
import { JOURNAL_TTL_DAYS, SessionMode, newSessionId } from './sessionMode';
import type { SessionInput } from './sessionStarter';
import { SessionWatcher } from './sessionWatcher';

/** The pipeline a session runs on, as the hub needs it. */
export interface SessionBackend {
  readonly mode: SessionMode;
  readonly reader: Pick<JournalReader, 'read'>;
  /** Starts the execution; returns how to learn its end. */
  start(input: SessionInput): Promise<{ end: () => Promise<ExecutionEnd | undefined> }>;
  /** The agent's Agentify events of a session, read from the events table (workflow_id = session id). */
  loadEvents(sessionId: string): Promise<readonly AgentifyEvent[]>;
}

export interface SessionHubDeps {
  /** The backend for the current settings (the offline one is started on first use). */
  backend(): Promise<SessionBackend>;
  /** Shows a session's agent events as a run (the viewer follows it). */
  showEvents?: (sessionId: string, events: readonly AgentifyEvent[]) => void;
  now?: () => number;
  newSessionId?: () => string;
  intervalMs?: number;
  log?: (message: string) => void;
}

/** A local execution as a backend's `end`: settled outcome, or undefined while it runs. */
export function localEnd(execution: LocalExecution): () => Promise<ExecutionEnd | undefined> {
  let end: ExecutionEnd | undefined;
  void execution.outcome.then((o) => {
    end = {
      status: o.status === 'SUCCEEDED' ? 'SUCCEEDED' : o.status === 'ABORTED' ? 'ABORTED' : 'FAILED',
      error: o.error,
      cause: o.cause,
    };
  });
  return async () => end;
}

export class SessionHub extends Disposable {
  private readonly _onDidChange = this.register(new EventEmitter<SessionView>());
  readonly onDidChange: Event<SessionView> = this._onDidChange.event;
  private readonly _onDidError = this.register(new EventEmitter<AgentifyError | Error>());
  readonly onDidError: Event<AgentifyError | Error> = this._onDidError.event;
  private watcher: SessionWatcher | undefined;

  constructor(private readonly deps: SessionHubDeps) {
    super();
  }

  override dispose(): void {
    this.watcher?.dispose();
    super.dispose();
  }

  /** The shown session's latest view. */
  get current(): SessionView | undefined {
    return this.watcher?.current;
  }

  /** Starts a session with a new id; resolves once the execution started (the watcher runs on). */
  async start(prompt: string): Promise<{ sessionId: string; done: Promise<SessionView | undefined> }> {
    const backend = await this.deps.backend();
    const sessionId = (this.deps.newSessionId ?? newSessionId)();
    const now = (this.deps.now ?? Date.now)();
    const input: SessionInput = {
      session_id: sessionId,
      expires_at: Math.floor(now / 1000) + JOURNAL_TTL_DAYS * 86_400,
      prompt,
    };
    this.deps.log?.(`Session ${sessionId}: starting (${backend.mode === 'aws' ? 'on AWS' : 'offline'}).`);
    const { end } = await backend.start(input);
    // Offline the agent's events arrive live from the pipeline's processes; on AWS they are read
    // from the events table once the session has ended.
    return { sessionId, done: this.watch(sessionId, backend, end, backend.mode === 'aws') };
  }

  /** Shows a past (or running) session by id: its journal, until it has a terminal entry. */
  async open(sessionId: string): Promise<Promise<SessionView | undefined>> {
    const backend = await this.deps.backend();
    await this.showStored(sessionId, backend);
    return this.watch(sessionId, backend, undefined, true);
  }

  private async showStored(sessionId: string, backend: SessionBackend): Promise<void> {
    if (!this.deps.showEvents) return;
    try {
      const events = await backend.loadEvents(sessionId);
      if (events.length) this.deps.showEvents(sessionId, events);
    } catch (err) {
      this._onDidError.fire(err as Error);
    }
  }

  private watch(
    sessionId: string,
    backend: SessionBackend,
    end: (() => Promise<ExecutionEnd | undefined>) | undefined,
    reloadEventsAtEnd: boolean,
  ): Promise<SessionView | undefined> {
    this.watcher?.dispose();
    const watcher = new SessionWatcher({
      sessionId,
      mode: backend.mode,
      read: () => backend.reader.read(sessionId),
      execution: end,
      intervalMs: this.deps.intervalMs,
      onError: (err) => this._onDidError.fire(err),
    });
    this.watcher = watcher;
    watcher.onDidChange((view) => this._onDidChange.fire(view));
    void watcher.done.then(async (view) => {
      if (!view) return;
      this.deps.log?.(`Session ${sessionId}: ${view.outcome}${view.error ? ` — ${view.error}` : ''}.`);
      if (reloadEventsAtEnd && this.watcher === watcher) await this.showStored(sessionId, backend);
    });
    watcher.start();
    return watcher.done;
  }
}

/** What the Demo Viewer uses of the hub: the shown session's stages, and its Start Session button. */
export type ViewerSessions = Pick<SessionHub, 'onDidChange' | 'onDidError' | 'current' | 'start'>;
