/**
 * The data side of a generated project: the design the Python runtime reads, the mock tool
 * responses and sample records, and `.agentify/config.json`. The config carries the events table
 * the extension uses when the project is generated (or no table at all, so the settings apply): a
 * generated project never switches the user to another table or endpoint behind their back. All
 * JSON, so user text is data and never code.
 */
import type { WizardDesign } from '../../protocol/ideationWizard';
import type { ProjectPlan } from './projectPlan';

/** The events table settings in effect when the project is generated. */
export interface ConfigFileOptions {
  tableName: string;
  region: string;
  /** '' = AWS, 'local' = the embedded DynamoDB Local, or a URL. */
  endpoint: string;
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

export function designJson(design: WizardDesign, plan: ProjectPlan): string {
  return json({
    title: plan.title,
    project: plan.slug,
    default_prompt: plan.defaultPrompt,
    objective: design.objective,
    industry: design.industry,
    systems: design.systems,
    pattern: plan.pattern,
    order: plan.order,
    agents: plan.agents.map((a) => ({
      id: a.id,
      name: a.name,
      role: a.role,
      instructions: a.instructions,
      module: a.module,
      tools: a.tools.map((t) => ({ name: t.name, description: t.description, ident: t.ident })),
    })),
    edges: plan.edges,
    kpis: design.kpis.map((k) => ({ name: k.name, target: k.target })),
    guardrails: design.guardrails,
  });
}

/** `.agentify/config.json`: the entry point, and the table only when one is given. */
export function configJson(config: ConfigFileOptions | undefined): string {
  const infrastructure = config
    ? {
        infrastructure: { dynamodb: { tableName: config.tableName, region: config.region, endpoint: config.endpoint } },
      }
    : {};
  return json({ ...infrastructure, workflow: { entry: 'agents/main.py' } });
}

export function dataFiles(
  design: WizardDesign,
  plan: ProjectPlan,
  config: ConfigFileOptions | undefined,
): Record<string, string> {
  const responses: Record<string, { agent: string; tool: string; response: unknown }> = {};
  for (const a of plan.agents)
    for (const t of a.tools)
      responses[`${a.module}.${t.ident}`] = { agent: a.name, tool: t.name, response: t.mockResponse };
  const files: Record<string, string> = {
    'agents/workflow_design.json': designJson(design, plan),
    'mock_data/tool_responses.json': json(responses),
    '.agentify/config.json': configJson(config),
  };
  for (const d of plan.datasets) files[d.file] = json({ name: d.name, records: d.records });
  return files;
}
