/**
 * Watches one session: reads its journal and its execution's state on an interval, fires the
 * status strip's view when it changed, and stops once the execution has ended (a last read then
 * picks up entries written at the very end; when that read fails — the journal table the session
 * could not write to is missing for the IDE too — the execution's end is still the end). Reads
 * never overlap; the timer is injected.
 */
import { Disposable, toDisposable } from '../common/disposable';
import { Event, EventEmitter } from '../common/emitter';
import type { AgentifyError } from '../common/errors';
import type { SessionView } from '../protocol/demoViewer';
import type { JournalItem } from './journalStatus';
import { ExecutionEnd, sessionView } from './sessionStages';

export interface SessionWatcherOptions {
  sessionId: string;
  mode: SessionView['mode'];
  read: () => Promise<JournalItem[]>;
  /** The execution's end, undefined while it runs; absent for a past session (the journal decides). */
  execution?: () => Promise<ExecutionEnd | undefined>;
  /** Between reads, ms. Default 1000. */
  intervalMs?: number;
  /** Stop after this many reads without an end (a past session that never finished). Default 1800. */
  maxReads?: number;
  setTimer?: (fn: () => void, ms: number) => { dispose(): void };
  onError?: (err: AgentifyError | Error) => void;
}

const defaultTimer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  return { dispose: () => clearTimeout(t) };
};

export class SessionWatcher extends Disposable {
  private readonly _onDidChange = this.register(new EventEmitter<SessionView>());
  readonly onDidChange: Event<SessionView> = this._onDidChange.event;
  private last: SessionView | undefined;
  private items: JournalItem[] = [];
  private lastKey = '';
  private reads = 0;
  private timer: { dispose(): void } | undefined;
  private resolveDone!: (view: SessionView) => void;
  /** Settles with the final view when the session has ended (or the watcher gave up / was disposed). */
  readonly done: Promise<SessionView | undefined>;

  constructor(private readonly o: SessionWatcherOptions) {
    super();
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.register(
      toDisposable(() => {
        this.timer?.dispose();
        this.resolveDone(this.last!);
      }),
    );
  }

  get current(): SessionView | undefined {
    return this.last;
  }

  start(): this {
    void this.tick();
    return this;
  }

  private async tick(): Promise<void> {
    if (this.isDisposed) return;
    this.reads++;
    let ended: ExecutionEnd | undefined;
    let finished = false;
    try {
      // The execution first: entries written before it ended are then all in the read that follows.
      ended = this.o.execution ? await this.o.execution() : undefined;
      this.items = await this.o.read();
      const view = sessionView(this.o.sessionId, this.o.mode, this.items, ended);
      this.publish(view);
      finished = this.o.execution ? ended !== undefined : view.outcome !== 'running';
    } catch (err) {
      this.o.onError?.(err as Error);
      if (ended) {
        this.publish(sessionView(this.o.sessionId, this.o.mode, this.items, ended));
        finished = true;
      }
    }
    if (this.isDisposed) return;
    if (finished || this.reads >= (this.o.maxReads ?? 1800)) {
      this.resolveDone(this.last!);
      return;
    }
    this.timer = (this.o.setTimer ?? defaultTimer)(() => void this.tick(), this.o.intervalMs ?? 1000);
  }

  private publish(view: SessionView): void {
    const key = JSON.stringify(view);
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.last = view;
    this._onDidChange.fire(view);
  }
}
