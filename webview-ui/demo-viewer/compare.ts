/**
 * Two runs side by side, as figures: outcome, run time, tokens, calls, errors and cost, the time
 * of each agent and each tool in both with the difference, and a line diff of the final results.
 * Each side is read through its own RunModel, so agents are matched the same way as in the view.
 */
import type { PriceTable } from '../../src/domain/pricing';
import { Totals, agentTotals, runTotals, toolTimings } from '../../src/domain/runTotals';
import { DiffLine, diffLines } from '../../src/domain/textDiff';
import type { ComparedRun, RunStatus } from '../../src/protocol/demoViewer';
import { RunModel } from './model';

export interface SideFigures {
  workflowId: string;
  prompt: string;
  startedAt: number;
  status: RunStatus;
  totals: Totals;
  result: string;
}

export interface TimingRow {
  name: string;
  left: number | undefined;
  right: number | undefined;
  /** right − left, when both ran. */
  delta: number | undefined;
  leftCalls: number;
  rightCalls: number;
}

export interface Comparison {
  left: SideFigures;
  right: SideFigures;
  agents: TimingRow[];
  tools: TimingRow[];
  diff: DiffLine[];
}

export function resultText(model: RunModel): string {
  const t = model.terminal;
  if (!t) return '';
  const p = t.payload;
  if (t.event_type === 'workflow_error')
    return p.error ? `${p.error.type}: ${p.error.message}` : String(p.message ?? 'The workflow failed.');
  const r = p.result !== undefined ? p.result : p.output;
  if (r === undefined || r === null) return '';
  return typeof r === 'string' ? r : (JSON.stringify(r, null, 2) ?? '');
}

function side(c: ComparedRun, prices: PriceTable): { figures: SideFigures; model: RunModel } {
  const model = new RunModel();
  model.reset(c.run, c.events);
  const figures: SideFigures = {
    workflowId: c.run.workflowId,
    prompt: c.run.prompt,
    startedAt: model.startedAt ?? c.run.startedAt,
    status: model.status,
    totals: runTotals(model.spans.spans.values(), prices, model.clock.duration),
    result: resultText(model),
  };
  return { figures, model };
}

function rows(
  left: Map<string, { time: number | undefined; calls: number }>,
  right: Map<string, { time: number | undefined; calls: number }>,
): TimingRow[] {
  const names = [...new Set([...left.keys(), ...right.keys()])];
  return names.map((name) => {
    const l = left.get(name);
    const r = right.get(name);
    return {
      name,
      left: l?.time,
      right: r?.time,
      delta: l?.time !== undefined && r?.time !== undefined ? r.time - l.time : undefined,
      leftCalls: l?.calls ?? 0,
      rightCalls: r?.calls ?? 0,
    };
  });
}

function agentTimes(model: RunModel, prices: PriceTable): Map<string, { time: number | undefined; calls: number }> {
  const out = new Map<string, { time: number | undefined; calls: number }>();
  const stats = model.agentStats();
  for (const [id, t] of agentTotals(model.spans.spans.values(), prices, (s) => model.spanAgentId(s)))
    out.set(model.agentLabel(id), { time: t.durationMs, calls: stats.get(id)?.runs ?? 0 });
  return out;
}

export function compareRuns(left: ComparedRun, right: ComparedRun, prices: PriceTable): Comparison {
  const a = side(left, prices);
  const b = side(right, prices);
  const toolsOf = (m: RunModel) =>
    new Map([...toolTimings(m.spans.spans.values())].map(([k, v]) => [k, { time: v.durationMs, calls: v.calls }]));
  return {
    left: a.figures,
    right: b.figures,
    agents: rows(agentTimes(a.model, prices), agentTimes(b.model, prices)),
    tools: rows(toolsOf(a.model), toolsOf(b.model)),
    diff: diffLines(a.figures.result, b.figures.result),
  };
}
