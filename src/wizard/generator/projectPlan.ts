/**
 * Turns a wizard design into the plan the file writers share: a unique name (the one its events
 * and its graph node carry) and a safe Python module for every agent, an identifier for every tool,
 * the hand-offs resolved to agents that exist, the order the agents run in for the chosen pattern,
 * and the mock data parsed (invalid JSON is kept as text, never code).
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
  /** Unique within the team: the agent's events, graph node and registry profile all use it. */
  name: string;
  role: string;
  instructions: string;
  /** Module name under agents/ (agent_<ident>.py) and the function inside it. */
  module: string;
  tools: PlannedTool[];
}

export interface ProjectPlan {
  title: string;
  /** The workflow's name as a folder and registry name: lower-case letters, digits and dashes. */
  slug: string;
  /** The prompt a run without --prompt uses: the first demo prompt, else the title. */
  defaultPrompt: string;
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

/** Hands out display names unique within the team: a second "Planner" becomes "Planner (2)". */
class NameScope {
  private readonly used = new Set<string>();

  take(name: string): string {
    let unique = name;
    for (let n = 2; this.used.has(unique.toLowerCase()); n++) unique = `${name} (${n})`;
    this.used.add(unique.toLowerCase());
    return unique;
  }
}

function planAgent(agent: AgentDesign, modules: IdentifierScope, names: NameScope, index: number): PlannedAgent {
  const tools = new IdentifierScope([
    'run',
    'SPEC',
    'TOOLS',
    'mock_response',
    'agent',
    'tool',
    'compose',
    'agent_spec',
  ]);
  return {
    id: agent.id,
    name: names.take(agent.name.trim() || `Agent ${index + 1}`),
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
  const modules = new IdentifierScope(['main', 'mock_tools', 'workflow_design', 'workflow_runtime', 'agent_registry']);
  const names = new NameScope();
  const agents = design.agents.map((a, i) => planAgent(a, modules, names, i));
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
  const datasets = design.datasets.map((d, i) => ({
    name: d.name,
    file: `mock_data/${files.take(toFileName(d.name, `dataset-${i + 1}`), `dataset_${i + 1}`).replace(/_/g, '-')}.json`,
    records: parseJsonOr(d.records),
  }));
  const title = titleOf(design.objective);
  const defaultPrompt = design.demo.prompts.find((p) => p.trim())?.trim() ?? title;
  return { title, slug: slugOf(title), defaultPrompt, pattern: design.pattern, agents, edges, order, datasets };
}

/** The workflow's name: the objective's first sentence, cut at a word boundary. */
export function titleOf(objective: string): string {
  const first = objective
    .trim()
    .split(/\n|(?<=[.!?])\s/)[0]
    .trim()
    .replace(/[.!?]$/, '');
  if (first.length <= 60) return first || 'Agent workflow';
  const cut = first.slice(0, 60);
  const space = cut.lastIndexOf(' ');
  return `${(space > 30 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}...`;
}

/** A folder name from the workflow's title: `Resolve returns fast` → `resolve-returns-fast`. */
export function slugOf(title: string): string {
  return (
    toFileName(title.replace(/\.{3}$/, ''), 'agent-workflow')
      .slice(0, 40)
      .replace(/-+$/, '') || 'agent-workflow'
  );
}
