/**
 * The agent team as an SVG graph laid out by dagre: agents, their tools, and the hand-offs between
 * agents. Editable in place: click (or Enter on) one agent and then another to connect them; click
 * a hand-off (or press Delete on it) to remove it. Built with createElementNS and textContent only.
 */
import dagre from '@dagrejs/dagre';
import type { AgentDesign, EdgeDesign } from '../../../src/protocol/ideationWizard';
import { clip, svg } from '../dom';

const AGENT = { width: 190, height: 52 };
const TOOL = { width: 140, height: 28 };

export interface TeamGraphOptions {
  agents: AgentDesign[];
  edges: EdgeDesign[];
  /** The agent waiting for a second click. */
  selected?: string;
  onAgentClick(agentId: string): void;
  onEdgeRemove(edge: EdgeDesign): void;
  onToolClick(agentId: string, toolId: string): void;
}

function activate(node: SVGElement, label: string, onActivate: () => void, onDelete?: () => void): void {
  node.setAttribute('tabindex', '0');
  node.setAttribute('role', 'button');
  node.setAttribute('aria-label', label);
  node.addEventListener('click', onActivate);
  node.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onActivate();
    } else if (onDelete && (e.key === 'Delete' || e.key === 'Backspace')) {
      e.preventDefault();
      onDelete();
    }
  });
}

export function renderTeamGraph(o: TeamGraphOptions): SVGSVGElement {
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 70, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const a of o.agents) {
    g.setNode(`a:${a.id}`, { ...AGENT });
    for (const t of a.tools) {
      g.setNode(`t:${a.id}:${t.id}`, { ...TOOL });
      g.setEdge(`a:${a.id}`, `t:${a.id}:${t.id}`);
    }
  }
  const ids = new Set(o.agents.map((a) => a.id));
  const edges = o.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  for (const e of edges) g.setEdge(`a:${e.from}`, `a:${e.to}`);
  dagre.layout(g);

  const { width = 300, height = 120 } = g.graph();
  const root = svg('svg', {
    class: 'team-graph',
    viewBox: `0 0 ${Math.max(width, 300)} ${Math.max(height, 120)}`,
    width: Math.max(width, 300),
    height: Math.max(height, 120),
    role: 'group',
  });
  root.dataset.testid = 'team-graph';
  root.setAttribute('aria-label', 'Agent team graph');
  const defs = svg('defs');
  const marker = svg('marker', {
    id: 'arrow',
    viewBox: '0 0 10 10',
    refX: 10,
    refY: 5,
    markerWidth: 7,
    markerHeight: 7,
    orient: 'auto-start-reverse',
  });
  marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }));
  defs.append(marker);
  root.append(defs);

  const path = (points: { x: number; y: number }[]) => points.map((p, i) => `${i ? 'L' : 'M'} ${p.x} ${p.y}`).join(' ');
  for (const a of o.agents) {
    for (const t of a.tools)
      root.append(svg('path', { d: path(g.edge(`a:${a.id}`, `t:${a.id}:${t.id}`).points ?? []), class: 'tool-link' }));
  }
  for (const e of edges) {
    const from = o.agents.find((a) => a.id === e.from)!;
    const to = o.agents.find((a) => a.id === e.to)!;
    const group = svg('g', { class: 'handoff' });
    group.dataset.testid = 'graph-edge';
    const d = path(g.edge(`a:${e.from}`, `a:${e.to}`).points ?? []);
    group.append(
      svg('path', { d, class: 'handoff-hit' }),
      svg('path', { d, class: 'handoff-line', 'marker-end': 'url(#arrow)' }),
    );
    const title = svg('title');
    title.textContent = `${from.name} → ${to.name} (click or press Delete to remove)`;
    group.append(title);
    activate(
      group,
      `Hand-off from ${from.name} to ${to.name}. Press Delete to remove.`,
      () => o.onEdgeRemove(e),
      () => o.onEdgeRemove(e),
    );
    root.append(group);
  }
  for (const a of o.agents) {
    const n = g.node(`a:${a.id}`);
    const group = svg('g', {
      class: `agent-node${o.selected === a.id ? ' selected' : ''}`,
      transform: `translate(${n.x - AGENT.width / 2}, ${n.y - AGENT.height / 2})`,
    });
    group.dataset.testid = 'graph-agent';
    group.dataset.agentId = a.id;
    const name = svg('text', { x: 12, y: 21, class: 'agent-name' });
    name.textContent = clip(a.name || '(unnamed agent)', 24);
    const role = svg('text', { x: 12, y: 39, class: 'agent-role' });
    role.textContent = clip(a.role, 30);
    const title = svg('title');
    title.textContent = `${a.name}\n${a.role}`;
    group.append(svg('rect', { width: AGENT.width, height: AGENT.height, rx: 6 }), name, role, title);
    const label =
      o.selected === a.id
        ? `${a.name}, selected: choose another agent to connect, or this one again to cancel`
        : `Agent ${a.name}: select to connect to another agent`;
    activate(group, label, () => o.onAgentClick(a.id));
    root.append(group);
    for (const t of a.tools) {
      const tn = g.node(`t:${a.id}:${t.id}`);
      const tg = svg('g', {
        class: 'tool-node',
        transform: `translate(${tn.x - TOOL.width / 2}, ${tn.y - TOOL.height / 2})`,
      });
      tg.dataset.testid = 'graph-tool';
      const text = svg('text', { x: 10, y: 18 });
      text.textContent = clip(t.name || '(unnamed tool)', 19);
      const tt = svg('title');
      tt.textContent = t.name;
      tg.append(svg('rect', { width: TOOL.width, height: TOOL.height, rx: 14 }), text, tt);
      activate(tg, `Tool ${t.name} of ${a.name}: edit`, () => o.onToolClick(a.id, t.id));
      root.append(tg);
    }
  }
  return root;
}
