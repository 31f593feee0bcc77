/**
 * Beside the agent graph: for each agent of the shown run, whether it is in the agent registry,
 * its capabilities and its endpoint. It asks the host (WatchAgentsCommand) when the run's agents
 * change and once more when the run stops running, since agents often register as they start.
 */
import type { AgentRegistrations } from '../../../src/protocol/demoViewer';
import { el, icon, replaceChildren } from '../../shared/dom';
import './agentRegistrations.css';

export class AgentRegistrationsView {
  readonly element = el('div', {
    class: 'agent-registrations',
    testid: 'agent-registrations',
    attrs: { 'aria-label': 'Agent registry' },
  });
  private asked = '';

  constructor(private readonly watch: (agents: string[]) => void) {}

  /** Called on every redraw; asks the host only when something it depends on changed. */
  update(agents: readonly string[], running: boolean): void {
    const key = JSON.stringify([agents, running]);
    if (key === this.asked) return;
    this.asked = key;
    if (agents.length) this.watch(agents.slice(0, 200));
    else replaceChildren(this.element);
  }

  render(r: AgentRegistrations): void {
    if (!r.agents.length && !r.error) return replaceChildren(this.element);
    replaceChildren(
      this.element,
      el(
        'div',
        { class: 'registrations-title' },
        icon('organization'),
        r.mode === 'memory'
          ? 'Agent registry (memory only)'
          : `Agent registry${r.tableName ? ` · ${r.tableName}` : ''}`,
      ),
      r.error ? el('div', { class: 'registrations-error', attrs: { role: 'alert' } }, r.error) : null,
      ...r.agents.map((a) =>
        el(
          'div',
          {
            class: `registration${a.registered ? ' registered' : ''}`,
            testid: 'agent-registration',
            attrs: { 'data-agent': a.agent },
          },
          el('span', { class: 'registration-agent' }, a.agent),
          el(
            'span',
            { class: 'registration-state', testid: 'registration-state' },
            a.registered ? (a.stale ? 'registered · stale' : 'registered') : 'not registered',
          ),
          a.capabilities.length
            ? el(
                'span',
                { class: 'registration-capabilities', testid: 'registration-capabilities' },
                a.capabilities.join(', '),
              )
            : null,
          a.endpoint
            ? el('code', { class: 'registration-endpoint', testid: 'registration-endpoint' }, a.endpoint)
            : null,
        ),
      ),
    );
  }
}
