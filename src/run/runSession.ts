/**
 * A RunSession owns one workflow run from start to end: its id, the one stdout parser, the table
 * poller and any other event source (OTLP), the run's ordered list of events (each once), terminal
 * detection on that merged list, and the ending: the outcome, and a synthetic ending (origin
 * `synthetic`) when the run ended without reporting one — its process exited, it went quiet, or
 * whoever watched it from outside learnt how it ended (`conclude`).
 *
 * Subscribers (the Demo Viewer, the history, the status bar) see only this run's events, each
 * once, one terminal event (the first; a later one is not shown), and one `onDidEnd`.
 */
import { Disposable } from '../common/disposable';
import { Event, EventEmitter } from '../common/emitter';
import { AgentifyError } from '../common/errors';
import type { AgentifyEvent } from '../events/types';
import type { ProcessExit, WorkflowProcess } from '../executor/types';
import { type Clock, systemClock } from '../common/clock';
import { RunEventList } from './runEvents';
import { ProducerSequences, type SequenceGap, describeGaps, missingCount } from './producerSequences';
import {
  type SyntheticEnding,
  type TerminalEventType,
  exitEnding,
  outcomeOf,
  syntheticEndingEvent,
  terminalTypeOf,
} from './runEnding';
import { StdoutEventParser } from './stdoutEventParser';
import type { EventOrigin, RunEnd, RunEventSource, RunEvents, RunInfo, RunOutcome } from './types';

/** How long after exit a run traced over OpenTelemetry may still get its exporter's last batch, in ms. */
const OTLP_LAST_BATCH_MS = 2000;
/** The longest a concluded run waits for the table's drain (the poller's own bound is 15 s). */
const DRAIN_WAIT_MS = 20_000;
/** The exit of a run with no process of ours. */
const NO_EXIT: ProcessExit = { exitCode: null, signal: null, stderrTail: '' };

/** The table poller as a session drives it: one per run. */
export interface TableEventSource extends RunEventSource {
  /** The run is over: read what is still on its way (the drain), then stop. Idempotent. */
  finish(): void;
  /** One read that starts now (after a read in flight): what the table holds now is delivered when it settles. */
  readNow(): Promise<void>;
  /** The drain after `finish()` is over: nothing more will come. */
  readonly onDidFinish: Event<void>;
}

export interface RunSessionOptions {
  /** False when the workflow reports only to the table (`workflow.stdoutEvents` off). */
  stdoutEvents: boolean;
  /** `workflow.timeoutSeconds`, for the message of a run that timed out. */
  timeoutSeconds: number;
  /**
   * A table poller reading `workflowId`'s events, chasing the gaps the session still has; none
   * when the run has no table to read.
   */
  readTable?: (workflowId: string, gaps: () => readonly SequenceGap[]) => TableEventSource;
  /** The table's name, for the message about events that were never found in it. */
  tableName?: () => string;
  /** How long after exit to wait for a table-only run's terminal event, in ms. Default 10,000. */
  tableWaitMs?: number;
  /** Most events kept for the run. Default 100,000. */
  maxEvents?: number;
  /** The user's own output lines and diagnostics (the output channel). */
  log?: { output(line: string): void; warn(message: string): void };
  clock?: Clock;
}

export class RunSession extends Disposable implements RunEvents {
  private readonly _onDidReceiveEvent = this.register(new EventEmitter<AgentifyEvent>());
  readonly onDidReceiveEvent: Event<AgentifyEvent> = this._onDidReceiveEvent.event;

  private readonly _onDidError = this.register(new EventEmitter<AgentifyError>());
  readonly onDidError: Event<AgentifyError> = this._onDidError.event;

  private readonly _onDidChangeInfo = this.register(new EventEmitter<{ previousId: string; info: RunInfo }>());
  readonly onDidChangeInfo: Event<{ previousId: string; info: RunInfo }> = this._onDidChangeInfo.event;

  private readonly _onDidEnd = this.register(new EventEmitter<RunEnd>());
  readonly onDidEnd: Event<RunEnd> = this._onDidEnd.event;

  private _info: RunInfo;
  private _end: RunEnd | undefined;
  private readonly list: RunEventList;
  /** Events the OTLP receiver brought: such a run's end may still be in an exporter's last batch. */
  private otlpEvents = 0;
  private readonly sequences = new ProducerSequences();
  private parser: StdoutEventParser;
  private table: TableEventSource | undefined;
  private terminal: TerminalEventType | undefined;
  private newestTimestamp = 0;
  private process: WorkflowProcess | undefined;
  /** Set while an exited table-only run waits for its terminal event; ends the wait. */
  private abortTableWait: (() => void) | undefined;
  private readonly ended: Promise<RunEnd>;
  private finishing = false;
  private resolveEnded!: (end: RunEnd) => void;
  private readonly clock: Clock;

  constructor(
    info: RunInfo,
    private readonly options: RunSessionOptions,
  ) {
    super();
    this._info = info;
    this.clock = options.clock ?? systemClock;
    this.list = new RunEventList(options.maxEvents);
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    this.parser = this.createParser(info.workflowId);
    this.table = this.createTable(info.workflowId);
  }

  get info(): RunInfo {
    return this._info;
  }

  get end(): RunEnd | undefined {
    return this._end;
  }

  snapshot(): readonly AgentifyEvent[] {
    return this.list.snapshot();
  }

  /** One line of the workflow's stdout (without its newline). */
  acceptStdoutLine(line: string): void {
    this.parser.acceptLine(line);
  }

  /** Events of this run that reached the host some other way (the OTLP receiver's share of it). */
  deliver(events: readonly AgentifyEvent[], origin: EventOrigin): void {
    if (origin === 'otlp') this.otlpEvents += events.length;
    this.accept(events, origin);
  }

  /** The workflow's process: its exit ends the run. */
  attach(process: WorkflowProcess): Promise<RunEnd> {
    this.process = process;
    void process.exited.then((exit) => this.onExit(exit));
    return this.ended;
  }

  /**
   * A run with no process of ours. It ends with its terminal event; with `idleMs` (spans of a
   * process outside the editor) also after that long without an event, as a run whose end never
   * arrived; without it (a run someone else watches: a session of the deployed pipeline) when
   * `conclude` says how it ended.
   */
  observe(idleMs?: number): Promise<RunEnd> {
    let timer: unknown;
    const arm = () => {
      if (idleMs === undefined) return;
      if (timer !== undefined) this.clock.clearTimeout(timer);
      timer = this.clock.setTimeout(() => void this.finishRun(NO_EXIT, { observed: { idleMs } }), idleMs);
    };
    arm();
    this.register(this.onDidReceiveEvent(() => (this.terminal ? this.finishRun(NO_EXIT) : arm())));
    this.register({ dispose: () => timer !== undefined && this.clock.clearTimeout(timer) });
    if (this.terminal) void this.finishRun(NO_EXIT);
    return this.ended;
  }

  /**
   * An observed run's end as its watcher learnt it: the run ends now, with `ending` as its
   * synthetic ending unless it holds a terminal event of its own (which then decides). The table
   * is read once first, as its own ending may be there unread (the watcher can learn the outcome
   * before the poller's next read). The table poller then drains and stops as after any end.
   * Once: later calls change nothing.
   */
  async conclude(ending: SyntheticEnding): Promise<RunEnd> {
    const table = this.table;
    if (!this.terminal && !this._end && table) {
      await table.readNow();
      // A session that succeeded had an agent that ended: its own ending, with its result, may
      // still be in its writer's queue. The drain (bounded) waits for it before one is made up.
      if (!this.terminal && !this._end && ending.outcome === 'completed') await this.drained(table);
    }
    void this.finishRun(NO_EXIT, { decided: ending });
    return this.ended;
  }

  /** Lets the table drain (it stops itself after its bounded drain); at most DRAIN_WAIT_MS. */
  private drained(table: TableEventSource): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        finished.dispose();
        this.clock.clearTimeout(timer);
        resolve();
      };
      const finished = table.onDidFinish(done);
      const timer = this.clock.setTimeout(done, DRAIN_WAIT_MS);
      table.finish();
    });
  }

  /** Stops the run (its process tree, or the wait for the table); resolves when it has ended. */
  async stop(): Promise<RunEnd> {
    if (this.abortTableWait) this.abortTableWait();
    else if (this.process && !this._end) void this.process.stop('stopped');
    return this.ended;
  }

  override dispose(): void {
    if (this.process && !this._end) void this.process.stop('stopped');
    super.dispose();
  }

  private accept(events: readonly AgentifyEvent[], origin: EventOrigin): void {
    if (this.isDisposed) return;
    for (const event of events) {
      if (event.workflow_id !== this._info.workflowId && !this.adopt(event, origin)) continue;
      const terminal = terminalTypeOf(event);
      if (terminal && this.terminal) {
        // A run ends once: a second ending (the workflow's own, read after a synthetic one was
        // made) is not shown, but it was delivered, so its seq leaves no gap.
        this.sequences.add(event);
        continue;
      }
      if (!this.list.add(event)) continue;
      this.sequences.add(event);
      if (event.timestamp > this.newestTimestamp) this.newestTimestamp = event.timestamp;
      if (terminal) {
        this.terminal = terminal;
        this.abortTableWait?.();
        this.table?.finish();
      }
      this._onDidReceiveEvent.fire(event);
    }
  }

  /**
   * A workflow that names its own run id on stdout (older projects do) is the run being executed:
   * the session takes its id, as long as nothing of the run was shown yet.
   */
  private adopt(event: AgentifyEvent, origin: EventOrigin): boolean {
    if (origin !== 'stdout' || this.list.size > 0) return false;
    const previousId = this._info.workflowId;
    this._info = { ...this._info, workflowId: event.workflow_id };
    this.table?.dispose();
    this.table = this.createTable(event.workflow_id);
    this._onDidChangeInfo.fire({ previousId, info: this._info });
    return true;
  }

  private createParser(workflowId: string): StdoutEventParser {
    const parser = this.register(new StdoutEventParser(workflowId, () => this.clock.now()));
    this.register(parser.onEvents((events) => this.accept(events, 'stdout')));
    this.register(parser.onOutput((line) => this.options.log?.output(line)));
    this.register(
      parser.onMalformed((line) =>
        this.options.log?.warn(`A workflow printed an event line Agentify could not read; it was skipped: ${line}`),
      ),
    );
    return parser;
  }

  private createTable(workflowId: string): TableEventSource | undefined {
    const table = this.options.readTable?.(workflowId, () => this.sequences.gaps());
    if (!table) return undefined;
    this.register(table);
    this.register(table.onEvents((events) => this.accept(events, 'table')));
    if (table.onError) this.register(table.onError((err) => this._onDidError.fire(err)));
    this.register(table.onDidFinish(() => this.reportGaps()));
    return table;
  }

  private async onExit(exit: ProcessExit): Promise<void> {
    if (!this.terminal && !exit.stopReason) {
      // The end may still be on its way: read from the table, or in an exporter's last batch.
      if (!this.options.stdoutEvents && this.table) await this.waitForLateTerminal(this.tableWaitMs);
      else if (this.otlpEvents > 0) await this.waitForLateTerminal(OTLP_LAST_BATCH_MS);
    }
    await this.finishRun(exit);
  }

  private async finishRun(
    exit: ProcessExit,
    how: { observed?: { idleMs: number }; decided?: SyntheticEnding } = {},
  ): Promise<void> {
    if (this._end || this.finishing) return;
    this.finishing = true;
    // The run's own terminal event decides; else the watcher's word; else the exit. Decided
    // before the synthetic ending is added: a stopped run stays "stopped", not "failed".
    let outcome: RunOutcome;
    if (this.terminal) outcome = outcomeOf(this.terminal);
    else {
      const ending =
        how.decided ??
        exitEnding(exit, {
          stdoutEvents: this.options.stdoutEvents,
          tableWaitMs: this.tableWaitMs,
          timeoutSeconds: this.options.timeoutSeconds,
          observed: how.observed,
          otlpEvents: this.otlpEvents,
        });
      outcome = ending.outcome;
      const timestamp = Math.max(this.clock.now(), Math.floor(this.newestTimestamp) + 1);
      this.accept([syntheticEndingEvent(this._info, timestamp, ending)], 'synthetic');
    }
    this.table?.finish();
    const end: RunEnd = {
      run: this._info,
      outcome,
      endedAt: this.clock.now(),
      exitCode: exit.exitCode,
      signal: exit.signal,
      stderrTail: exit.stderrTail,
    };
    this._end = end;
    this._onDidEnd.fire(end);
    this.resolveEnded(end);
  }

  /** After the table's last read: what no source delivered is said, not hidden. */
  private reportGaps(): void {
    const gaps = this.sequences.gaps();
    if (!gaps.length) return;
    const n = missingCount(gaps);
    const table = this.options.tableName?.() ?? 'the events table';
    this._onDidError.fire(
      new AgentifyError(
        `${describeGaps(gaps)} ${n === 1 ? 'was' : 'were'} not found in ${table} or on stdout, so this run is shown ` +
          `without ${n === 1 ? 'it' : 'them'}. The workflow may have been unable to write ${n === 1 ? 'it' : 'them'} ` +
          `(see its stderr and the Agentify output log); reopen the run from the history later to read the table ` +
          `again.`,
        { code: 'EventsMissing', hint: 'Reopen the run from the history later.' },
      ),
    );
  }

  /** Waits (bounded, cut short by stop) for a terminal event still on its way from the table or OTLP. */
  private waitForLateTerminal(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.clock.clearTimeout(timer);
        this.abortTableWait = undefined;
        resolve();
      };
      const timer = this.clock.setTimeout(done, ms);
      this.abortTableWait = done;
    });
  }

  private get tableWaitMs(): number {
    return this.options.tableWaitMs ?? 10_000;
  }
}
