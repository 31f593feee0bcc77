/**
 * The agent graph of a run as far as its spans have arrived: agent → agent where one agent's span
 * sits under another's, agent → tool for the tools each agent called. Emitted as a
 * graph_structure event whenever it grows, so the viewer draws relations it cannot infer itself
 * from spans whose parents arrive later than they do.
 *
 * Kept as spans arrive rather than rebuilt per request (a run may hold 100,000 spans): a span new
 * to the run has nothing under it yet, so it can only add its own node and edge. A pending parent
 * that arrives can move the edges of the spans already under it — when it is another agent than
 * its placeholder said, or, not being an agent, links them to the agents above it — and then the
 * graph is rebuilt once, when next read.
 */
import type { GraphEdge, GraphNode } from '../events/types';

export interface GraphSpan {
  parentId?: string;
  role: string;
  name: string;
}

const MAX_DEPTH = 1000;

/** The nearest agent above a span, through spans that have arrived (placeholders included). */
export function nearestAgent(
  spans: ReadonlyMap<string, GraphSpan>,
  parentId: string | undefined,
): GraphSpan | undefined {
  let cursor = parentId ? spans.get(parentId) : undefined;
  for (let depth = 0; cursor && depth < MAX_DEPTH; depth++) {
    if (cursor.role === 'agent') return cursor;
    cursor = cursor.parentId ? spans.get(cursor.parentId) : undefined;
  }
  return undefined;
}

/** Whether spans under `before` may belong to another agent now that `after` took its place. */
function movesChildren(before: GraphSpan, after: GraphSpan): boolean {
  if (before.role === 'agent' || after.role === 'agent')
    return before.role !== after.role || before.name !== after.name;
  return before.parentId !== after.parentId;
}

export class RunGraph {
  private nodes = new Map<string, GraphNode>();
  private edges = new Map<string, GraphEdge>();
  private anyAgent = false;
  private stale = false;
  private _version = 0;

  constructor(private readonly spans: ReadonlyMap<string, GraphSpan>) {}

  /** Changes whenever the graph does. */
  get version(): number {
    if (this.stale) this.rebuild();
    return this._version;
  }

  /** True when some node is an agent (a graph of tools alone is not drawn). */
  get hasAgent(): boolean {
    if (this.stale) this.rebuild();
    return this.anyAgent;
  }

  /** The span `after` was stored in place of `before` (undefined: it is new to the run). */
  update(before: GraphSpan | undefined, after: GraphSpan): void {
    if (this.stale) return;
    if (before && movesChildren(before, after)) this.stale = true;
    else if (this.link(after, this.nodes, this.edges)) {
      this._version++;
      if (after.role === 'agent') this.anyAgent = true;
    }
  }

  snapshot(): { nodes: GraphNode[]; edges: GraphEdge[] } {
    if (this.stale) this.rebuild();
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()] };
  }

  /** Adds the span's node and the edge from its agent; true when either is new. */
  private link(span: GraphSpan, nodes: Map<string, GraphNode>, edges: Map<string, GraphEdge>): boolean {
    if (span.role !== 'agent' && span.role !== 'tool') return false;
    let grew = false;
    const id = span.role === 'agent' ? span.name : `tool:${span.name}`;
    if (!nodes.has(id)) {
      nodes.set(id, { id, label: span.name, kind: span.role });
      grew = true;
    }
    const owner = nearestAgent(this.spans, span.parentId);
    const key = owner && owner.name !== span.name ? `${owner.name}\u0000${id}` : undefined;
    if (key && !edges.has(key)) {
      edges.set(key, { from: owner!.name, to: id });
      grew = true;
    }
    return grew;
  }

  private rebuild(): void {
    this.stale = false;
    const nodes = new Map<string, GraphNode>();
    const edges = new Map<string, GraphEdge>();
    for (const span of this.spans.values()) this.link(span, nodes, edges);
    const same = (a: Map<string, unknown>, b: Map<string, unknown>) =>
      a.size === b.size && [...a.keys()].every((k) => b.has(k));
    if (!same(nodes, this.nodes) || !same(edges, this.edges)) this._version++;
    this.nodes = nodes;
    this.edges = edges;
    this.anyAgent = [...nodes.values()].some((n) => n.kind === 'agent');
  }
}
