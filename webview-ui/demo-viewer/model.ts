/**
 * The run the viewer shows, kept incrementally: events in timestamp order (deduplicated by
 * workflow_id:timestamp), spans, agents and their hand-offs, the active agent and the terminal
 * event. Each part has a version number so the views redraw only what changed.
 */
import type { AgentifyEvent } from '../../src/events/types';
import { eventKey } from '../../src/events/types';
import { SpanBuilder, agentOf } from '../../src/export/spans';
import type { RunStatus, ViewedRun } from '../../src/protocol/demoViewer';

export interface AgentGraphData {
  nodes: { id: string; label: string }[];
  edges: { from: string; to: string; label?: string }[];
}

/** Index of the first element for which `after(x)` holds (the list is ordered). */
export function upperBound<T>(list: readonly T[], after: (x: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after(list[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export class RunModel {
  run: ViewedRun | null = null;
  events: AgentifyEvent[] = [];
  spans = new SpanBuilder();
  terminal: AgentifyEvent | undefined;
  activeAgent: string | undefined;
  versions = { events: 0, spans: 0, graph: 0, active: 0, run: 0 };
  private keys = new Set<string>();
  private declared: AgentGraphData | undefined;
  private agentOrder: string[] = [];
  private inferred = new Map<string, { from: string; to: string }>();
  private spanAgent = new Map<string, string>();
  private openAgents: string[] = [];

  reset(run: ViewedRun | null, events: readonly AgentifyEvent[] = []): void {
    this.run = run;
    this.events = [];
    this.keys.clear();
    this.spans = new SpanBuilder();
    this.terminal = undefined;
    this.activeAgent = undefined;
    this.declared = undefined;
    this.agentOrder = [];
    this.inferred.clear();
    this.spanAgent.clear();
    this.openAgents = [];
    for (const v of Object.keys(this.versions) as (keyof RunModel['versions'])[]) this.versions[v]++;
    const sorted = [...events].sort((a, b) => a.timestamp - b.timestamp);
    for (const e of sorted) this.add(e);
  }

  /** Adds one event; returns its position, or -1 when it was already shown or belongs to another run. */
  add(event: AgentifyEvent): number {
    if (this.run && event.workflow_id !== this.run.workflowId) return -1;
    const key = eventKey(event);
    if (this.keys.has(key)) return -1;
    this.keys.add(key);
    const last = this.events[this.events.length - 1];
    let index = this.events.length;
    if (last && last.timestamp > event.timestamp) {
      index = upperBound(this.events, (x) => x.timestamp > event.timestamp);
      this.events.splice(index, 0, event);
    } else {
      this.events.push(event);
    }
    this.versions.events++;
    this.index(event);
    return index;
  }

  get status(): RunStatus {
    const status = this.run?.status ?? 'idle';
    if (status !== 'running' && status !== 'idle' && status !== 'completed') return status;
    if (this.terminal) return this.terminal.event_type === 'workflow_error' ? 'failed' : 'completed';
    return status;
  }

  setStatus(status: RunStatus, endedAt?: number): void {
    if (!this.run) return;
    this.run = { ...this.run, status, endedAt: endedAt ?? this.run.endedAt };
    this.versions.run++;
    if (status !== 'running' && this.activeAgent) this.setActive(undefined);
  }

  get startedAt(): number | undefined {
    return this.events[0]?.timestamp ?? this.run?.startedAt;
  }

  get endedAt(): number | undefined {
    if (this.terminal) return this.terminal.timestamp;
    if (this.status !== 'running') return this.run?.endedAt ?? this.events[this.events.length - 1]?.timestamp;
    return undefined;
  }

  /** Agents in the order they appeared (declared ones first). */
  get agents(): string[] {
    return this.graph().nodes.map((n) => n.id);
  }

  graph(): AgentGraphData {
    const nodes = new Map<string, { id: string; label: string }>();
    for (const n of this.declared?.nodes ?? []) nodes.set(n.id, n);
    for (const a of this.agentOrder) if (!nodes.has(a)) nodes.set(a, { id: a, label: a });
    const edges = new Map<string, { from: string; to: string; label?: string }>();
    for (const e of this.declared?.edges ?? []) edges.set(`${e.from}\u0000${e.to}`, e);
    for (const [k, e] of this.inferred) if (!edges.has(k)) edges.set(k, e);
    return { nodes: [...nodes.values()], edges: [...edges.values()].filter((e) => nodes.has(e.from) && nodes.has(e.to)) };
  }

  private index(event: AgentifyEvent): void {
    if (this.spans.add(event)) this.versions.spans++;
    const p = event.payload;
    const agent = agentOf(event);
    if (agent && !this.agentOrder.includes(agent)) {
      this.agentOrder.push(agent);
      this.versions.graph++;
    }
    if (agent && typeof p.span_id === 'string') this.spanAgent.set(p.span_id, agent);
    switch (event.event_type) {
      case 'graph_structure':
        this.declare(event);
        break;
      case 'agent_start': {
        const parent = typeof p.parent_span_id === 'string' ? this.spanAgent.get(p.parent_span_id) : undefined;
        if (agent && parent && parent !== agent && !this.inferred.has(`${parent}\u0000${agent}`)) {
          this.inferred.set(`${parent}\u0000${agent}`, { from: parent, to: agent });
          this.versions.graph++;
        }
        if (agent && !this.terminal) {
          this.openAgents.push(agent);
          this.setActive(agent);
        }
        break;
      }
      case 'agent_end':
        if (agent) {
          const i = this.openAgents.lastIndexOf(agent);
          if (i >= 0) this.openAgents.splice(i, 1);
          this.setActive(this.openAgents[this.openAgents.length - 1]);
        }
        break;
      case 'workflow_complete':
      case 'workflow_error':
        this.terminal = event;
        this.openAgents = [];
        this.setActive(undefined);
        this.versions.run++;
        break;
      default:
        if (agent && !this.terminal && this.run?.status === 'running' && this.activeAgent !== agent && event.event_type !== 'log') this.setActive(agent);
    }
  }

  private setActive(agent: string | undefined): void {
    if (this.activeAgent === agent) return;
    this.activeAgent = agent;
    this.versions.active++;
  }

  private declare(event: AgentifyEvent): void {
    const p = event.payload;
    const nodes = (Array.isArray(p.nodes) ? p.nodes : [])
      .filter((n) => n && typeof n.id === 'string' && (n.kind === undefined || n.kind === 'agent'))
      .map((n) => ({ id: n.id, label: typeof n.label === 'string' && n.label ? n.label : n.id }));
    const ids = new Set(nodes.map((n) => n.id));
    const edges = (Array.isArray(p.edges) ? p.edges : [])
      .filter((e) => e && typeof e.from === 'string' && typeof e.to === 'string' && ids.has(e.from) && ids.has(e.to))
      .map((e) => ({ from: e.from, to: e.to, label: typeof e.label === 'string' ? e.label : undefined }));
    this.declared = { nodes, edges };
    this.versions.graph++;
  }
}
