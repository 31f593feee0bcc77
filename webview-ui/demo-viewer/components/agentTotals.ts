/** Per agent: status, runs, model and tool calls, errors, tokens, time and estimated cost, one row each. */
import type { Totals } from '../../../src/domain/runTotals';
import { clip, el, formatDuration, replaceChildren } from '../../shared/dom';
import type { AgentStats } from '../model';
import { AGENT_STATUS_TEXT } from './inspectorContent';
import { COST_NOTE, costLabel } from './runTotals';

export interface AgentRow {
  id: string;
  label: string;
  stats: AgentStats | undefined;
  totals: Totals | undefined;
}

export class AgentTotalsTable {
  readonly element = el('div', { class: 'agent-totals' });

  constructor(private readonly onInspect: (id: string, from: HTMLElement) => void) {}

  render(rows: AgentRow[]): void {
    if (!rows.length) return replaceChildren(this.element);
    const head = el(
      'tr',
      {},
      ...['Agent', 'Status', 'LLM', 'Tools', 'Errors', 'Tokens', 'Time', 'Cost'].map((h) =>
        el(
          'th',
          {
            attrs: {
              scope: 'col',
              title:
                h === 'Cost'
                  ? COST_NOTE
                  : h === 'Time'
                    ? 'Its agent spans, summed'
                    : h === 'Tokens'
                      ? 'Input / output tokens'
                      : h === 'LLM'
                        ? 'Model calls'
                        : undefined,
            },
          },
          h,
        ),
      ),
    );
    const body = el('tbody');
    for (const r of rows) {
      const t = r.totals;
      const name = el(
        'button',
        {
          class: 'link-button',
          attrs: { type: 'button', title: clip(r.label, 1000) },
          on: { click: () => this.onInspect(r.id, name) },
        },
        clip(r.label, 40),
      );
      body.append(
        el(
          'tr',
          { testid: 'agent-total', attrs: { 'data-agent': clip(r.id, 200) } },
          el('th', { attrs: { scope: 'row' } }, name),
          el('td', { class: `agent-${r.stats?.status ?? 'pending'}` }, AGENT_STATUS_TEXT[r.stats?.status ?? 'pending']),
          el('td', {}, String(t?.llmCalls ?? 0)),
          el('td', {}, String(t?.toolCalls ?? 0)),
          el('td', {}, String(t?.errors ?? 0)),
          el('td', {}, t ? `${t.inputTokens.toLocaleString('en')} / ${t.outputTokens.toLocaleString('en')}` : '0 / 0'),
          el('td', {}, t?.durationMs !== undefined ? formatDuration(t.durationMs) : '—'),
          el('td', { testid: 'agent-cost' }, t ? costLabel(t) : '—'),
        ),
      );
    }
    replaceChildren(
      this.element,
      el('table', { class: 'totals-table', attrs: { 'aria-label': 'Totals per agent' } }, el('thead', {}, head), body),
    );
  }
}
