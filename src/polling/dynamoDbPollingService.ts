/**
 * Owns the live read of one workflow run's events from the DynamoDB events table: a Query every
 * 500 ms for items newer than the last one seen, each event delivered once through `onEvent`.
 * One run at a time; a singleton owned by the composition root.
 *
 * Its events use src/common/emitter.ts (same surface as vscode.EventEmitter) rather than the
 * `vscode` module, so the service runs in plain Node tests; that emitter also reports when the
 * last `onEvent` subscriber leaves, which stops polling while the service lives on.
 *
 * No event that reached the table is lost: pages are followed to the end; every `lookbackEveryMs`
 * a Query reaches back `lookbackMs` below the newest timestamp seen (dedup drops the repeats) so a
 * write that lands late with an older timestamp is still delivered; after the terminal event polling goes on for
 * `drainMs`; throttling, network and 5xx errors back off and retry. Errors the user must fix
 * (table missing, access denied, no credentials) stop polling and fire `onError` with the
 * message from src/aws/awsErrors.ts.
 */
import type { DynamoDbClientProvider } from '../aws/clientFactory';
import { AwsErrorContext, isTransientAwsError, toUserError } from '../aws/awsErrors';
import { Disposable } from '../common/disposable';
import { Event, EventEmitter } from '../common/emitter';
import { AgentifyError, describeError } from '../common/errors';
import type { ConfigSource } from '../config/configSource';
import { AgentifyEvent, eventKey, isTerminalEvent } from '../events/types';
import { isAgentifyEvent } from '../events/validate';
import { type Clock, systemClock } from '../common/clock';
import { DedupWindow } from './dedupWindow';
import { queryRun } from '../eventsTable/queryRun';

export interface PollingOptions {
  /** Delay between polls while all is well, in ms. Default 500. */
  intervalMs?: number;
  /** Delays after consecutive failures, in ms; the last repeats. Default 1, 2, 4, 8, 16, 30 s. */
  backoffMs?: readonly number[];
  /** How far below the newest timestamp seen a catch-up Query reaches, for late writes, in ms. Default 5000. */
  lookbackMs?: number;
  /** How often a poll is a catch-up Query over the lookback window rather than newer items only, in ms. Default 2000. */
  lookbackEveryMs?: number;
  /** How long polling goes on after the terminal event, for writes still in flight, in ms. Default 2000. */
  drainMs?: number;
  /** Most event keys kept for dedup; past it the oldest go and the query floor rises. Default 20,000. */
  maxDedupEntries?: number;
  /** Items per Query page; undefined → DynamoDB's own 1 MB pages. Default undefined. */
  pageSize?: number;
  /** Clock and timers. Default the system's. */
  clock?: Clock;
  /** Where the error messages say Agentify was looking. Default: table name and region from config. */
  errorContext?: () => AwsErrorContext | Promise<AwsErrorContext>;
  /** Diagnostic lines (the output channel). Default: none. */
  log?: (message: string) => void;
}

export type PollingStopReason = 'stopped' | 'terminal' | 'error' | 'noSubscribers' | 'disposed';

const DEFAULTS = {
  intervalMs: 500,
  backoffMs: [1000, 2000, 4000, 8000, 16_000, 30_000] as readonly number[],
  lookbackMs: 5000,
  lookbackEveryMs: 2000,
  drainMs: 2000,
  maxDedupEntries: 20_000,
};

interface RunState {
  workflowId: string;
  /** Incremented per run; a tick of an older run drops its results. */
  generation: number;
  /** Newest timestamp delivered so far. */
  last: number;
  dedup: DedupWindow;
  failures: number;
  /** Clock time of the last catch-up Query over the lookback window. */
  lastLookbackAt: number;
  /** Clock time the terminal event was seen, when it was. */
  terminalAt?: number;
  malformed: number;
}

export class DynamoDbPollingService extends Disposable {
  private readonly _onEvent = this.register(new EventEmitter<AgentifyEvent>({ onLastListenerRemove: () => this.stop('noSubscribers') }));
  /** One new event of the current run, in the order read (ascending timestamp per query). */
  readonly onEvent: Event<AgentifyEvent> = this._onEvent.event;

  private readonly _onError = this.register(new EventEmitter<AgentifyError>());
  /** A failure the user must fix; polling has stopped. */
  readonly onError: Event<AgentifyError> = this._onError.event;

  private readonly _onDidStop = this.register(new EventEmitter<{ workflowId: string; reason: PollingStopReason }>());
  /** Polling of a run ended (terminal event drained, stopped, error, no subscribers). */
  readonly onDidStop: Event<{ workflowId: string; reason: PollingStopReason }> = this._onDidStop.event;

  private readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly backoffMs: readonly number[];
  private readonly lookbackMs: number;
  private readonly lookbackEveryMs: number;
  private readonly drainMs: number;
  private readonly maxDedupEntries: number;
  private run: RunState | undefined;
  private generation = 0;
  private timer: unknown;
  private inFlight: { generation: number; promise: Promise<void> } | undefined;

  constructor(
    private readonly clients: DynamoDbClientProvider,
    private readonly config: ConfigSource,
    private readonly options: PollingOptions = {},
  ) {
    super();
    this.clock = options.clock ?? systemClock;
    this.intervalMs = options.intervalMs ?? DEFAULTS.intervalMs;
    this.backoffMs = options.backoffMs?.length ? options.backoffMs : DEFAULTS.backoffMs;
    this.lookbackMs = options.lookbackMs ?? DEFAULTS.lookbackMs;
    this.lookbackEveryMs = options.lookbackEveryMs ?? DEFAULTS.lookbackEveryMs;
    this.drainMs = options.drainMs ?? DEFAULTS.drainMs;
    this.maxDedupEntries = options.maxDedupEntries ?? DEFAULTS.maxDedupEntries;
  }

  /** Stops any run being polled, forgets what it saw, and polls `workflowId` from its first event. */
  startPolling(workflowId: string): void {
    if (this.isDisposed) return;
    this.stop('stopped');
    const generation = ++this.generation;
    this.run = { workflowId, generation, last: 0, dedup: new DedupWindow(this.maxDedupEntries), failures: 0, malformed: 0, lastLookbackAt: this.clock.now() };
    void this.pollNow();
  }

  stopPolling(): void {
    this.stop('stopped');
  }

  isPolling(): boolean {
    return this.run !== undefined;
  }

  getCurrentWorkflowId(): string | undefined {
    return this.run?.workflowId;
  }

  /** The current run's counters: malformed items skipped and event keys held for dedup. */
  get stats(): { malformed: number; dedupEntries: number } {
    return { malformed: this.run?.malformed ?? 0, dedupEntries: this.run?.dedup.size ?? 0 };
  }

  /**
   * Polls the current run now, sharing a tick already in flight for it. A tick of a previous run
   * still in flight is waited for first, so two Queries never overlap.
   */
  pollNow(): Promise<void> {
    const run = this.run;
    if (!run) return Promise.resolve();
    if (this.inFlight?.generation === run.generation) return this.inFlight.promise;
    this.clearTimer();
    const previous = this.inFlight?.promise ?? Promise.resolve();
    const promise: Promise<void> = previous
      .then(() => this.tick(run))
      .then((nextDelay) => {
        // The tick is over before the next one is scheduled, so a timer never finds it in flight.
        if (this.inFlight?.promise === promise) this.inFlight = undefined;
        if (nextDelay !== undefined && this.isCurrent(run)) this.schedule(run, nextDelay);
      });
    this.inFlight = { generation: run.generation, promise };
    return promise;
  }

  override dispose(): void {
    this.stop('disposed');
    super.dispose();
  }

  private isCurrent(run: RunState): boolean {
    return this.run === run && !this.isDisposed;
  }

  /**
   * One poll; resolves with the delay before the next, or undefined when polling ends. Polls start
   * `intervalMs` apart (the time a Query took counts towards the interval), so a busy run's events
   * do not wait for a full interval on top of a slow Query.
   */
  private async tick(run: RunState): Promise<number | undefined> {
    if (!this.isCurrent(run)) return undefined;
    const startedAt = this.clock.now();
    try {
      await this.queryNewEvents(run);
    } catch (err) {
      return this.isCurrent(run) ? this.onFailure(run, err) : undefined;
    }
    if (!this.isCurrent(run)) return undefined;
    run.failures = 0;
    if (run.terminalAt !== undefined && this.clock.now() - run.terminalAt >= this.drainMs) {
      this.stop('terminal');
      return undefined;
    }
    return Math.max(0, this.intervalMs - (this.clock.now() - startedAt));
  }

  /**
   * One poll: every page of items newer than the last one seen, each delivered. Every
   * `lookbackEveryMs`, and on every poll of the drain, a second Query then reads the lookback
   * window below that point again, for late writes (dedup drops what was delivered). New items go
   * first: re-reading a busy run's last seconds before them would hold them back.
   */
  private async queryNewEvents(run: RunState): Promise<void> {
    const now = this.clock.now();
    const catchUp = run.terminalAt !== undefined || now - run.lastLookbackAt >= this.lookbackEveryMs;
    const newest = run.last;
    await this.queryRange(run, Math.max(0, run.dedup.floor, newest));
    if (catchUp && this.isCurrent(run)) {
      run.lastLookbackAt = now;
      const from = Math.max(0, run.dedup.floor, newest - this.lookbackMs);
      if (from < newest) await this.queryRange(run, from, newest);
    }
    run.dedup.pruneBelow(run.last - this.lookbackMs);
  }

  /** Delivers every page of the run's items with a timestamp above `after` (and at most `upTo`). */
  private async queryRange(run: RunState, after: number, upTo?: number): Promise<void> {
    const client = await this.clients.getDynamoDbDocumentClientAsync();
    const tableName = this.config.current.infrastructure.dynamodb.tableName;
    for await (const page of queryRun(client, tableName, run.workflowId, { after, upTo, pageSize: this.options.pageSize })) {
      if (!this.isCurrent(run)) return;
      for (const item of page) this.deliver(run, item);
    }
  }

  private deliver(run: RunState, item: unknown): void {
    if (!isAgentifyEvent(item) || item.workflow_id !== run.workflowId) {
      if (run.malformed++ === 0) this.options.log?.(`Skipped a malformed event item in the table for run ${run.workflowId}; further ones are counted, not logged.`);
      return;
    }
    if (item.timestamp <= run.dedup.floor || !run.dedup.add(eventKey(item), item.timestamp)) return;
    if (item.timestamp > run.last) run.last = item.timestamp;
    if (isTerminalEvent(item) && run.terminalAt === undefined) run.terminalAt = this.clock.now();
    this._onEvent.fire(item);
  }

  /** Transient errors: the backoff delay. Others: stops, reports, and resolves undefined. */
  private async onFailure(run: RunState, err: unknown): Promise<number | undefined> {
    if (isTransientAwsError(err)) {
      const delay = this.backoffMs[Math.min(run.failures, this.backoffMs.length - 1)];
      run.failures++;
      this.options.log?.(`Polling ${run.workflowId} failed (${describeError(err)}); retrying in ${delay / 1000} s.`);
      return delay;
    }
    const context = this.options.errorContext ? await this.options.errorContext() : this.defaultErrorContext();
    if (!this.isCurrent(run)) return undefined;
    const userError = toUserError(err, context);
    this.options.log?.(`Polling ${run.workflowId} stopped: ${userError.message}`);
    this.stop('error');
    this._onError.fire(userError);
    return undefined;
  }

  private defaultErrorContext(): AwsErrorContext {
    const { tableName, region, endpoint } = this.config.current.infrastructure.dynamodb;
    return { tableName, region, endpoint: endpoint || undefined, profile: this.config.current.aws.profile };
  }

  private schedule(run: RunState, ms: number): void {
    this.clearTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.isCurrent(run)) void this.pollNow();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private stop(reason: PollingStopReason): void {
    const run = this.run;
    this.clearTimer();
    if (!run) return;
    this.run = undefined;
    run.dedup.clear();
    if (run.malformed > 1) this.options.log?.(`Skipped ${run.malformed} malformed event items for run ${run.workflowId}.`);
    this._onDidStop.fire({ workflowId: run.workflowId, reason });
  }
}
