/**
 * The run's totals on one line: run time (with its definition on hover), tokens in and out,
 * model and tool calls, errors and the estimated cost ("no price" for models the table lacks).
 */
import { RUN_DURATION_DEFINITION, RUN_DURATION_NAME, RUN_DURATION_SHORT } from '../../../src/domain/runDuration';
import { formatCost } from '../../../src/domain/pricing';
import type { Totals } from '../../../src/domain/runTotals';
import { clip, el, formatDuration, icon, replaceChildren } from '../../shared/dom';

export const COST_NOTE =
  'Estimated from list prices per 1,000 tokens (setting agentify.pricing.models); ' +
  'discounts, caching and batch rates are not included.';

function chip(name: string, label: string, text: string, iconName: string, title?: string, cls = ''): HTMLElement {
  return el(
    'span',
    { class: `total-chip ${cls}`, testid: `total-${name}`, attrs: { title } },
    icon(iconName),
    el('span', { class: 'total-label' }, label),
    el('span', { class: 'total-value' }, text),
  );
}

export function costLabel(t: Pick<Totals, 'cost' | 'pricedCalls' | 'unpriced' | 'llmCalls'>): string {
  if (t.pricedCalls) return `≈ ${formatCost(t.cost)}${t.unpriced.length ? ' + no price' : ''}`;
  if (t.unpriced.length) return 'no price';
  return t.llmCalls ? 'no tokens reported' : '—';
}

export class RunTotalsView {
  readonly element = el('div', {
    class: 'run-totals',
    testid: 'run-totals',
    attrs: { role: 'group', 'aria-label': 'Run totals' },
  });

  render(t: Totals | undefined, running: boolean): void {
    if (!t) return replaceChildren(this.element);
    const unpriced = t.unpriced.length ? ` No price for: ${t.unpriced.map((m) => clip(m, 80)).join(', ')}.` : '';
    replaceChildren(
      this.element,
      chip(
        'run-time',
        `${RUN_DURATION_NAME} (${RUN_DURATION_SHORT})`,
        t.durationMs === undefined ? (running ? 'starting…' : '—') : formatDuration(t.durationMs),
        'watch',
        RUN_DURATION_DEFINITION,
      ),
      chip(
        'tokens',
        'Tokens',
        `${t.inputTokens.toLocaleString('en')} in / ${t.outputTokens.toLocaleString('en')} out`,
        'symbol-numeric',
        'Tokens reported by the model calls of this run',
      ),
      chip('model-calls', 'Model calls', String(t.llmCalls), 'sparkle'),
      chip('tool-calls', 'Tool calls', String(t.toolCalls), 'tools'),
      chip(
        'errors',
        'Errors',
        String(t.errors),
        'error',
        'Failed spans (tool calls, model calls, agents, the workflow)',
        t.errors ? 'has-errors' : '',
      ),
      chip('cost', 'Cost (estimate)', costLabel(t), 'credit-card', `${COST_NOTE}${unpriced}`, 'estimate'),
    );
    this.element.setAttribute(
      'aria-label',
      `Run totals. ${RUN_DURATION_NAME} is measured from the workflow’s first event to its last.`,
    );
  }
}
