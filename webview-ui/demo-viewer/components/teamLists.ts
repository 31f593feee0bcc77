/**
 * The team's runs and recent failures, read by the host from the events table's indexes a page at
 * a time ("Load more" asks for the next). Each entry opens its run. When the table has no index
 * the host sends the workspace's own runs with a one-line note, shown above the list.
 */
import type { RunStatus, TeamFailure, TeamListPage, TeamRun } from '../../../src/protocol/demoViewer';
import { button, clip, el, formatDuration, icon, replaceChildren } from '../../shared/dom';

const STATUS_ICON: Record<RunStatus, string> = {
  idle: 'circle-large-outline',
  running: 'loading',
  completed: 'pass',
  failed: 'error',
  stopped: 'debug-stop',
  timedOut: 'watch',
};

const when = (epochMs: number) => {
  const d = new Date(epochMs);
  return `${d.toLocaleDateString()} ${d.toLocaleTimeString()}`;
};

interface ListCallbacks {
  onOpen: (workflowId: string) => void;
  /** Ask the host for the first page (`more` false) or the next one. */
  onLoad: (more: boolean) => void;
}

/** A paged list of entries that each open a run; what differs per list is how an entry reads. */
abstract class PagedList<T extends { workflowId: string }> {
  readonly element: HTMLElement;
  private items: T[] = [];

  constructor(
    private readonly testid: string,
    private readonly emptyText: string,
    private readonly callbacks: ListCallbacks,
  ) {
    this.element = el('div', { class: 'team-list', testid }, el('p', { class: 'empty' }, 'Reading the table…'));
  }

  /** Asks for the first page again. */
  refresh(): void {
    this.callbacks.onLoad(false);
  }

  render(page: TeamListPage<T>): void {
    this.items = page.append ? [...this.items, ...page.items] : page.items;
    const list = el('ul', { class: 'history-list' });
    for (const item of this.items) {
      list.append(
        el(
          'li',
          {},
          el(
            'button',
            {
              class: 'history-item',
              testid: `${this.testid}-item`,
              attrs: { type: 'button', title: `Open run ${item.workflowId}` },
              on: { click: () => this.callbacks.onOpen(item.workflowId) },
            },
            ...this.entry(item),
          ),
        ),
      );
    }
    replaceChildren(
      this.element,
      page.note
        ? el('p', { class: 'description team-note', testid: `${this.testid}-note` }, icon('info'), ' ', page.note)
        : null,
      this.items.length ? list : el('p', { class: 'empty' }, this.emptyText),
      el(
        'div',
        { class: 'team-actions' },
        page.hasMore
          ? button('Load more', () => this.callbacks.onLoad(true), { secondary: true, testid: `${this.testid}-more` })
          : null,
        button('Refresh', () => this.refresh(), { icon: 'refresh', secondary: true, testid: `${this.testid}-refresh` }),
      ),
    );
  }

  protected abstract entry(item: T): (Node | string)[];
}

export class TeamRunsList extends PagedList<TeamRun> {
  constructor(callbacks: ListCallbacks) {
    super('team-runs', 'No runs of this team are in the table yet.', callbacks);
  }

  protected entry(run: TeamRun): (Node | string)[] {
    const took = run.endedAt ? ` · ${formatDuration(run.endedAt - run.startedAt)}` : '';
    return [
      icon(STATUS_ICON[run.status], run.status),
      el('span', { class: 'history-prompt' }, clip(run.prompt || run.workflowName || run.workflowId, 120)),
      el('span', { class: 'history-meta' }, `${when(run.startedAt)} · ${clip(run.workflowId, 60)}${took}`),
    ];
  }
}

export class FailuresList extends PagedList<TeamFailure> {
  constructor(callbacks: ListCallbacks) {
    super('failures', 'No failures recorded for this team.', callbacks);
  }

  protected entry(f: TeamFailure): (Node | string)[] {
    const what = f.kind === 'tool_call' ? `Tool ${f.toolName ?? '?'}${f.agentName ? ` (${f.agentName})` : ''}` : 'Run';
    const error = `${f.errorType ? `${f.errorType}: ` : ''}${f.message}`;
    return [
      icon('error', 'failed'),
      el('span', { class: 'history-prompt' }, `${clip(what, 80)} · ${clip(error, 200)}`),
      el('span', { class: 'history-meta' }, `${when(f.timestamp)} · ${clip(f.workflowId, 60)}`),
    ];
  }
}
