/**
 * Rules for the agent team and its mock data: the industry's proven team, a tool added for each
 * system the user named that no tool covers yet (and a line telling its agent when to use it),
 * hand-offs that match the orchestration pattern, and a mock response for every tool in the
 * current design. The objective is not repeated in every agent: the first agent, which receives
 * the request, carries the team's goal in a few words; the full objective is in the steering docs.
 */
import {
  AgentDesign,
  Dataset,
  EdgeDesign,
  LIMITS,
  Pattern,
  WizardDesign,
  defaultEdges,
} from '../../../protocol/ideationWizard';
import { profileFor } from './profiles';
import { goalOf } from './rules';
import type { ProfileTool } from './profile';

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '') || 'system';

function covers(tool: ProfileTool, system: string): boolean {
  const s = system.toLowerCase();
  return (tool.systems ?? []).some((k) => s.includes(k) || k.includes(s));
}

export function suggestTeam(design: WizardDesign): { pattern: Pattern; agents: AgentDesign[]; edges: EdgeDesign[] } {
  const profile = profileFor(design.industry);
  const agents: AgentDesign[] = profile.agents.map((a, i) => ({
    id: `agent-${i + 1}`,
    name: a.name,
    role: a.role,
    instructions: a.instructions,
    tools: a.tools.map((t, j) => ({
      id: `tool-${i + 1}-${j + 1}`,
      name: t.name,
      description: t.description,
      mockResponse: JSON.stringify(t.response, null, 2),
    })),
  }));
  const allTools = profile.agents.flatMap((a) => a.tools);
  const uncovered = design.systems.filter((s) => !allTools.some((t) => covers(t, s)));
  const host = agents[0];
  uncovered.slice(0, LIMITS.list - host.tools.length).forEach((system, k) => {
    host.instructions += ` Read what the request needs from ${system} with query_${slug(system)}.`;
    host.tools.push({
      id: `tool-sys-${k + 1}`,
      name: `query_${slug(system)}`.slice(0, LIMITS.short),
      description: `Reads the records the request needs from ${system} (mocked for the demo)`.slice(0, LIMITS.long),
      mockResponse: JSON.stringify(
        { system, records: [{ id: `${slug(system).toUpperCase().slice(0, 6)}-001`, status: 'active' }] },
        null,
        2,
      ),
    });
  });
  if (design.objective.trim()) host.instructions += ` Team goal: ${goalOf(design.objective)}.`;
  const guard = design.guardrails.forbiddenData;
  if (guard.length) for (const a of agents) a.instructions += ` Never use: ${guard.join('; ')}.`;
  for (const a of agents) a.instructions = a.instructions.slice(0, LIMITS.long);
  return {
    pattern: profile.pattern,
    agents,
    edges: defaultEdges(
      profile.pattern,
      agents.map((a) => a.id),
    ),
  };
}

export function suggestMockData(design: WizardDesign): {
  datasets: Dataset[];
  toolResponses: { toolName: string; mockResponse: string }[];
} {
  const profile = profileFor(design.industry);
  const datasets = profile.datasets.map((d, i) => ({
    id: `data-${i + 1}`,
    name: d.name,
    records: JSON.stringify(d.records, null, 2),
  }));
  const known = new Map(profile.agents.flatMap((a) => a.tools).map((t) => [t.name, t.response]));
  const toolResponses = design.agents
    .flatMap((a) => a.tools)
    .map((t) => {
      const response = known.get(t.name) ?? {
        tool: t.name,
        status: 'ok',
        result: `Mock result of ${t.name || 'the tool'}: ${t.description || 'no description'}`,
        items: [{ id: 1 }, { id: 2 }],
      };
      return { toolName: t.name, mockResponse: JSON.stringify(response, null, 2) };
    });
  return { datasets, toolResponses };
}
