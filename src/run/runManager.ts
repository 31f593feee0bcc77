/**
 * RunManager owns the runs: it gives each run its ids, creates its RunSession, has the executor
 * spawn the process, and tells everyone once that a run started (`onDidStartRun`) and ended
 * (`onDidEndRun`). One workflow process at a time: a second Run stops the first, and quick
 * successive calls are serialized so two processes never start.
 *
 * Runs can also arrive from outside (spans over OTLP from a process the editor did not start):
 * events of a run id nobody knows start an observed run, which becomes the current one (the
 * viewer follows the newest run; a workflow process still going goes on and stays stoppable).
 * A run someone else watches (a session of the deployed pipeline) is followed from its start
 * (`follow`) and ended by its watcher, who learns how it ended.
 */
import { Disposable, toDisposable } from '../common/disposable';
import { Event, EventEmitter } from '../common/emitter';
import type { ConfigSource } from '../config/configSource';
import type { WorkflowExecutor } from '../executor/workflowExecutor';
import { type Clock, systemClock } from '../common/clock';
import { newTraceId, newWorkflowId } from './runIds';
import type { SyntheticEnding } from './runEnding';
import { RunSession, type RunSessionOptions } from './runSession';
import type { AgentifyConfig } from '../config/agentifyConfig';
import type { AgentifyEvent } from '../events/types';
import type { EventOrigin, RunEnd, RunEvents, RunInfo, Runs } from './types';

/** How many ended runs' ids are remembered, so that their late events are not taken for new runs. */
const ENDED_IDS_KEPT = 1000;

/** A run whose process runs elsewhere and whose end its watcher learns: what `follow` hands back. */
export interface FollowedRun {
  readonly info: RunInfo;
  /** The run's end; undefined while it goes on. */
  readonly end: RunEnd | undefined;
  /** Ends the run with how it ended, unless its own terminal event did already (see RunSession.conclude). */
  conclude(ending: SyntheticEnding): Promise<RunEnd>;
}

/** A run known only from its events (at least one): named by the first, its prompt the workflow_start's input. */
export function runInfoFrom(workflowId: string, events: readonly AgentifyEvent[]): RunInfo {
  const first = events.reduce((a, b) => (b.timestamp < a.timestamp ? b : a));
  const start = events.find((e) => e.event_type === 'workflow_start');
  return {
    workflowId,
    traceId: typeof first.payload.trace_id === 'string' ? first.payload.trace_id : '',
    prompt: typeof start?.payload.input === 'string' ? start.payload.input : '',
    startedAt: Math.floor(first.timestamp),
  };
}

export interface RunManagerOptions {
  config: ConfigSource;
  executor: Pick<WorkflowExecutor, 'start'>;
  /** A table poller for a run; undefined when runs have no table to read. */
  readTable?: RunSessionOptions['readTable'];
  /** The events table's name, for messages. */
  tableName?: () => string;
  /** Diagnostics and the workflow's own output lines (the output channel). */
  log?: { info(message: string): void; warn(message: string): void; output(line: string): void };
  /** How long after exit to wait for a terminal event from the table or OTLP, in ms. Default 10,000. */
  tableWaitMs?: number;
  /** How long an observed run may go without an event before it is ended, in ms. Default 60,000. */
  observedIdleMs?: number;
  clock?: Clock;
}

export class RunManager extends Disposable implements Runs {
  private readonly _onDidStartRun = this.register(new EventEmitter<RunSession>());
  readonly onDidStartRun: Event<RunEvents> = this._onDidStartRun.event;

  private readonly _onDidEndRun = this.register(new EventEmitter<RunEnd>());
  readonly onDidEndRun: Event<RunEnd> = this._onDidEndRun.event;

  /** The run shown: the newest one started, by us or from outside. */
  private session: RunSession | undefined;
  /** The run whose workflow process we started, while it has one. */
  private processRun: RunSession | undefined;
  /** Runs that have not ended, by id (observed runs keep their events here until they end). */
  private readonly open = new Map<string, RunSession>();
  /** Ids of runs that ended lately, oldest first: their late events start no second run. */
  private readonly endedIds = new Set<string>();
  /** Serializes run()/stop() so a quick second Run cannot start two processes. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly clock: Clock;

  constructor(private readonly options: RunManagerOptions) {
    super();
    this.clock = options.clock ?? systemClock;
    this.register(toDisposable(() => this.disposeAll()));
  }

  get current(): RunSession | undefined {
    return this.session;
  }

  get isRunning(): boolean {
    return !!this.processRun && !this.processRun.end;
  }

  run(prompt: string): Promise<RunInfo> {
    return this.enqueue(async () => {
      if (this.isRunning) await this.processRun!.stop();
      return this.start(prompt);
    });
  }

  stop(): Promise<void> {
    return this.enqueue(async () => {
      if (this.isRunning) await this.processRun!.stop();
    });
  }

  /** Events that reached the host from outside a run's own process (the OTLP receiver). */
  acceptExternal(batch: { workflowId: string; events: readonly AgentifyEvent[] }, origin: EventOrigin): void {
    if (!batch.events.length || this.isDisposed) return;
    // Each run gets its own events only: lines of two sessions' processes can share one read.
    const byRun = new Map<string, AgentifyEvent[]>();
    for (const event of batch.events) {
      const id = event.workflow_id || batch.workflowId;
      const events = byRun.get(id);
      if (events) events.push(event);
      else byRun.set(id, [event]);
    }
    for (const [workflowId, events] of byRun) this.acceptRunEvents(workflowId, events, origin);
  }

  private acceptRunEvents(workflowId: string, events: readonly AgentifyEvent[], origin: EventOrigin): void {
    const known =
      this.open.get(workflowId) ?? (this.session?.info.workflowId === workflowId ? this.session : undefined);
    if (known) return known.deliver(events, origin);
    // Late events of a run that ended while another was shown (a session's last lines): it ended once.
    if (this.endedIds.has(workflowId)) return;
    const session = this.createSession(runInfoFrom(workflowId, events), this.options.config.current);
    this.adopt(session, session.observe(this.options.observedIdleMs ?? 60_000));
    session.deliver(events, origin);
  }

  /**
   * A run whose process runs elsewhere, shown from now on as the current run: it gets the events
   * `acceptExternal` brings for its id and, with `readTable`, its own table poller's (the events
   * are only in the table); it ends with its terminal event or when its watcher `conclude`s it,
   * never after a quiet spell. A run of that id that has not ended is followed on.
   */
  follow(info: RunInfo, options: { readTable: boolean }): FollowedRun {
    const known = this.open.get(info.workflowId);
    if (known && !known.end) return known;
    const config = this.options.config.current;
    const session = this.createSession(info, config, options.readTable ? this.options.readTable : undefined);
    this.adopt(session, session.observe());
    return session;
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const result = this.queue.then(op, op);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async start(prompt: string): Promise<RunInfo> {
    const config = this.options.config.current;
    const info: RunInfo = { workflowId: newWorkflowId(), traceId: newTraceId(), prompt, startedAt: this.clock.now() };
    const log = this.options.log;
    const session = this.createSession(info, config, this.options.readTable);
    let process;
    try {
      process = await this.options.executor.start(info, config, {
        onStdoutLine: (line) => session.acceptStdoutLine(line),
        onStderrLine: (line) => log?.warn(`[${session.info.workflowId}] ${line}`),
      });
    } catch (err) {
      session.dispose();
      throw err;
    }
    this.processRun = session;
    this.adopt(session, session.attach(process));
    return info;
  }

  private createSession(info: RunInfo, config: AgentifyConfig, readTable?: RunSessionOptions['readTable']): RunSession {
    const log = this.options.log;
    return new RunSession(info, {
      stdoutEvents: config.workflow.stdoutEvents,
      timeoutSeconds: config.workflow.timeoutSeconds,
      readTable,
      tableName: this.options.tableName,
      tableWaitMs: this.options.tableWaitMs,
      clock: this.clock,
      log: log && { output: (line) => log.output(line), warn: (m) => log.warn(m) },
    });
  }

  /** The new current run: announced once now, and once when it ends. */
  private adopt(session: RunSession, ended: Promise<RunEnd>): void {
    const previous = this.session;
    this.session = session;
    this.open.set(session.info.workflowId, session);
    session.onDidChangeInfo(({ previousId, info }) => {
      this.open.delete(previousId);
      this.open.set(info.workflowId, session);
    });
    // The previous run is no longer shown; it lives on only while it still has to end.
    if (previous && previous.end) previous.dispose();
    void ended.then((end) => {
      this.open.delete(end.run.workflowId);
      this.endedIds.delete(end.run.workflowId);
      this.endedIds.add(end.run.workflowId);
      if (this.endedIds.size > ENDED_IDS_KEPT) this.endedIds.delete(this.endedIds.values().next().value!);
      this.options.log?.info(`Workflow ${end.run.workflowId} ended: ${end.outcome}.`);
      this._onDidEndRun.fire(end);
      if (this.session !== session) session.dispose();
    });
    this._onDidStartRun.fire(session);
  }

  private disposeAll(): void {
    for (const session of new Set([...this.open.values(), ...(this.session ? [this.session] : [])])) session.dispose();
    this.open.clear();
  }
}
