/**
 * The data side of a generated project: the design the Python runtime reads, the mock tool
 * responses and sample records, and `.agentify/config.json` (local endpoint by default so the demo
 * runs offline). All JSON, so user text is data and never code.
 */
import type { WizardDesign } from '../../protocol/ideationWizard';
import type { ProjectPlan } from './projectPlan';

export interface ConfigFileOptions {
  tableName: string;
  region: string;
  /** '' = AWS, 'local' = the embedded DynamoDB Local, or a URL. Default 'local'. */
  endpoint: string;
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

export function designJson(design: WizardDesign, plan: ProjectPlan): string {
  return json({
    title: plan.title,
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

export function dataFiles(design: WizardDesign, plan: ProjectPlan, config: ConfigFileOptions): Record<string, string> {
  const responses: Record<string, { agent: string; tool: string; response: unknown }> = {};
  for (const a of plan.agents) for (const t of a.tools) responses[`${a.module}.${t.ident}`] = { agent: a.name, tool: t.name, response: t.mockResponse };
  const files: Record<string, string> = {
    'agents/workflow_design.json': designJson(design, plan),
    'mock_data/tool_responses.json': json(responses),
    '.agentify/config.json': json({
      infrastructure: { dynamodb: { tableName: config.tableName, region: config.region, endpoint: config.endpoint } },
      workflow: { entry: 'agents/main.py' },
    }),
  };
  for (const d of plan.datasets) files[d.file] = json({ name: d.name, records: d.records });
  return files;
}
