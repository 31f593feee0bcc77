/**
 * What the Demo Viewer panel does, free of `vscode`: answers the webview's commands (run, stop,
 * open a past run, export, copy), forwards the live run's events, start and end, and
 * sends the full state when the webview says `ready`. The panel gives it a MessageRouter bound to
 * its webview; tests give it one bound to an array.
 */
import { Disposable } from '../../common/disposable';
import { isAgentifyError } from '../../common/errors';
import type { AgentifyEvent } from '../../events/types';
import type { RunEnd, RunEvents, Runs } from '../../run/types';
import type { IDisposable } from '../../common/disposable';
import type { LoadedRun } from '../../history/runEventsLoader';
import type { RunHistoryStore } from '../../history/runHistoryStore';
import {
  AgentRegistrations,
  AgentRegistrationsNotification,
  CompareNotification,
  CompareRunsCommand,
  ComparedRun,
  WatchAgentsCommand,
  CopyCommand,
  ErrorNotification,
  EventNotification,
  ExportCommand,
  ExportFormat,
  HistoryNotification,
  ListHistoryCommand,
  OpenRunCommand,
  PriceEntry,
  PricesNotification,
  ResetNotification,
  RunCommand,
  RunStatusNotification,
  RunSummary,
  ShowLiveCommand,
  StateNotification,
  StopCommand,
  ViewedRun,
  ViewerError,
} from '../../protocol/demoViewer';
import type { MessageRouter } from '../../protocol/messageRouter';
import { SessionNotification, StartSessionCommand } from '../../protocol/demoViewer';
import type { ViewerSessions } from '../../journal/sessionHub';

export interface DemoViewerServices {
  /** The workspace's runs: the live one is shown as it happens. */
  runs?: Pick<Runs, 'current' | 'onDidStartRun' | 'onDidEndRun'>;
  run(prompt: string): Promise<unknown>;
  stop(): Promise<unknown>;
  history: RunHistoryStore;
  loadRun(workflowId: string): Promise<LoadedRun>;
  exportRun(format: ExportFormat, run: RunSummary, events: readonly AgentifyEvent[]): Promise<unknown>;
  copy(text: string): Promise<unknown> | PromiseLike<unknown>;
  log(message: string): void;
  now?: () => number;
  /** The user's model prices (setting `agentify.pricing.models`); the webview has the defaults. */
  prices?(): Record<string, PriceEntry>;
  /** The session journal's stages (Start Session button, status strip); absent = no sessions. */
  sessions?: ViewerSessions;
  /** Registrations of a run's agents in the agent registry; absent: the panel shows none. */
  lookupAgents?: (agents: readonly string[]) => Promise<Omit<AgentRegistrations, 'error'>>;
}

type Shown = { kind: 'live' } | { kind: 'history'; run: ViewedRun; events: AgentifyEvent[] };

export function toViewerError(err: unknown): ViewerError {
  if (isAgentifyError(err)) return { code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) };
  return { code: 'Unknown', message: err instanceof Error ? err.message : String(err) };
}

export class DemoViewerController extends Disposable {
  private live: ViewedRun | undefined;
  private liveEvents: RunEvents | undefined;
  private shown: Shown = { kind: 'live' };

  /** The live run's subscriptions, replaced when the next run starts. */
  private watching: IDisposable[] = [];

  constructor(
    private readonly router: MessageRouter,
    private readonly services: DemoViewerServices,
  ) {
    super();
    const { runs, history } = services;
    if (runs?.current) this.watch(runs.current);
    if (runs) {
      this.register(runs.onDidStartRun((run) => this.startLive(run)));
      this.register(runs.onDidEndRun((end) => this.endLive(end)));
    }
    this.register({ dispose: () => this.unwatch() });
    this.register(history.onDidChange((runs) => router.notify(HistoryNotification, { runs: [...runs] })));
    const { sessions } = services;
    if (sessions) {
      this.register(sessions.onDidChange((view) => router.notify(SessionNotification, view)));
      this.register(sessions.onDidError((err) => router.notify(ErrorNotification, toViewerError(err))));
      router.onCommand(StartSessionCommand, ({ prompt }) => this.guard(sessions.start(prompt.trim())));
    }

    router
      .onCommand(RunCommand, ({ prompt }) => this.guard(services.run(prompt.trim())))
      .onCommand(StopCommand, () => this.guard(services.stop()))
      .onCommand(OpenRunCommand, ({ workflowId }) => this.open(workflowId))
      .onCommand(ShowLiveCommand, () => {
        this.shown = { kind: 'live' };
        this.sendState();
      })
      .onCommand(ExportCommand, ({ format }) => this.export(format))
      .onCommand(CopyCommand, ({ text }) => this.guard(Promise.resolve(services.copy(text))))
      .onCommand(ListHistoryCommand, () => router.notify(HistoryNotification, { runs: [...history.list()] }))
      .onCommand(WatchAgentsCommand, ({ agents }) => this.lookupAgents(agents))
      .onCommand(CompareRunsCommand, ({ left, right }) => this.compare(left, right));
  }

  /** Sends the user's prices again (the setting changed). */
  sendPrices(): void {
    const prices = this.services.prices?.();
    if (prices) this.router.notify(PricesNotification, { prices });
  }

  /** The full state: what the webview needs after `ready` or when another run is shown. */
  sendState(): void {
    this.sendPrices();
    const shown = this.shown;
    const history = [...this.services.history.list()];
    if (shown.kind === 'history') {
      this.router.notify(StateNotification, { run: shown.run, events: shown.events, history });
    } else {
      this.router.notify(StateNotification, {
        run: this.live ?? null,
        events: [...(this.liveEvents?.snapshot() ?? [])],
        history,
      });
    }
    const session = this.services.sessions?.current;
    if (session) this.router.notify(SessionNotification, session);
  }

  /** A new live run: the panel drops what it shows and follows it. */
  private startLive(run: RunEvents): void {
    this.watch(run);
    this.shown = { kind: 'live' };
    this.resetLive();
  }

  private watch(run: RunEvents): void {
    this.unwatch();
    this.liveEvents = run;
    this.live = this.liveRun(run);
    const showing = () => this.shown.kind === 'live';
    this.watching.push(
      run.onDidReceiveEvent((event) => showing() && this.router.notify(EventNotification, { event })),
      run.onDidError((err) => this.router.notify(ErrorNotification, toViewerError(err))),
    );
    // A run that took the id its workflow printed is shown anew under that id.
    this.watching.push(
      run.onDidChangeInfo(() => {
        this.live = this.liveRun(run);
        if (showing()) this.resetLive();
      }),
    );
  }

  private unwatch(): void {
    for (const d of this.watching.splice(0)) d.dispose();
  }

  private resetLive(): void {
    if (!this.live || !this.liveEvents) return;
    this.router.notify(ResetNotification, { run: this.live });
    // Events that arrived before the panel heard of the run.
    for (const event of this.liveEvents.snapshot()) this.router.notify(EventNotification, { event });
  }

  private endLive(end: RunEnd): void {
    const workflowId = end.run.workflowId;
    if (this.live?.workflowId !== workflowId) return;
    this.live = this.liveRun(this.liveEvents!, end);
    if (this.shown.kind === 'live')
      this.router.notify(RunStatusNotification, { workflowId, status: end.outcome, endedAt: end.endedAt });
  }

  private liveRun(run: RunEvents, end = run.end): ViewedRun {
    const { workflowId, prompt, startedAt } = run.info;
    if (!end) return { workflowId, prompt, startedAt, status: 'running', source: 'live' };
    return { workflowId, prompt, startedAt, status: end.outcome, endedAt: end.endedAt, source: 'live' };
  }

  private fromHistory(workflowId: string, source: ViewedRun['source']): ViewedRun {
    const known = this.services.history.get(workflowId);
    if (known)
      return {
        workflowId,
        prompt: known.prompt,
        startedAt: known.startedAt,
        endedAt: known.endedAt,
        status: known.status,
        source,
      };
    return {
      workflowId,
      prompt: '',
      startedAt: (this.services.now ?? Date.now)(),
      status: source === 'live' ? 'running' : 'idle',
      source,
    };
  }

  private async open(workflowId: string): Promise<void> {
    if (this.live?.workflowId === workflowId && this.live.status === 'running') {
      this.shown = { kind: 'live' };
      return this.sendState();
    }
    try {
      const loaded = await this.services.loadRun(workflowId);
      const run: ViewedRun = { ...this.fromHistory(workflowId, 'history'), expired: loaded.expired };
      if (!this.services.history.get(workflowId) && loaded.events.length) run.startedAt = loaded.events[0].timestamp;
      this.shown = { kind: 'history', run, events: loaded.events };
      this.sendState();
    } catch (err) {
      this.router.notify(ErrorNotification, toViewerError(err));
    }
  }

  /** A run with its events for a comparison: the live one from the stream, others from the table. */
  private async runWithEvents(workflowId: string): Promise<ComparedRun> {
    if (this.live?.workflowId === workflowId)
      return { run: this.live, events: [...(this.liveEvents?.snapshot() ?? [])] };
    const shown = this.shown;
    if (shown.kind === 'history' && shown.run.workflowId === workflowId)
      return { run: shown.run, events: shown.events };
    const loaded = await this.services.loadRun(workflowId);
    const run: ViewedRun = { ...this.fromHistory(workflowId, 'history'), expired: loaded.expired };
    if (!this.services.history.get(workflowId) && loaded.events.length) run.startedAt = loaded.events[0].timestamp;
    return { run, events: loaded.events };
  }

  private async compare(left: string, right: string): Promise<void> {
    try {
      const [a, b] = await Promise.all([this.runWithEvents(left), this.runWithEvents(right)]);
      this.router.notify(CompareNotification, { left: a, right: b });
      const gone = [a, b].filter((c) => c.run.expired).map((c) => c.run.workflowId);
      if (gone.length) {
        this.router.notify(ErrorNotification, {
          code: 'RunExpired',
          message:
            `The events of ${gone.join(' and ')} are no longer in the table, so the comparison shows only ` +
            `what is left.`,
          hint:
            'Events expire after the table’s TTL (setting agentify.dynamodb.ttlDays); export runs you want to ' +
            'keep.',
        });
      }
    } catch (err) {
      this.router.notify(ErrorNotification, toViewerError(err));
    }
  }

  private async export(format: ExportFormat): Promise<void> {
    const shown = this.shown;
    const run = shown.kind === 'history' ? shown.run : this.live;
    if (!run)
      return this.router.notify(ErrorNotification, {
        code: 'NothingToExport',
        message: 'There is no run to export yet.',
        hint: 'Run the workflow or open a past run first.',
      });
    const events = shown.kind === 'history' ? shown.events : [...(this.liveEvents?.snapshot() ?? [])];
    const summary: RunSummary = this.services.history.get(run.workflowId) ?? {
      workflowId: run.workflowId,
      prompt: run.prompt,
      startedAt: run.startedAt,
      endedAt: run.endedAt,
      status: run.status,
      eventCount: events.length,
    };
    await this.guard(this.services.exportRun(format, { ...summary, eventCount: events.length }, events));
  }

  private async lookupAgents(agents: string[]): Promise<void> {
    const lookup = this.services.lookupAgents;
    if (!lookup) return;
    try {
      this.router.notify(AgentRegistrationsNotification, await lookup(agents));
    } catch (err) {
      const message = `The agent registry could not be read: ${err instanceof Error ? err.message : String(err)}`;
      const failed = { mode: 'unknown' as const, tableName: '', agents: [], error: message };
      this.router.notify(AgentRegistrationsNotification, failed);
    }
  }

  private async guard(work: Promise<unknown>): Promise<void> {
    try {
      await work;
    } catch (err) {
      this.services.log(`Demo Viewer: ${err instanceof Error ? err.message : String(err)}`);
      this.router.notify(ErrorNotification, toViewerError(err));
    }
  }
}
