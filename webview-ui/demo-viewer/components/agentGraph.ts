/**
 * The agents and their hand-offs as an SVG laid out by dagre, built with createElementNS and text
 * nodes only. The agent at work is highlighted live; clicking a node (or Enter/Space on it)
 * filters the timeline by that agent.
 */
import dagre from '@dagrejs/dagre';
import { clip, el, replaceChildren, svg } from '../../shared/dom';
import type { AgentGraphData } from '../model';

const NODE_W = 140;
const NODE_H = 40;

export class AgentGraph {
  readonly element: HTMLElement;
  private nodes = new Map<string, SVGGElement>();
  private selected = '';
  private active: string | undefined;

  constructor(private readonly onSelect: (agent: string) => void) {
    this.element = el('div', { class: 'agent-graph', testid: 'agent-graph', attrs: { role: 'group', 'aria-label': 'Agents and hand-offs' } });
  }

  render(data: AgentGraphData): void {
    this.nodes.clear();
    if (!data.nodes.length) {
      replaceChildren(this.element, el('p', { class: 'empty' }, 'Agents appear here as the workflow starts them.'));
      return;
    }
    const g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 48, marginx: 12, marginy: 12 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const n of data.nodes) g.setNode(n.id, { width: NODE_W, height: NODE_H });
    for (const e of data.edges) if (e.from !== e.to) g.setEdge(e.from, e.to);
    dagre.layout(g);
    const { width = NODE_W, height = NODE_H } = g.graph();
    const root = svg('svg', { class: 'graph-svg', viewBox: `0 0 ${width} ${height}`, width, height, role: 'presentation' });
    root.append(
      svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'graph-arrow' }))),
    );
    for (const e of g.edges()) {
      const points = g.edge(e).points ?? [];
      if (!points.length) continue;
      const d = points.map((p: { x: number; y: number }, i: number) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
      root.append(svg('path', { d, class: 'graph-edge', 'marker-end': 'url(#arrow)' }));
    }
    for (const n of data.nodes) {
      const pos = g.node(n.id);
      const title = svg('title');
      title.textContent = `${n.label} — filter the timeline by this agent`;
      const text = svg('text', { x: NODE_W / 2, y: NODE_H / 2, 'text-anchor': 'middle', 'dominant-baseline': 'central' });
      text.textContent = clip(n.label, 18);
      const node = svg(
        'g',
        { class: 'graph-node', 'data-testid': 'graph-node', 'data-agent': n.id, transform: `translate(${(pos.x - NODE_W / 2).toFixed(1)},${(pos.y - NODE_H / 2).toFixed(1)})`, tabindex: 0, role: 'button', 'aria-label': `Agent ${n.label}` },
        title,
        svg('rect', { width: NODE_W, height: NODE_H, rx: 6, ry: 6 }),
        text,
      );
      node.addEventListener('click', () => this.onSelect(n.id));
      node.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          this.onSelect(n.id);
        }
      });
      this.nodes.set(n.id, node);
      root.append(node);
    }
    replaceChildren(this.element, root);
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
