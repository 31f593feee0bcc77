/**
 * Turns a wizard design into the plan the file writers share: a safe Python identifier and module
 * for every agent and tool, the hand-offs resolved to agents that exist, the order the agents run
 * in for the chosen pattern, and the mock data parsed (invalid JSON is kept as text, never code).
 */
import { AgentDesign, Pattern, WizardDesign, defaultEdges } from '../../protocol/ideationWizard';
import { IdentifierScope, toFileName } from './pythonText';

export interface PlannedTool {
  id: string;
  name: string;
  description: string;
  ident: string;
  mockResponse: unknown;
}

export interface PlannedAgent {
  id: string;
  name: string;
  role: string;
  instructions: string;
  /** Module name under agents/ (agent_<ident>.py) and the function inside it. */
  module: string;
  tools: PlannedTool[];
}

export interface ProjectPlan {
  title: string;
  pattern: Pattern;
  agents: PlannedAgent[];
  edges: { from: string; to: string }[];
  /** Agent ids in the order they run (sequential/graph); for supervisor the supervisor first. */
  order: string[];
  datasets: { name: string; file: string; records: unknown }[];
}

/** JSON text parsed, or the text itself when it is not valid JSON. */
export function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function planAgent(agent: AgentDesign, modules: IdentifierScope, index: number): PlannedAgent {
  const tools = new IdentifierScope(['run', 'SPEC', 'mock_response', 'agent', 'tool', 'compose']);
  return {
    id: agent.id,
    name: agent.name.trim() || `Agent ${index + 1}`,
    role: agent.role,
    instructions: agent.instructions,
    module: `agent_${modules.take(agent.name, `agent_${index + 1}`)}`,
    tools: agent.tools.map((t, i) => ({
      id: t.id,
      name: t.name.trim() || `tool ${i + 1}`,
      description: t.description,
      ident: tools.take(t.name, `tool_${i + 1}`),
      mockResponse: parseJsonOr(t.mockResponse),
    })),
  };
}

/** Kahn's algorithm; agents in a cycle or unconnected keep their listed order at the end. */
export function executionOrder(agentIds: string[], edges: { from: string; to: string }[]): string[] {
  const indegree = new Map(agentIds.map((id) => [id, 0]));
  for (const e of edges) indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
  const order: string[] = [];
  const ready = agentIds.filter((id) => indegree.get(id) === 0);
  while (ready.length) {
    const id = ready.shift()!;
    order.push(id);
    for (const e of edges.filter((x) => x.from === id)) {
      const d = indegree.get(e.to)! - 1;
      indegree.set(e.to, d);
      if (d === 0) ready.push(e.to);
    }
  }
  for (const id of agentIds) if (!order.includes(id)) order.push(id);
  return order;
}

export function planProject(design: WizardDesign): ProjectPlan {
  const modules = new IdentifierScope(['main', 'mock_tools', 'workflow_design']);
  const agents = design.agents.map((a, i) => planAgent(a, modules, i));
  const ids = new Set(agents.map((a) => a.id));
  const seen = new Set<string>();
  const edges = design.edges.filter((e) => {
    const key = `${e.from}\u0000${e.to}`;
    if (!ids.has(e.from) || !ids.has(e.to) || e.from === e.to || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const agentIds = agents.map((a) => a.id);
  // A team drawn without hand-offs still runs: the pattern implies them.
  if (edges.length === 0) edges.push(...defaultEdges(design.pattern, agentIds));
  // The supervisor is the first agent; the other patterns follow the hand-offs.
  const order = design.pattern === 'supervisor' ? agentIds : executionOrder(agentIds, edges);
  const files = new IdentifierScope(['tool_responses']);
  const datasets = design.datasets.map((d, i) => ({ name: d.name, file: `mock_data/${files.take(toFileName(d.name, `dataset-${i + 1}`), `dataset_${i + 1}`).replace(/_/g, '-')}.json`, records: parseJsonOr(d.records) }));
  return { title: titleOf(design.objective), pattern: design.pattern, agents, edges, order, datasets };
}

/** The workflow's name: the objective's first sentence, cut at a word boundary. */
export function titleOf(objective: string): string {
  const first = objective.trim().split(/\n|(?<=[.!?])\s/)[0].trim().replace(/[.!?]$/, '');
  if (first.length <= 60) return first || 'Agent workflow';
  const cut = first.slice(0, 60);
  const space = cut.lastIndexOf(' ');
  return `${(space > 30 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}...`;
}
