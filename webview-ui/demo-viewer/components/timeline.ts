/**
 * The live timeline: every event of the run as one row, virtualised, with filters by type, agent
 * and text. New events append; late ones are inserted in place. Enter (or a click) on a row shows
 * the whole event as a JSON tree below the list.
 */
import type { AgentifyEvent } from '../../../src/events/types';
import { EVENT_TYPES } from '../../../src/events/types';
import { agentOf } from '../../../src/export/spans';
import { el, formatClock, icon, replaceChildren } from '../../shared/dom';
import { jsonTree } from '../../shared/jsonTree';
import { VirtualList } from '../../shared/virtualList';
import { Filters, isFiltering, matcher } from '../filters';
import { upperBound } from '../model';
import { EVENT_ICONS, summarize } from './describe';

export const ROW_HEIGHT = 24;

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
  private agents: string[] = [];

  constructor(
    private filters: Filters,
    private readonly onFilters: (f: Filters) => void,
  ) {
    this.matches = matcher(filters);
    this.list = new VirtualList<AgentifyEvent>({
      rowHeight: ROW_HEIGHT,
      label: 'Timeline of events',
      testid: 'timeline',
      renderRow: (e) => this.row(e),
      onActivate: (e) => this.showDetail(e),
    });
    this.typeSelect = el('select', { attrs: { 'aria-label': 'Filter by event type' }, on: { change: () => this.set({ eventType: this.typeSelect.value }) } }, el('option', { attrs: { value: '' } }, 'All types'), ...EVENT_TYPES.map((t) => el('option', { attrs: { value: t } }, t)));
    this.agentSelect = el('select', { attrs: { 'aria-label': 'Filter by agent' }, on: { change: () => this.set({ agent: this.agentSelect.value }) } });
    this.search = el('input', { class: 'search', attrs: { type: 'search', placeholder: 'Search events', 'aria-label': 'Search events', maxlength: 1000 }, on: { input: () => this.set({ text: this.search.value }) } });
    this.count = el('span', { class: 'timeline-count', attrs: { 'aria-live': 'polite' } });
    this.detail = el('div', { class: 'event-detail', attrs: { 'aria-live': 'polite' } });
    this.element = el('div', { class: 'timeline' }, el('div', { class: 'filters', attrs: { role: 'search' } }, icon('filter'), this.typeSelect, this.agentSelect, this.search, this.count), this.list.element, this.detail);
    this.syncControls();
  }

  get filtersNow(): Filters {
    return this.filters;
  }

  /** The whole run was replaced. */
  load(events: readonly AgentifyEvent[], agents: string[]): void {
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
    else visible.splice(upperBound(visible, (x) => x.timestamp > event.timestamp), 0, event);
    this.list.refresh();
    this.updateCount();
  }

  setAgents(agents: string[]): void {
    if (agents.length === this.agents.length && agents.every((a, i) => a === this.agents[i])) return;
    this.agents = agents;
    const known = new Set(agents);
    if (this.filters.agent) known.add(this.filters.agent);
    replaceChildren(this.agentSelect, el('option', { attrs: { value: '' } }, 'All agents'), ...[...known].map((a) => el('option', { attrs: { value: a } }, a)));
    this.agentSelect.value = this.filters.agent;
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
    this.matches = matcher(this.filters);
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
    this.count.textContent = isFiltering(this.filters) ? `${this.visible.length} of ${this.all.length}` : `${this.all.length} events`;
  }

  private row(e: AgentifyEvent): HTMLElement {
    const status = typeof e.payload.status === 'string' ? e.payload.status : '';
    const failed = e.event_type === 'workflow_error' || status === 'failed' || status === 'error' || e.payload.error !== undefined;
    const row = el(
      'div',
      { class: `timeline-row type-${e.event_type}${failed ? ' failed' : ''}`, testid: 'timeline-row', attrs: { 'data-event-type': e.event_type, title: formatClock(e.timestamp) } },
      el('span', { class: 'col-time' }, `+${((e.timestamp - this.origin) / 1000).toFixed(3)}s`),
      el('span', { class: 'col-type' }, icon(EVENT_ICONS[e.event_type]), e.event_type),
      el('span', { class: 'col-agent' }, agentOf(e) ?? ''),
      el('span', { class: 'col-summary' }, summarize(e)),
    );
    return row;
  }

  private showDetail(e: AgentifyEvent): void {
    replaceChildren(this.detail, el('div', { class: 'detail-title' }, icon(EVENT_ICONS[e.event_type]), `${e.event_type} · ${formatClock(e.timestamp)}${agentOf(e) ? ` · ${agentOf(e)}` : ''}`), jsonTree(e, 2));
  }
}
