/** Builds a WorkflowExecutor over the fixture workflows with the real spawn, and waits on its events with a bound. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EventEmitter } from '../../../src/common/emitter';
import type { AgentifyConfig } from '../../../src/config/agentifyConfig';
import type { AgentifyEvent } from '../../../src/events/types';
import type { Clock } from '../../../src/common/clock';
import { WorkflowExecutor, type WorkflowExecutorOptions } from '../../../src/executor/workflowExecutor';
import type { RunEnd } from '../../../src/executor/types';

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
  };
}

export interface Harness {
  executor: WorkflowExecutor;
  config: { current: AgentifyConfig };
  lines: string[];
  synthetic: AgentifyEvent[];
  logs: string[];
  nextEnd(): Promise<RunEnd>;
  nextLine(match: (line: string) => boolean): Promise<string>;
}

/** A promise that rejects after `ms` so a broken test fails instead of hanging; the bound is not a timing assertion. */
export function bounded<T>(promise: Promise<T>, what: string, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

export function makeHarness(config: AgentifyConfig, options: Partial<WorkflowExecutorOptions> = {}): Harness {
  const lines: string[] = [];
  const synthetic: AgentifyEvent[] = [];
  const logs: string[] = [];
  const lineEmitter = new EventEmitter<string>();
  const holder = { current: config };
  const executor = new WorkflowExecutor({
    config: { get current() { return holder.current; }, onDidChange: new EventEmitter<AgentifyConfig>().event },
    workspaceFolder: () => FIXTURES,
    decoratorsPath: DECORATORS,
    onStdoutLine: (line) => {
      lines.push(line);
      lineEmitter.fire(line);
    },
    onSyntheticEvent: (e) => synthetic.push(e),
    log: { info: (m) => logs.push(m), warn: (m) => logs.push(m) },
    ...options,
  });
  return {
    executor,
    config: holder,
    lines,
    synthetic,
    logs,
    nextEnd: () => bounded(new Promise<RunEnd>((resolve) => { const sub = executor.onDidEnd((e) => { sub.dispose(); resolve(e); }); }), 'run end'),
    nextLine: (match) =>
      bounded(
        new Promise<string>((resolve) => {
          const found = lines.find(match);
          if (found) return resolve(found);
          const sub = lineEmitter.event((l) => { if (match(l)) { sub.dispose(); resolve(l); } });
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
  /** Waits until a timer of `ms` is pending, then advances time and fires it. */
  async fire(ms: number): Promise<void> {
    const pending = () => [...this.timers].find(([, t]) => t.ms === ms);
    if (!pending()) {
      await bounded(new Promise<void>((resolve) => { const sub = this.added.event((m) => { if (m === ms) { sub.dispose(); resolve(); } }); }), `timer of ${ms} ms`);
    }
    const [id, timer] = pending()!;
    this.timers.delete(id);
    this.nowMs += ms;
    timer.fn();
  }
}
