/**
 * WorkflowExecutor owns the workflow's Python process: it resolves the interpreter and entry,
 * spawns one run at a time in its own process group, hands stdout lines to the event stream and
 * stderr to the log, enforces the optional timeout, and ends the whole process tree on stop.
 *
 * Every run ends with a terminal event. When the process reports none itself, the executor
 * synthesizes a `workflow_error` through `onSyntheticEvent`: type "ProcessExited" (exit code or
 * signal, stderr tail as traceback) when it died on its own, "Stopped" when the user stopped it,
 * "TimedOut" when `workflow.timeoutSeconds` ran out. The viewer thus always shows how a run ended,
 * and the stream's final drain is triggered the same way in every case.
 *
 * With `workflow.stdoutEvents` off the workflow reports only to the table, so its terminal event
 * reaches the extension through the poller, after the process has exited. The executor then waits
 * for it (`awaitTableTerminal`, bounded by `tableTerminalWaitMs`) before deciding how the run ended.
 */
import * as childProcess from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { Disposable, toDisposable } from '../common/disposable';
import { EventEmitter } from '../common/emitter';
import { AgentifyError } from '../common/errors';
import type { AgentifyConfig } from '../config/agentifyConfig';
import type { ConfigSource } from '../config/configSource';
import type { AgentifyEvent, ErrorInfo, TerminalEventType } from '../events/types';
import { type Clock, systemClock } from '../common/clock';
import { resolvePython } from './pythonResolver';
import { signalTree } from '../common/processTree';
import { buildRunArgs, buildRunEnv } from './runEnvironment';
import { newTraceId, newWorkflowId } from './runIds';
import { StderrTail } from './stderrTail';
import { describeExit, peekStdoutEvent, syntheticErrorEvent } from './terminalEvents';
import type { RunEnd, RunInfo, RunOutcome, WorkflowRunner } from './types';

export type SpawnFunction = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export const ENTRY_SETTING = 'agentify.workflow.entry';

export interface WorkflowExecutorOptions {
  /** Where `python.path`, `workflow.*` and the table settings come from. */
  config: ConfigSource;
  /** The workspace folder's file-system path; the entry is resolved in it and it is the cwd. */
  workspaceFolder: () => string | undefined;
  /** `<extensionPath>/python-decorators`, put first on PYTHONPATH. */
  decoratorsPath: string;
  /** The DynamoDB endpoint URL the workflow writes to (starts the local server for "local"); undefined = AWS. Default: the configured URL, none for "local". */
  resolveEndpoint?: (config: AgentifyConfig) => Promise<string | undefined>;
  /** Receives every stdout line of the current run. Default: dropped. */
  onStdoutLine?: (line: string) => void;
  /** Receives the workflow_error the executor synthesizes when a run ends without a terminal event. */
  onSyntheticEvent?: (event: AgentifyEvent) => void;
  /** The log (output channel). Default: silent. */
  log?: { info(message: string): void; warn(message: string): void };
  /** Default: child_process.spawn. */
  spawn?: SpawnFunction;
  /** Default: the system clock. */
  clock?: Clock;
  /** The environment the workflow inherits. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Time between SIGTERM and SIGKILL when stopping. Default: 3000 ms. */
  stopGraceMs?: number;
  /**
   * Resolves with the terminal event type once the run's workflow_complete or workflow_error has
   * arrived from the table (undefined when `signal` aborts first). Used when stdout events are off.
   */
  awaitTableTerminal?: (workflowId: string, signal: AbortSignal) => Promise<TerminalEventType | undefined>;
  /** How long after exit to wait for the table's terminal event. Default: 10000 ms. */
  tableTerminalWaitMs?: number;
}


interface ActiveRun {
  info: RunInfo;
  child: ChildProcess;
  stderr: StderrTail;
  terminalSeen?: TerminalEventType;
  /** False when the run reports only to the table (`workflow.stdoutEvents` off). */
  stdoutEvents: boolean;
  /** Set while the exited run waits for its terminal event from the table; ends the wait. */
  abortTableWait?: () => void;
  lastTimestamp: number;
  endReason?: 'stopped' | 'timedOut';
  timeoutHandle?: unknown;
  killHandle?: unknown;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  ended: Promise<void>;
}

export class WorkflowExecutor extends Disposable implements WorkflowRunner {
  private readonly _onDidStart = this.register(new EventEmitter<RunInfo>());
  readonly onDidStart = this._onDidStart.event;
  private readonly _onDidEnd = this.register(new EventEmitter<RunEnd>());
  readonly onDidEnd = this._onDidEnd.event;

  private active: ActiveRun | undefined;
  /** Serializes run()/stop() so a quick second Run cannot start two processes. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly spawnFn: SpawnFunction;
  private readonly clock: Clock;

  constructor(private readonly options: WorkflowExecutorOptions) {
    super();
    this.spawnFn = options.spawn ?? (childProcess.spawn as SpawnFunction);
    this.clock = options.clock ?? systemClock;
    this.register(toDisposable(() => this.active && this.beginStop(this.active, 'stopped')));
  }

  get currentRun(): RunInfo | undefined {
    return this.active?.info;
  }

  run(prompt: string): Promise<RunInfo> {
    return this.enqueue(async () => {
      if (this.active) await this.stopRun(this.active);
      return this.start(prompt);
    });
  }

  stop(): Promise<void> {
    return this.enqueue(async () => {
      if (this.active) await this.stopRun(this.active);
    });
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const result = this.queue.then(op, op);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async start(prompt: string): Promise<RunInfo> {
    const config = this.options.config.current;
    const env = this.options.env ?? process.env;
    const python = resolvePython({ configured: config.python.path, pathEnv: env.PATH ?? env.Path });
    const cwd = this.options.workspaceFolder();
    const entryPath = resolveEntry(cwd, config.workflow.entry);
    const endpointUrl = await (this.options.resolveEndpoint ?? defaultEndpoint)(config);

    const workflowId = newWorkflowId();
    const traceId = newTraceId();
    const child = this.spawnFn(python, buildRunArgs(entryPath, prompt, workflowId, traceId), {
      cwd,
      env: buildRunEnv({ base: env, config, workflowId, traceId, endpointUrl, decoratorsPath: this.options.decoratorsPath }),
      // Own process group, so stop() reaches the agents' subprocesses too.
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    await waitForSpawn(child, python);

    const info: RunInfo = { workflowId, traceId, prompt, startedAt: this.clock.now() };
    let resolveEnded!: () => void;
    const run: ActiveRun = {
      info,
      child,
      stderr: new StderrTail(),
      stdoutEvents: config.workflow.stdoutEvents,
      lastTimestamp: 0,
      exitCode: null,
      signal: null,
      ended: new Promise<void>((r) => (resolveEnded = r)),
    };
    this.active = run;
    this.options.log?.info(`Workflow ${workflowId} started: ${python} ${entryPath} (pid ${child.pid})`);

    readline.createInterface({ input: child.stdout!, crlfDelay: Infinity }).on('line', (line) => this.onStdout(run, line));
    readline.createInterface({ input: child.stderr!, crlfDelay: Infinity }).on('line', (line) => {
      run.stderr.push(line);
      this.options.log?.warn(`[${workflowId}] ${line}`);
    });
    child.on('exit', (code, signal) => {
      run.exitCode = code;
      run.signal = signal;
      // The run is over: subprocesses it left behind go with it (and release the stdout pipe).
      if (!run.endReason) this.beginStop(run, undefined);
    });
    child.on('close', () => {
      void this.awaitTableTerminal(run).finally(() => {
        this.finish(run);
        resolveEnded();
      });
    });

    const timeoutSeconds = config.workflow.timeoutSeconds;
    if (timeoutSeconds > 0) {
      run.timeoutHandle = this.clock.setTimeout(() => {
        this.options.log?.warn(`Workflow ${workflowId} exceeded ${timeoutSeconds} s (agentify.workflow.timeoutSeconds); stopping it.`);
        this.beginStop(run, 'timedOut');
      }, timeoutSeconds * 1000);
    }

    this._onDidStart.fire(info);
    return info;
  }

  private onStdout(run: ActiveRun, line: string): void {
    const event = peekStdoutEvent(line);
    if (event && (event.workflowId === undefined || event.workflowId === run.info.workflowId)) {
      if (event.timestamp !== undefined) run.lastTimestamp = Math.max(run.lastTimestamp, event.timestamp);
      if (event.eventType === 'workflow_complete' || event.eventType === 'workflow_error') run.terminalSeen = event.eventType;
    }
    this.options.onStdoutLine?.(line);
  }

  private async stopRun(run: ActiveRun): Promise<void> {
    this.beginStop(run, 'stopped');
    await run.ended;
  }

  /** The exited run's terminal event from the table, when it reports only there (bounded wait). */
  private async awaitTableTerminal(run: ActiveRun): Promise<void> {
    const wait = this.options.awaitTableTerminal;
    if (run.stdoutEvents || run.terminalSeen || run.endReason || !wait) return;
    const abort = new AbortController();
    run.abortTableWait = () => abort.abort();
    const timer = this.clock.setTimeout(() => abort.abort(), this.tableWaitMs);
    try {
      run.terminalSeen = (await wait(run.info.workflowId, abort.signal)) ?? run.terminalSeen;
    } catch (err) {
      this.options.log?.warn(`Workflow ${run.info.workflowId}: waiting for its end in the events table failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.clock.clearTimeout(timer);
      run.abortTableWait = undefined;
    }
  }

  private get tableWaitMs(): number {
    return this.options.tableTerminalWaitMs ?? 10_000;
  }

  /** SIGTERM to the group now, SIGKILL after the grace period if anything is still there. */
  private beginStop(run: ActiveRun, reason: 'stopped' | 'timedOut' | undefined): void {
    // An exited run waiting for the table has nothing left to signal; stopping ends the wait.
    if (run.abortTableWait) return run.abortTableWait();
    if (reason && !run.endReason && !run.terminalSeen) run.endReason = reason;
    if (run.killHandle !== undefined) return;
    signalTree(run.child, 'SIGTERM');
    run.killHandle = this.clock.setTimeout(() => signalTree(run.child, 'SIGKILL'), this.options.stopGraceMs ?? 3000);
  }

  private finish(run: ActiveRun): void {
    if (run.timeoutHandle !== undefined) this.clock.clearTimeout(run.timeoutHandle);
    if (run.killHandle !== undefined) this.clock.clearTimeout(run.killHandle);
    // Whatever the leader left in its group is ended now; the run is over.
    signalTree(run.child, 'SIGKILL');
    if (this.active === run) this.active = undefined;

    const stderrTail = run.stderr.toString();
    const outcome: RunOutcome =
      run.terminalSeen === 'workflow_complete' ? 'completed' : run.terminalSeen === 'workflow_error' ? 'failed' : run.endReason ?? 'failed';
    if (!run.terminalSeen) {
      const error = this.syntheticError(run, stderrTail);
      const timestamp = Math.max(this.clock.now(), run.lastTimestamp + 1);
      this.options.onSyntheticEvent?.(syntheticErrorEvent(run.info.workflowId, run.info.traceId, timestamp, error));
    }
    this.options.log?.info(`Workflow ${run.info.workflowId} ended: ${outcome} (${describeExit(run.exitCode, run.signal)}).`);
    this._onDidEnd.fire({ run: run.info, outcome, exitCode: run.exitCode, signal: run.signal, stderrTail });
  }

  private syntheticError(run: ActiveRun, stderrTail: string): ErrorInfo {
    const exit = describeExit(run.exitCode, run.signal);
    if (run.endReason === 'stopped') return { type: 'Stopped', message: `The workflow was stopped (${exit}).` };
    if (run.endReason === 'timedOut') {
      const seconds = this.options.config.current.workflow.timeoutSeconds;
      return { type: 'TimedOut', message: `The workflow ran longer than ${seconds} s and was stopped (${exit}). Raise agentify.workflow.timeoutSeconds, or set it to 0 for no limit.`, traceback: stderrTail || undefined };
    }
    if (!run.stdoutEvents && this.options.awaitTableTerminal) {
      return {
        type: 'ProcessExited',
        message: `The workflow process ended with ${exit}, and no workflow_complete or workflow_error for it reached the events table within ${this.tableWaitMs / 1000} s. Check that the workflow uses the Agentify decorators and can write to the table (see the Agentify output log), or turn agentify.workflow.stdoutEvents on.`,
        traceback: stderrTail || undefined,
      };
    }
    return {
      type: 'ProcessExited',
      message: `The workflow process ended with ${exit} without reporting completion. See the traceback below and the Agentify output log.`,
      traceback: stderrTail || undefined,
    };
  }
}

function resolveEntry(cwd: string | undefined, entry: string): string {
  if (!cwd && !path.isAbsolute(entry)) {
    throw new AgentifyError(`No workspace folder is open, so the workflow entry "${entry}" cannot be found. Open your project's folder, then run again.`, {
      code: 'WorkflowEntryMissing',
      hint: 'Open a folder.',
    });
  }
  const entryPath = path.resolve(cwd ?? '', entry);
  if (!fs.existsSync(entryPath) || !fs.statSync(entryPath).isFile()) {
    throw new AgentifyError(
      `The workflow entry ${entryPath} does not exist. Set "${ENTRY_SETTING}" to your workflow's main script, or run "Agentify: Open Ideation Wizard" to generate a project.`,
      { code: 'WorkflowEntryMissing', hint: `Set "${ENTRY_SETTING}" or generate a project with the Ideation Wizard.` },
    );
  }
  return entryPath;
}

async function defaultEndpoint(config: AgentifyConfig): Promise<string | undefined> {
  const endpoint = config.infrastructure.dynamodb.endpoint;
  return endpoint && endpoint !== 'local' ? endpoint : undefined;
}

/** Resolves once the process is running; rejects (interpreter unusable) when it could not start. */
function waitForSpawn(child: ChildProcess, python: string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('spawn', () => {
      child.off('error', onError);
      child.on('error', () => undefined);
      resolve();
    });
    const onError = (err: Error) =>
      reject(
        new AgentifyError(`Python could not be started from ${python}: ${err.message}. Set "agentify.python.path" to a working interpreter, or install Python 3.`, {
          code: 'PythonMissing',
          cause: err,
          hint: 'Set "agentify.python.path".',
        }),
      );
    child.once('error', onError);
  });
}
