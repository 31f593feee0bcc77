/**
 * Spans → Agentify events, live. A span reaches us only when it has ended, so children arrive
 * before their parents; the mapper keeps each run's spans (bounded) and emits events that, merged
 * in timestamp order, read as the run happened:
 *
 * - the first span of a run opens it (workflow_start, a little before that span's start);
 * - a span whose parent has not arrived opens that parent at once with an `agent_start` marked
 *   `pending` (named when the child names its agent), so the viewer shows something running
 *   there; when the parent arrives only its end event follows, never a second start;
 * - agents → agent_start / agent_end, tools → tool_call started / completed|failed, model calls →
 *   one llm_call with model and tokens, any other span → a nameless agent_start / agent_end pair
 *   (`generic: true`) so it keeps its place in the span tree;
 * - the trace's root ends the run (workflow_complete / workflow_error); for a run whose id the
 *   producer declared (several traces may share it), only a root that declares itself the
 *   workflow does;
 * - graph_structure whenever the agent → agent / agent → tool graph grows.
 *
 * Every event's timestamp is claimed per (span, role) in the run's slots (identity.ts); a start is
 * never earlier than its parent's start, an end never earlier than its own start.
 */
import type { AgentifyEvent, EventPayload, EventType } from '../events/types';
import { SpanFacts, declaredWorkflowId, spanFacts } from './conventions';
import {
  OTLP_PRODUCER_ID,
  TimestampSlots,
  derivedWorkflowId,
  microsToTimestamp,
  slotTimestamp,
  workflowSpanId,
} from './identity';
import type { RejectedSpan, SpanIn } from './otlpModel';
import { GraphSpan, RunGraph, nearestAgent } from './runGraph';

/** An event as the receiver emits it: the contract's event with its producer, and no `seq`. */
export type OtlpEvent = AgentifyEvent & { producer_id: string };

export interface SpanMapperOptions {
  /** Runs whose state is kept (least recently used forgotten first). Default 256. */
  maxRuns?: number;
  /** Spans kept per run; further spans of that run are refused (partial success). Default 100000. */
  maxSpansPerRun?: number;
  /** The producer_id on every event. Default "otlp". */
  producerId?: string;
}

export interface MappedRun {
  workflowId: string;
  events: OtlpEvent[];
}

export interface MapResult {
  runs: MappedRun[];
  rejected: RejectedSpan[];
}

interface SpanState extends GraphSpan {
  id: string;
  /** Slot of the event that opened it (its own start, or the pending start a child caused). */
  openUs: number;
  pending: boolean;
  arrived: boolean;
}

interface RunState {
  workflowId: string;
  declared: boolean;
  workflowSpanId: string;
  traceId: string;
  slots: TimestampSlots;
  spans: Map<string, SpanState>;
  startUs?: number;
  maxUs: number;
  ended: boolean;
  graph: RunGraph;
  /** The graph's version last emitted. */
  graphVersion: number;
  serviceName?: string;
}

/** Runs forgotten (LRU) whose start was already emitted; they must not start twice. */
const MAX_FORGOTTEN = 4096;

export class SpanMapper {
  private readonly runs = new Map<string, RunState>();
  private readonly forgotten = new Set<string>();
  private readonly maxRuns: number;
  private readonly maxSpansPerRun: number;
  private readonly producerId: string;

  constructor(options: SpanMapperOptions = {}) {
    this.maxRuns = options.maxRuns ?? 256;
    this.maxSpansPerRun = options.maxSpansPerRun ?? 100_000;
    this.producerId = options.producerId ?? OTLP_PRODUCER_ID;
  }

  /** Runs whose state is currently kept. */
  get runCount(): number {
    return this.runs.size;
  }

  map(spans: readonly SpanIn[]): MapResult {
    const groups = new Map<string, SpanIn[]>();
    for (const span of spans) {
      const declared = declaredWorkflowId(span);
      const id = declared ?? derivedWorkflowId(span.traceId);
      let group = groups.get(id);
      if (!group) groups.set(id, (group = []));
      group.push(span);
    }
    const result: MapResult = { runs: [], rejected: [] };
    for (const [workflowId, group] of groups) {
      const run = this.run(workflowId, group[0]);
      const events = new RunBatch(run, this.producerId, this.maxSpansPerRun, result.rejected).map(group);
      if (events.length) result.runs.push({ workflowId, events });
    }
    return result;
  }

  private run(workflowId: string, first: SpanIn): RunState {
    let run = this.runs.get(workflowId);
    if (run) {
      // Least recently used first: re-insert on every touch.
      this.runs.delete(workflowId);
      this.runs.set(workflowId, run);
      return run;
    }
    const spans = new Map<string, SpanState>();
    run = {
      workflowId,
      declared: declaredWorkflowId(first) !== undefined,
      workflowSpanId: workflowSpanId(workflowId),
      traceId: first.traceId,
      slots: new TimestampSlots(),
      spans,
      maxUs: 0,
      ended: false,
      graph: new RunGraph(spans),
      graphVersion: 0,
      serviceName: typeof first.resource['service.name'] === 'string' ? first.resource['service.name'] : undefined,
    };
    if (this.forgotten.has(workflowId)) run.startUs = 0;
    this.runs.set(workflowId, run);
    while (this.runs.size > this.maxRuns) {
      const oldest = this.runs.keys().next().value as string;
      this.runs.delete(oldest);
      this.forgotten.add(oldest);
      if (this.forgotten.size > MAX_FORGOTTEN) this.forgotten.delete(this.forgotten.values().next().value as string);
    }
    return run;
  }
}

const START_OF: Record<'agent' | 'tool' | 'generic', EventType> = {
  agent: 'agent_start',
  tool: 'tool_call',
  generic: 'agent_start',
};

/** One request's spans of one run. */
class RunBatch {
  private readonly events: OtlpEvent[] = [];
  private readonly batch = new Map<string, SpanIn>();
  private readonly done = new Set<string>();
  private root: { span: SpanIn; facts: SpanFacts } | undefined;
  private last: string | undefined;

  constructor(
    private readonly run: RunState,
    private readonly producerId: string,
    private readonly maxSpans: number,
    private readonly rejected: RejectedSpan[],
  ) {}

  map(spans: SpanIn[]): OtlpEvent[] {
    for (const s of spans) this.batch.set(s.spanId, s);
    const run = this.run;
    // The run's own workflow span in this request gives the start its name, time and input;
    // otherwise a millisecond of room before the first span leaves space for pending starts. A run
    // whose id the producer declared belongs to whoever started it (the executor): only its own
    // workflow span starts it here.
    const root =
      run.startUs === undefined
        ? spans.find((x) => x.parentSpanId === undefined && spanFacts(x).role === 'workflow')
        : undefined;
    if (run.startUs === undefined && (root || !run.declared)) {
      const facts = root ? spanFacts(root) : undefined;
      const first = root ? root.startUs : Math.min(...spans.map((x) => x.startUs)) - 1000;
      run.startUs = run.slots.claim('workflow:start', first);
      const name = facts?.name ?? run.serviceName;
      this.emit('workflow_start', run.startUs, undefined, {
        span_id: run.workflowSpanId,
        trace_id: run.traceId,
        status: 'started',
        ...(name ? { workflow_name: name } : {}),
        ...(facts?.input !== undefined ? { input: facts.input } : {}),
        source: 'otlp',
      });
    }
    // Parents of the same request first: they need no pending start.
    for (const s of [...spans].sort((a, b) => a.startUs - b.startUs)) this.visit(s, 0);
    this.graph();
    this.terminal();
    return this.events.sort((a, b) => a.timestamp - b.timestamp);
  }

  private visit(span: SpanIn, depth: number): void {
    if (this.done.has(span.spanId)) return;
    this.done.add(span.spanId);
    const parent = span.parentSpanId ? this.batch.get(span.parentSpanId) : undefined;
    if (parent && depth < 1000) this.visit(parent, depth + 1);
    if (!this.run.spans.has(span.spanId) && this.run.spans.size >= this.maxSpans) {
      this.rejected.push({ reason: `a span beyond the ${this.maxSpans} kept for one run` });
      return;
    }
    this.span(span);
  }

  private span(span: SpanIn): void {
    const run = this.run;
    const facts = spanFacts(span);
    const isRoot = span.parentSpanId === undefined || span.spanId === run.workflowSpanId;
    if (isRoot && (facts.role === 'workflow' || !run.declared)) this.root = { span, facts };
    if (facts.role === 'workflow' && isRoot) {
      // The run's own workflow span (Agentify's export): it is the workflow_start / terminal pair.
      this.store({
        id: span.spanId,
        role: 'workflow',
        name: facts.name,
        openUs: run.startUs ?? 0,
        pending: false,
        arrived: true,
      });
      return;
    }
    const role = facts.role === 'workflow' ? 'generic' : facts.role;
    // A root hangs under the run's workflow span, except in a declared run, whose workflow is not ours.
    const parentId = span.parentSpanId ?? (run.declared ? undefined : run.workflowSpanId);
    if (span.parentSpanId && !run.spans.has(span.parentSpanId)) this.pending(span.parentSpanId, span, facts);
    const parent = parentId ? run.spans.get(parentId) : undefined;
    const floor = (parent?.openUs ?? run.startUs ?? 0) + 1;
    let state = run.spans.get(span.spanId);
    const agentName = role === 'agent' ? facts.name : (nearestAgent(run.spans, parentId)?.name ?? facts.agentHint);
    if (!state || !state.arrived) {
      const wasPending = state?.pending ?? false;
      const openUs = wasPending
        ? state!.openUs
        : role === 'llm'
          ? Math.max(span.startUs, floor)
          : run.slots.claim(`${span.spanId}:open`, Math.max(span.startUs, floor));
      state = { id: span.spanId, parentId, role, name: facts.name, openUs, pending: wasPending, arrived: true };
      this.store(state);
    }
    this.last = span.spanId;
    const durationMs = (span.endUs - span.startUs) / 1000;
    const closeUs = run.slots.claim(`${span.spanId}:close`, Math.max(span.endUs, state.openUs + 1));
    const name = role === 'generic' ? undefined : agentName;
    // Payloads are built by assignment, not spreads: this runs for every span (see bench/otlp).
    const close = payload(span, parentId);
    close.status = facts.failed ? 'failed' : 'completed';
    close.duration_ms = durationMs;
    if (facts.error) close.error = facts.error;
    if (role === 'llm') {
      addLlm(close, facts);
      addIo(close, facts);
      this.emit('llm_call', closeUs, name, close);
      return;
    }
    if (!state.pending) {
      const open = payload(span, parentId);
      open.status = 'started';
      if (role === 'tool') addTool(open, facts);
      else addAgent(open, role, facts);
      if (facts.input !== undefined && role !== 'generic') open.input = facts.input;
      this.emit(START_OF[role], state.openUs, name, open);
    }
    if (role === 'tool') addTool(close, facts);
    else addAgent(close, role, facts);
    addIo(close, facts);
    close.start_time_ms = microsToTimestamp(span.startUs);
    this.emit(role === 'tool' ? 'tool_call' : 'agent_end', closeUs, name, close);
  }

  /** Opens a parent that has not arrived yet, just before the child that points at it. */
  private pending(parentId: string, child: SpanIn, facts: SpanFacts): void {
    const run = this.run;
    const floor = (run.startUs ?? 0) + 1;
    const openUs = run.slots.claim(`${parentId}:open`, Math.max(child.startUs - 1, floor));
    // Named only when the child says which agent it belongs to: a guess would draw a wrong node.
    const hint = facts.role === 'agent' ? undefined : facts.agentHint;
    this.store({
      id: parentId,
      role: hint ? 'agent' : 'pending',
      name: hint ?? '',
      openUs,
      pending: true,
      arrived: false,
    });
    this.emit('agent_start', openUs, hint, {
      span_id: parentId,
      trace_id: child.traceId,
      status: 'started',
      pending: true,
      ...(hint ? { 'gen_ai.agent.name': hint } : {}),
    });
  }

  /** Keeps the span's state, and the graph with it. */
  private store(state: SpanState): void {
    const before = this.run.spans.get(state.id);
    this.run.spans.set(state.id, state);
    this.run.graph.update(before, state);
  }

  private graph(): void {
    const run = this.run;
    if (!this.last || run.graph.version === run.graphVersion || !run.graph.hasAgent) return;
    run.graphVersion = run.graph.version;
    const us = run.slots.claim(`${this.last}:graph`, run.maxUs + 1);
    this.emit('graph_structure', us, undefined, { ...run.graph.snapshot(), source: 'otlp' });
  }

  private terminal(): void {
    const run = this.run;
    if (!this.root) return;
    const { span, facts } = this.root;
    const us = run.slots.claim('workflow:end', Math.max(span.endUs, run.maxUs + 1));
    const payload: EventPayload = {
      span_id: run.workflowSpanId,
      trace_id: span.traceId,
      status: facts.failed ? 'failed' : 'completed',
      duration_ms: (us - (run.startUs ?? us)) / 1000,
      ...(facts.input !== undefined ? { input: facts.input } : {}),
      ...(facts.output !== undefined ? { result: facts.output } : {}),
      ...(facts.error ? { error: facts.error } : {}),
    };
    run.ended = true;
    this.emit(facts.failed ? 'workflow_error' : 'workflow_complete', us, undefined, payload);
  }

  private emit(type: EventType, us: number, agentName: string | undefined, payload: EventPayload): void {
    if (us > this.run.maxUs) this.run.maxUs = us;
    const event: OtlpEvent = {
      workflow_id: this.run.workflowId,
      timestamp: slotTimestamp(us),
      event_type: type,
      payload,
      producer_id: this.producerId,
    };
    if (agentName) event.agent_name = agentName;
    this.events.push(event);
  }
}

function payload(span: SpanIn, parentId: string | undefined): EventPayload {
  return { span_id: span.spanId, parent_span_id: parentId ?? null, trace_id: span.traceId };
}

function addLlm(p: EventPayload, f: SpanFacts): void {
  if (f.model) p['gen_ai.request.model'] = f.model;
  if (f.system) p['gen_ai.system'] = f.system;
  if (f.inputTokens !== undefined) p['gen_ai.usage.input_tokens'] = f.inputTokens;
  if (f.outputTokens !== undefined) p['gen_ai.usage.output_tokens'] = f.outputTokens;
}

function addTool(p: EventPayload, f: SpanFacts): void {
  p['gen_ai.tool.name'] = f.name;
  p.name = f.name;
  if (f.toolCallId) p.tool_call_id = f.toolCallId;
}

function addAgent(p: EventPayload, role: string, f: SpanFacts): void {
  if (role === 'generic') {
    p.name = f.name;
    p.generic = true;
    return;
  }
  p['gen_ai.agent.name'] = f.name;
  if (f.model) p['gen_ai.request.model'] = f.model;
}

function addIo(p: EventPayload, f: SpanFacts): void {
  if (f.input !== undefined) p.input = f.input;
  if (f.output !== undefined) p.output = f.output;
}
