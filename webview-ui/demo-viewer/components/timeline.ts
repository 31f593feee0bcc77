/**
 * The live timeline: every event of the run as one row, virtualised, with filters by type, agent
 * and text. New events append; late ones are inserted in place. Enter (or a click) on a row shows
 * the whole event as a JSON tree below the list.
 */
import type { AgentifyEvent } from '../../../src/events/types';
import { EVENT_TYPES } from '../../../src/events/types';
import { agentOf } from '../../../src/domain/spans';
import { button, clip, el, formatClock, icon, replaceChildren } from '../../shared/dom';
import { jsonTree } from '../../shared/jsonTree';
import { VirtualList } from '../../shared/virtualList';
import { Filters, isFiltering, matcher } from '../filters';
import { upperBound } from '../model';
import { EVENT_ICONS, summarize } from './describe';

export const ROW_HEIGHT = 24;

function hoverAgent(e: AgentifyEvent): string | undefined {
  const a = agentOf(e);
  return a && a.length > 60 ? clip(a, 1000) : undefined;
}

export class Timeline {
  readonly element: HTMLElement;
  private readonly list: VirtualList<AgentifyEvent>;
  private readonly typeSelect: HTMLSelectElement;
  private readonly agentSelect: HTMLSelectElement;
  private readonly search: HTMLInputElement;
  private readonly count: HTMLElement;
  private readonly detail: HTMLElement;
  private visible: AgentifyEvent[] = [];
  private all: readonly AgentifyEvent[] = [];
  private matches: (e: AgentifyEvent) => boolean;
  private origin = 0;
  private agents: { id: string; label: string }[] = [];

  constructor(
    private filters: Filters,
    private readonly onFilters: (f: Filters) => void,
    /** An event's agent name → the agent id filters use; and "inspect this event's span". */
    private readonly agentIds: {
      resolve(name: string | undefined): string | undefined;
      onInspectEvent?(e: AgentifyEvent, from: HTMLElement): boolean;
    },
  ) {
    this.matches = matcher(filters, agentIds.resolve);
    this.list = new VirtualList<AgentifyEvent>({
      rowHeight: ROW_HEIGHT,
      label: 'Timeline of events',
      testid: 'timeline',
      renderRow: (e) => this.row(e),
      onActivate: (e) => this.showDetail(e),
    });
    this.typeSelect = el(
      'select',
      {
        attrs: { 'aria-label': 'Filter by event type' },
        on: { change: () => this.set({ eventType: this.typeSelect.value }) },
      },
      el('option', { attrs: { value: '' } }, 'All types'),
      ...EVENT_TYPES.map((t) => el('option', { attrs: { value: t } }, t)),
    );
    this.agentSelect = el('select', {
      attrs: { 'aria-label': 'Filter by agent' },
      on: { change: () => this.set({ agent: this.agentSelect.value }) },
    });
    this.search = el('input', {
      class: 'search',
      attrs: { type: 'search', placeholder: 'Search events', 'aria-label': 'Search events', maxlength: 1000 },
      on: { input: () => this.set({ text: this.search.value }) },
    });
    this.count = el('span', { class: 'timeline-count', attrs: { 'aria-live': 'polite' } });
    this.detail = el('div', { class: 'event-detail', attrs: { 'aria-live': 'polite' } });
    this.element = el(
      'div',
      { class: 'timeline' },
      el(
        'div',
        { class: 'filters', attrs: { role: 'search' } },
        icon('filter'),
        this.typeSelect,
        this.agentSelect,
        this.search,
        this.count,
      ),
      this.list.element,
      this.detail,
    );
    this.syncControls();
  }

  get filtersNow(): Filters {
    return this.filters;
  }

  /** Whether an event passes the filters now. */
  get matchesNow(): (e: AgentifyEvent) => boolean {
    return this.matches;
  }

  /** The whole run was replaced. */
  load(events: readonly AgentifyEvent[], agents: { id: string; label: string }[]): void {
    this.all = events;
    this.origin = events[0]?.timestamp ?? 0;
    this.setAgents(agents);
    this.recompute();
    replaceChildren(this.detail);
  }

  /** One event was added to the model (at `index` of all events). */
  added(event: AgentifyEvent, index: number): void {
    if (index === 0) this.origin = event.timestamp;
    if (!this.matches(event)) return this.updateCount();
    const visible = this.visible;
    const last = visible[visible.length - 1];
    if (!last || last.timestamp <= event.timestamp) visible.push(event);
    else
      visible.splice(
        upperBound(visible, (x) => x.timestamp > event.timestamp),
        0,
        event,
      );
    this.list.refresh();
    this.updateCount();
  }

  /** The agent filter's choices: ids as values, labels cut to a line (the full name is the hover). */
  setAgents(agents: { id: string; label: string }[]): void {
    if (
      agents.length === this.agents.length &&
      agents.every((a, i) => a.id === this.agents[i].id && a.label === this.agents[i].label)
    )
      return;
    this.agents = agents;
    const known = new Map(agents.map((a) => [a.id, a.label]));
    if (this.filters.agent && !known.has(this.filters.agent)) known.set(this.filters.agent, this.filters.agent);
    replaceChildren(
      this.agentSelect,
      el('option', { attrs: { value: '' } }, 'All agents'),
      ...[...known].map(([id, label]) =>
        el('option', { attrs: { value: id, title: clip(label, 1000) } }, clip(label, 60)),
      ),
    );
    this.agentSelect.value = this.filters.agent;
  }

  /** Drops every filter (from the inspector's "Clear filters"). */
  clearFilters(): void {
    this.set({ eventType: '', agent: '', text: '' });
    this.syncControls();
  }

  /** Filter by an agent (from the graph); the same agent again clears it. */
  toggleAgent(agent: string): void {
    this.set({ agent: this.filters.agent === agent ? '' : agent });
    this.syncControls();
  }

  flush(): void {
    this.list.flush();
  }

  private set(change: Partial<Filters>): void {
    this.filters = { ...this.filters, ...change };
    this.matches = matcher(this.filters, this.agentIds.resolve);
    this.recompute();
    this.onFilters(this.filters);
  }

  private syncControls(): void {
    this.typeSelect.value = this.filters.eventType;
    this.setAgents(this.agents);
    this.agentSelect.value = this.filters.agent;
    this.search.value = this.filters.text;
  }

  private recompute(): void {
    this.visible = isFiltering(this.filters) ? this.all.filter(this.matches) : [...this.all];
    this.list.setItems(this.visible);
    this.list.flush();
    this.updateCount();
  }

  private updateCount(): void {
    this.count.textContent = isFiltering(this.filters)
      ? `${this.visible.length} of ${this.all.length}`
      : `${this.all.length} events`;
  }

  private row(e: AgentifyEvent): HTMLElement {
    const status = typeof e.payload.status === 'string' ? e.payload.status : '';
    const failed =
      e.event_type === 'workflow_error' || status === 'failed' || status === 'error' || e.payload.error !== undefined;
    const row = el(
      'div',
      {
        class: `timeline-row type-${e.event_type}${failed ? ' failed' : ''}`,
        testid: 'timeline-row',
        attrs: { 'data-event-type': e.event_type, title: formatClock(e.timestamp) },
      },
      el('span', { class: 'col-time' }, `+${((e.timestamp - this.origin) / 1000).toFixed(3)}s`),
      el('span', { class: 'col-type' }, icon(EVENT_ICONS[e.event_type]), e.event_type),
      el('span', { class: 'col-agent', attrs: { title: hoverAgent(e) } }, clip(agentOf(e) ?? '', 60)),
      el('span', { class: 'col-summary' }, summarize(e)),
    );
    return row;
  }

  private showDetail(e: AgentifyEvent): void {
    const agent = agentOf(e);
    const inspect = this.agentIds.onInspectEvent
      ? button('Inspect span', () => undefined, { icon: 'inspect', secondary: true, testid: 'event-inspect' })
      : null;
    inspect?.addEventListener('click', () => {
      if (!this.agentIds.onInspectEvent?.(e, inspect)) inspect.disabled = true;
    });
    replaceChildren(
      this.detail,
      el(
        'div',
        { class: 'detail-title' },
        icon(EVENT_ICONS[e.event_type]),
        `${e.event_type} · ${formatClock(e.timestamp)}${agent ? ` · ${clip(agent, 120)}` : ''}`,
        inspect,
      ),
      jsonTree(e, 2),
    );
  }
}
