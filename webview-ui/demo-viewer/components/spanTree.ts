/**
 * The run as nested spans (workflow → agent → tool / model call) with a waterfall bar each:
 * where it started in the run, how long it took, its status and token counts.
 */
import type { Span } from '../../../src/export/spans';
import { el, formatDuration, icon, replaceChildren } from '../../shared/dom';
import { PagedLimit } from './pagedLimit';

const KIND_ICON: Record<Span['kind'], string> = { workflow: 'debug-start', agent: 'person', tool: 'tools', llm: 'sparkle' };
const STATUS_ICON: Record<Span['status'], string> = { running: 'loading', ok: 'pass', error: 'error' };

export class SpanTree {
  readonly element = el('div', { class: 'span-tree', attrs: { role: 'tree', 'aria-label': 'Spans' } });
  private readonly page = new PagedLimit('spans', () => this.last && this.render(...this.last));
  private last: [Span[], number | undefined, number] | undefined;

  /** Back to the first page of rows (a different run is shown). */
  resetPage(): void {
    this.page.reset();
  }

  render(roots: Span[], runStart: number | undefined, runEnd: number): number {
    this.last = [roots, runStart, runEnd];
    const limit = this.page.count;
    const rows: HTMLElement[] = [];
    let total = 0;
    const start = runStart ?? roots[0]?.start ?? 0;
    const span = Math.max(1, runEnd - start);
    const walk = (s: Span, depth: number) => {
      total++;
      if (rows.length < limit) rows.push(this.row(s, depth, start, span, runEnd));
      for (const c of s.children) walk(c, depth + 1);
    };
    for (const r of roots) walk(r, 0);
    if (!rows.length) replaceChildren(this.element, el('p', { class: 'empty' }, 'Spans appear as agents, tools and models are called.'));
    else replaceChildren(this.element, ...rows, this.page.footer(total));
    return total;
  }

  private row(s: Span, depth: number, start: number, width: number, runEnd: number): HTMLElement {
    const end = s.end ?? runEnd;
    const left = ((s.start - start) / width) * 100;
    const size = Math.max(0.5, ((end - s.start) / width) * 100);
    const tokens = s.inputTokens !== undefined || s.outputTokens !== undefined ? `${s.inputTokens ?? 0} → ${s.outputTokens ?? 0} tok` : '';
    const indent = el('span', { class: 'indent' });
    // Positions go through the CSSOM: the panel's CSP forbids inline style attributes.
    indent.style.width = `${depth * 14}px`;
    const bar = el('span', { class: 'span-bar' });
    bar.style.left = `${Math.min(99.5, left).toFixed(2)}%`;
    bar.style.width = `${Math.min(100 - Math.min(99.5, left), size).toFixed(2)}%`;
    return el(
      'div',
      { class: `span-row kind-${s.kind} status-${s.status}`, attrs: { role: 'treeitem', 'aria-level': depth + 1, title: s.error ? `${s.error.type}: ${s.error.message}` : undefined } },
      el('span', { class: 'span-name' }, indent, icon(KIND_ICON[s.kind]), el('span', { class: 'span-label' }, s.name)),
      el('span', { class: 'span-status' }, icon(STATUS_ICON[s.status], s.status)),
      el('span', { class: 'span-duration' }, s.end !== undefined ? formatDuration(s.end - s.start) : 'running'),
      el('span', { class: 'span-tokens' }, tokens),
      el('span', { class: 'span-bar-track' }, bar),
    );
  }
}
