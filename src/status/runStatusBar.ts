/**
 * The status-bar item for workflow runs: while a run goes it shows its id and elapsed time
 * (ticking each second), after it ends the outcome for a few seconds, then hides. Clicking it
 * opens the Demo Viewer.
 */
import * as vscode from 'vscode';
import { Disposable, toDisposable } from '../common/disposable';
import { formatElapsed } from '../executor/elapsed';
import type { RunEnd, RunInfo, RunOutcome, Runs } from '../run/types';

const OUTCOME_TEXT: Record<RunOutcome, string> = {
  completed: '$(check) Workflow completed',
  failed: '$(error) Workflow failed',
  stopped: '$(debug-stop) Workflow stopped',
  timedOut: '$(watch) Workflow timed out',
};

/** How long the last outcome stays visible. */
const OUTCOME_VISIBLE_MS = 10_000;

export class RunStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('agentify.run', vscode.StatusBarAlignment.Left, 49));
  private ticker: ReturnType<typeof setInterval> | undefined;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(runs: Pick<Runs, 'current' | 'isRunning' | 'onDidStartRun' | 'onDidEndRun'>, private readonly now: () => number = Date.now) {
    super();
    this.item.name = 'Agentify Workflow Run';
    this.item.command = 'agentify.openDemoViewer';
    this.register(runs.onDidStartRun((run) => this.showRunning(run.info)));
    this.register(runs.onDidEndRun((end) => this.showEnded(end)));
    this.register(toDisposable(() => this.clearTimers()));
    if (runs.isRunning && runs.current) this.showRunning(runs.current.info);
  }

  private showRunning(run: RunInfo): void {
    this.clearTimers();
    const render = () => {
      this.item.text = `$(sync~spin) ${run.workflowId} ${formatElapsed(this.now() - run.startedAt)}`;
    };
    render();
    this.item.tooltip = `Agentify workflow ${run.workflowId} is running. Prompt: ${run.prompt}\nClick to open the Demo Viewer.`;
    this.item.backgroundColor = undefined;
    this.item.show();
    this.ticker = setInterval(render, 1000);
  }

  private showEnded(end: RunEnd): void {
    this.clearTimers();
    this.item.text = `${OUTCOME_TEXT[end.outcome]} (${formatElapsed(end.endedAt - end.run.startedAt)})`;
    this.item.tooltip = `Agentify workflow ${end.run.workflowId}: ${end.outcome}. Click to open the Demo Viewer.`;
    this.item.backgroundColor = end.outcome === 'failed' || end.outcome === 'timedOut' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
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
