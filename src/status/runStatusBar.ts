/**
 * The status-bar item for workflow runs: while a run goes it shows its id and run time (m:ss,
 * ticking each second), after it ends the outcome and the run time for a few seconds, then hides.
 * Clicking it opens the Demo Viewer. Run time is the one definition the viewer and history use
 * (src/domain/runDuration.ts: first to last event of the workflow), so all three agree.
 */
import * as vscode from 'vscode';
import { Disposable, toDisposable, type IDisposable } from '../common/disposable';
import { formatElapsed } from '../executor/elapsed';
import { RUN_DURATION_DEFINITION, RunClock, formatDuration } from '../domain/runDuration';
import type { RunEnd, RunEvents, RunOutcome, Runs } from '../run/types';

const OUTCOME_TEXT: Record<RunOutcome, string> = {
  completed: '$(check) Workflow completed',
  failed: '$(error) Workflow failed',
  stopped: '$(debug-stop) Workflow stopped',
  timedOut: '$(watch) Workflow timed out',
};

/** How long the last outcome stays visible. */
const OUTCOME_VISIBLE_MS = 10_000;

export class RunStatusBar extends Disposable {
  private readonly item = this.register(
    vscode.window.createStatusBarItem('agentify.run', vscode.StatusBarAlignment.Left, 49),
  );
  private ticker: ReturnType<typeof setInterval> | undefined;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private clock = new RunClock();
  private watching: IDisposable | undefined;

  constructor(
    runs: Pick<Runs, 'current' | 'isRunning' | 'onDidStartRun' | 'onDidEndRun'>,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.item.name = 'Agentify Workflow Run';
    this.item.command = 'agentify.openDemoViewer';
    this.register(runs.onDidStartRun((run) => this.showRunning(run)));
    this.register(runs.onDidEndRun((end) => this.showEnded(end)));
    this.register(toDisposable(() => this.clearTimers()));
    this.register(toDisposable(() => this.watching?.dispose()));
    if (runs.isRunning && runs.current) this.showRunning(runs.current);
  }

  private showRunning(run: RunEvents): void {
    this.clearTimers();
    this.watching?.dispose();
    this.clock = new RunClock();
    for (const e of run.snapshot()) this.clock.add(e);
    this.watching = run.onDidReceiveEvent((e) => this.clock.add(e));
    const render = () => {
      const elapsed = this.clock.elapsed(this.now());
      this.item.text =
        `$(sync~spin) ${run.info.workflowId} ` + `${elapsed === undefined ? 'starting…' : formatElapsed(elapsed)}`;
    };
    render();
    this.item.tooltip =
      `Agentify workflow ${run.info.workflowId} is running. Prompt: ` +
      `${run.info.prompt}\n${RUN_DURATION_DEFINITION}\nClick to open the Demo Viewer.`;
    this.item.backgroundColor = undefined;
    this.item.show();
    this.ticker = setInterval(render, 1000);
  }

  private showEnded(end: RunEnd): void {
    this.clearTimers();
    const duration = this.clock.duration;
    this.item.text = `${OUTCOME_TEXT[end.outcome]}${duration === undefined ? '' : ` (${formatDuration(duration)})`}`;
    this.item.tooltip =
      `Agentify workflow ${end.run.workflowId}: ${end.outcome}. ${RUN_DURATION_DEFINITION} Click ` +
      `to open the Demo Viewer.`;
    this.item.backgroundColor =
      end.outcome === 'failed' || end.outcome === 'timedOut'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : undefined;
    this.item.show();
    this.hideTimer = setTimeout(() => this.item.hide(), OUTCOME_VISIBLE_MS);
  }

  private clearTimers(): void {
    if (this.ticker) clearInterval(this.ticker);
    if (this.hideTimer) clearTimeout(this.hideTimer);
    this.ticker = undefined;
    this.hideTimer = undefined;
  }
}
