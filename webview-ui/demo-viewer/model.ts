/**
 * The run the viewer shows, kept incrementally: events in timestamp order (the host delivers each
 * event of a run once, in order), spans and the events of each, agents and their hand-offs, the
 * active agent, the run's clock and the terminal event. Agents have one identity: a graph node
 * matches events by its id or its label, so a node declared as `agent-1` "Triage Agent" and
 * events from "Triage Agent" are one agent. Each part has a version so views redraw only what
 * changed.
 */
import type { AgentifyEvent } from '../../src/events/types';
import { Span, SpanBuilder, agentOf } from '../../src/domain/spans';
import { RunClock } from '../../src/domain/runDuration';
import type { RunStatus, ViewedRun } from '../../src/protocol/demoViewer';

export interface AgentGraphData {
  nodes: { id: string; label: string }[];
  edges: { from: string; to: string; label?: string }[];
}

/** running: a span of it is open; done: all ended well; failed: one failed; not reached: the run ended without it. */
export type AgentStatus = 'pending' | 'running' | 'done' | 'failed' | 'notReached';

export interface AgentStats {
  status: AgentStatus;
  /** Times the agent ran (its agent spans). */
  runs: number;
  toolCalls: number;
  llmCalls: number;
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

const edgeKey = (from: string, to: string) => `${from}\u0000${to}`;

export class RunModel {
  run: ViewedRun | null = null;
  events: AgentifyEvent[] = [];
  spans = new SpanBuilder();
  clock = new RunClock();
  terminal: AgentifyEvent | undefined;
  /** The working agent's id (a graph node id when it is declared). */
  activeAgent: string | undefined;
  versions = { events: 0, spans: 0, graph: 0, active: 0, run: 0 };
  private declared: AgentGraphData | undefined;
  /** Node ids and labels → node id. */
  private alias = new Map<string, string>();
  /** Agent names in order of appearance, as the events wrote them. */
  private agentOrder: string[] = [];
  private seenAgents = new Set<string>();
  /** Hand-offs between agents (raw names) and how often each happened. */
  private handoffs = new Map<string, { from: string; to: string; count: number }>();
  private spanAgent = new Map<string, string>();
  private openAgents: string[] = [];
  private lastEndedAgent: string | undefined;
  private spanEvents = new Map<string, AgentifyEvent[]>();
  private eventSpan = new WeakMap<AgentifyEvent, string>();

  reset(run: ViewedRun | null, events: readonly AgentifyEvent[] = []): void {
    this.run = run;
    this.events = [];
    this.spans = new SpanBuilder();
    this.clock = new RunClock();
    this.terminal = undefined;
    this.activeAgent = undefined;
    this.declared = undefined;
    this.alias.clear();
    this.agentOrder = [];
    this.seenAgents.clear();
    this.handoffs.clear();
    this.spanAgent.clear();
    this.openAgents = [];
    this.lastEndedAgent = undefined;
    this.spanEvents.clear();
    this.eventSpan = new WeakMap();
    for (const v of Object.keys(this.versions) as (keyof RunModel['versions'])[]) this.versions[v]++;
    const sorted = [...events].sort((a, b) => a.timestamp - b.timestamp);
    for (const e of sorted) this.add(e);
  }

  /** Adds one event; returns its position, or -1 when it belongs to another run. */
  add(event: AgentifyEvent): number {
    if (this.run && event.workflow_id !== this.run.workflowId) return -1;
    const last = this.events[this.events.length - 1];
    let index = this.events.length;
    if (last && last.timestamp > event.timestamp) {
      index = upperBound(this.events, (x) => x.timestamp > event.timestamp);
      this.events.splice(index, 0, event);
    } else {
      this.events.push(event);
    }
    this.versions.events++;
    this.clock.add(event);
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
    this.versions.graph++;
    if (status !== 'running' && this.activeAgent) this.setActive(undefined);
  }

  get startedAt(): number | undefined {
    return this.events[0]?.timestamp ?? this.run?.startedAt;
  }

  /** Where span bars end: the terminal event, else the last event (bars use the workflow's clock only). */
  get endedAt(): number | undefined {
    if (this.terminal) return this.terminal.timestamp;
    if (this.status !== 'running') return this.events[this.events.length - 1]?.timestamp ?? this.run?.endedAt;
    return undefined;
  }

  /** The agent id an event's or span's agent name stands for. */
  resolveAgent(name: string | undefined): string | undefined {
    if (name === undefined) return undefined;
    return this.alias.get(name) ?? name;
  }

  /** The label to show for an agent id. */
  agentLabel(id: string): string {
    return this.declared?.nodes.find((n) => n.id === id)?.label ?? id;
  }

  /** Agent ids in the order they appeared (declared ones first). */
  get agents(): string[] {
    return this.graph().nodes.map((n) => n.id);
  }

  graph(): AgentGraphData {
    const nodes = new Map<string, { id: string; label: string }>();
    for (const n of this.declared?.nodes ?? []) nodes.set(n.id, n);
    for (const a of this.agentOrder) {
      const id = this.resolveAgent(a)!;
      if (!nodes.has(id)) nodes.set(id, { id, label: id });
    }
    const edges = new Map<string, { from: string; to: string; label?: string }>();
    for (const e of this.declared?.edges ?? []) edges.set(edgeKey(e.from, e.to), e);
    for (const h of this.handoffs.values()) {
      const from = this.resolveAgent(h.from)!;
      const to = this.resolveAgent(h.to)!;
      if (!edges.has(edgeKey(from, to))) edges.set(edgeKey(from, to), { from, to });
    }
    return {
      nodes: [...nodes.values()],
      edges: [...edges.values()].filter((e) => nodes.has(e.from) && nodes.has(e.to)),
    };
  }

  /** How often each edge (by node ids) was taken. */
  edgeCounts(): Map<string, number> {
    const out = new Map<string, number>();
    for (const h of this.handoffs.values()) {
      const k = edgeKey(this.resolveAgent(h.from)!, this.resolveAgent(h.to)!);
      out.set(k, (out.get(k) ?? 0) + h.count);
    }
    return out;
  }

  /** Status and call counts of every agent node. */
  agentStats(): Map<string, AgentStats> {
    const out = new Map<string, AgentStats>();
    for (const id of this.agents) out.set(id, { status: 'pending', runs: 0, toolCalls: 0, llmCalls: 0 });
    const open = new Set<string>();
    const failed = new Set<string>();
    for (const s of this.spans.spans.values()) {
      const id = this.spanAgentId(s);
      const st = id ? out.get(id) : undefined;
      if (!id || !st) continue;
      if (s.kind === 'agent') st.runs++;
      else if (s.kind === 'tool') st.toolCalls++;
      else if (s.kind === 'llm') st.llmCalls++;
      if (s.kind === 'agent' && s.status === 'running') open.add(id);
      if (s.status === 'error' && s.kind === 'agent') failed.add(id);
    }
    const ended = this.status !== 'running' && this.status !== 'idle';
    for (const [id, st] of out) {
      const reached = st.runs + st.toolCalls + st.llmCalls > 0;
      if (failed.has(id)) st.status = 'failed';
      else if (open.has(id) && !ended) st.status = 'running';
      else if (reached) st.status = open.has(id) && ended ? (this.status === 'completed' ? 'done' : 'failed') : 'done';
      else st.status = ended ? 'notReached' : 'pending';
    }
    return out;
  }

  /** The agent id a span belongs to. */
  spanAgentId(s: Span): string | undefined {
    return this.resolveAgent(s.agent);
  }

  /** The events that made a span, in time order. */
  eventsOf(spanId: string): readonly AgentifyEvent[] {
    return this.spanEvents.get(spanId) ?? [];
  }

  /** The span an event belongs to, if any. */
  spanOf(event: AgentifyEvent): Span | undefined {
    const id = this.eventSpan.get(event);
    return id ? this.spans.spans.get(id) : undefined;
  }

  private index(event: AgentifyEvent): void {
    const span = this.spans.add(event);
    if (span) {
      this.versions.spans++;
      this.eventSpan.set(event, span.id);
      const list = this.spanEvents.get(span.id);
      if (list) list.push(event);
      else this.spanEvents.set(span.id, [event]);
    }
    const p = event.payload;
    const agent = agentOf(event);
    if (agent && !this.seenAgents.has(agent)) {
      this.seenAgents.add(agent);
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
        // The agent that handed over: the calling agent, else the last one that finished.
        const from = parent && parent !== agent ? parent : this.openAgents.length ? undefined : this.lastEndedAgent;
        if (agent && from && from !== agent) {
          const k = edgeKey(from, agent);
          const h = this.handoffs.get(k);
          if (h) h.count++;
          else this.handoffs.set(k, { from, to: agent, count: 1 });
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
          this.lastEndedAgent = agent;
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
        if (
          agent &&
          !this.terminal &&
          this.run?.status === 'running' &&
          this.activeAgent !== this.resolveAgent(agent) &&
          event.event_type !== 'log'
        )
          this.setActive(agent);
    }
  }

  private setActive(agent: string | undefined): void {
    const id = this.resolveAgent(agent);
    if (this.activeAgent === id) return;
    this.activeAgent = id;
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
    this.alias.clear();
    // Labels first, ids last: an id always names its own node, even when another node uses it as a label.
    for (const n of nodes) if (!this.alias.has(n.label)) this.alias.set(n.label, n.id);
    for (const n of nodes) this.alias.set(n.id, n.id);
    if (this.activeAgent) this.activeAgent = this.resolveAgent(this.activeAgent);
    this.versions.graph++;
    this.versions.active++;
  }
}
