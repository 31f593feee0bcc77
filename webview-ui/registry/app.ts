/**
 * The Agent Registry view: where agents live (the table, or memory only and why), a capability
 * filter, and the agents (name, id, capabilities, endpoint, last seen, stale), with "Load more"
 * while the listing has pages left. Everything the host sends is rendered as text.
 */
import type { RegistryAgentView, RegistryViewState } from '../../src/protocol/registry';
import { button, el, icon, replaceChildren } from '../shared/dom';

export interface RegistryAppDeps {
  initialCapability: string;
  list(capability: string, cursor?: string): void;
  save(capability: string): void;
}

export class RegistryApp {
  private readonly filter: HTMLInputElement;
  private readonly status = el('div', {
    class: 'registry-status',
    testid: 'registry-status',
    attrs: { role: 'status' },
  });
  private readonly notice = el('div', { class: 'registry-notice', testid: 'registry-notice' });
  private readonly list = el('div', { class: 'agent-list', testid: 'agent-list', attrs: { role: 'list' } });
  private readonly more = el('div', { class: 'more' });
  private agents: RegistryAgentView[] = [];

  constructor(
    root: HTMLElement,
    private readonly deps: RegistryAppDeps,
  ) {
    this.filter = el('input', {
      class: 'filter',
      testid: 'capability-filter',
      attrs: {
        type: 'search',
        placeholder: 'Filter by capability (e.g. search)',
        'aria-label': 'Capability',
        maxlength: 64,
        spellcheck: 'false',
      },
      on: { keydown: (e) => e.key === 'Enter' && this.refresh() },
    });
    this.filter.value = deps.initialCapability;
    root.append(
      el(
        'div',
        { class: 'registry' },
        el('header', { class: 'top' }, el('h1', {}, icon('organization'), 'Agent Registry'), this.status),
        el(
          'div',
          { class: 'toolbar' },
          this.filter,
          button('Filter', () => this.refresh(), { icon: 'filter', testid: 'apply-filter' }),
          button('All agents', () => this.showAll(), { icon: 'list-flat', secondary: true, testid: 'show-all' }),
          button('Refresh', () => this.refresh(), {
            icon: 'refresh',
            secondary: true,
            iconOnly: true,
            testid: 'refresh',
          }),
        ),
        this.notice,
        this.list,
        this.more,
      ),
    );
  }

  /** Asks the host for the agents matching the filter. */
  refresh(): void {
    const capability = this.filter.value.trim();
    this.deps.save(capability);
    this.deps.list(capability);
  }

  private showAll(): void {
    this.filter.value = '';
    this.refresh();
  }

  onState(state: RegistryViewState): void {
    this.agents = state.appended ? [...this.agents, ...state.agents] : state.agents;
    const where =
      state.mode === 'table'
        ? `Table ${state.tableName}`
        : state.mode === 'memory'
          ? 'Memory only'
          : 'Checking the table…';
    replaceChildren(
      this.status,
      el(
        'span',
        { class: `mode mode-${state.mode}`, testid: 'registry-mode' },
        icon(state.mode === 'table' ? 'database' : 'warning'),
        where,
      ),
      el(
        'span',
        { class: 'count', testid: 'agent-count' },
        `${this.agents.length} agent${this.agents.length === 1 ? '' : 's'}` +
          (state.capability ? ` with “${state.capability}”` : ''),
      ),
    );
    replaceChildren(
      this.notice,
      state.mode === 'memory' && state.reason
        ? el('div', { class: 'notice', testid: 'memory-notice' }, icon('info'), el('span', {}, state.reason))
        : null,
      state.error
        ? el(
            'div',
            { class: 'error-banner', testid: 'registry-error', attrs: { role: 'alert' } },
            icon('error'),
            el('span', {}, state.error.message),
          )
        : null,
    );
    replaceChildren(
      this.list,
      ...(this.agents.length
        ? this.agents.map((a) => this.row(a))
        : [
            el(
              'div',
              { class: 'empty', testid: 'empty' },
              state.capability ? `No agent has the capability “${state.capability}”.` : 'No agent is registered yet.',
            ),
          ]),
    );
    replaceChildren(
      this.more,
      state.cursor
        ? button('Load more', () => this.deps.list(state.capability, state.cursor), {
            secondary: true,
            testid: 'load-more',
          })
        : null,
    );
  }

  private row(a: RegistryAgentView): HTMLElement {
    return el(
      'div',
      {
        class: `agent${a.stale ? ' stale' : ''}`,
        testid: 'agent-row',
        attrs: { role: 'listitem', 'data-agent-id': a.id },
      },
      el(
        'div',
        { class: 'agent-head' },
        el('span', { class: 'agent-name', testid: 'agent-name' }, a.name),
        el('code', { class: 'agent-id' }, a.id),
        a.version ? el('span', { class: 'agent-version' }, `v${a.version}`) : null,
        a.stale
          ? el(
              'span',
              {
                class: 'badge stale-badge',
                testid: 'stale-badge',
                attrs: { title: 'Not seen for longer than the stale time' },
              },
              'stale',
            )
          : null,
      ),
      a.description ? el('div', { class: 'agent-description' }, a.description) : null,
      el(
        'div',
        { class: 'capabilities', testid: 'capabilities' },
        ...a.capabilities.map((c) =>
          el(
            'button',
            {
              class: 'chip',
              attrs: { type: 'button', title: `Show agents with ${c}` },
              on: { click: () => this.filterBy(c) },
            },
            c,
          ),
        ),
      ),
      el(
        'div',
        { class: 'agent-meta' },
        el('code', { class: 'endpoint', testid: 'endpoint' }, a.endpoint),
        el('span', { class: 'seen' }, `last seen ${new Date(a.lastSeenAt).toLocaleString()}`),
      ),
    );
  }

  private filterBy(capability: string): void {
    this.filter.value = capability;
    this.refresh();
  }
}
