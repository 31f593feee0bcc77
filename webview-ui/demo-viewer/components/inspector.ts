/**
 * The inspector: a pane at the side that shows one span (workflow, agent, tool or model call) or
 * one agent in full, opened by a click or Enter on a span row, a tool call or a graph node. It
 * keeps up while the run streams, follows the timeline's filters (what they hide it does not
 * show), and hands the keyboard back where it came from on Escape or Close.
 */
import type { AgentifyEvent } from '../../../src/events/types';
import { agentOf } from '../../../src/domain/spans';
import type { PriceTable } from '../../../src/domain/pricing';
import { LIMITS } from '../../../src/protocol/demoViewer';
import { button, clip, el, icon, replaceChildren } from '../../shared/dom';
import type { RunModel } from '../model';
import { AGENT_STATUS_TEXT, KIND_ICON, agentContent, copyText, spanContent } from './inspectorContent';

export type Inspected = { kind: 'span'; id: string } | { kind: 'agent'; id: string };

export interface InspectorSource {
  model: RunModel;
  prices(): PriceTable;
  /** Whether the filters let any of these events through (for an agent: also one that has none yet). */
  visible(events: readonly AgentifyEvent[], agent?: string): boolean;
  onCopy(text: string): void;
  onClearFilters(): void;
  /** The pane opened or closed (the layout makes room for it). */
  onToggle(open: boolean): void;
}

export class Inspector {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly body: HTMLElement;
  private target: Inspected | undefined;
  private opener: Element | undefined;
  /** What was drawn last, to redraw only on a change (a redraw would close what the user opened). */
  private drawn = '';
  private lastPrices: PriceTable | undefined;

  constructor(private readonly source: InspectorSource) {
    this.title = el('h2', { class: 'insp-title', attrs: { id: 'inspector-title', tabindex: -1 } });
    this.body = el('div', { class: 'insp-body' });
    this.element = el(
      'aside',
      {
        class: 'inspector',
        testid: 'inspector',
        attrs: { 'aria-labelledby': 'inspector-title', hidden: true },
        on: { keydown: (e) => e.key === 'Escape' && (e.preventDefault(), this.close()) },
      },
      el(
        'header',
        { class: 'insp-header' },
        this.title,
        button('Copy', () => this.copy(), {
          icon: 'copy',
          secondary: true,
          testid: 'insp-copy',
          title: 'Copy everything shown here as JSON',
        }),
        button('Close inspector', () => this.close(), {
          icon: 'close',
          iconOnly: true,
          secondary: true,
          testid: 'insp-close',
        }),
      ),
      this.body,
    );
  }

  get current(): Inspected | undefined {
    return this.target;
  }

  /** Opens (or switches) the pane; focus moves into it and returns to `opener` on close. */
  show(target: Inspected, opener?: Element | null): void {
    const wasOpen = !!this.target;
    this.target = target;
    if (!wasOpen) this.opener = opener ?? document.activeElement ?? undefined;
    this.drawn = '';
    this.element.hidden = false;
    this.refresh();
    this.source.onToggle(true);
    this.title.focus();
  }

  close(): void {
    if (!this.target) return;
    this.target = undefined;
    this.drawn = '';
    this.element.hidden = true;
    replaceChildren(this.body);
    this.source.onToggle(false);
    const back = this.opener && relocate(this.opener);
    this.opener = undefined;
    back?.focus();
  }

  /** Redraws when what is inspected changed (new events, filters, prices); cheap otherwise. */
  refresh(): void {
    const t = this.target;
    if (!t) return;
    const m = this.source.model;
    const events = t.kind === 'span' ? m.eventsOf(t.id) : m.events.filter((e) => m.resolveAgent(agentOf(e)) === t.id);
    const span = t.kind === 'span' ? m.spans.spans.get(t.id) : undefined;
    if (t.kind === 'span' && !span) return this.close();
    const visible = this.source.visible(events, t.kind === 'agent' ? t.id : undefined);
    const size = t.kind === 'span' ? events.length : m.versions.spans;
    const samePrices = this.source.prices() === this.lastPrices;
    const key = `${t.kind}:${t.id}:${visible}:${size}:${m.versions.run}:${samePrices}`;
    if (key === this.drawn) return;
    this.drawn = key;
    this.lastPrices = this.source.prices();
    if (span) {
      replaceChildren(
        this.title,
        icon(KIND_ICON[span.kind]),
        el('span', { class: 'insp-name', attrs: { title: clip(span.name, 1000) } }, clip(span.name, 200)),
      );
    } else {
      const stats = m.agentStats().get(t.id);
      replaceChildren(
        this.title,
        icon('person'),
        el(
          'span',
          { class: 'insp-name', attrs: { title: clip(m.agentLabel(t.id), 1000) } },
          clip(m.agentLabel(t.id), 200),
        ),
        stats ? el('span', { class: `insp-badge agent-${stats.status}` }, AGENT_STATUS_TEXT[stats.status]) : null,
      );
    }
    if (!visible) {
      replaceChildren(
        this.body,
        el(
          'div',
          { class: 'notice insp-hidden', testid: 'insp-hidden', attrs: { role: 'status' } },
          icon('filter'),
          'The timeline’s filters hide this. Clear them to inspect it again.',
        ),
        button('Clear filters', () => this.source.onClearFilters(), { icon: 'clear-all', secondary: true }),
      );
      return;
    }
    const content = span
      ? spanContent(span, m, this.source.prices())
      : agentContent(t.id, m, this.source.prices(), (id) => this.show({ kind: 'span', id }));
    replaceChildren(this.body, ...content);
  }

  private copy(): void {
    const t = this.target;
    if (!t) return;
    const m = this.source.model;
    if (t.kind === 'span') {
      const s = m.spans.spans.get(t.id);
      if (!s) return;
      const { children, ...rest } = s;
      this.source.onCopy(
        copyText({ span: { ...rest, children: children.map((c) => c.id) }, events: m.eventsOf(t.id) }, LIMITS.copy),
      );
    } else {
      this.source.onCopy(
        copyText({ agent: t.id, label: m.agentLabel(t.id), ...m.agentStats().get(t.id) }, LIMITS.copy),
      );
    }
  }
}

/**
 * The element focus returns to: the opener, or its redrawn twin (rows and graph nodes are rebuilt
 * while a run streams) found by the same test id and data key.
 */
function relocate(opener: Element): HTMLElement | SVGElement | undefined {
  if (opener.isConnected) return opener as HTMLElement;
  const testid = opener.getAttribute('data-testid');
  for (const key of ['data-span', 'data-agent', 'data-tool']) {
    const value = opener.getAttribute(key);
    if (testid && value !== null) {
      const twin = document.querySelector(`[data-testid="${CSS.escape(testid)}"][${key}="${CSS.escape(value)}"]`);
      if (twin instanceof HTMLElement || twin instanceof SVGElement) return twin;
    }
  }
  return undefined;
}
