/**
 * RunManager owns the current run: it gives each run its ids, creates its RunSession, has the
 * executor spawn the process, and tells everyone once that a run started (`onDidStartRun`) and
 * ended (`onDidEndRun`). One run at a time: a second Run stops the first, and quick successive
 * calls are serialized so two processes never start.
 */
import { Disposable, toDisposable } from '../common/disposable';
import { Event, EventEmitter } from '../common/emitter';
import type { ConfigSource } from '../config/configSource';
import type { WorkflowExecutor } from '../executor/workflowExecutor';
import { type Clock, systemClock } from '../common/clock';
import { newTraceId, newWorkflowId } from './runIds';
import { RunSession, type RunSessionOptions } from './runSession';
import type { RunEnd, RunEvents, RunInfo, Runs } from './types';

export interface RunManagerOptions {
  config: ConfigSource;
  executor: Pick<WorkflowExecutor, 'start'>;
  /** A table poller for a run; undefined when runs have no table to read. */
  readTable?: RunSessionOptions['readTable'];
  /** The events table's name, for messages. */
  tableName?: () => string;
  /** Diagnostics and the workflow's own output lines (the output channel). */
  log?: { info(message: string): void; warn(message: string): void; output(line: string): void };
  /** How long after exit to wait for a table-only run's terminal event, in ms. Default 10,000. */
  tableWaitMs?: number;
  clock?: Clock;
}

export class RunManager extends Disposable implements Runs {
  private readonly _onDidStartRun = this.register(new EventEmitter<RunSession>());
  readonly onDidStartRun: Event<RunEvents> = this._onDidStartRun.event;

  private readonly _onDidEndRun = this.register(new EventEmitter<RunEnd>());
  readonly onDidEndRun: Event<RunEnd> = this._onDidEndRun.event;

  private session: RunSession | undefined;
  /** Serializes run()/stop() so a quick second Run cannot start two processes. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly clock: Clock;

  constructor(private readonly options: RunManagerOptions) {
    super();
    this.clock = options.clock ?? systemClock;
    this.register(toDisposable(() => this.session?.dispose()));
  }

  get current(): RunSession | undefined {
    return this.session;
  }

  get isRunning(): boolean {
    return !!this.session && !this.session.end;
  }

  run(prompt: string): Promise<RunInfo> {
    return this.enqueue(async () => {
      if (this.isRunning) await this.session!.stop();
      return this.start(prompt);
    });
  }

  stop(): Promise<void> {
    return this.enqueue(async () => {
      if (this.isRunning) await this.session!.stop();
    });
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
    const session = new RunSession(info, {
      stdoutEvents: config.workflow.stdoutEvents,
      timeoutSeconds: config.workflow.timeoutSeconds,
      readTable: this.options.readTable,
      tableName: this.options.tableName,
      tableWaitMs: this.options.tableWaitMs,
      clock: this.clock,
      log: log && { output: (line) => log.output(line), warn: (m) => log.warn(m) },
    });
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
    this.session?.dispose();
    this.session = session;
    void session.attach(process).then((end) => {
      log?.info(`Workflow ${end.run.workflowId} ended: ${end.outcome}.`);
      this._onDidEndRun.fire(end);
    });
    this._onDidStartRun.fire(session);
    return info;
  }
}
