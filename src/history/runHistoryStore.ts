/**
 * The workspace's past runs (workflow id, prompt, start, end, outcome, event count), newest
 * first and bounded, kept in a key-value storage the composition root supplies
 * (context.workspaceState). Free of `vscode` so it is tested with a plain map.
 */
import { EventEmitter } from '../common/emitter';
import * as v from 'valibot';
import { RunStatus, RunSummary } from '../protocol/demoViewer';

/** The part of vscode.Memento the store uses. */
export interface KeyValueStorage {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}
interface Thenable<T> {
  then<R>(onfulfilled?: (value: T) => R, onrejected?: (reason: unknown) => R): Thenable<R>;
}

export const HISTORY_KEY = 'agentify.demoViewer.runHistory';
export const DEFAULT_HISTORY_LIMIT = 50;

export class RunHistoryStore {
  private readonly _onDidChange = new EventEmitter<readonly RunSummary[]>();
  readonly onDidChange = this._onDidChange.event;
  private runs: RunSummary[];
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly limit = DEFAULT_HISTORY_LIMIT,
  ) {
    const stored = storage.get<unknown>(HISTORY_KEY);
    // A damaged entry is dropped rather than failing the viewer.
    this.runs = Array.isArray(stored) ? stored.filter((run) => v.is(RunSummary, run)).slice(0, limit) : [];
  }

  list(): readonly RunSummary[] {
    return this.runs;
  }

  get(workflowId: string): RunSummary | undefined {
    return this.runs.find((r) => r.workflowId === workflowId);
  }

  /** Records a run that has just started (or replaces an entry with the same id). */
  begin(run: { workflowId: string; prompt: string; startedAt: number }): Promise<void> {
    const entry: RunSummary = { ...run, status: 'running', eventCount: 0 };
    this.runs = [entry, ...this.runs.filter((r) => r.workflowId !== run.workflowId)];
    this.runs.sort((a, b) => b.startedAt - a.startedAt);
    this.runs = this.runs.slice(0, this.limit);
    return this.save();
  }

  /** Updates a recorded run (its end, outcome or event count); unknown ids are ignored. */
  update(
    workflowId: string,
    change: Partial<{ endedAt: number; status: RunStatus; eventCount: number; durationMs: number }>,
  ): Promise<void> {
    const index = this.runs.findIndex((r) => r.workflowId === workflowId);
    if (index < 0) return this.writing;
    this.runs = this.runs.map((r, i) => (i === index ? { ...r, ...change } : r));
    return this.save();
  }

  /** The run took another id (its workflow printed its own); unknown ids are ignored. */
  rename(from: string, to: string): Promise<void> {
    if (!this.get(from)) return this.writing;
    this.runs = this.runs
      .filter((r) => r.workflowId !== to)
      .map((r) => (r.workflowId === from ? { ...r, workflowId: to } : r));
    return this.save();
  }

  clear(): Promise<void> {
    this.runs = [];
    return this.save();
  }

  dispose(): void {
    this._onDidChange.dispose();
  }

  private save(): Promise<void> {
    const snapshot = this.runs;
    this._onDidChange.fire(snapshot);
    // Writes are chained so an older snapshot never lands after a newer one.
    this.writing = this.writing
      .then(() => Promise.resolve(this.storage.update(HISTORY_KEY, snapshot)))
      .catch(() => undefined);
    return this.writing;
  }
}
