/**
 * Builds a RunManager over the fixture workflows with the real executor and spawn, and waits on
 * its runs with a bound. Every raw stdout line is kept, so tests can tell the events the workflow
 * printed from the ones the session made up.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EventEmitter } from '../../../src/common/emitter';
import type { AgentifyConfig } from '../../../src/config/agentifyConfig';
import { type AgentifyEvent, eventKey } from '../../../src/events/types';
import type { Clock } from '../../../src/common/clock';
import { WorkflowExecutor, type WorkflowExecutorOptions } from '../../../src/executor/workflowExecutor';
import { RunManager, type RunManagerOptions } from '../../../src/run/runManager';
import type { RunEnd } from '../../../src/run/types';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/workflows');
export const DECORATORS = path.resolve(__dirname, '../../../python-decorators');

export function testConfig(entry: string, overrides: Partial<AgentifyConfig['workflow']> = {}): AgentifyConfig {
  return {
    infrastructure: { dynamodb: { tableName: 'events-under-test', region: 'eu-west-1', endpoint: '' } },
    aws: {},
    python: { path: undefined },
    workflow: { entry, stdoutEvents: true, timeoutSeconds: 0, ...overrides },
    bedrock: { modelId: '' },
    demoViewer: { openOnStartup: false },
    otlp: { enabled: false, port: 0, exportEndpoint: '', writeToTable: false },
    journal: { tableName: 'agentify-session-journal', stateMachineArn: '', offlineAgent: '' },
    registry: { tableName: 'AgentRegistry', staleAfterSeconds: 300 },
    pricing: { models: {} },
  };
}

export interface Harness {
  runs: RunManager;
  config: { current: AgentifyConfig };
  /** Every stdout line of every run, events included. */
  lines: string[];
  /** The user's own output lines (what reaches the output channel). */
  output: string[];
  /** Every event the runs delivered, in delivery order. */
  events: AgentifyEvent[];
  logs: string[];
  /** Delivered events that no stdout line carried: the session's synthetic endings. */
  synthetic(): AgentifyEvent[];
  nextEnd(): Promise<RunEnd>;
  nextLine(match: (line: string) => boolean): Promise<string>;
}

export interface HarnessOptions {
  executor?: Partial<WorkflowExecutorOptions>;
  runs?: Partial<Omit<RunManagerOptions, 'config' | 'executor'>>;
}

/** A promise that rejects after `ms` so a broken test fails instead of hanging; the bound is not a timing assertion. */
export function bounded<T>(promise: Promise<T>, what: string, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

export function makeHarness(config: AgentifyConfig, options: HarnessOptions = {}): Harness {
  const lines: string[] = [];
  const output: string[] = [];
  const events: AgentifyEvent[] = [];
  const logs: string[] = [];
  const lineEmitter = new EventEmitter<string>();
  const holder = { current: config };
  const real = new WorkflowExecutor({
    workspaceFolder: () => FIXTURES,
    decoratorsPath: DECORATORS,
    log: { info: (m) => logs.push(m), warn: (m) => logs.push(m) },
    ...options.executor,
  });
  const runs = new RunManager({
    config: {
      get current() {
        return holder.current;
      },
      onDidChange: new EventEmitter<AgentifyConfig>().event,
    },
    // The real executor, with every stdout line copied for the test on its way to the session.
    executor: {
      start: (request, cfg, out) =>
        real.start(request, cfg, {
          ...out,
          onStdoutLine: (line) => {
            lines.push(line);
            out.onStdoutLine(line);
            lineEmitter.fire(line);
          },
        }),
    },
    log: { info: (m) => logs.push(m), warn: (m) => logs.push(m), output: (l) => output.push(l) },
    ...options.runs,
  });
  runs.onDidStartRun((run) => run.onDidReceiveEvent((e) => events.push(e)));
  const printed = () =>
    new Set(
      lines.flatMap((l) => {
        try {
          const v = JSON.parse(l);
          return v?.event ? [eventKey(v.event)] : [];
        } catch {
          return [];
        }
      }),
    );
  return {
    runs,
    config: holder,
    lines,
    output,
    events,
    logs,
    synthetic: () => {
      const keys = printed();
      return events.filter((e) => !keys.has(eventKey(e)) && e.event_type === 'workflow_error');
    },
    nextEnd: () =>
      bounded(
        new Promise<RunEnd>((resolve) => {
          const sub = runs.onDidEndRun((e) => {
            sub.dispose();
            resolve(e);
          });
        }),
        'run end',
      ),
    nextLine: (match) =>
      bounded(
        new Promise<string>((resolve) => {
          const found = lines.find(match);
          if (found) return resolve(found);
          const sub = lineEmitter.event((l) => {
            if (match(l)) {
              sub.dispose();
              resolve(l);
            }
          });
        }),
        'matching stdout line',
      ),
  };
}

/** True while the pid names a live process (a zombie awaiting its reaper counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Resolves once none of the pids is alive. A process closes its pipes a moment before the kernel
 * marks it exited, so "gone" is awaited (bounded) rather than sampled once.
 */
export function allGone(pids: number[]): Promise<number[]> {
  return bounded(
    new Promise<number[]>((resolve) => {
      const check = () => (pids.some(isAlive) ? setTimeout(check, 10) : resolve(pids.filter(isAlive)));
      check();
    }),
    `exit of ${pids.filter(isAlive).join(', ')}`,
    5_000,
  );
}

/** A clock whose timers fire only when the test says so. */
export class ManualClock implements Clock {
  private nowMs = 1_700_000_000_000;
  private readonly timers = new Map<number, { fn: () => void; ms: number }>();
  private nextId = 1;
  private readonly added = new EventEmitter<number>();

  now(): number {
    return this.nowMs;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { fn, ms });
    this.added.fire(ms);
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  private find(ms: number): [number, { fn: () => void; ms: number }] | undefined {
    return [...this.timers].find(([, t]) => t.ms === ms);
  }
  /** Resolves once a timer of `ms` is pending. */
  async pending(ms: number): Promise<void> {
    if (this.find(ms)) return;
    await bounded(
      new Promise<void>((resolve) => {
        const sub = this.added.event((m) => {
          if (m === ms) {
            sub.dispose();
            resolve();
          }
        });
      }),
      `timer of ${ms} ms`,
    );
  }

  /** Waits until a timer of `ms` is pending, then advances time and fires it. */
  async fire(ms: number): Promise<void> {
    await this.pending(ms);
    const [id, timer] = this.find(ms)!;
    this.timers.delete(id);
    this.nowMs += ms;
    timer.fn();
  }
}
