/**
 * The agent graph of a run as far as its spans have arrived: agent → agent where one agent's span
 * sits under another's, agent → tool for the tools each agent called. Emitted as a
 * graph_structure event whenever it grows, so the viewer draws relations it cannot infer itself
 * from spans whose parents arrive later than they do.
 */
import type { GraphEdge, GraphNode } from '../events/types';

export interface GraphSpan {
  parentId?: string;
  role: string;
  name: string;
}

export interface RunGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Stable text of the graph, to tell whether it changed. */
  key: string;
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

export function runGraph(spans: ReadonlyMap<string, GraphSpan>): RunGraph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  for (const span of spans.values()) {
    if (span.role !== 'agent' && span.role !== 'tool') continue;
    const id = span.role === 'agent' ? span.name : `tool:${span.name}`;
    if (!nodes.has(id)) nodes.set(id, { id, label: span.name, kind: span.role });
    const owner = nearestAgent(spans, span.parentId);
    if (owner && owner.name !== span.name) edges.set(`${owner.name}\u0000${id}`, { from: owner.name, to: id });
  }
  const nodeList = [...nodes.values()];
  const edgeList = [...edges.values()];
  const key = JSON.stringify([nodeList.map((n) => n.id).sort(), [...edges.keys()].sort()]);
  return { nodes: nodeList, edges: edgeList, key };
}
