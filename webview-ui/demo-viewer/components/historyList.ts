/** The workspace's past runs; opening one shows it with its events read again from the table. */
import type { RunStatus, RunSummary } from '../../../src/protocol/demoViewer';
import { button, clip, el, formatDuration, icon, replaceChildren } from '../../shared/dom';

const STATUS_ICON: Record<RunStatus, string> = { idle: 'circle-large-outline', running: 'loading', completed: 'pass', failed: 'error', stopped: 'debug-stop', timedOut: 'watch' };

export class HistoryList {
  readonly element = el('div', { class: 'history' });

  constructor(
    private readonly onOpen: (workflowId: string) => void,
    private readonly onRefresh: () => void,
  ) {}

  render(runs: readonly RunSummary[], shownId: string | undefined): void {
    if (!runs.length) {
      replaceChildren(this.element, el('p', { class: 'empty' }, 'Runs of this workspace are listed here.'), button('Refresh', this.onRefresh, { icon: 'refresh', secondary: true }));
      return;
    }
    const list = el('ul', { class: 'history-list' });
    for (const run of runs) {
      const when = new Date(run.startedAt);
      const label = `${clip(run.prompt || run.workflowId, 120)}`;
      list.append(
        el(
          'li',
          { class: run.workflowId === shownId ? 'current' : undefined },
          el(
            'button',
            { class: 'history-item', attrs: { type: 'button', title: `Open run ${run.workflowId}`, 'aria-current': run.workflowId === shownId ? 'true' : undefined }, on: { click: () => this.onOpen(run.workflowId) } },
            icon(STATUS_ICON[run.status], run.status),
            el('span', { class: 'history-prompt' }, label),
            el('span', { class: 'history-meta' }, `${when.toLocaleDateString()} ${when.toLocaleTimeString()} · ${run.eventCount} events${run.endedAt ? ` · ${formatDuration(run.endedAt - run.startedAt)}` : ''}`),
          ),
        ),
      );
    }
    replaceChildren(this.element, list);
  }
}
