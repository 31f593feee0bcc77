/**
 * The workspace's past runs; opening one shows it with its events read again from the table. Each
 * entry can be run again with the same prompt, or compared with the run on show.
 */
import { RUN_DURATION_DEFINITION } from '../../../src/domain/runDuration';
import type { RunStatus, RunSummary } from '../../../src/protocol/demoViewer';
import { button, clip, el, formatDuration, icon, replaceChildren } from '../../shared/dom';

const STATUS_ICON: Record<RunStatus, string> = {
  idle: 'circle-large-outline',
  running: 'loading',
  completed: 'pass',
  failed: 'error',
  stopped: 'debug-stop',
  timedOut: 'watch',
};

export interface HistoryHandlers {
  onOpen(workflowId: string): void;
  onRefresh(): void;
  onRunAgain(prompt: string): void;
  /** Compare this entry (A) with the run on show (B). */
  onCompare(workflowId: string): void;
}

export class HistoryList {
  readonly element = el('div', { class: 'history' });

  constructor(private readonly h: HistoryHandlers) {}

  render(runs: readonly RunSummary[], shownId: string | undefined, running = false): void {
    if (!runs.length) {
      replaceChildren(
        this.element,
        el('p', { class: 'empty' }, 'Runs of this workspace are listed here.'),
        button('Refresh', this.h.onRefresh, { icon: 'refresh', secondary: true }),
      );
      return;
    }
    const list = el('ul', { class: 'history-list' });
    for (const run of runs) {
      const when = new Date(run.startedAt);
      const label = `${clip(run.prompt || run.workflowId, 120)}`;
      const current = run.workflowId === shownId;
      list.append(
        el(
          'li',
          { class: current ? 'current' : undefined, testid: 'history-entry', attrs: { 'data-run': run.workflowId } },
          el(
            'button',
            {
              class: 'history-item',
              attrs: {
                type: 'button',
                title: `Open run ${run.workflowId}`,
                'aria-current': current ? 'true' : undefined,
              },
              on: { click: () => this.h.onOpen(run.workflowId) },
            },
            icon(STATUS_ICON[run.status], run.status),
            el('span', { class: 'history-prompt' }, label),
            el(
              'span',
              { class: 'history-meta', attrs: { title: RUN_DURATION_DEFINITION } },
              [
                `${when.toLocaleDateString()} ${when.toLocaleTimeString()}`,
                `${run.eventCount} events`,
                formatDuration(run.durationMs),
              ]
                .filter(Boolean)
                .join(' · '),
            ),
          ),
          el(
            'div',
            { class: 'history-actions' },
            button('Run again', () => this.h.onRunAgain(run.prompt), {
              icon: 'debug-rerun',
              iconOnly: true,
              secondary: true,
              testid: 'run-again',
              title: run.prompt
                ? `Run again with the prompt “${clip(run.prompt, 200)}”`
                : 'This run has no prompt to run again',
              disabled: !run.prompt || running,
            }),
            button('Compare with the shown run', () => this.h.onCompare(run.workflowId), {
              icon: 'git-compare',
              iconOnly: true,
              secondary: true,
              testid: 'compare-with',
              title: current ? 'This is the run on show' : 'Compare this run (A) with the run on show (B)',
              disabled: current || !shownId,
            }),
          ),
        ),
      );
    }
    replaceChildren(this.element, list);
  }
}
