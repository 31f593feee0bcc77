/**
 * Owns the live read of one workflow run's events from the DynamoDB events table: a Query every
 * 500 ms for items newer than the newest one read, delivered through `onEvents` a page at a time.
 * One per run: the run's RunSession creates it, tells it when the run is over (`finish`) and
 * disposes it. It does not deduplicate: the session holds the run's events once by identity.
 *
 * Nothing that reached the table is missed:
 * - pages are followed to the end;
 * - every `catchUpEveryMs` a catch-up reads again what a late write could have landed in: the
 *   `lookbackMs` below the newest timestamp (for events without `producer_id` / `seq`), and every
 *   gap the session knows of in a producer's `seq`, however old (`gaps`);
 * - after `finish()` it polls on for at least `drainMs`, and while a gap remains for at most
 *   `maxDrainMs`, then reads the whole run once more from its first event (the reconciliation
 *   read) and stops (`onDidFinish`); whatever is still missing then, the session reports;
 * - throttling, network and 5xx errors back off and retry. Errors the user must fix (table missing,
 *   access denied, no credentials) stop polling and fire `onError` with the message from
 *   src/aws/awsErrors.ts.
 */
import type { AwsClients } from '../aws/clientFactory';
import { AwsErrorContext, isTransientAwsError, toUserError } from '../aws/awsErrors';
import { Disposable } from '../common/disposable';
import { Event, EventEmitter } from '../common/emitter';
import { AgentifyError, describeError } from '../common/errors';
import type { ConfigSource } from '../config/configSource';
import type { AgentifyEvent } from '../events/types';
import { eventFromItem } from '../events/validate';
import { type Clock, systemClock } from '../common/clock';
import type { SequenceGap } from '../run/producerSequences';
import type { TableEventSource } from '../run/runSession';
import { queryRun } from '../eventsTable/queryRun';

export interface PollingOptions {
  /** Time between the starts of two polls while all is well, in ms. Default 500. */
  intervalMs?: number;
  /** Delays after consecutive failures, in ms; the last repeats. Default 1, 2, 4, 8, 16, 30 s. */
  backoffMs?: readonly number[];
  /** How far below the newest timestamp read a catch-up reaches, for late writes without a seq, in ms. Default 5000. */
  lookbackMs?: number;
  /** How often a poll also runs the catch-up reads, in ms. Default 2000. */
  catchUpEveryMs?: number;
  /** How long polling goes on after `finish()`, for writes still in flight, in ms. Default 2000. */
  drainMs?: number;
  /** How long after `finish()` polling goes on while a gap remains, in ms. Default 15,000. */
  maxDrainMs?: number;
  /** The gaps in producers' sequences the run still has (from its RunSession). Default: none. */
  gaps?: () => readonly SequenceGap[];
  /** Items per Query page; undefined → DynamoDB's own 1 MB pages. Default undefined. */
  pageSize?: number;
  /** Clock and timers. Default the system's. */
  clock?: Clock;
  /** Where the error messages say Agentify was looking. Default: table name and region from config. */
  errorContext?: () => AwsErrorContext | Promise<AwsErrorContext>;
  /** Diagnostic lines (the output channel). Default: none. */
  log?: (message: string) => void;
}

export type PollingStopReason = 'stopped' | 'finished' | 'error' | 'disposed';

const DEFAULTS = {
  intervalMs: 500,
  backoffMs: [1000, 2000, 4000, 8000, 16_000, 30_000] as readonly number[],
  lookbackMs: 5000,
  catchUpEveryMs: 2000,
  drainMs: 2000,
  maxDrainMs: 15_000,
};

/** A sort-key range to read again, both ends included (the session drops what it already holds). */
interface Range {
  from: number;
  to: number;
}

interface RunState {
  workflowId: string;
  /** Incremented per run; a tick of an older run drops its results. */
  generation: number;
  /** Newest timestamp read so far. */
  last: number;
  failures: number;
  /** Clock time of the last catch-up. */
  lastCatchUpAt: number;
  /** Clock time `finish()` was called, when it was: the drain runs from then. */
  finishedAt?: number;
  malformed: number;
}

export class DynamoDbPollingService extends Disposable implements TableEventSource {
  readonly origin = 'table' as const;

  private readonly _onEvents = this.register(new EventEmitter<readonly AgentifyEvent[]>());
  /** Events read, a page at a time, in the order read (ascending timestamp per query); re-reads included. */
  readonly onEvents: Event<readonly AgentifyEvent[]> = this._onEvents.event;

  private readonly _onError = this.register(new EventEmitter<AgentifyError>());
  /** A failure the user must fix; polling has stopped. */
  readonly onError: Event<AgentifyError> = this._onError.event;

  private readonly _onDidStop = this.register(new EventEmitter<{ workflowId: string; reason: PollingStopReason }>());
  /** Polling of a run ended (drained and reconciled after finish, stopped, error). */
  readonly onDidStop: Event<{ workflowId: string; reason: PollingStopReason }> = this._onDidStop.event;

  private readonly _onDidFinish = this.register(new EventEmitter<void>());
  /** The drain and the reconciliation read after `finish()` are done. */
  readonly onDidFinish: Event<void> = this._onDidFinish.event;

  private readonly clock: Clock;
  private readonly o: Required<Pick<PollingOptions, keyof typeof DEFAULTS>>;
  private run: RunState | undefined;
  private generation = 0;
  private timer: unknown;
  private inFlight: { generation: number; promise: Promise<void> } | undefined;

  constructor(
    private readonly clients: AwsClients,
    private readonly config: ConfigSource,
    private readonly options: PollingOptions = {},
  ) {
    super();
    this.clock = options.clock ?? systemClock;
    this.o = {
      intervalMs: options.intervalMs ?? DEFAULTS.intervalMs,
      backoffMs: options.backoffMs?.length ? options.backoffMs : DEFAULTS.backoffMs,
      lookbackMs: options.lookbackMs ?? DEFAULTS.lookbackMs,
      catchUpEveryMs: options.catchUpEveryMs ?? DEFAULTS.catchUpEveryMs,
      drainMs: options.drainMs ?? DEFAULTS.drainMs,
      maxDrainMs: Math.max(options.maxDrainMs ?? DEFAULTS.maxDrainMs, options.drainMs ?? DEFAULTS.drainMs),
    };
  }

  /** Stops any run being polled and polls `workflowId` from its first event. */
  startPolling(workflowId: string): void {
    if (this.isDisposed) return;
    this.stop('stopped');
    const generation = ++this.generation;
    this.run = { workflowId, generation, last: 0, failures: 0, malformed: 0, lastCatchUpAt: this.clock.now() };
    void this.pollNow();
  }

  stopPolling(): void {
    this.stop('stopped');
  }

  /** The run is over: polling drains (see the file's comment), reconciles and stops. Idempotent. */
  finish(): void {
    const run = this.run;
    if (run && run.finishedAt === undefined) run.finishedAt = this.clock.now();
  }

  isPolling(): boolean {
    return this.run !== undefined;
  }

  getCurrentWorkflowId(): string | undefined {
    return this.run?.workflowId;
  }

  /** The current run's count of malformed items skipped. */
  get stats(): { malformed: number } {
    return { malformed: this.run?.malformed ?? 0 };
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
   * `intervalMs` apart (the time a Query took counts towards the interval).
   */
  private async tick(run: RunState): Promise<number | undefined> {
    if (!this.isCurrent(run)) return undefined;
    const startedAt = this.clock.now();
    try {
      await this.poll(run);
      if (this.isCurrent(run) && this.drainIsOver(run)) {
        // Sort keys at or below 0 are producers' slot claims, not events.
        await this.read(run, { above: 0 });
        if (!this.isCurrent(run)) return undefined;
        this.stop('finished');
        this._onDidFinish.fire();
        return undefined;
      }
    } catch (err) {
      return this.isCurrent(run) ? this.onFailure(run, err) : undefined;
    }
    if (!this.isCurrent(run)) return undefined;
    run.failures = 0;
    return Math.max(0, this.o.intervalMs - (this.clock.now() - startedAt));
  }

  /** New items first (re-reading a busy run's past before them would hold them back), then the catch-up. */
  private async poll(run: RunState): Promise<void> {
    const now = this.clock.now();
    const catchUp = run.finishedAt !== undefined || now - run.lastCatchUpAt >= this.o.catchUpEveryMs;
    const newest = run.last;
    await this.read(run, { above: newest });
    if (!catchUp || !this.isCurrent(run)) return;
    run.lastCatchUpAt = now;
    for (const range of this.catchUpRanges(newest)) {
      if (!this.isCurrent(run)) return;
      await this.read(run, range);
    }
  }

  /** The lookback window below `newest` and every gap's range, merged where they overlap. */
  private catchUpRanges(newest: number): Range[] {
    const ranges: Range[] = [];
    if (newest > 0) ranges.push({ from: Math.max(1, newest - this.o.lookbackMs), to: newest });
    for (const gap of this.options.gaps?.() ?? [])
      ranges.push({ from: Math.max(1, gap.afterTimestamp), to: gap.beforeTimestamp });
    ranges.sort((a, b) => a.from - b.from);
    const merged: Range[] = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && r.from <= last.to) last.to = Math.max(last.to, r.to);
      else merged.push({ ...r });
    }
    return merged;
  }

  private drainIsOver(run: RunState): boolean {
    if (run.finishedAt === undefined) return false;
    const elapsed = this.clock.now() - run.finishedAt;
    if (elapsed < this.o.drainMs) return false;
    return elapsed >= this.o.maxDrainMs || !(this.options.gaps?.().length ?? 0);
  }

  /** Delivers every page of the run's items above a timestamp, or within a range. */
  private async read(run: RunState, range: Range | { above: number }): Promise<void> {
    const client = await this.clients.documentClient();
    const tableName = this.config.current.infrastructure.dynamodb.tableName;
    const bounds = 'above' in range ? { after: range.above } : { from: range.from, upTo: range.to };
    for await (const page of queryRun(client, tableName, run.workflowId, {
      ...bounds,
      pageSize: this.options.pageSize,
    })) {
      if (!this.isCurrent(run)) return;
      const events = page.flatMap((item) => this.eventOf(run, item));
      if (events.length) this._onEvents.fire(events);
    }
  }

  /** The event an item of the run holds (none, counted, for an item the schema refuses). */
  private eventOf(run: RunState, item: Record<string, unknown>): AgentifyEvent[] {
    const event = eventFromItem(item);
    if (!event || event.workflow_id !== run.workflowId) {
      if (run.malformed++ === 0)
        this.options.log?.(
          `Skipped a malformed event item in the table for run ${run.workflowId}; further ones are counted, not ` +
            `logged.`,
        );
      return [];
    }
    if (event.timestamp > run.last) run.last = event.timestamp;
    return [event];
  }

  /** Transient errors: the backoff delay (or the end, once a drain has run out). Others: stops and reports. */
  private async onFailure(run: RunState, err: unknown): Promise<number | undefined> {
    if (isTransientAwsError(err)) {
      if (run.finishedAt !== undefined && this.clock.now() - run.finishedAt >= this.o.maxDrainMs) {
        this.options.log?.(`Polling ${run.workflowId} gave up after the run ended: ${describeError(err)}.`);
        this.stop('finished');
        this._onDidFinish.fire();
        return undefined;
      }
      const delay = this.o.backoffMs[Math.min(run.failures, this.o.backoffMs.length - 1)];
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
    if (run.malformed > 1)
      this.options.log?.(`Skipped ${run.malformed} malformed event items for run ${run.workflowId}.`);
    this._onDidStop.fire({ workflowId: run.workflowId, reason });
  }
}
