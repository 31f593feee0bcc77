/**
 * The run as nested spans (workflow → agent → tool / model call) with a waterfall bar each:
 * where it started in the run, how long it took, its status and token counts. Follows the
 * timeline's filters (a span shows when it or a span under it matches). One row is in the tab
 * order; arrows move between rows and Enter (or a click) opens the row in the inspector.
 */
import type { Span } from '../../../src/domain/spans';
import { clip, el, icon, replaceChildren } from '../../shared/dom';
import { KIND_ICON, spanDurationText } from './inspectorContent';
import { PagedLimit } from './pagedLimit';

const STATUS_ICON: Record<Span['status'], string> = { running: 'loading', ok: 'pass', error: 'error' };

export interface SpanTreeOptions {
  onInspect(span: Span, row: HTMLElement): void;
  /** Whether the filters let a span's own events through; undefined when nothing is filtered. */
  visible?: (span: Span) => boolean;
}

export class SpanTree {
  readonly element = el('div', {
    class: 'span-tree',
    testid: 'span-tree',
    attrs: { role: 'tree', 'aria-label': 'Spans' },
  });
  private readonly page = new PagedLimit('spans', () => this.last && this.render(...this.last));
  private last: [Span[], number | undefined, number, SpanTreeOptions['visible'], boolean] | undefined;
  private rows = new Map<string, HTMLElement>();
  private focusedId: string | undefined;
  private selectedId: string | undefined;
  private ended = false;

  constructor(private readonly onInspect: SpanTreeOptions['onInspect']) {
    this.element.addEventListener('keydown', (e) => this.key(e));
  }

  /** Back to the first page of rows (a different run is shown). */
  resetPage(): void {
    this.page.reset();
    this.focusedId = undefined;
  }

  /** Marks the inspected span's row. */
  select(id: string | undefined): void {
    this.selectedId = id;
    for (const [rid, row] of this.rows) row.setAttribute('aria-selected', String(rid === id));
  }

  /** `ended`: the run is over, so spans still open are shown as unfinished. */
  render(
    roots: Span[],
    runStart: number | undefined,
    runEnd: number,
    visible?: SpanTreeOptions['visible'],
    ended = false,
  ): number {
    this.last = [roots, runStart, runEnd, visible, ended];
    this.ended = ended;
    const limit = this.page.count;
    const rows: HTMLElement[] = [];
    this.rows.clear();
    let total = 0;
    const start = runStart ?? roots[0]?.start ?? 0;
    const span = Math.max(1, runEnd - start);
    // A span is kept when it or a descendant passes the filters; the tree shape stays.
    const keep = new Map<Span, boolean>();
    const kept = (s: Span): boolean => {
      let k = keep.get(s);
      if (k === undefined) {
        k = !visible || visible(s);
        for (const c of s.children) if (kept(c)) k = true;
        keep.set(s, k);
      }
      return k;
    };
    const walk = (s: Span, depth: number) => {
      if (visible && !kept(s)) return;
      total++;
      if (rows.length < limit) rows.push(this.row(s, depth, start, span, runEnd));
      for (const c of s.children) walk(c, depth + 1);
    };
    for (const r of roots) walk(r, 0);
    const focus = (this.focusedId && this.rows.get(this.focusedId)) || rows[0];
    focus?.setAttribute('tabindex', '0');
    const hadFocus = this.element.contains(document.activeElement);
    if (!rows.length)
      replaceChildren(
        this.element,
        el(
          'p',
          { class: 'empty' },
          visible ? 'No span matches the filters.' : 'Spans appear as agents, tools and models are called.',
        ),
      );
    else replaceChildren(this.element, ...rows, this.page.footer(total));
    if (hadFocus) focus?.focus();
    return total;
  }

  private row(s: Span, depth: number, start: number, width: number, runEnd: number): HTMLElement {
    const end = s.end ?? runEnd;
    const left = ((s.start - start) / width) * 100;
    const size = Math.max(0.5, ((end - s.start) / width) * 100);
    const tokens =
      s.inputTokens !== undefined || s.outputTokens !== undefined
        ? `${s.inputTokens ?? 0} → ${s.outputTokens ?? 0} tok`
        : '';
    const indent = el('span', { class: 'indent' });
    // Positions go through the CSSOM: the panel's CSP forbids inline style attributes.
    indent.style.width = `${Math.min(depth, 20) * 14}px`;
    const bar = el('span', { class: 'span-bar' });
    bar.style.left = `${Math.min(99.5, left).toFixed(2)}%`;
    bar.style.width = `${Math.min(100 - Math.min(99.5, left), size).toFixed(2)}%`;
    const row = el(
      'div',
      {
        class: `span-row kind-${s.kind} status-${s.status}`,
        testid: 'span-row',
        attrs: {
          role: 'treeitem',
          'aria-level': depth + 1,
          'aria-selected': String(s.id === this.selectedId),
          tabindex: -1,
          'data-span': clip(s.id, 200),
          'data-kind': s.kind,
          title: clip(s.error ? `${s.name} — ${s.error.type}: ${s.error.message}` : s.name, 1000),
        },
        on: { click: () => this.open(s, row), focus: () => (this.focusedId = s.id) },
      },
      el(
        'span',
        { class: 'span-name' },
        indent,
        icon(KIND_ICON[s.kind]),
        el('span', { class: 'span-label' }, clip(s.name, 200)),
      ),
      el('span', { class: 'span-status' }, icon(STATUS_ICON[s.status], s.status)),
      el(
        'span',
        { class: 'span-duration', attrs: { title: s.instant ? 'The event reports no duration' : undefined } },
        spanDurationText(s, this.ended),
      ),
      el('span', { class: 'span-tokens' }, tokens),
      el('span', { class: 'span-bar-track' }, bar),
    );
    this.rows.set(s.id, row);
    return row;
  }

  private open(s: Span, row: HTMLElement): void {
    this.focusedId = s.id;
    for (const r of this.rows.values()) r.setAttribute('tabindex', r === row ? '0' : '-1');
    this.onInspect(s, row);
  }

  private key(e: KeyboardEvent): void {
    const rows = [...this.rows.values()];
    const i = rows.findIndex((r) => r === document.activeElement);
    if (i < 0) return;
    let next = i;
    if (e.key === 'ArrowDown') next = Math.min(rows.length - 1, i + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, i - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = rows.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      rows[i].click();
      return;
    } else return;
    e.preventDefault();
    rows[i].setAttribute('tabindex', '-1');
    rows[next].setAttribute('tabindex', '0');
    rows[next].focus();
  }
}
