/**
 * WorkflowExecutor owns workflow processes and nothing else: it resolves the interpreter and the
 * entry, spawns the process in its own process group with the run's ids and settings in its
 * environment, hands every stdout and stderr line on, enforces `workflow.timeoutSeconds`, and ends
 * the whole process tree on stop. What the lines mean and how the run ended is the RunSession's.
 */
import * as childProcess from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { AgentifyError } from '../common/errors';
import type { AgentifyConfig } from '../config/agentifyConfig';
import { type Clock, systemClock } from '../common/clock';
import { resolvePython } from './pythonResolver';
import { signalTree } from '../common/processTree';
import { buildRunArgs, buildRunEnv } from './runEnvironment';
import { StderrTail } from './stderrTail';
import type { ProcessExit, ProcessOutput, SpawnRequest, StopReason, WorkflowProcess } from './types';

export type SpawnFunction = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export const ENTRY_SETTING = 'agentify.workflow.entry';

export interface WorkflowExecutorOptions {
  /** `<extensionPath>/python-decorators`, put first on PYTHONPATH. */
  decoratorsPath: string;
  /** The workspace folder's file-system path; the entry is resolved in it and it is the cwd. */
  workspaceFolder: () => string | undefined;
  /**
   * The DynamoDB endpoint URL the workflow writes to (starts the local server for "local"); undefined = AWS.
   * Default: the configured URL, none for "local".
   */
  resolveEndpoint?: (config: AgentifyConfig) => Promise<string | undefined>;
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
  /** The interpreter the Python extension has selected for the folder, when it is installed. */
  selectedPython?: (folder: string | undefined) => Promise<string | undefined>;
  /** Where the workflow's OpenTelemetry exporters send spans (the OTLP receiver); undefined = nowhere. */
  otlpEndpoint?: () => string | undefined;
  /** The agent registry's table name the workflow's agents register in; undefined = the default. */
  registryTable?: () => string | undefined;
}

export class WorkflowExecutor {
  private readonly spawnFn: SpawnFunction;
  private readonly clock: Clock;

  constructor(private readonly options: WorkflowExecutorOptions) {
    this.spawnFn = options.spawn ?? (childProcess.spawn as SpawnFunction);
    this.clock = options.clock ?? systemClock;
  }

  /** Spawns the workflow; rejects with an AgentifyError when Python or the entry is missing. */
  async start(request: SpawnRequest, config: AgentifyConfig, output: ProcessOutput): Promise<WorkflowProcess> {
    const env = this.options.env ?? process.env;
    const cwd = this.options.workspaceFolder();
    const selected = await this.options.selectedPython?.(cwd);
    const python = resolvePython({ configured: config.python.path, selected, pathEnv: env.PATH ?? env.Path });
    const entryPath = resolveEntry(cwd, config.workflow.entry);
    const endpointUrl = await (this.options.resolveEndpoint ?? defaultEndpoint)(config);
    const { workflowId, traceId, prompt } = request;
    const child = this.spawnFn(python, buildRunArgs(entryPath, prompt, workflowId, traceId), {
      cwd,
      env: buildRunEnv({
        base: env,
        config,
        workflowId,
        traceId,
        endpointUrl,
        decoratorsPath: this.options.decoratorsPath,
        workspaceFolder: cwd,
        otlpEndpoint: this.options.otlpEndpoint?.(),
        registryTable: this.options.registryTable?.(),
      }),
      // Own process group, so stop() reaches the agents' subprocesses too.
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    await waitForSpawn(child, python);
    this.options.log?.info(`Workflow ${workflowId} started: ${python} ${entryPath} (pid ${child.pid})`);
    return new RunningProcess(child, output, {
      clock: this.clock,
      stopGraceMs: this.options.stopGraceMs ?? 3000,
      timeoutSeconds: config.workflow.timeoutSeconds,
      label: workflowId,
      log: this.options.log,
    });
  }
}

interface RunningProcessOptions {
  clock: Clock;
  stopGraceMs: number;
  timeoutSeconds: number;
  label: string;
  log?: { info(message: string): void; warn(message: string): void };
}

class RunningProcess implements WorkflowProcess {
  readonly exited: Promise<ProcessExit>;
  private stopReason: StopReason | undefined;
  private killHandle: unknown;
  private timeoutHandle: unknown;
  private hasExited = false;
  private readonly stderr = new StderrTail();

  constructor(
    private readonly child: ChildProcess,
    output: ProcessOutput,
    private readonly options: RunningProcessOptions,
  ) {
    readline
      .createInterface({ input: child.stdout!, crlfDelay: Infinity })
      .on('line', (line) => output.onStdoutLine(line));
    readline.createInterface({ input: child.stderr!, crlfDelay: Infinity }).on('line', (line) => {
      this.stderr.push(line);
      output.onStderrLine?.(line);
    });
    let exitCode: number | null = null;
    let signal: NodeJS.Signals | null = null;
    child.on('exit', (code, sig) => {
      exitCode = code;
      signal = sig;
      this.hasExited = true;
      // The run is over: subprocesses it left behind go with it (and release the stdout pipe).
      if (!this.stopReason) this.signal();
    });
    this.exited = new Promise((resolve) =>
      child.on('close', () => {
        this.finish();
        resolve({ exitCode, signal, stopReason: this.stopReason, stderrTail: this.stderr.toString() });
      }),
    );
    const { timeoutSeconds } = options;
    if (timeoutSeconds > 0) {
      this.timeoutHandle = options.clock.setTimeout(() => {
        options.log?.warn(
          `Workflow ${options.label} exceeded ${timeoutSeconds} s (agentify.workflow.timeoutSeconds); stopping it.`,
        );
        void this.stop('timedOut');
      }, timeoutSeconds * 1000);
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  stop(reason: StopReason = 'stopped'): Promise<ProcessExit> {
    // A process that already exited on its own keeps that as its ending.
    if (!this.stopReason && !this.hasExited) this.stopReason = reason;
    this.signal();
    return this.exited;
  }

  /** SIGTERM to the group now, SIGKILL after the grace period if anything is still there. */
  private signal(): void {
    if (this.killHandle !== undefined) return;
    signalTree(this.child, 'SIGTERM');
    this.killHandle = this.options.clock.setTimeout(() => signalTree(this.child, 'SIGKILL'), this.options.stopGraceMs);
  }

  private finish(): void {
    if (this.timeoutHandle !== undefined) this.options.clock.clearTimeout(this.timeoutHandle);
    if (this.killHandle !== undefined) this.options.clock.clearTimeout(this.killHandle);
    // Whatever the leader left in its group is ended now; the process is over.
    signalTree(this.child, 'SIGKILL');
  }
}

function resolveEntry(cwd: string | undefined, entry: string): string {
  if (!cwd && !path.isAbsolute(entry)) {
    throw new AgentifyError(
      `No workspace folder is open, so the workflow entry "${entry}" cannot be found. Open your project's folder, ` +
        `then run again.`,
      {
        code: 'WorkflowEntryMissing',
        hint: 'Open a folder.',
      },
    );
  }
  const entryPath = path.resolve(cwd ?? '', entry);
  if (!fs.existsSync(entryPath) || !fs.statSync(entryPath).isFile()) {
    throw new AgentifyError(
      `The workflow entry ${entryPath} does not exist. Set "${ENTRY_SETTING}" to your workflow's main script, or run ` +
        `"Agentify: Open Ideation Wizard" to generate a project.`,
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
        new AgentifyError(
          `Python could not be started from ${python}: ${err.message}. Set "agentify.python.path" to a working ` +
            `interpreter, or install Python 3.`,
          {
            code: 'PythonMissing',
            cause: err,
            hint: 'Set "agentify.python.path".',
          },
        ),
      );
    child.once('error', onError);
  });
}
