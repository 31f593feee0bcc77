/**
 * The Python side of a generated project, from the real modules under templates/: four are copied
 * as they are (they read the design from agents/workflow_design.json), and one module per agent is
 * filled in by pythonTemplate.ts, where user text reaches the code only as escaped literals,
 * checked identifiers or comment text. Everything longer (roles, instructions, mock data) lives in
 * the JSON files the code reads.
 */
import AGENT_PY from './templates/agent.py';
import AGENT_REGISTRY_PY from './templates/agent_registry.py';
import MAIN_PY from './templates/main.py';
import MOCK_TOOLS_PY from './templates/mock_tools.py';
import WORKFLOW_RUNTIME_PY from './templates/workflow_runtime.py';
import type { PlannedAgent, ProjectPlan } from './projectPlan';
import { fillTemplate } from './pythonTemplate';

export function agentModule(agent: PlannedAgent): string {
  return fillTemplate(AGENT_PY, {
    agent_id: agent.id,
    agent_name: agent.name,
    tool_idents: agent.tools.map((t) => t.ident),
    tools: agent.tools.map((t) => ({ tool_name: t.name, tool_ident: t.ident, tool_key: `${agent.module}.${t.ident}` })),
  });
}

const REQUIREMENTS =
  '# The Agentify decorators (python-decorators in the Agentify repository), with boto3 for the table.\n' +
  'agentify-decorators[dynamodb]\n';

export function pythonFiles(plan: ProjectPlan): Record<string, string> {
  const files: Record<string, string> = {
    'agents/main.py': MAIN_PY,
    'agents/workflow_runtime.py': WORKFLOW_RUNTIME_PY,
    'agents/mock_tools.py': MOCK_TOOLS_PY,
    'agents/agent_registry.py': AGENT_REGISTRY_PY,
    'agents/requirements.txt': REQUIREMENTS,
  };
  for (const agent of plan.agents) files[`agents/${agent.module}.py`] = agentModule(agent);
  return files;
}
