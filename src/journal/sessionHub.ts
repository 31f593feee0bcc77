/**
 * Owns the IDE's session journal work, free of `vscode`: starting a session (on AWS through the
 * state machine, or offline through the local pipeline), opening a past one by id, watching the
 * shown session's journal, and the session's run: the events the session's agent emitted
 * (workflow_id = session id) shown as a run beside the stages, followed from the session's start
 * and ended as soon as the session's outcome is known. On AWS the run reads them live from the
 * events table (a poller of its own); offline they arrive from the pipeline's processes' stdout
 * (registerJournalCommands). One session is shown at a time.
 */
import { Disposable } from '../common/disposable';
import { Event, EventEmitter } from '../common/emitter';
import type { AgentifyError } from '../common/errors';
import type { AgentifyEvent } from '../events/types';
import type { SessionView } from '../protocol/demoViewer';
import { type FollowedRun, runInfoFrom } from '../run/runManager';
import type { EventOrigin, RunInfo } from '../run/types';
import type { JournalReader } from './journalReader';
import type { LocalExecution } from './localStateMachine';
import { notStartedEnding, sessionEnding } from './sessionEnding';
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

/** The viewer's runs, as a session's run needs them (RunManager). */
export interface SessionRuns {
  follow(info: RunInfo, options: { readTable: boolean }): FollowedRun;
  acceptExternal(batch: { workflowId: string; events: readonly AgentifyEvent[] }, origin: EventOrigin): void;
}

export interface SessionHubDeps {
  /** The backend for the current settings (the offline one is started on first use). */
  backend(): Promise<SessionBackend>;
  /** Where a session's agent events are shown as a run (the viewer follows it); absent = the stages only. */
  runs?: SessionRuns;
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
  /** The session shown: its watcher and its run. */
  private shown: { sessionId: string; watcher: SessionWatcher; run: FollowedRun | undefined } | undefined;

  constructor(private readonly deps: SessionHubDeps) {
    super();
  }

  override dispose(): void {
    this.unwatch();
    super.dispose();
  }

  /** The shown session's latest view. */
  get current(): SessionView | undefined {
    return this.shown?.watcher.current;
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
    this.unwatch(sessionId);
    // Followed before the execution starts, so the session's first events find their run.
    const run = this.follow({ workflowId: sessionId, traceId: '', prompt, startedAt: now }, backend);
    let end: () => Promise<ExecutionEnd | undefined>;
    try {
      ({ end } = await backend.start(input));
    } catch (err) {
      void run?.conclude(notStartedEnding(err));
      throw err;
    }
    return { sessionId, done: this.watch(sessionId, backend, end, run) };
  }

  /**
   * Shows a past (or running) session by id: its stored events as its run, its journal until it
   * has a terminal entry.
   */
  async open(sessionId: string): Promise<Promise<SessionView | undefined>> {
    const backend = await this.deps.backend();
    this.unwatch(sessionId);
    // Read before the journal: a finished session's run must hold its own ending before it is concluded.
    const events = await this.storedEvents(sessionId, backend);
    const now = (this.deps.now ?? Date.now)();
    const info = events.length
      ? runInfoFrom(sessionId, events)
      : { workflowId: sessionId, traceId: '', prompt: '', startedAt: now };
    const run = this.follow(info, backend);
    if (events.length) this.deps.runs?.acceptExternal({ workflowId: sessionId, events }, 'table');
    return this.watch(sessionId, backend, undefined, run);
  }

  /** The session's run. On AWS its events are only in the events table; offline the pipeline's stdout brings them. */
  private follow(info: RunInfo, backend: SessionBackend): FollowedRun | undefined {
    return this.deps.runs?.follow(info, { readTable: backend.mode === 'aws' });
  }

  private async storedEvents(sessionId: string, backend: SessionBackend): Promise<readonly AgentifyEvent[]> {
    if (!this.deps.runs) return [];
    try {
      return await backend.loadEvents(sessionId);
    } catch (err) {
      this._onDidError.fire(err as Error);
      return [];
    }
  }

  private watch(
    sessionId: string,
    backend: SessionBackend,
    end: (() => Promise<ExecutionEnd | undefined>) | undefined,
    run: FollowedRun | undefined,
  ): Promise<SessionView | undefined> {
    const watcher = new SessionWatcher({
      sessionId,
      mode: backend.mode,
      read: () => backend.reader.read(sessionId),
      execution: end,
      intervalMs: this.deps.intervalMs,
      onError: (err) => this._onDidError.fire(err),
    });
    this.shown = { sessionId, watcher, run };
    watcher.onDidChange((view) => this._onDidChange.fire(view));
    void watcher.done.then((view) => {
      // A watcher stopped by unwatch() left its run to unwatch().
      if (this.shown?.watcher !== watcher) return;
      if (view) this.deps.log?.(`Session ${sessionId}: ${view.outcome}${view.error ? ` — ${view.error}` : ''}.`);
      // As soon as the outcome is known; a run whose agent reported its own ending keeps that one.
      void run?.conclude(sessionEnding(sessionId, view));
    });
    watcher.start();
    return watcher.done;
  }

  /**
   * Stops watching the shown session and ends its run, unless `next` — the session shown next —
   * is the same one, whose run then goes on (the new watcher ends it).
   */
  private unwatch(next?: string): void {
    const shown = this.shown;
    this.shown = undefined;
    if (!shown) return;
    shown.watcher.dispose();
    if (shown.sessionId !== next) void shown.run?.conclude(sessionEnding(shown.sessionId, shown.watcher.current));
  }
}

/** What the Demo Viewer uses of the hub: the shown session's stages, and its Start Session button. */
export type ViewerSessions = Pick<SessionHub, 'onDidChange' | 'onDidError' | 'current' | 'start'>;
