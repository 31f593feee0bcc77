/**
 * The comparison of two runs: a table of figures with the difference (B − A), the time of each
 * agent and tool in both, and a line diff of the final results. Shown above the run's cards
 * until closed.
 */
import { formatCost } from '../../../src/domain/pricing';
import { clip, button, el, formatDuration, icon, replaceChildren } from '../../shared/dom';
import type { Comparison, SideFigures, TimingRow } from '../compare';
import { costLabel } from './runTotals';

const MAX_DIFF_ROWS = 2000;

function signed(n: number | undefined, fmt: (x: number) => string): string {
  if (n === undefined || n === 0) return n === 0 ? '±0' : '';
  return `${n > 0 ? '+' : '−'}${fmt(Math.abs(n))}`;
}

const ms = (x: number) => formatDuration(x);
const count = (x: number) => x.toLocaleString('en');

function deltaCell(n: number | undefined, fmt: (x: number) => string, worseWhenMore = true): HTMLElement {
  const cls = n === undefined || n === 0 ? '' : n > 0 === worseWhenMore ? 'delta-worse' : 'delta-better';
  return el('td', { class: `delta ${cls}`, testid: 'delta' }, signed(n, fmt));
}

function heading(label: string, s: SideFigures): HTMLElement {
  return el(
    'th',
    { attrs: { scope: 'col', title: clip(`${s.workflowId}\n${s.prompt}`, 2000) } },
    el('div', {}, label),
    el('div', { class: 'compare-prompt' }, clip(s.prompt || s.workflowId, 80)),
    el('div', { class: 'description' }, new Date(s.startedAt).toLocaleString()),
  );
}

function timingTable(title: string, rows: TimingRow[]): HTMLElement {
  if (!rows.length) return el('p', { class: 'empty' }, `No ${title.toLowerCase()} in either run.`);
  return el(
    'table',
    { class: 'totals-table compare-table', attrs: { 'aria-label': title } },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { attrs: { scope: 'col' } }, title),
        el('th', { attrs: { scope: 'col' } }, 'A'),
        el('th', { attrs: { scope: 'col' } }, 'B'),
        el('th', { attrs: { scope: 'col' } }, 'B − A'),
      ),
    ),
    el(
      'tbody',
      {},
      ...rows.map((r) =>
        el(
          'tr',
          { testid: 'compare-timing', attrs: { 'data-name': clip(r.name, 200) } },
          el('th', { attrs: { scope: 'row', title: clip(r.name, 1000) } }, clip(r.name, 40)),
          el(
            'td',
            {},
            r.left === undefined
              ? 'did not run'
              : `${formatDuration(r.left)}${r.leftCalls > 1 ? ` (×${r.leftCalls})` : ''}`,
          ),
          el(
            'td',
            {},
            r.right === undefined
              ? 'did not run'
              : `${formatDuration(r.right)}${r.rightCalls > 1 ? ` (×${r.rightCalls})` : ''}`,
          ),
          deltaCell(r.delta, ms),
        ),
      ),
    ),
  );
}

export class CompareView {
  readonly element = el('section', {
    class: 'card compare',
    testid: 'compare',
    attrs: { 'aria-label': 'Comparison of two runs', hidden: true },
  });

  constructor(private readonly onClose: () => void) {}

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  close(): void {
    this.element.hidden = true;
    replaceChildren(this.element);
  }

  show(c: Comparison): void {
    this.element.hidden = false;
    const l = c.left;
    const r = c.right;
    const lt = l.totals;
    const rt = r.totals;
    const row = (name: string, a: string, b: string, delta: HTMLElement | null) =>
      el(
        'tr',
        { testid: 'compare-row', attrs: { 'data-name': name } },
        el('th', { attrs: { scope: 'row' } }, name),
        el('td', {}, a),
        el('td', {}, b),
        delta ?? el('td'),
      );
    const costDelta = lt.pricedCalls && rt.pricedCalls ? rt.cost - lt.cost : undefined;
    const figures = el(
      'table',
      { class: 'totals-table compare-table', attrs: { 'aria-label': 'Figures of both runs' } },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { attrs: { scope: 'col' } }, ''),
          heading('A', l),
          heading('B', r),
          el('th', { attrs: { scope: 'col' } }, 'B − A'),
        ),
      ),
      el(
        'tbody',
        {},
        row('Outcome', l.status, r.status, null),
        row(
          'Run time',
          lt.durationMs === undefined ? '—' : formatDuration(lt.durationMs),
          rt.durationMs === undefined ? '—' : formatDuration(rt.durationMs),
          deltaCell(
            lt.durationMs !== undefined && rt.durationMs !== undefined ? rt.durationMs - lt.durationMs : undefined,
            ms,
          ),
        ),
        row(
          'Tokens in',
          count(lt.inputTokens),
          count(rt.inputTokens),
          deltaCell(rt.inputTokens - lt.inputTokens, count),
        ),
        row(
          'Tokens out',
          count(lt.outputTokens),
          count(rt.outputTokens),
          deltaCell(rt.outputTokens - lt.outputTokens, count),
        ),
        row('Model calls', count(lt.llmCalls), count(rt.llmCalls), deltaCell(rt.llmCalls - lt.llmCalls, count)),
        row('Tool calls', count(lt.toolCalls), count(rt.toolCalls), deltaCell(rt.toolCalls - lt.toolCalls, count)),
        row('Errors', count(lt.errors), count(rt.errors), deltaCell(rt.errors - lt.errors, count)),
        row('Cost (estimate)', costLabel(lt), costLabel(rt), deltaCell(costDelta, formatCost)),
      ),
    );
    const diff = el('div', {
      class: 'compare-diff',
      testid: 'compare-diff',
      attrs: { role: 'group', 'aria-label': 'Difference of the final results' },
    });
    const changed = c.diff.some((d) => d.op !== 'same');
    for (const d of c.diff.slice(0, MAX_DIFF_ROWS))
      diff.append(
        el(
          'div',
          { class: `diff-line diff-${d.op}`, testid: `diff-${d.op}` },
          el(
            'span',
            {
              class: 'diff-mark',
              attrs: { 'aria-label': d.op === 'add' ? 'added' : d.op === 'del' ? 'removed' : undefined },
            },
            d.op === 'add' ? '+' : d.op === 'del' ? '−' : ' ',
          ),
          clip(d.text, 2000),
        ),
      );
    if (c.diff.length > MAX_DIFF_ROWS)
      diff.append(el('div', { class: 'more' }, `${c.diff.length - MAX_DIFF_ROWS} more lines`));
    replaceChildren(
      this.element,
      el(
        'header',
        { class: 'section-header compare-header' },
        el(
          'span',
          { class: 'section-toggle' },
          icon('git-compare'),
          el('span', { class: 'section-title' }, 'Compare runs'),
        ),
        button('Close comparison', () => this.onClose(), {
          icon: 'close',
          iconOnly: true,
          secondary: true,
          testid: 'compare-close',
        }),
      ),
      el(
        'div',
        { class: 'section-body compare-body' },
        figures,
        el(
          'div',
          { class: 'compare-timings' },
          el('div', {}, el('h3', {}, 'Agents'), timingTable('Agent', c.agents)),
          el('div', {}, el('h3', {}, 'Tools'), timingTable('Tool', c.tools)),
        ),
        el('h3', {}, changed ? 'Final results (− A, + B)' : 'Final results (identical)'),
        diff,
      ),
    );
    this.element.scrollIntoView?.({ block: 'nearest' });
  }
}
