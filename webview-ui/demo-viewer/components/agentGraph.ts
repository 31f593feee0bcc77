/**
 * The agents and their hand-offs as an SVG laid out by dagre, built with createElementNS and text
 * nodes only. Each node shows its status live (waiting, running, done, failed, not reached) and
 * how often it ran; each edge its label from graph_structure and how often it was taken. Clicking
 * a node (or Enter/Space on it) filters the timeline by that agent and opens it in the inspector.
 */
import dagre from '@dagrejs/dagre';
import { clip, el, replaceChildren, svg } from '../../shared/dom';
import type { AgentGraphData, AgentStats } from '../model';
import { AGENT_STATUS_TEXT } from './inspectorContent';

const NODE_W = 150;
const NODE_H = 46;

export class AgentGraph {
  readonly element: HTMLElement;
  private nodes = new Map<string, SVGGElement>();
  private selected = '';
  private active: string | undefined;

  constructor(private readonly onSelect: (agent: string, node: SVGGElement) => void) {
    this.element = el('div', {
      class: 'agent-graph',
      testid: 'agent-graph',
      attrs: { role: 'group', 'aria-label': 'Agents and hand-offs' },
    });
  }

  render(data: AgentGraphData, stats: Map<string, AgentStats>, edgeCounts: Map<string, number>): void {
    this.nodes.clear();
    if (!data.nodes.length) {
      replaceChildren(this.element, el('p', { class: 'empty' }, 'Agents appear here as the workflow starts them.'));
      return;
    }
    const g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 64, marginx: 12, marginy: 12 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const n of data.nodes) g.setNode(n.id, { width: NODE_W, height: NODE_H });
    const labels = new Map<string, string>();
    for (const e of data.edges) {
      if (e.from === e.to) continue;
      const count = edgeCounts.get(`${e.from}\u0000${e.to}`) ?? 0;
      const label = [e.label ? clip(e.label, 24) : '', count ? `×${count}` : ''].filter(Boolean).join(' · ');
      labels.set(`${e.from}\u0000${e.to}`, label);
      g.setEdge(e.from, e.to, label ? { width: label.length * 6.5 + 8, height: 14, labelpos: 'c' } : {});
    }
    dagre.layout(g);
    const { width = NODE_W, height = NODE_H } = g.graph();
    const root = svg('svg', {
      class: 'graph-svg',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'presentation',
    });
    root.append(
      svg(
        'defs',
        {},
        svg(
          'marker',
          {
            id: 'arrow',
            viewBox: '0 0 10 10',
            refX: 9,
            refY: 5,
            markerWidth: 7,
            markerHeight: 7,
            orient: 'auto-start-reverse',
          },
          svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'graph-arrow' }),
        ),
      ),
    );
    for (const e of g.edges()) {
      const info = g.edge(e) as { points?: { x: number; y: number }[]; x?: number; y?: number };
      const points = info.points ?? [];
      if (!points.length) continue;
      const d = points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
      const taken = (edgeCounts.get(`${e.v}\u0000${e.w}`) ?? 0) > 0;
      root.append(
        svg('path', {
          d,
          class: `graph-edge${taken ? ' taken' : ''}`,
          'marker-end': 'url(#arrow)',
          'data-testid': 'graph-edge',
          'data-from': clip(e.v, 200),
          'data-to': clip(e.w, 200),
        }),
      );
      const label = labels.get(`${e.v}\u0000${e.w}`);
      if (label && info.x !== undefined && info.y !== undefined) {
        const t = svg('text', {
          x: info.x.toFixed(1),
          y: info.y.toFixed(1),
          class: 'graph-edge-label',
          'text-anchor': 'middle',
          'dominant-baseline': 'central',
          'data-testid': 'graph-edge-label',
        });
        t.textContent = label;
        root.append(t);
      }
    }
    for (const n of data.nodes) {
      const pos = g.node(n.id);
      const st = stats.get(n.id) ?? { status: 'pending', runs: 0, toolCalls: 0, llmCalls: 0 };
      const status = AGENT_STATUS_TEXT[st.status];
      const detail = [
        status.toLowerCase(),
        st.runs > 1 ? `×${st.runs}` : '',
        st.toolCalls ? `${st.toolCalls} tool${st.toolCalls === 1 ? '' : 's'}` : '',
        st.llmCalls ? `${st.llmCalls} llm` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      const title = svg('title');
      const calls = `ran ${st.runs}×, ${st.toolCalls} tool calls, ${st.llmCalls} model calls`;
      title.textContent = `${clip(n.label, 300)} — ${status}; ${calls}. Click to filter the timeline and inspect.`;
      const name = svg('text', {
        x: NODE_W / 2,
        y: 17,
        'text-anchor': 'middle',
        'dominant-baseline': 'central',
        class: 'graph-label',
      });
      name.textContent = clip(n.label, 20);
      const sub = svg('text', {
        x: NODE_W / 2,
        y: 34,
        'text-anchor': 'middle',
        'dominant-baseline': 'central',
        class: 'graph-sub',
        'data-testid': 'graph-node-detail',
      });
      sub.textContent = detail;
      const node = svg(
        'g',
        {
          class: `graph-node node-${st.status}`,
          'data-testid': 'graph-node',
          'data-agent': clip(n.id, 200),
          'data-status': st.status,
          'data-runs': st.runs,
          transform: `translate(${(pos.x - NODE_W / 2).toFixed(1)},${(pos.y - NODE_H / 2).toFixed(1)})`,
          tabindex: 0,
          role: 'button',
          'aria-label': `Agent ${clip(n.label, 200)}, ${status}`,
        },
        title,
        svg('rect', { width: NODE_W, height: NODE_H, rx: 6, ry: 6 }),
        svg('circle', { cx: 10, cy: 10, r: 4, class: 'graph-dot' }),
        name,
        sub,
      );
      node.addEventListener('click', () => this.onSelect(n.id, node));
      node.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          this.onSelect(n.id, node);
        }
      });
      this.nodes.set(n.id, node);
      root.append(node);
    }
    const focused = this.element.contains(document.activeElement)
      ? (document.activeElement as Element).getAttribute('data-agent')
      : null;
    replaceChildren(this.element, root);
    if (focused) (this.element.querySelector(`[data-agent="${CSS.escape(focused)}"]`) as SVGGElement | null)?.focus();
    this.highlight(this.active, this.selected);
  }

  /** The working agent and the one the timeline is filtered by. */
  highlight(active: string | undefined, selected: string): void {
    this.active = active;
    this.selected = selected;
    for (const [id, node] of this.nodes) {
      node.classList.toggle('active', id === active);
      node.classList.toggle('selected', id === selected);
      node.setAttribute('aria-pressed', String(id === selected));
      if (id === active) node.setAttribute('aria-current', 'step');
      else node.removeAttribute('aria-current');
    }
  }
}
