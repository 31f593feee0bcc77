/**
 * Totals of a run, an agent or a span subtree: tokens in and out, model and tool calls, errors,
 * duration and the estimated cost from a price table. Tokens come from model-call spans only, so
 * an agent span that also reports its usage is not counted twice. Pure and browser-safe.
 */
import type { Span } from './spans';
import { PriceTable, costOf } from './pricing';

export interface Totals {
  inputTokens: number;
  outputTokens: number;
  llmCalls: number;
  toolCalls: number;
  errors: number;
  /** Summed span time for an agent, the span's own time for a span, the run time for a run. */
  durationMs: number | undefined;
  /** Estimated USD for the priced calls. */
  cost: number;
  /** Calls that had tokens and a price. */
  pricedCalls: number;
  /** Models that had tokens but no price. */
  unpriced: string[];
}

export function emptyTotals(): Totals {
  return {
    inputTokens: 0,
    outputTokens: 0,
    llmCalls: 0,
    toolCalls: 0,
    errors: 0,
    durationMs: undefined,
    cost: 0,
    pricedCalls: 0,
    unpriced: [],
  };
}

export function spanDuration(s: Span): number | undefined {
  return s.end === undefined ? undefined : Math.max(0, s.end - s.start);
}

/** Adds one span's own figures (not its children's). */
export function addSpan(t: Totals, s: Span, prices: PriceTable): void {
  if (s.status === 'error') t.errors++;
  if (s.kind === 'tool') t.toolCalls++;
  if (s.kind !== 'llm') return;
  t.llmCalls++;
  const input = s.inputTokens ?? 0;
  const output = s.outputTokens ?? 0;
  t.inputTokens += input;
  t.outputTokens += output;
  if (s.inputTokens === undefined && s.outputTokens === undefined) return;
  const cost = costOf(s.model ?? s.name, input, output, prices);
  if (cost === undefined) {
    const model = s.model ?? s.name;
    if (!t.unpriced.includes(model)) t.unpriced.push(model);
  } else {
    t.cost += cost;
    t.pricedCalls++;
  }
}

/** A span and everything under it; duration is the span's own. */
export function subtreeTotals(root: Span, prices: PriceTable): Totals {
  const t = emptyTotals();
  const stack = [root];
  for (let guard = 0; stack.length && guard < 1_000_000; guard++) {
    const s = stack.pop()!;
    addSpan(t, s, prices);
    stack.push(...s.children);
  }
  t.durationMs = spanDuration(root);
  return t;
}

/** Every span of a run; duration is the run time (see runDuration.ts), given by the caller. */
export function runTotals(spans: Iterable<Span>, prices: PriceTable, durationMs: number | undefined): Totals {
  const t = emptyTotals();
  for (const s of spans) addSpan(t, s, prices);
  t.durationMs = durationMs;
  return t;
}

/**
 * Per agent (by the id `agentOf` gives a span): its calls, tokens and cost, and the summed time
 * of its agent spans. Spans without an agent are left out.
 */
export function agentTotals(
  spans: Iterable<Span>,
  prices: PriceTable,
  agentOf: (s: Span) => string | undefined,
): Map<string, Totals> {
  const out = new Map<string, Totals>();
  for (const s of spans) {
    const agent = agentOf(s);
    if (!agent) continue;
    let t = out.get(agent);
    if (!t) out.set(agent, (t = emptyTotals()));
    addSpan(t, s, prices);
    const d = s.kind === 'agent' ? spanDuration(s) : undefined;
    if (d !== undefined) t.durationMs = (t.durationMs ?? 0) + d;
  }
  return out;
}

/** Per tool name: calls, errors and summed time (for the comparison of two runs). */
export function toolTimings(spans: Iterable<Span>): Map<string, { calls: number; errors: number; durationMs: number }> {
  const out = new Map<string, { calls: number; errors: number; durationMs: number }>();
  for (const s of spans) {
    if (s.kind !== 'tool') continue;
    const t = out.get(s.name) ?? { calls: 0, errors: 0, durationMs: 0 };
    t.calls++;
    if (s.status === 'error') t.errors++;
    t.durationMs += spanDuration(s) ?? 0;
    out.set(s.name, t);
  }
  return out;
}
